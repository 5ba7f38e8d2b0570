package server

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/researchpulse/pulse/internal/server/servertest"
)

// newTestEnvWith is newTestEnv with the server's configuration changed
// by mod first.
func newTestEnvWith(t *testing.T, mod func(*Config)) *testEnv {
	t.Helper()
	f := servertest.New(t)
	env := &testEnv{t: t, fix: f, store: f.Store, flow: f.Flow, dbPath: f.DBPath, now: servertest.Start,
		bundled: f.Bundled, mini: f.Mini, keyMore: f.KeyMore, keyLess: f.KeyLess, keyMini: f.KeyMini, keyClosed: f.KeyClosed,
		careers: f.Careers, keyCareers: f.KeyCareers}
	cfg := Config{Store: f.Store, Flow: f.Flow, BaseURL: "http://pulse.test",
		Logger: slog.New(slog.NewTextHandler(&env.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))}
	mod(&cfg)
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	env.srv = httptest.NewServer(srv.Handler())
	t.Cleanup(env.srv.Close)
	return env
}

var hstsMaxAge = regexp.MustCompile(`(?i)^max-age=(\d+)(; *includeSubDomains)$`)

// TestHSTS: Strict-Transport-Security (a year or more, subdomains
// included) is on every response (pages, API, static files, errors) when
// the server is reached over HTTPS, by Secure cookies or an https:// base
// address, and on none when it is served over plain HTTP.
func TestHSTS(t *testing.T) {
	for _, tc := range []struct {
		name string
		mod  func(*Config)
		want bool
	}{
		{"plain HTTP", func(*Config) {}, false},
		{"secure cookies", func(c *Config) { c.SecureCookies = true }, true},
		{"https base address", func(c *Config) { c.BaseURL = "HTTPS://pulse.example.nhs.uk" }, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := newTestEnvWith(t, tc.mod)
			d := env.device()
			for _, path := range []string{"/", linkPath(env.keyMini), "/healthz", "/api/v1/openapi.json",
				"/api/v1/reviews/" + env.keyMini, "/static/pulse.css", "/no/such/page", "/api/v1/reviews/nope"} {
				r := d.get(path)
				got := r.header.Get("Strict-Transport-Security")
				if !tc.want {
					if got != "" {
						t.Errorf("GET %s (%d) sent HSTS %q over plain HTTP", path, r.status, got)
					}
					continue
				}
				m := hstsMaxAge.FindStringSubmatch(got)
				if m == nil {
					t.Errorf("GET %s (%d): Strict-Transport-Security = %q, want max-age and includeSubDomains", path, r.status, got)
					continue
				}
				if age, _ := strconv.Atoi(m[1]); age < 365*24*60*60 {
					t.Errorf("GET %s: HSTS max-age %d is under a year", path, age)
				}
			}
		})
	}
}

// startFrom starts a response through the API as a client whose request
// carries the given forwarding headers; it returns the status.
func startFrom(t *testing.T, env *testEnv, headers map[string]string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, env.srv.URL+"/api/v1/reviews/"+env.keyMini+"/responses", strings.NewReader(`{}`))
	req.Header.Set("Content-Type", "application/json")
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, res.Body)
	if res.StatusCode != http.StatusCreated && res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("start: %d", res.StatusCode)
	}
	return res.StatusCode
}

func forwarded(ip string) map[string]string {
	return map[string]string{"X-Forwarded-For": ip, "X-Real-IP": ip}
}

// TestForgedForwardedFor: with the limit at 3 responses per address, a
// client that sends a new X-Forwarded-For and X-Real-IP with every request
// is still one address: its fourth start is 429. Trusting a proxy that is
// not the one connecting changes nothing.
func TestForgedForwardedFor(t *testing.T) {
	for _, tc := range []struct {
		name    string
		proxies string
	}{{"no trusted proxies", ""}, {"another proxy trusted", "10.0.0.0/8, 192.0.2.7"}} {
		t.Run(tc.name, func(t *testing.T) {
			proxies, err := ParseTrustedProxies(tc.proxies)
			if err != nil {
				t.Fatal(err)
			}
			env := newTestEnvWith(t, func(c *Config) { c.ClientLimit, c.TrustedProxies = 3, proxies })
			var got []int
			for i := range 5 {
				got = append(got, startFrom(t, env, forwarded("203.0.113."+strconv.Itoa(i+1))))
			}
			want := []int{201, 201, 201, 429, 429}
			if !slicesEqual(got, want) {
				t.Errorf("starts with a new forged address each = %v, want %v", got, want)
			}
			if strings.Contains(env.logs.String(), "203.0.113.") {
				t.Error("a client address reached the log")
			}
		})
	}
}

