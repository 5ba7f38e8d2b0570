package export

import (
	"slices"

	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

// Missing-value codes: why an item of an included response has no
// substantive answer. They are negative, so they never collide with an
// answer, and the same numbers are used in every column: a number in the
// numeric columns, and the same number (a number cell, never text) in the
// columns that hold option codes or text. Statistics packages can declare
// the range -99 to -1 missing.
const (
	// CodeNotShown: the branching never showed the item (routed away).
	CodeNotShown = -1
	// CodeNotAnswered: shown on a page the respondent went past, or in a
	// submitted response, and left blank.
	CodeNotAnswered = -2
	// CodeNotReached: shown, but on the page where the respondent stopped
	// or after it, in a response not submitted.
	CodeNotReached = -3
	// CodeCleared: answered once, then hidden by a changed answer, which
	// cleared the answer.
	CodeCleared = -4
	// CodeDontKnow: answered with an option marked missing ("Don't know",
	// "Not sure", "Prefer not to say"). An item's first such option is
	// -5, its second -6, and so on; the codebook names each.
	CodeDontKnow = -5
)

// missingLabels are the labels of the codes that do not depend on the
// item.
var missingLabels = map[int]string{
	CodeNotShown:    "Not shown (routed away)",
	CodeNotAnswered: "Shown, not answered",
	CodeNotReached:  "Not reached (stopped before this page)",
	CodeCleared:     "Cleared after a change of route",
}

// missingCodes lists the codes that do not depend on the item, in order.
var missingCodes = []int{CodeNotShown, CodeNotAnswered, CodeNotReached, CodeCleared}

// respondent is what the Data sheets read of one response: its stored
// record and the assessment the analysis decided it on.
type respondent struct {
	stored  *store.StoredResponse
	as      survey.Assessment
	reached int // index of the furthest section reached; len(sections) when all were
}

func newRespondent(q *survey.Questionnaire, sr *store.StoredResponse, as survey.Assessment) respondent {
	return respondent{stored: sr, as: as, reached: reachedSection(q, sr)}
}

// reachedSection is the index of the furthest section a response reached:
// every section for a submitted response, or one that reached the check
// page; the furthest section's index otherwise. A furthest section the
// questionnaire does not have counts as every section, so that nothing is
// called "not reached" without evidence.
func reachedSection(q *survey.Questionnaire, sr *store.StoredResponse) int {
	if sr.Submitted || sr.Furthest == respond.SectionCheck || sr.Furthest == respond.SectionDone {
		return len(q.Sections)
	}
	if i := q.SectionByID(sr.Furthest); i >= 0 {
		return i
	}
	return len(q.Sections)
}

// answer is a response's answer to an answerable item, or the
// missing-value code saying why there is none. An answer made only of
// options marked missing is given as those options, with code 0.
func (r respondent) answer(q *survey.Questionnaire, it *survey.Item) (survey.Answer, int) {
	if !r.as.Visibility.Shown(it.ID) {
		if slices.Contains(r.stored.Cleared, it.ID) || r.prunedAway(it.ID) {
			return survey.Answer{}, CodeCleared
		}
		return survey.Answer{}, CodeNotShown
	}
	a, ok := r.as.Answers[it.ID]
	switch {
	case ok && !a.Empty():
		return a, 0
	case r.stored.Submitted || q.SectionIndex(it.ID) < r.reached:
		return survey.Answer{}, CodeNotAnswered
	}
	return survey.Answer{}, CodeNotReached
}

// prunedAway reports whether an answer to the item was stored but left
// out because the item is not shown.
func (r respondent) prunedAway(id string) bool {
	for _, c := range r.as.Cleared {
		if c.ItemID == id {
			return true
		}
	}
	return false
}

// dontKnowCode is the code of an item's option marked missing: -5 for the
// first, -6 for the second…; 0 when the option is not one.
func dontKnowCode(it *survey.Item, code string) int {
	n := 0
	for _, o := range it.Options {
		if !o.Missing {
			continue
		}
		if o.Code == code {
			return CodeDontKnow - n
		}
		n++
	}
	return 0
}

// onlyMissing reports whether an answer is made only of options marked
// missing, and gives the first one's code.
func onlyMissing(it *survey.Item, a survey.Answer) (int, bool) {
	if len(a.Codes) == 0 {
		return 0, false
	}
	first := 0
	for _, c := range a.Codes {
		code := dontKnowCode(it, c)
		if code == 0 {
			return 0, false
		}
		if first == 0 {
			first = code
		}
	}
	return first, true
}
