package respond

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"errors"
	"fmt"
	"strings"

	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

// Resume codes are 130 random bits written as 26 characters of Crockford's
// base32 (no I, L, O or U), grouped in fives for reading aloud or copying
// to another device. Only their SHA-256 is stored.
const resumeBytes = 17 // 136 bits; the code keeps the first 130

var crockford = base32.NewEncoding("0123456789ABCDEFGHJKMNPQRSTVWXYZ").WithPadding(base32.NoPadding)

func newResumeCode() string {
	b := make([]byte, resumeBytes)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("crypto/rand: %v", err)) // never fails on supported platforms
	}
	return crockford.EncodeToString(b)[:26]
}

// FormatCode groups a resume code for display: XXXXX-XXXXX-….
func FormatCode(code string) string {
	var parts []string
	for len(code) > 5 {
		parts, code = append(parts, code[:5]), code[5:]
	}
	return strings.Join(append(parts, code), "-")
}

// NormalizeCode undoes what people do to a code when copying it: case,
// spaces, hyphens, and letters that look like digits.
func NormalizeCode(s string) string {
	return codeFixes.Replace(strings.ToUpper(s))
}

var codeFixes = strings.NewReplacer("-", "", " ", "", "O", "0", "I", "1", "L", "1")

func hashCode(code string) []byte {
	sum := sha256.Sum256([]byte(NormalizeCode(code)))
	return sum[:]
}

// Start begins a response at a review link and returns it with its resume
// code, which is shown to the respondent and never stored.
func (s *Service) Start(ctx context.Context, linkKey, lang string, test bool) (State, string, error) {
	e, err := s.Entry(ctx, linkKey)
	if err != nil {
		return State{}, "", err
	}
	if err := e.Accepting(s.now()); err != nil {
		return State{}, "", err
	}
	if !e.Q.HasLanguage(lang) {
		lang = e.Q.DefaultLanguage()
	}
	code := newResumeCode()
	resp, err := s.store.CreateResponse(ctx, store.NewResponse{
		ReviewID: e.Review.ID, TrustID: e.Link.Trust.ID, QuestionnaireHash: e.Q.Hash, Language: lang,
		Section: firstSection(e.Q, e.Q.Visibility(survey.Answers{})), ResumeHash: hashCode(code), Test: test,
	})
	if err != nil {
		return State{}, "", fmt.Errorf("start response: %w", err)
	}
	answers := survey.Answers{}
	st := State{Response: resp, Review: e.Review, Q: e.Q, Answers: answers, Vis: e.Q.Visibility(answers)}
	return st, code, nil
}

// Resume finds the response a resume code belongs to. A code that matches
// nothing is ErrBadResumeCode. When the response is submitted, or its review
// is closed or not open, the state comes back with that error so a caller
// can still say where the response stands, but without its answers: a
// code stops opening answers once they are submitted or the review closes.
func (s *Service) Resume(ctx context.Context, code string) (State, error) {
	if len(NormalizeCode(code)) != 26 {
		return State{}, ErrBadResumeCode
	}
	rs, err := s.store.ResponseStateByResume(ctx, hashCode(code))
	if errors.Is(err, store.ErrNotFound) {
		return State{}, ErrBadResumeCode
	}
	if err != nil {
		return State{}, fmt.Errorf("resume: %w", err)
	}
	st, err := s.stateFrom(ctx, rs)
	if err != nil {
		return State{}, err
	}
	if st.Submitted() {
		return st.closed(), store.ErrSubmitted
	}
	if err := st.Review.AcceptsAnswers(s.now()); err != nil {
		return st.closed(), err
	}
	return st, nil
}

// Submit submits a response whose applicable required items are all
// answered; otherwise it returns the missing ones as errors and changes
// nothing. A retried submit with the same key succeeds again; a key that
// was used for something else is store.ErrKeyReused. Completeness is
// checked inside the write transaction, so a page save landing at the
// same moment cannot open questions the submit then skips.
func (s *Service) Submit(ctx context.Context, responseID, key string) (Outcome, error) {
	if key == "" {
		return Outcome{}, errors.New("submit: missing idempotency key")
	}
	st, err := s.State(ctx, responseID)
	if err != nil {
		return Outcome{}, err
	}
	return s.SubmitLoaded(ctx, st, key)
}

// SubmitLoaded is Submit for a response the request has loaded already.
func (s *Service) SubmitLoaded(ctx context.Context, st State, key string) (Outcome, error) {
	if key == "" {
		return Outcome{}, errors.New("submit: missing idempotency key")
	}
	if !st.Submitted() {
		if err := st.Review.AcceptsAnswers(s.now()); err != nil {
			return Outcome{}, err
		}
	}
	var out Outcome
	req := store.Request{ResponseID: st.Response.ID, Key: key, Operation: opSubmit, RequestHash: submitHash}
	_, replayed, err := s.store.ChangeResponse(ctx, req, func(snap store.Snapshot) (*store.PageSave, error) {
		now := st.at(snap)
		if now.Submitted() {
			return nil, store.ErrSubmitted
		}
		if errs := missing(now); len(errs) > 0 {
			out = Outcome{Next: SectionCheck, Errors: errs}
			return nil, nil
		}
		out = Outcome{Next: SectionDone}
		return &store.PageSave{Section: SectionDone, Furthest: SectionDone, Language: now.Response.Language,
			Submit: true, Result: []byte(`{"next":"_done"}`)}, nil
	})
	switch {
	case err != nil:
		return Outcome{}, fmt.Errorf("submit: %w", err)
	case replayed:
		return Outcome{Next: SectionDone, Replayed: true}, nil
	}
	return out, nil
}

// submitHash is the request hash of every submit: it carries no content.
var submitHash = func() []byte { sum := sha256.Sum256([]byte(opSubmit)); return sum[:] }()

func missing(st State) []survey.AnswerError {
	var errs []survey.AnswerError
	for _, id := range st.Completion().Missing {
		errs = append(errs, survey.AnswerError{ItemID: id, Code: survey.ErrRequired})
	}
	return errs
}

// SetLanguage switches the language a response is shown in. Answers are
// codes, so they carry over.
func (s *Service) SetLanguage(ctx context.Context, st State, lang string) error {
	if !st.Q.HasLanguage(lang) {
		return nil
	}
	return s.store.SetLanguage(ctx, st.Response.ID, lang)
}
