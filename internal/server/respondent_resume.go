package server

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"golang.org/x/time/rate"

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
	st, _, err := s.pageState(c)
	switch {
	case errors.Is(err, errNoResponse):
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

// handleResumeForm asks for a resume code.
func (s *Server) handleResumeForm(c echo.Context) error {
	return s.renderResume(c, http.StatusOK, "", "")
}

// handleResumeCode takes a resume code typed into the form.
func (s *Server) handleResumeCode(c echo.Context) error {
	if l := c.FormValue("lang"); l == "cy" || l == "en" {
		c.Set(langKey, l)
	}
	code := c.FormValue("code")
	if strings.TrimSpace(code) == "" {
		return s.renderResume(c, http.StatusUnprocessableEntity, code, "resume.error.empty")
	}
	return s.resumeWith(c, code, http.StatusUnprocessableEntity)
}

// handleResumeLink is the resume link: it moves the code from the URL into
// an HttpOnly cookie and redirects to an address without it, so the secret
// leaves the address bar and history on first use.
func (s *Server) handleResumeLink(c echo.Context) error {
	return s.resumeWith(c, c.Param("code"), http.StatusNotFound)
}

// resumeWith opens the response a code belongs to in this browser and
// goes to where the respondent left off. badStatus is the status of the
// form shown again when the code matches nothing.
func (s *Server) resumeWith(c echo.Context, code string, badStatus int) error {
	ctx := c.Request().Context()
	st, err := s.cfg.Flow.Resume(ctx, code)
	if errors.Is(err, respond.ErrBadResumeCode) {
		typed := ""
		if badStatus == http.StatusUnprocessableEntity {
			typed = code
		}
		return s.renderResume(c, badStatus, typed, "resume.error.not_recognised")
	}
	if st.Q == nil {
		return err
	}
	c.Set(langKey, st.Lang())
	key, lerr := s.linkKeyOf(c, st)
	if lerr != nil {
		return lerr
	}
	c.SetParamNames("key")
	c.SetParamValues(key)
	switch {
	case errors.Is(err, store.ErrSubmitted):
		return s.renderSubmitted(c, st)
	case err != nil:
		return s.leave(c, st, err)
	}
	s.setResumeCookie(c, key, code)
	return c.Redirect(http.StatusSeeOther, sectionURL(key, st.Resume()))
}

// linkKeyOf finds the review link a response was started from: that of
// its review at its trust.
func (s *Server) linkKeyOf(c echo.Context, st respond.State) (string, error) {
	links, err := s.cfg.Store.ReviewLinks(c.Request().Context(), st.Review.ID)
	if err != nil {
		return "", err
	}
	for _, l := range links {
		if l.Trust.ID == st.Response.TrustID {
			return l.Key, nil
		}
	}
	return "", store.ErrNotFound
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
	v := resumePage{Code: code}
	v.Page = s.basePage(c, lang, s.text.T(lang, "resume.title"))
	v.Page.Languages, v.Page.ReturnTo = uiLanguages, "/resume"
	if errKey != "" {
		v.Error = s.text.T(lang, errKey)
		v.Errors = []errorLink{{Href: "#code", Text: v.Error}}
		v.Page.HasErrors = true
	}
	return s.render(c, status, "resume", v)
}

// Resume codes are 130-bit secrets, so guessing is hopeless anyway; the
// limit keeps the form from being used as a free oracle and stops noisy
// clients. It allows resumeBurst attempts at once and resumePerMinute a
// minute after that, per client address, kept only in memory (addresses
// are forgotten resumeForget after their last attempt, and never stored
// or logged). Behind a reverse proxy every client shares the proxy's
// address unless Echo's IPExtractor is set to trust it.
const (
	resumePerMinute = 10
	resumeBurst     = 10
	resumeForget    = 3 * time.Minute
)

// resumeLimiter is the rate limit on POST /resume. Over the limit, the
// form is shown again (429) with a message to wait.
func (s *Server) resumeLimiter() echo.MiddlewareFunc {
	st := middleware.NewRateLimiterMemoryStoreWithConfig(middleware.RateLimiterMemoryStoreConfig{
		Rate: rate.Limit(float64(resumePerMinute) / 60), Burst: resumeBurst, ExpiresIn: resumeForget,
	})
	return middleware.RateLimiterWithConfig(middleware.RateLimiterConfig{
		Store: st,
		IdentifierExtractor: func(c echo.Context) (string, error) {
			return c.RealIP(), nil
		},
		DenyHandler: func(c echo.Context, _ string, _ error) error {
			c.Response().Header().Set("Retry-After", "60")
			return s.renderResume(c, http.StatusTooManyRequests, "", "resume.error.too_many")
		},
	})
}
