package server

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/store"
)

// statusOf is the one table from errors to HTTP statuses and to the
// message key shown to the user. Users never see err.Error() of an
// internal error.
func statusOf(err error) (int, string) {
	var he *echo.HTTPError
	var ap *apiProblem
	switch {
	case errors.As(err, &he):
		return he.Code, httpMessageKey(he.Code)
	case errors.As(err, &ap):
		return ap.status, "error." + ap.code
	case errors.Is(err, store.ErrNotFound), errors.Is(err, respond.ErrPageUnavailable):
		return http.StatusNotFound, "error.not_found"
	case errors.Is(err, respond.ErrMalformedInput):
		return http.StatusBadRequest, "error.invalid_text"
	case errors.Is(err, respond.ErrBadResumeCode):
		return http.StatusNotFound, "error.bad_resume_code"
	case errors.Is(err, store.ErrReviewClosed):
		return http.StatusGone, "error.review_closed"
	case errors.Is(err, store.ErrReviewNotOpen):
		return http.StatusForbidden, "error.review_not_open"
	case errors.Is(err, store.ErrKeyReused):
		return http.StatusUnprocessableEntity, "error.idempotency_key_reused"
	case errors.Is(err, store.ErrSubmitted):
		return http.StatusConflict, "error.submitted"
	case errors.Is(err, store.ErrConflict):
		return http.StatusConflict, "error.conflict"
	case errors.Is(err, store.ErrInvalid):
		return http.StatusBadRequest, "error.bad_request"
	case errors.Is(err, store.ErrUnavailable):
		return http.StatusServiceUnavailable, "error.not_saved"
	case errors.Is(err, respond.ErrQuestionnaireMissing):
		return http.StatusServiceUnavailable, "error.unavailable"
	}
	if status, key, ok := adminStatusOf(err); ok {
		return status, key
	}
	return http.StatusInternalServerError, "error.internal"
}

func httpMessageKey(code int) string {
	switch code {
	case http.StatusNotFound, http.StatusMethodNotAllowed:
		return "error.not_found"
	case http.StatusRequestEntityTooLarge:
		return "error.too_large"
	case http.StatusUnauthorized:
		return "error.unauthorized"
	case http.StatusForbidden:
		return "error.forbidden"
	case http.StatusUnsupportedMediaType, http.StatusBadRequest:
		return "error.bad_request"
	case http.StatusServiceUnavailable:
		return "error.unavailable"
	case http.StatusTooManyRequests:
		return "error.too_many_requests"
	}
	if code >= 500 {
		return "error.internal"
	}
	return "error.bad_request"
}

// handleError is Echo's error handler: it picks the status, logs server
// faults, and answers in JSON under /api/ and with an error page elsewhere.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	status, key := statusOf(err)
	if status >= 500 {
		s.log.Error("request failed", "method", c.Request().Method, "route", c.Path(), "err", err)
	}
	setRetryAfter(c, err)
	lang := s.langOf(c)
	if isAPI(c.Request().URL.Path) {
		_ = c.JSON(status, s.apiErrorOf(err, key, lang))
		return
	}
	if isAdmin(c.Request().URL.Path) {
		s.renderAdminError(c, status, err)
		return
	}
	_ = s.render(c, status, "error", errorPage{Page: s.basePage(c, lang, s.text.T(lang, key+".title")), Status: status, Key: key})
}

func isAPI(path string) bool { return strings.HasPrefix(path, "/api/") }

func isStatic(path string) bool { return strings.HasPrefix(path, "/static/") }

// apiError is the JSON body of every API error.
type apiError struct {
	Error apiErrorBody `json:"error"`
}

type apiErrorBody struct {
	Code    string          `json:"code"`
	Message string          `json:"message"`
	Fields  []apiFieldError `json:"fields,omitempty"`
	Items   []apiItem       `json:"items,omitempty"` // definitions of the items fields name
	// WouldClear lists the saved answers a change would clear (409
	// confirm_clear).
	WouldClear []apiWouldClear `json:"would_clear,omitempty"`
}

type apiWouldClear struct {
	Item     string `json:"item"`
	Question string `json:"question"`
	Cause    string `json:"cause"`
}

// apiFieldError is one invalid answer in a 422 response.
type apiFieldError struct {
	Item    string `json:"item"`
	Code    string `json:"code"`
	Message string `json:"message"`
}
