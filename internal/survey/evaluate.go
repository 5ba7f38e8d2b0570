package survey

import (
	"maps"
	"slices"
	"sync"
)

// evaluator walks a questionnaire in order, keeping the environment that
// conditions see. Only answers to items shown so far enter the environment,
// so an answer left behind on a hidden branch can never show anything.
type evaluator struct {
	q   *Questionnaire
	env env
	// derivedSet is true once the derived variables have been computed;
	// after that, assign recomputes them only when an item they read
	// changes.
	derivedSet bool
}

// evaluators are reused by the forward walks (visibility), which make one
// per response and are done with it when they return.
var evaluators = sync.Pool{New: func() any { return &evaluator{} }}

// borrowEvaluator is newEvaluator from the pool; give it back with
// release.
func (q *Questionnaire) borrowEvaluator() *evaluator {
	e := evaluators.Get().(*evaluator)
	n := len(q.items) + len(q.Derived)
	if cap(e.env) < n {
		e.env = make(env, n)
	}
	e.q, e.env, e.derivedSet = q, e.env[:n], false
	return e
}

// release gives the evaluator back, holding no answers.
func (e *evaluator) release() {
	clear(e.env)
	e.q = nil
	evaluators.Put(e)
}

func (q *Questionnaire) newEvaluator() *evaluator {
	return &evaluator{q: q, env: make(env, len(q.items)+len(q.Derived))}
}

func (e *evaluator) sectionShown(si int) tri {
	return e.q.conds.sections[e.q.Sections[si].ID].eval(e.env)
}

func (e *evaluator) itemShown(it *Item) tri {
	return e.q.conds.items[it.ID].eval(e.env)
}

// set records the value the item shows to later conditions and recomputes
// the derived variables. It returns what it replaced, for undo.
func (e *evaluator) set(it *Item, v value) (prev []value) {
	n := len(e.q.items)
	prev = make([]value, 0, 1+len(e.q.Derived))
	slot := e.q.conds.slots[it.ID]
	prev = append(prev, e.env[slot])
	e.env[slot] = v
	for i := range e.q.Derived {
		prev = append(prev, e.env[n+i])
		e.env[n+i] = e.derive(&e.q.Derived[i])
	}
	return prev
}

// assign is set without undo, for a walk that only goes forward: the item
// at index i takes value v, and the derived variables are recomputed the
// first time and whenever an item they read changes.
func (e *evaluator) assign(i int, v value) {
	e.env[i] = v
	if e.derivedSet && !e.q.conds.feeds[i] {
		return
	}
	e.derivedSet = true
	n := len(e.q.items)
	for j := range e.q.Derived {
		e.env[n+j] = e.derive(&e.q.Derived[j])
	}
}

// restore undoes set(it, …) given what it returned.
func (e *evaluator) restore(it *Item, prev []value) {
	n := len(e.q.items)
	e.env[e.q.conds.slots[it.ID]] = prev[0]
	copy(e.env[n:], prev[1:])
}

// derive computes a derived variable: the group of its source item's code,
// or the truth of its condition; unknown when what it rests on is.
func (e *evaluator) derive(d *Derived) value {
	if d.From == "" {
		return triValue(e.q.conds.derived[d.ID].eval(e.env))
	}
	src := e.env[e.q.conds.slots[d.From]]
	if src.kind != kindText {
		return unknown
	}
	for _, g := range d.Groups {
		for _, o := range g.Options {
			if o == src.text {
				return textValue(g.Code)
			}
		}
	}
	return unknown
}

// variant is the index of the first variant of the item whose condition
// is true, or -1.
func (e *evaluator) variant(it *Item) int {
	for i, c := range e.q.conds.variants[it.ID] {
		if c.eval(e.env) == triTrue {
			return i
		}
	}
	return -1
}

// Visibility says which sections and items are shown for a set of answers.
// Which items are shown is kept by position, not in a map by id: it is
// worked out on every respondent request, and maps of every item were
// most of what that cost in memory.
type Visibility struct {
	Sections []bool   // by section index
	Order    []string // shown item ids in questionnaire order
	// Derived holds the value of each derived variable that is known: a
	// group code, or "yes"/"no" for a derived condition. Unknown ones
	// (resting on blank answers) are absent.
	Derived map[string]string
	// Variant is, per YAML item id with variants, the index of the wording
	// in use; absent when the item's own question applies.
	Variant map[string]int

	q     *Questionnaire
	shown []bool // by position of the answerable item in q.items
}

// Shown reports whether the answerable item id is shown.
func (v Visibility) Shown(id string) bool {
	if v.q == nil {
		return false
	}
	i, ok := v.q.indexOf[id]
	return ok && v.shown[i]
}

