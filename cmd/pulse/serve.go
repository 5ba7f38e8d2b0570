package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/researchpulse/pulse/internal/analysis"
	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/server"
	"github.com/researchpulse/pulse/internal/store"
)

type serveFlags struct {
	addr, db, dir, baseURL string
	adminEmail             string
	pprof                  string
	fsyncDelay             time.Duration
	demo, secure           bool
	noStateCache           bool
	noTurns                bool
	clientLimit            int
	trustedProxies         []*net.IPNet
	dbMaxConns             int
}

func parseServeFlags(env *cliEnv, args []string) (serveFlags, error) {
	var f serveFlags
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.StringVar(&f.addr, "addr", envOr(env, "PULSE_ADDR", "127.0.0.1:8080"), "listen address (env PULSE_ADDR)")
	fs.StringVar(&f.db, "db", envOr(env, "PULSE_DB", "pulse.db"), "SQLite database file (env PULSE_DB; PULSE_DATABASE_URL=postgres://… selects PostgreSQL)")
	fs.StringVar(&f.dir, "questionnaires", envOr(env, "PULSE_QUESTIONNAIRES", "questionnaires"), "folder of questionnaire YAML files")
	fs.StringVar(&f.baseURL, "base-url", env.getenv("PULSE_BASE_URL"), "public address for links shown to respondents (default: the listen address)")
	fs.StringVar(&f.adminEmail, "admin-email", envOr(env, "PULSE_ADMIN_EMAIL", "admin@pulse.localhost"), "e-mail address of the first platform admin, made with a one-time password when there are no accounts (env PULSE_ADMIN_EMAIL)")
	fs.StringVar(&f.pprof, "pprof", env.getenv("PULSE_PPROF"), "serve Go's profiler (/debug/pprof/) on this loopback `address`, e.g. 127.0.0.1:6060 (env PULSE_PPROF); off by default")
	fs.BoolVar(&f.demo, "demo", false, "create two demo trusts and an open demo review if they do not exist")
	fs.BoolVar(&f.secure, "secure-cookies", env.getenv("PULSE_SECURE_COOKIES") == "1", "mark cookies Secure (set when served over HTTPS)")
	limit, err := strconv.Atoi(envOr(env, "PULSE_CLIENT_LIMIT", strconv.Itoa(server.DefaultClientLimit)))
	if err != nil {
		fmt.Fprintln(env.stderr, "PULSE_CLIENT_LIMIT must be a whole number")
		return f, errUsage
	}
	fs.IntVar(&f.clientLimit, "client-limit", limit, "responses started and wrong resume codes allowed per client address, at once and per minute; -1 for no limit (env PULSE_CLIENT_LIMIT)")
	proxies := fs.String("trusted-proxies", env.getenv("PULSE_TRUSTED_PROXIES"), "reverse proxies (CIDR ranges or addresses, comma-separated) whose X-Forwarded-For names the client; by default no header is believed (env PULSE_TRUSTED_PROXIES)")
	if err := dbConnsFlag(env, fs, &f.dbMaxConns); err != nil {
		return f, err
	}
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return f, errUsage
	}
	if f.trustedProxies, err = server.ParseTrustedProxies(*proxies); err != nil {
		fmt.Fprintln(env.stderr, err)
		return f, errUsage
	}
	if v := env.getenv("PULSE_FSYNC_DELAY"); v != "" {
		// Benchmarks only: each SQLite commit waits this long first, as on
		// a slow disk (5ms: 200 fsyncs a second).
		if f.fsyncDelay, err = time.ParseDuration(v); err != nil || f.fsyncDelay < 0 || f.fsyncDelay > time.Second {
			fmt.Fprintln(env.stderr, "PULSE_FSYNC_DELAY must be a duration such as 5ms (benchmarks only)")
			return f, errUsage
		}
	}
	// PULSE_STATE_CACHE=off: every respondent request reads its response
	// from the file (for comparing, or a file another process writes
	// responses to). PULSE_TURNS=off: every respondent request runs as it
	// comes (for comparing).
	for _, sw := range []struct {
		name string
		off  *bool
	}{{"PULSE_STATE_CACHE", &f.noStateCache}, {"PULSE_TURNS", &f.noTurns}} {
		switch env.getenv(sw.name) {
		case "", "on":
		case "off":
			*sw.off = true
		default:
			fmt.Fprintln(env.stderr, sw.name+" must be on or off")
			return f, errUsage
		}
	}
	if f.pprof != "" && !loopbackAddr(f.pprof) {
		fmt.Fprintln(env.stderr, "--pprof must be a loopback address such as 127.0.0.1:6060: profiles show how the server works inside")
		return f, errUsage
	}
	return f, checkDBConns(env, fs, f.dbMaxConns)
}

