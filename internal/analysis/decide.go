package analysis

import (
	"crypto/sha256"
	"encoding/binary"
	"slices"
	"sort"
	"strconv"
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
// them, while the Analyser counts it.
type prepared struct {
	r        *Response
	answers  survey.Answers       // pruned: only answers to shown items
	shown    func(id string) bool // whether the answerable item id is shown
	groups   map[string]string    // dimension id -> group code
	ratio    float64
	screened bool // the questionnaire's screen_out_if is true
	reasons  []string
}

func (p *prepared) included() bool { return len(p.reasons) == 0 }

// Decide applies the rules to every response. Decisions come back ordered
// by response id.
func Decide(in Input) ([]Decision, error) {
	a, err := NewAnalyser(in)
	if err != nil {
		return nil, err
	}
	out := make([]Decision, 0, len(in.Responses))
	for _, i := range byID(in.Responses) {
		d, err := a.Add(in.Responses[i])
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

// byID lists the indexes of responses in ascending id order.
func byID(rs []Response) []int {
	idx := make([]int, len(rs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool { return rs[idx[i]].ID < rs[idx[j]].ID })
	return idx
}

// reasons lists every rule the response fails, except duplication (which
// needs the responses before it), in the reported order.
func reasons(in Input, p *prepared) []string {
	q, rules, r := in.Questionnaire, in.Rules, p.r
	var out []string
	if rules.ExcludeTest && r.Test {
		out = append(out, ReasonTest)
	}
	if rules.ExcludeOutsideWindow && outsideWindow(r, in.Opens, in.Closes) {
		out = append(out, ReasonOutsideWindow)
	}
	if rules.ScreenOut && p.screened {
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

// duplicateKey is what makes two responses detectable duplicates.
// Responses are anonymous, so the only duplicates that can be told apart
// from two people answering alike are submitted responses through the same
// trust's link, started in the same hour, whose answers (after pruning) are
// identical item for item, free text included. Of a set of duplicates the
// one with the smallest id is kept. Test responses are never compared.
//
// The key is a SHA-256 digest of the trust, the hour and every answer,
// each string written with its length first so that no two different
// responses can write the same bytes.
func duplicateKey(p *prepared) [sha256.Size]byte {
	h := sha256.New()
	var buf []byte
	str := func(s string) {
		buf = binary.AppendUvarint(buf[:0], uint64(len(s)))
		buf = append(buf, s...)
		h.Write(buf)
	}
	str(p.r.Trust)
	str(strconv.FormatInt(p.r.Created.Unix(), 10))
	ids := make([]string, 0, len(p.answers))
	for id := range p.answers {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	codes := make([]string, 0, 8)
	for _, id := range ids {
		a := p.answers[id]
		str(id)
		codes = append(codes[:0], a.Codes...)
		sort.Strings(codes)
		str(strconv.Itoa(len(codes)))
		for _, c := range codes {
			str(c)
		}
		str(a.Text)
		str(a.Other)
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}

// insertReason adds reason in its reported place.
func insertReason(list []string, reason string) []string {
	order := []string{ReasonTest, ReasonOutsideWindow, ReasonDuplicate, ReasonScreenedOut, ReasonRequiredMissing, ReasonBelowThreshold}
	out := append(list, reason)
	sort.SliceStable(out, func(i, j int) bool { return slices.Index(order, out[i]) < slices.Index(order, out[j]) })
	return out
}

// Reasons lists the exclusion reasons the rules can give, in the order
// they are reported: the reason columns of the flow.
func (r Rules) Reasons() []string { return activeReasons(r) }

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
