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
	st, code, err := s.pageState(c, false)
	if err != nil {
		return s.leave(c, st, err)
	}
	if !st.Reachable(respond.SectionCheck) {
		return c.Redirect(http.StatusSeeOther, sectionURL(c.Param("key"), st.Resume()))
	}
	return s.render(c, http.StatusOK, "check", s.checkView(c, st, code, nil))
}

// handleSubmit submits the response. Required answers still missing show
// the check page again with an error summary linking to their pages. A
// check page left open until the resume code went idle can still be
// submitted: it is what the respondent saw and chose to send.
func (s *Server) handleSubmit(c echo.Context) error {
	st, code, err := s.pageState(c, true)
	if _, done := submittedHere(c); done && errors.Is(err, errNoResponse) {
		return c.Redirect(http.StatusSeeOther, sectionURL(c.Param("key"), respond.SectionDone)) // a repeated submit
	}
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
	out, err := s.cfg.Flow.SubmitLoaded(c.Request().Context(), st, idem)
	if err != nil {
		return s.leave(c, st, err)
	}
	if !out.Saved() {
		if wasIdle(c) {
			return c.Redirect(http.StatusSeeOther, resumeAfterIdle(st.Lang()))
		}
		return s.render(c, http.StatusUnprocessableEntity, "check", s.checkView(c, st, code, out.Errors))
	}
	s.tookPart(c, st)
	return c.Redirect(http.StatusSeeOther, sectionURL(key, respond.SectionDone))
}

// tookPart forgets the submitted response's code in this browser (nothing
// more can be changed) and remembers that the browser has taken part.
func (s *Server) tookPart(c echo.Context, st respond.State) {
	key := c.Param("key")
	s.clearResumeCookie(c, key)
	s.setSubmittedCookie(c, key, st.Lang(), st.Review.ClosesAt)
}

// handleDone confirms submitted answers. It is shown to the browser that
// submitted them; any other visit goes to the review's start page.
func (s *Server) handleDone(c echo.Context) error {
	key := c.Param("key")
	e, err := s.cfg.Flow.Entry(c.Request().Context(), key)
	if err != nil {
		return err
	}
	lang, ok := submittedHere(c)
	if !ok {
		st, _, err := s.pageState(c, false)
		switch {
		case err == nil:
			return c.Redirect(http.StatusSeeOther, sectionURL(key, st.Resume()))
		case !errors.Is(err, store.ErrSubmitted):
			return s.leave(c, st, err)
		}
		s.tookPart(c, st)
		lang = st.Lang()
	}
	if !e.Q.HasLanguage(lang) {
		lang = e.Q.DefaultLanguage()
	}
	c.Set(langKey, lang)
	title := s.text.T(lang, "done.title")
	v := donePage{Heading: title}
	v.Page = s.reviewPage(c, e.Q, key, lang, title, "", false)
	v.Page.Languages = nil // the response is closed to changes, its language too
	return s.render(c, http.StatusOK, "done", v)
}
