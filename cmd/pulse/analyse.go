package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"

	"github.com/researchpulse/pulse/internal/analysis"
	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

// version is the program version reported with every analysis; release
// builds set it with -ldflags "-X main.version=…".
var version = "dev"

type analyseFlags struct {
	db, review, compare, format string
}

func parseAnalyseFlags(env *cliEnv, args []string) (analyseFlags, error) {
	var f analyseFlags
	fs := flag.NewFlagSet("analyse", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.StringVar(&f.db, "db", "", "SQLite database `file` (or set PULSE_DATABASE_URL)")
	fs.StringVar(&f.review, "review", "", "`slug` of the review to analyse")
	fs.StringVar(&f.compare, "compare", "", "`slug` of an earlier wave of the same questionnaire to compare with")
	fs.StringVar(&f.format, "format", "table", "output `format`: table or json")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "Usage: pulse analyse --db FILE --review SLUG [--compare SLUG] [--format table|json]")
		fmt.Fprintln(env.stderr, "\nApplies the review's exclusion rules and prints the exclusion flow and every")
		fmt.Fprintln(env.stderr, "barrier, motivator, enabler and organisational-support breakdown.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return f, errUsage
	}
	if fs.NArg() > 0 || f.review == "" || (f.format != "table" && f.format != "json") {
		fs.Usage()
		return f, errUsage
	}
	return f, nil
}

// analyseDoc is what --format json prints: the report and, with
// --compare, the comparison with the earlier wave.
type analyseDoc struct {
	Report     analysis.Report      `json:"report"`
	Comparison *analysis.Comparison `json:"comparison,omitempty"`
}

func runAnalyse(ctx context.Context, env *cliEnv, args []string) error {
	f, err := parseAnalyseFlags(env, args)
	if err != nil {
		return err
	}
	st, err := openStoreURL(ctx, f.db, env.getenv(databaseURLEnv))
	if err != nil {
		return err
	}
	defer st.Close()
	qs, problems, err := respond.StoredQuestionnaires(ctx, st)
	if err != nil {
		return err
	}
	for _, p := range problems {
		fmt.Fprintln(env.stderr, p)
	}
	doc := analyseDoc{}
	if doc.Report, err = analyseReview(ctx, st, qs, f.review); err != nil {
		return err
	}
	if f.compare != "" {
		prev, err := analyseReview(ctx, st, qs, f.compare)
		if err != nil {
			return err
		}
		c, err := analysis.Compare(prev, doc.Report)
		if err != nil {
			return err
		}
		doc.Comparison = &c
	}
	if f.format == "json" {
		enc := json.NewEncoder(env.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(doc)
	}
	printReport(env.stdout, doc.Report)
	if doc.Comparison != nil {
		printComparison(env.stdout, *doc.Comparison)
	}
	return nil
}

// analyseReview reads a review and its responses and analyses them.
func analyseReview(ctx context.Context, st *store.Store, qs []*survey.Questionnaire, slug string) (analysis.Report, error) {
	rev, err := st.ReviewBySlug(ctx, slug)
	if errors.Is(err, store.ErrNotFound) {
		return analysis.Report{}, fmt.Errorf("no review with slug %q", slug)
	}
	if err != nil {
		return analysis.Report{}, err
	}
	var q *survey.Questionnaire
	for _, c := range qs {
		if c.Hash == rev.QuestionnaireHash {
			q = c
		}
	}
	if q == nil {
		return analysis.Report{}, fmt.Errorf("review %s: its stored questionnaire %s v%s (hash %.12s…) does not load", rev.Slug, rev.QuestionnaireID, rev.QuestionnaireVersion, rev.QuestionnaireHash)
	}
	responses, trusts, err := st.AnalysisInput(ctx, rev.ID)
	if err != nil {
		return analysis.Report{}, err
	}
	rep, err := analysis.Analyse(analysis.Input{
		Questionnaire: q, Rules: rev.Rules, Opens: rev.OpensAt, Closes: rev.ClosesAt,
		Trusts: trusts, Responses: responses, Review: rev.Slug, Software: "pulse " + version,
	})
	if err != nil {
		return analysis.Report{}, fmt.Errorf("review %s: %w", rev.Slug, err)
	}
	return rep, nil
}
