package survey

import (
	"math"
	"sort"
)

// maxNamedCodes bounds the options of one multiple choice item whose
// combinations are tried when exploring the branching (2^12 = 4,096).
// Conditions naming more codes of one item than this are reported, never
// silently sampled.
const maxNamedCodes = 12

// domains lists, per answerable item, the distinct answers worth trying
// when exploring the branching: one answer from each class of answers that
// every condition treats alike, so trying them all is as good as trying
// every possible answer. Items no condition reads get one answer. An
// optional item that a condition reads may also be left blank.
func (q *Questionnaire) domains() map[string][]value {
	read := q.readItems()
	out := make(map[string][]value, len(q.items))
	for _, it := range q.items {
		if !read[it.ID] {
			out[it.ID] = []value{representative(it)}
			continue
		}
		vals := q.valuesFor(it)
		if it.Optional {
			vals = append(vals, unknown)
		}
		out[it.ID] = vals
	}
	return out
}

// readItems is the set of items some visibility condition reads, directly
// or through a derived variable.
func (q *Questionnaire) readItems() map[string]bool {
	read := map[string]bool{}
	for _, c := range q.visibilityConds() {
		for _, r := range q.itemRefs(c) {
			read[r] = true
		}
	}
	return read
}

// visibilityConds lists every condition that decides what is shown.
func (q *Questionnaire) visibilityConds() []*condition {
	var out []*condition
	for _, s := range q.Sections {
		if c := q.conds.sections[s.ID]; c != nil {
			out = append(out, c)
		}
	}
	for _, it := range q.items {
		out = append(out, q.conds.items[it.ID]...)
	}
	return out
}

// itemRefs lists the answerable items a condition reads, following derived
// variables to the items they rest on.
func (q *Questionnaire) itemRefs(c *condition) []string {
	var out []string
	seen := map[string]bool{}
	var visit func(name string)
	visit = func(name string) {
		if seen[name] {
			return
		}
		seen[name] = true
		if _, ok := q.byID[name]; ok {
			out = append(out, name)
			return
		}
		d, ok := q.derived[name]
		if !ok {
			return
		}
		if d.From != "" {
			visit(d.From)
			return
		}
		if dc := q.conds.derived[d.ID]; dc != nil {
			for _, r := range dc.refs {
				visit(r)
			}
		}
	}
	if c != nil {
		for _, r := range c.refs {
			visit(r)
		}
	}
	return out
}

func representative(it *Item) value {
	switch it.Type {
	case TypeSingle, TypeScale:
		return textValue(it.Options[0].Code)
	case TypeMultiple:
		return listValue([]string{it.Options[0].Code})
	case TypeNumber:
		return numberValue(clamp(0, it))
	}
	return textValue("text")
}

func (q *Questionnaire) valuesFor(it *Item) []value {
	switch it.Type {
	case TypeSingle, TypeScale:
		vals := make([]value, len(it.Options))
		for i, o := range it.Options {
			vals[i] = textValue(o.Code)
		}
		return vals
	case TypeMultiple:
		return q.subsets(it)
	case TypeNumber:
		return q.numbers(it)
	}
	return q.texts()
}

