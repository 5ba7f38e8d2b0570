package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/researchpulse/pulse/internal/loadgen"
	"github.com/researchpulse/pulse/internal/store"
)

type benchFlags struct {
	clients   int
	duration  time.Duration
	requests  int
	html      float64
	seed      uint64
	dir, db   string
	inProcess bool
}

func parseBenchFlags(env *cliEnv, args []string) (benchFlags, error) {
	var f benchFlags
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.IntVar(&f.clients, "clients", 64, "concurrent respondents")
	fs.DurationVar(&f.duration, "duration", 20*time.Second, "how long to start respondents (at most 10m)")
	fs.IntVar(&f.requests, "requests", 0, "stop after this many requests (0: only the duration bounds the run)")
	fs.Float64Var(&f.html, "html", 0.5, "share of respondents using the HTML forms; the rest use the JSON API")
	fs.Uint64Var(&f.seed, "seed", 1, "random seed for the answers")
	fs.StringVar(&f.dir, "questionnaires", "questionnaires", "`directory` with the bundled questionnaire for the demo review")
	fs.StringVar(&f.db, "db", "", "SQLite `file` to use (default: a new one in a temporary directory, removed afterwards)")
	fs.BoolVar(&f.inProcess, "in-process", false, "run the server inside this process (its memory is then not measured apart)")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "Usage: pulse bench [--clients 64] [--duration 20s] [--requests N] [--html 0.5] [--seed 1]")
		fmt.Fprintln(env.stderr, "\nStarts `pulse serve --demo` on a fresh SQLite file on 127.0.0.1, drives respondents")
		fmt.Fprintln(env.stderr, "through the API and the HTML forms, then stops it and checks in the database")
		fmt.Fprintln(env.stderr, "that every acknowledged save is stored exactly once.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return f, errUsage
	}
	if fs.NArg() > 0 || f.clients < 1 || f.clients > 4096 || f.duration <= 0 || f.duration > 10*time.Minute || f.html < 0 || f.html > 1 {
		fs.Usage()
		return f, errUsage
	}
	return f, nil
}

// runBench is `pulse bench`.
func runBench(ctx context.Context, env *cliEnv, args []string) error {
	f, err := parseBenchFlags(env, args)
	if err != nil {
		return err
	}
	if f.db == "" {
		tmp, err := os.MkdirTemp("", "pulse-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		f.db = filepath.Join(tmp, "pulse.db")
	}
	srv, err := startBenchServer(ctx, env, f)
	if err != nil {
		return err
	}
	res, err := loadgen.Run(ctx, loadgen.Config{BaseURL: srv.base, Links: srv.links, Clients: f.clients,
		Duration: f.duration, Requests: f.requests, HTML: f.html, Seed: f.seed})
	rss := srv.peakRSS()
	if stopErr := srv.stop(); err == nil {
		err = stopErr
	}
	if err != nil {
		return err
	}
	check, err := verifyBench(ctx, f.db, res.Acks)
	if err != nil {
		return err
	}
	printBench(env.stdout, f, res, rss, check)
	if !check.OK() {
		return errFailed
	}
	return nil
}

func verifyBench(ctx context.Context, db string, acks []loadgen.Ack) (loadgen.Check, error) {
	st, err := store.Open(ctx, store.Config{Path: db})
	if err != nil {
		return loadgen.Check{}, err
	}
	defer st.Close()
	return loadgen.Verify(ctx, st, acks)
}

// benchServer is the server under load: a child process, or a goroutine.
type benchServer struct {
	base  string
	links []string
	cmd   *exec.Cmd
	done  chan error
	stopF func()
}

var benchLinkRE = regexp.MustCompile(`(http://127\.0\.0\.1:\d+)/r/([a-z0-9]+)`)

func startBenchServer(ctx context.Context, env *cliEnv, f benchFlags) (*benchServer, error) {
	// Every simulated respondent comes from 127.0.0.1: the per-address
	// limit on starts would measure itself, so it is off.
	args := []string{"serve", "--demo", "--addr", "127.0.0.1:0", "--db", f.db, "--questionnaires", f.dir, "--client-limit", "-1"}
	out := &lockedBuffer{}
	s := &benchServer{done: make(chan error, 1)}
	if f.inProcess {
		sctx, cancel := context.WithCancel(ctx)
		s.stopF = cancel
		go func() { s.done <- run(sctx, args, env.getenv, out, io.Discard) }()
	} else {
		exe, err := os.Executable()
		if err != nil {
			return nil, err
		}
		s.cmd = exec.CommandContext(ctx, exe, args...)
		s.cmd.Stdout, s.cmd.Stderr = out, io.Discard
		if err := s.cmd.Start(); err != nil {
			return nil, fmt.Errorf("start server: %w", err)
		}
		go func() { s.done <- s.cmd.Wait() }()
	}
	if err := s.waitReady(out); err != nil {
		s.stop()
		return nil, err
	}
	return s, nil
}

// waitReady waits for the printed links and a ready server.
func (s *benchServer) waitReady(out *lockedBuffer) error {
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-s.done:
			return fmt.Errorf("server stopped before it was ready: %v\n%s", err, out.String())
		case <-time.After(50 * time.Millisecond):
		}
		m := benchLinkRE.FindAllStringSubmatch(out.String(), -1)
		if len(m) == 0 {
			continue
		}
		s.base = m[0][1]
		res, err := http.Get(s.base + "/readyz")
		if err != nil {
			continue
		}
		res.Body.Close()
		if res.StatusCode == http.StatusOK {
			for _, l := range benchLinkRE.FindAllStringSubmatch(out.String(), -1) {
				s.links = append(s.links, l[2])
			}
			return nil
		}
	}
	return errors.New("server not ready within 60 s")
}

