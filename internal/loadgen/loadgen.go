// Package loadgen drives real respondents against a running Research Pulse
// server over HTTP, through the JSON API and through the HTML forms
// (cookies, CSRF tokens, redirects), and records every save the server
// acknowledged so that Verify can prove each is stored exactly once. It
// only talks to servers on the loopback interface, and every run is
// bounded in time and in requests.
package loadgen

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"sort"
	"sync"
	"time"

	"github.com/researchpulse/pulse/internal/simulate"
)

// Config is one load run.
type Config struct {
	BaseURL  string        // the server, e.g. http://127.0.0.1:8080; loopback only
	Links    []string      // respondent link keys to spread respondents over
	Clients  int           // concurrent respondents
	Duration time.Duration // how long to keep starting respondents
	Requests int           // stop after this many requests in all (0: no limit but Duration)
	HTML     float64       // share of respondents that use the HTML forms (the rest use the API)
	// Think is the mean pause before each save and submit (a person
	// reading and answering); each pause is uniform in [Think/2, 3*Think/2].
	Think time.Duration
	Seed  uint64
	// Header is added to every request (a privacy test sends a client
	// address and a user agent that must never be stored).
	Header http.Header
	// Probe, when set, is how often a client of its own sends GET
	// /healthz, which does nothing: its latency is what any request waits
	// at this load before its own work, the floor under every page's.
	Probe time.Duration
}

// Ack is a save the server acknowledged: a page save answered 200 (API)
// or 303 (forms), or a submit.
type Ack struct {
	Key      string              // the idempotency key the server acknowledged
	Response string              // response id, when the client knows it (API)
	Section  string              // page saved, or "" for a submit
	Answers  map[string][]string // what was sent, by item id
	Other    map[string]string
	At       time.Time // when the acknowledgement arrived
}

// Result is what a run measured.
type Result struct {
	Elapsed     time.Duration
	Saves       int // acknowledged page saves
	Answers     int // answers in those saves
	Submitted   int // responses submitted
	Started     int
	SaveLatency Latencies      // page saves and submits, acknowledged or not
	APIPage     Latencies      // page renders by the API (GET of a page)
	HTMLPage    Latencies      // page renders in HTML (GET of the intro, a page, the check page)
	StartTime   Latencies      // responses started (API or form POST)
	Probe       Latencies      // GET /healthz every Config.Probe
	Requests    int            // requests sent
	Errors      map[string]int // by status or transport error
	Acks        []Ack
	Codes       []string // resume codes the respondents were given
}

// Latencies is a sample of request times.
type Latencies []time.Duration

// Quantile is the q-quantile (0..1) of the sample, nearest rank.
func (l Latencies) Quantile(q float64) time.Duration {
	if len(l) == 0 {
		return 0
	}
	s := append(Latencies(nil), l...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := int(q*float64(len(s))+0.999999) - 1
	return s[max(0, min(i, len(s)-1))]
}

// ErrNotLoopback refuses to load a server elsewhere than this machine.
var ErrNotLoopback = errors.New("load runs only against a server on the loopback interface")

// Run starts respondents until the duration or the request budget is
// spent, lets those in flight finish their current request, and returns
// what they did.
func Run(ctx context.Context, cfg Config) (Result, error) {
	if err := checkLoopback(cfg.BaseURL); err != nil {
		return Result{}, err
	}
	if cfg.Clients < 1 || len(cfg.Links) == 0 || cfg.Duration <= 0 {
		return Result{}, fmt.Errorf("load: need at least one client, one link and a duration")
	}
	ctx, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()
	r := &recorder{errors: map[string]int{}, budget: cfg.Requests, header: cfg.Header}
	u, _ := url.Parse(cfg.BaseURL)
	start := time.Now()
	var wg sync.WaitGroup
	if cfg.Probe > 0 {
		wg.Go(func() { probe(ctx, cfg, u.Host, r) })
	}
	for i := range cfg.Clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(cfg.Seed, uint64(i)))
			// Each client keeps its connection between requests, as a
			// browser does, and closes it when the run ends, so that the
			// server can be seen to let go of it.
			k := &conn{addr: u.Host}
			defer k.close()
			for ctx.Err() == nil && r.spend(0) {
				runOne(ctx, cfg, rng, r, k)
			}
		}()
	}
	wg.Wait()
	res := r.result()
	res.Elapsed = time.Since(start)
	return res, nil
}

