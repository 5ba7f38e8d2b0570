package server

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

// The hardened edges of the HTTP surface, each in one place: HSTS when the
// server is reached over HTTPS, bodies of unknown length read (up to the
// body limit) before anything parses them, HEAD answered wherever GET is,
// and the client address taken only from where it can be trusted
// (clientip.go).

// hstsHeader asks browsers to use HTTPS only, for a year, on this host and
// its subdomains.
const hstsHeader = "max-age=31536000; includeSubDomains"

// harden adds the hardened edges to the router; New calls it once, after
// the common middleware (so the body limit is in place before bodies of
// unknown length are read).
func (s *Server) harden() {
	s.e.IPExtractor = clientIPExtractor(s.cfg.TrustedProxies)
	s.e.Pre(headAsGet)
	s.e.Use(restoreHead)
	if behindTLS(s.cfg) {
		s.e.Use(strictTransport)
	}
	s.e.Use(readUnknownLength)
}

// behindTLS reports whether the server is reached over HTTPS: cookies are
// marked Secure, or the public address is https://. Only then is HSTS
// sent: on a plain-HTTP demo it would make browsers refuse the host.
func behindTLS(cfg Config) bool {
	return cfg.SecureCookies || strings.HasPrefix(strings.ToLower(strings.TrimSpace(cfg.BaseURL)), "https://")
}

func strictTransport(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Set("Strict-Transport-Security", hstsHeader)
		return next(c)
	}
}

// readUnknownLength reads a body sent without Content-Length (chunked)
// whole, through the body limit, before any middleware looks into it. The
// limit's 413 then reaches the client as 413: otherwise the CSRF check,
// which parses the form first and ignores why that failed, would answer a
// too-large form with 403. Known lengths over the limit are refused by
// the body limit itself without reading.
func readUnknownLength(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if r.ContentLength >= 0 || r.Body == nil || r.Body == http.NoBody {
			return next(c)
		}
		data, err := io.ReadAll(r.Body)
		if errors.Is(err, echo.ErrStatusRequestEntityTooLarge) {
			return echo.ErrStatusRequestEntityTooLarge
		}
		if err != nil {
			return echo.NewHTTPError(http.StatusBadRequest)
		}
		r.Body, r.ContentLength = io.NopCloser(bytes.NewReader(data)), int64(len(data))
		return next(c)
	}
}

// ctxHead holds the request net/http received when it was a HEAD.
const ctxHead = "head_request"

// headAsGet routes HEAD as GET, so every page, API resource and static
// file answers HEAD with the headers its GET would have. Echo routes by
// the method of the request net/http passed in, so that request is made a
// GET for routing; handlers get a copy that stays a GET (they behave
// exactly as for GET, changing nothing GET would not), and restoreHead
// makes net/http's own request a HEAD again before anything is written,
// so net/http sends the headers (with the length) and drops the body.
func headAsGet(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if r.Method != http.MethodHead {
			return next(c)
		}
		r.Method = http.MethodGet
		c.SetRequest(r.WithContext(r.Context()))
		c.Set(ctxHead, r)
		return next(c)
	}
}

func restoreHead(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if r, ok := c.Get(ctxHead).(*http.Request); ok {
			r.Method = http.MethodHead
		}
		return next(c)
	}
}
