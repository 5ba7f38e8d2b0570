// Package lifecycle is the one home of the rules of a review's life: its
// statuses, which moves between them are allowed, when it takes answers
// (its window, in Europe/London as people set it), and the state people
// see once the scheduled opening and closing times are taken into
// account. It is pure: no database, no HTTP. The store keeps a review's
// status; this package decides what the status allows.
package lifecycle

import (
	"errors"
	"fmt"
	"time"
)

// Stored statuses, in lifecycle order.
const (
	Draft  = "draft"  // being prepared; takes no answers
	Open   = "open"   // launched; takes answers inside its window
	Closed = "closed" // closed early or by hand; takes no answers again
)

// Shown states: the stored status read against the clock.
const (
	StateDraft     = "draft"
	StateScheduled = "scheduled" // launched, window not open yet
	StateOpen      = "open"
	StateClosed    = "closed" // closed by hand, or its window has ended
)

var (
	// ErrNotOpen: the review is a draft or its window has not opened.
	ErrNotOpen = errors.New("review not open yet")
	// ErrClosed: the review is closed or its window has ended.
	ErrClosed = errors.New("review closed")
	// ErrTransition: the move between statuses is not allowed.
	ErrTransition = errors.New("status change not allowed")
	// ErrWindow: the opening and closing times are not usable.
	ErrWindow = errors.New("invalid review window")
)

// Valid reports whether status is a stored status.
func Valid(status string) bool { return status == Draft || status == Open || status == Closed }

// transitions lists the allowed moves. A draft is launched (opened, at
// once or at its opening time) or abandoned (closed); an open review is
// closed. A closed review stays closed: its next wave is a new review.
var transitions = map[string][]string{
	Draft: {Open, Closed},
	Open:  {Closed},
}

// Transition checks a move from one status to another.
func Transition(from, to string) error {
	for _, t := range transitions[from] {
		if t == to {
			return nil
		}
	}
	return fmt.Errorf("%w: from %s to %s", ErrTransition, from, to)
}

// Accepts says whether a review with this status and window takes answers
// at now: nil, ErrNotOpen (a draft, or before opens) or ErrClosed (closed,
// or at or after closes). Answers are taken in [opens, closes).
func Accepts(status string, opens, closes, now time.Time) error {
	switch {
	case status == Closed:
		return ErrClosed
	case status != Open:
		return fmt.Errorf("%w: it is a %s", ErrNotOpen, status)
	case now.Before(opens):
		return fmt.Errorf("%w: it opens at %s", ErrNotOpen, opens.UTC().Format(time.RFC3339))
	case !now.Before(closes):
		return fmt.Errorf("%w: its window ended at %s", ErrClosed, closes.UTC().Format(time.RFC3339))
	}
	return nil
}

// State is what people are told about a review at now: the stored status
// with the scheduled opening and closing honoured.
func State(status string, opens, closes, now time.Time) string {
	switch {
	case status == Draft:
		return StateDraft
	case status == Closed || !now.Before(closes):
		return StateClosed
	case now.Before(opens):
		return StateScheduled
	}
	return StateOpen
}

// CheckWindow checks opening and closing times: both set, closing after
// opening.
func CheckWindow(opens, closes time.Time) error {
	switch {
	case opens.IsZero() || closes.IsZero():
		return fmt.Errorf("%w: opening and closing times are both needed", ErrWindow)
	case !closes.After(opens):
		return fmt.Errorf("%w: it must close after it opens", ErrWindow)
	}
	return nil
}

// London is the zone review times are entered and shown in; UTC when the
// zone database is missing.
var London = func() *time.Location {
	if loc, err := time.LoadLocation("Europe/London"); err == nil {
		return loc
	}
	return time.UTC
}()

// ParseLocal reads a date ("2026-12-01") or a date and time
// ("2026-12-01T09:00" or "2026-12-01 09:00") as London time. A date alone
// means the start of that day.
func ParseLocal(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02 15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, London); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%w: %q is not a date (YYYY-MM-DD) or date and time (YYYY-MM-DDTHH:MM)", ErrWindow, s)
}
