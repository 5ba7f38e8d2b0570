package server

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/store"
)

// When the database cannot take a change (store.ErrUnavailable: the disk
// is full, or the write lock was not had in time), nothing was saved and
// the same request may be sent again. Every such answer is a 503 with
// Retry-After; a respondent's page comes back with the answers as typed.

// retryAfter is the wait suggested for a fault: a few seconds for a held
// lock or a request that ran out of time, a minute for a full disk
// (someone has to free space).
func retryAfter(err error) (seconds int, ok bool) {
	switch {
	case errors.Is(err, store.ErrFull):
		return 60, true
	case errors.Is(err, store.ErrUnavailable), errors.Is(err, context.DeadlineExceeded):
		return 5, true
	}
	return 0, false
}

// setRetryAfter adds Retry-After to the answer to a database fault.
func setRetryAfter(c echo.Context, err error) {
	if secs, ok := retryAfter(err); ok {
		c.Response().Header().Set("Retry-After", strconv.Itoa(secs))
	}
}

// renderNotSaved shows a page again, unsaved, after a database fault: the
// answers just sent stay on the page (with a fresh idempotency key) and
// the error summary says nothing was saved and to try again.
func (s *Server) renderNotSaved(c echo.Context, st respond.State, code, section string, in respond.Input, fromChk bool, err error) error {
	s.log.Error("page not saved", "route", c.Path(), "err", err)
	pg, perr := st.Page(section)
	if perr != nil {
		return err
	}
	v := s.questionView(c, st, code, pg, enteredFromInput(in), nil, fromChk)
	v.Errors = []errorLink{{Text: s.text.T(st.Lang(), "page.not_saved")}}
	v.Page.HasErrors = true
	setRetryAfter(c, err)
	return s.render(c, http.StatusServiceUnavailable, "question", v)
}
