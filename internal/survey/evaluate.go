package survey

// evaluator walks a questionnaire in order, keeping the environment that
// conditions see. Only answers to items shown so far enter the environment,
// so an answer left behind on a hidden branch can never show anything.
type evaluator struct {
	q   *Questionnaire
	env map[string]any
}

func (q *Questionnaire) newEvaluator() *evaluator {
	env := make(map[string]any, len(q.conds.zero))
	for k, v := range q.conds.zero {
		env[k] = v
	}
	return &evaluator{q: q, env: env}
}

func (e *evaluator) sectionShown(si int) bool {
	return e.q.conds.sections[e.q.Sections[si].ID].eval(e.env)
}

func (e *evaluator) itemShown(it *Item) bool {
	return e.q.conds.items[it.ID].eval(e.env)
}

// set records the value the item shows to later conditions and recomputes
// the derived variables. It returns what it replaced, for undo.
func (e *evaluator) set(it *Item, v any) (prev map[string]any) {
	prev = map[string]any{it.ID: e.env[it.ID]}
	e.env[it.ID] = v
	for i := range e.q.Derived {
		d := &e.q.Derived[i]
		prev[d.ID] = e.env[d.ID]
		e.env[d.ID] = e.derive(d)
	}
	return prev
}

func (e *evaluator) restore(prev map[string]any) {
	for k, v := range prev {
		e.env[k] = v
	}
}

func (e *evaluator) derive(d *Derived) any {
	if d.From == "" {
		return e.q.conds.derived[d.ID].eval(e.env)
	}
	code, _ := e.env[d.From].(string)
	for _, g := range d.Groups {
		for _, o := range g.Options {
			if o == code {
				return g.Code
			}
		}
	}
	return ""
}

// Visibility says which sections and items are shown for a set of answers.
type Visibility struct {
	Sections []bool            // by section index
	Shown    map[string]bool   // answerable item id -> shown
	Order    []string          // shown item ids in questionnaire order
	HiddenBy map[string]string // hidden item id -> id of the section or item whose show_if hid it
	Derived  map[string]any    // derived variable values
}

// Visibility evaluates the branching for a set of answers. Items are
// applicable when their section's and their own show_if are true given the
// answers to items shown before them; a condition on an unanswered item is
// false.
func (q *Questionnaire) Visibility(answers Answers) Visibility {
	e := q.newEvaluator()
	v := Visibility{Sections: make([]bool, len(q.Sections)), Shown: map[string]bool{}, HiddenBy: map[string]string{}}
	cur := -1
	for _, it := range q.items {
		si := q.sectionOf[it.ID]
		if si != cur {
			cur = si
			v.Sections[si] = e.sectionShown(si)
		}
		switch {
		case !v.Sections[si]:
			v.HiddenBy[it.ID] = q.Sections[si].ID
		case !e.itemShown(it):
			v.HiddenBy[it.ID] = it.hiderID()
		default:
			v.Shown[it.ID] = true
			v.Order = append(v.Order, it.ID)
			a, ok := answers[it.ID]
			e.set(it, envValue(it, a, ok && !a.Empty()))
		}
	}
	v.Derived = map[string]any{}
	for _, d := range q.Derived {
		v.Derived[d.ID] = e.env[d.ID]
	}
	return v
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
	kept := Answers{}
	var cleared []Cleared
	for _, it := range q.items {
		a, ok := answers[it.ID]
		if !ok {
			continue
		}
		if v.Shown[it.ID] {
			kept[it.ID] = a
		} else {
			cleared = append(cleared, Cleared{ItemID: it.ID, Cause: v.HiddenBy[it.ID]})
		}
	}
	return kept, cleared
}

// Completion is how much of the applicable questionnaire a response answered.
type Completion struct {
	Applicable int
	Answered   int
	Missing    []string // applicable required items without an answer
}

// Ratio is answered applicable items ÷ applicable items (0 when nothing is
// applicable).
func (c Completion) Ratio() float64 {
	if c.Applicable == 0 {
		return 0
	}
	return float64(c.Answered) / float64(c.Applicable)
}

// Complete reports whether every applicable required item is answered.
func (c Completion) Complete() bool { return len(c.Missing) == 0 }

// Completion measures a set of answers against the branching.
func (q *Questionnaire) Completion(answers Answers) Completion {
	v := q.Visibility(answers)
	var c Completion
	for _, id := range v.Order {
		c.Applicable++
		if a, ok := answers[id]; ok && !a.Empty() {
			c.Answered++
		} else if !q.byID[id].Optional {
			c.Missing = append(c.Missing, id)
		}
	}
	return c
}
