package analysis

import (
	"errors"
	"fmt"
	"slices"

	"github.com/researchpulse/pulse/internal/survey"
)

// Suppression thresholds: a cell resting on fewer than K respondents is
// suppressed. K is set per review, never below MinK.
const (
	DefaultK = 10
	MinK     = 5
)

// Rules are the exclusion and disclosure parameters in force for a review.
// They are fixed when the review is created (from the questionnaire's
// exclusion block, with any overrides) and stored with it, and every
// report carries them.
type Rules struct {
	// Version is the questionnaire's exclusion.version (0 when it does not
	// number its rules).
	Version int `json:"version"`
	// Unit is the completion unit: survey.CountItems or CountQuestions.
	Unit string `json:"count"`
	// Threshold: a partial response is kept when its completion ratio is at
	// or above it.
	Threshold float64 `json:"completion_threshold"`
	// RequiredItems must have a substantive answer (not blank, not only a
	// "missing" option such as "Prefer not to say").
	RequiredItems []string `json:"required_items"`
	// ExcludeTest drops preview and test responses.
	ExcludeTest bool `json:"exclude_test"`
	// ExcludeDuplicates drops detectable duplicates (see Decide).
	ExcludeDuplicates bool `json:"exclude_duplicates"`
	// ExcludeOutsideWindow drops responses started or submitted outside
	// the review window.
	ExcludeOutsideWindow bool `json:"exclude_outside_window"`
	// ScreenOut applies the questionnaire's exclusion.screen_out_if.
	ScreenOut bool `json:"screen_out"`
	// K is the smallest number of respondents a published cell may rest on.
	K int `json:"k"`
}

// DefaultRules are the rules of a questionnaire with an empty exclusion
// block: the completion threshold of survey.DefaultCompletionThreshold
// counted in items, no required items, test responses, duplicates and
// responses outside the window excluded, and k = DefaultK.
func DefaultRules() Rules {
	var none survey.Exclusion
	return Rules{
		Unit: none.Unit(), Threshold: none.Threshold(), RequiredItems: []string{},
		ExcludeTest: true, ExcludeDuplicates: true, ExcludeOutsideWindow: true, K: DefaultK,
	}
}

// RulesFor is the rules a questionnaire declares, defaults filled in. A
// review created for it starts from these; a review may override any.
func RulesFor(q *survey.Questionnaire) Rules {
	r := DefaultRules()
	e := q.Exclusion
	r.Version, r.Unit, r.Threshold = e.Version, e.Unit(), e.Threshold()
	r.RequiredItems = append([]string{}, e.RequiredItems...)
	if e.ExcludeTest != nil {
		r.ExcludeTest = *e.ExcludeTest
	}
	if e.ExcludeDuplicates != nil {
		r.ExcludeDuplicates = *e.ExcludeDuplicates
	}
	r.ScreenOut = e.ScreenOutIf != ""
	return r
}

// Validate checks that the rules can be applied.
func (r Rules) Validate() error {
	var errs []error
	if r.Unit != survey.CountItems && r.Unit != survey.CountQuestions {
		errs = append(errs, fmt.Errorf("completion unit %q: want %q or %q", r.Unit, survey.CountItems, survey.CountQuestions))
	}
	if !(r.Threshold >= 0 && r.Threshold <= 1) {
		errs = append(errs, fmt.Errorf("completion threshold %v not in 0..1", r.Threshold))
	}
	if r.K < MinK {
		errs = append(errs, fmt.Errorf("suppression k %d below %d", r.K, MinK))
	}
	if slices.Contains(r.RequiredItems, "") {
		errs = append(errs, errors.New("required items list an empty id"))
	}
	return errors.Join(errs...)
}

// check validates the rules against the questionnaire they are applied to.
func (r Rules) check(q *survey.Questionnaire) error {
	if err := r.Validate(); err != nil {
		return err
	}
	for _, id := range r.RequiredItems {
		if _, ok := q.Item(id); !ok {
			return fmt.Errorf("required item %q is not an item of questionnaire %s", id, q.ID)
		}
	}
	return nil
}
