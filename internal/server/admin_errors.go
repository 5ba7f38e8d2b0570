package server

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/researchpulse/pulse/internal/admin"
	"github.com/researchpulse/pulse/internal/lifecycle"
)

// adminStatusOf adds the administrative side's errors to statusOf's table.
func adminStatusOf(err error) (int, string, bool) {
	var inv *admin.Invalid
	switch {
	case errors.As(err, &inv):
		return http.StatusUnprocessableEntity, "error.bad_request", true
	case errors.Is(err, admin.ErrForbidden):
		return http.StatusForbidden, "error.forbidden", true
	case errors.Is(err, admin.ErrStale), errors.Is(err, lifecycle.ErrTransition):
		return http.StatusConflict, "error.conflict", true
	case errors.Is(err, admin.ErrThrottled):
		return http.StatusTooManyRequests, "error.bad_request", true
	case errors.Is(err, admin.ErrBadSignIn):
		return http.StatusUnauthorized, "error.unauthorized", true
	}
	return 0, "", false
}

func isAdmin(path string) bool { return path == "/admin" || strings.HasPrefix(path, "/admin/") }

// adminErrorPage is the administrative side's error page.
type adminErrorPage struct {
	AdminPage
	Status  int
	Heading string
	Body    string
}

// renderAdminError says what went wrong in staff's words; internal error
// text is never shown.
func (s *Server) renderAdminError(c echo.Context, status int, err error) {
	v := adminErrorPage{Status: status}
	switch status {
	case http.StatusNotFound, http.StatusMethodNotAllowed:
		v.Heading, v.Body = "Page not found", "Check the address, or go back to your reviews. You can only see reviews and trusts your account has been given."
	case http.StatusForbidden:
		v.Heading, v.Body = "You cannot do this", "Your account's role does not allow it. Ask a platform admin if you need it."
		if errors.Is(err, errCSRF) {
			v.Heading, v.Body = "This form has expired", "The page was open too long or you signed out meanwhile. Go back, reload the page and try again; nothing was changed."
		}
	case http.StatusConflict:
		v.Heading, v.Body = "This review has changed", "Someone changed it since you loaded the page, so nothing was done. Reload the review to see where it stands."
	case http.StatusTooManyRequests:
		v.Heading, v.Body = "Too many attempts", "Wait a few minutes before trying again."
	case http.StatusRequestEntityTooLarge:
		v.Heading, v.Body = "The file is too large", "Upload a file of at most 1 MB."
	case http.StatusServiceUnavailable:
		v.Heading, v.Body = "Not available", "This is not available at the moment. Try again later."
	default:
		v.Heading, v.Body = "Sorry, there is a problem", "Try again later. If it keeps happening, tell your platform admin what you were doing and when."
		if status < 500 {
			v.Heading, v.Body = "Sorry, that did not work", "Go back and check what you entered."
		}
	}
	v.AdminPage = s.adminPage(c, v.Heading)
	_ = s.renderAdmin(c, status, "error", v)
}
