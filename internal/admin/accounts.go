package admin

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/researchpulse/pulse/internal/store"
)

var base32NoPad = base32.StdEncoding.WithPadding(base32.NoPadding)

// Roles, as stored.
const (
	RolePlatformAdmin = store.RolePlatformAdmin
	RoleRDAdmin       = store.RoleRDAdmin
	RoleResearcher    = store.RoleResearcher
)

// Roles lists the roles with what people call them.
var Roles = []struct{ Code, Name string }{
	{RolePlatformAdmin, "Platform admin"},
	{RoleRDAdmin, "R&D office admin"},
	{RoleResearcher, "Researcher"},
}

// RoleName is what people call a role.
func RoleName(code string) string {
	for _, r := range Roles {
		if r.Code == code {
			return r.Name
		}
	}
	return code
}

// Session timeouts: a session ends after 30 minutes without a request
// and 12 hours after sign-in, whichever comes first.
const (
	IdleTimeout     = 30 * time.Minute
	AbsoluteTimeout = 12 * time.Hour
	touchEvery      = time.Minute
)

// Sign-in throttling: after freeSignins failures in a row an account is
// locked for a minute, doubling with each further failure up to 15.
const (
	freeSignins = 5
	maxLock     = 15 * time.Minute
)

// NewUser is what creating an account needs.
type NewUser struct {
	Email  string
	Role   string
	Trusts []int64 // an R&D office admin's trusts
	// Password, when empty, is a one-time password made here and returned,
	// to be changed at first sign-in.
	Password string
}

// CreateUser adds an account. It returns the account and, when no
// password was given, the one-time password to hand over (shown once,
// never stored).
func (s *Service) CreateUser(ctx context.Context, a Actor, nu NewUser) (store.User, string, error) {
	if err := s.mayCreateUser(a, nu); err != nil {
		return store.User{}, "", err
	}
	nu.Email = strings.ToLower(strings.TrimSpace(nu.Email))
	if err := s.checkNewUser(ctx, nu); err != nil {
		return store.User{}, "", err
	}
	oneTime := nu.Password == ""
	if oneTime {
		nu.Password = oneTimePassword()
	}
	u, err := s.store.CreateUser(ctx, store.User{Email: nu.Email, Role: nu.Role, Trusts: nu.Trusts,
		PasswordHash: s.hashPassword(nu.Password), MustChangePassword: oneTime})
	if errors.Is(err, store.ErrConflict) {
		return store.User{}, "", &Invalid{Fields: []FieldError{{"email", "An account with this e-mail address already exists"}}}
	}
	if err != nil {
		return store.User{}, "", err
	}
	s.audit(ctx, a, "user_create", 0, "%s as %s%s", u.Email, RoleName(u.Role), s.trustCodes(ctx, u.Trusts))
	if !oneTime {
		nu.Password = ""
	}
	return u, nu.Password, nil
}

// mayCreateUser: platform admins create any account; R&D office admins
// create researchers only.
func (s *Service) mayCreateUser(a Actor, nu NewUser) error {
	if a.Platform() || (a.Role() == RoleRDAdmin && nu.Role == RoleResearcher) {
		return nil
	}
	return fmt.Errorf("create a %s account: %w", nu.Role, ErrForbidden)
}

func (s *Service) checkNewUser(ctx context.Context, nu NewUser) error {
	var bad Invalid
	if addr, err := mail.ParseAddress(nu.Email); err != nil || addr.Address != nu.Email {
		bad.add("email", "Enter an e-mail address in the correct format, like name@example.nhs.uk")
	}
	switch nu.Role {
	case RolePlatformAdmin, RoleResearcher:
		if len(nu.Trusts) > 0 {
			bad.add("trusts", "Only R&D office admins have trusts")
		}
	case RoleRDAdmin:
		if len(nu.Trusts) == 0 {
			bad.add("trusts", "Select the trusts this R&D office admin looks after")
		}
	default:
		bad.add("role", "Select a role")
	}
	for _, id := range nu.Trusts {
		if _, err := s.store.Trust(ctx, id); err != nil {
			bad.add("trusts", "Select trusts from the list")
			break
		}
	}
	if nu.Password != "" {
		if msg := checkNewPassword(nu.Password, nu.Email); msg != "" {
			bad.add("password", "%s", msg)
		}
	}
	return bad.err()
}

