package analysis

import (
	"time"
)

// MethodVersion names the definitions this package applies (exclusion
// decisions, denominators, intervals, tests, suppression). It changes
// whenever any of them changes, so a report says which it used.
const MethodVersion = "1"

// Report is the analysis of one review: what was done, the exclusion
// flow, and every breakdown.
type Report struct {
	Meta       Meta        `json:"meta"`
	Flow       Flow        `json:"flow"`
	Breakdowns []Breakdown `json:"breakdowns"`
}

// Meta is what it takes to reproduce a report.
type Meta struct {
	Review        string           `json:"review"`
	Questionnaire QuestionnaireRef `json:"questionnaire"`
	Rules         Rules            `json:"rules"`
	Window        Window           `json:"window"`
	Method        string           `json:"method"`
	Software      string           `json:"software"`
	Dimensions    []Dimension      `json:"dimensions"`
}

// QuestionnaireRef identifies the questionnaire answered: its id, version
// label and the SHA-256 of its file.
type QuestionnaireRef struct {
	ID      string `json:"id"`
	Version string `json:"version"`
	Hash    string `json:"hash"`
}

// Window is the review window the responses were checked against.
type Window struct {
	Opens  time.Time `json:"opens"`
	Closes time.Time `json:"closes"`
}

// Analyse applies the exclusion rules to every response and reports the
// flow and the breakdowns. The same input gives the same report, in any
// order of responses.
func Analyse(in Input) (Report, error) {
	a, err := NewAnalyser(in)
	if err != nil {
		return Report{}, err
	}
	for _, i := range byID(in.Responses) {
		if _, err := a.Add(in.Responses[i]); err != nil {
			return Report{}, err
		}
	}
	return a.Report(), nil
}
