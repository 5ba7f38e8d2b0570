package analysis

import (
	"time"

	"github.com/researchpulse/pulse/internal/survey"
)

// Trust activity levels, the groups of the built-in dimension
// survey.DimensionTrustActivity.
const (
	ActivityMore = "more" // more research-active organisation
	ActivityLess = "less" // less research-active organisation
)

// ActivityLevel is the one home of the trust activity rule: NIHR Clinical
// Research Network activity quintiles 1–2 (the top 40%) are "more"
// research-active, 3–5 "less". Any other value gives "" (not known).
func ActivityLevel(quintile int) string {
	switch {
	case quintile >= 1 && quintile <= 2:
		return ActivityMore
	case quintile >= 3 && quintile <= 5:
		return ActivityLess
	}
	return ""
}

// Input is everything one analysis needs. Build Responses from stored rows
// (store.AnalysisResponses does); the order of Responses and Trusts does
// not matter.
type Input struct {
	Questionnaire *survey.Questionnaire
	Rules         Rules
	// Opens and Closes are the review window: answers were accepted in
	// [Opens, Closes).
	Opens, Closes time.Time
	// Trusts names the review's trusts, so that the flow lists each one,
	// even one without responses. Responses at a trust missing here are
	// listed under their code.
	Trusts    []Trust
	Responses []Response
	// Review names the review (its slug); Software the program version.
	// Both are reported with the results so they can be reproduced.
	Review, Software string
}

// Trust is a trust taking part in a review.
type Trust struct {
	Code, Name string
	Level      string // ActivityMore, ActivityLess, or "" when not known
}

// Response is one received response as the analysis sees it.
type Response struct {
	ID        string
	Trust     string // trust code
	Level     string // activity level of the trust: ActivityMore, ActivityLess or ""
	Submitted bool
	Test      bool // a preview or test response
	// Created and SubmittedAt are the hours (UTC) the response was started
	// and submitted; SubmittedAt is zero when it was not.
	Created, SubmittedAt time.Time
	Answers              survey.Answers
}
