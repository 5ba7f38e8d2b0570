package store

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/researchpulse/pulse/internal/survey"
)

var pageSaveCases = []storeCase{
	{"SavePageUpsertsDeletesClears", testSavePageSequence},
	{"SavePageReplayChangesNothing", testSavePageReplay},
	{"SavePageConcurrentSameKeyAppliesOnce", testSavePageConcurrentSameKey},
	{"SavePageConcurrentDistinctKeysAllApply", testSavePageConcurrentDistinctKeys},
	{"SavePageKeyOfOtherResponseConflicts", testSavePageKeyOtherResponse},
	{"SavePageSubmittedIsFrozen", testSavePageSubmitted},
	{"SavePageRejectsBadInput", testSavePageValidation},
	{"SavePageStoresHoursOnly", testSavePageHours},
	{"SavePageKeyReusedForAnotherRequest", testSavePageKeyReused},
	{"ChangeResponseDecidesOnTheLockedAnswers", testChangeResponseDecide},
	{"ChangeResponseConcurrentDecisionsSeeEachOther", testChangeResponseConcurrent},
}

// pageState is what a response looks like after a step.
type pageState struct {
	Answers  survey.Answers
	Cleared  []Cleared
	Section  string
	Furthest string
	Trail    []string
	Language string
	Status   string
}

func (e *env) state(id string) pageState {
	e.t.Helper()
	r, err := e.s.Response(e.ctx, id)
	errIs(e.t, "Response", err, nil)
	a, err := e.s.Answers(e.ctx, id)
	errIs(e.t, "Answers", err, nil)
	c, err := e.s.ClearedItems(e.ctx, id)
	errIs(e.t, "ClearedItems", err, nil)
	return pageState{a, c, r.Section, r.Furthest, r.Trail, r.Language, r.Status}
}

func testSavePageSequence(t *testing.T, e *env) {
	f := e.fixture()
	r := e.response(f, 0, "s")
	steps := []struct {
		name string
		at   time.Time
		save PageSave
		want pageState
	}{{
		name: "first page",
		at:   testNow,
		save: PageSave{Key: "k1", Section: "work", Furthest: "work", Trail: []string{"about-you"}, Set: survey.Answers{
			"role":          {Codes: []string{"nurse"}},
			"research_role": {Codes: []string{"pi", "other"}, Other: "Sub-investigator"},
			"comment":       {Text: "Need protected time"},
		}},
		want: pageState{
			Answers: survey.Answers{
				"role":          {Codes: []string{"nurse"}},
				"research_role": {Codes: []string{"pi", "other"}, Other: "Sub-investigator"},
				"comment":       {Text: "Need protected time"},
			},
			Cleared: []Cleared{}, Section: "work", Furthest: "work", Trail: []string{"about-you"},
			Language: "en", Status: ResponseInProgress,
		},
	}, {
		name: "change hides, blank deletes, replace upserts",
		at:   testNow.Add(time.Hour),
		save: PageSave{
			Key: "k2", Section: "barriers", Furthest: "barriers", Trail: []string{"about-you", "work"}, Language: "cy",
			Set:    survey.Answers{"role": {Codes: []string{"admin"}}, "barriers": {Codes: []string{"time"}}},
			Delete: []string{"comment", "never-answered"},
			Clear: []Cleared{
				{ItemID: "research_role", CauseItem: "role"},
				{ItemID: "unanswered_hidden", CauseItem: "role"},
			},
		},
		want: pageState{
			Answers: survey.Answers{"role": {Codes: []string{"admin"}}, "barriers": {Codes: []string{"time"}}},
			Cleared: []Cleared{{ItemID: "research_role", CauseItem: "role", Hour: testHour.Add(time.Hour)}},
			Section: "barriers", Furthest: "barriers", Trail: []string{"about-you", "work"},
			Language: "cy", Status: ResponseInProgress,
		},
	}, {
		name: "back: section moves, furthest and trail kept",
		at:   testNow.Add(2 * time.Hour),
		save: PageSave{Key: "k3", Section: "work", Set: survey.Answers{"barriers": {Codes: []string{"time", "funding"}}}},
		want: pageState{
			Answers: survey.Answers{"role": {Codes: []string{"admin"}}, "barriers": {Codes: []string{"time", "funding"}}},
			Cleared: []Cleared{{ItemID: "research_role", CauseItem: "role", Hour: testHour.Add(time.Hour)}},
			Section: "work", Furthest: "barriers", Trail: []string{"about-you", "work"},
			Language: "cy", Status: ResponseInProgress,
		},
	}, {
		name: "submit",
		at:   testNow.Add(3 * time.Hour),
		save: PageSave{Key: "k4", Submit: true, ExpectStatus: ResponseInProgress, Section: "end"},
		want: pageState{
			Answers: survey.Answers{"role": {Codes: []string{"admin"}}, "barriers": {Codes: []string{"time", "funding"}}},
			Cleared: []Cleared{{ItemID: "research_role", CauseItem: "role", Hour: testHour.Add(time.Hour)}},
			Section: "end", Furthest: "barriers", Trail: []string{"about-you", "work"},
			Language: "cy", Status: ResponseSubmitted,
		},
	}}
	for _, st := range steps {
		e.clock.Set(st.at)
		st.save.ResponseID = r.ID
		st.save.Result = []byte("ok " + st.save.Key)
		if got := e.save(st.save); string(got) != "ok "+st.save.Key {
			t.Errorf("%s: result %q", st.name, got)
		}
		if diff := cmp.Diff(st.want, e.state(r.ID)); diff != "" {
			t.Errorf("%s: state (-want +got):\n%s", st.name, diff)
		}
	}
}