// HiddenBy is the id of the section or item whose show_if hides the
// answerable item id, or "" when it is shown (or no such item).
func (v Visibility) HiddenBy(id string) string {
	if v.q == nil {
		return ""
	}
	i, ok := v.q.indexOf[id]
	if !ok || v.shown[i] {
		return ""
	}
	if si := v.q.conds.section[i]; !v.Sections[si] {
		return v.q.Sections[si].ID
	}
	return v.q.items[i].hiderID()
}

// Equal reports whether v and w show the same sections and items with
// the same wordings and derived values (go-cmp uses it).
func (v Visibility) Equal(w Visibility) bool {
	return v.q == w.q && slices.Equal(v.Sections, w.Sections) && slices.Equal(v.shown, w.shown) &&
		slices.Equal(v.Order, w.Order) && maps.Equal(v.Derived, w.Derived) && maps.Equal(v.Variant, w.Variant)
}

// Visibility evaluates the branching for a set of answers. Items are
// applicable when their section's and their own show_if are true given the
// answers to items shown before them. A condition on an unanswered item is
// unknown, and unknown does not show anything.
func (q *Questionnaire) Visibility(answers Answers) Visibility {
	v, e := q.visibility(answers)
	e.release()
	return v
}

// visibility is Visibility, also returning the evaluator as the walk left
// it: holding the value of every shown item and every derived variable.
// The caller releases it.
func (q *Questionnaire) visibility(answers Answers) (Visibility, *evaluator) {
	e := q.borrowEvaluator()
	v := Visibility{Sections: make([]bool, len(q.Sections)), Order: make([]string, 0, len(q.items)),
		q: q, shown: make([]bool, len(q.items))}
	cur := -1
	for i, it := range q.items {
		si := q.conds.section[i]
		if si != cur {
			cur = si
			v.Sections[si] = e.sectionShown(si) == triTrue
		}
		switch {
		case !v.Sections[si]:
		case q.conds.byIndex[i].eval(e.env) != triTrue:
		default:
			v.shown[i] = true
			v.Order = append(v.Order, it.ID)
			q.noteVariant(e, &v, it)
			a, ok := answers[it.ID]
			e.assign(i, answerValue(it, a, ok))
		}
	}
	v.Derived = e.derivedValues()
	return v, e
}

// noteVariant records which wording a shown item uses.
func (q *Questionnaire) noteVariant(e *evaluator, v *Visibility, it *Item) {
	owner := it
	if it.Grid != nil {
		owner = it.Grid
	}
	if len(owner.Variants) == 0 {
		return
	}
	if i := e.variant(owner); i >= 0 {
		if v.Variant == nil {
			v.Variant = map[string]int{}
		}
		v.Variant[owner.ID] = i
	}
}

func (e *evaluator) derivedValues() map[string]string {
	out := map[string]string{}
	for i, d := range e.q.Derived {
		val := e.env[len(e.q.items)+i]
		switch val.kind {
		case kindText:
			out[d.ID] = val.text
		case kindBool:
			out[d.ID] = map[bool]string{true: "yes", false: "no"}[val.b]
		}
	}
	return out
}

// Question is the wording of an item's question given the visibility: the
// first variant whose condition is true, else its own question.
func (v Visibility) Question(it *Item) Text {
	if i, ok := v.Variant[it.ID]; ok && i < len(it.Variants) {
		return it.Variants[i].Question
	}
	return it.Question
}

// hiderID names the show_if that hides an item: its own, or its grid's.
func (it *Item) hiderID() string {
	if it.Grid != nil && it.ShowIf == "" {
		return it.Grid.ID
	}
	return it.ID
}

// Cleared is an answer removed because a changed answer hid its item.
type Cleared struct {
	ItemID string
	Cause  string // the section or item whose show_if is now false
}

// Prune returns the answers to applicable items and the answers it had to
// clear because their items are no longer shown.
func (q *Questionnaire) Prune(answers Answers) (Answers, []Cleared) {
	v := q.Visibility(answers)
	kept, cleared, _ := q.prune(answers, v, false)
	return kept, cleared
}

// prune keeps the answers to the items v shows that offer what was
// answered. With reuse, answers itself is returned when nothing had to go.
// It also reports whether an answer to a shown item went (a piped code no
// longer offered), which can change what later conditions see.
func (q *Questionnaire) prune(answers Answers, v Visibility, reuse bool) (Answers, []Cleared, bool) {
	if reuse && q.keepsAll(answers, v) {
		return answers, nil, false
	}
	kept := Answers{}
	var cleared []Cleared
	shownDropped := false
	for _, it := range q.items {
		a, ok := answers[it.ID]
		if !ok {
			continue
		}
		switch {
		case !v.Shown(it.ID):
			cleared = append(cleared, Cleared{ItemID: it.ID, Cause: v.HiddenBy(it.ID)})
		case q.NotOffered(it, a, kept) != "":
			cleared = append(cleared, Cleared{ItemID: it.ID, Cause: it.Piped.ID})
			shownDropped = true
		default:
			kept[it.ID] = a
		}
	}
	return kept, cleared, shownDropped
}

