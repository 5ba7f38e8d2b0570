package analysis

import (
	"encoding/json"
	"fmt"
)

// Comparison is the change between two waves of a review of the same
// questionnaire (last year and this year), option by option, overall and
// per dimension group. It is built from the two published reports only,
// so a cell suppressed in either wave stays suppressed.
type Comparison struct {
	Previous Meta         `json:"previous"`
	Current  Meta         `json:"current"`
	Items    []ItemChange `json:"items"`
}

// ItemChange is the change in one breakdown.
type ItemChange struct {
	Item       string            `json:"item"`
	Tag        string            `json:"tag"`
	Label      string            `json:"label"`
	Measure    string            `json:"measure"`
	Rows       []Row             `json:"rows"`
	Overall    []Change          `json:"overall"` // one per row
	Dimensions []DimensionChange `json:"dimensions"`
}

// DimensionChange is the change per group of one dimension.
type DimensionChange struct {
	Dimension string        `json:"dimension"`
	Groups    []GroupChange `json:"groups"`
}

// GroupChange is the change of every row in one group.
type GroupChange struct {
	Code    string   `json:"code"`
	Label   string   `json:"label"`
	Changes []Change `json:"changes"` // one per row
}

// Change is the difference current − previous of one percentage, in
// percentage points, with its 95% interval (Newcombe's hybrid score
// method) and a test of equal proportions (chi-square, or Fisher's exact
// test when an expected count is below 5). It is Unavailable when the
// cell is suppressed, missing or without a denominator in either wave.
type Change struct {
	Unavailable                          bool
	PreviousN, PreviousDenominator       int
	CurrentN, CurrentDenominator         int
	Previous, Current, Points, Low, High float64 // percent; points; interval in points
	Test                                 *Test
}

type changeJSON struct {
	Previous [2]int     `json:"previous"` // n, denominator
	Current  [2]int     `json:"current"`
	Percent  [2]float64 `json:"percent"` // previous, current
	Points   float64    `json:"points"`
	CI95     [2]float64 `json:"ci95"`
	Test     *Test      `json:"test"`
}

// MarshalJSON writes {"unavailable": true} for a change that cannot be
// given.
func (c Change) MarshalJSON() ([]byte, error) {
	if c.Unavailable {
		return []byte(`{"unavailable":true}`), nil
	}
	return json.Marshal(changeJSON{
		Previous: [2]int{c.PreviousN, c.PreviousDenominator}, Current: [2]int{c.CurrentN, c.CurrentDenominator},
		Percent: [2]float64{c.Previous, c.Current}, Points: c.Points, CI95: [2]float64{c.Low, c.High}, Test: c.Test,
	})
}

// Compare compares two reports of the same questionnaire. Items, rows and
// groups present in only one wave are left out.
func Compare(previous, current Report) (Comparison, error) {
	if previous.Meta.Questionnaire.ID != current.Meta.Questionnaire.ID {
		return Comparison{}, fmt.Errorf("compare waves: questionnaire %q and %q differ", previous.Meta.Questionnaire.ID, current.Meta.Questionnaire.ID)
	}
	out := Comparison{Previous: previous.Meta, Current: current.Meta, Items: []ItemChange{}}
	prev := map[string]Breakdown{}
	for _, b := range previous.Breakdowns {
		prev[b.Item] = b
	}
	for _, cur := range current.Breakdowns {
		if p, ok := prev[cur.Item]; ok && p.Measure == cur.Measure {
			out.Items = append(out.Items, compareItem(p, cur))
		}
	}
	return out, nil
}

func compareItem(prev, cur Breakdown) ItemChange {
	ic := ItemChange{Item: cur.Item, Tag: cur.Tag, Label: cur.Label, Measure: cur.Measure, Rows: []Row{}}
	var pairs [][2]int // row index in prev, in cur
	for ci, r := range cur.Rows {
		for pi, pr := range prev.Rows {
			if pr.ID == r.ID && pr.Code == r.Code {
				ic.Rows = append(ic.Rows, r)
				pairs = append(pairs, [2]int{pi, ci})
			}
		}
	}
	ic.Overall = changes(prev.Overall, cur.Overall, pairs)
	for _, cd := range cur.Dimensions {
		pd, ok := findDimension(prev.Dimensions, cd.Dimension)
		if !ok {
			continue
		}
		dc := DimensionChange{Dimension: cd.Dimension}
		for _, g := range cd.Groups {
			if pg, ok := findGroup(pd.Groups, g.Code); ok {
				dc.Groups = append(dc.Groups, GroupChange{Code: g.Code, Label: g.Label, Changes: changes(pg, g, pairs)})
			}
		}
		ic.Dimensions = append(ic.Dimensions, dc)
	}
	return ic
}

func changes(prev, cur GroupCells, pairs [][2]int) []Change {
	out := make([]Change, len(pairs))
	for i, pr := range pairs {
		out[i] = change(prev.Cells[pr[0]], cur.Cells[pr[1]])
	}
	return out
}

// change compares one published cell across waves.
func change(prev, cur Cell) Change {
	if prev.Suppressed || cur.Suppressed || prev.Denominator == 0 || cur.Denominator == 0 {
		return Change{Unavailable: true}
	}
	diff, lo, hi := newcombe(prev.N, prev.Denominator, cur.N, cur.Denominator)
	return Change{
		PreviousN: prev.N, PreviousDenominator: prev.Denominator, CurrentN: cur.N, CurrentDenominator: cur.Denominator,
		Previous: prev.Percent, Current: cur.Percent, Points: 100 * diff, Low: 100 * lo, High: 100 * hi,
		Test: independence([]int{prev.N, cur.N}, []int{prev.Denominator, cur.Denominator}),
	}
}

func findDimension(ds []DimensionCells, id string) (DimensionCells, bool) {
	for _, d := range ds {
		if d.Dimension == id {
			return d, true
		}
	}
	return DimensionCells{}, false
}

func findGroup(gs []GroupCells, code string) (GroupCells, bool) {
	for _, g := range gs {
		if g.Code == code {
			return g, true
		}
	}
	return GroupCells{}, false
}
