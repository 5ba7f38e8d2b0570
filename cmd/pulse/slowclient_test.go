package main

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/researchpulse/pulse/internal/server"
	"github.com/researchpulse/pulse/internal/server/servertest"
)

// TestServeTimeoutsSet keeps pulse serve's limits on slow clients in
// place: every one set, none longer than the README says.
func TestServeTimeoutsSet(t *testing.T) {
	hs := newHTTPServer(http.NotFoundHandler(), serveTimeouts)
	for name, c := range map[string]struct{ got, most time.Duration }{
		"ReadHeaderTimeout": {hs.ReadHeaderTimeout, 5 * time.Second},
		"ReadTimeout":       {hs.ReadTimeout, 30 * time.Second},
		"WriteTimeout":      {hs.WriteTimeout, 60 * time.Second},
		"IdleTimeout":       {hs.IdleTimeout, 120 * time.Second},
	} {
		if c.got <= 0 || c.got > c.most {
			t.Errorf("%s = %s, want set and at most %s", name, c.got, c.most)
		}
	}
	if hs.MaxHeaderBytes <= 0 || hs.MaxHeaderBytes > 64<<10 {
		t.Errorf("MaxHeaderBytes = %d, want at most 64 KiB", hs.MaxHeaderBytes)
	}
}

// slowServer serves the real server over a real listener through
// newHTTPServer with short timeouts, so a test can wait them out.
func slowServer(t *testing.T, timeouts httpTimeouts) (addr string, fix *servertest.Fixture) {
	t.Helper()
	fix = servertest.New(t)
	srv, err := server.New(server.Config{Store: fix.Store, Flow: fix.Flow, BaseURL: "http://pulse.test",
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- serveUntilDone(ctx, ln, srv.Handler(), slog.New(slog.NewTextHandler(io.Discard, nil)), timeouts)
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return ln.Addr().String(), fix
}

// trickle writes data one byte at a time, every gap, until the server
// closes the connection or bound passes; it returns when the connection
// was closed (by the server: reads end) and what the server sent.
func trickle(t *testing.T, addr, data string, gap, bound time.Duration) (closedAfter time.Duration, reply string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	start := time.Now()
	closed := make(chan string, 1)
	go func() {
		b, _ := io.ReadAll(conn) // ends when the server closes the connection
		closed <- string(b)
	}()
	for i := 0; ; i = (i + 1) % len(data) {
		select {
		case reply = <-closed:
			return time.Since(start), reply
		case <-time.After(gap):
		}
		if time.Since(start) > bound {
			t.Fatalf("the server still held the slow connection after %s", bound)
		}
		_, _ = conn.Write([]byte{data[i]}) // fails once the server has gone
	}
}

// TestSlowClientsAreCutOff sends a request's headers a byte at a time
// (slowloris), and a body a byte at a time: the server closes each
// connection once its time is up, never answers them with success, and
// goes on serving others.
func TestSlowClientsAreCutOff(t *testing.T) {
	timeouts := httpTimeouts{ReadHeader: 400 * time.Millisecond, Read: 800 * time.Millisecond,
		Write: 2 * time.Second, Idle: time.Second, Drain: 2 * time.Second}
	addr, fix := slowServer(t, timeouts)
	const bound = 4 * time.Second

	headers := "GET /healthz HTTP/1.1\r\nHost: pulse.test\r\nX-Slow: " + strings.Repeat("a", 200) + "\r\n"
	took, reply := trickle(t, addr, headers, 20*time.Millisecond, bound)
	t.Logf("slow headers: connection closed after %s (ReadHeaderTimeout %s), reply %q", took.Round(time.Millisecond), timeouts.ReadHeader, firstLine(reply))
	// The server's clock starts when it accepts, a moment before ours.
	if took < timeouts.ReadHeader-50*time.Millisecond || strings.HasPrefix(reply, "HTTP/1.1 2") {
		t.Errorf("slow headers: closed after %s with %q; want closed after ReadHeaderTimeout, without success", took, firstLine(reply))
	}

	body := `{"language":"en"` + strings.Repeat(" ", 4000) + `}`
	request := "POST /api/v1/reviews/" + fix.KeyMore + "/responses HTTP/1.1\r\nHost: pulse.test\r\nContent-Type: application/json\r\n" +
		"Content-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n"
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, request); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	answered := make(chan string, 1)
	go func() {
		b, _ := io.ReadAll(conn)
		answered <- string(b)
	}()
	var got string
	for i := 0; ; i++ {
		select {
		case got = <-answered:
		case <-time.After(20 * time.Millisecond):
			if time.Since(start) > bound {
				t.Fatalf("the server still held the slow upload after %s", bound)
			}
			_, _ = conn.Write([]byte{body[i%len(body)]})
			continue
		}
		break
	}
	took = time.Since(start)
	t.Logf("slow body: connection closed after %s (ReadTimeout %s), reply %q", took.Round(time.Millisecond), timeouts.Read, firstLine(got))
	if strings.HasPrefix(got, "HTTP/1.1 2") {
		t.Errorf("slow body: the upload was accepted: %q", firstLine(got))
	}

	res, err := http.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatalf("others after the slow clients: %v", err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("others after the slow clients: /healthz %d", res.StatusCode)
	}
}

func firstLine(s string) string {
	line, _, _ := bufio.NewReader(strings.NewReader(s)).ReadLine()
	return string(line)
}
