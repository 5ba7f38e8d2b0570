package server

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/store"
)

// handleLanguage switches the language of the browser's response and goes
// back to the page it came from. Answers are codes, so they carry over.
// Without a response yet, the intro page is shown in the language asked.
func (s *Server) handleLanguage(c echo.Context) error {
	key, lang, ret := c.Param("key"), c.FormValue("lang"), c.FormValue("return")
	if !safeReturn(key, ret) {
		ret = linkPath(key)
	}
	st, _, err := s.pageState(c, false)
	switch {
	case errors.Is(err, errNoResponse), errors.Is(err, errIdle):
		if lang != "en" && lang != "cy" {
			return c.Redirect(http.StatusSeeOther, linkPath(key))
		}
		return c.Redirect(http.StatusSeeOther, linkPath(key)+"?lang="+lang)
	case err == nil:
		if err := s.cfg.Flow.SetLanguage(c.Request().Context(), st, lang); err != nil {
			return err
		}
	case st.Q == nil:
		return err
	}
	return c.Redirect(http.StatusSeeOther, ret)
}

// handlePageLanguage switches language from a question page. The switcher
// sends the page's own form, so the page comes back in the new language
// with the choices made on it but not yet saved (nothing is saved here:
// Continue saves, as always).
func (s *Server) handlePageLanguage(c echo.Context) error {
	st, code, err := s.pageState(c, false)
	if err != nil {
		return s.leave(c, st, err)
	}
	form, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest)
	}
	if lang := form.Get("lang"); st.Q.HasLanguage(lang) {
		if err := s.cfg.Flow.SetLanguage(c.Request().Context(), st, lang); err != nil {
			return err
		}
		st.Response.Language = lang
		c.Set(langKey, lang)
	}
	form.Del("lang")
	pg, err := st.Page(c.Param("section"))
	if err != nil {
		return c.Redirect(http.StatusSeeOther, sectionURL(c.Param("key"), st.Resume()))
	}
	in := pageInput(form)
	v := s.questionView(c, st, code, pg, enteredFromInput(in), nil, form.Get(fieldFrom) == fromCheck)
	return s.render(c, http.StatusOK, "question", v)
}

// handleResumeForm asks for a resume code. After a page left open past
// the idle time was saved, it says so (saved=1).
func (s *Server) handleResumeForm(c echo.Context) error {
	return s.renderResume(c, http.StatusOK, "", "")
}

// handleResumeCode takes a resume code typed into the form, or confirmed
// on the page a resume link shows. Typing the code is asking to continue
// those answers, unless the browser already has other answers in progress
// at the same review link: then it asks before switching.
func (s *Server) handleResumeCode(c echo.Context) error {
	if l := c.FormValue("lang"); l == "cy" || l == "en" {
		c.Set(langKey, l)
	}
	code := c.FormValue("code")
	if strings.TrimSpace(code) == "" {
		return s.renderResume(c, http.StatusUnprocessableEntity, code, "resume.error.empty")
	}
	return s.resumeWith(c, code, c.FormValue("confirm") == "yes")
}

// handleResumeLink is the resume link. Following it changes nothing: it
// shows what the link opens and asks the person to confirm with a button
// (a CSRF-protected POST), so a link sent by someone else can never
// silently put their answers, or anyone's, into this browser.
func (s *Server) handleResumeLink(c echo.Context) error {
	return s.resumeWith(c, c.Param("code"), false)
}

