package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/researchpulse/pulse/internal/loadgen"
	"github.com/researchpulse/pulse/internal/store"
)

type benchFlags struct {
	clients    int
	duration   time.Duration
	requests   int
	html       float64
	think      time.Duration
	seed       uint64
	runs       int
	jsonFile   string
	profile    string
	clientProf string
	fsyncDelay time.Duration
	stateCache bool
	turns      bool
	startup    int
	dir, db    string
	inProcess  bool
}

func parseBenchFlags(env *cliEnv, args []string) (benchFlags, error) {
	var f benchFlags
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.IntVar(&f.clients, "clients", 64, "concurrent respondents")
	fs.DurationVar(&f.duration, "duration", 20*time.Second, "how long to start respondents, per run (at most 10m)")
	fs.IntVar(&f.requests, "requests", 0, "stop a run after this many requests (0: only the duration bounds it)")
	fs.Float64Var(&f.html, "html", 0.5, "share of respondents using the HTML forms; the rest use the JSON API")
	fs.DurationVar(&f.think, "think", 0, "mean pause of a respondent before each save (0: none, the server is saturated)")
	fs.Uint64Var(&f.seed, "seed", 1, "random seed for the answers (run i uses seed+i)")
	fs.IntVar(&f.runs, "runs", 1, "repeat the run on a fresh server and database this many times (at most 20); the summary gives medians and min–max")
	fs.StringVar(&f.jsonFile, "json", "", "also write every run's figures and the summary to this JSON `file`")
	fs.StringVar(&f.profile, "cpuprofile", "", "write a CPU profile of the server during the (first) run to this `file` (go tool pprof)")
	fs.StringVar(&f.clientProf, "client-cpuprofile", "", "write a CPU profile of the load generator itself during the (first) run to this `file`")
	fs.DurationVar(&f.fsyncDelay, "fsync-delay", 0, "pass PULSE_FSYNC_DELAY to the server: a pause added to every commit, to stand for a slow disk")
	fs.BoolVar(&f.stateCache, "state-cache", true, "let the server keep response states in memory (false sets PULSE_STATE_CACHE=off, to compare)")
	fs.BoolVar(&f.turns, "turns", true, "let the server run respondent requests in turns, page renders first (false sets PULSE_TURNS=off, to compare)")
	fs.IntVar(&f.startup, "startup", 0, "instead of load, time `pulse serve` to its first 200 on /readyz on a database grown to this many responses")
	fs.StringVar(&f.dir, "questionnaires", "questionnaires", "`directory` with the bundled questionnaire for the demo review")
	fs.StringVar(&f.db, "db", "", "SQLite `file` to use, kept afterwards (default: a new one in a temporary directory per run, removed afterwards)")
	fs.BoolVar(&f.inProcess, "in-process", false, "run the server inside this process (its memory and processor time are then not measured apart)")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "Usage: pulse bench [--clients 64] [--duration 20s] [--runs 1] [--html 0.5] [--think 0] [--json FILE]")
		fmt.Fprintln(env.stderr, "       pulse bench --startup 1000000 [--runs 5]")
		fmt.Fprintln(env.stderr, "\nStarts `pulse serve --demo` on a fresh SQLite file on 127.0.0.1, drives respondents")
		fmt.Fprintln(env.stderr, "through the API and the HTML forms, then stops it and checks in the database")
		fmt.Fprintln(env.stderr, "that every acknowledged save is stored exactly once. Loopback only.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return f, errUsage
	}
	if fs.NArg() > 0 || f.clients < 1 || f.clients > 4096 || f.duration <= 0 || f.duration > 10*time.Minute ||
		f.html < 0 || f.html > 1 || f.runs < 1 || f.runs > 20 || f.think < 0 || f.think > time.Minute ||
		f.fsyncDelay < 0 || f.fsyncDelay > time.Second || f.startup < 0 || f.startup > 20_000_000 || f.requests < 0 {
		fs.Usage()
		return f, errUsage
	}
	return f, nil
}

// runBench is `pulse bench`.
func runBench(ctx context.Context, env *cliEnv, args []string) error {
	if len(args) > 0 && args[0] == "server" {
		return runBenchChild(ctx, env, args[1:])
	}
	f, err := parseBenchFlags(env, args)
	if err != nil {
		return err
	}
	if f.startup > 0 {
		return runStartupBench(ctx, env, f)
	}
	// The load generator shares the server's processors: collecting its
	// garbage less often leaves more of them to the server (its memory
	// is not what is measured; the server's is).
	if env.getenv("GOGC") == "" {
		debug.SetGCPercent(800)
	}
	var runs []benchRun
	failed := false
	for i := range f.runs {
		r, err := benchOnce(ctx, env, f, i)
		if err != nil {
			return err
		}
		printBench(env.stdout, r)
		failed = failed || !r.Verified.OK()
		runs = append(runs, r)
	}
	sum := summarise(runs)
	if f.runs > 1 {
		printSummary(env.stdout, f, sum)
	}
	if f.jsonFile != "" {
		if err := writeJSON(f.jsonFile, map[string]any{"runs": runs, "summary": sum}); err != nil {
			return err
		}
	}
	if failed {
		return errFailed
	}
	return nil
}

