package main

import (
	"context"
	_ "embed"
	"fmt"
	"strings"
	"time"

	"github.com/researchpulse/pulse/internal/admin"
	"github.com/researchpulse/pulse/internal/analysis"
	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

// The demo: the trusts of the example trust CSV (the format pulse trust
// import reads), two of which, one more and one less research-active,
// take part in an open review of the bundled questionnaire.
//
//go:embed demo/trusts.csv
var demoTrustsCSV string

// demoReviewTrusts are the codes of the trusts in the demo review.
var demoReviewTrusts = []string{"DEMO1", "DEMO2"}

const demoQuestionnaire = "research-engagement"

// seedDemo creates the demo trusts and an open demo review of the bundled
// questionnaire unless an open demo review exists. It is safe to run at
// every start: an existing demo review keeps its links, its answers and
// the questionnaire it was launched with, even after the file changes
// (reviews never change version under respondents); the command says when
// the file no longer matches.
func seedDemo(ctx context.Context, env *cliEnv, st *store.Store, qs []*survey.Questionnaire, now time.Time) error {
	q := findQuestionnaire(qs, demoQuestionnaire)
	existing, err := openDemo(ctx, st)
	switch {
	case err != nil:
		return err
	case existing != nil && q != nil && existing.QuestionnaireHash != q.Hash:
		fmt.Fprintf(env.stdout, "The demo review keeps the questionnaire it was launched with (version %s); %s has changed since. Use a new database for a demo of the edited file.\n",
			existing.QuestionnaireVersion, q.File)
		return nil
	case existing != nil:
		return nil
	case q == nil:
		return fmt.Errorf("demo: questionnaire %q not found or not valid", demoQuestionnaire)
	}
	trusts, err := admin.ParseTrustCSV(strings.NewReader(demoTrustsCSV))
	if err != nil {
		return fmt.Errorf("demo trusts: %w", err)
	}
	if _, err := st.ImportTrusts(ctx, trusts); err != nil {
		return fmt.Errorf("demo trusts: %w", err)
	}
	var ids []int64
	for _, code := range demoReviewTrusts {
		t, err := st.TrustByCode(ctx, code)
		if err != nil {
			return fmt.Errorf("demo trust: %w", err)
		}
		ids = append(ids, t.ID)
	}
	_, _, err = st.CreateReview(ctx, store.Review{
		Slug: "demo-" + q.Hash[:8], Title: "Demo research engagement review " + q.Version,
		QuestionnaireID: q.ID, QuestionnaireVersion: q.Version, QuestionnaireHash: q.Hash,
		OpensAt: now.Add(-time.Hour), ClosesAt: now.AddDate(1, 0, 0), Status: store.ReviewOpen,
		Rules: analysis.RulesFor(q),
	}, store.SourceOf(q), ids)
	if err != nil {
		return fmt.Errorf("demo review: %w", err)
	}
	return nil
}

// openDemo is the open demo review, or nil.
func openDemo(ctx context.Context, st *store.Store) (*store.Review, error) {
	reviews, err := st.ListReviews(ctx)
	if err != nil {
		return nil, err
	}
	for _, r := range reviews {
		if strings.HasPrefix(r.Slug, "demo-") && r.Status == store.ReviewOpen {
			return &r, nil
		}
	}
	return nil, nil
}

func findQuestionnaire(qs []*survey.Questionnaire, id string) *survey.Questionnaire {
	for _, q := range qs {
		if q.ID == id {
			return q
		}
	}
	return nil
}
