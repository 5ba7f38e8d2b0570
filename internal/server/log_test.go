package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/researchpulse/pulse/internal/store"
)

// TestAccessLogRecordsRealStatus: the request log gives the status the
// client received, for errors decided by the error handler too.
func TestAccessLogRecordsRealStatus(t *testing.T) {
	env := newTestEnv(t)
	ctx := context.Background()
	trust, err := env.store.TrustByCode(ctx, "RM1")
	if err != nil {
		t.Fatal(err)
	}
	// A review whose questionnaire this server has not loaded: 503.
	source := []byte("id: gone\n")
	sum := sha256.Sum256(source)
	hash := hex.EncodeToString(sum[:])
	_, links, err := env.store.CreateReview(ctx, store.Review{Slug: "lost-2026", Title: "lost", QuestionnaireID: "gone",
		QuestionnaireVersion: "1", QuestionnaireHash: hash, Status: store.ReviewOpen,
		OpensAt: env.now.Add(-time.Hour), ClosesAt: env.now.Add(time.Hour)},
		store.QuestionnaireSource{Hash: hash, ID: "gone", Version: "1", File: "gone.yaml", Source: source}, []int64{trust.ID})
	if err != nil {
		t.Fatal(err)
	}
	d := env.device()
	tests := []struct {
		path, route string
		status      int
	}{
		{"/r/nosuchlink", "/r/:key", http.StatusNotFound},
		{linkPath(links[0].Key), "/r/:key", http.StatusServiceUnavailable},
		{linkPath(env.keyClosed), "/r/:key", http.StatusGone},
		{"/api/v1/reviews/nosuchlink", "/api/v1/reviews/:key", http.StatusNotFound},
		{"/", "/", http.StatusOK},
	}
	for _, tt := range tests {
		mustStatus(t, d.get(tt.path), tt.status)
		want := fmt.Sprintf("method=GET route=%s status=%d ", tt.route, tt.status)
		if !strings.Contains(env.logs.String(), want) {
			t.Errorf("GET %s: log lacks %q\n%s", tt.path, want, env.logs.String())
		}
	}
}
