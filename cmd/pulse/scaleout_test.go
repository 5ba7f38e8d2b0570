package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/researchpulse/pulse/internal/loadgen"
	"github.com/researchpulse/pulse/internal/pgtest"
	"github.com/researchpulse/pulse/internal/store"
)

// balancer is the load balancer of the scale-out test: every request goes
// to the next server in turn (no sticky sessions, the hardest case), so
// each respondent's pages, saves and resumes alternate between servers.
// Every dupEvery-th save that carries an idempotency key (the API's
// header or the forms' hidden field) is sent to one server and then again
// to the other, as a retry after a lost answer would be; the second
// answer, which the client gets, must be the first one replayed.
type balancer struct {
	backends []string
	client   *http.Client
	next     atomic.Uint64
	keyed    atomic.Uint64
	served   []atomic.Int64
	dupes    atomic.Int64
	mu       sync.Mutex
	wrong    []string // retries not answered as replays of the first
}

const dupEvery = 5

func newBalancer(backends ...string) *balancer {
	return &balancer{backends: backends, served: make([]atomic.Int64, len(backends)), client: &http.Client{
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

type relayed struct {
	status int
	header http.Header
	body   []byte
}

func (b *balancer) forward(i int, r *http.Request, body []byte) (relayed, error) {
	req, err := http.NewRequestWithContext(r.Context(), r.Method, b.backends[i]+r.URL.RequestURI(), bytes.NewReader(body))
	if err != nil {
		return relayed{}, err
	}
	req.Header = r.Header.Clone()
	res, err := b.client.Do(req)
	if err != nil {
		return relayed{}, err
	}
	defer res.Body.Close()
	out, err := io.ReadAll(res.Body)
	b.served[i].Add(1)
	return relayed{status: res.StatusCode, header: res.Header, body: out}, err
}

func (b *balancer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	i := int(b.next.Add(1) % uint64(len(b.backends)))
	res, err := b.forward(i, r, body)
	if err == nil && len(b.backends) > 1 && hasKey(r, body) && b.keyed.Add(1)%dupEvery == 0 && res.status < 400 {
		var again relayed
		if again, err = b.forward(1-i, r, body); err == nil {
			b.dupes.Add(1)
			b.compare(r, res, again)
			res = again
		}
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	for k, v := range res.header {
		w.Header()[k] = v
	}
	w.WriteHeader(res.status)
	_, _ = w.Write(res.body)
}

// hasKey reports whether a save carries an idempotency key.
func hasKey(r *http.Request, body []byte) bool {
	if r.Method != http.MethodPost && r.Method != http.MethodPut {
		return false
	}
	if r.Header.Get("Idempotency-Key") != "" {
		return true
	}
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		return false
	}
	v, err := url.ParseQuery(string(body))
	return err == nil && v.Get("key") != ""
}

// compare checks that the second server answered the retry as a replay
// of the first: the same status and redirect, and for the API the same
// outcome marked replayed.
func (b *balancer) compare(r *http.Request, first, again relayed) {
	problem := ""
	switch {
	case first.status != again.status:
		problem = fmt.Sprintf("status %d then %d", first.status, again.status)
	case first.header.Get("Location") != again.header.Get("Location"):
		problem = fmt.Sprintf("redirect %q then %q", first.header.Get("Location"), again.header.Get("Location"))
	case strings.HasPrefix(r.URL.Path, "/api/"):
		var a, c map[string]any
		if json.Unmarshal(first.body, &a) != nil || json.Unmarshal(again.body, &c) != nil {
			problem = "unreadable JSON"
			break
		}
		if c["replayed"] != true {
			problem = "the retry was not answered as a replay"
		}
		delete(a, "replayed")
		delete(c, "replayed")
		if fmt.Sprint(a) != fmt.Sprint(c) {
			problem += "; the replay differs from the first answer"
		}
	}
	if problem != "" {
		b.mu.Lock()
		b.wrong = append(b.wrong, r.Method+" "+r.URL.Path+": "+problem)
		b.mu.Unlock()
	}
}

// postgresTestURL is a PostgreSQL URL on a fresh schema of its own,
// dropped at cleanup; the test is skipped without PULSE_TEST_POSTGRES_DSN.
func postgresTestURL(t *testing.T) string {
	t.Helper()
	return pgtest.Schema(t, "pulse_scale")
}

var listeningRE = regexp.MustCompile(`listening on (http://127\.0\.0\.1:\d+)`)

// instance is one running `pulse serve`.
type instance struct {
	benchServer
	out, log *lockedBuffer // standard output; the log on standard error
}

// startInstance starts the binary; databaseURL "" means the SQLite file db.
func startInstance(t *testing.T, bin, databaseURL, db string, demo bool) *instance {
	t.Helper()
	args := []string{"serve", "--addr", "127.0.0.1:0", "--questionnaires", "../../questionnaires", "--client-limit", "-1", "--db", db}
	if demo {
		args = append(args, "--demo")
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "PULSE_DATABASE_URL="+databaseURL)
	in := &instance{out: &lockedBuffer{}, log: &lockedBuffer{}}
	cmd.Stdout, cmd.Stderr = in.out, in.log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	in.cmd, in.done = cmd, make(chan error, 1)
	go func() { in.done <- cmd.Wait() }()
	t.Cleanup(func() { _ = cmd.Process.Kill() }) // a no-op once it has stopped
	return in
}

// waitListening waits for an instance without links of its own to answer
// /readyz.
func (in *instance) waitListening(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-in.done:
			t.Fatalf("server stopped before it was ready: %v\n%s", err, in.out.String())
		case <-time.After(50 * time.Millisecond):
		}
		m := listeningRE.FindStringSubmatch(in.out.String())
		if m == nil {
			continue
		}
		if res, err := http.Get(m[1] + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				in.base = m[1]
				return
			}
		}
	}
	t.Fatalf("server not ready within 60 s:\n%s", in.out.String())
}

