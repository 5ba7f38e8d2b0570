package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/researchpulse/pulse/internal/admin"
	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

// ---- pulse review ----

func runReview(ctx context.Context, env *cliEnv, args []string) error {
	return subcommand(ctx, env, "review", args, map[string]func(context.Context, *cliEnv, []string) error{
		"create": runReviewCreate, "list": runReviewList, "open": runReviewOpen, "close": runReviewClose,
		"next-wave": runReviewWave, "status": runReviewStatus,
	}, "create | list | open SLUG | close SLUG | next-wave SLUG | status SLUG")
}

func runReviewCreate(ctx context.Context, env *cliEnv, args []string) error {
	var (
		db, file string
		trusts   multiFlag
		in       admin.ReviewInput
	)
	fs := flag.NewFlagSet("review create", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	commonFlags(fs, env, &db)
	fs.StringVar(&file, "questionnaire", "", "questionnaire YAML `file` (it must pass pulse lint)")
	fs.StringVar(&in.Title, "title", "", "title staff see")
	fs.StringVar(&in.Slug, "slug", "", "short name (default: made from the title)")
	fs.Var(&trusts, "trust", "trust `code` taking part (repeat for several)")
	fs.StringVar(&in.Opens, "opens", "", "opening `time`, UK: 2026-12-01 or 2026-12-01T09:00")
	fs.StringVar(&in.Closes, "closes", "", "closing `time`, UK")
	fs.StringVar(&in.Threshold, "threshold", "", "completion threshold in per cent (default: the questionnaire's)")
	fs.StringVar(&in.K, "k", "", "smallest group shown (default 10)")
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 || file == "" {
		fmt.Fprintln(env.stderr, "Usage: pulse review create [--db FILE] --questionnaire FILE.yaml --title TITLE --trust CODE... --opens TIME --closes TIME [--threshold PERCENT] [--k N] [--slug SLUG]")
		return errUsage
	}
	q, err := survey.LoadFile(file)
	if err != nil {
		fmt.Fprintf(env.stderr, "%s does not pass its checks, so no review was created:\n%v\n", file, err)
		return errFailed
	}
	a, err := openAdmin(ctx, env, db, "")
	if err != nil {
		return err
	}
	defer a.st.Close()
	if in.Trusts, err = trustIDs(ctx, env, a.st, trusts); err != nil {
		return err
	}
	rev, err := a.svc.CreateReviewFrom(ctx, admin.CommandLine, q, in)
	if err != nil {
		return reportInvalid(env, err)
	}
	fmt.Fprintf(env.stdout, "created draft review %s (%s %s); open it with: pulse review open %s\n", rev.Slug, q.ID, q.Version, rev.Slug)
	return nil
}

// slugArg parses the flags of a command taking one review slug.
func slugArg(env *cliEnv, name string, args []string, extra func(*flag.FlagSet)) (db, slug string, err error) {
	fs := flag.NewFlagSet("review "+name, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	commonFlags(fs, env, &db)
	if extra != nil {
		extra(fs)
	}
	// The slug may come before or after the flags.
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		slug, args = args[0], args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return "", "", errUsage
	}
	if slug == "" && fs.NArg() == 1 {
		slug = fs.Arg(0)
	} else if fs.NArg() != 0 || slug == "" {
		fmt.Fprintf(env.stderr, "Usage: pulse review %s SLUG [--db FILE]\n", name)
		return "", "", errUsage
	}
	return db, slug, nil
}

func (a *adminSession) review(ctx context.Context, env *cliEnv, slug string) (store.Review, error) {
	rev, err := a.st.ReviewBySlug(ctx, slug)
	if errors.Is(err, store.ErrNotFound) {
		fmt.Fprintf(env.stderr, "no review %q (pulse review list shows them)\n", slug)
		return store.Review{}, errFailed
	}
	return rev, err
}

func runReviewOpen(ctx context.Context, env *cliEnv, args []string) error {
	return moveReview(ctx, env, "open", args, (*admin.Service).Open)
}

func runReviewClose(ctx context.Context, env *cliEnv, args []string) error {
	return moveReview(ctx, env, "close", args, (*admin.Service).Close)
}

func moveReview(ctx context.Context, env *cliEnv, name string, args []string, move func(*admin.Service, context.Context, admin.Actor, int64, string) error) error {
	db, slug, err := slugArg(env, name, args, nil)
	if err != nil {
		return err
	}
	a, err := openAdmin(ctx, env, db, "")
	if err != nil {
		return err
	}
	defer a.st.Close()
	rev, err := a.review(ctx, env, slug)
	if err != nil {
		return err
	}
	if err := move(a.svc, ctx, admin.CommandLine, rev.ID, rev.Status); err != nil {
		fmt.Fprintf(env.stderr, "review %s is %s: %v\n", slug, a.svc.State(rev), err)
		return errFailed
	}
	rev, _ = a.st.Review(ctx, rev.ID)
	fmt.Fprintf(env.stdout, "review %s is now %s (opens %s, closes %s, UK time)\n", slug, a.svc.State(rev), londonTime(rev.OpensAt), londonTime(rev.ClosesAt))
	return nil
}

func runReviewWave(ctx context.Context, env *cliEnv, args []string) error {
	var in admin.WaveInput
	db, slug, err := slugArg(env, "next-wave", args, func(fs *flag.FlagSet) {
		fs.StringVar(&in.Opens, "opens", "", "opening `time` of the next wave, UK")
		fs.StringVar(&in.Closes, "closes", "", "closing `time`, UK")
		fs.StringVar(&in.Title, "title", "", "title (default: the previous one, marked next wave)")
	})
	if err != nil {
		return err
	}
	a, err := openAdmin(ctx, env, db, "")
	if err != nil {
		return err
	}
	defer a.st.Close()
	prev, err := a.review(ctx, env, slug)
	if err != nil {
		return err
	}
	rev, err := a.svc.NextWave(ctx, admin.CommandLine, prev.ID, in)
	if err != nil {
		return reportInvalid(env, err)
	}
	fmt.Fprintf(env.stdout, "created draft review %s, the next wave of %s; open it with: pulse review open %s\n", rev.Slug, slug, rev.Slug)
	return nil
}

func runReviewList(ctx context.Context, env *cliEnv, args []string) error {
	var db string
	fs := flag.NewFlagSet("review list", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	commonFlags(fs, env, &db)
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 {
		return errUsage
	}
	a, err := openAdmin(ctx, env, db, "")
	if err != nil {
		return err
	}
	defer a.st.Close()
	rows, err := a.svc.Reviews(ctx, admin.CommandLine)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "SLUG\tSTATE\tOPENS (UK)\tCLOSES (UK)\tQUESTIONNAIRE\tTRUSTS\tTITLE")
	for _, r := range rows {
		codes := make([]string, len(r.Trusts))
		for i, t := range r.Trusts {
			codes[i] = t.Code
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s %s\t%s\t%s\n", r.Slug, r.State, londonTime(r.OpensAt), londonTime(r.ClosesAt),
			r.QuestionnaireID, r.QuestionnaireVersion, strings.Join(codes, ","), r.Title)
	}
	return w.Flush()
}

// runReviewStatus prints the live dashboard's counts, with the small-cell
// rule applied as on the page, and each trust's link.
func runReviewStatus(ctx context.Context, env *cliEnv, args []string) error {
	var base string
	db, slug, err := slugArg(env, "status", args, func(fs *flag.FlagSet) {
		fs.StringVar(&base, "base-url", envOr(env, "PULSE_BASE_URL", "http://127.0.0.1:8080"), "public address, for the links")
	})
	if err != nil {
		return err
	}
	a, err := openAdmin(ctx, env, db, "")
	if err != nil {
		return err
	}
	defer a.st.Close()
	rev, err := a.review(ctx, env, slug)
	if err != nil {
		return err
	}
	d, err := a.svc.Dashboard(ctx, admin.CommandLine, rev.ID)
	if err != nil {
		return err
	}
	printDashboard(env, d)
	links, err := a.svc.Links(ctx, admin.CommandLine, rev.ID)
	if err != nil {
		return err
	}
	for _, l := range links {
		fmt.Fprintf(env.stdout, "link %-8s %s/r/%s\n", l.Trust.Code, strings.TrimSuffix(base, "/"), l.Key)
	}
	return nil
}

func printDashboard(env *cliEnv, d admin.Dashboard) {
	c := func(n admin.Count) string { return countWord(n, d.K) }
	fmt.Fprintf(env.stdout, "%s (%s): %s, opens %s, closes %s (UK time)\n", d.Review.Title, d.Review.Slug, d.State, londonTime(d.Review.OpensAt), londonTime(d.Review.ClosesAt))
	fmt.Fprintf(env.stdout, "started %s, submitted %s, in progress %s; at or above the %.0f%% threshold: %s",
		c(d.Total.Started), c(d.Total.Submitted), c(d.Total.InProgress), d.Threshold*100, c(d.Above))
	if share, ok := d.Share(); ok {
		fmt.Fprintf(env.stdout, " (%.0f%%)", share)
	}
	fmt.Fprintf(env.stdout, "; preview/test responses not counted: %d\n", d.Test)
	w := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "TRUST\tSTARTED\tSUBMITTED\tIN PROGRESS\t")
	for _, r := range d.ByTrust {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t\n", r.Code, c(r.Started), c(r.Submitted), c(r.InProgress))
	}
	for _, r := range d.ByGroup {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t\n", r.Label, c(r.Started), c(r.Submitted), c(r.InProgress))
	}
	_ = w.Flush()
	for _, f := range d.Funnel {
		fmt.Fprintf(env.stdout, "  %-50s %s\n", f.Label, c(f.N))
	}
}

func countWord(n admin.Count, k int) string {
	switch {
	case n.Small:
		return fmt.Sprintf("<%d", k)
	case n.Hidden:
		return "hidden"
	}
	return fmt.Sprint(n.N)
}
