// Package simulate makes synthetic respondents: random but valid answers
// to a questionnaire, given page by page through respond.Service, the code
// path real respondents use. It feeds the simulate command, load tests and
// the property tests of the API.
//
// Everything random comes from a caller's *rand.Rand, so a seed fixes the
// answers. Response ids and resume codes come from crypto/rand and differ
// between runs.
package simulate

import (
	"math"
	"math/rand/v2"
	"strconv"
	"unicode/utf8"

	"github.com/researchpulse/pulse/internal/survey"
)

// Chances of the optional things a respondent may do. The zero Habits
// answers every item, and specifies "other" only where that is required.
type Habits struct {
	SkipOptional float64 // leave an optional item blank
	Exclusive    float64 // pick the exclusive option of a multiple choice that has one
	Specify      float64 // write the please-specify text when choosing "other" and the text is optional
}

// DefaultHabits are a plausible mix.
var DefaultHabits = Habits{SkipOptional: 0.35, Exclusive: 0.1, Specify: 0.7}

// Picker chooses answers.
type Picker struct {
	rng     *rand.Rand
	habits  Habits
	profile *Profile
	who     map[string]string // the respondent as the profile's rules see them
}

// NewPicker returns a Picker drawing from rng.
func NewPicker(rng *rand.Rand, h Habits) *Picker { return &Picker{rng: rng, habits: h} }

// WithProfile makes the picker answer by a profile (nil: uniformly).
func (p *Picker) WithProfile(pr *Profile) *Picker {
	p.profile = pr
	return p
}

// SetRespondent tells the profile who is answering: the known derived
// variables and the trust activity level (key "trust_activity").
func (p *Picker) SetRespondent(who map[string]string) { p.who = who }

// Values is an answer as a respondent sends it: a form field's values and
// the please-specify text.
type Values struct {
	Values []string
	Other  string
}

// Answer picks a valid answer for an item: one that its ParseInput
// accepts. An optional item may be left blank (no values).
func (p *Picker) Answer(it *survey.Item) Values {
	if it.Optional && p.chance(p.habits.SkipOptional) {
		return Values{}
	}
	var v Values
	if codes, ok := p.profiled(it); ok {
		v.Values = codes
		p.specify(it, &v)
		return v
	}
	switch it.Type {
	case survey.TypeSingle, survey.TypeScale:
		v.Values = []string{it.Options[p.rng.IntN(len(it.Options))].Code}
	case survey.TypeMultiple:
		v.Values = p.multiple(it)
	case survey.TypeNumber:
		v.Values = []string{p.number(it)}
	default:
		v.Values = []string{p.text(it.TextLimit())}
	}
	p.specify(it, &v)
	return v
}

// specify writes the please-specify text of a chosen "other" option:
// always where the text is required, by habit where it is optional.
func (p *Picker) specify(it *survey.Item, v *Values) {
	if o, ok := it.OtherOption(); ok && contains(v.Values, o.Code) && (!o.OtherOptional || p.chance(p.habits.Specify)) {
		v.Other = p.text(it.OtherLimit())
	}
}

func (p *Picker) chance(prob float64) bool { return prob > 0 && p.rng.Float64() < prob }

// multiple picks the exclusive option alone, or 1 to max_choices
// (at most 5) of the others.
func (p *Picker) multiple(it *survey.Item) []string {
	var plain, exclusive []string
	for _, o := range it.Options {
		if o.Exclusive {
			exclusive = append(exclusive, o.Code)
		} else {
			plain = append(plain, o.Code)
		}
	}
	if len(exclusive) > 0 && (len(plain) == 0 || p.chance(p.habits.Exclusive)) {
		return []string{exclusive[p.rng.IntN(len(exclusive))]}
	}
	most := min(len(plain), 5)
	if it.MaxChoices > 0 {
		most = min(most, it.MaxChoices)
	}
	n := 1 + p.rng.IntN(most)
	out := make([]string, n)
	for i, j := range p.rng.Perm(len(plain))[:n] {
		out[i] = plain[j]
	}
	return out
}

// number picks a value in the item's range (0 to 100 where it has none):
// a whole number, or one with a decimal place when fractions are allowed.
func (p *Picker) number(it *survey.Item) string {
	lo, hi := 0.0, 100.0
	if it.Min != nil {
		lo = *it.Min
	}
	if it.Max != nil {
		hi = *it.Max
	} else if it.Min != nil {
		hi = lo + 100
	}
	if !it.Decimals {
		a, b := int64(math.Ceil(lo)), int64(math.Floor(hi))
		if b < a {
			return strconv.FormatInt(a, 10) // no whole number in range: a questionnaire error
		}
		return strconv.FormatInt(a+p.rng.Int64N(b-a+1), 10)
	}
	f := math.Round((lo+p.rng.Float64()*(hi-lo))*10) / 10
	return strconv.FormatFloat(math.Min(math.Max(f, lo), hi), 'f', -1, 64)
}

// phrases are short plausible free-text answers, with no names or details
// that could identify anyone.
var phrases = []string{
	"More protected time would make the biggest difference.",
	"Our team would join studies if someone helped with the paperwork.",
	"Clinical pressures mean research always comes last.",
	"I would like to know who to contact in the R&D office.",
	"Audit and quality improvement work",
	"A small grant scheme for first-time researchers would help.",
	"Research is valued on paper but not in job plans.",
	"Training in research methods for band 5 and 6 staff.",
	"Links with the local university have helped a lot.",
	"Nothing else to add.",
}

// text picks one or two phrases, cut to limit characters.
func (p *Picker) text(limit int) string {
	s := phrases[p.rng.IntN(len(phrases))]
	if p.rng.IntN(3) == 0 {
		s += " " + phrases[p.rng.IntN(len(phrases))]
	}
	if utf8.RuneCountInString(s) > limit {
		s = string([]rune(s)[:limit])
	}
	return s
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