// benchRun is what one run measured.
type benchRun struct {
	Clients      int            `json:"clients"`
	HTMLShare    float64        `json:"html_share"`
	ThinkMS      float64        `json:"think_ms"`
	FsyncDelay   string         `json:"fsync_delay,omitempty"`
	NoStateCache bool           `json:"no_state_cache,omitempty"`
	NoTurns      bool           `json:"no_turns,omitempty"`
	Seed         uint64         `json:"seed"`
	Seconds      float64        `json:"seconds"`
	Requests     int            `json:"requests"`
	Saves        int            `json:"saves"`
	Answers      int            `json:"answers"`
	Started      int            `json:"started"`
	Submitted    int            `json:"submitted"`
	SavesPerS    float64        `json:"saves_per_s"`
	AnswersPerS  float64        `json:"answers_per_s"`
	DonePerS     float64        `json:"completed_per_s"`
	Save         latency        `json:"save"`
	APIPage      latency        `json:"api_page"`
	HTMLPage     latency        `json:"html_page"`
	Start        latency        `json:"start"`
	Probe        latency        `json:"probe_healthz"` // GET /healthz every 10 ms: the floor under any request
	Errors       map[string]int `json:"errors"`
	PeakRSSMB    float64        `json:"peak_rss_mb"`       // 0: not measured (in process)
	CPUPerSave   float64        `json:"cpu_ms_per_save"`   // server processor time during the load / page saves (renders included)
	CPUSeconds   float64        `json:"server_cpu_s"`      // server processor time during the load
	GoBefore     int            `json:"goroutines_before"` // -1: not measured
	GoAfter      int            `json:"goroutines_after"`
	Verified     verified       `json:"verified"`
	ClientCPU    float64        `json:"load_generator_cpu_s"` // this process's processor time during the load (the server's too when in process)
	LoadAvg      string         `json:"loadavg_after"`        // the machine's /proc/loadavg when the load ended: other work skews figures
}

type latency struct {
	N   int     `json:"n"`
	P50 float64 `json:"p50_ms"`
	P95 float64 `json:"p95_ms"`
	P99 float64 `json:"p99_ms"`
	Max float64 `json:"max_ms"`
}

type verified struct {
	Acknowledged int `json:"acknowledged"`
	Missing      int `json:"missing"`
	Duplicated   int `json:"duplicated"`
	Wrong        int `json:"wrong"`
	examples     []string
}

func (v verified) OK() bool { return v.Missing+v.Duplicated+v.Wrong == 0 }

func latencyOf(l loadgen.Latencies) latency {
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	return latency{N: len(l), P50: ms(l.Quantile(0.5)), P95: ms(l.Quantile(0.95)), P99: ms(l.Quantile(0.99)), Max: ms(l.Quantile(1))}
}