// EnsureFirstAdmin creates a platform admin with a one-time password when
// there are no accounts at all, and returns the password ("" when accounts
// exist already).
func (s *Service) EnsureFirstAdmin(ctx context.Context, email string) (string, error) {
	n, err := s.store.CountUsers(ctx)
	if err != nil || n > 0 {
		return "", err
	}
	_, pw, err := s.CreateUser(ctx, CommandLine, NewUser{Email: email, Role: RolePlatformAdmin})
	if err != nil {
		// Another server starting on the same database at the same moment
		// made the first account (and printed its password): not an error.
		if n, cerr := s.store.CountUsers(ctx); cerr == nil && n > 0 {
			return "", nil
		}
	}
	return pw, err
}

// attempts counts failed sign-ins in a row.
type attempts struct {
	failures int
	until    time.Time
}

// lockFor is how long an account stays locked after failures in a row.
func lockFor(failures int) time.Duration {
	if failures < freeSignins {
		return 0
	}
	d := time.Minute << min(failures-freeSignins, 4)
	return min(d, maxLock)
}

// SignedIn is the outcome of a good sign-in: the account and the new
// session's token (for the cookie) and CSRF token.
type SignedIn struct {
	User  store.User
	Token string
	CSRF  string
}

// SignIn checks an e-mail address and password and starts a new session.
// Wrong details are ErrBadSignIn whether or not the account exists; too
// many failures in a row are ErrThrottled for a while, even with the
// right password. Both outcomes are audited.
func (s *Service) SignIn(ctx context.Context, email, password string) (SignedIn, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	now := s.now()
	u, err := s.store.UserByEmail(ctx, email)
	if errors.Is(err, store.ErrNotFound) {
		return SignedIn{}, s.unknownSignIn(ctx, email, password, now)
	}
	if err != nil {
		return SignedIn{}, err
	}
	if now.Before(u.LockedUntil) {
		s.audit(ctx, Actor{user: u}, "sign_in_refused", 0, "account locked after %d failed sign-ins", u.FailedSignins)
		return SignedIn{}, ErrThrottled
	}
	ok, err := s.checkPassword(u.PasswordHash, password)
	if err != nil {
		return SignedIn{}, err
	}
	if !ok {
		return SignedIn{}, s.failedSignIn(ctx, u, now)
	}
	if err := s.store.RecordSignin(ctx, u.ID, 0, time.Time{}); err != nil {
		return SignedIn{}, err
	}
	out, err := s.startSession(ctx, u, now)
	if err == nil {
		s.audit(ctx, Actor{user: u}, "sign_in", 0, "signed in")
	}
	return out, err
}

func (s *Service) failedSignIn(ctx context.Context, u store.User, now time.Time) error {
	n := u.FailedSignins + 1
	var until time.Time
	if d := lockFor(n); d > 0 {
		until = now.Add(d)
	}
	if err := s.store.RecordSignin(ctx, u.ID, n, until); err != nil {
		return err
	}
	s.audit(ctx, Actor{user: u}, "sign_in_failed", 0, "wrong password (%d in a row)", n)
	if !until.IsZero() {
		return ErrThrottled
	}
	return ErrBadSignIn
}

// unknownSignIn treats an address with no account like an account, so
// the answer and its timing do not tell whether the account exists.
func (s *Service) unknownSignIn(ctx context.Context, email, password string, now time.Time) error {
	_, _ = s.checkPassword(s.hashPassword("not a password"), password)
	if s.store.Shared() { // several servers: count in the database
		throttled, err := s.store.FailUnknownSignin(ctx, email, now, lockFor)
		if err != nil {
			return err
		}
		s.audit(ctx, Anonymous, "sign_in_failed", 0, "no account for the address given")
		if throttled {
			return ErrThrottled
		}
		return ErrBadSignIn
	}
	s.mu.Lock()
	a := s.unknown[email]
	locked := now.Before(a.until)
	if !locked {
		a.failures++
		if d := lockFor(a.failures); d > 0 {
			a.until = now.Add(d)
		}
		if len(s.unknown) > 10000 {
			clear(s.unknown)
		}
		s.unknown[email] = a
	}
	s.mu.Unlock()
	s.audit(ctx, Anonymous, "sign_in_failed", 0, "no account for the address given")
	if locked || !a.until.IsZero() && now.Before(a.until) {
		return ErrThrottled
	}
	return ErrBadSignIn
}

// hashToken is what the store keeps of a session token.
func hashToken(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return strings.ToLower(base32NoPad.EncodeToString(b))
}

