package survey

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
)

// Route limits: past MaxRouteLeaves combinations of branching answers the
// routes are sampled with RouteSamples random walks instead of enumerated.
const (
	MaxRouteLeaves = 200_000
	RouteSamples   = 20_000
)

// maxRouteWork bounds the work of enumerating routes, and separately of
// sampling them, in condition instructions run. Leaves alone do not bound
// it: each leaf costs an evaluation of every later item and, for each
// answer, of every derived variable, so an 8 KB file of 14 branching items,
// 100 others and 10 derived variables took 12 s. A real questionnaire needs
// a small fraction of this.
const maxRouteWork = 20_000_000

// Route is one distinct set of items a respondent can be shown.
type Route struct {
	Items []string // item ids in order
}

// Routes is the result of walking the branching.
type Routes struct {
	Routes     []Route // distinct routes, fewest items first
	Exhaustive bool    // false when the routes were sampled
	Walks      int     // answer combinations walked
	MinItems   int
	MaxItems   int
	EmptyOn    map[string][]string // section id -> a route on which it is shown with no items
}

// Paths walks the branching: for every item a condition depends on it tries
// each distinct kind of answer (every option; for multiple choice every
// combination of the options conditions mention; numbers either side of
// every number conditions mention; for text every string conditions
// mention; unanswered when the item is optional),
// and records each distinct set of items shown. Items no condition reads
// are answered once, since their answer changes nothing.
func (q *Questionnaire) Paths() Routes {
	w := &walker{q: q, e: q.newEvaluator(), seen: map[string]bool{}, empty: map[string][]string{}}
	w.choices = w.branchChoices()
	w.cost = w.itemCosts()
	w.budget = MaxRouteLeaves
	w.dfs(0, -1, false)
	r := Routes{Exhaustive: w.budget >= 0}
	if !r.Exhaustive {
		w.seen, w.routes, w.walks, w.empty = map[string]bool{}, nil, 0, map[string][]string{}
		w.work = 0
		rng := rand.New(rand.NewPCG(1, 2))
		for i := 0; i < RouteSamples && w.work <= maxRouteWork; i++ {
			w.e = q.newEvaluator()
			w.sample(rng)
		}
	}
	r.Routes, r.Walks, r.EmptyOn = w.routes, w.walks, w.empty
	sort.SliceStable(r.Routes, func(i, j int) bool { return len(r.Routes[i].Items) < len(r.Routes[j].Items) })
	if len(r.Routes) > 0 {
		r.MinItems, r.MaxItems = len(r.Routes[0].Items), len(r.Routes[len(r.Routes)-1].Items)
	}
	return r
}

type walker struct {
	q       *Questionnaire
	e       *evaluator
	choices map[string][]any // item id -> distinct values to try
	cost    map[string]int   // item id -> instructions run when visiting it
	budget  int              // leaves left
	work    int              // instructions run so far
	walks   int
	path    []string
	seen    map[string]bool
	routes  []Route
	empty   map[string][]string
}

// dfs visits item i given the section being walked and whether it is shown.
func (w *walker) dfs(i, cur int, secShown bool) {
	if w.budget < 0 {
		return
	}
	if i == len(w.q.items) {
		w.leaf(cur, secShown)
		return
	}
	it := w.q.items[i]
	if w.work += w.cost[it.ID]; w.work > maxRouteWork {
		w.budget = -1
		return
	}
	si := w.q.sectionOf[it.ID]
	if si != cur {
		if !w.sectionDone(cur, secShown) {
			return
		}
		cur, secShown = si, w.e.sectionShown(si)
	}
	if !secShown || !w.e.itemShown(it) {
		w.dfs(i+1, cur, secShown)
		return
	}
	w.path = append(w.path, it.ID)
	for _, v := range w.choices[it.ID] {
		prev := w.e.set(it, v)
		w.dfs(i+1, cur, secShown)
		w.e.restore(prev)
	}
	w.path = w.path[:len(w.path)-1]
}

// sectionDone notes a shown section that showed nothing; the walk goes on.
func (w *walker) sectionDone(si int, shown bool) bool {
	if si < 0 || !shown {
		return true
	}
	id := w.q.Sections[si].ID
	for _, p := range w.path {
		if w.q.sectionOf[p] == si {
			return true
		}
	}
	if _, ok := w.empty[id]; !ok {
		w.empty[id] = append([]string(nil), w.path...)
	}
	return true
}

func (w *walker) leaf(cur int, secShown bool) {
	w.sectionDone(cur, secShown)
	w.walks++
	w.budget--
	key := strings.Join(w.path, ",")
	if !w.seen[key] {
		w.seen[key] = true
		w.routes = append(w.routes, Route{Items: append([]string(nil), w.path...)})
	}
}

// sample takes one random walk through the items.
func (w *walker) sample(rng *rand.Rand) {
	w.path = w.path[:0]
	cur, secShown := -1, false
	for _, it := range w.q.items {
		if w.work += w.cost[it.ID]; w.work > maxRouteWork {
			return // out of budget: a partial walk is not a route
		}
		si := w.q.sectionOf[it.ID]
		if si != cur {
			w.sectionDone(cur, secShown)
			cur, secShown = si, w.e.sectionShown(si)
		}
		if secShown && w.e.itemShown(it) {
			w.path = append(w.path, it.ID)
			ch := w.choices[it.ID]
			w.e.set(it, ch[rng.IntN(len(ch))])
		}
	}
	w.budget = 0
	w.leaf(cur, secShown)
}