// benchOnce starts a server on its own database, loads it, measures it,
// stops it and verifies every acknowledged save.
func benchOnce(ctx context.Context, env *cliEnv, f benchFlags, i int) (benchRun, error) {
	if f.db == "" {
		tmp, err := os.MkdirTemp("", "pulse-bench-")
		if err != nil {
			return benchRun{}, err
		}
		defer os.RemoveAll(tmp)
		f.db = filepath.Join(tmp, "pulse.db")
	}
	var extraEnv []string
	if f.fsyncDelay > 0 {
		extraEnv = append(extraEnv, "PULSE_FSYNC_DELAY="+f.fsyncDelay.String())
	}
	if !f.stateCache {
		extraEnv = append(extraEnv, "PULSE_STATE_CACHE=off")
	}
	if !f.turns {
		extraEnv = append(extraEnv, "PULSE_TURNS=off")
	}
	srv, err := startBenchServer(ctx, env, f, extraEnv)
	if err != nil {
		return benchRun{}, err
	}
	goBefore := srv.goroutines()
	cpuBefore := srv.cpuTime()
	profiled := make(chan error, 1)
	if f.profile != "" && i == 0 {
		go func() { profiled <- srv.profile(f.duration, f.profile) }()
	} else {
		profiled <- nil
	}
	seed := f.seed + uint64(i)
	if f.clientProf != "" && i == 0 {
		stop, err := startCPUProfile(f.clientProf)
		if err != nil {
			_ = srv.stop()
			return benchRun{}, err
		}
		defer stop()
	}
	clientBefore := selfCPU()
	res, err := loadgen.Run(ctx, loadgen.Config{BaseURL: srv.base, Links: srv.links, Clients: f.clients,
		Duration: f.duration, Requests: f.requests, HTML: f.html, Think: f.think, Seed: seed, Probe: 10 * time.Millisecond})
	cpuAfter := srv.cpuTime()
	clientCPU := selfCPU() - clientBefore
	loadAvg := loadAverage()
	rss := srv.peakRSS()
	goAfter := srv.settledGoroutines(goBefore, 5*time.Second)
	profErr := <-profiled
	if stopErr := srv.stop(); err == nil {
		err = stopErr
	}
	if err == nil {
		err = profErr
	}
	if err != nil {
		return benchRun{}, err
	}
	check, err := verifyBench(ctx, f.db, res.Acks)
	if err != nil {
		return benchRun{}, err
	}
	secs := res.Elapsed.Seconds()
	r := benchRun{Clients: f.clients, HTMLShare: f.html, ThinkMS: float64(f.think) / float64(time.Millisecond), Seed: seed,
		Seconds: secs, Requests: res.Requests, Saves: res.Saves, Answers: res.Answers, Started: res.Started, Submitted: res.Submitted,
		SavesPerS: float64(res.Saves) / secs, AnswersPerS: float64(res.Answers) / secs, DonePerS: float64(res.Submitted) / secs,
		Save: latencyOf(res.SaveLatency), APIPage: latencyOf(res.APIPage), HTMLPage: latencyOf(res.HTMLPage), Start: latencyOf(res.StartTime),
		Probe:  latencyOf(res.Probe),
		Errors: res.Errors, PeakRSSMB: float64(rss) / (1 << 20), GoBefore: goBefore, GoAfter: goAfter, LoadAvg: loadAvg,
		ClientCPU: clientCPU.Seconds(),
		Verified:  verified{Acknowledged: check.Acknowledged, Missing: len(check.Missing), Duplicated: len(check.Duplicated), Wrong: len(check.Wrong)}}
	if f.fsyncDelay > 0 {
		r.FsyncDelay = f.fsyncDelay.String()
	}
	r.NoStateCache = !f.stateCache
	r.NoTurns = !f.turns
	if cpuBefore >= 0 && cpuAfter >= 0 {
		r.CPUSeconds = (cpuAfter - cpuBefore).Seconds()
		if res.Saves > 0 {
			r.CPUPerSave = r.CPUSeconds * 1000 / float64(res.Saves)
		}
	}
	if r.Errors == nil {
		r.Errors = map[string]int{}
	}
	r.Verified.examples = slices.Concat(check.Missing, check.Duplicated, check.Wrong)
	return r, nil
}

// selfCPU is this process's processor time so far (user and system).
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loadAverage is the machine's 1, 5 and 15 minute load averages ("" if
// unknown).
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}

func verifyBench(ctx context.Context, db string, acks []loadgen.Ack) (loadgen.Check, error) {
	st, err := store.Open(ctx, store.Config{Path: db})
	if err != nil {
		return loadgen.Check{}, err
	}
	defer st.Close()
	return loadgen.Verify(ctx, st, acks)
}

func printBench(w io.Writer, r benchRun) {
	fmt.Fprintf(w, "pulse bench: %d clients for %.1f s, %.0f%% HTML forms, think %.0f ms, seed %d", r.Clients, r.Seconds, r.HTMLShare*100, r.ThinkMS, r.Seed)
	if r.FsyncDelay != "" {
		fmt.Fprintf(w, ", fsync delay %s", r.FsyncDelay)
	}
	if r.NoStateCache {
		fmt.Fprint(w, ", no state cache")
	}
	if r.NoTurns {
		fmt.Fprint(w, ", no turns")
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "  page saves    %d acknowledged, %.0f/s; %d answers, %.0f/s\n", r.Saves, r.SavesPerS, r.Answers, r.AnswersPerS)
	fmt.Fprintf(w, "  responses     %d started, %d submitted, %.1f completed/s\n", r.Started, r.Submitted, r.DonePerS)
	fmt.Fprintf(w, "  save          %s\n", r.Save)
	fmt.Fprintf(w, "  page (API)    %s\n", r.APIPage)
	fmt.Fprintf(w, "  page (HTML)   %s\n", r.HTMLPage)
	fmt.Fprintf(w, "  start         %s\n", r.Start)
	fmt.Fprintf(w, "  /healthz      %s: a request that does nothing, every 10 ms\n", r.Probe)
	fmt.Fprintf(w, "  errors        %s (of %d requests)\n", errorList(r.Errors), r.Requests)
	if r.PeakRSSMB > 0 {
		fmt.Fprintf(w, "  server        peak RSS %.0f MB; CPU %.1f s, %.2f ms per save; goroutines %d before, %d after\n",
			r.PeakRSSMB, r.CPUSeconds, r.CPUPerSave, r.GoBefore, r.GoAfter)
	} else {
		fmt.Fprintf(w, "  server        in process: goroutines %d before, %d after\n", r.GoBefore, r.GoAfter)
	}
	fmt.Fprintf(w, "  machine       load generator CPU %.1f s; load average %s at the end\n", r.ClientCPU, r.LoadAvg)
	v := r.Verified
	fmt.Fprintf(w, "  verified      %d acknowledged saves and submits: %d missing, %d duplicated, %d stored differently\n",
		v.Acknowledged, v.Missing, v.Duplicated, v.Wrong)
	for _, x := range v.examples[:min(10, len(v.examples))] {
		fmt.Fprintf(w, "    %s\n", x)
	}
}

