package respond

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

type fixture struct {
	svc    *Service
	st     *store.Store
	review store.Review
	key    string
	now    time.Time
}

// newFixture opens a real SQLite file with the bilingual test
// questionnaire (internal/survey/testdata/valid/mini.yaml) under review at
// one trust.
func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{now: time.Date(2026, 11, 22, 9, 15, 0, 0, time.UTC)}
	clock := func() time.Time { return f.now }
	st, err := store.Open(ctx, store.Config{Path: filepath.Join(t.TempDir(), "r.db"), Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	q, err := survey.LoadFile("../survey/testdata/valid/mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	trust, err := st.CreateTrust(ctx, store.Trust{Code: "T1", Name: "Trust One", Nation: "wales", Quintile: 2})
	if err != nil {
		t.Fatal(err)
	}
	rev, links, err := st.CreateReview(ctx, store.Review{Slug: "mini", Title: "Mini", QuestionnaireID: q.ID,
		QuestionnaireVersion: q.Version, QuestionnaireHash: q.Hash, OpensAt: f.now.Add(-time.Hour),
		ClosesAt: f.now.Add(48 * time.Hour), Status: store.ReviewOpen}, store.SourceOf(q), []int64{trust.ID})
	if err != nil {
		t.Fatal(err)
	}
	f.svc, f.st, f.review, f.key = New(st, []*survey.Questionnaire{q}, clock), st, rev, links[0].Key
	return f
}

func (f *fixture) start(t *testing.T) (State, string) {
	t.Helper()
	st, code, err := f.svc.Start(context.Background(), f.key, "en", false)
	if err != nil {
		t.Fatal(err)
	}
	return st, code
}

func vals(kv ...string) map[string][]string {
	m := map[string][]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = append(m[kv[i]], kv[i+1])
	}
	return m
}

func (f *fixture) save(t *testing.T, id, section, key string, values map[string][]string) Outcome {
	t.Helper()
	out, err := f.svc.Save(context.Background(), id, section, Input{Key: key, Values: values})
	if err != nil {
		t.Fatalf("Save(%s): %v", section, err)
	}
	return out
}

func (f *fixture) answers(t *testing.T, id string) survey.Answers {
	t.Helper()
	a, err := f.st.Answers(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func errCodes(errs []survey.AnswerError) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.ItemID+":"+e.Code)
	}
	return out
}

func TestStartStoresOnlyTheCodeHash(t *testing.T) {
	f := newFixture(t)
	st, code := f.start(t)
	if len(code) != 26 || st.Response.Section != "role" {
		t.Fatalf("code %q (len %d), section %q; want 26 characters and section role", code, len(code), st.Response.Section)
	}
	// The formatted, lower-cased code still resumes the same response.
	got, err := f.svc.Resume(context.Background(), strings.ToLower(FormatCode(code)))
	if err != nil || got.Response.ID != st.Response.ID {
		t.Fatalf("Resume(formatted code) = %q, %v; want %q", got.Response.ID, err, st.Response.ID)
	}
	if _, err := f.svc.Resume(context.Background(), "AAAAAAAAAAAAAAAAAAAAAAAAAA"); !errors.Is(err, ErrBadResumeCode) {
		t.Errorf("Resume(forged) error = %v; want ErrBadResumeCode", err)
	}
}

func TestSaveValidation(t *testing.T) {
	f := newFixture(t)
	st, _ := f.start(t)
	id := st.Response.ID
	f.save(t, id, "role", "k1", vals("A01", "nurse"))
	tests := []struct {
		name    string
		section string
		values  map[string][]string
		want    []string
	}{
		{"required missing", "research", vals(), []string{"B01:required"}},
		{"unknown option", "research", vals("B01", "surgery"), []string{"B01:unknown_option"}},
		{"item from another page", "research", vals("B01", "recruit", "A01", "doctor"), []string{"A01:unknown_item"}},
		{"exclusive with another", "research", vals("B01", "none", "B01", "pi"), []string{"B01:exclusive"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := f.answers(t, id)
			out := f.save(t, id, tt.section, "bad-"+tt.name, tt.values)
			if diff := cmp.Diff(tt.want, errCodes(out.Errors)); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(before, f.answers(t, id)); diff != "" {
				t.Errorf("answers changed by a rejected save (-before +after):\n%s", diff)
			}
		})
	}
}

