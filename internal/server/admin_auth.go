package server

import (
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"golang.org/x/time/rate"

	"github.com/researchpulse/pulse/internal/admin"
	"github.com/researchpulse/pulse/internal/store"
)

// Signing in to the administrative side: a server-side session whose
// random token is the cookie (only its hash is stored), a CSRF token
// bound to the session, and checks of Origin (or Sec-Fetch-Site) on every
// state change.

// sessionCookie is the session cookie's name: with the __Host- prefix
// whenever cookies are Secure, so no other host or path can set it.
func (s *Server) sessionCookie() string {
	if s.cfg.SecureCookies {
		return "__Host-pulse_admin"
	}
	return "pulse_admin"
}

// signInCSRFCookie holds the CSRF token of the sign-in form, before any
// session exists.
const signInCSRFCookie = "pulse_admin_csrf"

const (
	ctxSession = "admin_session"
	ctxReview  = "admin_review"
	ctxTrust   = "admin_trust"
)

func (s *Server) setSessionCookie(c echo.Context, token string) {
	c.SetCookie(&http.Cookie{Name: s.sessionCookie(), Value: token, Path: "/", HttpOnly: true,
		Secure: s.cfg.SecureCookies, SameSite: http.SameSiteStrictMode})
}

func (s *Server) clearSessionCookie(c echo.Context) {
	c.SetCookie(&http.Cookie{Name: s.sessionCookie(), Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: s.cfg.SecureCookies, SameSite: http.SameSiteStrictMode})
}

func sessionToken(c echo.Context, name string) string {
	if ck, err := c.Cookie(name); err == nil {
		return ck.Value
	}
	return ""
}

// adminSession puts the signed-in session, if any, in the context, and
// the CSRF token forms must carry.
func (s *Server) adminSession(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		token := sessionToken(c, s.sessionCookie())
		se, err := s.cfg.Admin.Resume(c.Request().Context(), token)
		switch {
		case err == nil:
			c.Set(ctxSession, se)
			c.Set("csrf", se.CSRF)
		case errors.Is(err, admin.ErrSessionEnded):
			if token != "" {
				s.clearSessionCookie(c)
			}
			c.Set("csrf", s.signInCSRF(c))
		default:
			return err
		}
		return next(c)
	}
}

// signInCSRF is the double-submit token of a browser with no session.
func (s *Server) signInCSRF(c echo.Context) string {
	if t := sessionToken(c, signInCSRFCookie); len(t) >= 26 {
		return t
	}
	t := randomText()
	c.SetCookie(&http.Cookie{Name: signInCSRFCookie, Value: t, Path: "/admin", HttpOnly: true,
		Secure: s.cfg.SecureCookies, SameSite: http.SameSiteStrictMode})
	return t
}

func randomText() string { return strings.ToLower(rand.Text()) }

// adminCSRF refuses a state change that does not come from this site's
// own pages: the Origin header, when sent, must be this server's (or
// Sec-Fetch-Site must say same-origin when only that is sent), and the
// form's token must be the session's (or, before sign-in, the cookie's).
func (s *Server) adminCSRF(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		switch c.Request().Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			return next(c)
		}
		if !s.sameOrigin(c) {
			return errCSRF
		}
		want := csrfToken(c)
		got := c.FormValue("csrf")
		if got == "" {
			got = c.Request().Header.Get("X-CSRF-Token")
		}
		if want == "" || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
			return errCSRF
		}
		return next(c)
	}
}

// errCSRF is a form from another site, or one whose session has ended
// since it was loaded (a stale form).
var errCSRF = &echo.HTTPError{Code: http.StatusForbidden, Message: "form expired"}

// sameOrigin checks Origin, then Sec-Fetch-Site; a request with neither
// (not from a browser) relies on the token alone. Browsers send the
// Origin "null" from pages whose referrer policy is no-referrer, as every
// page here is; Sec-Fetch-Site then tells.
func (s *Server) sameOrigin(c echo.Context) bool {
	r := c.Request()
	if o := r.Header.Get("Origin"); o != "" && o != "null" {
		return o == c.Scheme()+"://"+r.Host || (s.cfg.BaseURL != "" && o == originOf(s.cfg.BaseURL))
	}
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" {
		return site == "same-origin"
	}
	return true
}

