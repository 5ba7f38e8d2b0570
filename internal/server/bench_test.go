package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/server/servertest"
)

// BenchmarkPageSave measures saving the first page of the bundled
// questionnaire on a real SQLite file with synchronous=FULL, side by side
// in one run: "flow" is respond.Service.Save (load, validate, branching,
// committed write); "api" is the same through the real router over HTTP on
// loopback (bearer lookup, JSON, the next page). Every iteration uses a new
// idempotency key, so every one is a real write.
func BenchmarkPageSave(b *testing.B) {
	f := servertest.New(b)
	ctx := context.Background()
	if p, err := f.Store.Pragmas(ctx); err != nil || p.Synchronous != 2 {
		b.Fatalf("synchronous = %d (%v); want 2 (FULL)", p.Synchronous, err)
	}
	srv, err := New(Config{Store: f.Store, Flow: f.Flow})
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	state, code, err := f.Flow.Start(ctx, f.KeyMore, "en", true)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("flow", func(b *testing.B) {
		values := map[string][]string{"A01": {"nurse"}, "A02": {"band_6"}}
		for i := 0; b.Loop(); i++ {
			out, err := f.Flow.Save(ctx, state.Response.ID, "your_role", respond.Input{Key: "flow-" + strconv.Itoa(i), Values: values})
			if err != nil || !out.Saved() {
				b.Fatalf("save: %v %v", err, out.Errors)
			}
		}
	})
	b.Run("api", func(b *testing.B) {
		url := ts.URL + "/api/v1/responses/" + state.Response.ID + "/pages/your_role"
		body, _ := json.Marshal(map[string]any{"answers": map[string]any{"A01": "nurse", "A02": "band_6"}})
		for i := 0; b.Loop(); i++ {
			req, _ := http.NewRequest(http.MethodPut, url, bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+code)
			req.Header.Set("Idempotency-Key", "api-"+strconv.Itoa(i))
			resp, err := ts.Client().Do(req)
			if err != nil {
				b.Fatal(err)
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				b.Fatalf("status %d", resp.StatusCode)
			}
		}
	})
}
