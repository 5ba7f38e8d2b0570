package server

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

// The respondent pages. Handlers only translate between HTTP and package
// respond, which makes every decision about branching, validation and
// where to go next.

// handleHome says what Research Pulse is. It lists no reviews: R&D
// offices share each review's link with their staff.
func (s *Server) handleHome(c echo.Context) error {
	lang := s.langOf(c)
	p := s.basePage(c, lang, s.text.T(lang, "home.title"))
	p.Languages, p.ReturnTo = s.serviceLanguages(), "/"
	return s.render(c, http.StatusOK, "home", homePage{Page: p})
}

// serviceLanguages are the languages the pages outside a review (home,
// resume) offer: Welsh only when some questionnaire has Welsh.
func (s *Server) serviceLanguages() []string {
	if langs := s.cfg.Flow.Languages(); len(langs) > 1 {
		return langs
	}
	return nil
}

// handleIntro is the start page of a review link. What it offers depends
// on the browser: answers in progress here ("Continue where you left
// off"), answers in progress that have gone idle (the resume code is
// asked for, so a shared computer does not open someone else's answers),
// answers already submitted here ("You have already taken part"), or
// nothing yet ("Start now").
func (s *Server) handleIntro(c echo.Context) error {
	key := c.Param("key")
	e, err := s.cfg.Flow.Entry(c.Request().Context(), key)
	if err != nil {
		return err
	}
	st, _, serr := s.pageState(c, false)
	hasResponse, idle := serr == nil, errors.Is(serr, errIdle)
	if serr != nil && !errors.Is(serr, errNoResponse) && !idle && st.Q == nil {
		return serr
	}
	lang := s.introLang(c, e.Q, st, hasResponse)
	c.Set(langKey, lang)
	if err := e.Accepting(s.cfg.Flow.Now()); err != nil {
		return s.renderUnavailable(c, e.Q, e.Review, key, err)
	}
	if done, ok := submittedHere(c); ok && !hasResponse && !idle {
		return s.renderTakenPart(c, e, done)
	}
	if idle {
		s.clearResumeCookie(c, key)
	}
	v := introPage{
		Trust: e.Link.Trust.Name, Heading: e.Q.Title.In(lang), Intro: paragraphs(e.Q.Intro.In(lang)),
		Minutes: e.Q.Minutes, Privacy: paragraphs(e.Q.Privacy.In(lang)),
		Closes:      s.formatDate(lang, lastDay(e.Review.ClosesAt)),
		StartAction: linkPath(key) + "/start", StartLang: lang, Idle: idle,
	}
	if hasResponse {
		v.ContinueURL = sectionURL(key, st.Resume())
	}
	v.Page = s.reviewPage(c, e.Q, key, lang, s.text.T(lang, "intro.title"), linkPath(key), hasResponse)
	return s.render(c, http.StatusOK, "intro", v)
}

// renderTakenPart is a review link's page in a browser that has submitted
// answers there. Someone else using the same device can still start.
func (s *Server) renderTakenPart(c echo.Context, e respond.Entry, lang string) error {
	if !e.Q.HasLanguage(lang) {
		lang = e.Q.DefaultLanguage()
	}
	if l := c.QueryParam("lang"); e.Q.HasLanguage(l) {
		lang = l
	}
	c.Set(langKey, lang)
	key := c.Param("key")
	v := takenPartPage{
		Caption: e.Q.Title.In(lang), Heading: s.text.T(lang, "taken_part.title"),
		StartAction: linkPath(key) + "/start", StartLang: lang,
	}
	v.Page = s.reviewPage(c, e.Q, key, lang, v.Heading, linkPath(key), false)
	return s.render(c, http.StatusOK, "taken_part", v)
}

// introLang is the language of the intro page: one asked for in the URL,
// else that of the response in progress, else the questionnaire's first.
func (s *Server) introLang(c echo.Context, q *survey.Questionnaire, st respond.State, hasResponse bool) string {
	if l := c.QueryParam("lang"); q.HasLanguage(l) {
		return l
	}
	if hasResponse {
		return st.Lang()
	}
	return q.DefaultLanguage()
}