func originOf(base string) string {
	u, err := url.Parse(base)
	if err != nil {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

// session is the signed-in session of the request (zero when none).
func session(c echo.Context) admin.Session {
	se, _ := c.Get(ctxSession).(admin.Session)
	return se
}

func actor(c echo.Context) admin.Actor { return session(c).Actor }

// policy is who may use a route. Every administrative route declares one
// in the route table; the authorisation test covers each.
type policy int

const (
	policyPublic       policy = iota // anyone: the sign-in form
	policySignedIn                   // any account
	policyPlatform                   // platform admins
	policyOffice                     // platform and R&D office admins
	policyTrust                      // a trust (:id) the account looks after
	policyReviewRead                 // a review (:id) the account may read
	policyReviewManage               // a review (:id) the account may change
)

var policyNames = map[policy]string{
	policyPublic: "public", policySignedIn: "signed in", policyPlatform: "platform admin",
	policyOffice: "R&D office", policyTrust: "trust", policyReviewRead: "review: read", policyReviewManage: "review: manage",
}

func (p policy) String() string { return policyNames[p] }

// authorise enforces a route's policy before its handler runs, and puts
// the trust or review it names in the context. Nobody signed in goes to
// the sign-in page (401 from the API); a role that may not do this at all
// is 403; an object out of the account's reach is 404.
func (s *Server) authorise(p policy, oneTimeOK bool) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if p == policyPublic {
				return next(c)
			}
			a := actor(c)
			if !a.Signed() {
				return s.needSignIn(c)
			}
			if a.MustChangePassword() && !oneTimeOK {
				return c.Redirect(http.StatusSeeOther, "/admin/password")
			}
			if err := s.check(c, p, a); err != nil {
				return err
			}
			return next(c)
		}
	}
}

func (s *Server) check(c echo.Context, p policy, a admin.Actor) error {
	ctx := c.Request().Context()
	switch p {
	case policyPlatform:
		if !a.Platform() {
			return admin.ErrForbidden
		}
	case policyOffice:
		if !a.CanCreateReviews() {
			return admin.ErrForbidden
		}
	case policyTrust:
		id, err := idParam(c, "id")
		if err != nil {
			return err
		}
		t, err := s.cfg.Admin.Trust(ctx, a, id)
		if err != nil {
			return err
		}
		c.Set(ctxTrust, t)
	case policyReviewRead, policyReviewManage:
		id, err := idParam(c, "id")
		if err != nil {
			return err
		}
		r, err := s.cfg.Admin.Review(ctx, a, id)
		if err != nil {
			return err
		}
		if p == policyReviewManage && !r.Manage {
			return store.ErrNotFound
		}
		c.Set(ctxReview, r)
	}
	return nil
}

// needSignIn sends a browser to the sign-in page, coming back here after.
func (s *Server) needSignIn(c echo.Context) error {
	if isAPI(c.Request().URL.Path) {
		return echo.NewHTTPError(http.StatusUnauthorized)
	}
	next := "/admin"
	if c.Request().Method == http.MethodGet {
		next = c.Request().URL.Path
	}
	return c.Redirect(http.StatusSeeOther, "/admin/sign-in?next="+url.QueryEscape(next))
}

// idParam reads a numeric id from the path; anything else is not found.
func idParam(c echo.Context, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, store.ErrNotFound
	}
	return id, nil
}

func reviewOf(c echo.Context) admin.ReviewAccess {
	r, _ := c.Get(ctxReview).(admin.ReviewAccess)
	return r
}

func trustOf(c echo.Context) store.Trust {
	t, _ := c.Get(ctxTrust).(store.Trust)
	return t
}

// Sign-in attempts per client address, on top of the per-account lock in
// package admin: 20 a minute, held in memory, or in the database when
// servers share one (limit_shared.go).
const (
	signInPerMinute = 20
	signInBurst     = 10
)

func (s *Server) signInLimiter() echo.MiddlewareFunc {
	var st middleware.RateLimiterStore = middleware.NewRateLimiterMemoryStoreWithConfig(middleware.RateLimiterMemoryStoreConfig{
		Rate: rate.Limit(float64(signInPerMinute) / 60), Burst: signInBurst, ExpiresIn: 3 * time.Minute,
	})
	if s.cfg.Store != nil && s.cfg.Store.Shared() {
		st = sharedRateStore{st: s.cfg.Store, prefix: "sign-in ", log: s.log,
			rule: store.Allowance{Every: time.Minute / signInPerMinute, Burst: signInBurst}}
	}
	return middleware.RateLimiterWithConfig(middleware.RateLimiterConfig{
		Store:               st,
		IdentifierExtractor: func(c echo.Context) (string, error) { return c.RealIP(), nil },
		DenyHandler: func(c echo.Context, _ string, _ error) error {
			c.Response().Header().Set("Retry-After", "60")
			return admin.ErrThrottled
		},
	})
}
