package store

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/researchpulse/pulse/internal/analysis"
	"github.com/researchpulse/pulse/internal/survey"
)

func init() {
	responseCases = append(responseCases,
		storeCase{"ReadReviewBatches", testReadReviewBatches},
		storeCase{"ReadReviewSnapshot", testReadReviewSnapshot},
		storeCase{"ImportResponsesRefuses", testImportRefuses},
	)
}

// imported makes n responses for trust i of the fixture with ids
// r0000…, every third submitted, every fifth a test, with answers that
// include a code list, free text with awkward characters and a clearing.
func imported(f fixture, n int) []ImportedResponse {
	out := make([]ImportedResponse, n)
	for i := range out {
		r := ImportedResponse{
			ID: fmt.Sprintf("r%04d", i), TrustID: f.trusts[i%2].ID, Status: ResponseInProgress, Test: i%5 == 0,
			Language: "en", Section: "barriers", Furthest: "barriers", Created: testNow,
			Answers: survey.Answers{
				"A01": {Codes: []string{"nurse"}},
				"C02": {Codes: []string{"no_time", "no_funding"}, Other: "Ŵ \"quoted\" [x]"},
				"D05": {Text: fmt.Sprintf("=cmd|' /C calc'!A0 🙂 %d\nline two", i)},
			},
			Cleared: []Cleared{{ItemID: "B02", CauseItem: "B01"}, {ItemID: "B02", CauseItem: "B01"}, {ItemID: "B03", CauseItem: "B01"}},
		}
		if i%3 == 0 {
			r.Status, r.Submitted, r.Furthest = ResponseSubmitted, testNow.Add(time.Hour), "_done"
		}
		out[i] = r
	}
	return out
}

// testReadReviewBatches: more responses than one batch come back once
// each, in id order, with their trusts, levels, hours, answers, furthest
// section and cleared items (each once).
func testReadReviewBatches(t *testing.T, e *env) {
	f := e.fixture()
	in := imported(f, ResponseBatch+37)
	errIs(t, "ImportResponses", e.s.ImportResponses(e.ctx, f.review.ID, in), nil)
	var got []*StoredResponse
	var count int
	err := e.s.ReadReview(e.ctx, f.review.ID, func(rs *ReviewSnapshot) error {
		var err error
		if count, err = rs.CountResponses(); err != nil {
			return err
		}
		return rs.EachResponse(func(r *StoredResponse) error {
			c := *r
			got = append(got, &c)
			return nil
		})
	})
	errIs(t, "ReadReview", err, nil)
	if count != len(in) || len(got) != len(in) {
		t.Fatalf("count %d, read %d, want %d", count, len(got), len(in))
	}
	for i, r := range got {
		want := StoredResponse{Response: analysis.Response{ID: in[i].ID, Trust: testTrusts[i%2].Code,
			Level: analysis.ActivityLevel(testTrusts[i%2].Quintile), Test: i%5 == 0, Created: testHour, Answers: in[i].Answers},
			Language: "en", Furthest: in[i].Furthest, Cleared: []string{"B02", "B03"}}
		if i%3 == 0 {
			want.Submitted, want.SubmittedAt = true, testHour.Add(time.Hour)
		}
		if diff := cmp.Diff(want, *r); diff != "" {
			t.Fatalf("response %d (-want +got):\n%s", i, diff)
		}
	}
	stop := errors.New("stop here")
	calls := 0
	err = e.s.ReadReview(e.ctx, f.review.ID, func(rs *ReviewSnapshot) error {
		return rs.EachResponse(func(*StoredResponse) error { calls++; return stop })
	})
	if err != stop || calls != 1 {
		t.Errorf("an error from the callback: err = %v after %d calls, want it back unwrapped after 1", err, calls)
	}
	errIs(t, "ReadReview(unknown)", e.s.ReadReview(e.ctx, f.review.ID+99, func(*ReviewSnapshot) error { return nil }), ErrNotFound)
}

// testReadReviewSnapshot: answers saved while a review is being read are
// not seen by that reading.
func testReadReviewSnapshot(t *testing.T, e *env) {
	f := e.fixture()
	errIs(t, "ImportResponses", e.s.ImportResponses(e.ctx, f.review.ID, imported(f, 3)), nil)
	seen := 0
	err := e.s.ReadReview(e.ctx, f.review.ID, func(rs *ReviewSnapshot) error {
		if _, err := rs.CountResponses(); err != nil { // the snapshot starts here
			return err
		}
		late := e.response(f, 0, "late")
		e.save(PageSave{ResponseID: late.ID, Key: "late-1", Set: survey.Answers{"A01": {Codes: []string{"nurse"}}}, Result: []byte("{}")})
		return rs.EachResponse(func(*StoredResponse) error { seen++; return nil })
	})
	errIs(t, "ReadReview", err, nil)
	if seen != 3 {
		t.Errorf("read %d responses, want the 3 there when reading began", seen)
	}
}

// testImportRefuses: bad responses are refused before anything is written,
// and a taken id or a trust without a link writes nothing of its batch.
func testImportRefuses(t *testing.T, e *env) {
	f := e.fixture()
	good := imported(f, 2)
	noSubmitted := good[0]
	noSubmitted.Submitted = time.Time{}
	for _, tc := range []struct {
		name string
		rs   []ImportedResponse
		want error
	}{
		{"empty id", []ImportedResponse{{Status: ResponseInProgress}}, ErrInvalid},
		{"id with other characters", []ImportedResponse{func() ImportedResponse { r := good[0]; r.ID = "R-1"; return r }()}, ErrInvalid},
		{"submitted without a time", []ImportedResponse{noSubmitted}, ErrInvalid},
		{"unlinked trust", []ImportedResponse{func() ImportedResponse { r := good[1]; r.TrustID = 999; return r }()}, ErrNotFound},
	} {
		errIs(t, tc.name, e.s.ImportResponses(e.ctx, f.review.ID, tc.rs), tc.want)
	}
	errIs(t, "unknown review", e.s.ImportResponses(e.ctx, f.review.ID+9, good), ErrNotFound)
	errIs(t, "first import", e.s.ImportResponses(e.ctx, f.review.ID, good), nil)
	before := e.counts()
	errIs(t, "taken id", e.s.ImportResponses(e.ctx, f.review.ID, good), ErrConflict)
	if diff := cmp.Diff(before, e.counts()); diff != "" {
		t.Errorf("a refused import changed the database:\n%s", diff)
	}
}
