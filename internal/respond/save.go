package respond

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

// Input is what a respondent sent for one page, as text: the values per
// item id (a form field's values, or a JSON answer), "please specify" text
// per item id, the ids of the items the page showed when it was drawn (nil
// from the API: then the items the branching showed before the save), and
// an idempotency key that makes a retried save harmless.
//
// Partial saves every valid answer without requiring the required ones
// ("Save and come back later"); the respondent stays on the page.
// ConfirmClear agrees to clearing saved answers that the change hides;
// without it such a save changes nothing and lists what it would clear.
type Input struct {
	Key          string
	Values       map[string][]string
	Other        map[string]string
	Shown        []string
	Partial      bool
	ConfirmClear bool
}

// Outcome is the result of saving a page.
type Outcome struct {
	Next     string               `json:"next"`               // section to show next, or SectionCheck
	Errors   []survey.AnswerError `json:"errors,omitempty"`   // nothing was saved when there are errors
	Cleared  []string             `json:"cleared,omitempty"`  // answers removed because their items are now hidden
	Revealed []string             `json:"revealed,omitempty"` // items the answers added to this page, to answer next
	Replayed bool                 `json:"replayed,omitempty"` // this key was saved before; nothing changed now
	// ToClear, when not empty, lists the saved answers the change would
	// clear: nothing was saved, and saving again with ConfirmClear clears
	// them.
	ToClear []survey.Cleared `json:"-"`
}

// Saved reports whether the page was saved.
func (o Outcome) Saved() bool { return len(o.Errors) == 0 && len(o.ToClear) == 0 }

// NeedsConfirm reports whether the save waits for the respondent to agree
// to clearing answers.
func (o Outcome) NeedsConfirm() bool { return len(o.Errors) == 0 && len(o.ToClear) > 0 }

// wellFormed reports whether every id and value sent is text an answer
// can be made of (survey.ValidInput).
func (in Input) wellFormed() bool {
	for id, vs := range in.Values {
		if !survey.ValidInput(id) {
			return false
		}
		for _, v := range vs {
			if !survey.ValidInput(v) {
				return false
			}
		}
	}
	for id, v := range in.Other {
		if !survey.ValidInput(id) || !survey.ValidInput(v) {
			return false
		}
	}
	return true
}

// Operations recorded with idempotency keys: a key sent again is a retry
// only for the same operation and request.
const (
	opPage   = "page"
	opSubmit = "submit"
)

// hash identifies what a page save asked for, so that a key sent again
// with other answers is recognised as a different request.
func (in Input) hash(sectionID string) []byte {
	canonical := struct {
		Section      string
		Values       map[string][]string
		Other        map[string]string
		Shown        []string
		Partial      bool
		ConfirmClear bool
	}{sectionID, in.Values, in.Other, in.Shown, in.Partial, in.ConfirmClear}
	if canonical.Values == nil {
		canonical.Values = map[string][]string{}
	}
	if canonical.Other == nil {
		canonical.Other = map[string]string{}
	}
	b, _ := json.Marshal(canonical) // maps and strings always marshal; keys are sorted
	sum := sha256.Sum256(b)
	return sum[:]
}

// Save validates and saves one page of answers. Answers are reported saved
// only once they are committed. Validation problems come back in
// Outcome.Errors with nothing changed.
//
// The page is planned inside the write transaction, against the answers
// as they are then, so a save racing another change to the same response
// (another tab, a retry, a submit) never acts on answers that have since
// changed.
func (s *Service) Save(ctx context.Context, responseID, sectionID string, in Input) (Outcome, error) {
	if in.Key == "" {
		return Outcome{}, errors.New("save page: missing idempotency key")
	}
	st, err := s.State(ctx, responseID)
	if err != nil {
		return Outcome{}, err
	}
	out, _, err := s.SaveLoaded(ctx, st, sectionID, in)
	return out, err
}

