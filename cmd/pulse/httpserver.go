package main

import (
	"net/http"
	"time"
)

// httpTimeouts bound how long a client may take over each part of a
// request, so slow or stalled clients cannot hold connections: headers
// sent byte by byte (slowloris) are cut off after ReadHeader, a slow body
// after Read, a reader that never takes the answer after Write, and an
// idle kept-alive connection after Idle. Drain is how long SIGTERM waits
// for requests in flight.
type httpTimeouts struct {
	ReadHeader, Read, Write, Idle, Drain time.Duration
}

// serveTimeouts are pulse serve's. Read allows a phone on a poor signal to
// send a page of answers (at most 256 KiB); Write covers the longest
// download of an export.
var serveTimeouts = httpTimeouts{
	ReadHeader: 5 * time.Second,
	Read:       30 * time.Second,
	Write:      60 * time.Second,
	Idle:       120 * time.Second,
	Drain:      30 * time.Second,
}

// newHTTPServer is the HTTP server of pulse serve around h.
func newHTTPServer(h http.Handler, t httpTimeouts) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: t.ReadHeader, ReadTimeout: t.Read,
		WriteTimeout: t.Write, IdleTimeout: t.Idle, MaxHeaderBytes: 64 << 10}
}