// resumeWith opens the response a code belongs to in this browser and
// goes to where the respondent left off, once confirmed; until then it
// shows the confirmation page. A code that matches nothing shows the form
// again and counts against the client's attempts.
func (s *Server) resumeWith(c echo.Context, code string, confirmed bool) error {
	ctx := c.Request().Context()
	st, err := s.cfg.Flow.Resume(ctx, code)
	if errors.Is(err, respond.ErrBadResumeCode) {
		s.limit.fail(c.RealIP())
		if c.Request().Method == http.MethodGet {
			return s.renderResume(c, http.StatusNotFound, "", "resume.error.not_recognised")
		}
		return s.renderResume(c, http.StatusUnprocessableEntity, code, "resume.error.not_recognised")
	}
	if st.Q == nil {
		return err
	}
	c.Set(langKey, st.Lang())
	link, lerr := s.linkOf(c, st)
	if lerr != nil {
		return lerr
	}
	c.SetParamNames("key")
	c.SetParamValues(link.Key)
	switch {
	case errors.Is(err, store.ErrSubmitted):
		return s.renderSubmitted(c, st)
	case err != nil:
		return s.leave(c, st, err)
	}
	other := s.otherResponseHere(c, link.Key, code)
	if c.Request().Method == http.MethodGet || (other && !confirmed) {
		return s.renderResumeConfirm(c, st, link, code, other)
	}
	s.setResumeCookie(c, link.Key, code)
	return c.Redirect(http.StatusSeeOther, sectionURL(link.Key, st.Resume()))
}

// otherResponseHere reports whether the browser already has answers in
// progress at the review link other than those of code.
func (s *Server) otherResponseHere(c echo.Context, key, code string) bool {
	sess, ok := s.resumeSession(c, key)
	return ok && respond.NormalizeCode(sess.code) != respond.NormalizeCode(code)
}

// linkOf finds the review link a response was started from: that of its
// review at its trust.
func (s *Server) linkOf(c echo.Context, st respond.State) (store.ReviewLink, error) {
	links, err := s.cfg.Store.ReviewLinks(c.Request().Context(), st.Review.ID)
	if err != nil {
		return store.ReviewLink{}, err
	}
	for _, l := range links {
		if l.Trust.ID == st.Response.TrustID {
			return l, nil
		}
	}
	return store.ReviewLink{}, store.ErrNotFound
}

// renderResumeConfirm asks whether to continue the answers a code opens,
// warning when that replaces other answers in progress in this browser.
// It shows no answers.
func (s *Server) renderResumeConfirm(c echo.Context, st respond.State, link store.ReviewLink, code string, replaces bool) error {
	lang := st.Lang()
	v := resumeConfirmPage{
		Caption: link.Trust.Name, Heading: s.text.T(lang, "resume_confirm.title"), Review: st.Q.Title.In(lang),
		Code: respond.FormatCode(respond.NormalizeCode(code)), Replaces: replaces,
	}
	v.Page = s.basePage(c, lang, v.Heading+" – "+v.Review)
	return s.render(c, http.StatusOK, "resume_confirm", v)
}

// renderSubmitted tells someone resuming a submitted response that it can
// no longer be changed.
func (s *Server) renderSubmitted(c echo.Context, st respond.State) error {
	lang := st.Lang()
	v := noticePage{
		Caption: st.Q.Title.In(lang), Heading: s.text.T(lang, "submitted.title"),
		Paras: []string{s.text.T(lang, "submitted.body"), s.text.T(lang, "submitted.thanks")},
	}
	v.Page = s.reviewPage(c, st.Q, c.Param("key"), lang, v.Heading, "", false)
	v.Page.Languages = nil
	return s.render(c, http.StatusConflict, "notice", v)
}

// renderResume draws the resume form, with an error when errKey is set.
func (s *Server) renderResume(c echo.Context, status int, code, errKey string) error {
	lang := s.langOf(c)
	v := resumePage{Code: code, Saved: c.QueryParam("saved") == "1"}
	v.Page = s.basePage(c, lang, s.text.T(lang, "resume.title"))
	v.Page.Languages, v.Page.ReturnTo = s.serviceLanguages(), "/resume"
	if errKey != "" {
		v.Error = s.text.T(lang, errKey)
		v.Errors = []errorLink{{Href: "#code", Text: v.Error}}
		v.Page.HasErrors = true
	}
	return s.render(c, status, "resume", v)
}

// limitResume refuses a client that has used up its allowance of failed
// codes and starts (see clientLimiter) before a resume route looks a code
// up.
func (s *Server) limitResume(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if s.limit.blocked(c.RealIP()) {
			return s.tooMany(c)
		}
		return next(c)
	}
}
