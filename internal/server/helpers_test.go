package server

import (
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/server/servertest"
	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

// testEnv is a real server over a real SQLite file, with the bundled
// questionnaire and a bilingual test questionnaire, two trusts and one
// open review of each questionnaire.
type testEnv struct {
	t       *testing.T
	fix     *servertest.Fixture // its clock is the server's
	store   *store.Store
	flow    *respond.Service
	srv     *httptest.Server
	server  *Server
	logs    servertest.Buffer // everything the server logged
	dbPath  string
	now     time.Time // the store's clock (servertest.Start)
	bundled *survey.Questionnaire
	mini    *survey.Questionnaire
	// Review link keys: bundled questionnaire at the more and the less
	// research-active trust, the bilingual one, and a closed review.
	keyMore, keyLess, keyMini, keyClosed string
	careers                              *survey.Questionnaire
	keyCareers                           string
}

func newTestEnv(t *testing.T) *testEnv {
	t.Helper()
	f := servertest.New(t)
	env := &testEnv{t: t, fix: f, store: f.Store, flow: f.Flow, dbPath: f.DBPath, now: servertest.Start,
		bundled: f.Bundled, mini: f.Mini, keyMore: f.KeyMore, keyLess: f.KeyLess, keyMini: f.KeyMini, keyClosed: f.KeyClosed,
		careers: f.Careers, keyCareers: f.KeyCareers}
	logger := slog.New(slog.NewTextHandler(&env.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	// Respondent requests take turns, two at once, as pulse serve's on a
	// SQLite file of a two-processor machine.
	srv, err := New(Config{Store: f.Store, Flow: f.Flow, BaseURL: "http://pulse.test", Logger: logger, Turns: 2})
	if err != nil {
		t.Fatal(err)
	}
	env.server = srv
	env.srv = httptest.NewServer(srv.Handler())
	t.Cleanup(env.srv.Close)
	return env
}

// client returns an HTTP client with its own cookie jar (one "device") that
// does not follow redirects, so tests can assert them.
func (env *testEnv) client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}
