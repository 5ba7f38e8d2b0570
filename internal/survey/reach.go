package survey

import (
	"fmt"
	"sort"
	"strings"
)

// maxSearchWork bounds one reachability search, in condition nodes
// evaluated. A search that needs more is reported as undecided (never
// passed silently); real questionnaires need a tiny fraction of it.
const maxSearchWork = 5_000_000

// errUndecided means a search ran out of its budget.
var errUndecided = fmt.Errorf("undecided")

// search decides whether some respondent's answers make a predicate true.
// It does not walk routes through the whole questionnaire: it tries the
// answers (one from each class conditions tell apart, see domains) of only
// the items the predicate rests on, directly or because they decide
// whether those items are shown, in questionnaire order, and remembers
// which states it has already tried. A state is the position reached and
// the values still read by what remains, so the search grows with how
// entangled the conditions are, not with the number of routes.
type search struct {
	q      *Questionnaire
	dom    map[string][]value
	e      *evaluator
	cone   []*Item // items the predicate rests on, in order
	live   [][]int // per position in cone, slots still read from there on
	target func(*evaluator) bool
	memo   map[string]bool
	// witness describes the answers that made the target true.
	witness string
	work    int
	cost    int // nodes evaluated per step, an upper bound
}

// newSearch prepares a search for target, which reads the answers of the
// items of the given conditions (and of the items listed in extra).
func (q *Questionnaire) newSearch(dom map[string][]value, conds []*condition, extra []*Item, target func(*evaluator) bool) *search {
	s := &search{q: q, dom: dom, e: q.newEvaluator(), target: target, memo: map[string]bool{}}
	read := append([]*condition(nil), conds...)
	for _, it := range extra {
		read = append(read, q.showConds(it)...)
	}
	s.cone = q.cone(read)
	s.live = q.liveSlots(s.cone, read)
	s.cost = 1
	for _, c := range read {
		s.cost += c.size()
	}
	for _, it := range s.cone {
		s.cost += q.showCost(it)
	}
	return s
}

// run reports whether the predicate can be true, or errUndecided.
func (s *search) run() (bool, error) {
	ok := s.dfs(0)
	if s.work > maxSearchWork {
		return false, errUndecided
	}
	return ok, nil
}

func (s *search) dfs(i int) bool {
	if s.work += s.cost; s.work > maxSearchWork {
		return false
	}
	if i == len(s.cone) {
		ok := s.target(s.e)
		if ok {
			s.witness = s.describe()
		}
		return ok
	}
	key := s.stateKey(i)
	if done, ok := s.memo[key]; ok {
		return done
	}
	found := false
	it := s.cone[i]
	if s.e.shown(it) {
		for _, v := range s.dom[it.ID] {
			prev := s.e.set(it, v)
			found = s.dfs(i + 1)
			s.e.restore(it, prev)
			if found {
				break
			}
		}
	} else {
		found = s.dfs(i + 1)
	}
	s.memo[key] = found
	return found
}

// describe lists the answers given so far to the items searched.
func (s *search) describe() string {
	var parts []string
	for _, it := range s.cone {
		v := s.e.env[s.q.conds.slots[it.ID]]
		switch v.kind {
		case kindText:
			parts = append(parts, fmt.Sprintf("%s = %q", it.ID, v.text))
		case kindNumber:
			parts = append(parts, fmt.Sprintf("%s = %g", it.ID, v.num))
		case kindList:
			parts = append(parts, fmt.Sprintf("%s = [%s]", it.ID, strings.Join(v.list, ", ")))
		}
	}
	if len(parts) == 0 {
		return "whatever the answers"
	}
	return "when " + strings.Join(parts, ", ")
}

func (s *search) stateKey(i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d", i)
	for _, slot := range s.live[i] {
		b.WriteByte('|')
		b.WriteString(s.e.env[slot].key())
	}
	return b.String()
}

// shown reports whether an item is shown given the answers so far.
func (e *evaluator) shown(it *Item) bool {
	si := e.q.sectionOf[it.ID]
	return e.sectionShown(si) == triTrue && e.itemShown(it) == triTrue
}

// showConds are the conditions that decide whether an item is shown.
func (q *Questionnaire) showConds(it *Item) []*condition {
	out := append([]*condition(nil), q.conds.items[it.ID]...)
	if c := q.conds.sections[q.Sections[q.sectionOf[it.ID]].ID]; c != nil {
		out = append(out, c)
	}
	return out
}

func (q *Questionnaire) showCost(it *Item) int {
	n := len(q.Derived)
	for _, c := range q.showConds(it) {
		n += c.size()
	}
	for _, c := range q.conds.derived {
		n += c.size()
	}
	return n
}

// cone is the set of items whose answers the conditions read, closed
// under "whether this item is shown depends on that one", in order.
func (q *Questionnaire) cone(conds []*condition) []*Item {
	in := map[string]bool{}
	var queue []string
	add := func(cs []*condition) {
		for _, c := range cs {
			for _, id := range q.itemRefs(c) {
				if !in[id] {
					in[id] = true
					queue = append(queue, id)
				}
			}
		}
	}
	add(conds)
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		add(q.showConds(q.byID[id]))
	}
	var out []*Item
	for _, it := range q.items {
		if in[it.ID] {
			out = append(out, it)
		}
	}
	return out
}