func (l latency) String() string {
	return fmt.Sprintf("p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (%d requests)", l.P50, l.P95, l.P99, l.Max, l.N)
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

// spread is a measure over several runs.
type spread struct {
	Median float64 `json:"median"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
}

// summaryMeasures are the figures summarised over runs, in print order.
var summaryMeasures = []struct {
	name, unit string
	get        func(benchRun) float64
}{
	{"saves/s", "", func(r benchRun) float64 { return r.SavesPerS }},
	{"answers/s", "", func(r benchRun) float64 { return r.AnswersPerS }},
	{"completed/s", "", func(r benchRun) float64 { return r.DonePerS }},
	{"save p50", "ms", func(r benchRun) float64 { return r.Save.P50 }},
	{"save p95", "ms", func(r benchRun) float64 { return r.Save.P95 }},
	{"save p99", "ms", func(r benchRun) float64 { return r.Save.P99 }},
	{"save max", "ms", func(r benchRun) float64 { return r.Save.Max }},
	{"API page p50", "ms", func(r benchRun) float64 { return r.APIPage.P50 }},
	{"API page p99", "ms", func(r benchRun) float64 { return r.APIPage.P99 }},
	{"HTML page p50", "ms", func(r benchRun) float64 { return r.HTMLPage.P50 }},
	{"HTML page p99", "ms", func(r benchRun) float64 { return r.HTMLPage.P99 }},
	{"/healthz p50", "ms", func(r benchRun) float64 { return r.Probe.P50 }},
	{"/healthz p99", "ms", func(r benchRun) float64 { return r.Probe.P99 }},
	{"errors", "", func(r benchRun) float64 {
		n := 0
		for _, v := range r.Errors {
			n += v
		}
		return float64(n)
	}},
	{"server CPU per save", "ms", func(r benchRun) float64 { return r.CPUPerSave }},
	{"server peak RSS", "MB", func(r benchRun) float64 { return r.PeakRSSMB }},
	{"goroutines after − before", "", func(r benchRun) float64 { return float64(r.GoAfter - r.GoBefore) }},
	{"lost or duplicated", "", func(r benchRun) float64 {
		return float64(r.Verified.Missing + r.Verified.Duplicated + r.Verified.Wrong)
	}},
}

func summarise(runs []benchRun) map[string]spread {
	out := map[string]spread{}
	for _, m := range summaryMeasures {
		var v []float64
		for _, r := range runs {
			v = append(v, m.get(r))
		}
		out[m.name] = spreadOf(v)
	}
	return out
}

func spreadOf(v []float64) spread {
	s := slices.Clone(v)
	slices.Sort(s)
	med := s[len(s)/2]
	if len(s)%2 == 0 {
		med = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return spread{Median: med, Min: s[0], Max: s[len(s)-1]}
}

func printSummary(w io.Writer, f benchFlags, sum map[string]spread) {
	fmt.Fprintf(w, "\nsummary of %d runs at %d clients (median, min–max):\n", f.runs, f.clients)
	for _, m := range summaryMeasures {
		s := sum[m.name]
		fmt.Fprintf(w, "  %-26s %s (%s–%s)%s\n", m.name, num(s.Median), num(s.Min), num(s.Max), unitSuffix(m.unit))
	}
}

func num(x float64) string {
	switch {
	case x == float64(int64(x)):
		return fmt.Sprintf("%d", int64(x))
	case x >= 100 || x <= -100:
		return fmt.Sprintf("%.0f", x)
	case x >= 10 || x <= -10:
		return fmt.Sprintf("%.1f", x)
	}
	return fmt.Sprintf("%.2f", x)
}

func unitSuffix(u string) string {
	if u == "" {
		return ""
	}
	return " " + u
}

func writeJSON(file string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(file, append(b, '\n'), 0o644)
}

// startCPUProfile profiles this process into file until stop is called.
func startCPUProfile(file string) (stop func(), err error) {
	out, err := os.Create(file)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(out); err != nil {
		out.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); out.Close() }, nil
}