// SaveLoaded is Save for a response the request has loaded already. It
// also returns the response as the save left it (or as the save found
// it, when nothing was saved), so the caller can show what comes next
// without reading it again.
func (s *Service) SaveLoaded(ctx context.Context, st State, sectionID string, in Input) (Outcome, State, error) {
	if in.Key == "" {
		return Outcome{}, st, errors.New("save page: missing idempotency key")
	}
	if !in.wellFormed() {
		return Outcome{}, st, ErrMalformedInput
	}
	if st.Submitted() {
		return Outcome{}, st, store.ErrSubmitted
	}
	if err := st.Review.AcceptsAnswers(s.now()); err != nil {
		return Outcome{}, st, err
	}
	if out, ok := s.ackBeforeCommit(ctx, st, sectionID, in); ok {
		return out, st, nil // only in the crash test's deliberately broken build
	}
	return s.save(ctx, st, sectionID, in)
}

func (s *Service) save(ctx context.Context, st State, sectionID string, in Input) (Outcome, State, error) {
	si := st.Q.SectionByID(sectionID)
	if si < 0 {
		return Outcome{}, st, ErrPageUnavailable
	}
	var (
		out   Outcome
		after = st
	)
	req := store.Request{ResponseID: st.Response.ID, Key: in.Key, Operation: opPage, RequestHash: in.hash(sectionID)}
	saved, replayed, err := s.store.ChangeResponse(ctx, req, func(snap store.Snapshot) (*store.PageSave, error) {
		now := st.at(snap)
		after = now
		if now.Submitted() {
			return nil, store.ErrSubmitted
		}
		if !now.Reachable(sectionID) {
			return nil, ErrPageUnavailable
		}
		plan := planSave(now, si, in)
		switch {
		case len(plan.errs) > 0:
			out = Outcome{Next: sectionID, Errors: plan.errs}
			return nil, nil
		case len(plan.cleared) > 0 && !in.ConfirmClear:
			out = Outcome{Next: sectionID, ToClear: plan.cleared}
			return nil, nil
		case in.Partial:
			plan.next, plan.revealed = sectionID, nil
		}
		var (
			ps  store.PageSave
			err error
		)
		out, ps, err = pageSave(now, plan)
		after = now.after(ps, s.now().UTC().Truncate(time.Hour))
		return &ps, err
	})
	switch {
	case err != nil:
		return Outcome{}, st, fmt.Errorf("save page: %w", err)
	case replayed:
		if out, err = replayedOutcome(saved); err != nil {
			return Outcome{}, st, err
		}
		after, err = s.State(ctx, st.Response.ID)
		return out, after, err
	}
	return out, after, nil
}

// pageSave turns a plan into the outcome the respondent is told and the
// change the store applies; the outcome is stored with the key, so a
// retry is told the same.
func pageSave(st State, p savePlan) (Outcome, store.PageSave, error) {
	out := Outcome{Next: p.next, Revealed: p.revealed}
	for _, c := range p.cleared {
		out.Cleared = append(out.Cleared, c.ItemID)
	}
	result, err := json.Marshal(out)
	if err != nil {
		return Outcome{}, store.PageSave{}, err
	}
	furthest := st.Response.Furthest
	if order(st.Q, p.next) > order(st.Q, furthest) {
		furthest = p.next
	}
	return out, store.PageSave{
		Set: p.set, Delete: p.del, Clear: toStoreCleared(p.cleared),
		Section: p.next, Furthest: furthest, Language: st.Response.Language, Result: result,
	}, nil
}

func replayedOutcome(saved []byte) (Outcome, error) {
	var prev Outcome
	if err := json.Unmarshal(saved, &prev); err != nil {
		return Outcome{}, fmt.Errorf("replayed save: %w", err)
	}
	prev.Replayed = true
	return prev, nil
}

func toStoreCleared(cs []survey.Cleared) []store.Cleared {
	out := make([]store.Cleared, len(cs))
	for i, c := range cs {
		out[i] = store.Cleared{ItemID: c.ItemID, CauseItem: c.Cause}
	}
	return out
}