// peakRSS is the server process's peak resident memory in bytes (0 when
// it runs in this process or the system does not say).
func (s *benchServer) peakRSS() int64 {
	if s.cmd == nil || s.cmd.Process == nil {
		return 0
	}
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb * 1024
		}
	}
	return 0
}

// stop shuts the server down as an operator would (SIGTERM: requests in
// flight finish) and waits for it.
func (s *benchServer) stop() error {
	if s.stopF != nil {
		s.stopF()
	} else if s.cmd != nil && s.cmd.Process != nil {
		_ = s.cmd.Process.Signal(syscall.SIGTERM)
	}
	select {
	case err := <-s.done:
		if err != nil && s.cmd != nil {
			return fmt.Errorf("server: %w", err)
		}
		return err
	case <-time.After(60 * time.Second):
		return errors.New("server did not stop within 60 s")
	}
}

func printBench(w io.Writer, f benchFlags, r loadgen.Result, rss int64, c loadgen.Check) {
	secs := r.Elapsed.Seconds()
	fmt.Fprintf(w, "pulse bench: %d clients for %s, %.0f%% HTML forms, seed %d\n", f.clients, r.Elapsed.Round(time.Millisecond), f.html*100, f.seed)
	fmt.Fprintf(w, "page saves    %d acknowledged, %.0f/s; %d answers, %.0f/s\n", r.Saves, float64(r.Saves)/secs, r.Answers, float64(r.Answers)/secs)
	fmt.Fprintf(w, "responses     %d started, %d submitted, %.1f/s\n", r.Started, r.Submitted, float64(r.Submitted)/secs)
	fmt.Fprintf(w, "save latency  %s\n", quantiles(r.SaveLatency))
	fmt.Fprintf(w, "page latency  %s\n", quantiles(r.PageLatency))
	fmt.Fprintf(w, "errors        %s\n", errorList(r.Errors))
	if rss > 0 {
		fmt.Fprintf(w, "server        peak RSS %.0f MB\n", float64(rss)/(1<<20))
	}
	fmt.Fprintf(w, "verified      %d acknowledged saves and submits: %d missing, %d duplicated, %d stored differently\n",
		c.Acknowledged, len(c.Missing), len(c.Duplicated), len(c.Wrong))
	for _, x := range append(append(append([]string(nil), c.Missing...), c.Duplicated...), c.Wrong...)[:min(10, len(c.Missing)+len(c.Duplicated)+len(c.Wrong))] {
		fmt.Fprintf(w, "  %s\n", x)
	}
}

func quantiles(l loadgen.Latencies) string {
	ms := func(d time.Duration) string {
		return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', 1, 64)
	}
	return fmt.Sprintf("p50 %s ms, p95 %s ms, p99 %s ms, max %s ms (%d requests)",
		ms(l.Quantile(0.5)), ms(l.Quantile(0.95)), ms(l.Quantile(0.99)), ms(l.Quantile(1)), len(l))
}

func errorList(m map[string]int) string {
	if len(m) == 0 {
		return "none"
	}
	var parts []string
	for k, v := range m {
		parts = append(parts, fmt.Sprintf("%s: %d", k, v))
	}
	sort.Strings(parts)
	return strings.Join(parts, ", ")
}

// lockedBuffer collects a server's output while it is read.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
