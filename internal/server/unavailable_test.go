package server

import (
	"context"
	"database/sql"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"github.com/researchpulse/pulse/internal/loadgen"
	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/server/servertest"
	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

// faultEnv is a real server over the fixture's SQLite file, through a
// store opened with cfg (say, a size limit), and a second, plain SQLite
// connection to the same file that plays another process.
type faultEnv struct {
	*testEnv
	other *sql.DB
}

func newFaultEnv(t *testing.T, prepare func(other *sql.DB) store.Config) *faultEnv {
	t.Helper()
	f := servertest.New(t)
	other, err := sql.Open("sqlite3", "file:"+f.DBPath+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	other.SetMaxOpenConns(1)
	t.Cleanup(func() { other.Close() })
	env := &testEnv{t: t, fix: f, dbPath: f.DBPath, now: servertest.Start,
		bundled: f.Bundled, mini: f.Mini, keyMore: f.KeyMore, keyLess: f.KeyLess, keyMini: f.KeyMini, keyClosed: f.KeyClosed,
		careers: f.Careers, keyCareers: f.KeyCareers}
	logger := slog.New(slog.NewTextHandler(&env.logs, nil))
	cfg := prepare(other)
	cfg.Path, cfg.Now, cfg.Logger = f.DBPath, f.Now, logger
	st, err := store.Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	flow := respond.New(st, []*survey.Questionnaire{f.Bundled, f.Mini, f.Careers}, f.Now)
	env.store, env.flow = st, flow
	srv, err := New(Config{Store: st, Flow: flow, BaseURL: "http://pulse.test", Logger: logger, ClientLimit: -1})
	if err != nil {
		t.Fatal(err)
	}
	env.srv = httptest.NewServer(srv.Handler())
	t.Cleanup(env.srv.Close)
	return &faultEnv{testEnv: env, other: other}
}

// roles alternate so that every save of the first page is a change.
var roles = []string{"nurse", "midwife"}

// saveUntil PUTs the first page with alternating answers until the
// server answers want (at most tries times); it returns that reply and
// the answers of the last save that was acknowledged.
func (s *apiSession) saveUntil(t *testing.T, want, tries int) (apiReply, string) {
	t.Helper()
	acked := ""
	for i := range tries {
		role := roles[i%2]
		r := s.put("your_role", map[string]any{"answers": map[string]any{"A01": role, "A02": "band_5"}, "confirm_clear": true})
		switch r.status {
		case want:
			return r, acked
		case http.StatusOK:
			acked = role
		default:
			t.Fatalf("save: %d %s", r.status, r.body)
		}
	}
	t.Fatalf("no %d after %d saves", want, tries)
	return apiReply{}, ""
}

// postUntil posts the first page as a browser until the server answers
// want; it returns that reply and the role sent with it.
func (d *device) postUntil(path string, want, tries int) (reply, string) {
	d.t.Helper()
	for i := range tries {
		role := roles[i%2]
		r := d.submitPage(path, form("A01", role, "A02", "band_5"))
		switch r.status {
		case want:
			return r, role
		case http.StatusSeeOther:
		default:
			d.t.Fatalf("post %s: %d %s", path, r.status, excerpt(r.body))
		}
	}
	d.t.Fatalf("no %d after %d posts", want, tries)
	return reply{}, ""
}

// checkNotSavedPage checks the page a browser gets back when its answers
// could not be saved: a 503 with Retry-After, the question page again
// with the answers as typed, and an error summary saying so.
func checkNotSavedPage(t *testing.T, r reply, role, retry string) {
	t.Helper()
	if r.header.Get("Retry-After") != retry {
		t.Errorf("page not saved: Retry-After %q, want %q", r.header.Get("Retry-After"), retry)
	}
	mustContain(t, r.body, "<title>Error: ", "nhsuk-error-summary", "have not been saved, because of a problem with the service",
		`value="`+role+`" checked`, `value="band_5" checked`)
	if strings.Contains(r.body, "database") || strings.Contains(r.body, "SQL") {
		t.Errorf("the page names the database fault:\n%s", excerpt(r.body))
	}
}

// checkNotSavedAPI checks an API 503: Retry-After and the not_saved code.
func checkNotSavedAPI(t *testing.T, r apiReply, retry string) {
	t.Helper()
	if r.header.Get("Retry-After") != retry {
		t.Errorf("API not saved: Retry-After %q, want %q", r.header.Get("Retry-After"), retry)
	}
	var e apiError
	if err := json.Unmarshal(r.body, &e); err != nil || e.Error.Code != "not_saved" {
		t.Errorf("API not saved: body %s, want code not_saved", r.body)
	}
	if strings.Contains(string(r.body), "disk") || strings.Contains(string(r.body), "database or") {
		t.Errorf("the API names the database fault: %s", r.body)
	}
}

// verifyAcks checks that every acknowledged save of the load runs is
// stored exactly once as sent.
func verifyAcks(t *testing.T, st *store.Store, acks []loadgen.Ack) {
	t.Helper()
	check, err := loadgen.Verify(context.Background(), st, acks)
	if err != nil {
		t.Fatal(err)
	}
	if !check.OK() {
		t.Errorf("acknowledged saves lost or changed: missing %v, duplicated %v, wrong %v", check.Missing, check.Duplicated, check.Wrong)
	}
}

// TestDiskFullNotSavedThenResumes fills a size-limited database under load
// from API and browser respondents: saves the disk cannot take are 503
// "not saved" with Retry-After (a browser keeps its typed answers on the
// page), every save acknowledged before is stored, and once space is freed
// (by another connection, as an operator would) saving works again on the
// same server without a restart.
func TestDiskFullNotSavedThenResumes(t *testing.T) {
	env := newFaultEnv(t, func(other *sql.DB) store.Config {
		// Ballast that "freeing space" will delete later, then a limit a
		// few pages above the file's size.
		mustExec(t, other, "CREATE TABLE fault_ballast (b BLOB)")
		for range 160 { // 640 KiB to free: ample room for the load after
			mustExec(t, other, "INSERT INTO fault_ballast VALUES (randomblob(3500))")
		}
		var pages int
		if err := other.QueryRow("PRAGMA page_count").Scan(&pages); err != nil {
			t.Fatal(err)
		}
		return store.Config{MaxPageCount: pages + 6}
	})
	api := env.apiStart(env.keyMore, map[string]any{})
	browser := env.device()
	first := browser.start(env.keyLess)

	res, err := loadgen.Run(context.Background(), loadgen.Config{BaseURL: env.srv.URL, Links: []string{env.keyMore, env.keyLess},
		Clients: 8, Duration: 1500 * time.Millisecond, HTML: 0.5, Seed: 12})
	if err != nil {
		t.Fatal(err)
	}
	notSaved := 0
	for what, n := range res.Errors {
		if strings.HasSuffix(what, "503") || strings.Contains(what, "503 Service Unavailable") {
			notSaved += n
		} else {
			t.Errorf("load while filling the disk: %d × %s, want only 503s", n, what)
		}
	}
	t.Logf("filling: %d saves acknowledged, %d requests answered 503", res.Saves, notSaved)
	if notSaved == 0 {
		t.Fatal("the load never filled the database")
	}

	full, acked := api.saveUntil(t, http.StatusServiceUnavailable, 200)
	checkNotSavedAPI(t, full, "60")
	if acked != "" {
		if got := api.snapshot().Answers["A01"].Codes; len(got) != 1 || got[0] != acked {
			t.Errorf("after a 503, A01 is %v, want the last acknowledged %q", got, acked)
		}
	}
	page, role := browser.postUntil(first, http.StatusServiceUnavailable, 200)
	checkNotSavedPage(t, page, role, "60")
	if !strings.Contains(env.logs.String(), "full") {
		t.Errorf("the log does not say the database is full:\n%s", env.logs.String())
	}

	mustExec(t, env.other, "DELETE FROM fault_ballast") // space is back, the server still running
	if r := api.put("your_role", map[string]any{"answers": map[string]any{"A01": "consultant", "A02": "band_5"}, "confirm_clear": true}); r.status != http.StatusOK {
		t.Fatalf("API save after space was freed: %d %s", r.status, r.body)
	}
	if r := browser.submitPage(first, form("A01", "consultant", "A02", "band_5")); r.status != http.StatusSeeOther {
		t.Fatalf("page save after space was freed: %d %s", r.status, excerpt(r.body))
	}
	again, err := loadgen.Run(context.Background(), loadgen.Config{BaseURL: env.srv.URL, Links: []string{env.keyMore, env.keyLess},
		Clients: 8, Duration: 500 * time.Millisecond, Requests: 300, HTML: 0.5, Seed: 13})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("after freeing space: %d saves acknowledged, errors %v", again.Saves, again.Errors)
	if len(again.Errors) > 0 || again.Saves == 0 {
		t.Errorf("after space was freed: %d saves, errors %v; want saves and no errors", again.Saves, again.Errors)
	}
	verifyAcks(t, env.store, append(res.Acks, again.Acks...))
}

// TestHeldWriteLockAnswers503 holds SQLite's write lock from another
// connection (as a long transaction in another process would) while API
// and browser respondents save: each gets a prompt 503 with Retry-After,
// pages still load, and once the lock is released saving works again.
func TestHeldWriteLockAnswers503(t *testing.T) {
	env := newFaultEnv(t, func(*sql.DB) store.Config { return store.Config{} })
	sessions := make([]*apiSession, 6)
	for i := range sessions {
		sessions[i] = env.apiStart(env.keyMore, map[string]any{})
	}
	browser := env.device()
	first := browser.start(env.keyLess)
	pageForm := hiddenFields(browser.get(first).body)

	ctx := context.Background()
	lock, err := env.other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close()
	if _, err := lock.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}

	// Every respondent saves at once; none may hang.
	const bound = 10 * time.Second // the wait allowed is 3 s for the writer and 2 s for the lock
	type outcome struct {
		status int
		retry  string
		took   time.Duration
	}
	outcomes := make([]outcome, len(sessions))
	var wg sync.WaitGroup
	for i, s := range sessions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := strings.NewReader(`{"answers":{"A01":"nurse","A02":"band_5"}}`)
			req, _ := http.NewRequest(http.MethodPut, env.srv.URL+"/api/v1/responses/"+s.id+"/pages/your_role", body)
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+s.code)
			req.Header.Set("Idempotency-Key", newKey())
			t0 := time.Now()
			res, err := (&http.Client{Timeout: 2 * bound}).Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			res.Body.Close()
			outcomes[i] = outcome{res.StatusCode, res.Header.Get("Retry-After"), time.Since(t0)}
		}()
	}
	t0 := time.Now()
	page := browser.post(first, mergeForm(pageForm, form("A01", "midwife", "A02", "band_5")))
	pageTook := time.Since(t0)
	wg.Wait()
	slowest := time.Duration(0)
	for i, o := range outcomes {
		slowest = max(slowest, o.took)
		if o.status != http.StatusServiceUnavailable || o.retry != "5" || o.took > bound {
			t.Errorf("API save %d under a held lock: %d, Retry-After %q, after %s; want 503, 5, within %s", i, o.status, o.retry, o.took, bound)
		}
	}
	if page.status != http.StatusServiceUnavailable || pageTook > bound {
		t.Errorf("page save under a held lock: %d after %s; want 503 within %s", page.status, pageTook, bound)
	}
	checkNotSavedPage(t, page, "midwife", "5")
	t.Logf("under a held lock: %d API saves answered 503 within %s; the page within %s", len(outcomes), slowest.Round(time.Millisecond), pageTook.Round(time.Millisecond))
	if r := browser.get(first); r.status != http.StatusOK {
		t.Errorf("reading a page under a held lock: %d, want 200", r.status)
	}
	if got := browser.answers(env.keyLess); len(got) != 0 {
		t.Errorf("answers stored under a held lock: %v", got)
	}

	if _, err := lock.ExecContext(ctx, "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	for _, s := range sessions {
		s.save("your_role", map[string]any{"A01": "nurse", "A02": "band_5"})
	}
	if r := browser.submitPage(first, form("A01", "midwife", "A02", "band_5")); r.status != http.StatusSeeOther {
		t.Fatalf("page save after the lock was released: %d %s", r.status, excerpt(r.body))
	}
	if got := browser.answers(env.keyLess)["A01"].Codes; len(got) != 1 || got[0] != "midwife" {
		t.Errorf("after the lock was released, A01 = %v, want midwife", got)
	}
}

func mustExec(t *testing.T, db *sql.DB, query string) {
	t.Helper()
	if _, err := db.Exec(query); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

func mergeForm(a, b url.Values) url.Values {
	out := url.Values{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}
