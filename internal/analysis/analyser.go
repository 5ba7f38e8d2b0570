package analysis

import (
	"crypto/sha256"
	"fmt"
	"sort"

	"github.com/researchpulse/pulse/internal/survey"
)

// Analyser analyses a review one response at a time. Responses must come
// in ascending id order, which is what lets every decision be final as
// soon as its response is seen: of a set of duplicates the one with the
// smallest id is kept, and it always comes first. It holds counts, not
// responses, so a review of any size can be streamed through it from the
// store; Analyse and Decide feed it from a slice.
type Analyser struct {
	in       Input // everything but Responses
	declared []string
	dims     []Dimension // declared groups, then NotKnown, always
	notKnown []bool      // per dimension: some response fell in NotKnown
	reasons  []string
	last     string
	started  bool
	seen     map[[sha256.Size]byte]bool // duplicate keys of submitted responses
	trusts   map[string]Trust
	flowAll  []int
	flowBy   map[string][]int // trust code -> flow row
	flowDim  [][][]int        // [dimension][group][column]
	layout   slotLayout
	specs    []*breakdownSpec
}

// NewAnalyser checks the rules against the questionnaire and readies an
// analysis of in's review. in.Responses is not read: give each response
// to Add.
func NewAnalyser(in Input) (*Analyser, error) {
	q := in.Questionnaire
	if q == nil {
		return nil, fmt.Errorf("analyse: no questionnaire")
	}
	if err := in.Rules.check(q); err != nil {
		return nil, fmt.Errorf("analyse with questionnaire %s: %w", q.ID, err)
	}
	in.Responses = nil
	a := &Analyser{in: in, declared: declaredDimensions(q), reasons: activeReasons(in.Rules),
		seen: map[[sha256.Size]byte]bool{}, trusts: map[string]Trust{}, flowBy: map[string][]int{}}
	for _, tr := range in.Trusts {
		a.trusts[tr.Code] = tr
	}
	for _, d := range declaredGroups(q) {
		d.Groups = append(d.Groups, Group{NotKnown, "Not known"})
		a.dims = append(a.dims, d)
		rows := make([][]int, len(d.Groups))
		for g := range rows {
			rows[g] = make([]int, colReasons+len(a.reasons))
		}
		a.flowDim = append(a.flowDim, rows)
	}
	a.notKnown = make([]bool, len(a.dims))
	a.flowAll = make([]int, colReasons+len(a.reasons))
	a.layout = newSlotLayout(a.dims)
	a.specs = specs(q, a.layout.total)
	return a, nil
}

// Dimensions are the breakdown dimensions with their declared groups,
// before any response is added ("not known" joins a dimension in the
// report only when some response falls in it).
func (a *Analyser) Dimensions() []Dimension {
	out := make([]Dimension, len(a.dims))
	for i, d := range a.dims {
		out[i] = Dimension{ID: d.ID, Label: d.Label, Groups: append([]Group(nil), d.Groups[:len(d.Groups)-1]...)}
	}
	return out
}

// Add decides one response and counts it. Its id must be greater than the
// id of the response added before it.
func (a *Analyser) Add(r Response) (Decision, error) {
	d, _, err := a.AddAssessed(r)
	return d, err
}

// AddAssessed is Add, also giving the assessment of the response's answers
// that the decision rests on (the pruned answers, what is shown), so that
// a caller writing the response out, as the workbook's Data sheet does,
// shows exactly what the analysis counted.
func (a *Analyser) AddAssessed(r Response) (Decision, survey.Assessment, error) {
	switch {
	case a.started && r.ID == a.last:
		return Decision{}, survey.Assessment{}, fmt.Errorf("analyse: response id %q appears twice", r.ID)
	case a.started && r.ID < a.last:
		return Decision{}, survey.Assessment{}, fmt.Errorf("analyse: response %q comes after %q: responses must come in ascending id order", r.ID, a.last)
	}
	a.started, a.last = true, r.ID
	p, as := a.measure(&r)
	p.reasons = reasons(a.in, p)
	if a.in.Rules.ExcludeDuplicates && r.Submitted && !r.Test {
		key := duplicateKey(p)
		if a.seen[key] {
			p.reasons = insertReason(p.reasons, ReasonDuplicate)
		}
		a.seen[key] = true
	}
	a.count(p)
	return Decision{ID: r.ID, Trust: r.Trust, Reasons: append([]string{}, p.reasons...), Included: p.included(),
		Submitted: r.Submitted, Ratio: p.ratio, Groups: p.groups}, as, nil
}