// handleStart begins a response, keeps its resume code in the browser and
// goes to the first page. Starting is asked for with a button, so it may
// replace answers in progress in this browser (they stay resumable by
// their code) and forgets that this browser had taken part.
func (s *Server) handleStart(c echo.Context) error {
	key := c.Param("key")
	st, code, err := s.cfg.Flow.Start(c.Request().Context(), key, c.FormValue("lang"), false)
	if err != nil {
		return s.startFailed(c, key, err)
	}
	s.setResumeCookie(c, key, code)
	s.clearSubmittedCookie(c, key)
	return c.Redirect(http.StatusSeeOther, sectionURL(key, st.Response.Section))
}

func (s *Server) startFailed(c echo.Context, key string, err error) error {
	if !errors.Is(err, store.ErrReviewClosed) && !errors.Is(err, store.ErrReviewNotOpen) {
		return err
	}
	e, eerr := s.cfg.Flow.Entry(c.Request().Context(), key)
	if eerr != nil {
		return eerr
	}
	c.Set(langKey, s.introLang(c, e.Q, respond.State{}, false))
	return s.renderUnavailable(c, e.Q, e.Review, key, err)
}

// handlePage shows one section of the questionnaire.
func (s *Server) handlePage(c echo.Context) error {
	st, code, err := s.pageState(c, false)
	if err != nil {
		return s.leave(c, st, err)
	}
	pg, err := st.Page(c.Param("section"))
	if errors.Is(err, respond.ErrPageUnavailable) {
		return c.Redirect(http.StatusSeeOther, sectionURL(c.Param("key"), st.Resume()))
	}
	if err != nil {
		return err
	}
	v := s.questionView(c, st, code, pg, enteredFromAnswers(st.Answers), nil, c.QueryParam(fieldFrom) == fromCheck)
	return s.render(c, http.StatusOK, "question", v)
}

// handlePageSave saves a section and goes to the next page; when answers
// are wrong it shows the page again with them as typed, and saves nothing.
// A change that would clear saved answers asks first; "Save and come back
// later" saves what is valid and shows how to come back; answers that add
// questions to the page show it again with them.
//
// A page left open until the browser's resume code went idle is still
// saved, so nothing typed is lost; the next page is not shown, and the
// resume code is asked for instead. (A change that would clear answers
// is not saved then: the confirmation would show saved answers.)
func (s *Server) handlePageSave(c echo.Context) error {
	st, code, err := s.pageState(c, true)
	if err != nil {
		return s.leave(c, st, err)
	}
	form, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest)
	}
	in := pageInput(form)
	if in.Key == "" {
		return echo.NewHTTPError(http.StatusBadRequest)
	}
	key, section, fromChk := c.Param("key"), c.Param("section"), form.Get(fieldFrom) == fromCheck
	out, after, err := s.cfg.Flow.SaveLoaded(c.Request().Context(), st, section, in)
	switch {
	case errors.Is(err, respond.ErrPageUnavailable):
		return c.Redirect(http.StatusSeeOther, sectionURL(key, st.Resume()))
	case errors.Is(err, store.ErrKeyReused):
		return s.renderResent(c, st, code, section, in, fromChk)
	case errors.Is(err, store.ErrUnavailable):
		return s.renderNotSaved(c, st, code, section, in, fromChk, err)
	case err != nil:
		return s.leave(c, st, err)
	}
	st = after
	switch {
	case out.NeedsConfirm() && wasIdle(c):
		return c.Redirect(http.StatusSeeOther, linkPath(key))
	case out.NeedsConfirm():
		return s.render(c, http.StatusOK, "confirm", s.confirmView(c, st, section, form, out.ToClear))
	case !out.Saved():
		pg, err := st.Page(section)
		if err != nil {
			return err
		}
		v := s.questionView(c, st, code, pg, enteredFromInput(in), out.Errors, fromChk)
		return s.render(c, http.StatusUnprocessableEntity, "question", v)
	case wasIdle(c):
		return c.Redirect(http.StatusSeeOther, resumeAfterIdle(st.Lang()))
	case in.Partial:
		return c.Redirect(http.StatusSeeOther, linkPath(key)+"/saved")
	}
	return c.Redirect(http.StatusSeeOther, afterSave(c, st, section, out, fromChk))
}

