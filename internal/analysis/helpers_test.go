package analysis

import (
	"fmt"
	"testing"
	"time"

	"github.com/researchpulse/pulse/internal/survey"
)

const (
	bundledFile = "../../questionnaires/research-engagement.yaml"
	careersFile = "../survey/testdata/valid/careers.yaml"
)

func load(t testing.TB, file string) *survey.Questionnaire {
	t.Helper()
	q, err := survey.LoadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

var (
	opens  = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	closes = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	// hour0 is the hour the first copy of a hand-made data set is started.
	hour0 = time.Date(2026, 11, 10, 10, 0, 0, 0, time.UTC)
)

// a builds an answer: option codes, or text for number and text items.
func a(codes ...string) survey.Answer { return survey.Answer{Codes: codes} }

// hand is one hand-made response: an id stem, trust ("M" more
// research-active, "L" less), submitted or not, test or not, and answers.
type hand struct {
	id        string
	trust     string
	submitted bool
	test      bool
	late      bool // started i hours after the window closed, in copy i (else in the copy's hour)
	answers   survey.Answers
}

// copies makes n copies of the hand-made responses, copy i started i hours
// after hour0 (so copies are never duplicates of each other), with ids
// "<stem>-<i>".
func copies(hs []hand, n int) []Response {
	var out []Response
	for i := range n {
		hour := hour0.Add(time.Duration(i) * time.Hour)
		for _, h := range hs {
			r := Response{ID: fmt.Sprintf("%s-%d", h.id, i), Trust: "RM1", Level: ActivityMore, Submitted: h.submitted,
				Test: h.test, Created: hour, Answers: h.answers}
			if h.trust == "L" {
				r.Trust, r.Level = "RL4", ActivityLess
			}
			if h.late {
				r.Created = closes.Add(time.Duration(i) * time.Hour)
			}
			if h.submitted {
				r.SubmittedAt = r.Created
			}
			out = append(out, r)
		}
	}
	return out
}

var handTrusts = []Trust{{Code: "RM1", Name: "Northfield", Level: ActivityMore}, {Code: "RL4", Name: "Southmoor", Level: ActivityLess}}

func counts(c FlowCounts) []int {
	out := []int{c.Received.N, c.Excluded.N, c.Included.N, c.Complete.N, c.Partial.N}
	for _, r := range c.Reasons {
		out = append(out, r.N.N)
	}
	return out
}

func findBreakdown(t *testing.T, r Report, item string) Breakdown {
	t.Helper()
	for _, b := range r.Breakdowns {
		if b.Item == item {
			return b
		}
	}
	t.Fatalf("no breakdown of %s", item)
	return Breakdown{}
}

func rowIndex(t *testing.T, b Breakdown, id, code string) int {
	t.Helper()
	for i, r := range b.Rows {
		if r.ID == id && r.Code == code {
			return i
		}
	}
	t.Fatalf("%s: no row %s/%s", b.Item, id, code)
	return -1
}

func dimGroup(t *testing.T, b Breakdown, dim, group string) (GroupCells, DimensionCells) {
	t.Helper()
	for _, d := range b.Dimensions {
		if d.Dimension != dim {
			continue
		}
		for _, g := range d.Groups {
			if g.Code == group {
				return g, d
			}
		}
	}
	t.Fatalf("%s: no group %s/%s", b.Item, dim, group)
	return GroupCells{}, DimensionCells{}
}

// wantCell checks a published cell: shown, not answered, denominator, n,
// and the percentage and interval to 1e-9 points.
func wantCell(t *testing.T, what string, c Cell, shown, notAnswered, denom, n int, pct, lo, hi float64) {
	t.Helper()
	if c.Suppressed || c.Shown != shown || c.NotAnswered != notAnswered || c.Denominator != denom || c.N != n {
		t.Errorf("%s: cell %+v, want shown %d not answered %d denominator %d n %d", what, c, shown, notAnswered, denom, n)
		return
	}
	near(t, what+" percent", c.Percent, pct, 1e-9)
	near(t, what+" low", c.Low, lo, 1e-9)
	near(t, what+" high", c.High, hi, 1e-9)
}
