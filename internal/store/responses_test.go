package store

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/researchpulse/pulse/internal/survey"
)

func TestNewToken(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		tok := newToken()
		if !linkKeyPattern.MatchString(tok) || seen[tok] {
			t.Fatalf("newToken() = %q: want 26 unique lower-case base32 characters", tok)
		}
		seen[tok] = true
	}
}

func TestHourOf(t *testing.T) {
	london := time.FixedZone("BST", 3600)
	tests := []struct{ in, want time.Time }{
		{testNow, testHour},
		{testHour, testHour},
		{time.Date(2026, 6, 1, 0, 59, 59, 999, london), time.Date(2026, 5, 31, 23, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		if got := hourOf(tt.in); !got.Equal(tt.want) || got.Location() != time.UTC {
			t.Errorf("hourOf(%v) = %v, want %v UTC", tt.in, got, tt.want)
		}
	}
}

var responseCases = []storeCase{
	{"ResponseCreateAndLookup", testResponseCreateAndLookup},
	{"ResponseNeedsReviewLink", testResponseNeedsLink},
	{"ResponseValidation", testResponseValidation},
	{"ResponseSetLanguage", testResponseSetLanguage},
	{"ResponseCountsAndLists", testResponseCountsAndLists},
}

func testResponseCreateAndLookup(t *testing.T, e *env) {
	f := e.fixture()
	got := e.response(f, 1, "secret-one")
	want := Response{
		ID: got.ID, ReviewID: f.review.ID, TrustID: f.trusts[1].ID, QuestionnaireHash: testSource.Hash,
		Status: ResponseInProgress, Language: "en", Section: "about-you", Furthest: "about-you",
		CreatedHour: testHour, UpdatedHour: testHour,
	}
	if !linkKeyPattern.MatchString(got.ID) {
		t.Errorf("response id %q: want 26 lower-case base32 characters", got.ID)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CreateResponse (-want +got):\n%s", diff)
	}
	byID, err := e.s.Response(e.ctx, got.ID)
	errIs(t, "Response", err, nil)
	byHash, err := e.s.ResponseByResumeHash(e.ctx, resumeHash("secret-one"))
	errIs(t, "ResponseByResumeHash", err, nil)
	for name, r := range map[string]Response{"Response": byID, "ResponseByResumeHash": byHash} {
		if diff := cmp.Diff(want, r); diff != "" {
			t.Errorf("%s (-want +got):\n%s", name, diff)
		}
	}
	_, err = e.s.ResponseByResumeHash(e.ctx, resumeHash("secret-two"))
	errIs(t, "ResponseByResumeHash(other secret)", err, ErrNotFound)
	_, err = e.s.Response(e.ctx, "nope")
	errIs(t, "Response(unknown)", err, ErrNotFound)
	other := e.response(f, 0, "secret-two")
	if other.ID == got.ID {
		t.Errorf("two responses share id %q", got.ID)
	}
	_, err = e.s.CreateResponse(e.ctx, NewResponse{
		ReviewID: f.review.ID, TrustID: f.trusts[0].ID, QuestionnaireHash: "h", Language: "en",
		Section: "s", ResumeHash: resumeHash("secret-two"),
	})
	errIs(t, "CreateResponse reusing a resume hash", err, ErrConflict)
}

func testResponseNeedsLink(t *testing.T, e *env) {
	f := e.fixture()
	lone, err := e.s.CreateTrust(e.ctx, Trust{Code: "W01", Name: "Betsi Cadwaladr", Nation: NationWales, Quintile: 2})
	errIs(t, "CreateTrust", err, nil)
	n := NewResponse{
		ReviewID: f.review.ID, TrustID: lone.ID, QuestionnaireHash: "h", Language: "en",
		Section: "s", ResumeHash: resumeHash("x"),
	}
	_, err = e.s.CreateResponse(e.ctx, n)
	errIs(t, "CreateResponse at an unlinked trust", err, ErrNotFound)
	n.TrustID, n.ReviewID = f.trusts[0].ID, f.review.ID+1
	_, err = e.s.CreateResponse(e.ctx, n)
	errIs(t, "CreateResponse for an unknown review", err, ErrNotFound)
	if c := e.counts()["responses"]; c != 0 {
		t.Errorf("%d responses stored", c)
	}
}

func testResponseValidation(t *testing.T, e *env) {
	f := e.fixture()
	ok := NewResponse{
		ReviewID: f.review.ID, TrustID: f.trusts[0].ID, QuestionnaireHash: "h", Language: "en",
		Section: "s", ResumeHash: resumeHash("x"),
	}
	tests := []struct {
		name   string
		mutate func(*NewResponse)
	}{
		{"no hash", func(n *NewResponse) { n.QuestionnaireHash = "" }},
		{"no language", func(n *NewResponse) { n.Language = "" }},
		{"no section", func(n *NewResponse) { n.Section = "" }},
		{"raw secret as hash", func(n *NewResponse) { n.ResumeHash = []byte("secret") }},
	}
	for _, tt := range tests {
		n := ok
		tt.mutate(&n)
		_, err := e.s.CreateResponse(e.ctx, n)
		errIs(t, tt.name, err, ErrInvalid)
	}
	_, err := e.s.ResponseByResumeHash(e.ctx, []byte("secret"))
	errIs(t, "ResponseByResumeHash(raw secret)", err, ErrInvalid)
}

func testResponseSetLanguage(t *testing.T, e *env) {
	f := e.fixture()
	r := e.response(f, 0, "s")
	e.clock.Set(testNow.Add(2 * time.Hour))
	errIs(t, "SetLanguage", e.s.SetLanguage(e.ctx, r.ID, "cy"), nil)
	got, err := e.s.Response(e.ctx, r.ID)
	errIs(t, "Response", err, nil)
	if got.Language != "cy" || !got.UpdatedHour.Equal(testHour.Add(2*time.Hour)) || !got.CreatedHour.Equal(testHour) {
		t.Errorf("after SetLanguage: %+v", got)
	}
	errIs(t, "SetLanguage empty", e.s.SetLanguage(e.ctx, r.ID, ""), ErrInvalid)
	errIs(t, "SetLanguage unknown", e.s.SetLanguage(e.ctx, "nope", "en"), ErrNotFound)
	e.save(PageSave{ResponseID: r.ID, Key: "k", Submit: true})
	errIs(t, "SetLanguage submitted", e.s.SetLanguage(e.ctx, r.ID, "en"), ErrSubmitted)
}

func testResponseCountsAndLists(t *testing.T, e *env) {
	f := e.fixture()
	a := e.response(f, 0, "a")
	b := e.response(f, 0, "b")
	c := e.response(f, 1, "c")
	test, err := e.s.CreateResponse(e.ctx, NewResponse{
		ReviewID: f.review.ID, TrustID: f.trusts[1].ID, QuestionnaireHash: "h", Language: "en",
		Section: "s", ResumeHash: resumeHash("t"), Test: true,
	})
	errIs(t, "CreateResponse test", err, nil)
	e.save(PageSave{ResponseID: a.ID, Key: "a1", Set: survey.Answers{"role": {Codes: []string{"nurse"}}}, Submit: true})
	e.save(PageSave{ResponseID: c.ID, Key: "c1", Set: survey.Answers{"age": {Text: "41"}}})

	counts, err := e.s.CountResponses(e.ctx, f.review.ID)
	errIs(t, "CountResponses", err, nil)
	want := ResponseCounts{InProgress: 2, Submitted: 1, Test: 1, ByTrust: []TrustCounts{
		{Trust: f.trusts[0], InProgress: 1, Submitted: 1},
		{Trust: f.trusts[1], InProgress: 1, Test: 1},
	}}
	if diff := cmp.Diff(want, counts); diff != "" {
		t.Errorf("CountResponses (-want +got):\n%s", diff)
	}
	list, err := e.s.ListResponses(e.ctx, f.review.ID)
	errIs(t, "ListResponses", err, nil)
	ids := map[string]bool{}
	for _, r := range list {
		ids[r.ID] = true
	}
	if len(list) != 4 || !ids[a.ID] || !ids[b.ID] || !ids[c.ID] || !ids[test.ID] {
		t.Errorf("ListResponses = %d responses %v", len(list), ids)
	}
	all, err := e.s.AllAnswers(e.ctx, f.review.ID)
	errIs(t, "AllAnswers", err, nil)
	wantAll := map[string]survey.Answers{
		a.ID: {"role": {Codes: []string{"nurse"}}}, b.ID: {}, c.ID: {"age": {Text: "41"}}, test.ID: {},
	}
	if diff := cmp.Diff(wantAll, all); diff != "" {
		t.Errorf("AllAnswers (-want +got):\n%s", diff)
	}
	for name, fn := range map[string]func() error{
		"CountResponses": func() error { _, err := e.s.CountResponses(e.ctx, 999); return err },
		"ListResponses":  func() error { _, err := e.s.ListResponses(e.ctx, 999); return err },
		"AllAnswers":     func() error { _, err := e.s.AllAnswers(e.ctx, 999); return err },
	} {
		errIs(t, name+"(unknown review)", fn(), ErrNotFound)
	}
}