// scaleLoad is the load both runs get.
func scaleLoad(base string, links []string) loadgen.Config {
	return loadgen.Config{BaseURL: base, Links: links, Clients: 16, Duration: 5 * time.Second, HTML: 0.5, Seed: 12}
}

// figures is one run's line for the log.
func figures(name string, r loadgen.Result, c loadgen.Check) string {
	secs := r.Elapsed.Seconds()
	return fmt.Sprintf("%-26s %5d saves (%4.0f/s), %5d answers, %4d submitted; save p50 %5.1f ms p95 %5.1f ms; page p50 API %5.1f ms HTML %5.1f ms; errors %s; verified %d: %d missing, %d duplicated, %d wrong",
		name, r.Saves, float64(r.Saves)/secs, r.Answers, r.Submitted,
		ms(r.SaveLatency.Quantile(0.5)), ms(r.SaveLatency.Quantile(0.95)), ms(r.APIPage.Quantile(0.5)), ms(r.HTMLPage.Quantile(0.5)),
		errorList(r.Errors), c.Acknowledged, len(c.Missing), len(c.Duplicated), len(c.Wrong))
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// TestTwoServersOnePostgres is the scale-out test: two real `pulse serve`
// binaries started at the same moment on one empty PostgreSQL database
// (so they migrate it at once), one load run split across both by a
// round-robin balancer, with every fifth keyed save also retried on the
// other server. Every acknowledged save must be stored exactly once with
// what was sent, each retry answered as a replay, every resume code open
// the response on either server, and an admin session made on one server
// hold on the other. The same load on one server over SQLite, through the
// same balancer, is run beside it for comparison.
func TestTwoServersOnePostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the real binary twice; skipped with -short")
	}
	pg := postgresTestURL(t)
	bin := buildPulse(t, "")
	ctx := context.Background()

	a := startInstance(t, bin, pg, "", true)
	b := startInstance(t, bin, pg, "", false)
	if err := a.waitReady(a.out); err != nil {
		t.Fatal(err)
	}
	b.waitListening(t)
	lb := newBalancer(a.base, b.base)
	front := httptest.NewServer(lb)
	defer front.Close()
	res, err := loadgen.Run(ctx, scaleLoad(front.URL, a.links))
	if err != nil {
		t.Fatal(err)
	}
	resumeEverywhere(t, res.Codes, a.base, b.base)
	adminSessionEverywhere(t, a, b)
	for _, in := range []*instance{a, b} {
		if err := in.stop(); err != nil {
			t.Errorf("stop: %v\n%s", err, in.log.String())
		}
	}
	st, err := store.Open(ctx, store.Config{Driver: store.DriverPostgres, DSN: pg})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	check, err := loadgen.Verify(ctx, st, res.Acks)
	if err != nil {
		t.Fatal(err)
	}
	pgLine := figures("PostgreSQL, 2 servers", res, check)
	split := fmt.Sprintf("requests served: %d by one server, %d by the other; %d saves retried on the other server",
		lb.served[0].Load(), lb.served[1].Load(), lb.dupes.Load())
	switch {
	case !check.OK():
		t.Errorf("acknowledged saves lost or changed across two servers: missing %v, duplicated %v, wrong %v", check.Missing, check.Duplicated, check.Wrong)
	case res.Saves == 0 || res.Submitted == 0:
		t.Errorf("the load did not run: %s", pgLine)
	case lb.dupes.Load() == 0:
		t.Error("no save was retried on the other server")
	}
	if len(lb.wrong) > 0 {
		t.Errorf("%d retries on the other server were not replays, e.g. %s", len(lb.wrong), lb.wrong[0])
	}
	if n0, n1 := lb.served[0].Load(), lb.served[1].Load(); min(n0, n1)*3 < max(n0, n1) {
		t.Errorf("load not split: %s", split)
	}

	// The same load on one server over SQLite, through the same balancer.
	db := filepath.Join(t.TempDir(), "pulse.db")
	one := startInstance(t, bin, "", db, true)
	if err := one.waitReady(one.out); err != nil {
		t.Fatal(err)
	}
	single := httptest.NewServer(newBalancer(one.base))
	defer single.Close()
	sres, err := loadgen.Run(ctx, scaleLoad(single.URL, one.links))
	if err != nil {
		t.Fatal(err)
	}
	if err := one.stop(); err != nil {
		t.Fatal(err)
	}
	scheck, err := verifyBench(ctx, db, sres.Acks)
	if err != nil {
		t.Fatal(err)
	}
	if !scheck.OK() {
		t.Errorf("SQLite run lost acknowledged saves: %v %v %v", scheck.Missing, scheck.Duplicated, scheck.Wrong)
	}
	t.Logf("16 clients, 5 s, half HTML forms, seed 12, through a round-robin balancer:\n%s\n%s\n%s",
		pgLine, figures("SQLite, 1 server", sres, scheck), split)
}

