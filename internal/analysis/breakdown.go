package analysis

import (
	"encoding/json"
	"sort"

	"github.com/researchpulse/pulse/internal/survey"
)

// What a breakdown row measures.
const (
	MeasureSelected = "selected" // the share choosing an option (choice items)
	MeasureAgree    = "agree"    // the share agreeing with a statement (scale items and grids)
)

// Breakdown is one tagged questionnaire item broken down overall and by
// each dimension. Its rows are the item's substantive options (a choice
// item) or its statements (a grid; a single scale item has one row).
type Breakdown struct {
	Item     string `json:"item"` // the item's id in the questionnaire
	Tag      string `json:"tag"`  // barrier, motivator, enabler or org_support
	Label    string `json:"label"`
	Question string `json:"question"`
	Type     string `json:"type"`
	Measure  string `json:"measure"`
	// AgreeCodes are the scale options that count as agreeing.
	AgreeCodes []string         `json:"agree_codes,omitempty"`
	Rows       []Row            `json:"rows"`
	Overall    GroupCells       `json:"overall"`
	Dimensions []DimensionCells `json:"dimensions"`
}

// Row is one reported line of a breakdown.
type Row struct {
	ID    string `json:"id"`             // the answerable item: the item, or a grid's statement
	Code  string `json:"code,omitempty"` // the option, for choice items
	Label string `json:"label"`
}

// GroupCells are a breakdown's cells for one group (or overall), one per
// row.
type GroupCells struct {
	Code  string `json:"code"`
	Label string `json:"label"`
	Cells []Cell `json:"cells"`
}

// DimensionCells are a breakdown's cells for every group of a dimension,
// with one test of difference between the groups per row (nil where there
// is nothing to test).
type DimensionCells struct {
	Dimension string       `json:"dimension"`
	Groups    []GroupCells `json:"groups"`
	Tests     []*Test      `json:"tests"`
}

// Cell is one row of a breakdown in one group. Its denominator is the
// included respondents who were shown the item and gave a substantive
// answer; those who answered only with a missing option ("Don't know") are
// counted in Missing, and those shown it who left it blank (a partial
// response) in NotAnswered. A suppressed cell carries no numbers.
type Cell struct {
	Suppressed  bool
	Shown       int
	NotAnswered int
	Missing     []CodeCount
	Denominator int
	N           int     // respondents choosing the option, or agreeing
	Percent     float64 // 100 × N / Denominator
	Low, High   float64 // 95% Wilson interval, in percent
	Rank        int     // 1 for the group's highest percentage (ties share a rank); 0 when not ranked
}

// CodeCount counts the respondents giving one option.
type CodeCount struct {
	Code string `json:"code"`
	N    int    `json:"n"`
}

type cellJSON struct {
	Shown       int         `json:"shown"`
	NotAnswered int         `json:"not_answered"`
	Missing     []CodeCount `json:"missing"`
	Denominator int         `json:"denominator"`
	N           int         `json:"n"`
	Percent     *float64    `json:"percent"`
	CI95        *[2]float64 `json:"ci95"`
	Rank        int         `json:"rank,omitempty"`
}

// MarshalJSON writes {"suppressed": true} for a suppressed cell, and
// percent and ci95 as null when the denominator is zero.
func (c Cell) MarshalJSON() ([]byte, error) {
	if c.Suppressed {
		return []byte(`{"suppressed":true}`), nil
	}
	out := cellJSON{Shown: c.Shown, NotAnswered: c.NotAnswered, Missing: c.Missing, Denominator: c.Denominator, N: c.N, Rank: c.Rank}
	if out.Missing == nil {
		out.Missing = []CodeCount{}
	}
	if c.Denominator > 0 {
		p, ci := c.Percent, [2]float64{c.Low, c.High}
		out.Percent, out.CI95 = &p, &ci
	}
	return json.Marshal(out)
}

// tally counts the answers to one answerable item per slot (slot 0 is
// overall; then each group of each dimension in turn).
type tally struct {
	item        *survey.Item
	shown       []int
	notAnswered []int
	denominator []int
	codes       map[string][]int // option code -> respondents giving it, substantive answers only
	missing     map[string][]int // missing option code -> respondents answering only with missing options
}

func newTally(it *survey.Item, slots int) *tally {
	t := &tally{item: it, shown: make([]int, slots), notAnswered: make([]int, slots), denominator: make([]int, slots),
		codes: map[string][]int{}, missing: map[string][]int{}}
	for _, o := range it.Options {
		if o.Missing {
			t.missing[o.Code] = make([]int, slots)
		} else {
			t.codes[o.Code] = make([]int, slots)
		}
	}
	return t
}