func TestSaveBranchingAndClearing(t *testing.T) {
	f := newFixture(t)
	st, _ := f.start(t)
	id := st.Response.ID
	// A doctor is senior, so after the research page comes the strategy page.
	if out := f.save(t, id, "role", "k1", vals("A01", "doctor")); out.Next != "research" {
		t.Fatalf("next after role = %q; want research", out.Next)
	}
	out := f.save(t, id, "research", "k2", vals("B01", "pi", "B02a", "3", "B02b", "2"))
	if out.Next != "strategy" {
		t.Fatalf("next after research = %q; want strategy", out.Next)
	}
	if out := f.save(t, id, "strategy", "k3", vals("C01", "More protected time")); out.Next != SectionCheck {
		t.Fatalf("next after strategy = %q; want %s", out.Next, SectionCheck)
	}
	// Going back and becoming a nurse hides the strategy page. The save
	// first says what it would clear and changes nothing.
	out = f.save(t, id, "role", "k4", vals("A01", "nurse"))
	if out.Saved() || !out.NeedsConfirm() || !cmp.Equal(out.ToClear, []survey.Cleared{{ItemID: "C01", Cause: "strategy"}}) {
		t.Fatalf("change hiding C01 = %+v; want a request to confirm clearing C01", out)
	}
	if got := f.answers(t, id); got["A01"].Codes[0] != "doctor" || got["C01"].Empty() {
		t.Fatalf("unconfirmed change altered answers: %+v", got)
	}
	// Confirmed, the answer is cleared and the clearing recorded.
	out, err := f.svc.Save(context.Background(), id, "role", Input{Key: "k5", Values: vals("A01", "nurse"), ConfirmClear: true})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"C01"}, out.Cleared); diff != "" {
		t.Errorf("cleared (-want +got):\n%s", diff)
	}
	want := survey.Answers{"A01": {Codes: []string{"nurse"}}, "B01": {Codes: []string{"pi"}},
		"B02a": {Codes: []string{"3"}}, "B02b": {Codes: []string{"2"}}}
	if diff := cmp.Diff(want, f.answers(t, id)); diff != "" {
		t.Errorf("answers (-want +got):\n%s", diff)
	}
	cleared, err := f.st.ClearedItems(context.Background(), id)
	if err != nil || len(cleared) != 1 || cleared[0].ItemID != "C01" || cleared[0].CauseItem != "strategy" {
		t.Errorf("ClearedItems = %+v, %v; want C01 cleared by strategy", cleared, err)
	}
}

func TestSameItemsRevealedOnPageAreAskedBeforeMovingOn(t *testing.T) {
	f := newFixture(t)
	st, _ := f.start(t)
	id := st.Response.ID
	f.save(t, id, "role", "k1", vals("A01", "nurse"))
	// The page showed only B01; choosing "pi" reveals the grid on the same
	// page, so the respondent stays on it.
	out, err := f.svc.Save(context.Background(), id, "research", Input{Key: "k2", Values: vals("B01", "pi"), Shown: []string{"B01"}})
	if err != nil || out.Next != "research" || len(out.Errors) > 0 {
		t.Fatalf("Save = %+v, %v; want to stay on research", out, err)
	}
	out, err = f.svc.Save(context.Background(), id, "research", Input{Key: "k3", Values: vals("B01", "pi"), Shown: []string{"B01", "B02a", "B02b"}})
	if err != nil || !cmp.Equal(errCodes(out.Errors), []string{"B02a:required", "B02b:required"}) {
		t.Fatalf("Save = %+v, %v; want the revealed grid required", out, err)
	}
}

// TestSamePageChanges: an answer to an item that an answer on the same page
// hides is ignored (not refused), and when the item had a saved answer, the
// clearing is recorded like any other.
func TestSamePageChanges(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	st, _ := f.start(t)
	id := st.Response.ID
	f.save(t, id, "role", "k1", vals("A01", "nurse"))
	out := f.save(t, id, "research", "k2", vals("B01", "recruit", "B02a", "1"))
	if !out.Saved() || out.Next != SectionCheck {
		t.Fatalf("answer to a grid B01 hides = %+v; want it ignored and the page saved", out)
	}
	if got := f.answers(t, id); !got["B02a"].Empty() {
		t.Errorf("ignored answer stored: %+v", got)
	}
	f.save(t, id, "research", "k3", vals("B01", "pi", "B02a", "3", "B02b", "2"))
	out, err := f.svc.Save(ctx, id, "research", Input{Key: "k4", Values: vals("B01", "recruit"), ConfirmClear: true})
	if err != nil || !cmp.Equal(out.Cleared, []string{"B02a", "B02b"}) {
		t.Fatalf("hiding the grid on its own page = %+v, %v", out, err)
	}
	cleared, err := f.st.ClearedItems(ctx, id)
	if err != nil || len(cleared) != 2 || cleared[0].CauseItem != "B02" {
		t.Errorf("ClearedItems = %+v, %v; want B02a and B02b cleared by B02", cleared, err)
	}
}

