package server

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/researchpulse/pulse/internal/admin"
	"github.com/researchpulse/pulse/internal/server/servertest"
	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

// adminEnv is a real server with the administrative side over a real
// SQLite file: two trusts, review A wholly at trust A (RM1) and review B
// wholly at trust B (RL4), and one account of each kind.
type adminEnv struct {
	t      *testing.T
	f      *servertest.Fixture
	svc    *admin.Service
	srv    *httptest.Server
	logs   servertest.Buffer
	trustA store.Trust
	trustB store.Trust
	revA   store.Review
	revB   store.Review
}

// Accounts of the fixture; every password is adminPassword.
const (
	platformEmail = "platform@example.nhs.uk"
	rdAEmail      = "office-a@example.nhs.uk"
	rdBEmail      = "office-b@example.nhs.uk"
	resAEmail     = "researcher-a@example.nhs.uk"
	resBEmail     = "researcher-b@example.nhs.uk"
	adminPassword = "a long enough passphrase"
)

var cheapPasswords = admin.PasswordCost{Memory: 64, Time: 1, Threads: 1}

func newAdminEnv(t *testing.T) *adminEnv {
	t.Helper()
	ctx := context.Background()
	f := servertest.New(t)
	env := &adminEnv{t: t, f: f}
	env.svc = admin.New(admin.Config{Store: f.Store, Questionnaires: []*survey.Questionnaire{f.Bundled, f.Mini, f.Careers},
		Lookup: f.Flow.Questionnaire, Now: f.Now, PasswordCost: cheapPasswords})
	var err error
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	env.trustA, err = f.Store.TrustByCode(ctx, "RM1")
	must(err)
	env.trustB, err = f.Store.TrustByCode(ctx, "RL4")
	must(err)
	env.revA, err = f.Store.ReviewBySlug(ctx, "mini-2026")
	must(err)
	env.revB, err = f.Store.ReviewBySlug(ctx, "careers-2026")
	must(err)
	for _, u := range []admin.NewUser{
		{Email: platformEmail, Role: admin.RolePlatformAdmin},
		{Email: rdAEmail, Role: admin.RoleRDAdmin, Trusts: []int64{env.trustA.ID}},
		{Email: rdBEmail, Role: admin.RoleRDAdmin, Trusts: []int64{env.trustB.ID}},
		{Email: resAEmail, Role: admin.RoleResearcher},
		{Email: resBEmail, Role: admin.RoleResearcher},
	} {
		u.Password = adminPassword
		_, _, err := env.svc.CreateUser(ctx, admin.CommandLine, u)
		must(err)
	}
	_, err = env.svc.Grant(ctx, admin.CommandLine, env.revA.ID, resAEmail)
	must(err)
	_, err = env.svc.Grant(ctx, admin.CommandLine, env.revB.ID, resBEmail)
	must(err)
	// Revoking takes a grant away: the authorisation tests revoke spare
	// researchers' grants, so the other cells keep theirs.
	_, err = env.svc.Grant(ctx, admin.CommandLine, env.revA.ID, spareAEmail)
	must(err)
	_, err = env.svc.Grant(ctx, admin.CommandLine, env.revB.ID, spareBEmail)
	must(err)
	logger := slog.New(slog.NewTextHandler(&env.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	srv, err := New(Config{Store: f.Store, Flow: f.Flow, Admin: env.svc, BaseURL: "http://pulse.test", Logger: logger})
	must(err)
	env.srv = httptest.NewServer(srv.Handler())
	t.Cleanup(env.srv.Close)
	return env
}

// browser is one staff member's browser: a cookie jar, redirects not
// followed, and the CSRF token of its session.
type browser struct {
	t    *testing.T
	env  *adminEnv
	c    *http.Client
	csrf string
}

func (env *adminEnv) browser() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: env.t, env: env, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// signedIn is a browser signed in as email, through the sign-in form.
func (env *adminEnv) signedIn(email string) *browser {
	env.t.Helper()
	b := env.browser()
	b.signIn(email, adminPassword)
	return b
}

// session is a browser holding a session started by package admin
// directly, without the sign-in form (whose per-address limit a large
// test would reach).
func (env *adminEnv) session(email string) *browser {
	env.t.Helper()
	in, err := env.svc.SignIn(context.Background(), email, adminPassword)
	if err != nil {
		env.t.Fatal(err)
	}
	b := env.browser()
	u, _ := url.Parse(env.srv.URL)
	b.c.Jar.SetCookies(u, []*http.Cookie{{Name: "pulse_admin", Value: in.Token, Path: "/"}})
	b.csrf = in.CSRF
	return b
}

func (b *browser) signIn(email, password string) reply {
	b.t.Helper()
	page := b.get("/admin/sign-in")
	b.csrf = formCSRF(page.body)
	r := b.post("/admin/sign-in", url.Values{"email": {email}, "password": {password}})
	if r.status == http.StatusSeeOther {
		b.refreshCSRF()
	}
	return r
}

// refreshCSRF reads the session's token from a page.
func (b *browser) refreshCSRF() {
	b.t.Helper()
	if tok := formCSRF(b.get("/admin/password").body); tok != "" {
		b.csrf = tok
	}
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]*)"`)

func formCSRF(body string) string {
	if m := csrfField.FindStringSubmatch(body); m != nil {
		return m[1]
	}
	return ""
}

func (b *browser) do(req *http.Request) reply {
	b.t.Helper()
	res, err := b.c.Do(req)
	if err != nil {
		b.t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		b.t.Fatal(err)
	}
	return reply{status: res.StatusCode, body: string(body), loc: res.Header.Get("Location"), header: res.Header}
}

func (b *browser) get(path string) reply {
	b.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, b.env.srv.URL+path, nil)
	return b.do(req)
}

// post sends a form with the browser's CSRF token, from this site's
// pages (its Origin).
func (b *browser) post(path string, form url.Values) reply {
	b.t.Helper()
	f := url.Values{}
	for k, v := range form {
		f[k] = v
	}
	f.Set("csrf", b.csrf)
	req, _ := http.NewRequest(http.MethodPost, b.env.srv.URL+path, strings.NewReader(f.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", b.env.srv.URL)
	return b.do(req)
}

// audit is the audit log, oldest first.
func (env *adminEnv) audit() []store.AuditEntry {
	env.t.Helper()
	var out []store.AuditEntry
	err := env.f.Store.EachAudit(context.Background(), func(e store.AuditEntry) error { out = append(out, e); return nil })
	if err != nil {
		env.t.Fatal(err)
	}
	return out
}
