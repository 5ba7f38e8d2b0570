package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/researchpulse/pulse/internal/survey"
)

func runPaths(_ context.Context, env *cliEnv, args []string) error {
	fs := flag.NewFlagSet("paths", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	limit := fs.Int("limit", 0, "print at most this many routes (0: all)")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "Usage: pulse paths [-limit N] FILE")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	q, err := survey.LoadFile(fs.Arg(0))
	if err != nil {
		reportLoadError(env, fs.Arg(0), err)
		return errFailed
	}
	printRoutes(env, q, q.Paths(), *limit)
	return nil
}

func printRoutes(env *cliEnv, q *survey.Questionnaire, r survey.Routes, limit int) {
	w := env.stdout
	if r.Exhaustive {
		fmt.Fprintf(w, "%s v%s: %d distinct routes (all %d combinations of branching answers walked)\n", q.ID, q.Version, len(r.Routes), r.Walks)
	} else {
		fmt.Fprintf(w, "%s v%s: too many combinations to walk them all; %d distinct routes found in %d random walks (a sample, not every route)\n", q.ID, q.Version, len(r.Routes), r.Walks)
	}
	fmt.Fprintf(w, "items: %d in the questionnaire; %d to %d shown on any route\n\n", len(q.Items()), r.MinItems, r.MaxItems)
	for i, rt := range r.Routes {
		if limit > 0 && i >= limit {
			fmt.Fprintf(w, "… %d more routes (use -limit 0 to list all)\n", len(r.Routes)-limit)
			break
		}
		fmt.Fprintf(w, "route %d (%d items): %s\n", i+1, len(rt.Items), strings.Join(rt.Items, " "))
	}
}
