package analysis

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/researchpulse/pulse/internal/survey"
)

// Reasons a response is excluded, in the order they are reported. A
// response gets every reason that applies, not just the first.
const (
	ReasonTest            = "test"             // a preview or test response
	ReasonOutsideWindow   = "outside_window"   // started or submitted outside the review window
	ReasonDuplicate       = "duplicate"        // a detectable duplicate of another response
	ReasonScreenedOut     = "screened_out"     // the questionnaire's screen_out_if is true
	ReasonRequiredMissing = "required_missing" // a required item has no substantive answer
	ReasonBelowThreshold  = "below_threshold"  // partial, completion ratio below the threshold
)

// Decision is what the exclusion rules decided for one response.
type Decision struct {
	ID        string   `json:"id"`
	Trust     string   `json:"trust"`
	Reasons   []string `json:"reasons"` // empty when included
	Included  bool     `json:"included"`
	Submitted bool     `json:"submitted"` // fully completed
	// Ratio is the completion ratio in the rules' unit, counted after
	// answers to items that are not shown have been pruned.
	Ratio float64 `json:"completion_ratio"`
	// Groups is the response's group in each breakdown dimension
	// (NotKnown when it cannot be told).
	Groups map[string]string `json:"groups"`
}

// prepared is one response with its pruned answers and what follows from
// them.
type prepared struct {
	r       *Response
	answers survey.Answers    // pruned: only answers to shown items
	shown   map[string]bool   // answerable item id -> shown
	groups  map[string]string // dimension id -> group code
	ratio   float64
	reasons []string
}

func (p *prepared) included() bool { return len(p.reasons) == 0 }

// Decide applies the rules to every response. Decisions come back ordered
// by response id.
func Decide(in Input) ([]Decision, error) {
	ps, _, err := prepare(in)
	if err != nil {
		return nil, err
	}
	out := make([]Decision, len(ps))
	for i, p := range ps {
		out[i] = Decision{
			ID: p.r.ID, Trust: p.r.Trust, Reasons: append([]string{}, p.reasons...), Included: p.included(),
			Submitted: p.r.Submitted, Ratio: p.ratio, Groups: p.groups,
		}
	}
	return out, nil
}

// prepare prunes, measures and decides every response, ordered by id, and
// returns the dimensions they are grouped by.
func prepare(in Input) ([]*prepared, []Dimension, error) {
	q := in.Questionnaire
	if q == nil {
		return nil, nil, fmt.Errorf("analyse: no questionnaire")
	}
	if err := in.Rules.check(q); err != nil {
		return nil, nil, fmt.Errorf("analyse with questionnaire %s: %w", q.ID, err)
	}
	ps := make([]*prepared, len(in.Responses))
	for i := range in.Responses {
		ps[i] = measure(q, in.Rules, &in.Responses[i])
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].r.ID < ps[j].r.ID })
	if err := uniqueIDs(ps); err != nil {
		return nil, nil, err
	}
	for _, p := range ps {
		p.reasons = reasons(q, in, p)
	}
	if in.Rules.ExcludeDuplicates {
		markDuplicates(ps)
	}
	dims := dimensions(q, ps)
	return ps, dims, nil
}

func uniqueIDs(ps []*prepared) error {
	for i := 1; i < len(ps); i++ {
		if ps[i].r.ID == ps[i-1].r.ID {
			return fmt.Errorf("analyse: response id %q appears twice", ps[i].r.ID)
		}
	}
	return nil
}

// measure prunes a response's answers and records what is shown, its
// completion ratio and its dimension groups.
func measure(q *survey.Questionnaire, rules Rules, r *Response) *prepared {
	pruned, _ := q.Prune(r.Answers)
	v := q.Visibility(pruned)
	p := &prepared{r: r, answers: pruned, shown: v.Shown, groups: map[string]string{}}
	p.ratio = q.Completion(pruned).RatioIn(rules.Unit)
	for _, dim := range declaredDimensions(q) {
		p.groups[dim] = groupOf(dim, r, v.Derived)
	}
	return p
}

