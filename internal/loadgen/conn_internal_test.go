package loadgen

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestConn: a respondent's connection is kept between requests; one the
// server closed (after "Connection: close", or idle) is replaced and the
// request sent again; cookies go back as a browser sends them; a request
// whose context ends is cut off with the context's error.
func TestConn(t *testing.T) {
	var conns atomic.Int32
	ts := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		switch r.URL.Path {
		case "/set":
			http.SetCookie(w, &http.Cookie{Name: "c", Value: "v1", Path: "/"})
		case "/close":
			w.Header().Set("Connection", "close")
		case "/slow":
			time.Sleep(2 * time.Second)
		}
		cookie := ""
		if c, err := r.Cookie("c"); err == nil {
			cookie = c.Value
		}
		io.WriteString(w, r.Method+" "+string(body)+" cookie="+cookie+" "+strings.Repeat("x", 5000))
	}))
	ts.Config.IdleTimeout = 50 * time.Millisecond
	ts.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	ts.Start()
	t.Cleanup(ts.Close)
	u, _ := url.Parse(ts.URL)
	k := &conn{addr: u.Host}
	k.jar, _ = cookiejar.New(nil)
	send := func(ctx context.Context, method, path, body string) (string, error) {
		t.Helper()
		var rd io.Reader
		if body != "" {
			rd = strings.NewReader(body)
		}
		req, _ := http.NewRequestWithContext(ctx, method, ts.URL+path, rd)
		res, err := k.do(req)
		if err != nil {
			return "", err
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		return strings.TrimRight(string(b), "x "), err
	}
	ctx := context.Background()
	expect := func(method, path, body, want string, wantConns int32) {
		t.Helper()
		got, err := send(ctx, method, path, body)
		if err != nil || got != want || conns.Load() != wantConns {
			t.Fatalf("%s %s: %q, %v, %d connections; want %q, %d", method, path, got, err, conns.Load(), want, wantConns)
		}
	}
	expect("GET", "/set", "", "GET  cookie=", 1)
	expect("POST", "/a", "hello", "POST hello cookie=v1", 1) // kept, cookie sent back
	expect("GET", "/close", "", "GET  cookie=v1", 1)
	expect("GET", "/b", "", "GET  cookie=v1", 2) // closed by the server: a new one
	time.Sleep(200 * time.Millisecond)           // the server closes it as idle
	expect("PUT", "/c", "again", "PUT again cookie=v1", 3)

	short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	if _, err := send(short, "GET", "/slow", ""); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a request past its context: %v", err)
	}
	expect("GET", "/d", "", "GET  cookie=v1", 4) // the cut-off connection is not reused
}
