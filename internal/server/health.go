package server

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

type healthBody struct {
	Status string `json:"status"`
	Error  string `json:"error,omitempty"`
}

// handleHealthz says the process is up.
func (s *Server) handleHealthz(c echo.Context) error {
	return c.JSON(http.StatusOK, healthBody{Status: "ok"})
}

// handleReadyz says whether the database answers; a load balancer stops
// sending respondents to an instance that cannot save.
func (s *Server) handleReadyz(c echo.Context) error {
	if err := s.cfg.Store.Ready(c.Request().Context()); err != nil {
		s.log.Error("not ready", "err", err)
		return c.JSON(http.StatusServiceUnavailable, healthBody{Status: "unavailable", Error: "database not reachable"})
	}
	return c.JSON(http.StatusOK, healthBody{Status: "ok"})
}
