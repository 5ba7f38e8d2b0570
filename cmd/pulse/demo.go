package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/researchpulse/pulse/internal/analysis"
	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

// The demo: two trusts, one more and one less research-active, taking part
// in an open review of the bundled questionnaire.
var demoTrusts = []store.Trust{
	{Code: "DEMO1", Name: "Northfield Teaching Hospitals NHS Trust", Nation: "england", Quintile: 1},
	{Code: "DEMO2", Name: "Southmoor Community Health NHS Trust", Nation: "england", Quintile: 4},
}

const demoQuestionnaire = "research-engagement"

// seedDemo creates the demo trusts and review unless they exist. It is safe
// to run at every start: an existing demo review keeps its links and
// answers. When the questionnaire file has changed since, a new demo review
// pins the new version (reviews never change version under respondents).
func seedDemo(ctx context.Context, st *store.Store, qs []*survey.Questionnaire, now time.Time) error {
	q := findQuestionnaire(qs, demoQuestionnaire)
	if q == nil {
		return fmt.Errorf("demo: questionnaire %q not found", demoQuestionnaire)
	}
	var ids []int64
	for _, t := range demoTrusts {
		saved, err := st.UpsertTrust(ctx, t)
		if err != nil {
			return fmt.Errorf("demo trust: %w", err)
		}
		ids = append(ids, saved.ID)
	}
	slug := "demo-" + q.Hash[:8]
	if err := closeOldDemos(ctx, st, slug); err != nil {
		return err
	}
	if _, err := st.ReviewBySlug(ctx, slug); err == nil || !errors.Is(err, store.ErrNotFound) {
		return err
	}
	_, _, err := st.CreateReview(ctx, store.Review{
		Slug: slug, Title: "Demo research engagement review " + q.Version,
		QuestionnaireID: q.ID, QuestionnaireVersion: q.Version, QuestionnaireHash: q.Hash,
		OpensAt: now.Add(-time.Hour), ClosesAt: now.AddDate(1, 0, 0), Status: store.ReviewOpen,
		Rules: analysis.RulesFor(q),
	}, ids)
	if err != nil {
		return fmt.Errorf("demo review: %w", err)
	}
	return nil
}

// closeOldDemos closes demo reviews of earlier questionnaire versions, so
// only the current demo is offered.
func closeOldDemos(ctx context.Context, st *store.Store, current string) error {
	reviews, err := st.ListReviews(ctx)
	if err != nil {
		return err
	}
	for _, r := range reviews {
		if strings.HasPrefix(r.Slug, "demo-") && r.Slug != current && r.Status == store.ReviewOpen {
			if err := st.SetReviewStatus(ctx, r.ID, store.ReviewClosed); err != nil {
				return fmt.Errorf("close old demo review: %w", err)
			}
		}
	}
	return nil
}

func findQuestionnaire(qs []*survey.Questionnaire, id string) *survey.Questionnaire {
	for _, q := range qs {
		if q.ID == id {
			return q
		}
	}
	return nil
}
