package server

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/store"
)

// handleAPIPage shows a section with the items the branching shows now
// and the answers saved for them. A hidden or not yet reached section is
// 404. Going back is fetching the page named by "back".
//
// Once the response is submitted or its review has closed, the code opens
// no answers: 409 or 410.
func (s *Server) handleAPIPage(c echo.Context) error {
	st, stErr := apiState(c)
	if stErr != nil {
		return stErr
	}
	p, err := st.Page(c.Param("section"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, newAPIPage(st, p))
}

// handleAPISave saves one page: the answers replace the page's answers
// (an item left out is blank). The items asked are those the branching
// showed before the save (Shown is nil): a required one left blank, or an
// answer to an item an earlier page hides, is a 422 and nothing is saved.
// Items the answers reveal on the page come back in revealed with next
// the same page; a save that would clear saved answers is a 409 until it
// is confirmed.
func (s *Server) handleAPISave(c echo.Context) error {
	st, stErr := apiState(c)
	if stErr != nil {
		return stErr
	}
	key, err := idempotencyKey(c)
	if err != nil {
		return err
	}
	var req apiSaveRequest
	if err := decodeJSON(c, &req, false); err != nil {
		return err
	}
	values, errs := answerValues(req.Answers)
	if len(errs) > 0 {
		return s.invalidAnswers(st, "invalid_answers", errs)
	}
	ctx := c.Request().Context()
	in := respond.Input{Key: key, Values: values, Other: req.Other, Partial: req.Partial, ConfirmClear: req.ConfirmClear}
	out, now, err := s.cfg.Flow.SaveLoaded(ctx, st, c.Param("section"), in)
	switch {
	case err != nil:
		return err
	case out.NeedsConfirm():
		return s.confirmClear(st, out.ToClear)
	case !out.Saved():
		return s.invalidAnswers(st, "invalid_answers", out.Errors)
	}
	cleared := out.Cleared
	if cleared == nil {
		cleared = []string{}
	}
	saved := apiSaved{Saved: true, Next: out.Next, Cleared: cleared, Revealed: out.Revealed, Replayed: out.Replayed, Page: pageOf(now, out.Next)}
	if len(out.Revealed) > 0 {
		saved.Message = s.text.T(now.Lang(), "page.revealed_api")
	}
	return c.JSON(http.StatusOK, saved)
}

// handleAPICheck lists every shown section with its answers, and the
// required items still missing. It is available once the last page is
// reached.
func (s *Server) handleAPICheck(c echo.Context) error {
	st, stErr := apiState(c)
	if stErr != nil {
		return stErr
	}
	if !st.Reachable(respond.SectionCheck) {
		return respond.ErrPageUnavailable
	}
	return c.JSON(http.StatusOK, newAPICheck(st))
}

// handleAPISubmit submits the response when every applicable required item
// is answered, else 422 naming the missing ones. Repeating it with the same
// key is a success; with another key after submission, 409.
func (s *Server) handleAPISubmit(c echo.Context) error {
	st, _ := apiState(c)
	key, err := idempotencyKey(c)
	if err != nil {
		return err
	}
	out, err := s.cfg.Flow.SubmitLoaded(c.Request().Context(), st, key)
	if err != nil {
		return err
	}
	if !out.Saved() {
		return s.invalidAnswers(st, "incomplete", out.Errors)
	}
	return c.JSON(http.StatusOK, apiSubmitted{Status: store.ResponseSubmitted, Replayed: out.Replayed})
}
