package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"

	"github.com/researchpulse/pulse/internal/loadgen"
)

// runStartupBench is `pulse bench --startup N`: it makes a database of N
// responses (a short real load, then copies of its responses by SQL),
// and times `pulse serve` from its start to the first 200 on /readyz,
// --runs times.
func runStartupBench(ctx context.Context, env *cliEnv, f benchFlags) error {
	db := f.db
	if db == "" {
		tmp, err := os.MkdirTemp("", "pulse-bench-startup-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		db = filepath.Join(tmp, "pulse.db")
	}
	t0 := time.Now()
	_, statErr := os.Stat(db)
	if os.IsNotExist(statErr) {
		// Real respondents first, so that every copy is a real response.
		seed := f
		seed.db, seed.clients, seed.duration, seed.profile = db, 16, 3*time.Second, ""
		r, err := benchOnce(ctx, env, seed, 0)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "seeded %s with %d real responses (%d saves)\n", db, r.Started, r.Saves)
	}
	n, err := loadgen.Grow(ctx, db, f.startup)
	if err != nil {
		return err
	}
	size := fileSize(db) + fileSize(db+"-wal")
	how := fmt.Sprintf("made in %.1f s", time.Since(t0).Seconds())
	if statErr == nil {
		how = "an existing file, grown if it was smaller"
	}
	fmt.Fprintf(env.stdout, "database of %d responses, %.0f MB (%s)\n", n, float64(size)/(1<<20), how)
	// Every run starts with the file in the page cache, as a restarted
	// server's usually is: a cold read is the disk's time, not the server's.
	t1 := time.Now()
	if err := readThrough(db); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "file read once into the page cache in %.1f s\n", time.Since(t1).Seconds())
	var times []float64
	for range f.runs {
		d, err := timeToReady(ctx, f.dir, db)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "  ready in %.0f ms\n", float64(d)/float64(time.Millisecond))
		times = append(times, float64(d)/float64(time.Millisecond))
	}
	s := spreadOf(times)
	fmt.Fprintf(env.stdout, "start-up to /readyz 200 at %d responses: median %s ms (%s–%s) over %d runs\n", n, num(s.Median), num(s.Min), num(s.Max), f.runs)
	if f.jsonFile != "" {
		return writeJSON(f.jsonFile, map[string]any{"responses": n, "file_mb": float64(size) / (1 << 20), "ready_ms": times, "summary": s})
	}
	return nil
}

// timeToReady starts `pulse serve` on db and returns the time from the
// start of the process to its first 200 on /readyz.
func timeToReady(ctx context.Context, dir, db string) (time.Duration, error) {
	// A free port chosen beforehand, so that /readyz can be asked from
	// the first moment.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	addr := ln.Addr().String()
	ln.Close()
	exe, err := os.Executable()
	if err != nil {
		return 0, err
	}
	cmd := exec.CommandContext(ctx, exe, "serve", "--addr", addr, "--db", db, "--questionnaires", dir)
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	defer func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		<-done
	}()
	for time.Since(start) < 5*time.Minute {
		if ready("http://" + addr) {
			return time.Since(start), nil
		}
		select {
		case err := <-done:
			done <- err
			return 0, fmt.Errorf("server stopped before it was ready: %v", err)
		case <-time.After(2 * time.Millisecond):
		}
	}
	return 0, fmt.Errorf("server not ready within 5 minutes on %s", db)
}

// readThrough reads a file to its end.
func readThrough(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(io.Discard, f)
	return err
}

func fileSize(p string) int64 {
	st, err := os.Stat(p)
	if err != nil {
		return 0
	}
	return st.Size()
}