// startSession makes a fresh session: a new token at every sign-in, so a
// token planted before sign-in is worth nothing after it.
func (s *Service) startSession(ctx context.Context, u store.User, now time.Time) (SignedIn, error) {
	token, csrf := randomToken(), randomToken()
	err := s.store.CreateSession(ctx, store.Session{TokenHash: hashToken(token), UserID: u.ID, CSRF: csrf, CreatedAt: now, SeenAt: now})
	if err != nil {
		return SignedIn{}, err
	}
	return SignedIn{User: u, Token: token, CSRF: csrf}, nil
}

// Session is a live session: who is signed in and what they may see.
type Session struct {
	Actor
	CSRF string
}

// Resume finds the session of a token and the actor behind it; expired or
// unknown ones are ErrSessionEnded (and an expired one is removed).
func (s *Service) Resume(ctx context.Context, token string) (Session, error) {
	if token == "" {
		return Session{}, ErrSessionEnded
	}
	h := hashToken(token)
	se, err := s.store.SessionByHash(ctx, h)
	if errors.Is(err, store.ErrNotFound) {
		return Session{}, ErrSessionEnded
	}
	if err != nil {
		return Session{}, err
	}
	now := s.now()
	if now.Sub(se.SeenAt) >= IdleTimeout || now.Sub(se.CreatedAt) >= AbsoluteTimeout {
		_ = s.store.DeleteSession(ctx, h)
		return Session{}, ErrSessionEnded
	}
	if now.Sub(se.SeenAt) >= touchEvery {
		if err := s.store.TouchSession(ctx, h, now); err != nil {
			return Session{}, err
		}
	}
	a, err := s.actor(ctx, se.UserID)
	if err != nil {
		return Session{}, err
	}
	return Session{Actor: a, CSRF: se.CSRF}, nil
}

// SignOut ends the session of a token.
func (s *Service) SignOut(ctx context.Context, a Actor, token string) error {
	if err := s.store.DeleteSession(ctx, hashToken(token)); err != nil {
		return err
	}
	s.audit(ctx, a, "sign_out", 0, "signed out")
	return nil
}

// ChangePassword checks the current password, stores the new one, ends
// every session of the account and starts a new one for this browser.
func (s *Service) ChangePassword(ctx context.Context, a Actor, current, next, confirm string) (SignedIn, error) {
	u, err := s.store.User(ctx, a.UserID())
	if err != nil {
		return SignedIn{}, err
	}
	var bad Invalid
	if ok, err := s.checkPassword(u.PasswordHash, current); err != nil {
		return SignedIn{}, err
	} else if !ok {
		bad.add("current", "Enter your current password")
	}
	if msg := checkNewPassword(next, u.Email); msg != "" {
		bad.add("password", "%s", msg)
	} else if next == current {
		bad.add("password", "Enter a password different from the current one")
	} else if next != confirm {
		bad.add("confirm", "Enter the same password twice")
	}
	if err := bad.err(); err != nil {
		return SignedIn{}, err
	}
	if err := s.store.SetPassword(ctx, u.ID, s.hashPassword(next), false); err != nil {
		return SignedIn{}, err
	}
	if err := s.store.DeleteUserSessions(ctx, u.ID); err != nil {
		return SignedIn{}, err
	}
	s.audit(ctx, a, "password_change", 0, "changed their password")
	u.MustChangePassword = false
	return s.startSession(ctx, u, s.now())
}

// Users lists the accounts a platform admin manages.
func (s *Service) Users(ctx context.Context, a Actor) ([]store.User, error) {
	if !a.Platform() {
		return nil, fmt.Errorf("list users: %w", ErrForbidden)
	}
	return s.store.ListUsers(ctx)
}

// ResetPassword gives an account a new one-time password (returned, shown
// once), clears its lock and failed sign-ins and ends its sessions: for
// someone who forgot theirs or was locked out. Platform admins only.
func (s *Service) ResetPassword(ctx context.Context, a Actor, userID int64) (store.User, string, error) {
	if !a.Platform() {
		return store.User{}, "", fmt.Errorf("reset password: %w", ErrForbidden)
	}
	u, err := s.store.User(ctx, userID)
	if err != nil {
		return store.User{}, "", err
	}
	pw := oneTimePassword()
	if err := s.store.SetPassword(ctx, u.ID, s.hashPassword(pw), true); err != nil {
		return store.User{}, "", err
	}
	if err := s.store.DeleteUserSessions(ctx, u.ID); err != nil {
		return store.User{}, "", err
	}
	s.audit(ctx, a, "password_reset", 0, "new one-time password for %s; their sessions ended", u.Email)
	return u, pw, nil
}