// add counts one included response in the given slots.
func (t *tally) add(p *prepared, slots []int) {
	if !p.shown(t.item.ID) {
		return
	}
	a := p.answers[t.item.ID]
	subst := false
	for _, c := range a.Codes {
		if _, ok := t.codes[c]; ok {
			subst = true
		}
	}
	for _, s := range slots {
		t.shown[s]++
		switch {
		case a.Empty():
			t.notAnswered[s]++
		case subst:
			t.denominator[s]++
			for _, c := range a.Codes {
				if n, ok := t.codes[c]; ok {
					n[s]++
				}
			}
		default:
			for _, c := range a.Codes {
				if n, ok := t.missing[c]; ok {
					n[s]++
				}
			}
		}
	}
}

// AgreeCodes are the options of a scale that count as agreeing: the upper
// half of its substantive options, in the order the scale lists them
// (scales run from disagree to agree). With five points that is the top
// two (agree, strongly agree), the midpoint counting as neither; with four
// it is the top two.
func AgreeCodes(it *survey.Item) []string {
	var subst []string
	for _, o := range it.Options {
		if !o.Missing {
			subst = append(subst, o.Code)
		}
	}
	return subst[len(subst)-len(subst)/2:]
}

// breakdownSpec is a tagged item with the tallies its rows read.
type breakdownSpec struct {
	b       Breakdown
	tallies []*tally // one per row
	agree   []string
}

// specs lists every tagged item in questionnaire order.
func specs(q *survey.Questionnaire, slots int) []*breakdownSpec {
	lang := q.DefaultLanguage()
	var out []*breakdownSpec
	for si := range q.Sections {
		for ii := range q.Sections[si].Items {
			it := &q.Sections[si].Items[ii]
			if it.Tag == "" {
				continue
			}
			out = append(out, spec(q, it, lang, slots))
		}
	}
	return out
}

func spec(q *survey.Questionnaire, it *survey.Item, lang string, slots int) *breakdownSpec {
	s := &breakdownSpec{b: Breakdown{Item: it.ID, Tag: it.Tag, Label: it.ShortLabel().In(lang), Question: it.Question.In(lang), Type: it.Type}}
	answerables := q.Answerables(it)
	if it.Type == survey.TypeScale {
		s.b.Measure = MeasureAgree
		s.agree = AgreeCodes(answerables[0])
		s.b.AgreeCodes = s.agree
		for _, a := range answerables {
			s.b.Rows = append(s.b.Rows, Row{ID: a.ID, Label: a.ShortLabel().In(lang)})
			s.tallies = append(s.tallies, newTally(a, slots))
		}
		return s
	}
	s.b.Measure = MeasureSelected
	t := newTally(answerables[0], slots)
	for _, o := range answerables[0].Options {
		if !o.Missing {
			s.b.Rows = append(s.b.Rows, Row{ID: it.ID, Code: o.Code, Label: o.Label.In(lang)})
			s.tallies = append(s.tallies, t)
		}
	}
	return s
}

// tallies lists each distinct tally of the spec once.
func (s *breakdownSpec) distinct() []*tally {
	var out []*tally
	for i, t := range s.tallies {
		if i == 0 || t != s.tallies[i-1] {
			out = append(out, t)
		}
	}
	return out
}

// n is the count row r measures in slot.
func (s *breakdownSpec) n(r, slot int) int {
	t := s.tallies[r]
	if s.b.Measure == MeasureSelected {
		return t.codes[s.b.Rows[r].Code][slot]
	}
	n := 0
	for _, c := range s.agree {
		n += t.codes[c][slot]
	}
	return n
}

// slotLayout maps each dimension's groups to slots after slot 0.
type slotLayout struct {
	dims  []Dimension
	first []int // first slot of each dimension
	total int
}

func newSlotLayout(dims []Dimension) slotLayout {
	l := slotLayout{dims: dims, total: 1}
	for _, d := range dims {
		l.first = append(l.first, l.total)
		l.total += len(d.Groups)
	}
	return l
}

