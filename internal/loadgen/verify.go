package loadgen

import (
	"context"
	"fmt"
	"slices"

	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

// Check is what Verify found.
type Check struct {
	Acknowledged int      // saves and submits the server acknowledged
	Missing      []string // acknowledged keys with no stored save
	Duplicated   []string // acknowledged keys stored more than once
	Wrong        []string // answers stored differently from the last acknowledged save of their page
}

// OK reports whether every acknowledged save is stored exactly once with
// the answers that were sent.
func (c Check) OK() bool { return len(c.Missing)+len(c.Duplicated)+len(c.Wrong) == 0 }

// Verify checks every acknowledged save against the database: its
// idempotency key is recorded exactly once, and for each response the
// answers stored for a page are those of the last acknowledged save of
// that page. (Respondents in a load run never go back, so nothing later
// changes them.)
func Verify(ctx context.Context, st *store.Store, acks []Ack) (Check, error) {
	c := Check{Acknowledged: len(acks)}
	keys := make([]string, len(acks))
	for i, a := range acks {
		keys[i] = a.Key
	}
	saved, err := st.SavedKeys(ctx, keys)
	if err != nil {
		return c, err
	}
	last := map[string]map[string]Ack{} // response -> section -> last ack
	for _, a := range acks {
		ids := saved[a.Key]
		switch {
		case len(ids) == 0:
			c.Missing = append(c.Missing, a.Key)
			continue
		case len(ids) > 1:
			c.Duplicated = append(c.Duplicated, a.Key)
		}
		if a.Section == "" {
			continue
		}
		if last[ids[0]] == nil {
			last[ids[0]] = map[string]Ack{}
		}
		last[ids[0]][a.Section] = a
	}
	for id, pages := range last {
		stored, err := st.Answers(ctx, id)
		if err != nil {
			return c, err
		}
		for _, a := range pages {
			c.Wrong = append(c.Wrong, compare(id, a, stored)...)
		}
	}
	return c, nil
}

// compare lists the items of an acknowledged page whose stored answer is
// not what was sent.
func compare(id string, a Ack, stored survey.Answers) []string {
	var wrong []string
	for item, sent := range a.Answers {
		got := stored[item]
		values := got.Codes
		if got.Text != "" {
			values = []string{got.Text}
		}
		if !sameSet(values, sent) || got.Other != a.Other[item] {
			wrong = append(wrong, fmt.Sprintf("response %s item %s: sent %v %q, stored %v %q", id, item, sent, a.Other[item], values, got.Other))
		}
	}
	return wrong
}

func sameSet(a, b []string) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y)
}