// keepsAll reports whether prune would keep every answer: each is to a
// shown item that offers what was answered. Until an answer is dropped the
// answers kept so far are the answers given, so piping is checked against
// those.
func (q *Questionnaire) keepsAll(answers Answers, v Visibility) bool {
	n := 0
	for _, it := range q.items {
		a, ok := answers[it.ID]
		if !ok {
			continue
		}
		if !v.Shown(it.ID) || q.NotOffered(it, a, answers) != "" {
			return false
		}
		n++
	}
	return n == len(answers)
}

// Assessment is what the branching makes of one response's answers, all
// from one walk through the questionnaire: what Prune, Visibility of the
// pruned answers, Completion and ScreenedOut would give, at a fraction of
// their cost when called one by one.
type Assessment struct {
	// Answers are the answers to applicable items. When nothing had to be
	// cleared this is the map passed in: treat it as read-only.
	Answers     Answers
	Cleared     []Cleared
	Visibility  Visibility // of Answers
	Completion  Completion // of Answers
	ScreenedOut bool       // exclusion.screen_out_if is true for Answers
}

// Assess prunes a response's answers and measures what is left.
func (q *Questionnaire) Assess(answers Answers) Assessment {
	v, e := q.visibility(answers)
	kept, cleared, again := q.prune(answers, v, true)
	if again {
		e.release()
		v, e = q.visibility(kept)
	}
	defer e.release()
	return Assessment{Answers: kept, Cleared: cleared, Visibility: v, Completion: q.completion(v, kept),
		ScreenedOut: q.conds.screen != nil && q.conds.screen.eval(e.env) == triTrue}
}

// Completion is how much of the applicable questionnaire a response
// answered, counted in both completion units.
type Completion struct {
	Applicable int // applicable items (each grid statement is one)
	Answered   int
	// Questions counts a grid once, as answered when any of its shown
	// statements is.
	ApplicableQuestions int
	AnsweredQuestions   int
	Missing             []string // applicable required items without an answer
}

// Ratio is answered applicable items ÷ applicable items (0 when nothing is
// applicable).
func (c Completion) Ratio() float64 { return ratio(c.Answered, c.Applicable) }

// RatioIn is the completion ratio in a unit: CountItems or CountQuestions.
func (c Completion) RatioIn(unit string) float64 {
	if unit == CountQuestions {
		return ratio(c.AnsweredQuestions, c.ApplicableQuestions)
	}
	return c.Ratio()
}

func ratio(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

// Complete reports whether every applicable required item is answered.
func (c Completion) Complete() bool { return len(c.Missing) == 0 }

// Completion measures a set of answers against the branching. An answer
// with a "Don't know" (missing) option counts as answered.
func (q *Questionnaire) Completion(answers Answers) Completion {
	return q.completion(q.Visibility(answers), answers)
}

// CompletionFor is Completion for answers whose visibility the caller
// has already worked out: v must be q.Visibility(answers).
func (q *Questionnaire) CompletionFor(v Visibility, answers Answers) Completion {
	return q.completion(v, answers)
}

// completion measures answers against the visibility they give.
func (q *Questionnaire) completion(v Visibility, answers Answers) Completion {
	var c Completion
	grids := map[*Item]bool{} // grid -> answered
	for _, id := range v.Order {
		it := q.byID[id]
		a, ok := answers[id]
		given := ok && !a.Empty()
		c.Applicable++
		if given {
			c.Answered++
		} else if !it.Optional {
			c.Missing = append(c.Missing, id)
		}
		if it.Grid == nil {
			c.ApplicableQuestions++
			if given {
				c.AnsweredQuestions++
			}
			continue
		}
		grids[it.Grid] = grids[it.Grid] || given
	}
	for _, answered := range grids {
		c.ApplicableQuestions++
		if answered {
			c.AnsweredQuestions++
		}
	}
	return c
}

// ScreenedOut reports whether the questionnaire's screening condition
// (exclusion.screen_out_if) is true for the answers. Unknown, as when the
// screening question is blank, is not true.
func (q *Questionnaire) ScreenedOut(answers Answers) bool {
	if q.conds.screen == nil {
		return false
	}
	_, e := q.visibility(answers)
	defer e.release()
	return q.conds.screen.eval(e.env) == triTrue
}

// SamePageGated reports whether an item's own conditions read an answer
// given on the same page: a follow-up that an answer on its page can
// reveal or hide.
func (q *Questionnaire) SamePageGated(itemID string) bool {
	si, ok := q.sectionOf[itemID]
	if !ok {
		return false
	}
	for _, c := range q.conds.items[itemID] {
		for _, ref := range q.itemRefs(c) {
			if q.sectionOf[ref] == si {
				return true
			}
		}
	}
	return false
}
