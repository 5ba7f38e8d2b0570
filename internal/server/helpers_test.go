package server

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

// testEnv is a real server over a real SQLite file, with the bundled
// questionnaire and a bilingual test questionnaire, two trusts and one
// open review of each questionnaire.
type testEnv struct {
	t       *testing.T
	store   *store.Store
	flow    *respond.Service
	srv     *httptest.Server
	logs    syncBuffer // everything the server logged
	dbPath  string
	now     time.Time
	bundled *survey.Questionnaire
	mini    *survey.Questionnaire
	// Review link keys: bundled questionnaire at the more and the less
	// research-active trust, the bilingual one, and a closed review.
	keyMore, keyLess, keyMini, keyClosed string
}

func newTestEnv(t *testing.T) *testEnv {
	t.Helper()
	ctx := context.Background()
	env := &testEnv{t: t, now: time.Date(2026, 11, 22, 14, 37, 12, 0, time.UTC)}
	clock := func() time.Time { return env.now }
	env.dbPath = filepath.Join(t.TempDir(), "pulse.db")
	st, err := store.Open(ctx, store.Config{Path: env.dbPath, Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	env.store = st
	env.bundled = mustLoad(t, "../../questionnaires/research-engagement.yaml")
	env.mini = mustLoad(t, "../survey/testdata/valid/mini.yaml")
	env.flow = respond.New(st, []*survey.Questionnaire{env.bundled, env.mini}, clock)
	env.seed(ctx)
	logger := slog.New(slog.NewTextHandler(&env.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	srv, err := New(Config{Store: st, Flow: env.flow, BaseURL: "http://pulse.test", Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	env.srv = httptest.NewServer(srv.Handler())
	t.Cleanup(env.srv.Close)
	return env
}

func mustLoad(t *testing.T, path string) *survey.Questionnaire {
	t.Helper()
	q, err := survey.LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func (env *testEnv) seed(ctx context.Context) {
	t := env.t
	more, err := env.store.CreateTrust(ctx, store.Trust{Code: "RM1", Name: "Northfield Hospitals NHS Trust", Nation: "england", Quintile: 1})
	if err != nil {
		t.Fatal(err)
	}
	less, err := env.store.CreateTrust(ctx, store.Trust{Code: "RL4", Name: "Southmoor Community Health NHS Trust", Nation: "england", Quintile: 4})
	if err != nil {
		t.Fatal(err)
	}
	open := func(slug string, q *survey.Questionnaire, status string, trusts ...int64) []store.ReviewLink {
		_, links, err := env.store.CreateReview(ctx, store.Review{
			Slug: slug, Title: slug, QuestionnaireID: q.ID, QuestionnaireVersion: q.Version, QuestionnaireHash: q.Hash,
			OpensAt: env.now.Add(-24 * time.Hour), ClosesAt: env.now.Add(30 * 24 * time.Hour), Status: status,
		}, trusts)
		if err != nil {
			t.Fatal(err)
		}
		return links
	}
	links := open("review-2026", env.bundled, store.ReviewOpen, more.ID, less.ID)
	env.keyMore, env.keyLess = links[0].Key, links[1].Key
	if links[0].Trust.ID != more.ID {
		env.keyMore, env.keyLess = links[1].Key, links[0].Key
	}
	env.keyMini = open("mini-2026", env.mini, store.ReviewOpen, more.ID)[0].Key
	env.keyClosed = open("closed-2025", env.bundled, store.ReviewClosed, less.ID)[0].Key
}

// client returns an HTTP client with its own cookie jar (one "device") that
// does not follow redirects, so tests can assert them.
func (env *testEnv) client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// syncBuffer collects log output written from request goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