// reasons lists every rule the response fails, except duplication (which
// needs all responses), in the reported order.
func reasons(q *survey.Questionnaire, in Input, p *prepared) []string {
	rules, r := in.Rules, p.r
	var out []string
	if rules.ExcludeTest && r.Test {
		out = append(out, ReasonTest)
	}
	if rules.ExcludeOutsideWindow && outsideWindow(r, in.Opens, in.Closes) {
		out = append(out, ReasonOutsideWindow)
	}
	if rules.ScreenOut && q.ScreenedOut(p.answers) {
		out = append(out, ReasonScreenedOut)
	}
	for _, id := range rules.RequiredItems {
		if !substantive(q, id, p.answers) {
			out = append(out, ReasonRequiredMissing)
			break
		}
	}
	if !r.Submitted && p.ratio < rules.Threshold {
		out = append(out, ReasonBelowThreshold)
	}
	return out
}

// outsideWindow reports whether a response was started entirely before the
// window opened, or started or submitted at or after it closed. Times are
// whole hours, so a response started in the hour the window opened is
// inside it.
func outsideWindow(r *Response, opens, closes time.Time) bool {
	if !opens.IsZero() && !r.Created.Add(time.Hour).After(opens) {
		return true
	}
	if closes.IsZero() {
		return false
	}
	return !r.Created.Before(closes) || (r.Submitted && !r.SubmittedAt.IsZero() && !r.SubmittedAt.Before(closes))
}

// substantive reports whether item id has an answer other than blank or
// only "missing" options ("Prefer not to say", "Don't know").
func substantive(q *survey.Questionnaire, id string, answers survey.Answers) bool {
	a, ok := answers[id]
	if !ok || a.Empty() {
		return false
	}
	if len(a.Codes) == 0 {
		return true
	}
	it, _ := q.Item(id)
	for _, c := range a.Codes {
		if o, ok := it.Option(c); !ok || !o.Missing {
			return true
		}
	}
	return false
}

// markDuplicates excludes detectable duplicates. Responses are anonymous,
// so the only duplicates that can be told apart from two people answering
// alike are submitted responses through the same trust's link, started in
// the same hour, whose answers (after pruning) are identical item for item,
// free text included. The one with the smallest id is kept. Test
// responses are never compared.
func markDuplicates(ps []*prepared) {
	seen := map[string]bool{}
	for _, p := range ps { // ordered by id: the first of a set is kept
		if !p.r.Submitted || p.r.Test {
			continue
		}
		key := duplicateKey(p)
		if seen[key] {
			p.reasons = insertReason(p.reasons, ReasonDuplicate)
			continue
		}
		seen[key] = true
	}
}

func duplicateKey(p *prepared) string {
	var b strings.Builder
	b.WriteString(p.r.Trust)
	b.WriteString("\x00" + strconv.FormatInt(p.r.Created.Unix(), 10))
	ids := make([]string, 0, len(p.answers))
	for id := range p.answers {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		a := p.answers[id]
		codes := slices.Sorted(slices.Values(a.Codes))
		fmt.Fprintf(&b, "\x00%s\x01%q\x01%q\x01%q", id, codes, a.Text, a.Other)
	}
	return b.String()
}

// insertReason adds reason in its reported place.
func insertReason(list []string, reason string) []string {
	order := []string{ReasonTest, ReasonOutsideWindow, ReasonDuplicate, ReasonScreenedOut, ReasonRequiredMissing, ReasonBelowThreshold}
	out := append(list, reason)
	sort.SliceStable(out, func(i, j int) bool { return slices.Index(order, out[i]) < slices.Index(order, out[j]) })
	return out
}

// activeReasons lists the reasons the rules can give, in reported order.
func activeReasons(r Rules) []string {
	var out []string
	if r.ExcludeTest {
		out = append(out, ReasonTest)
	}
	if r.ExcludeOutsideWindow {
		out = append(out, ReasonOutsideWindow)
	}
	if r.ExcludeDuplicates {
		out = append(out, ReasonDuplicate)
	}
	if r.ScreenOut {
		out = append(out, ReasonScreenedOut)
	}
	if len(r.RequiredItems) > 0 {
		out = append(out, ReasonRequiredMissing)
	}
	return append(out, ReasonBelowThreshold)
}
