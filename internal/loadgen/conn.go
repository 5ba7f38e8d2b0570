package loadgen

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"time"
)

// conn is one respondent's HTTP/1.1 connection, used as a browser uses
// its own: one request at a time, kept open between them. A request is
// written and its response read by the respondent's own goroutine, so a
// request costs the load generator one wake-up, not the three an
// http.Transport's reader and writer goroutines add; the load generator
// shares the server's processors, and what it spends it takes from the
// server. Requests and responses are written and parsed by net/http.
type conn struct {
	addr string // host:port
	jar  http.CookieJar
	c    net.Conn
	br   *bufio.Reader
	bw   *bufio.Writer
}

// requestTimeout bounds one request: a server that stops answering fails
// the request rather than hanging the run.
const requestTimeout = 30 * time.Second

// do sends req and returns its response, whose body the caller must read
// to the end or close before the next request. Redirects are returned,
// not followed. Cookies the server sets are kept in the jar, if any.
func (k *conn) do(req *http.Request) (*http.Response, error) {
	if k.jar != nil {
		for _, ck := range k.jar.Cookies(req.URL) {
			req.AddCookie(ck)
		}
	}
	fresh := k.c == nil
	if fresh {
		if err := k.dial(req.Context()); err != nil {
			return nil, err
		}
	}
	res, err := k.roundTrip(req)
	if err != nil && !fresh && req.Context().Err() == nil && replayable(req) {
		// The server closed a connection kept open (after its idle
		// timeout): once more on a new one, as browsers do.
		if err = k.dial(req.Context()); err == nil {
			res, err = k.roundTrip(req)
		}
	}
	if err != nil {
		k.close()
		return nil, err
	}
	if k.jar != nil {
		if cks := res.Cookies(); len(cks) > 0 {
			k.jar.SetCookies(req.URL, cks)
		}
	}
	res.Body = &connBody{ReadCloser: res.Body, k: k, last: res.Close}
	return res, nil
}

// replayable is whether req can be sent again: a GET, or a body that
// can be had again (net/http.NewRequest sets GetBody for in-memory ones).
// A page save carries its idempotency key or CSRF token, so sending it
// twice stores it once.
func replayable(req *http.Request) bool {
	return req.Body == nil || req.GetBody != nil
}

func (k *conn) dial(ctx context.Context) error {
	k.close()
	var d net.Dialer
	c, err := d.DialContext(ctx, "tcp", k.addr)
	if err != nil {
		return err
	}
	k.c, k.br, k.bw = c, bufio.NewReaderSize(c, 16<<10), bufio.NewWriterSize(c, 4<<10)
	return nil
}

func (k *conn) roundTrip(req *http.Request) (*http.Response, error) {
	if req.GetBody != nil {
		body, err := req.GetBody()
		if err != nil {
			return nil, err
		}
		req.Body = body
	}
	// The request's context ending interrupts it, as with http.Client.
	c := k.c
	stop := context.AfterFunc(req.Context(), func() { c.SetDeadline(time.Unix(1, 0)) })
	defer stop()
	if err := c.SetDeadline(time.Now().Add(requestTimeout)); err != nil {
		return nil, err
	}
	if err := req.Write(k.bw); err != nil {
		return nil, err
	}
	if err := k.bw.Flush(); err != nil {
		return nil, err
	}
	res, err := http.ReadResponse(k.br, req)
	if err != nil {
		if ctxErr := req.Context().Err(); ctxErr != nil {
			return nil, ctxErr
		}
		return nil, err
	}
	return res, nil
}

func (k *conn) close() {
	if k.c != nil {
		k.c.Close()
		k.c = nil
	}
}

// connBody is a response body. Closing it reads what is left of it
// (net/http's response bodies do), leaving the connection ready for the
// next request, unless the response ends the connection or the body could
// not be read.
type connBody struct {
	io.ReadCloser
	k    *conn
	last bool // Connection: close
}

func (b *connBody) Close() error {
	err := b.ReadCloser.Close()
	if err != nil || b.last {
		b.k.close()
	}
	return err
}
