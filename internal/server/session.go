package server

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/store"
)

// The resume cookie holds a respondent's resume code, scoped to the path of
// their review link so that each review in a browser has its own. It is
// HttpOnly, so page scripts never see it.
const resumeCookie = "pulse_resume"

// resumeCookieLife bounds how long a browser keeps a resume code; the code
// itself stops working when the review closes or the response is submitted.
const resumeCookieLife = 90 * 24 * time.Hour

func linkPath(key string) string { return "/r/" + key }

func (s *Server) setResumeCookie(c echo.Context, key, code string) {
	c.SetCookie(&http.Cookie{
		Name: resumeCookie, Value: respond.NormalizeCode(code), Path: linkPath(key),
		MaxAge: int(resumeCookieLife.Seconds()), HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode,
	})
}

func (s *Server) clearResumeCookie(c echo.Context, key string) {
	c.SetCookie(&http.Cookie{Name: resumeCookie, Value: "", Path: linkPath(key), MaxAge: -1, HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
}

func resumeCode(c echo.Context) string {
	ck, err := c.Cookie(resumeCookie)
	if err != nil {
		return ""
	}
	return ck.Value
}

// errNoResponse means the browser holds no usable resume code for this
// review link: the respondent is sent to the review's start page.
var errNoResponse = errors.New("no response for this browser")

// pageState loads the response the browser's resume cookie belongs to, and
// checks it belongs to the review link in the URL.
func (s *Server) pageState(c echo.Context) (respond.State, string, error) {
	key := c.Param("key")
	code := resumeCode(c)
	if code == "" {
		return respond.State{}, "", errNoResponse
	}
	st, err := s.cfg.Flow.Resume(c.Request().Context(), code)
	if errors.Is(err, respond.ErrBadResumeCode) {
		s.clearResumeCookie(c, key)
		return respond.State{}, "", errNoResponse
	}
	if err != nil && st.Q == nil {
		return respond.State{}, "", err
	}
	e, lerr := s.cfg.Flow.Entry(c.Request().Context(), key)
	if lerr != nil {
		return respond.State{}, "", lerr
	}
	if st.Response.ReviewID != e.Review.ID || st.Response.TrustID != e.Link.Trust.ID {
		return respond.State{}, "", errNoResponse
	}
	c.Set(langKey, st.Lang())
	return st, code, err
}

// apiAuth requires "Authorization: Bearer <resume code>" matching the
// response in the URL, and puts the response's state in the context. A
// response id alone grants nothing; a wrong or foreign code is a 404, so
// ids cannot be probed.
func (s *Server) apiAuth(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		code, ok := strings.CutPrefix(c.Request().Header.Get("Authorization"), "Bearer ")
		if !ok || strings.TrimSpace(code) == "" {
			return echo.NewHTTPError(http.StatusUnauthorized)
		}
		st, err := s.cfg.Flow.Resume(c.Request().Context(), code)
		if st.Q == nil {
			if errors.Is(err, respond.ErrBadResumeCode) {
				return store.ErrNotFound
			}
			return err
		}
		if st.Response.ID != c.Param("id") {
			return store.ErrNotFound
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
