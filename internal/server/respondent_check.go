package server

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/store"
)

// handleCheck lists the answers on the route taken, each with a Change
// link, before the respondent submits.
func (s *Server) handleCheck(c echo.Context) error {
	st, code, err := s.pageState(c)
	if err != nil {
		return s.leave(c, st, err)
	}
	if !st.Reachable(respond.SectionCheck) {
		return c.Redirect(http.StatusSeeOther, sectionURL(c.Param("key"), st.Resume()))
	}
	return s.render(c, http.StatusOK, "check", s.checkView(c, st, code, nil))
}

// handleSubmit submits the response. Required answers still missing show
// the check page again with an error summary linking to their pages.
func (s *Server) handleSubmit(c echo.Context) error {
	st, code, err := s.pageState(c)
	if err != nil {
		return s.leave(c, st, err)
	}
	key := c.Param("key")
	if !st.Reachable(respond.SectionCheck) {
		return c.Redirect(http.StatusSeeOther, sectionURL(key, st.Resume()))
	}
	idem := c.FormValue(fieldKey)
	if idem == "" {
		return echo.NewHTTPError(http.StatusBadRequest)
	}
	out, err := s.cfg.Flow.Submit(c.Request().Context(), st.Response.ID, idem)
	if err != nil {
		return s.leave(c, st, err)
	}
	if !out.Saved() {
		return s.render(c, http.StatusUnprocessableEntity, "check", s.checkView(c, st, code, out.Errors))
	}
	return c.Redirect(http.StatusSeeOther, sectionURL(key, respond.SectionDone))
}

// handleDone confirms a submitted response and forgets its resume code in
// this browser: nothing more can be changed.
func (s *Server) handleDone(c echo.Context) error {
	st, _, err := s.pageState(c)
	key := c.Param("key")
	switch {
	case err == nil:
		return c.Redirect(http.StatusSeeOther, sectionURL(key, st.Resume()))
	case !errors.Is(err, store.ErrSubmitted):
		return s.leave(c, st, err)
	}
	s.clearResumeCookie(c, key)
	lang := st.Lang()
	title := s.text.T(lang, "done.title")
	v := donePage{Heading: title}
	v.Page = s.reviewPage(c, st.Q, key, lang, title, "", false)
	v.Page.Languages = nil // the response is closed to changes, its language too
	return s.render(c, http.StatusOK, "done", v)
}