// serveTurns is how many respondent requests run at once (server.Config.Turns):
// one per processor on SQLite, where a request's reads and its commit's
// wake-up are processor work; on PostgreSQL requests wait on the network,
// so they run as they come.
func serveTurns(st *store.Store, off bool) int {
	if off || st.Shared() {
		return 0
	}
	return runtime.GOMAXPROCS(0)
}

func envOr(env *cliEnv, key, def string) string {
	if v := env.getenv(key); v != "" {
		return v
	}
	return def
}

func runServe(ctx context.Context, env *cliEnv, args []string) error {
	f, err := parseServeFlags(env, args)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(env.stderr, nil))
	tuneMemory(env.getenv)
	qs, problems, err := loadQuestionnaires(f.dir)
	if err != nil {
		return err
	}
	for _, p := range problems {
		fmt.Fprintf(env.stderr, "skipped an invalid questionnaire (reviews that use it keep their stored copy):\n%v\n", p)
	}
	st, err := openStoreWith(ctx, f.db, env.getenv(databaseURLEnv), store.Config{CommitDelay: f.fsyncDelay, MaxConns: f.dbMaxConns, NoStateCache: f.noStateCache})
	if err != nil {
		return err
	}
	defer st.Close()
	if !st.Shared() {
		release, err := lockServing(f.db)
		if err != nil {
			return err
		}
		defer release()
	}
	if err := respond.AdoptQuestionnaires(ctx, st, qs); err != nil {
		return err
	}
	if f.pprof != "" {
		stop, err := servePprof(f.pprof, log)
		if err != nil {
			return err
		}
		defer stop()
	}
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	if f.baseURL == "" {
		f.baseURL = "http://" + ln.Addr().String()
	}
	if f.demo {
		if err := seedDemo(ctx, env, st, qs, time.Now()); err != nil {
			ln.Close()
			return err
		}
	}
	flow, err := openFlow(ctx, st, log, qs...)
	if err != nil {
		ln.Close()
		return err
	}
	adm := newAdmin(st, qs, flow)
	firstPassword, err := adm.EnsureFirstAdmin(ctx, f.adminEmail)
	if err != nil {
		ln.Close()
		return fmt.Errorf("first admin: %w", err)
	}
	srv, err := server.New(server.Config{Store: st, Flow: flow, Logger: log, SecureCookies: f.secure, BaseURL: f.baseURL,
		ClientLimit: f.clientLimit, Admin: adm, Export: downloads{st: st}, TrustedProxies: f.trustedProxies,
		Turns: serveTurns(st, f.noTurns)})
	if err != nil {
		ln.Close()
		return err
	}
	if err := printLinks(ctx, env, st, flow, f.baseURL); err != nil {
		ln.Close()
		return err
	}
	printAdmin(env, f.baseURL, f.adminEmail, firstPassword)
	return serveUntilDone(ctx, ln, srv.Handler(), log, serveTimeouts)
}

// tuneMemory trades a little memory for less collecting under load: the
// heap may grow to five times what is live between collections
// (GOGC=400) within a soft limit of 100 MiB, past which the collector
// works harder rather than let the server grow. Under load the live heap
// is ~10 MB, so at GOGC=200 the server collected every ~60 ms. GOGC and
// GOMEMLIMIT in the environment win.
func tuneMemory(getenv func(string) string) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(100 << 20)
	}
}

// serveUntilDone serves until the context ends (SIGTERM), then stops
// accepting and lets requests in flight finish (answers being saved are
// never cut off) for up to t.Drain.
func serveUntilDone(ctx context.Context, ln net.Listener, h http.Handler, log *slog.Logger, t httpTimeouts) error {
	hs := newHTTPServer(h, t)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), t.Drain)
	defer cancel()
	if err := hs.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// printLinks prints where to point a browser: the respondent link of every
// trust in every open review whose questionnaire loads.
func printLinks(ctx context.Context, env *cliEnv, st *store.Store, flow *respond.Service, base string) error {
	reviews, err := st.ListReviews(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "Research Pulse is listening on %s\n", base)
	fmt.Fprintf(env.stdout, "  health:  %s/healthz\n  API:     %s/api/v1/openapi.json\n  resume:  %s/resume\n", base, base, base)
	for _, r := range reviews {
		if r.Status != store.ReviewOpen {
			continue
		}
		if _, err := flow.Questionnaire(ctx, r.QuestionnaireHash); err != nil {
			fmt.Fprintf(env.stdout, "Review %q (%s): its stored questionnaire does not load; respondents see \"unavailable\"\n", r.Title, r.Slug)
			continue
		}
		links, err := st.ReviewLinks(ctx, r.ID)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "Review %q (%s):\n", r.Title, r.Slug)
		for _, l := range links {
			fmt.Fprintf(env.stdout, "  %-45s %s/r/%s\n", l.Trust.Name+" ("+analysis.ActivityLevel(l.Trust.Quintile)+" research-active)", base, l.Key)
		}
	}
	return nil
}
