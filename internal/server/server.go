// Package server is the HTTP layer: the respondent pages, the JSON API,
// the administrative pages and the health endpoints, with their
// middleware, rendering and error handling. It is the only package that
// imports Echo; handlers are thin and leave every decision to package
// respond (respondents) or package admin (R&D office staff).
package server

import (
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/researchpulse/pulse/internal/admin"
	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/turns"
)

// Body limits: a page of answers is a few kilobytes; the largest legitimate
// one (several long answers in Welsh) stays well under this.
const (
	bodyLimit      = "256K"
	requestTimeout = 10 * time.Second
)

// Config is what the server needs.
type Config struct {
	Store  *store.Store
	Flow   *respond.Service
	Logger *slog.Logger
	// SecureCookies marks cookies Secure; set it whenever the server is
	// reached over HTTPS (always, outside a laptop demo).
	SecureCookies bool
	// BaseURL is the public address, used in resume links shown to
	// respondents, e.g. https://pulse.example.nhs.uk.
	BaseURL string
	// ClientLimit is how many responses one client address may start, and
	// resume codes it may get wrong, at once and then per minute. Zero
	// means DefaultClientLimit; a negative value turns the limit off (for
	// load tests, where every respondent shares one address).
	ClientLimit int
	// Admin is the administrative side; nil serves the respondent side
	// alone.
	Admin *admin.Service
	// Export writes review workbooks and CSV files for downloads; nil
	// answers downloads with "not available".
	Export Exporter
	// TrustedProxies are the reverse proxies whose X-Forwarded-For (or
	// X-Real-IP) names the client; with none, the client is the
	// connection's address (clientip.go).
	TrustedProxies []*net.IPNet
	// Turns, when above zero, is how many respondent requests run at once,
	// page renders served before saves (turns.go); zero lets every request
	// run as it comes. One per processor suits a SQLite store, whose
	// reads and writes are all in-process work.
	Turns int
}

// Server serves Research Pulse over HTTP.
type Server struct {
	cfg   Config
	e     *echo.Echo
	pages *renderer
	text  *catalog
	log   *slog.Logger
	limit *clientLimiter
	turns *turns.Queue // nil: no turns taken
	// adminPages are the administrative side's templates.
	adminPages *renderer
}

// New builds the server: it parses every template and message catalogue
// and fails if any is broken, so a bad deployment fails at start.
func New(cfg Config) (*Server, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	text, err := loadCatalog()
	if err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	pages, err := newRenderer(text)
	if err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	s := &Server{cfg: cfg, pages: pages, text: text, log: cfg.Logger, limit: newClientLimiter(cfg.Flow.Now, cfg.ClientLimit)}
	s.limit.shareThrough(cfg.Store, cfg.Logger)
	if cfg.Turns > 0 {
		s.turns = turns.New(cfg.Turns)
	}
	if s.adminPages, err = newAdminRenderer(text); err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	s.e = echo.New()
	s.e.HideBanner, s.e.HidePort = true, true
	s.e.HTTPErrorHandler = s.handleError
	s.middleware()
	s.harden() // security.go
	s.routes()
	return s, nil
}

// Handler returns the server's HTTP handler.
func (s *Server) Handler() http.Handler { return s.e }

func (s *Server) middleware() {
	s.e.Use(middleware.Recover())
	s.e.Use(s.requestLogger())
	s.e.Use(securityHeaders)
	s.e.Use(bodyLimits())
	s.e.Use(middleware.ContextTimeoutWithConfig(middleware.ContextTimeoutConfig{Timeout: requestTimeout,
		Skipper: func(c echo.Context) bool { return isDownload(c.Path()) }})) // downloads stream for longer
	s.e.Use(s.takeTurns) // turns.go
}

// uploadPath takes a file bigger than any form: the trust CSV import, up
// to admin.MaxImportBytes plus the form around it.
const (
	uploadPath  = "/admin/trusts/import"
	uploadLimit = "1088K" // 1 MiB of CSV and 64 KiB of multipart form
)

// bodyLimits refuses bodies over bodyLimit with 413, or over uploadLimit
// on the upload route; bodies of unknown length are cut off at the same
// limit as they are read (readUnknownLength).
func bodyLimits() echo.MiddlewareFunc {
	small, upload := middleware.BodyLimit(bodyLimit), middleware.BodyLimit(uploadLimit)
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		s, u := small(next), upload(next)
		return func(c echo.Context) error {
			if c.Path() == uploadPath && c.Request().Method == http.MethodPost {
				return u(c)
			}
			return s(c)
		}
	}
}

// requestLogger logs method, route pattern, status and latency: never the
// client address, user agent, full URL or query string, which could
// identify a respondent or leak a resume code. A handler's error goes
// through the error handler first, so the status logged is the one sent.
func (s *Server) requestLogger() echo.MiddlewareFunc {
	return middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
		LogStatus: true, LogLatency: true, LogMethod: true, LogRoutePath: true, HandleError: true,
		LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
			s.log.Info("request", "method", v.Method, "route", v.RoutePath, "status", v.Status, "latency_ms", v.Latency.Milliseconds())
			return nil
		},
	})
}

// contentSecurityPolicy allows only this server's own scripts and styles,
// plus the one inline snippet the NHS design system needs (by hash) and the
// NHS font host.
const contentSecurityPolicy = "default-src 'self'; " +
	"script-src 'self' 'sha256-tDOvXJi1PXbg0CWjLCCYSNHRXtps26K4JXkE3M6u/c0='; " +
	"style-src 'self'; img-src 'self' data:; font-src 'self' https://assets.nhs.uk; " +
	"form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"

func securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if !isStatic(c.Request().URL.Path) {
			h.Set("Cache-Control", "no-store")
		}
		return next(c)
	}
}
