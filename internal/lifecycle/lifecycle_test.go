package lifecycle

import (
	"errors"
	"testing"
	"time"
)

func TestTransition(t *testing.T) {
	allowed := map[[2]string]bool{{Draft, Open}: true, {Draft, Closed}: true, {Open, Closed}: true}
	for _, from := range []string{Draft, Open, Closed} {
		for _, to := range []string{Draft, Open, Closed} {
			err := Transition(from, to)
			if allowed[[2]string{from, to}] != (err == nil) {
				t.Errorf("Transition(%s, %s) = %v", from, to, err)
			}
			if err != nil && !errors.Is(err, ErrTransition) {
				t.Errorf("Transition(%s, %s) error %v is not ErrTransition", from, to, err)
			}
		}
	}
}

func TestAcceptsAndState(t *testing.T) {
	opens := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	closes := opens.Add(14 * 24 * time.Hour)
	cases := []struct {
		status string
		at     time.Time
		err    error
		state  string
	}{
		{Draft, opens.Add(time.Hour), ErrNotOpen, StateDraft},
		{Open, opens.Add(-time.Second), ErrNotOpen, StateScheduled},
		{Open, opens, nil, StateOpen},
		{Open, closes.Add(-time.Second), nil, StateOpen},
		{Open, closes, ErrClosed, StateClosed},
		{Closed, opens.Add(time.Hour), ErrClosed, StateClosed},
	}
	for _, c := range cases {
		err := Accepts(c.status, opens, closes, c.at)
		if (c.err == nil) != (err == nil) || (c.err != nil && !errors.Is(err, c.err)) {
			t.Errorf("Accepts(%s, %s) = %v, want %v", c.status, c.at, err, c.err)
		}
		if got := State(c.status, opens, closes, c.at); got != c.state {
			t.Errorf("State(%s, %s) = %s, want %s", c.status, c.at, got, c.state)
		}
	}
}

func TestCheckWindow(t *testing.T) {
	a := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		opens, closes time.Time
		ok            bool
	}{{a, a.Add(time.Hour), true}, {a, a, false}, {a.Add(time.Hour), a, false}, {time.Time{}, a, false}} {
		if err := CheckWindow(c.opens, c.closes); (err == nil) != c.ok {
			t.Errorf("CheckWindow(%s, %s) = %v", c.opens, c.closes, err)
		}
	}
}

// London time: GMT in winter, BST in summer.
func TestParseLocal(t *testing.T) {
	for in, want := range map[string]string{
		"2026-12-01":       "2026-12-01T00:00:00Z",
		"2026-07-01T09:30": "2026-07-01T08:30:00Z",
		"2026-07-01 09:30": "2026-07-01T08:30:00Z",
	} {
		got, err := ParseLocal(in)
		if err != nil || got.UTC().Format(time.RFC3339) != want {
			t.Errorf("ParseLocal(%q) = %s, %v; want %s", in, got.UTC().Format(time.RFC3339), err, want)
		}
	}
	if _, err := ParseLocal("1/12/2026"); !errors.Is(err, ErrWindow) {
		t.Errorf("ParseLocal(1/12/2026) = %v", err)
	}
}
