package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/researchpulse/pulse/internal/survey"
	"github.com/researchpulse/pulse/internal/turns"
	"gorm.io/gorm"
)

// batchOf holds the writer busy with one write, queues the writes given
// meanwhile, in order, so they are taken together, and returns each one's error and
// how many commits they took.
func batchOf(t *testing.T, e *env, fns ...func(tx *gorm.DB) error) ([]error, int64) {
	t.Helper()
	started, release := make(chan struct{}), make(chan struct{})
	blocker := make(chan error, 1)
	go func() {
		blocker <- e.s.write(e.ctx, func(*gorm.DB) error { close(started); <-release; return nil })
	}()
	<-started
	before := e.s.commits.commits.Load()
	errs := make([]error, len(fns))
	var wg sync.WaitGroup
	for i, fn := range fns {
		wg.Go(func() { errs[i] = e.s.write(e.ctx, fn) })
		for len(e.s.commits.queue) < i+1 { // queued in the order given
			time.Sleep(100 * time.Microsecond)
		}
	}
	close(release)
	wg.Wait()
	errIs(t, "blocking write", <-blocker, nil)
	return errs, e.s.commits.commits.Load() - before - 1
}

func insertTrust(code string) func(tx *gorm.DB) error {
	return func(tx *gorm.DB) error {
		return tx.Exec(`INSERT INTO trusts (code, name, nation, quintile, kind) VALUES (?, ?, 'england', 1, '')`, code, "Trust "+code).Error
	}
}

func trustCodes(t *testing.T, e *env) string {
	t.Helper()
	var codes []string
	if err := e.s.reader.Table("trusts").Order("code").Pluck("code", &codes).Error; err != nil {
		t.Fatal(err)
	}
	return strings.Join(codes, ",")
}

// TestGroupCommitFailureStaysAlone: writes sharing a transaction where
// one fails after writing (a constraint, an error of its own) — the
// others commit, the failed one leaves nothing and gets its own error.
func TestGroupCommitFailureStaysAlone(t *testing.T) {
	e := openEnv(t, sqliteConfig(t))
	mine := errors.New("refused after writing")
	errs, commits := batchOf(t, e,
		insertTrust("A1"),
		func(tx *gorm.DB) error { // writes, then fails on a duplicate
			if err := insertTrust("B1")(tx); err != nil {
				return err
			}
			return insertTrust("A1")(tx)
		},
		insertTrust("C1"),
		func(tx *gorm.DB) error { // writes, then refuses
			if err := insertTrust("D1")(tx); err != nil {
				return err
			}
			return mine
		},
		insertTrust("E1"),
	)
	if errs[0] != nil || errs[2] != nil || errs[4] != nil {
		t.Errorf("healthy writes failed: %v", errs)
	}
	if errs[1] == nil || !errors.Is(errs[3], mine) {
		t.Errorf("failing writes: got %v and %v", errs[1], errs[3])
	}
	if commits != 1 {
		t.Errorf("five writes took %d commits, want 1", commits)
	}
	if got := trustCodes(t, e); got != "A1,C1,E1" {
		t.Errorf("trusts after the batch: %s, want A1,C1,E1", got)
	}
}