// TestPartialSave: "Save and come back later" keeps every valid answer on
// a page with required items blank, stays on the page and does not move
// the furthest page on; answers that do not parse are still refused.
func TestPartialSave(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	st, _ := f.start(t)
	id := st.Response.ID
	// A01 is required and left blank; A02 (optional number) is given.
	out, err := f.svc.Save(ctx, id, "role", Input{Key: "p1", Values: vals("A02", "7"), Partial: true})
	if err != nil || !out.Saved() || out.Next != "role" {
		t.Fatalf("partial save = %+v, %v; want saved, staying on role", out, err)
	}
	if got := f.answers(t, id); got["A02"].Text != "7" {
		t.Errorf("answers after a partial save: %+v", got)
	}
	now, err := f.svc.State(ctx, id)
	if err != nil || now.Response.Furthest != "role" || now.Resume() != "role" {
		t.Errorf("after a partial save: furthest %q, resume %q; want role", now.Response.Furthest, now.Resume())
	}
	out, err = f.svc.Save(ctx, id, "role", Input{Key: "p2", Values: vals("A02", "seven"), Partial: true})
	if err != nil || out.Saved() || !cmp.Equal(errCodes(out.Errors), []string{"A02:not_number"}) {
		t.Errorf("partial save of a bad number = %+v, %v; want it refused", out, err)
	}
	// Continue still needs the required item.
	out = f.save(t, id, "role", "p3", vals("A02", "7"))
	if !cmp.Equal(errCodes(out.Errors), []string{"A01:required"}) {
		t.Errorf("Continue without A01 = %+v", out)
	}
}

func TestSaveIsIdempotent(t *testing.T) {
	f := newFixture(t)
	st, _ := f.start(t)
	id := st.Response.ID
	first := f.save(t, id, "role", "same-key", vals("A01", "admin"))
	again := f.save(t, id, "role", "same-key", vals("A01", "admin"))
	if first.Replayed || !again.Replayed || again.Next != first.Next {
		t.Errorf("first %+v, again %+v; want the second to replay the first", first, again)
	}
	if got := f.answers(t, id); len(got) != 1 {
		t.Errorf("answers = %v; want one", got)
	}
}

func TestPagesBeyondFurthestAreUnavailable(t *testing.T) {
	f := newFixture(t)
	st, _ := f.start(t)
	if _, err := st.Page("research"); !errors.Is(err, ErrPageUnavailable) {
		t.Errorf("Page(research) before reaching it: %v; want ErrPageUnavailable", err)
	}
	_, err := f.svc.Save(context.Background(), st.Response.ID, "research", Input{Key: "k", Values: vals("B01", "pi")})
	if !errors.Is(err, ErrPageUnavailable) {
		t.Errorf("Save(research) before reaching it: %v; want ErrPageUnavailable", err)
	}
}

func TestSubmit(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	st, _ := f.start(t)
	id := st.Response.ID
	f.save(t, id, "role", "k1", vals("A01", "admin"))
	out, err := f.svc.Submit(ctx, id, "s1")
	if err != nil || !cmp.Equal(errCodes(out.Errors), []string{"B01:required"}) {
		t.Fatalf("Submit with B01 missing = %+v, %v", out, err)
	}
	f.save(t, id, "research", "k2", vals("B01", "recruit"))
	if out, err := f.svc.Submit(ctx, id, "s2"); err != nil || out.Next != SectionDone {
		t.Fatalf("Submit = %+v, %v", out, err)
	}
	if out, err := f.svc.Submit(ctx, id, "s2"); err != nil || !out.Replayed {
		t.Errorf("repeated Submit = %+v, %v; want replayed", out, err)
	}
	if _, err := f.svc.Save(ctx, id, "role", Input{Key: "k3", Values: vals("A01", "nurse")}); !errors.Is(err, store.ErrSubmitted) {
		t.Errorf("Save after submit: %v; want ErrSubmitted", err)
	}
}

func TestClosedReviewTakesNoAnswers(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	st, code := f.start(t)
	f.save(t, st.Response.ID, "role", "k1", vals("A01", "admin"))
	if err := f.st.SetReviewStatus(ctx, f.review.ID, store.ReviewClosed); err != nil {
		t.Fatal(err)
	}
	_, err := f.svc.Save(ctx, st.Response.ID, "research", Input{Key: "k2", Values: vals("B01", "pi")})
	if !errors.Is(err, store.ErrReviewClosed) {
		t.Errorf("Save on closed review: %v; want ErrReviewClosed", err)
	}
	if _, err := f.svc.Resume(ctx, code); !errors.Is(err, store.ErrReviewClosed) {
		t.Errorf("Resume on closed review: %v; want ErrReviewClosed", err)
	}
	if _, _, err := f.svc.Start(ctx, f.key, "en", false); !errors.Is(err, store.ErrReviewClosed) {
		t.Errorf("Start on closed review: %v; want ErrReviewClosed", err)
	}
	if got := f.answers(t, st.Response.ID); len(got) != 1 {
		t.Errorf("answers = %v; want the one saved before closing", got)
	}
}

