package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// benchServer is the server under load: a child process, or a goroutine.
type benchServer struct {
	base  string
	debug string // the child's loopback debug listener (goroutines, pprof)
	links []string
	cmd   *exec.Cmd
	done  chan error
	stopF func()
}

var (
	benchLinkRE  = regexp.MustCompile(`(http://127\.0\.0\.1:\d+)/r/([a-z0-9]+)`)
	benchDebugRE = regexp.MustCompile(`bench debug: (http://127\.0\.0\.1:\d+)`)
)

// runBenchChild is `pulse bench server SERVE-FLAGS…`, the process a bench
// loads: exactly `pulse serve`, plus a second listener on 127.0.0.1 that
// tells the goroutine count and serves pprof, so that the load generator
// can see the server's goroutines before and after the load and profile
// it without the server itself having a debug endpoint.
func runBenchChild(ctx context.Context, env *cliEnv, args []string) error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/goroutines", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintln(w, runtime.NumGoroutine())
	})
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	dbg := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go dbg.Serve(ln)
	defer dbg.Close()
	fmt.Fprintf(env.stdout, "bench debug: http://%s\n", ln.Addr())
	return runServe(ctx, env, args)
}

// startBenchServer starts `pulse bench server` (or, in process, `pulse
// serve`) on a fresh or given SQLite file, with extra environment, and
// waits until it is ready.
func startBenchServer(ctx context.Context, env *cliEnv, f benchFlags, extraEnv []string) (*benchServer, error) {
	// Every simulated respondent comes from 127.0.0.1: the per-address
	// limit on starts would measure itself, so it is off.
	args := []string{"serve", "--demo", "--addr", "127.0.0.1:0", "--db", f.db, "--questionnaires", f.dir, "--client-limit", "-1"}
	out := &lockedBuffer{}
	s := &benchServer{done: make(chan error, 1)}
	if f.inProcess {
		sctx, cancel := context.WithCancel(ctx)
		s.stopF = cancel
		getenv := func(k string) string {
			for _, kv := range extraEnv {
				if name, v, _ := strings.Cut(kv, "="); name == k {
					return v
				}
			}
			return env.getenv(k)
		}
		go func() { s.done <- run(sctx, args, getenv, out, io.Discard) }()
	} else {
		exe, err := os.Executable()
		if err != nil {
			return nil, err
		}
		s.cmd = exec.CommandContext(ctx, exe, append([]string{"bench", "server"}, args[1:]...)...)
		s.cmd.Stdout, s.cmd.Stderr = out, io.Discard
		s.cmd.Env = append(os.Environ(), extraEnv...)
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
		if !ready(s.base) {
			continue
		}
		for _, l := range benchLinkRE.FindAllStringSubmatch(out.String(), -1) {
			s.links = append(s.links, l[2])
		}
		if d := benchDebugRE.FindStringSubmatch(out.String()); d != nil {
			s.debug = d[1]
		}
		return nil
	}
	return errors.New("server not ready within 60 s")
}

// ready reports whether base answers 200 on /readyz.
func ready(base string) bool {
	res, err := http.Get(base + "/readyz")
	if err != nil {
		return false
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode == http.StatusOK
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

// procStatus reads a field of the server process's /proc status in kB (0
// when it runs in this process or the system does not say).
func (s *benchServer) procStatus(field string) int64 {
	if s.cmd == nil || s.cmd.Process == nil {
		return 0
	}
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb
		}
	}
	return 0
}

// peakRSS is the server process's peak resident memory in bytes.
func (s *benchServer) peakRSS() int64 { return s.procStatus("VmHWM") * 1024 }

// clockTick is the unit of utime and stime in /proc/PID/stat (USER_HZ,
// 100 on every Linux architecture Go supports).
const clockTick = 10 * time.Millisecond

// cpuTime is the processor time (user and system, all threads) the server
// process has used so far, or -1 when it cannot be read.
func (s *benchServer) cpuTime() time.Duration {
	if s.cmd == nil || s.cmd.Process == nil {
		return -1
	}
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", s.cmd.Process.Pid))
	if err != nil {
		return -1
	}
	// The command name (field 2) may hold spaces; fields after it are plain.
	i := bytes.LastIndexByte(data, ')')
	if i < 0 {
		return -1
	}
	fields := strings.Fields(string(data[i+1:]))
	if len(fields) < 13 {
		return -1
	}
	utime, err1 := strconv.ParseInt(fields[11], 10, 64) // field 14
	stime, err2 := strconv.ParseInt(fields[12], 10, 64) // field 15
	if err1 != nil || err2 != nil {
		return -1
	}
	return time.Duration(utime+stime) * clockTick
}

// goroutines is the server's goroutine count (-1 if unknown). In process
// it is this process's: the load generator's goroutines have ended by the
// time it is asked.
func (s *benchServer) goroutines() int {
	if s.cmd == nil {
		return runtime.NumGoroutine()
	}
	if s.debug == "" {
		return -1
	}
	c := http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	res, err := c.Get(s.debug + "/goroutines")
	if err != nil {
		return -1
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	n, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		return -1
	}
	return n
}

// settledGoroutines waits up to limit for the server's goroutines to fall
// back to at most before, and returns the count then.
func (s *benchServer) settledGoroutines(before int, limit time.Duration) int {
	deadline := time.Now().Add(limit)
	for {
		n := s.goroutines()
		if n <= before || n < 0 || time.Now().After(deadline) {
			return n
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// profile records a CPU profile of the server for d into file.
func (s *benchServer) profile(d time.Duration, file string) error {
	if s.debug == "" {
		return errors.New("no profile: the server runs in this process")
	}
	c := http.Client{Timeout: d + 30*time.Second}
	res, err := c.Get(fmt.Sprintf("%s/debug/pprof/profile?seconds=%d", s.debug, max(1, int(d.Seconds()))))
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("profile: %s", res.Status)
	}
	out, err := os.Create(file)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, res.Body); err != nil {
		out.Close()
		return err
	}
	return out.Close()
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
