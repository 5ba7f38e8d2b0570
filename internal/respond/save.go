package respond

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

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

// Save validates and saves one page of answers. Answers are reported saved
// only once they are committed. Validation problems come back in
// Outcome.Errors with nothing changed.
func (s *Service) Save(ctx context.Context, responseID, sectionID string, in Input) (Outcome, error) {
	if in.Key == "" {
		return Outcome{}, errors.New("save page: missing idempotency key")
	}
	st, err := s.writable(ctx, responseID)
	if err != nil {
		return Outcome{}, err
	}
	if !st.Reachable(sectionID) || sectionID == SectionCheck {
		return Outcome{}, ErrPageUnavailable
	}
	plan := planSave(st, st.Q.SectionByID(sectionID), in)
	switch {
	case len(plan.errs) > 0:
		return Outcome{Next: sectionID, Errors: plan.errs}, nil
	case len(plan.cleared) > 0 && !in.ConfirmClear:
		return Outcome{Next: sectionID, ToClear: plan.cleared}, nil
	case in.Partial:
		plan.next, plan.revealed = sectionID, nil
	}
	return s.commit(ctx, st, in.Key, plan)
}

// writable loads a response that may still take answers.
func (s *Service) writable(ctx context.Context, responseID string) (State, error) {
	st, err := s.State(ctx, responseID)
	if err != nil {
		return State{}, err
	}
	if st.Submitted() {
		return State{}, store.ErrSubmitted
	}
	if err := st.Review.AcceptsAnswers(s.now()); err != nil {
		return State{}, err
	}
	return st, nil
}

func (s *Service) commit(ctx context.Context, st State, key string, p savePlan) (Outcome, error) {
	out := Outcome{Next: p.next, Revealed: p.revealed}
	for _, c := range p.cleared {
		out.Cleared = append(out.Cleared, c.ItemID)
	}
	result, err := json.Marshal(out)
	if err != nil {
		return Outcome{}, err
	}
	furthest := st.Response.Furthest
	if order(st.Q, p.next) > order(st.Q, furthest) {
		furthest = p.next
	}
	saved, replayed, err := s.store.SavePage(ctx, store.PageSave{
		ResponseID: st.Response.ID, Key: key, Set: p.set, Delete: p.del, Clear: toStoreCleared(p.cleared),
		Section: p.next, Furthest: furthest, Language: st.Response.Language, Result: result,
	})
	if err != nil {
		return Outcome{}, fmt.Errorf("save page: %w", err)
	}
	if replayed {
		var prev Outcome
		if err := json.Unmarshal(saved, &prev); err != nil {
			return Outcome{}, fmt.Errorf("replayed save: %w", err)
		}
		prev.Replayed = true
		return prev, nil
	}
	return out, nil
}

func toStoreCleared(cs []survey.Cleared) []store.Cleared {
	out := make([]store.Cleared, len(cs))
	for i, c := range cs {
		out[i] = store.Cleared{ItemID: c.ItemID, CauseItem: c.Cause}
	}
	return out
}