func testSavePageReplay(t *testing.T, e *env) {
	f := e.fixture()
	r := e.response(f, 0, "s")
	first := PageSave{ResponseID: r.ID, Key: "k1", Section: "work", Result: []byte(`{"next":"work"}`),
		Set: survey.Answers{"role": {Codes: []string{"nurse"}}}}
	e.save(first)
	before, rowsBefore := e.state(r.ID), e.counts()
	e.clock.Set(testNow.Add(5 * time.Hour))
	retry := PageSave{ResponseID: r.ID, Key: "k1", Section: "elsewhere", Result: []byte("second"), Submit: true,
		Set: survey.Answers{"role": {Codes: []string{"doctor"}}, "extra": {Text: "x"}}, Delete: []string{"gone"}}
	got, replayed, err := e.s.SavePage(e.ctx, retry)
	errIs(t, "replayed SavePage", err, nil)
	if !replayed || string(got) != `{"next":"work"}` {
		t.Errorf("replay = %q, %v; want the first result, true", got, replayed)
	}
	if diff := cmp.Diff(rowsBefore, e.counts()); diff != "" {
		t.Errorf("row counts changed by a replay (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(before, e.state(r.ID)); diff != "" {
		t.Errorf("response changed by a replay (-before +after):\n%s", diff)
	}
	resp, err := e.s.Response(e.ctx, r.ID)
	errIs(t, "Response", err, nil)
	if !resp.UpdatedHour.Equal(testHour) {
		t.Errorf("replay touched updated_hour: %v", resp.UpdatedHour)
	}
}

func testSavePageKeyOtherResponse(t *testing.T, e *env) {
	f := e.fixture()
	a, b := e.response(f, 0, "a"), e.response(f, 1, "b")
	e.save(PageSave{ResponseID: a.ID, Key: "shared", Set: survey.Answers{"q": {Text: "a"}}, Result: []byte("a")})
	before, rows := e.state(b.ID), e.counts()
	res, replayed, err := e.s.SavePage(e.ctx, PageSave{ResponseID: b.ID, Key: "shared", Set: survey.Answers{"q": {Text: "b"}}})
	errIs(t, "SavePage with another response's key", err, ErrConflict)
	if res != nil || replayed {
		t.Errorf("conflict returned result %q, replayed %v", res, replayed)
	}
	if diff := cmp.Diff(before, e.state(b.ID)); diff != "" {
		t.Errorf("response b changed (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(rows, e.counts()); diff != "" {
		t.Errorf("rows changed (-before +after):\n%s", diff)
	}
}

func testSavePageSubmitted(t *testing.T, e *env) {
	f := e.fixture()
	r := e.response(f, 0, "s")
	e.clock.Set(testNow.Add(time.Hour))
	e.save(PageSave{ResponseID: r.ID, Key: "final", Set: survey.Answers{"q": {Text: "1"}}, Submit: true, Result: []byte("thanks")})
	got, err := e.s.Response(e.ctx, r.ID)
	errIs(t, "Response", err, nil)
	if wantHour := testHour.Add(time.Hour); got.Status != ResponseSubmitted || got.SubmittedHour == nil || !got.SubmittedHour.Equal(wantHour) {
		t.Fatalf("after submit: status %q, submitted hour %v; want %q at %v", got.Status, got.SubmittedHour, ResponseSubmitted, wantHour)
	}
	before, rows := e.state(r.ID), e.counts()
	for _, p := range []PageSave{
		{Key: "late", Set: survey.Answers{"q": {Text: "2"}}},
		{Key: "late-delete", Delete: []string{"q"}},
		{Key: "late-expect", ExpectStatus: ResponseInProgress, Submit: true},
	} {
		p.ResponseID = r.ID
		_, _, err := e.s.SavePage(e.ctx, p)
		errIs(t, "SavePage after submit ("+p.Key+")", err, ErrSubmitted)
		errIs(t, "ErrSubmitted is a conflict", err, ErrConflict)
	}
	res, replayed, err := e.s.SavePage(e.ctx, PageSave{ResponseID: r.ID, Key: "final", Submit: true})
	errIs(t, "retry of the final page", err, nil)
	if !replayed || string(res) != "thanks" {
		t.Errorf("retry of the final page = %q, %v; want the stored result", res, replayed)
	}
	if diff := cmp.Diff(before, e.state(r.ID)); diff != "" {
		t.Errorf("submitted response changed (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(rows, e.counts()); diff != "" {
		t.Errorf("rows changed (-before +after):\n%s", diff)
	}
}

func testSavePageValidation(t *testing.T, e *env) {
	f := e.fixture()
	r := e.response(f, 0, "s")
	tests := []struct {
		name string
		save PageSave
		want error
	}{
		{"empty key", PageSave{ResponseID: r.ID}, ErrInvalid},
		{"set and delete", PageSave{Key: "k", Set: survey.Answers{"q": {Text: "1"}}, Delete: []string{"q"}}, ErrInvalid},
		{"set and clear", PageSave{Key: "k", Set: survey.Answers{"q": {Text: "1"}}, Clear: []Cleared{{ItemID: "q", CauseItem: "c"}}}, ErrInvalid},
		{"empty answer", PageSave{Key: "k", Set: survey.Answers{"q": {}}}, ErrInvalid},
		{"empty item id", PageSave{Key: "k", Delete: []string{""}}, ErrInvalid},
		{"clear without cause", PageSave{Key: "k", Clear: []Cleared{{ItemID: "q"}}}, ErrInvalid},
		{"unknown expected status", PageSave{Key: "k", ExpectStatus: "done"}, ErrInvalid},
		{"expect submitted", PageSave{Key: "k", ExpectStatus: ResponseSubmitted}, ErrConflict},
		{"unknown response", PageSave{ResponseID: "nope", Key: "k"}, ErrNotFound},
	}
	rows := e.counts()
	for _, tt := range tests {
		if tt.save.ResponseID == "" {
			tt.save.ResponseID = r.ID
		}
		res, replayed, err := e.s.SavePage(e.ctx, tt.save)
		errIs(t, tt.name, err, tt.want)
		if res != nil || replayed || errors.Is(err, ErrSubmitted) {
			t.Errorf("%s: result %q replayed %v err %v", tt.name, res, replayed, err)
		}
	}
	if diff := cmp.Diff(rows, e.counts()); diff != "" {
		t.Errorf("rejected saves wrote rows (-before +after):\n%s", diff)
	}
}

// testSavePageHours reads every time column a respondent's actions touch
// and checks each is on the hour.
func testSavePageHours(t *testing.T, e *env) {
	f := e.fixture()
	r := e.response(f, 0, "s")
	e.save(PageSave{ResponseID: r.ID, Key: "k1", Set: survey.Answers{"q": {Text: "1"}, "h": {Text: "2"}}})
	e.save(PageSave{ResponseID: r.ID, Key: "k2", Clear: []Cleared{{ItemID: "h", CauseItem: "q"}}, Submit: true})
	for _, q := range []string{
		"SELECT created_hour FROM responses", "SELECT updated_hour FROM responses",
		"SELECT submitted_hour FROM responses", "SELECT saved_hour FROM answers",
		"SELECT cleared_hour FROM cleared", "SELECT created_hour FROM page_saves",
	} {
		var got []time.Time
		if err := e.s.reader.WithContext(e.ctx).Raw(q).Scan(&got).Error; err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if len(got) == 0 {
			t.Errorf("%s: no rows", q)
		}
		for _, h := range got {
			if !h.Equal(testHour) {
				t.Errorf("%s = %v, want %v (clock was %v)", q, h, testHour, testNow)
			}
		}
	}
}

// testSavePageKeyReused: a key answers only a retry of its own request.
// The same key with another operation or other content is ErrKeyReused
// and changes nothing; rows from before operations were recorded still
// replay for their own operation.
func testSavePageKeyReused(t *testing.T, e *env) {
	f := e.fixture()
	r := e.response(f, 0, "s")
	page := PageSave{ResponseID: r.ID, Key: "k1", Operation: "page", RequestHash: []byte("h1"), Section: "work",
		Set: survey.Answers{"q": {Text: "1"}}, Result: []byte("first")}
	e.save(page)
	before, rows := e.state(r.ID), e.counts()
	for _, p := range []PageSave{
		{Operation: "submit", RequestHash: []byte("h1"), Submit: true},
		{Operation: "page", RequestHash: []byte("h2"), Set: survey.Answers{"q": {Text: "2"}}},
		{Operation: "page"},
	} {
		p.ResponseID, p.Key = r.ID, "k1"
		res, replayed, err := e.s.SavePage(e.ctx, p)
		errIs(t, "key reused by "+p.Operation, err, ErrKeyReused)
		if res != nil || replayed {
			t.Errorf("reused key returned %q, replayed %v", res, replayed)
		}
	}
	res, replayed, err := e.s.SavePage(e.ctx, page)
	errIs(t, "retry", err, nil)
	if !replayed || string(res) != "first" {
		t.Errorf("retry = %q, %v; want the first result", res, replayed)
	}
	if diff := cmp.Diff(before, e.state(r.ID)); diff != "" {
		t.Errorf("state changed (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(rows, e.counts()); diff != "" {
		t.Errorf("rows changed (-before +after):\n%s", diff)
	}

	// A row from before operations were recorded: its result tells a
	// submit from a page save, and any content of that operation replays.
	legacy := pageSaveRow{Key: "old", ResponseID: r.ID, Result: []byte(`{"next":"work"}`), CreatedHour: testHour}
	errIs(t, "insert legacy row", e.s.writer.Create(&legacy).Error, nil)
	_, _, err = e.s.SavePage(e.ctx, PageSave{ResponseID: r.ID, Key: "old", Operation: "submit", Submit: true})
	errIs(t, "submit with a legacy page key", err, ErrKeyReused)
	res, replayed, err = e.s.SavePage(e.ctx, PageSave{ResponseID: r.ID, Key: "old", Operation: "page", RequestHash: []byte("any")})
	errIs(t, "page retry with a legacy key", err, nil)
	if !replayed || string(res) != `{"next":"work"}` {
		t.Errorf("legacy replay = %q, %v", res, replayed)
	}
}

// testChangeResponseDecide: decide sees the answers as committed, its
// error comes back unwrapped with nothing written, and a nil change
// writes nothing (not even the key).
func testChangeResponseDecide(t *testing.T, e *env) {
	f := e.fixture()
	r := e.response(f, 0, "s")
	e.save(PageSave{ResponseID: r.ID, Key: "k1", Set: survey.Answers{"q": {Text: "1"}}})
	rows := e.counts()
	stop := errors.New("stop")
	var seen survey.Answers
	_, _, err := e.s.ChangeResponse(e.ctx, Request{ResponseID: r.ID, Key: "k2"}, func(s Snapshot) (*PageSave, error) {
		seen = s.Answers
		return &PageSave{Set: survey.Answers{"q": {Text: "2"}}}, stop
	})
	if err != stop {
		t.Errorf("decide's error came back as %v", err)
	}
	if diff := cmp.Diff(survey.Answers{"q": {Text: "1"}}, seen); diff != "" {
		t.Errorf("decide saw (-want +got):\n%s", diff)
	}
	res, replayed, err := e.s.ChangeResponse(e.ctx, Request{ResponseID: r.ID, Key: "k2"}, func(Snapshot) (*PageSave, error) { return nil, nil })
	errIs(t, "nil change", err, nil)
	if res != nil || replayed {
		t.Errorf("nil change = %q, %v", res, replayed)
	}
	if diff := cmp.Diff(rows, e.counts()); diff != "" {
		t.Errorf("rows changed (-before +after):\n%s", diff)
	}
	_, _, err = e.s.ChangeResponse(e.ctx, Request{ResponseID: "nope", Key: "k3"}, func(Snapshot) (*PageSave, error) { return nil, nil })
	errIs(t, "unknown response", err, ErrNotFound)
}
