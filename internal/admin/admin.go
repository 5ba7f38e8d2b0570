// Package admin is what R&D office staff and researchers do, as package
// respond is what respondents do: trusts and their import, reviews and
// their waves, accounts, roles and sessions, who may see and change what,
// the live dashboard, and the audit trail. The web pages and the command
// line both call it, so they apply the same rules. It decides; package
// store keeps; package lifecycle says what a review's status allows.
package admin

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

// Errors the pages and the command line tell apart. Each is wrapped with
// what was being done; test with errors.Is.
var (
	// ErrNotFound: no such object, or one outside the actor's scope (the
	// two are never told apart).
	ErrNotFound = store.ErrNotFound
	// ErrForbidden: the actor's role may not do this at all.
	ErrForbidden = errors.New("not allowed for this account")
	// ErrStale: the object changed since the form was loaded.
	ErrStale = errors.New("changed since the page was loaded")
	// ErrBadSignIn: wrong e-mail address or password.
	ErrBadSignIn = errors.New("e-mail address or password not recognised")
	// ErrThrottled: too many failed sign-ins; try again later.
	ErrThrottled = errors.New("too many failed sign-ins")
	// ErrSessionEnded: the session expired or was ended.
	ErrSessionEnded = errors.New("session ended")
)

// Invalid is bad input, one message per field, in words for the person
// who typed it. Nothing was saved.
type Invalid struct {
	Fields []FieldError
}

// FieldError is one problem with one field of a form or one line of a file.
type FieldError struct {
	Field   string // the form field, or "line N" of a file
	Message string
}

func (e *Invalid) Error() string {
	if len(e.Fields) == 1 {
		return fmt.Sprintf("%s: %s", e.Fields[0].Field, e.Fields[0].Message)
	}
	return fmt.Sprintf("%d problems, first %s: %s", len(e.Fields), e.Fields[0].Field, e.Fields[0].Message)
}

func (e *Invalid) add(field, format string, args ...any) {
	e.Fields = append(e.Fields, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

// err is e as an error, or nil when it holds no problem.
func (e *Invalid) err() error {
	if len(e.Fields) == 0 {
		return nil
	}
	return e
}

// Config is what the service needs.
type Config struct {
	Store *store.Store
	// Questionnaires are the files new reviews may be created from (the
	// ones that passed checks at start).
	Questionnaires []*survey.Questionnaire
	// Lookup finds the questionnaire a review was launched with, by hash.
	Lookup func(ctx context.Context, hash string) (*survey.Questionnaire, error)
	Now    func() time.Time
	// PasswordCost lowers argon2's memory for tests; zero is the default.
	PasswordCost PasswordCost
}

// Service is the administrative side over a store.
type Service struct {
	store   *store.Store
	qs      []*survey.Questionnaire
	lookup  func(context.Context, string) (*survey.Questionnaire, error)
	now     func() time.Time
	cost    PasswordCost
	hashing chan struct{} // bounds concurrent password hashing

	mu         sync.Mutex
	unknown    map[string]attempts // failed sign-ins to addresses with no account
	dashboards map[int64]cachedDashboard
}

// New returns a Service.
func New(cfg Config) *Service {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.PasswordCost == (PasswordCost{}) {
		cfg.PasswordCost = DefaultPasswordCost
	}
	qs := append([]*survey.Questionnaire{}, cfg.Questionnaires...)
	sort.SliceStable(qs, func(i, j int) bool { return qs[i].ID < qs[j].ID })
	return &Service{store: cfg.Store, qs: qs, lookup: cfg.Lookup, now: cfg.Now, cost: cfg.PasswordCost,
		hashing: make(chan struct{}, 2), unknown: map[string]attempts{}, dashboards: map[int64]cachedDashboard{}}
}

// Now is the service clock.
func (s *Service) Now() time.Time { return s.now() }

// Questionnaires lists the questionnaires new reviews may use.
func (s *Service) Questionnaires() []*survey.Questionnaire { return s.qs }

// questionnaire finds a review's questionnaire.
func (s *Service) questionnaire(ctx context.Context, hash string) (*survey.Questionnaire, error) {
	if s.lookup == nil {
		return nil, fmt.Errorf("questionnaire %.12s: %w", hash, ErrNotFound)
	}
	return s.lookup(ctx, hash)
}
