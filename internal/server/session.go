package server

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/store"
)

// The resume cookie holds a respondent's resume code for one review link,
// so a browser can hold answers in progress for several reviews. It is
// HttpOnly (page scripts never see it) and lives for the browser session
// only: closing the browser forgets it. It also records when it goes idle,
// resumeIdle after the last page the respondent opened; after that it no
// longer opens answers, and the next person at a shared ward computer is
// asked for the resume code instead of seeing the previous person's
// answers. The idle time is kept in the cookie itself: anyone able to
// edit the cookie can read the code in it anyway, so there is nothing to
// protect it against.
//
// Its path is / so that the resume pages can tell that a browser already
// has answers in progress before replacing them.
const (
	resumeCookiePrefix = "pulse_resume_"
	resumeIdle         = 30 * time.Minute
)

// The submitted cookie marks a browser that has submitted answers at a
// review link, so the link then says "You have already taken part" rather
// than inviting a second response. It holds only the language of the
// confirmation, and lasts until the review closes.
const submittedCookie = "pulse_submitted"

func linkPath(key string) string { return "/r/" + key }

func resumeCookieName(key string) string { return resumeCookiePrefix + strings.ToLower(key) }

// resumeSession is what a browser's resume cookie for a review link says.
type resumeSession struct {
	code string
	idle bool // older than the idle timeout: it opens nothing until the code is typed again
}

func (s *Server) resumeSession(c echo.Context, key string) (resumeSession, bool) {
	ck, err := c.Cookie(resumeCookieName(key))
	if err != nil || ck.Value == "" {
		return resumeSession{}, false
	}
	code, until, _ := strings.Cut(ck.Value, ".")
	deadline, err := strconv.ParseInt(until, 10, 64)
	idle := err != nil || !s.cfg.Flow.Now().Before(time.Unix(deadline, 0))
	return resumeSession{code: code, idle: idle}, code != ""
}

// setResumeCookie keeps the code in the browser for the session, idle
// after resumeIdle from now.
func (s *Server) setResumeCookie(c echo.Context, key, code string) {
	until := s.cfg.Flow.Now().Add(resumeIdle).Unix()
	c.SetCookie(&http.Cookie{
		Name: resumeCookieName(key), Value: respond.NormalizeCode(code) + "." + strconv.FormatInt(until, 10), Path: "/",
		HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode,
	})
}

func (s *Server) clearResumeCookie(c echo.Context, key string) {
	c.SetCookie(&http.Cookie{Name: resumeCookieName(key), Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
}

// setSubmittedCookie marks the browser as having taken part at a review
// link, until the review closes.
func (s *Server) setSubmittedCookie(c echo.Context, key, lang string, closes time.Time) {
	c.SetCookie(&http.Cookie{Name: submittedCookie, Value: lang, Path: linkPath(strings.ToLower(key)), Expires: closes,
		HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
}

func (s *Server) clearSubmittedCookie(c echo.Context, key string) {
	c.SetCookie(&http.Cookie{Name: submittedCookie, Value: "", Path: linkPath(strings.ToLower(key)), MaxAge: -1,
		HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
}

// submittedHere reports whether this browser submitted answers at the
// review link, and the language it did so in.
func submittedHere(c echo.Context) (string, bool) {
	ck, err := c.Cookie(submittedCookie)
	if err != nil || ck.Value == "" {
		return "", false
	}
	return ck.Value, true
}

var (
	// errNoResponse means the browser holds no usable resume code for
	// this review link: the respondent is sent to the review's start page.
	errNoResponse = errors.New("no response for this browser")
	// errIdle means the browser's resume code for this link has gone
	// idle: the start page asks for the code.
	errIdle = errors.New("resume code idle in this browser")
)

// pageState loads the response the browser's resume cookie belongs to,
// checks it belongs to the review link in the URL, and keeps the cookie
// alive. An idle cookie is errIdle, unless allowIdle: a page the
// respondent left open and now sends is still saved (it holds nothing
// the screen did not already show), and the cookie is then dropped.
func (s *Server) pageState(c echo.Context, allowIdle bool) (respond.State, string, error) {
	key := c.Param("key")
	sess, ok := s.resumeSession(c, key)
	switch {
	case !ok:
		return respond.State{}, "", errNoResponse
	case sess.idle && !allowIdle:
		return respond.State{}, "", errIdle
	}
	st, err := s.cfg.Flow.Resume(c.Request().Context(), sess.code)
	if errors.Is(err, respond.ErrBadResumeCode) {
		s.clearResumeCookie(c, key)
		return respond.State{}, "", errNoResponse
	}
	if err != nil && st.Q == nil {
		return respond.State{}, "", err
	}
	here, lerr := s.cfg.Flow.StartedAt(c.Request().Context(), st, key)
	if lerr != nil {
		return respond.State{}, "", lerr
	}
	if !here {
		return respond.State{}, "", errNoResponse
	}
	c.Set(langKey, st.Lang())
	switch {
	case err != nil:
	case sess.idle:
		s.clearResumeCookie(c, key)
		c.Set(idleKey, true)
	default:
		s.setResumeCookie(c, key, sess.code)
	}
	return st, sess.code, err
}

// idleKey marks a request served on an idle resume cookie, which the
// handler must not follow with a page of answers.
const idleKey = "resume_idle"

func wasIdle(c echo.Context) bool { idle, _ := c.Get(idleKey).(bool); return idle }

// apiAuth requires "Authorization: Bearer <resume code>" matching the
// response in the URL, and puts the response's state in the context. A
// response id alone grants nothing; a wrong or foreign code is a 404, so
// ids cannot be probed, and counts against the client's attempts.
//
// A client sending its own, valid code is never held back by the limit
// (its address may be shared with many others); a client over the limit
// gets 429 for every code that fails.
func (s *Server) apiAuth(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		code, ok := strings.CutPrefix(c.Request().Header.Get("Authorization"), "Bearer ")
		if !ok || strings.TrimSpace(code) == "" {
			return echo.NewHTTPError(http.StatusUnauthorized)
		}
		st, err := s.cfg.Flow.Resume(c.Request().Context(), code)
		bad := errors.Is(err, respond.ErrBadResumeCode) || (st.Q != nil && st.Response.ID != c.Param("id"))
		if bad {
			if !s.limit.take(c.RealIP()) {
				return s.tooMany(c)
			}
			return store.ErrNotFound
		}
		if st.Q == nil {
			return err
		}
		c.Set(stateKey, st)
		c.Set(stateErrKey, err)
		return next(c)
	}
}

const (
	stateKey    = "state"
	stateErrKey = "state_err"
)
