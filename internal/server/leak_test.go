package server

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/researchpulse/pulse/internal/server/servertest"
)

// leakMarks are what internal error text looks like: SQL and driver
// messages, ORM names, source paths and lines, panics and stacks.
var leakMarks = []string{"sql", "sqlite", "gorm", "/work/", ".go:", "panic", "goroutine", "database is closed", "boom"}

func leaked(body string) []string {
	var out []string
	lower := strings.ToLower(body)
	for _, m := range leakMarks {
		if strings.Contains(lower, m) {
			out = append(out, m)
		}
	}
	return out
}

// TestNoInternalErrorText closes the database under a running server (so
// every query fails with the driver's own message) and asks respondent
// pages, forms, the API, the health check and the administrative side,
// signed in, for what they would normally show; and it calls routes that
// panic or fail with SQL and a source path in the error. Every answer is
// a 5xx whose body says none of it, while the log keeps the error.
func TestNoInternalErrorText(t *testing.T) {
	env := newAdminEnv(t)
	var logs servertest.Buffer
	s, err := New(Config{Store: env.f.Store, Flow: env.f.Flow, Admin: env.svc, BaseURL: "http://pulse.test",
		Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	fail := func(echo.Context) error {
		return fmt.Errorf("save: sql: SQLITE_BUSY near \"UPDATE answers\" (gorm at /work/internal/store/answers.go:42)")
	}
	boom := func(echo.Context) error { panic("boom at /work/internal/server/x.go:7: sql: database is closed") }
	for _, p := range []string{"/test/fail", "/api/v1/test/fail", "/admin/test/fail"} {
		s.e.GET(p, fail)
		s.e.GET(strings.Replace(p, "fail", "panic", 1), boom)
	}
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	env.srv = srv

	// Before the fault: a respondent with a response in progress through
	// the pages, one through the API, and a signed-in platform admin.
	te := &testEnv{t: t, srv: srv, store: env.f.Store, flow: env.f.Flow}
	d := te.device()
	first := d.start(env.f.KeyMini)
	fields := hiddenFields(d.get(first).body)
	fields.Set("A01", "nurse")
	fields.Set("csrf", d.csrf())
	code := d.code(env.f.KeyMini)
	api := te.apiStart(env.f.KeyMini, nil)
	b := env.session(platformEmail)
	signIn := env.browser()
	signIn.csrf = formCSRF(signIn.get("/admin/sign-in").body)
	rev := fmt.Sprint(env.revA.ID)

	if err := env.f.Store.Close(); err != nil {
		t.Fatal(err)
	}

	type call struct {
		method, path, body, contentType string
		bearer                          bool
		who                             string // "device", "admin", "signin" or "" (no cookies)
	}
	form := "application/x-www-form-urlencoded"
	calls := []call{
		{method: "GET", path: linkPath(env.f.KeyMini), who: "device"},
		{method: "POST", path: linkPath(env.f.KeyMini) + "/start", body: "csrf=" + url.QueryEscape(d.csrf()), contentType: form, who: "device"},
		{method: "GET", path: first, who: "device"},
		{method: "POST", path: first, body: fields.Encode(), contentType: form, who: "device"},
		{method: "GET", path: linkPath(env.f.KeyMini) + "/check", who: "device"},
		{method: "GET", path: "/resume/" + code, who: "device"},
		{method: "POST", path: "/resume", body: "csrf=" + url.QueryEscape(d.csrf()) + "&code=" + code, contentType: form, who: "device"},
		{method: "GET", path: "/api/v1/reviews/" + env.f.KeyMini},
		{method: "POST", path: "/api/v1/reviews/" + env.f.KeyMini + "/responses", body: "{}", contentType: "application/json"},
		{method: "POST", path: "/api/v1/resume", body: `{"code":"` + api.code + `"}`, contentType: "application/json"},
		{method: "GET", path: "/api/v1/responses/" + api.id, bearer: true},
		{method: "PUT", path: "/api/v1/responses/" + api.id + "/pages/role", body: `{"answers":{"A01":"nurse"}}`, contentType: "application/json", bearer: true},
		{method: "GET", path: "/readyz"},
		{method: "GET", path: "/admin", who: "admin"},
		{method: "GET", path: "/admin/reviews/" + rev, who: "admin"},
		{method: "GET", path: "/admin/reviews/" + rev + "/dashboard", who: "admin"},
		{method: "GET", path: "/api/v1/reviews/" + rev + "/export?format=json", who: "admin"},
		{method: "POST", path: "/admin/sign-in", body: "email=" + url.QueryEscape(platformEmail) + "&password=x&csrf=" + url.QueryEscape(signIn.csrf), contentType: form, who: "signin"},
		{method: "GET", path: "/test/fail"}, {method: "GET", path: "/api/v1/test/fail"}, {method: "GET", path: "/admin/test/fail", who: "admin"},
		{method: "GET", path: "/test/panic"}, {method: "GET", path: "/api/v1/test/panic"}, {method: "GET", path: "/admin/test/panic", who: "admin"},
	}
	for _, c := range calls {
		var body io.Reader
		if c.body != "" {
			body = strings.NewReader(c.body)
		}
		req, _ := http.NewRequest(c.method, srv.URL+c.path, body)
		if c.contentType != "" {
			req.Header.Set("Content-Type", c.contentType)
		}
		if c.bearer {
			req.Header.Set("Authorization", "Bearer "+api.code)
		}
		req.Header.Set("Idempotency-Key", newKey())
		var r reply
		switch c.who {
		case "device":
			r = d.do(req)
		case "admin":
			req.Header.Set("Origin", srv.URL)
			r = b.do(req)
		case "signin":
			req.Header.Set("Origin", srv.URL)
			r = signIn.do(req)
		default:
			r = (&device{t: t, env: te, c: te.client()}).do(req)
		}
		if r.status < 500 {
			t.Errorf("%s %s with the database closed: %d, want a 5xx\n%s", c.method, c.path, r.status, excerpt(r.body))
		}
		if marks := leaked(r.body); len(marks) > 0 {
			t.Errorf("%s %s (%d) shows internal error text %q:\n%s", c.method, c.path, r.status, marks, excerpt(r.body))
		}
	}
	for _, want := range []string{"database is closed", "SQLITE_BUSY", "boom"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("the log lacks %q: errors must be logged for operators, not shown", want)
		}
	}
}
