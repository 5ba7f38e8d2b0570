package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

// BenchmarkAPISavePage measures one page save through the real router
// over HTTP (loopback) on a real SQLite file with synchronous=FULL: the
// bearer lookup, validation, branching, the committed write and the next
// page. Each iteration saves the first page again with a new idempotency
// key, so every one is a real write.
func BenchmarkAPISavePage(b *testing.B) {
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
	flow := respond.New(st, []*survey.Questionnaire{q}, time.Now)
	key := benchReview(b, st, q)
	srv, err := New(Config{Store: st, Flow: flow})
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	state, code, err := flow.Start(ctx, key, "en", true)
	if err != nil {
		b.Fatal(err)
	}
	url := ts.URL + "/api/v1/responses/" + state.Response.ID + "/pages/your_role"
	body, _ := json.Marshal(map[string]any{"answers": map[string]any{"A01": "nurse", "A02": "band_6"}})
	client := ts.Client()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		req, _ := http.NewRequest(http.MethodPut, url, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+code)
		req.Header.Set("Idempotency-Key", "bench-"+strconv.Itoa(i))
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("status %d", resp.StatusCode)
		}
	}
}

func benchReview(b *testing.B, st *store.Store, q *survey.Questionnaire) string {
	ctx := context.Background()
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
	return links[0].Key
}