// resumeAfterIdle is the resume form saying the page was saved.
func resumeAfterIdle(lang string) string {
	if lang != "en" {
		return "/resume?saved=1&lang=" + lang
	}
	return "/resume?saved=1"
}

// renderResent shows a page again, unsaved, when its form (and so its
// idempotency key) was sent before with other answers: the answers just
// sent are kept on the page with a fresh key, to be sent again.
func (s *Server) renderResent(c echo.Context, st respond.State, code, section string, in respond.Input, fromChk bool) error {
	pg, err := st.Page(section)
	if err != nil {
		return c.Redirect(http.StatusSeeOther, sectionURL(c.Param("key"), st.Resume()))
	}
	v := s.questionView(c, st, code, pg, enteredFromInput(in), nil, fromChk)
	v.Errors = []errorLink{{Text: s.text.T(st.Lang(), "page.resent")}}
	v.Page.HasErrors = true
	return s.render(c, http.StatusUnprocessableEntity, "question", v)
}

// afterSave is where a saved page leads, given the response as the save
// left it. A change made from the check page goes back there, unless it
// opened questions that still need answers.
func afterSave(c echo.Context, st respond.State, section string, out respond.Outcome, fromChk bool) string {
	key, next := c.Param("key"), out.Next
	if next == section {
		q := url.Values{}
		if len(out.Revealed) > 0 {
			q.Set(queryAdded, strings.Join(out.Revealed, ","))
		}
		if fromChk {
			q.Set(fieldFrom, fromCheck)
		}
		if len(q) == 0 {
			return sectionURL(key, next)
		}
		return sectionURL(key, next) + "?" + q.Encode()
	}
	if !fromChk {
		return sectionURL(key, next)
	}
	next = st.AfterChange()
	if next == respond.SectionCheck {
		return sectionURL(key, next)
	}
	return sectionURL(key, next) + "?from=check"
}

// leave answers a request for a response that cannot be worked on: none
// in this browser, or an idle one (to the intro page, which says what to
// do), submitted (to the confirmation),
// or a review that is closed or not open (a page saying so).
func (s *Server) leave(c echo.Context, st respond.State, err error) error {
	key := c.Param("key")
	switch {
	case errors.Is(err, errNoResponse), errors.Is(err, errIdle):
		if _, err := s.cfg.Flow.Entry(c.Request().Context(), key); err != nil {
			return err // no such link: not found here rather than after a redirect
		}
		return c.Redirect(http.StatusSeeOther, linkPath(key))
	case errors.Is(err, store.ErrSubmitted):
		return c.Redirect(http.StatusSeeOther, sectionURL(key, respond.SectionDone))
	case st.Q != nil && (errors.Is(err, store.ErrReviewClosed) || errors.Is(err, store.ErrReviewNotOpen)):
		return s.renderUnavailable(c, st.Q, st.Review, key, err)
	}
	return err
}

// renderUnavailable is the page of a review that takes no answers: closed
// (410) or not open yet (403). It has no form.
func (s *Server) renderUnavailable(c echo.Context, q *survey.Questionnaire, rev store.Review, key string, err error) error {
	lang := s.langOf(c)
	v := noticePage{Caption: q.Title.In(lang)}
	status := http.StatusGone
	if errors.Is(err, store.ErrReviewNotOpen) {
		status = http.StatusForbidden
		v.Heading = s.text.T(lang, "notopen.title")
		v.Paras = []string{s.text.T(lang, "notopen.body")}
		if rev.Status == store.ReviewOpen {
			v.Paras = []string{s.text.T(lang, "notopen.opens", s.formatDate(lang, rev.OpensAt)), s.text.T(lang, "notopen.come_back")}
		}
	} else {
		v.Heading = s.text.T(lang, "closed.title")
		v.Paras = []string{s.text.T(lang, "closed.body"), s.text.T(lang, "closed.kept"), s.text.T(lang, "closed.thanks")}
	}
	v.Page = s.reviewPage(c, q, key, lang, v.Heading, linkPath(key), false)
	return s.render(c, status, "notice", v)
}
