package server

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/researchpulse/pulse/internal/server/servertest"
)

var benchCSRFRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// BenchmarkPageRender measures one page render of a started response
// through the real router over HTTP on loopback, side by side: "api" is
// GET /api/v1/responses/:id/pages/:section (bearer lookup, the response's
// state, JSON), "html" is the respondent's page (resume cookie, the
// response's state, the template), both of the first page.
//
//	go test ./internal/server -run '^$' -bench PageRender -benchmem -count 6
func BenchmarkPageRender(b *testing.B) {
	f := servertest.New(b)
	ctx := context.Background()
	srv, err := New(Config{Store: f.Store, Flow: f.Flow, ClientLimit: -1})
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()

	b.Run("api", func(b *testing.B) {
		state, code, err := f.Flow.Start(ctx, f.KeyMore, "en", true)
		if err != nil {
			b.Fatal(err)
		}
		url := ts.URL + "/api/v1/responses/" + state.Response.ID + "/pages/your_role"
		for b.Loop() {
			req, _ := http.NewRequest(http.MethodGet, url, nil)
			req.Header.Set("Authorization", "Bearer "+code)
			benchGet(b, ts.Client(), req)
		}
	})
	b.Run("html", func(b *testing.B) {
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		intro, _ := http.NewRequest(http.MethodGet, ts.URL+"/r/"+f.KeyMore, nil)
		m := benchCSRFRE.FindStringSubmatch(benchGet(b, c, intro))
		if m == nil {
			b.Fatal("no CSRF field on the intro page")
		}
		res, err := c.PostForm(ts.URL+"/r/"+f.KeyMore+"/start", url.Values{"csrf": {m[1]}, "lang": {"en"}})
		if err != nil {
			b.Fatal(err)
		}
		res.Body.Close()
		page := res.Header.Get("Location")
		if res.StatusCode != http.StatusSeeOther || !strings.Contains(page, "/p/") {
			b.Fatalf("start: %s to %q", res.Status, page)
		}
		for b.Loop() {
			req, _ := http.NewRequest(http.MethodGet, ts.URL+page, nil)
			benchGet(b, c, req)
		}
	})
}

// benchGet sends a request that must answer 200 and returns the body.
func benchGet(b *testing.B, c *http.Client, req *http.Request) string {
	res, err := c.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		b.Fatalf("%s %s: %s", req.Method, req.URL.Path, res.Status)
	}
	return string(body)
}
