package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/researchpulse/pulse/internal/survey"
)

func runLint(_ context.Context, env *cliEnv, args []string) error {
	fs := flag.NewFlagSet("lint", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.Usage = func() { fmt.Fprintln(env.stderr, "Usage: pulse lint FILE...") }
	if err := fs.Parse(args); err != nil || fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	failed := 0
	for _, path := range fs.Args() {
		q, err := survey.LoadFile(path)
		if err != nil {
			failed++
			reportLoadError(env, path, err)
			continue
		}
		fmt.Fprintln(env.stdout, lintSummary(path, q))
	}
	if failed > 0 {
		fmt.Fprintf(env.stderr, "%d of %d files have problems\n", failed, fs.NArg())
		return errFailed
	}
	return nil
}

func reportLoadError(env *cliEnv, path string, err error) {
	var ps survey.Problems
	if errors.As(err, &ps) {
		fmt.Fprintln(env.stderr, ps.Error())
		fmt.Fprintf(env.stderr, "%s: %d problem%s\n", path, len(ps), plural(len(ps)))
		return
	}
	fmt.Fprintf(env.stderr, "%s: %v\n", path, err)
}

// lintSummary is the one line lint prints for a valid questionnaire.
func lintSummary(path string, q *survey.Questionnaire) string {
	r := q.Paths()
	routes := fmt.Sprintf("%d routes", len(r.Routes))
	if !r.Exhaustive {
		routes = fmt.Sprintf("%d routes found in %d sampled walks", len(r.Routes), r.Walks)
	}
	return fmt.Sprintf("%s: ok — %s v%s, %d items, %d sections, %s, %d–%d items shown on any route, languages %s",
		path, q.ID, q.Version, len(q.Items()), len(q.Sections), routes, r.MinItems, r.MaxItems, strings.Join(q.LanguageList(), "+"))
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
