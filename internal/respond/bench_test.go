package respond_test

import (
	"context"
	"log/slog"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

// BenchmarkSave measures Service.Save of one page on a real SQLite file
// (synchronous=FULL): load the state, validate, apply the branching and
// commit. Each iteration saves the first page again with a new
// idempotency key.
func BenchmarkSave(b *testing.B) {
	ctx := context.Background()
	st, err := store.Open(ctx, store.Config{Path: filepath.Join(b.TempDir(), "bench.db"), Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if p, err := st.Pragmas(ctx); err != nil || p.Synchronous != 2 {
		b.Fatalf("synchronous = %d (%v), want 2 (FULL)", p.Synchronous, err)
	}
	q, err := survey.LoadFile("../../questionnaires/research-engagement.yaml")
	if err != nil {
		b.Fatal(err)
	}
	tr, err := st.CreateTrust(ctx, store.Trust{Code: "RB1", Name: "Bench Trust", Nation: store.NationEngland, Quintile: 2})
	if err != nil {
		b.Fatal(err)
	}
	now := time.Now()
	_, links, err := st.CreateReview(ctx, store.Review{Slug: "bench", Title: "Bench", QuestionnaireID: q.ID, QuestionnaireVersion: q.Version,
		QuestionnaireHash: q.Hash, OpensAt: now.Add(-time.Hour), ClosesAt: now.Add(24 * time.Hour), Status: store.ReviewOpen}, []int64{tr.ID})
	if err != nil {
		b.Fatal(err)
	}
	flow := respond.New(st, []*survey.Questionnaire{q}, time.Now)
	state, _, err := flow.Start(ctx, links[0].Key, "en", true)
	if err != nil {
		b.Fatal(err)
	}
	values := map[string][]string{"A01": {"nurse"}, "A02": {"band_6"}}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		out, err := flow.Save(ctx, state.Response.ID, "your_role", respond.Input{Key: "bench-" + strconv.Itoa(i), Values: values})
		if err != nil || !out.Saved() {
			b.Fatalf("save: %v %v", err, out.Errors)
		}
	}
}