// runOne is one respondent, by API or by forms.
func runOne(ctx context.Context, cfg Config, rng *rand.Rand, r *recorder, k *conn) {
	link := cfg.Links[rng.IntN(len(cfg.Links))]
	picker := simulate.NewPicker(rng, simulate.DefaultHabits)
	pause := func(ctx context.Context) bool { return think(ctx, rng, cfg.Think) }
	k.jar = nil
	if rng.Float64() < cfg.HTML {
		(&formClient{base: cfg.BaseURL, rec: r, rng: rng, picker: picker, pause: pause, http: k}).run(ctx, link)
		return
	}
	(&apiClient{base: cfg.BaseURL, rec: r, picker: picker, pause: pause, http: k}).run(ctx, link)
}

// probe sends GET /healthz every cfg.Probe until the run ends (its
// duration, or the respondents' request budget), on a connection of its
// own, and records each one's time.
func probe(ctx context.Context, cfg Config, host string, r *recorder) {
	k := &conn{addr: host}
	defer k.close()
	tick := time.NewTicker(cfg.Probe)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if !r.spend(0) {
			return
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, cfg.BaseURL+"/healthz", nil)
		if err != nil {
			return
		}
		t0 := time.Now()
		res, err := k.do(req)
		if err != nil {
			if ctx.Err() == nil {
				r.fail("probe transport")
			}
			continue
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		d := time.Since(t0)
		if res.StatusCode != http.StatusOK {
			r.fail(fmt.Sprintf("probe %d", res.StatusCode))
			continue
		}
		r.mu.Lock()
		r.probeLat = append(r.probeLat, d)
		r.mu.Unlock()
	}
}

// think waits for a pause around mean, reporting false when the run
// ended first.
func think(ctx context.Context, rng *rand.Rand, mean time.Duration) bool {
	if mean <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(mean/2 + time.Duration(rng.Int64N(int64(mean)+1)))
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

func checkLoopback(base string) error {
	u, err := url.Parse(base)
	if err != nil || u.Host == "" {
		return fmt.Errorf("load: bad server address %q", base)
	}
	host := u.Hostname()
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("%w (%s)", ErrNotLoopback, host)
}

// recorder collects what every client did.
type recorder struct {
	mu        sync.Mutex
	budget    int // requests left; 0 at the start means no limit
	used      int
	saves     int
	answers   int
	submitted int
	started   int
	saveLat   Latencies
	apiLat    Latencies
	htmlLat   Latencies
	startLat  Latencies
	probeLat  Latencies
	errors    map[string]int
	acks      []Ack
	codes     []string
	header    http.Header
}

// spend takes n requests from the budget, reporting whether any are left.
func (r *recorder) spend(n int) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.used += n
	return r.budget == 0 || r.used < r.budget
}

func (r *recorder) fail(what string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors[what]++
}

func (r *recorder) apiPage(d time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.apiLat = append(r.apiLat, d)
}

func (r *recorder) htmlPage(d time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.htmlLat = append(r.htmlLat, d)
}

func (r *recorder) startTime(d time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.startLat = append(r.startLat, d)
}

// saveTime records how long a save (acknowledged or not) took.
func (r *recorder) saveTime(d time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.saveLat = append(r.saveLat, d)
}

// ack records a save the server acknowledged.
func (r *recorder) ack(a Ack) {
	a.At = time.Now()
	r.mu.Lock()
	defer r.mu.Unlock()
	r.acks = append(r.acks, a)
	if a.Section == "" {
		r.submitted++
		return
	}
	r.saves++
	r.answers += len(a.Answers)
}

func (r *recorder) start() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.started++
}

// code records a resume code a respondent was given.
func (r *recorder) code(c string) {
	if c == "" {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.codes = append(r.codes, c)
}

func (r *recorder) result() Result {
	r.mu.Lock()
	defer r.mu.Unlock()
	return Result{Saves: r.saves, Answers: r.answers, Submitted: r.submitted, Started: r.started,
		SaveLatency: r.saveLat, APIPage: r.apiLat, HTMLPage: r.htmlLat, StartTime: r.startLat, Probe: r.probeLat, Requests: r.used,
		Errors: r.errors, Acks: r.acks, Codes: r.codes}
}

// timed runs a request and returns its response and duration. A transport
// error is recorded and returned.
func timed(r *recorder, c *conn, req *http.Request) (*http.Response, time.Duration, error) {
	r.spend(1)
	for k, v := range r.header {
		req.Header[k] = v
	}
	t0 := time.Now()
	res, err := c.do(req)
	d := time.Since(t0)
	if err != nil {
		if !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, context.Canceled) {
			r.fail("transport")
		}
		return nil, d, err
	}
	return res, d, nil
}