// measure prunes a response's answers and records what is shown, its
// completion ratio, whether it is screened out and its dimension groups.
func (a *Analyser) measure(r *Response) (*prepared, survey.Assessment) {
	as := a.in.Questionnaire.Assess(r.Answers)
	p := &prepared{r: r, answers: as.Answers, shown: as.Visibility.Shown, groups: make(map[string]string, len(a.declared)),
		ratio: as.Completion.RatioIn(a.in.Rules.Unit), screened: as.ScreenedOut}
	for _, dim := range a.declared {
		p.groups[dim] = groupOf(dim, r, as.Visibility.Derived)
	}
	return p, as
}

// count adds a decided response to the flow and, when it is included, to
// the breakdowns.
func (a *Analyser) count(p *prepared) {
	addFlow(a.flowAll, a.reasons, p)
	row, ok := a.flowBy[p.r.Trust]
	if !ok {
		if _, known := a.trusts[p.r.Trust]; !known {
			a.trusts[p.r.Trust] = Trust{Code: p.r.Trust, Name: p.r.Trust, Level: p.r.Level}
		}
		row = make([]int, len(a.flowAll))
		a.flowBy[p.r.Trust] = row
	}
	addFlow(row, a.reasons, p)
	slots := []int{0}
	for d, dim := range a.dims {
		g := dim.index(p.groups[dim.ID])
		if g == len(dim.Groups)-1 {
			a.notKnown[d] = true
		}
		addFlow(a.flowDim[d][g], a.reasons, p)
		slots = append(slots, a.layout.first[d]+g)
	}
	if !p.included() {
		return
	}
	for _, s := range a.specs {
		for _, t := range s.distinct() {
			t.add(p, slots)
		}
	}
}

// Report publishes what has been added: the flow and every breakdown,
// suppressed, tested and ranked. It may be called more than once.
func (a *Analyser) Report() Report {
	q, rules := a.in.Questionnaire, a.in.Rules
	rules.RequiredItems = append([]string{}, rules.RequiredItems...)
	dims, keep := a.published()
	return Report{
		Meta: Meta{
			Review: a.in.Review, Questionnaire: QuestionnaireRef{q.ID, q.Version, q.Hash}, Rules: rules,
			Window: Window{a.in.Opens.UTC(), a.in.Closes.UTC()}, Method: MethodVersion, Software: a.in.Software, Dimensions: dims,
		},
		Flow:       a.flow(dims, keep),
		Breakdowns: a.breakdowns(dims, keep),
	}
}

// published is the dimensions as reported, "not known" listed only when
// some response fell in it, and for each dimension the groups kept (by
// index into a.dims' groups).
func (a *Analyser) published() ([]Dimension, [][]int) {
	var dims []Dimension
	var keep [][]int
	for d, dim := range a.dims {
		n := len(dim.Groups)
		if !a.notKnown[d] {
			n--
		}
		out := Dimension{ID: dim.ID, Label: dim.Label, Groups: append([]Group(nil), dim.Groups[:n]...)}
		idx := make([]int, n)
		for g := range idx {
			idx[g] = g
		}
		dims, keep = append(dims, out), append(keep, idx)
	}
	return dims, keep
}

// flow builds the flow table of the published rows and publishes it.
func (a *Analyser) flow(dims []Dimension, keep [][]int) Flow {
	t := &flowTable{reasons: a.reasons, dims: dims}
	for _, tr := range a.trusts {
		t.trusts = append(t.trusts, tr)
	}
	sort.Slice(t.trusts, func(i, j int) bool { return t.trusts[i].Code < t.trusts[j].Code })
	t.counts = append(t.counts, a.flowAll)
	for _, tr := range t.trusts {
		row, ok := a.flowBy[tr.Code]
		if !ok {
			row = make([]int, t.cols())
		}
		t.counts = append(t.counts, row)
	}
	for d := range dims {
		for _, g := range keep[d] {
			t.counts = append(t.counts, a.flowDim[d][g])
		}
	}
	return t.publish(a.in.Rules.K)
}

// breakdowns publishes every tagged item over the published groups.
func (a *Analyser) breakdowns(dims []Dimension, keep [][]int) []Breakdown {
	layout := newSlotLayout(dims)
	from := []int{0} // published slot -> counted slot
	for d := range dims {
		for _, g := range keep[d] {
			from = append(from, a.layout.first[d]+g)
		}
	}
	out := make([]Breakdown, len(a.specs))
	for i, s := range a.specs {
		out[i] = s.remap(from).publish(layout, a.in.Rules.K)
	}
	return out
}
