package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/researchpulse/pulse/internal/loadgen"
	"github.com/researchpulse/pulse/internal/store"
)

// buildPulse builds the real pulse binary, with build tags if given.
func buildPulse(t *testing.T, tags string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "pulse")
	args := []string{"build", "-o", bin}
	if tags != "" {
		args = append(args, "-tags", tags)
	}
	cmd := exec.Command("go", append(args, ".")...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// crashCycle is what one start-load-kill cycle found.
type crashCycle struct {
	ready     time.Duration // from process start to /readyz 200
	acks      int
	check     loadgen.Check
	integrity string
}

// crashRun starts the binary on db, loads it, kills it with SIGKILL at a
// random moment, then checks the file and every acknowledged save.
func crashRun(t *testing.T, bin, db string, rng *rand.Rand) crashCycle {
	t.Helper()
	ctx := context.Background()
	out := &lockedBuffer{}
	cmd := exec.Command(bin, "serve", "--demo", "--addr", "127.0.0.1:0", "--db", db,
		"--questionnaires", "../../questionnaires", "--client-limit", "-1")
	cmd.Stdout, cmd.Stderr = out, io.Discard
	started := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	srv := &benchServer{done: exited, cmd: cmd}
	if err := srv.waitReady(out); err != nil {
		t.Fatal(err)
	}
	c := crashCycle{ready: time.Since(started)}

	lctx, stopLoad := context.WithCancel(ctx)
	results := make(chan loadgen.Result, 1)
	go func() {
		res, err := loadgen.Run(lctx, loadgen.Config{BaseURL: srv.base, Links: srv.links, Clients: 16,
			Duration: 10 * time.Second, HTML: 0.5, Seed: rng.Uint64()})
		if err != nil {
			t.Error(err)
		}
		results <- res
	}()
	time.Sleep(time.Duration(700+rng.IntN(1300)) * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-exited
	stopLoad()
	res := <-results
	c.acks = len(res.Acks)

	c.integrity = "ok"
	if _, err := store.CheckBackup(ctx, db); err != nil {
		c.integrity = err.Error()
	}
	st, err := store.Open(ctx, store.Config{Path: db})
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer st.Close()
	if c.check, err = loadgen.Verify(ctx, st, res.Acks); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestCrash is the crash test: the real binary under load, killed with
// SIGKILL at random moments and restarted, ten times. After every kill the
// database passes integrity_check, every save the server acknowledged is
// stored exactly once with what was sent, and the restarted server is
// ready within a second (the median of the restarts: one start on a busy
// shared machine may wait for a processor; none may take over 5 s).
func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("the crash test builds and kills the real binary; skipped with -short")
	}
	bin := buildPulse(t, "")
	db := filepath.Join(t.TempDir(), "pulse.db")
	rng := rand.New(rand.NewPCG(2026, 12))
	var lines []string
	var restarts []time.Duration
	total := 0
	for i := range 10 {
		c := crashRun(t, bin, db, rng)
		total += c.acks
		lines = append(lines, fmt.Sprintf("cycle %2d: ready in %4d ms, %5d acknowledged, %d missing, %d duplicated, %d stored differently, integrity %s",
			i+1, c.ready.Milliseconds(), c.acks, len(c.check.Missing), len(c.check.Duplicated), len(c.check.Wrong), c.integrity))
		switch {
		case c.integrity != "ok":
			t.Errorf("cycle %d: integrity check: %s", i+1, c.integrity)
		case !c.check.OK():
			t.Errorf("cycle %d: lost or changed acknowledged saves: %v %v %v", i+1, c.check.Missing, c.check.Duplicated, c.check.Wrong)
		case c.acks == 0:
			t.Errorf("cycle %d: nothing was acknowledged; the load did not run", i+1)
		case i > 0 && c.ready > 5*time.Second:
			t.Errorf("cycle %d: ready after %s; want within 1 s, and never over 5 s", i+1, c.ready)
		}
		if i > 0 {
			restarts = append(restarts, c.ready)
		}
	}
	slices.Sort(restarts)
	if median := restarts[len(restarts)/2]; median > time.Second {
		t.Errorf("median time to ready after a kill %s; want within 1 s", median)
	}
	t.Logf("%d acknowledged saves over 10 SIGKILL cycles:\n%s", total, strings.Join(lines, "\n"))
}

// TestCrashTestSeesLoss builds the deliberately broken binary that
// acknowledges a page before committing it, and runs the same cycles: the
// crash test must find acknowledged saves missing, or it proves nothing.
func TestCrashTestSeesLoss(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the real binary; skipped with -short")
	}
	bin := buildPulse(t, "pulse_ack_before_commit")
	db := filepath.Join(t.TempDir(), "pulse.db")
	rng := rand.New(rand.NewPCG(7, 7))
	missing := 0
	for range 3 {
		missing += len(crashRun(t, bin, db, rng).check.Missing)
	}
	if missing == 0 {
		t.Fatal("the crash test found no lost save in a build that acknowledges before committing")
	}
	t.Logf("the broken build lost %d acknowledged saves over 3 cycles; the crash test sees loss", missing)
}
