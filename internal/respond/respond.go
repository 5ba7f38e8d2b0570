// Package respond is the respondent flow: opening a review link, starting
// and resuming a response, showing a page, saving a page, going back,
// checking answers and submitting. The HTML pages, the JSON API and the
// simulator all go through it, so they always agree on branching and
// validation. It decides; package store keeps.
package respond

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

// SectionCheck is the pseudo-section of the check-your-answers page, and
// SectionDone that of a submitted response. Neither can be a section id,
// which must start with a letter.
const (
	SectionCheck = "_check"
	SectionDone  = "_done"
)

var (
	// ErrQuestionnaireMissing means a review's questionnaire version is not
	// among the files the server loaded.
	ErrQuestionnaireMissing = errors.New("the questionnaire for this review is not available")
	// ErrPageUnavailable means a page is hidden by the branching or has not
	// been reached yet.
	ErrPageUnavailable = errors.New("that page is not available")
	// ErrBadResumeCode means a resume code matched no response.
	ErrBadResumeCode = errors.New("resume code not recognised")
	// ErrMalformedInput means an answer was not valid UTF-8 or held a NUL
	// character: no browser sends that, so it is refused, not repaired.
	ErrMalformedInput = errors.New("answers must be valid UTF-8 text without NUL characters")
)

// Service runs the respondent flow over a store and the loaded
// questionnaires.
type Service struct {
	store *store.Store
	now   func() time.Time
	mu    sync.RWMutex
	byRef map[string]*survey.Questionnaire // by hash
}

// New returns a Service. Questionnaires are found by content hash, the
// version each review pins.
func New(st *store.Store, qs []*survey.Questionnaire, now func() time.Time) *Service {
	s := &Service{store: st, byRef: map[string]*survey.Questionnaire{}, now: now}
	for _, q := range qs {
		s.byRef[q.Hash] = q
	}
	return s
}

// Questionnaire returns the questionnaire with the given hash: one loaded
// already, or else the source the store keeps for a review created since
// the service started (by the admin pages, or another instance), loaded
// once and kept.
func (s *Service) Questionnaire(ctx context.Context, hash string) (*survey.Questionnaire, error) {
	s.mu.RLock()
	q, ok := s.byRef[hash]
	s.mu.RUnlock()
	if ok {
		return q, nil
	}
	src, err := s.store.QuestionnaireSourceByHash(ctx, hash)
	if errors.Is(err, store.ErrNotFound) {
		return nil, ErrQuestionnaireMissing
	}
	if err != nil {
		return nil, err
	}
	if q, err = survey.Parse(src.File, src.Source); err != nil {
		return nil, fmt.Errorf("stored questionnaire %.12s: %w: %w", hash, ErrQuestionnaireMissing, err)
	}
	s.mu.Lock()
	s.byRef[hash] = q
	s.mu.Unlock()
	return q, nil
}

// Entry is what a review link leads to.
type Entry struct {
	Review store.Review
	Link   store.ReviewLink
	Q      *survey.Questionnaire
}

// Accepting says whether the review takes answers now: nil, or
// store.ErrReviewNotOpen or store.ErrReviewClosed.
func (e Entry) Accepting(now time.Time) error { return e.Review.AcceptsAnswers(now) }

// Entry looks up a review link. A closed review still has an entry, so its
// page can say it is closed.
func (s *Service) Entry(ctx context.Context, key string) (Entry, error) {
	rev, link, err := s.store.ReviewLinkByKey(ctx, key)
	if err != nil {
		return Entry{}, fmt.Errorf("review link: %w", err)
	}
	q, err := s.Questionnaire(ctx, rev.QuestionnaireHash)
	if err != nil {
		return Entry{}, fmt.Errorf("review %s: %w", rev.Slug, err)
	}
	return Entry{Review: rev, Link: link, Q: q}, nil
}

// StartedAt reports whether a response was started at the review link
// with key: its review and trust. An unknown link is store.ErrNotFound.
func (s *Service) StartedAt(ctx context.Context, st State, key string) (bool, error) {
	reviewID, trustID, err := s.store.LinkIDs(ctx, key)
	if err != nil {
		return false, fmt.Errorf("review link: %w", err)
	}
	return st.Response.ReviewID == reviewID && st.Response.TrustID == trustID, nil
}

// Languages lists the languages any loaded questionnaire is written in,
// English first: the interface offers no language no questionnaire has.
func (s *Service) Languages() []string {
	out := []string{"en"}
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, lang := range []string{"cy"} {
		for _, q := range s.byRef {
			if q.HasLanguage(lang) {
				out = append(out, lang)
				break
			}
		}
	}
	return out
}

// Now is the service clock.
func (s *Service) Now() time.Time { return s.now() }