// TestTrustedProxy: with the connecting address (the test's loopback)
// named as a trusted proxy, the address it forwards is the client's: five
// clients behind it each start a response, while one client behind it is
// held to the limit, including when it forges an address to the left of
// the one the proxy appended, and when the proxy sends X-Real-IP only.
func TestTrustedProxy(t *testing.T) {
	proxies, err := ParseTrustedProxies("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	env := newTestEnvWith(t, func(c *Config) { c.ClientLimit, c.TrustedProxies = 3, proxies })
	for i := range 5 {
		if got := startFrom(t, env, map[string]string{"X-Forwarded-For": "198.51.100." + strconv.Itoa(i+1)}); got != 201 {
			t.Errorf("client %d behind the proxy: %d, want 201", i+1, got)
		}
	}
	var got []int
	for i := range 4 {
		got = append(got, startFrom(t, env, map[string]string{"X-Forwarded-For": "6.6.6." + strconv.Itoa(i) + ", 203.0.113.9"}))
	}
	if want := []int{201, 201, 201, 429}; !slicesEqual(got, want) {
		t.Errorf("one client forging the left of X-Forwarded-For = %v, want %v", got, want)
	}
	got = nil
	for range 4 {
		got = append(got, startFrom(t, env, map[string]string{"X-Real-IP": "192.0.2.44"}))
	}
	if want := []int{201, 201, 201, 429}; !slicesEqual(got, want) {
		t.Errorf("one client by X-Real-IP = %v, want %v", got, want)
	}
}

func slicesEqual(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestParseTrustedProxies(t *testing.T) {
	got, err := ParseTrustedProxies(" 10.0.0.0/8,192.0.2.7, ::1 ,")
	if err != nil {
		t.Fatal(err)
	}
	var s []string
	for _, n := range got {
		s = append(s, n.String())
	}
	if strings.Join(s, " ") != "10.0.0.0/8 192.0.2.7/32 ::1/128" {
		t.Errorf("parsed %v", s)
	}
	for _, bad := range []string{"10.0.0.0/33", "proxy.example", "10.0.0"} {
		if _, err := ParseTrustedProxies(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if got, err := ParseTrustedProxies(""); err != nil || len(got) != 0 {
		t.Errorf("empty list: %v %v", got, err)
	}
}

// chunked sends body with Transfer-Encoding: chunked (no Content-Length)
// through the device's cookies.
func (d *device) chunked(method, path, contentType string, body io.Reader, headers map[string]string) reply {
	d.t.Helper()
	req, err := http.NewRequest(method, d.env.srv.URL+path, struct{ io.Reader }{body})
	if err != nil {
		d.t.Fatal(err)
	}
	req.ContentLength, req.TransferEncoding = -1, []string{"chunked"}
	req.Header.Set("Content-Type", contentType)
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	return d.do(req)
}

// TestChunkedOversized: a body over the limit sent chunked, so its length
// is not known up front, is 413 on the pages (with and without a valid
// CSRF token), the API and the administrative sign-in, and saves nothing;
// a chunked body within the limit is still read as usual.
func TestChunkedOversized(t *testing.T) {
	env := newTestEnv(t)
	d := env.device()
	first := d.start(env.keyMini)
	fields := hiddenFields(d.get(first).body)
	fields.Set("A01", "nurse")
	big := func(f url.Values) io.Reader {
		return io.MultiReader(strings.NewReader(f.Encode()+"&pad="), strings.NewReader(strings.Repeat("x", 300<<10)))
	}
	withToken := url.Values{}
	for k, v := range fields {
		withToken[k] = v
	}
	withToken.Set("csrf", d.csrf())
	const form = "application/x-www-form-urlencoded"
	for name, r := range map[string]reply{
		"page save with CSRF token":    d.chunked("POST", first, form, big(withToken), nil),
		"page save without CSRF token": d.chunked("POST", first, form, big(fields), nil),
		"start with CSRF token":        d.chunked("POST", linkPath(env.keyMini)+"/start", form, big(url.Values{"csrf": {d.csrf()}}), nil),
		"resume form":                  d.chunked("POST", "/resume", form, big(url.Values{"code": {"x"}}), nil),
	} {
		if r.status != http.StatusRequestEntityTooLarge {
			t.Errorf("%s: %d, want 413", name, r.status)
		}
	}
	if got := d.answers(env.keyMini); len(got) != 0 {
		t.Errorf("an oversized chunked page saved %v", got)
	}

	s := env.apiStart(env.keyMini, nil)
	jsonBig := io.MultiReader(strings.NewReader(`{"answers":{"A01":"`), strings.NewReader(strings.Repeat("y", 300<<10)), strings.NewReader(`"}}`))
	r := d.chunked("PUT", "/api/v1/responses/"+s.id+"/pages/role", "application/json", jsonBig,
		map[string]string{"Authorization": "Bearer " + s.code, "Idempotency-Key": newKey()})
	if r.status != http.StatusRequestEntityTooLarge || !strings.Contains(r.body, `"too_large"`) {
		t.Errorf("API save: %d %s, want 413 too_large", r.status, excerpt(r.body))
	}

	// Within the limit, a chunked form with its token saves as usual.
	r = d.chunked("POST", first, form, strings.NewReader(withToken.Encode()), nil)
	if r.status != http.StatusSeeOther {
		t.Errorf("small chunked page save: %d %s, want 303", r.status, excerpt(r.body))
	}
	if got := d.answers(env.keyMini)["A01"]; !got.Has("nurse") {
		t.Errorf("small chunked page save stored %+v", got)
	}
}

// TestChunkedOversizedAdmin: the administrative sign-in, with and without
// its CSRF token, answers a chunked body over the limit with 413.
func TestChunkedOversizedAdmin(t *testing.T) {
	env := newAdminEnv(t)
	b := env.browser()
	token := formCSRF(b.get("/admin/sign-in").body)
	for name, f := range map[string]url.Values{
		"with token":    {"csrf": {token}, "email": {platformEmail}},
		"without token": {"email": {platformEmail}},
	} {
		req, _ := http.NewRequest(http.MethodPost, env.srv.URL+"/admin/sign-in",
			struct{ io.Reader }{io.MultiReader(strings.NewReader(f.Encode()+"&password="), strings.NewReader(strings.Repeat("p", 300<<10)))})
		req.ContentLength, req.TransferEncoding = -1, []string{"chunked"}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", env.srv.URL)
		if r := b.do(req); r.status != http.StatusRequestEntityTooLarge {
			t.Errorf("sign-in %s: %d, want 413", name, r.status)
		}
	}
}