// TestResumeOpensNoAnswersOnceSubmittedOrClosed: a resume code still says
// where a response stands after it is submitted or its review closes, but
// no longer reads its answers.
func TestResumeOpensNoAnswersOnceSubmittedOrClosed(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	submitted, code := f.start(t)
	f.save(t, submitted.Response.ID, "role", "k1", vals("A01", "admin"))
	f.save(t, submitted.Response.ID, "research", "k2", vals("B01", "recruit"))
	if out, err := f.svc.Submit(ctx, submitted.Response.ID, "s1"); err != nil || !out.Saved() {
		t.Fatalf("Submit = %+v, %v", out, err)
	}
	st, err := f.svc.Resume(ctx, code)
	if !errors.Is(err, store.ErrSubmitted) || st.Response.ID != submitted.Response.ID || len(st.Answers) != 0 {
		t.Errorf("Resume(submitted) = %v answers, %v; want none and ErrSubmitted", st.Answers, err)
	}

	open, code2 := f.start(t)
	f.save(t, open.Response.ID, "role", "k3", vals("A01", "nurse"))
	if st, err := f.svc.Resume(ctx, code2); err != nil || len(st.Answers) != 1 {
		t.Fatalf("Resume(in progress) = %v, %v", st.Answers, err)
	}
	if err := f.st.SetReviewStatus(ctx, f.review.ID, store.ReviewClosed); err != nil {
		t.Fatal(err)
	}
	st, err = f.svc.Resume(ctx, code2)
	if !errors.Is(err, store.ErrReviewClosed) || len(st.Answers) != 0 {
		t.Errorf("Resume(closed review) = %v answers, %v; want none and ErrReviewClosed", st.Answers, err)
	}
}

// TestQuestionnaireOfALaterReview: a review created after the service
// started (by the admin pages, or another instance) is served from the
// source the store keeps, without a restart.
func TestQuestionnaireOfALaterReview(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	later := New(f.st, nil, func() time.Time { return f.now })
	e, err := later.Entry(ctx, f.key)
	if err != nil || e.Q == nil || e.Q.Hash != f.review.QuestionnaireHash {
		t.Fatalf("Entry on a service started without the questionnaire: %+v, %v", e, err)
	}
	if _, err := later.Questionnaire(ctx, strings.Repeat("0", 64)); !errors.Is(err, ErrQuestionnaireMissing) {
		t.Errorf("unknown hash: %v; want ErrQuestionnaireMissing", err)
	}
}

// TestStateVisibilityFollowsAnswers: every state the service hands out
// (started, resumed, after each save, after a change that clears) holds
// the visibility of its own answers, so its completion, worked out from
// that visibility, is the questionnaire's completion of its answers.
func TestStateVisibilityFollowsAnswers(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	st, code := f.start(t)
	check := func(what string, st State) {
		t.Helper()
		if diff := cmp.Diff(st.Q.Visibility(st.Answers), st.Vis); diff != "" {
			t.Fatalf("%s: visibility (-of its answers +held):\n%s", what, diff)
		}
		if diff := cmp.Diff(st.Q.Completion(st.Answers), st.Completion()); diff != "" {
			t.Fatalf("%s: completion (-of its answers +from the state):\n%s", what, diff)
		}
	}
	check("started", st)
	steps := []struct {
		section string
		in      Input
	}{
		{"role", Input{Key: "k1", Values: vals("A01", "doctor")}},
		{"research", Input{Key: "k2", Values: vals("B01", "pi", "B02a", "3", "B02b", "2")}},
		{"strategy", Input{Key: "k3", Values: vals("C01", "More protected time")}},
		{"role", Input{Key: "k4", Values: vals("A01", "nurse"), ConfirmClear: true}},
		{"research", Input{Key: "k5", Values: vals("B01", "pi"), Partial: true}},
	}
	for _, s := range steps {
		out, after, err := f.svc.SaveLoaded(ctx, st, s.section, s.in)
		if err != nil || !out.Saved() {
			t.Fatalf("save %s: %+v, %v", s.in.Key, out, err)
		}
		check("after "+s.in.Key, after)
		resumed, err := f.svc.Resume(ctx, code)
		if err != nil {
			t.Fatal(err)
		}
		check("resumed after "+s.in.Key, resumed)
		if diff := cmp.Diff(after.Answers, resumed.Answers); diff != "" {
			t.Fatalf("after %s the state handed back and the one resumed differ:\n%s", s.in.Key, diff)
		}
		st = resumed
	}
}
