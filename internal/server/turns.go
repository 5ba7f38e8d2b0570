package server

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/researchpulse/pulse/internal/turns"
)

// takeTurns runs a respondent's request in a turn of the server's queue
// (Config.Turns): a page to show (GET or HEAD) before anything that
// changes a response. A save gives its turn back while it waits for its
// commit (the store calls turns.Away). A request whose client has gone,
// or whose time ran out, before its turn came is answered 503 and does
// nothing. Administrators' pages, downloads and health checks do not take
// turns.
func (s *Server) takeTurns(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if s.turns == nil || !respondentRoute(c.Path()) {
			return next(c)
		}
		class := turns.Save
		if m := c.Request().Method; m == http.MethodGet || m == http.MethodHead {
			class = turns.Render
		}
		req := c.Request()
		t, err := s.turns.Take(req.Context(), class)
		if err != nil {
			return echo.NewHTTPError(http.StatusServiceUnavailable)
		}
		defer t.Release()
		c.SetRequest(req.WithContext(turns.With(req.Context(), t)))
		return next(c)
	}
}

// respondentRoute is whether a route pattern is one of the respondent's
// pages or API calls (routes.go).
func respondentRoute(route string) bool {
	switch {
	case strings.HasPrefix(route, "/r/"), route == "/resume", strings.HasPrefix(route, "/resume/"):
		return true
	case strings.HasPrefix(route, "/api/v1/"):
		return route != "/api/v1/openapi.json" && !isDownload(route)
	}
	return false
}