// resumeEverywhere opens responses by resume code on both servers.
func resumeEverywhere(t *testing.T, codes []string, bases ...string) {
	t.Helper()
	if len(codes) == 0 {
		t.Fatal("the load run handed out no resume codes")
	}
	for i, code := range codes[:min(len(codes), 20)] {
		for _, base := range bases {
			body, _ := json.Marshal(map[string]string{"code": code})
			res, err := http.Post(base+"/api/v1/resume", "application/json", bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			var out struct {
				ResponseID string `json:"response_id"`
			}
			err = json.NewDecoder(res.Body).Decode(&out)
			res.Body.Close()
			if res.StatusCode != http.StatusOK || err != nil || out.ResponseID == "" {
				t.Errorf("resume code %d on %s: status %d, %v", i, base, res.StatusCode, err)
			}
		}
	}
}

var oneTimeRE = regexp.MustCompile(`one-time password:\s+(\S+)`)

// adminSessionEverywhere signs in on one server and uses the session on
// the other: sessions live in the database, not in a server.
func adminSessionEverywhere(t *testing.T, a, b *instance) {
	t.Helper()
	m := oneTimeRE.FindStringSubmatch(a.out.String() + b.out.String())
	if m == nil {
		t.Fatalf("no first admin password printed:\n%s\n%s", a.out.String(), b.out.String())
	}
	noRedirect := func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	c := &http.Client{CheckRedirect: noRedirect}
	res, err := c.Get(a.base + "/admin/sign-in")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	var csrf string
	for _, ck := range res.Cookies() {
		if ck.Name == "pulse_admin_csrf" {
			csrf = ck.Value
		}
	}
	form := url.Values{"email": {"admin@pulse.localhost"}, "password": {m[1]}, "csrf": {csrf}}
	req, _ := http.NewRequest(http.MethodPost, a.base+"/admin/sign-in", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(&http.Cookie{Name: "pulse_admin_csrf", Value: csrf})
	if res, err = c.Do(req); err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	var session *http.Cookie
	for _, ck := range res.Cookies() {
		if ck.Name == "pulse_admin" && ck.Value != "" {
			session = ck
		}
	}
	if session == nil {
		t.Fatalf("sign-in on one server: status %d, no session cookie", res.StatusCode)
	}
	get := func(base string, withSession bool) int {
		req, _ := http.NewRequest(http.MethodGet, base+"/admin/password", nil)
		if withSession {
			req.AddCookie(session)
		}
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if code := get(b.base, false); code == http.StatusOK {
		t.Fatal("the password page opened without a session; the check below would prove nothing")
	}
	if code := get(b.base, true); code != http.StatusOK {
		t.Errorf("a session made on one server is not recognised on the other: status %d", code)
	}
}