// itemCosts estimates the instructions run when visiting each item: its
// section's and its own conditions, and every derived variable, which each
// answer recomputes. Conditions have no loops, so their length bounds them.
func (w *walker) itemCosts() map[string]int {
	c := w.q.conds
	derived := 0
	for _, d := range c.derived {
		derived += d.size()
	}
	cost := map[string]int{}
	for _, it := range w.q.items {
		n := 1 + len(w.q.Derived) + derived + c.sections[w.q.Sections[w.q.sectionOf[it.ID]].ID].size()
		for _, cond := range c.items[it.ID] {
			n += cond.size()
		}
		cost[it.ID] = n
	}
	return cost
}

// branchChoices works out the distinct values worth trying per item.
func (w *walker) branchChoices() map[string][]any {
	read := w.readItems()
	out := map[string][]any{}
	for _, it := range w.q.items {
		var vals []any
		if read[it.ID] {
			vals = w.valuesFor(it)
		} else {
			vals = []any{w.representative(it)}
		}
		if it.Optional && read[it.ID] {
			vals = append(vals, w.q.conds.zero[it.ID])
		}
		out[it.ID] = vals
	}
	return out
}

// readItems is the set of items some condition or derived variable reads.
func (w *walker) readItems() map[string]bool {
	read := map[string]bool{}
	add := func(c *condition) {
		if c != nil {
			for _, r := range c.refs {
				read[r] = true
			}
		}
	}
	for _, c := range w.q.conds.sections {
		add(c)
	}
	for _, cl := range w.q.conds.items {
		for _, c := range cl {
			add(c)
		}
	}
	for _, c := range w.q.conds.derived {
		add(c)
	}
	for _, d := range w.q.Derived {
		if d.From != "" && read[d.ID] {
			read[d.From] = true
		}
	}
	return read
}

func (w *walker) representative(it *Item) any {
	switch it.Type {
	case TypeSingle, TypeScale:
		return it.Options[0].Code
	case TypeMultiple:
		return []string{it.Options[0].Code}
	case TypeNumber:
		return 0.0
	}
	return "text"
}

func (w *walker) valuesFor(it *Item) []any {
	switch it.Type {
	case TypeSingle, TypeScale:
		vals := make([]any, len(it.Options))
		for i, o := range it.Options {
			vals[i] = o.Code
		}
		return vals
	case TypeMultiple:
		return w.subsets(it)
	case TypeNumber:
		return w.numbers()
	}
	return w.texts()
}

// texts is a stand-in answer plus every string a condition mentions, so
// that a condition such as T01 == 'other' can come true.
func (w *walker) texts() []any {
	vals := []any{"text"}
	for _, s := range sortedKeys(w.q.conds.strings) {
		if s != "" && s != "text" {
			vals = append(vals, s)
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

// subsets returns every combination of the item's options that conditions
// mention, each with one unmentioned option standing for the rest when the
// combination is empty. When a condition counts the item's options with
// len, each combination is also tried with every number of unmentioned
// options added.
func (w *walker) subsets(it *Item) []any {
	var named, other []string
	for _, o := range it.Options {
		if w.q.conds.strings[o.Code] {
			named = append(named, o.Code)
		} else {
			other = append(other, o.Code)
		}
	}
	if len(named) > 10 {
		named = named[:10]
	}
	extra := 0
	if w.q.conds.counted[it.ID] {
		extra = len(other)
	}
	var vals []any
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
			vals = append(vals, s)
		}
	}
	return vals
}

func (w *walker) numbers() []any {
	seen := map[float64]bool{}
	var vals []any
	for _, n := range append([]float64{0}, w.q.conds.numbers...) {
		for _, v := range []float64{n - 1, n, n + 1} {
			if !seen[v] && !math.IsNaN(v) {
				seen[v] = true
				vals = append(vals, v)
			}
		}
	}
	return vals
}

// checkRoutes reports items no route shows and sections shown with nothing
// in them. Only an exhaustive walk can prove an item is never shown.
func (c *checker) checkRoutes() {
	r := c.q.Paths()
	shown := map[string]bool{}
	for _, rt := range r.Routes {
		for _, id := range rt.Items {
			shown[id] = true
		}
	}
	if r.Exhaustive {
		for _, it := range c.q.items {
			if !shown[it.ID] {
				c.at(c.itemPath[it.ID], "item %q is never shown: no combination of answers makes its conditions true", it.ID)
			}
		}
	}
	for si, s := range c.q.Sections {
		if route, ok := r.EmptyOn[s.ID]; ok {
			c.at(fmt.Sprintf("sections[%d]", si), "section %q is shown with no items on a route (after %s); give it a show_if that matches its items", s.ID, describeRoute(route))
		}
	}
}

func describeRoute(items []string) string {
	if len(items) == 0 {
		return "no items"
	}
	if len(items) > 6 {
		return strings.Join(items[:3], ", ") + ", …, " + strings.Join(items[len(items)-2:], ", ")
	}
	return strings.Join(items, ", ")
}
