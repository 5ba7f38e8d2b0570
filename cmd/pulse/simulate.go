package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/researchpulse/pulse/internal/analysis"
	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/simulate"
	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

type simulateFlags struct {
	db, review, profile string
	responses           int
	seed                uint64
	stopRate            float64
	stopRateSet         bool
}

func parseSimulateFlags(env *cliEnv, args []string) (simulateFlags, error) {
	var f simulateFlags
	fs := flag.NewFlagSet("simulate", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.StringVar(&f.db, "db", "", "SQLite database `file` (or set PULSE_DATABASE_URL)")
	fs.StringVar(&f.review, "review", "", "`slug` of the review to answer")
	fs.IntVar(&f.responses, "responses", 100, "number of synthetic respondents")
	fs.Uint64Var(&f.seed, "seed", 1, "random seed: the same seed gives the same answers")
	fs.Float64Var(&f.stopRate, "stop-rate", 0.2, "share of respondents who stop before submitting (0 to 1); overrides the profile's")
	fs.StringVar(&f.profile, "profile", "", "respondent profile `file`; \"none\" answers uniformly at random; by default the\nembedded profile when the review's questionnaire is the one it is written for")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "Usage: pulse simulate --db FILE --review SLUG --responses N --seed S [--stop-rate 0.2] [--profile FILE|none]")
		fmt.Fprintln(env.stderr, "\nCreates synthetic responses through the respondent flow. Answers are")
		fmt.Fprintln(env.stderr, "deterministic for a seed; response ids and resume codes are random.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return f, errUsage
	}
	fs.Visit(func(fl *flag.Flag) { f.stopRateSet = f.stopRateSet || fl.Name == "stop-rate" })
	if fs.NArg() > 0 || f.review == "" || f.responses < 0 || f.stopRate < 0 || f.stopRate > 1 {
		fs.Usage()
		return f, errUsage
	}
	return f, nil
}

// runSimulate creates synthetic respondents to a review: each picks one of
// the review's trust links, answers page by page following the branching,
// and submits, or stops early (--stop-rate) leaving a partial response.
func runSimulate(ctx context.Context, env *cliEnv, args []string) error {
	f, err := parseSimulateFlags(env, args)
	if err != nil {
		return err
	}
	st, err := openStoreURL(ctx, f.db, env.getenv(databaseURLEnv))
	if err != nil {
		return err
	}
	defer st.Close()
	flow, err := openFlow(ctx, st, slog.New(slog.NewTextHandler(env.stderr, nil)))
	if err != nil {
		return err
	}
	cfg, err := crowdConfig(ctx, st, flow, f)
	if err != nil {
		return err
	}
	start := time.Now()
	sum, err := simulate.Crowd(ctx, cfg)
	fmt.Fprintf(env.stdout, "review %s: %d responses created (%d submitted, %d partial) in %s, seed %d\n",
		f.review, sum.Created, sum.Submitted, sum.Partial, time.Since(start).Round(time.Millisecond), f.seed)
	return err
}

// crowdConfig finds the review, checks it takes answers and lists its links.
func crowdConfig(ctx context.Context, st *store.Store, flow *respond.Service, f simulateFlags) (simulate.Config, error) {
	rev, err := st.ReviewBySlug(ctx, f.review)
	if errors.Is(err, store.ErrNotFound) {
		return simulate.Config{}, fmt.Errorf("no review with slug %q", f.review)
	}
	if err != nil {
		return simulate.Config{}, err
	}
	if err := rev.AcceptsAnswers(flow.Now()); err != nil {
		return simulate.Config{}, fmt.Errorf("cannot simulate responses: %w", err)
	}
	q, err := flow.Questionnaire(ctx, rev.QuestionnaireHash)
	if err != nil {
		return simulate.Config{}, fmt.Errorf("review %s (questionnaire %s v%s): %w", rev.Slug, rev.QuestionnaireID, rev.QuestionnaireVersion, err)
	}
	links, err := st.ReviewLinks(ctx, rev.ID)
	if err != nil {
		return simulate.Config{}, err
	}
	cfg := simulate.Config{
		Flow: flow, Languages: q.LanguageList(), Responses: f.responses, Seed: f.seed, StopRate: f.stopRate,
		Habits: simulate.DefaultHabits, Sections: len(q.Sections),
	}
	for _, l := range links {
		cfg.Links = append(cfg.Links, l.Key)
		cfg.Levels = append(cfg.Levels, analysis.ActivityLevel(l.Trust.Quintile))
	}
	if cfg.Profile, err = simulationProfile(f.profile, q); err != nil {
		return simulate.Config{}, err
	}
	if cfg.Profile != nil && cfg.Profile.StopRate != nil && !f.stopRateSet {
		cfg.StopRate = *cfg.Profile.StopRate
	}
	return cfg, nil
}

// simulationProfile reads the --profile file, or picks the embedded
// profile when it is written for q; "none" (or no profile for q) answers
// uniformly.
func simulationProfile(file string, q *survey.Questionnaire) (*simulate.Profile, error) {
	switch file {
	case "none":
		return nil, nil
	case "":
		if p := simulate.DefaultProfile(); p.Questionnaire == q.ID {
			return p, nil
		}
		return nil, nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("simulate: %w", err)
	}
	p, err := simulate.ParseProfile(data)
	if err == nil {
		err = p.Check(q)
	}
	if err != nil {
		return nil, fmt.Errorf("simulate: %s: %w", file, err)
	}
	return p, nil
}