// texts is a stand-in answer plus every string a condition mentions, so
// that a condition such as T01 == 'other' can come true.
func (q *Questionnaire) texts() []value {
	vals := []value{textValue("text")}
	for _, s := range sortedKeys(q.conds.strings) {
		if s != "" && s != "text" {
			vals = append(vals, textValue(s))
		}
	}
	return vals
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// namedCodes splits a multiple choice item's options into those whose
// presence a condition can tell apart (codes conditions mention; for an
// item other items' options are piped from, one option that pipes and
// one that does not) and the rest.
func (q *Questionnaire) namedCodes(it *Item) (named, other []string) {
	pipes := q.pipeSources()[it.ID]
	var firstPipe, firstNoPipe string
	for _, o := range it.Options {
		switch {
		case !pipes:
		case pipeable(o) && firstPipe == "":
			firstPipe = o.Code
		case !pipeable(o) && firstNoPipe == "":
			firstNoPipe = o.Code
		}
	}
	for _, o := range it.Options {
		if q.conds.strings[o.Code] || o.Code == firstPipe || o.Code == firstNoPipe {
			named = append(named, o.Code)
		} else {
			other = append(other, o.Code)
		}
	}
	return named, other
}

// pipeSources is the set of items whose options are piped into others.
func (q *Questionnaire) pipeSources() map[string]bool {
	out := map[string]bool{}
	for _, it := range q.items {
		if it.Piped != nil {
			out[it.Piped.ID] = true
		}
	}
	return out
}

// subsets returns every combination of the item's named options, each
// with one unnamed option standing for the rest when the combination is
// empty. When a condition counts the item's options with len, each
// combination is also tried with every number of unnamed options added.
// Past maxNamedCodes named options only the first maxNamedCodes vary; the
// reachability check reports such items rather than trust the result.
func (q *Questionnaire) subsets(it *Item) []value {
	named, other := q.namedCodes(it)
	if len(named) > maxNamedCodes {
		named = named[:maxNamedCodes]
	}
	extra := 0
	if q.conds.counted[it.ID] {
		extra = len(other)
	}
	var vals []value
	for mask := 0; mask < 1<<len(named); mask++ {
		var set []string
		for b, code := range named {
			if mask&(1<<b) != 0 {
				set = append(set, code)
			}
		}
		for n := 0; n <= extra; n++ {
			s := append(set[:len(set):len(set)], other[:n]...)
			if len(s) == 0 {
				if len(other) == 0 || extra > 0 {
					continue // no answer, or tried with other[:1] next
				}
				s = []string{other[0]}
			}
			vals = append(vals, listValue(s))
		}
	}
	return vals
}

// numbers returns one number from each interval that the numbers in
// conditions and the item's own range cut the line into, and each of
// those numbers itself, keeping only answers the item accepts (within
// min and max; whole numbers unless it takes decimals).
func (q *Questionnaire) numbers(it *Item) []value {
	pts := append([]float64{0}, q.conds.numbers...)
	if it.Min != nil {
		pts = append(pts, *it.Min)
	}
	if it.Max != nil {
		pts = append(pts, *it.Max)
	}
	sort.Float64s(pts)
	cands := []float64{pts[0] - 1, pts[len(pts)-1] + 1}
	for i, p := range pts {
		cands = append(cands, p)
		if i > 0 && pts[i-1] < p {
			cands = append(cands, between(pts[i-1], p, it.Decimals))
		}
	}
	seen := map[float64]bool{}
	var vals []value
	for _, c := range cands {
		if accepts(it, c) && !seen[c] {
			seen[c] = true
			vals = append(vals, numberValue(c))
		}
	}
	if len(vals) == 0 {
		vals = append(vals, numberValue(clamp(0, it)))
	}
	return vals
}

// between is a number strictly between a and b: their midpoint, or for
// whole numbers the first whole number above a (which may not be below b,
// when there is none between them).
func between(a, b float64, decimals bool) float64 {
	if decimals {
		return a + (b-a)/2
	}
	return math.Floor(a) + 1
}

func accepts(it *Item, f float64) bool {
	switch {
	case math.IsNaN(f) || math.IsInf(f, 0):
		return false
	case !it.Decimals && f != math.Trunc(f):
		return false
	case it.Min != nil && f < *it.Min:
		return false
	case it.Max != nil && f > *it.Max:
		return false
	}
	return true
}

func clamp(f float64, it *Item) float64 {
	if it.Min != nil && f < *it.Min {
		f = *it.Min
	}
	if it.Max != nil && f > *it.Max {
		f = *it.Max
	}
	if !it.Decimals {
		f = math.Ceil(f)
	}
	return f
}
