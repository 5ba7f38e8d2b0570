package store

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/researchpulse/pulse/internal/analysis"
	"github.com/researchpulse/pulse/internal/survey"
)

func init() {
	responseCases = append(responseCases, storeCase{"AnalysisInput", testAnalysisInput})
}

// testAnalysisInput: one submitted response at the more research-active
// trust and one partial test response at the less active one come back as
// analysis input with their trusts' levels, hours and answers.
func testAnalysisInput(t *testing.T, e *env) {
	f := e.fixture()
	done := e.response(f, 0, "secret-1")
	e.save(PageSave{ResponseID: done.ID, Key: "k1", Set: survey.Answers{"A01": {Codes: []string{"nurse"}}, "D05": {Text: "More time"}}, Submit: true, Result: []byte("{}")})
	partial, err := e.s.CreateResponse(e.ctx, NewResponse{ReviewID: f.review.ID, TrustID: f.trusts[1].ID, QuestionnaireHash: "sha256:abc",
		Language: "en", Section: "about-you", ResumeHash: resumeHash("secret-2"), Test: true})
	errIs(t, "CreateResponse", err, nil)
	got, trusts, err := e.s.AnalysisInput(e.ctx, f.review.ID)
	errIs(t, "AnalysisInput", err, nil)
	want := []analysis.Response{
		{ID: done.ID, Trust: "RX1", Level: analysis.ActivityMore, Submitted: true, Created: testHour, SubmittedAt: testHour,
			Answers: survey.Answers{"A01": {Codes: []string{"nurse"}}, "D05": {Text: "More time"}}},
		{ID: partial.ID, Trust: "S08", Level: analysis.ActivityLess, Test: true, Created: testHour, Answers: survey.Answers{}},
	}
	if want[0].ID > want[1].ID {
		want[0], want[1] = want[1], want[0]
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("responses (-want +got):\n%s", diff)
	}
	wantTrusts := []analysis.Trust{{Code: "RX1", Name: testTrusts[0].Name, Level: analysis.ActivityMore}, {Code: "S08", Name: testTrusts[1].Name, Level: analysis.ActivityLess}}
	if diff := cmp.Diff(wantTrusts, trusts); diff != "" {
		t.Errorf("trusts (-want +got):\n%s", diff)
	}
	_, _, err = e.s.AnalysisInput(e.ctx, f.review.ID+99)
	errIs(t, "AnalysisInput(unknown)", err, ErrNotFound)
}