// remap copies the spec with its tallies' slots rearranged: slot i of the
// copy holds what slot from[i] of the original counted.
func (s *breakdownSpec) remap(from []int) *breakdownSpec {
	out := &breakdownSpec{b: s.b, agree: s.agree}
	copies := map[*tally]*tally{}
	for _, t := range s.tallies {
		c, ok := copies[t]
		if !ok {
			c = newTally(t.item, len(from))
			for i, f := range from {
				c.shown[i], c.notAnswered[i], c.denominator[i] = t.shown[f], t.notAnswered[f], t.denominator[f]
				for code, n := range t.codes {
					c.codes[code][i] = n[f]
				}
				for code, n := range t.missing {
					c.missing[code][i] = n[f]
				}
			}
			copies[t] = c
		}
		out.tallies = append(out.tallies, c)
	}
	return out
}

// publish turns the tallies into cells: suppressed, tested and ranked.
func (s *breakdownSpec) publish(l slotLayout, k int) Breakdown {
	b := s.b
	cells := make([][]Cell, l.total) // [slot][row]
	for slot := range cells {
		cells[slot] = make([]Cell, len(b.Rows))
	}
	for r := range b.Rows {
		hidden := s.suppress(r, l, k)
		for slot := range cells {
			cells[slot][r] = s.cell(r, slot, hidden[slot])
		}
	}
	b.Overall = GroupCells{Code: "overall", Label: "All included respondents", Cells: rank(cells[0])}
	for d, dim := range l.dims {
		dc := DimensionCells{Dimension: dim.ID}
		for g, grp := range dim.Groups {
			dc.Groups = append(dc.Groups, GroupCells{Code: grp.Code, Label: grp.Label, Cells: rank(cells[l.first[d]+g])})
		}
		for r := range b.Rows {
			dc.Tests = append(dc.Tests, testGroups(dc.Groups, r))
		}
		b.Dimensions = append(b.Dimensions, dc)
	}
	return b
}

// suppress decides which slots of row r to hide: each slot rests on the
// respondents shown the item and on those answering it substantively, and
// each dimension's groups add up to the overall slot.
func (s *breakdownSpec) suppress(r int, l slotLayout, k int) []bool {
	t := s.tallies[r]
	sizes := make([][]int, l.total)
	for slot := range sizes {
		sizes[slot] = []int{t.shown[slot], t.denominator[slot]}
	}
	var rels []Relation
	for d, dim := range l.dims {
		rel := Relation{Total: 0}
		for g := range dim.Groups {
			rel.Parts = append(rel.Parts, l.first[d]+g)
		}
		rels = append(rels, rel)
	}
	return Suppress(k, sizes, rels)
}

func (s *breakdownSpec) cell(r, slot int, hidden bool) Cell {
	if hidden {
		return Cell{Suppressed: true}
	}
	t := s.tallies[r]
	c := Cell{Shown: t.shown[slot], NotAnswered: t.notAnswered[slot], Denominator: t.denominator[slot], N: s.n(r, slot)}
	for _, o := range t.item.Options {
		if o.Missing {
			c.Missing = append(c.Missing, CodeCount{Code: o.Code, N: t.missing[o.Code][slot]})
		}
	}
	if c.Denominator > 0 {
		c.Percent = 100 * float64(c.N) / float64(c.Denominator)
		lo, hi := wilson(c.N, c.Denominator)
		c.Low, c.High = 100*lo, 100*hi
	}
	return c
}

// testGroups tests row r across the published groups of a dimension,
// leaving out "not known".
func testGroups(groups []GroupCells, r int) *Test {
	var ns, ds []int
	for _, g := range groups {
		c := g.Cells[r]
		if g.Code == NotKnown || c.Suppressed {
			continue
		}
		ns, ds = append(ns, c.N), append(ds, c.Denominator)
	}
	return independence(ns, ds)
}

// rank gives the published rows with a denominator their rank by
// percentage, highest first; equal percentages share a rank and the next
// rank skips (1, 2, 2, 4).
func rank(cells []Cell) []Cell {
	var idx []int
	for i, c := range cells {
		if !c.Suppressed && c.Denominator > 0 {
			idx = append(idx, i)
		}
	}
	// a/b > c/d exactly: a·d > c·b.
	above := func(i, j int) bool {
		return int64(cells[i].N)*int64(cells[j].Denominator) > int64(cells[j].N)*int64(cells[i].Denominator)
	}
	sort.SliceStable(idx, func(a, b int) bool { return above(idx[a], idx[b]) })
	for pos, i := range idx {
		if pos > 0 && !above(idx[pos-1], i) {
			cells[i].Rank = cells[idx[pos-1]].Rank
			continue
		}
		cells[i].Rank = pos + 1
	}
	return cells
}
