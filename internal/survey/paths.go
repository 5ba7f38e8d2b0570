package survey

import (
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
}

// Paths walks the branching: for every item a condition depends on it tries
// each distinct kind of answer (every option; for multiple choice every
// combination of the options conditions mention; numbers either side of
// every number conditions mention; for text every string conditions
// mention; unanswered when the item is optional),
// and records each distinct set of items shown. Items no condition reads
// are answered once, since their answer changes nothing.
func (q *Questionnaire) Paths() Routes {
	w := &walker{q: q, e: q.newEvaluator(), seen: map[string]bool{}}
	w.choices = w.branchChoices()
	w.cost = w.itemCosts()
	w.budget = MaxRouteLeaves
	w.dfs(0, -1, false)
	r := Routes{Exhaustive: w.budget >= 0}
	if !r.Exhaustive {
		w.seen, w.routes, w.walks = map[string]bool{}, nil, 0
		w.work = 0
		rng := rand.New(rand.NewPCG(1, 2))
		for i := 0; i < RouteSamples && w.work <= maxRouteWork; i++ {
			w.e = q.newEvaluator()
			w.sample(rng)
		}
	}
	r.Routes, r.Walks = w.routes, w.walks
	sort.SliceStable(r.Routes, func(i, j int) bool { return len(r.Routes[i].Items) < len(r.Routes[j].Items) })
	if len(r.Routes) > 0 {
		r.MinItems, r.MaxItems = len(r.Routes[0].Items), len(r.Routes[len(r.Routes)-1].Items)
	}
	return r
}

type walker struct {
	q       *Questionnaire
	e       *evaluator
	choices map[string][]value // item id -> distinct values to try
	cost    map[string]int     // item id -> instructions run when visiting it
	budget  int                // leaves left
	work    int                // instructions run so far
	walks   int
	path    []string
	seen    map[string]bool
	routes  []Route
}

// dfs visits item i given the section being walked and whether it is shown.
func (w *walker) dfs(i, cur int, secShown bool) {
	if w.budget < 0 {
		return
	}
	if i == len(w.q.items) {
		w.leaf()
		return
	}
	it := w.q.items[i]
	if w.work += w.cost[it.ID]; w.work > maxRouteWork {
		w.budget = -1
		return
	}
	si := w.q.sectionOf[it.ID]
	if si != cur {
		cur, secShown = si, w.e.sectionShown(si) == triTrue
	}
	if !secShown || w.e.itemShown(it) != triTrue {
		w.dfs(i+1, cur, secShown)
		return
	}
	w.path = append(w.path, it.ID)
	for _, v := range w.choices[it.ID] {
		prev := w.e.set(it, v)
		w.dfs(i+1, cur, secShown)
		w.e.restore(it, prev)
	}
	w.path = w.path[:len(w.path)-1]
}

func (w *walker) leaf() {
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
			cur, secShown = si, w.e.sectionShown(si) == triTrue
		}
		if secShown && w.e.itemShown(it) == triTrue {
			w.path = append(w.path, it.ID)
			ch := w.choices[it.ID]
			w.e.set(it, ch[rng.IntN(len(ch))])
		}
	}
	w.budget = 0
	w.leaf()
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
func (w *walker) branchChoices() map[string][]value {
	return w.q.domains()
}
