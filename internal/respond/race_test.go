package respond

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/researchpulse/pulse/internal/store"
)

// raceTrials is how many times each race is run. Each trial is a fresh
// response on the same real SQLite file, with both requests released at
// once.
const raceTrials = 40

// together runs the functions at the same moment and waits for them.
func together(fns ...func()) {
	var ready, done sync.WaitGroup
	gate := make(chan struct{})
	for _, fn := range fns {
		ready.Add(1)
		done.Add(1)
		go func() {
			defer done.Done()
			ready.Done()
			<-gate
			fn()
		}()
	}
	ready.Wait()
	close(gate)
	done.Wait()
}

// TestParallelSavesNeverKeepHiddenAnswers saves two pages of one response
// at once: the role page, making the respondent a nurse (which hides the
// strategy page), and the strategy page itself. Whichever wins, no answer
// to a hidden item may be left stored.
func TestParallelSavesNeverKeepHiddenAnswers(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	violations := 0
	for trial := range raceTrials {
		st, _ := f.start(t)
		id := st.Response.ID
		f.save(t, id, "role", fmt.Sprint("r", trial, "-1"), vals("A01", "doctor"))
		f.save(t, id, "research", fmt.Sprint("r", trial, "-2"), vals("B01", "recruit"))
		var errRole, errStrategy error
		together(
			func() {
				_, errRole = f.svc.Save(ctx, id, "role", Input{Key: fmt.Sprint("r", trial, "-3"), Values: vals("A01", "nurse")})
			},
			func() {
				_, errStrategy = f.svc.Save(ctx, id, "strategy", Input{Key: fmt.Sprint("r", trial, "-4"), Values: vals("C01", "More time")})
			},
		)
		if errRole != nil {
			t.Fatalf("trial %d: role save: %v", trial, errRole)
		}
		if errStrategy != nil && !errors.Is(errStrategy, ErrPageUnavailable) {
			t.Fatalf("trial %d: strategy save: %v", trial, errStrategy)
		}
		answers := f.answers(t, id)
		if _, cleared := st.Q.Prune(answers); len(cleared) > 0 {
			violations++
		}
	}
	if violations > 0 {
		t.Errorf("%d of %d trials left answers to hidden items stored", violations, raceTrials)
	}
}

// TestSubmitRacingARouteChangeNeverSkipsRequiredAnswers submits a
// complete response while a save on the research page opens a grid of
// required statements. Either the save lands first and the submit is
// refused, or the submit lands first and the save is refused; a response
// submitted with required answers missing is a violation.
func TestSubmitRacingARouteChangeNeverSkipsRequiredAnswers(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	violations := 0
	for trial := range raceTrials {
		st, _ := f.start(t)
		id := st.Response.ID
		f.save(t, id, "role", fmt.Sprint("s", trial, "-1"), vals("A01", "nurse"))
		f.save(t, id, "research", fmt.Sprint("s", trial, "-2"), vals("B01", "recruit"))
		var errSave, errSubmit error
		together(
			func() {
				_, errSave = f.svc.Save(ctx, id, "research", Input{Key: fmt.Sprint("s", trial, "-3"),
					Values: vals("B01", "pi"), Shown: []string{"B01"}})
			},
			func() { _, errSubmit = f.svc.Submit(ctx, id, fmt.Sprint("s", trial, "-4")) },
		)
		if errSave != nil && !errors.Is(errSave, store.ErrSubmitted) {
			t.Fatalf("trial %d: save: %v", trial, errSave)
		}
		if errSubmit != nil {
			t.Fatalf("trial %d: submit: %v", trial, errSubmit)
		}
		now, err := f.svc.State(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if now.Submitted() && !now.Q.Completion(now.Answers).Complete() {
			violations++
		}
	}
	if violations > 0 {
		t.Errorf("%d of %d trials submitted a response with required answers missing", violations, raceTrials)
	}
}
