package respond

import (
	"context"
	"fmt"

	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

// StoredQuestionnaires loads the questionnaires reviews were launched with
// from the store, never from files: editing or deleting a file cannot
// change or stop a running review. A stored source that no longer loads
// (the format rules tightened since) is returned as a problem, and only
// the reviews using it become unavailable.
func StoredQuestionnaires(ctx context.Context, st *store.Store) ([]*survey.Questionnaire, []error, error) {
	sources, err := st.QuestionnaireSources(ctx)
	if err != nil {
		return nil, nil, err
	}
	var (
		qs       []*survey.Questionnaire
		problems []error
	)
	for _, src := range sources {
		q, err := survey.Parse(src.File, src.Source)
		if err != nil {
			problems = append(problems, fmt.Errorf("stored questionnaire %s %s (%.12s): %w", src.ID, src.Version, src.Hash, err))
			continue
		}
		qs = append(qs, q)
	}
	return qs, problems, nil
}

// AdoptQuestionnaires stores the source of each loaded questionnaire that
// a review uses but whose source is not stored yet: reviews created before
// sources were kept take the file with the hash they pinned.
func AdoptQuestionnaires(ctx context.Context, st *store.Store, qs []*survey.Questionnaire) error {
	missing, err := st.UnstoredQuestionnaires(ctx)
	if err != nil {
		return err
	}
	for _, hash := range missing {
		for _, q := range qs {
			if q.Hash == hash {
				if err := st.SaveQuestionnaire(ctx, store.SourceOf(q)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
