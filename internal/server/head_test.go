package server

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"
)

// TestHeadWhereGet walks every GET route the router has (respondent
// pages, API, static files, health, and the administrative side signed in
// as a platform admin), fills its parameters with real ids, and asks for
// it with GET and then HEAD from the same browser. HEAD must answer with
// GET's status and Content-Type, never 405, and with no body; where GET
// gave a fixed length, HEAD gives the same Content-Length.
func TestHeadWhereGet(t *testing.T) {
	env := newAdminEnv(t)
	s, err := New(Config{Store: env.f.Store, Flow: env.f.Flow, Admin: env.svc, BaseURL: "http://pulse.test"})
	if err != nil {
		t.Fatal(err)
	}
	// A response through the API, for the API's response routes and a
	// resume link.
	te := &testEnv{t: t, srv: env.srv}
	started := te.apiStart(env.f.KeyMini, nil)
	params := func(path string) string {
		id := fmt.Sprint(env.revA.ID)
		switch {
		case strings.HasPrefix(path, "/api/v1/responses/"):
			id = started.id
		case strings.HasPrefix(path, "/admin/trusts/"):
			id = fmt.Sprint(env.trustA.ID)
		}
		path = strings.NewReplacer(":key", env.f.KeyMini, ":section", "role", ":code", started.code,
			":id", id, ":trust", fmt.Sprint(env.trustA.ID), "*", "pulse.css").Replace(path)
		if strings.HasSuffix(path, "/export") || strings.HasSuffix(path, "/download") {
			path += "?format=json" // the analysis document, which needs no exporter
		}
		return path
	}
	// The staff member's browser also holds a response of its own at the
	// review link, started through the pages.
	b := env.session(platformEmail)
	b.get(linkPath(env.f.KeyMini))
	respondentCSRF := ""
	for _, ck := range b.c.Jar.Cookies(mustURL(t, env.srv.URL)) {
		if ck.Name == "pulse_csrf" {
			respondentCSRF = ck.Value
		}
	}
	startReq, _ := http.NewRequest(http.MethodPost, env.srv.URL+linkPath(env.f.KeyMini)+"/start", strings.NewReader("csrf="+respondentCSRF))
	startReq.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if r := b.do(startReq); r.status != http.StatusSeeOther {
		t.Fatalf("start through the pages: %d", r.status)
	}
	var paths []string
	for _, r := range s.e.Routes() {
		if r.Method == http.MethodGet {
			paths = append(paths, params(r.Path))
		}
	}
	sort.Strings(paths)
	ok := 0
	for _, path := range paths {
		ask := func(method string) reply {
			req, _ := http.NewRequest(method, env.srv.URL+path, nil)
			if strings.HasPrefix(path, "/api/v1/responses/") {
				req.Header.Set("Authorization", "Bearer "+started.code)
			}
			return b.do(req)
		}
		get, head := ask(http.MethodGet), rawHead(t, env.srv.URL, path, b.c.Jar.Cookies(mustURL(t, env.srv.URL)), started.code)
		switch {
		case head.status != get.status:
			t.Errorf("%s: HEAD %d, GET %d", path, head.status, get.status)
		case head.body != "":
			t.Errorf("%s: HEAD sent a body of %d bytes", path, len(head.body))
		case head.header.Get("Content-Type") != get.header.Get("Content-Type"):
			t.Errorf("%s: HEAD Content-Type %q, GET %q", path, head.header.Get("Content-Type"), get.header.Get("Content-Type"))
		case get.status == http.StatusOK && get.header.Get("Content-Length") != "" && head.header.Get("Content-Length") != get.header.Get("Content-Length"):
			t.Errorf("%s: HEAD Content-Length %q, GET %q", path, head.header.Get("Content-Length"), get.header.Get("Content-Length"))
		}
		if head.status == http.StatusOK {
			ok++
		} else {
			t.Logf("%s: %d", path, head.status)
		}
	}
	t.Logf("%d GET routes; %d answer HEAD with 200", len(paths), ok)
	if len(paths) < 30 || ok < len(paths)-4 {
		t.Errorf("only %d of %d GET routes answered HEAD with 200", ok, len(paths))
	}
	// A route with no GET stays 405 for HEAD, as for GET.
	req, _ := http.NewRequest(http.MethodHead, env.srv.URL+"/admin/sign-out", nil)
	if r := b.do(req); r.status != http.StatusMethodNotAllowed && r.status != http.StatusNotFound {
		t.Errorf("HEAD of a POST-only route: %d", r.status)
	}
}

// rawHead sends HEAD over a bare connection and reads everything the
// server sends until it closes, so a body sent after the headers would be
// seen (an HTTP client drops it unread).
func rawHead(t *testing.T, base, path string, cookies []*http.Cookie, bearer string) reply {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var req strings.Builder
	fmt.Fprintf(&req, "HEAD %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n", path, strings.TrimPrefix(base, "http://"))
	for _, ck := range cookies {
		fmt.Fprintf(&req, "Cookie: %s\r\n", ck.String())
	}
	if strings.HasPrefix(path, "/api/v1/responses/") {
		fmt.Fprintf(&req, "Authorization: Bearer %s\r\n", bearer)
	}
	req.WriteString("\r\n")
	if _, err := io.WriteString(conn, req.String()); err != nil {
		t.Fatal(err)
	}
	_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	all, err := io.ReadAll(conn)
	if err != nil {
		t.Fatalf("HEAD %s: %v", path, err)
	}
	head, body, _ := strings.Cut(string(all), "\r\n\r\n")
	res, err := http.ReadResponse(bufio.NewReader(strings.NewReader(head+"\r\n\r\n")), &http.Request{Method: http.MethodHead})
	if err != nil {
		t.Fatalf("HEAD %s: %v\n%s", path, err, head)
	}
	res.Body.Close()
	return reply{status: res.StatusCode, body: body, header: res.Header}
}
