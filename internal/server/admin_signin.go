package server

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/researchpulse/pulse/internal/admin"
)

// signInPage is the sign-in form.
type signInPage struct {
	AdminPage
	Email string
	Next  string
	Error string
}

// safeNext keeps a return address on this site's admin pages.
func safeNext(next string) string {
	if next == "/admin" || (strings.HasPrefix(next, "/admin/") && !strings.HasPrefix(next, "//") && !strings.ContainsAny(next, "\\\r\n")) {
		return next
	}
	return "/admin"
}

func (s *Server) handleSignInForm(c echo.Context) error {
	if actor(c).Signed() {
		return c.Redirect(http.StatusSeeOther, safeNext(c.QueryParam("next")))
	}
	v := signInPage{AdminPage: s.adminPage(c, "Sign in"), Next: safeNext(c.QueryParam("next"))}
	return s.renderAdmin(c, http.StatusOK, "signin", v)
}

// handleSignIn checks the details and starts a new session (a new token,
// whatever the browser had before), then goes where the person was
// heading, or to the password page when they still have a one-time
// password.
func (s *Server) handleSignIn(c echo.Context) error {
	email, next := strings.TrimSpace(c.FormValue("email")), safeNext(c.FormValue("next"))
	in, err := s.cfg.Admin.SignIn(c.Request().Context(), email, c.FormValue("password"))
	if err != nil {
		return s.signInFailed(c, email, next, err)
	}
	if old := sessionToken(c, s.sessionCookie()); old != "" {
		_ = s.cfg.Admin.SignOut(c.Request().Context(), actor(c), old)
	}
	s.setSessionCookie(c, in.Token)
	if in.User.MustChangePassword {
		next = "/admin/password"
	}
	return c.Redirect(http.StatusSeeOther, next)
}

func (s *Server) signInFailed(c echo.Context, email, next string, err error) error {
	v := signInPage{AdminPage: s.adminPage(c, "Sign in"), Email: email, Next: next}
	status := http.StatusUnauthorized
	switch {
	case errors.Is(err, admin.ErrBadSignIn):
		v.Error = "Enter the e-mail address and password of your account"
	case errors.Is(err, admin.ErrThrottled):
		status = http.StatusTooManyRequests
		c.Response().Header().Set("Retry-After", "60")
		v.Error = "Too many attempts to sign in. Wait a few minutes, then try again"
	default:
		return err
	}
	v.withErrors([]admin.FieldError{{Field: "email", Message: v.Error}})
	return s.renderAdmin(c, status, "signin", v)
}

func (s *Server) handleSignOut(c echo.Context) error {
	if err := s.cfg.Admin.SignOut(c.Request().Context(), actor(c), sessionToken(c, s.sessionCookie())); err != nil {
		return err
	}
	s.clearSessionCookie(c)
	return c.Redirect(http.StatusSeeOther, "/admin/sign-in?signed_out=1")
}

// passwordPage is the change-password form.
type passwordPage struct {
	AdminPage
	OneTime bool
	Fields  map[string]string
}

func (s *Server) handlePasswordForm(c echo.Context) error {
	v := passwordPage{AdminPage: s.adminPage(c, "Change your password"), OneTime: actor(c).MustChangePassword()}
	return s.renderAdmin(c, http.StatusOK, "password", v)
}

func (s *Server) handlePassword(c echo.Context) error {
	a := actor(c)
	in, err := s.cfg.Admin.ChangePassword(c.Request().Context(), a, c.FormValue("current"), c.FormValue("password"), c.FormValue("confirm"))
	var inv *admin.Invalid
	if errors.As(err, &inv) {
		v := passwordPage{AdminPage: s.adminPage(c, "Change your password"), OneTime: a.MustChangePassword()}
		v.Fields = v.withErrors(inv.Fields)
		return s.renderAdmin(c, http.StatusUnprocessableEntity, "password", v)
	}
	if err != nil {
		return err
	}
	s.setSessionCookie(c, in.Token)
	return c.Redirect(http.StatusSeeOther, "/admin?done=password")
}

// notices are the messages shown after a change (?done=…); only these
// fixed texts, never anything from the request.
var notices = map[string]string{
	"password": "Your password has been changed. Other browsers signed in to your account have been signed out.",
	"created":  "The review has been created as a draft. Check it, then open it.",
	"opened":   "The review is open. It takes answers from its opening time.",
	"closed":   "The review is closed. It takes no more answers.",
	"wave":     "The next wave has been created as a draft, linked to the review before it.",
	"granted":  "Access granted.",
	"revoked":  "Access removed.",
	"trust":    "Trust saved.",
	"imported": "Trusts imported.",
}

func notice(c echo.Context) string { return notices[c.QueryParam("done")] }
