package store

import (
	"fmt"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/researchpulse/pulse/internal/survey"
)

// Concurrency cases of SavePage: phones retry, and a double-tapped submit
// button sends the same key twice at once.

func testSavePageConcurrentSameKey(t *testing.T, e *env) {
	f := e.fixture()
	r := e.response(f, 0, "s")
	const n = 16
	type outcome struct {
		result   string
		replayed bool
		err      error
	}
	outcomes := make([]outcome, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			res, replayed, err := e.s.SavePage(e.ctx, PageSave{
				ResponseID: r.ID, Key: "same-key", Result: fmt.Appendf(nil, "result-%d", i),
				Set: survey.Answers{"q": {Text: fmt.Sprint(i)}, fmt.Sprintf("only-%d", i): {Text: "x"}},
			})
			outcomes[i] = outcome{string(res), replayed, err}
		})
	}
	wg.Wait()
	applied := -1
	for i, o := range outcomes {
		errIs(t, fmt.Sprintf("goroutine %d", i), o.err, nil)
		if !o.replayed {
			if applied >= 0 {
				t.Fatalf("goroutines %d and %d both applied the key", applied, i)
			}
			applied = i
		}
	}
	if applied < 0 {
		t.Fatal("no goroutine applied the key")
	}
	want := fmt.Sprintf("result-%d", applied)
	for i, o := range outcomes {
		if o.result != want {
			t.Errorf("goroutine %d got %q, want the applied result %q", i, o.result, want)
		}
	}
	answers, err := e.s.Answers(e.ctx, r.ID)
	errIs(t, "Answers", err, nil)
	wantAnswers := survey.Answers{"q": {Text: fmt.Sprint(applied)}, fmt.Sprintf("only-%d", applied): {Text: "x"}}
	if diff := cmp.Diff(wantAnswers, answers); diff != "" {
		t.Errorf("answers (-want +got):\n%s", diff)
	}
	if c := e.counts(); c["page_saves"] != 1 || c["answers"] != 2 {
		t.Errorf("rows: %v; want 1 page save and 2 answers", c)
	}
}

func testSavePageConcurrentDistinctKeys(t *testing.T, e *env) {
	f := e.fixture()
	r := e.response(f, 0, "s")
	const n = 16
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			_, _, errs[i] = e.s.SavePage(e.ctx, PageSave{ResponseID: r.ID, Key: fmt.Sprintf("key-%d", i),
				Set: survey.Answers{fmt.Sprintf("item-%d", i): {Text: fmt.Sprint(i)}}})
		})
	}
	wg.Wait()
	want := survey.Answers{}
	for i, err := range errs {
		errIs(t, fmt.Sprintf("goroutine %d", i), err, nil)
		want[fmt.Sprintf("item-%d", i)] = survey.Answer{Text: fmt.Sprint(i)}
	}
	got, err := e.s.Answers(e.ctx, r.ID)
	errIs(t, "Answers", err, nil)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("lost updates (-want +got):\n%s", diff)
	}
}

// testChangeResponseConcurrent: decisions made at the same time on one
// response each see the answers as the others left them. Every goroutine
// reads a counter and writes it plus one; none may be lost.
func testChangeResponseConcurrent(t *testing.T, e *env) {
	f := e.fixture()
	r := e.response(f, 0, "s")
	const n = 16
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			_, _, errs[i] = e.s.ChangeResponse(e.ctx, Request{ResponseID: r.ID, Key: fmt.Sprintf("inc-%d", i)}, func(s Snapshot) (*PageSave, error) {
				count := 0
				if a, ok := s.Answers["counter"]; ok {
					fmt.Sscan(a.Text, &count)
				}
				return &PageSave{Set: survey.Answers{"counter": {Text: fmt.Sprint(count + 1)}}}, nil
			})
		})
	}
	wg.Wait()
	for i, err := range errs {
		errIs(t, fmt.Sprintf("goroutine %d", i), err, nil)
	}
	got, err := e.s.Answers(e.ctx, r.ID)
	errIs(t, "Answers", err, nil)
	if got["counter"].Text != fmt.Sprint(n) {
		t.Errorf("counter = %s after %d concurrent increments", got["counter"].Text, n)
	}
}