// TestGroupCommitDiskFull: a save that fills the disk while sharing a
// transaction fails alone; the small saves beside it are committed.
func TestGroupCommitDiskFull(t *testing.T) {
	cfg := sqliteConfig(t)
	cfg.MaxPageCount = 64
	e := openEnv(t, cfg)
	f := e.fixture()
	r := e.response(f, 0, "s")
	big := strings.Repeat("long answer text ", 20000) // ~340 KB: more than the database may hold
	save := func(key string, text string) func(tx *gorm.DB) error {
		return func(tx *gorm.DB) error {
			_, _, _, _, err := e.s.changeTx(tx, Request{ResponseID: r.ID, Key: key}, func(Snapshot) (*PageSave, error) {
				return &PageSave{Set: survey.Answers{key: {Text: text}}}, nil
			})
			return err
		}
	}
	errs, _ := batchOf(t, e, save("small1", "a"), save("huge", big), save("small2", "b"))
	if errs[0] != nil || errs[2] != nil {
		t.Fatalf("small saves beside a full disk failed: %v", errs)
	}
	if errs[1] == nil || !strings.Contains(errs[1].Error(), "full") {
		t.Fatalf("huge save: %v, want a disk-full error", errs[1])
	}
	answers, err := e.s.Answers(e.ctx, r.ID)
	errIs(t, "Answers", err, nil)
	if fmt.Sprint(answers) != fmt.Sprint(survey.Answers{"small1": {Text: "a"}, "small2": {Text: "b"}}) {
		t.Errorf("answers after the batch: %v", answers)
	}
}

// TestGroupCommitQueueIsFIFO: writes waiting for the writer run in the
// order they arrived.
func TestGroupCommitQueueIsFIFO(t *testing.T) {
	e := openEnv(t, sqliteConfig(t))
	started, release := make(chan struct{}), make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- e.s.write(e.ctx, func(*gorm.DB) error { close(started); <-release; return nil })
	}()
	<-started
	var (
		mu    sync.Mutex
		order []int
		wg    sync.WaitGroup
	)
	for i := range 20 {
		wg.Go(func() {
			errIs(t, "write", e.s.write(e.ctx, func(*gorm.DB) error {
				mu.Lock()
				order = append(order, i)
				mu.Unlock()
				return nil
			}), nil)
		})
		for len(e.s.commits.queue) < i+1 { // queued before the next one starts
			time.Sleep(100 * time.Microsecond)
		}
	}
	close(release)
	wg.Wait()
	errIs(t, "blocking write", <-done, nil)
	for i, got := range order {
		if got != i {
			t.Fatalf("writes ran in the order %v, want arrival order", order)
		}
	}
}

// TestGroupCommitGivesTurnsAway: a write whose caller holds a turn
// (package turns) gives it back while it waits for the writer, so others
// run meanwhile; the commit answers it only once it has a turn again, and
// a render waiting then goes first.
func TestGroupCommitGivesTurnsAway(t *testing.T) {
	e := openEnv(t, sqliteConfig(t))
	q := turns.New(1)
	mine, err := q.Take(e.ctx, turns.Save)
	if err != nil {
		t.Fatal(err)
	}
	started, release := make(chan struct{}), make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- e.s.write(turns.With(e.ctx, mine), func(*gorm.DB) error { close(started); <-release; return nil })
	}()
	<-started
	// While the write is in the writer's hands, its turn is free.
	other, err := q.Take(e.ctx, turns.Render)
	if err != nil {
		t.Fatal(err)
	}
	close(release)
	select {
	case err := <-done:
		t.Fatalf("the write answered (%v) while its caller had no turn", err)
	case <-time.After(50 * time.Millisecond):
	}
	render := make(chan *turns.Turn, 1)
	go func() {
		tu, _ := q.Take(e.ctx, turns.Render)
		render <- tu
	}()
	for r, _ := q.Waiting(); r == 0; r, _ = q.Waiting() {
		time.Sleep(100 * time.Microsecond)
	}
	other.Release()
	tu := <-render // the render first
	select {
	case <-done:
		t.Fatal("the write answered before the render waiting gave its turn back")
	default:
	}
	tu.Release()
	errIs(t, "write", <-done, nil)
	// Only one turn: the write's caller holds it now.
	ctx, cancel := context.WithTimeout(e.ctx, 20*time.Millisecond)
	defer cancel()
	if _, err := q.Take(ctx, turns.Render); err == nil {
		t.Fatal("the write answered but its caller does not hold the turn")
	}
	mine.Release()
	if _, err := q.Take(e.ctx, turns.Render); err != nil {
		t.Fatal(err)
	}
}