// liveSlots lists, for each position in the cone, the item slots that the
// rest of the search still reads: by the show conditions of the items from
// there on and by the target's conditions.
func (q *Questionnaire) liveSlots(cone []*Item, conds []*condition) [][]int {
	live := make([][]int, len(cone)+1)
	need := map[int]bool{}
	addRefs := func(cs []*condition) {
		for _, c := range cs {
			for _, id := range q.itemRefs(c) {
				need[q.conds.slots[id]] = true
			}
		}
	}
	addRefs(conds)
	for i := len(cone); i >= 0; i-- {
		if i < len(cone) {
			addRefs(q.showConds(cone[i]))
		}
		slots := make([]int, 0, len(need))
		for s := range need {
			slots = append(slots, s)
		}
		sort.Ints(slots)
		live[i] = slots
	}
	return live
}

// reachability finds sections and items that no answers can show, and
// sections that some answers show with none of their items. Every item is
// decided exactly; one that the search cannot decide within its budget is
// reported as such.
func (c *checker) checkReachability() {
	q := c.q
	dom := q.domains()
	for si, sec := range q.Sections {
		path := fmt.Sprintf("sections[%d]", si)
		ok, err := q.sectionReachable(dom, si)
		switch {
		case err != nil:
			c.at(path, "could not decide whether section %q can be shown: its conditions combine too many answers; simplify them", sec.ID)
			continue
		case !ok:
			c.at(path, "section %q is never shown: no combination of answers makes its show_if true", sec.ID)
			continue
		}
		c.checkSectionItems(dom, si)
		if empty, witness, err := q.sectionCanBeEmpty(dom, si); err != nil {
			c.at(path, "could not decide whether section %q can be shown with none of its items: its conditions combine too many answers; simplify them", sec.ID)
		} else if empty {
			c.at(path, "section %q is shown with none of its items %s; give it a show_if that matches its items", sec.ID, witness)
		}
	}
	c.checkNamedCodes()
}

func (c *checker) checkSectionItems(dom map[string][]value, si int) {
	q := c.q
	for _, it := range q.items {
		if q.sectionOf[it.ID] != si {
			continue
		}
		ok, err := q.itemReachable(dom, it)
		switch {
		case err != nil:
			c.at(c.itemPath[it.ID], "could not decide whether item %q can be shown: its conditions combine too many answers; simplify them", it.ID)
		case !ok:
			c.at(c.itemPath[it.ID], "item %q is never shown: no combination of answers makes its conditions true", it.ID)
		}
	}
}

func (q *Questionnaire) sectionReachable(dom map[string][]value, si int) (bool, error) {
	cond := q.conds.sections[q.Sections[si].ID]
	if cond == nil {
		return true, nil
	}
	s := q.newSearch(dom, []*condition{cond}, nil, func(e *evaluator) bool { return e.sectionShown(si) == triTrue })
	return s.run()
}

func (q *Questionnaire) itemReachable(dom map[string][]value, it *Item) (bool, error) {
	conds := q.showConds(it)
	if len(conds) == 0 {
		return true, nil
	}
	s := q.newSearch(dom, conds, nil, func(e *evaluator) bool { return e.shown(it) })
	return s.run()
}

// sectionCanBeEmpty reports whether some answers show the section but none
// of its items. A section with an unconditional item is never empty.
func (q *Questionnaire) sectionCanBeEmpty(dom map[string][]value, si int) (bool, string, error) {
	var items []*Item
	for _, it := range q.items {
		if q.sectionOf[it.ID] == si {
			if len(q.conds.items[it.ID]) == 0 {
				return false, "", nil
			}
			items = append(items, it)
		}
	}
	var conds []*condition
	if c := q.conds.sections[q.Sections[si].ID]; c != nil {
		conds = append(conds, c)
	}
	s := q.newSearch(dom, conds, items, func(e *evaluator) bool {
		if e.sectionShown(si) != triTrue {
			return false
		}
		for _, it := range items {
			if e.itemShown(it) == triTrue {
				return false
			}
		}
		return true
	})
	ok, err := s.run()
	return ok, s.witness, err
}

// checkNamedCodes reports multiple choice items whose combinations of
// codes named in conditions are too many to try, so that reachability is
// never claimed on a guess.
func (c *checker) checkNamedCodes() {
	read := c.q.readItems()
	for _, it := range c.q.items {
		if it.Type != TypeMultiple || !read[it.ID] {
			continue
		}
		if named, _ := c.q.namedCodes(it); len(named) > maxNamedCodes {
			c.at(c.itemPath[it.ID], "conditions name %d options of %q; at most %d can be told apart when checking which items can be shown", len(named), it.ID, maxNamedCodes)
		}
	}
}
