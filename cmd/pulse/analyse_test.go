package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/researchpulse/pulse/internal/analysis"
	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

func runAnalyseCmd(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), append([]string{"analyse"}, args...), noEnv, &stdout, &stderr)
	return stdout.String() + stderr.String(), err
}

// TestAnalyseEndToEnd simulates a review through the real flow and
// database, analyses it with the command, and recounts the flow and the
// barrier percentages independently from the stored rows.
func TestAnalyseEndToEnd(t *testing.T) {
	db := simulateDB(t)
	if _, errOut, err := runSim(t, "--db", db, "--review", "wave-1", "--responses", "120", "--seed", "3", "--stop-rate", "0.4"); err != nil {
		t.Fatalf("simulate: %v\n%s", err, errOut)
	}
	out, err := runAnalyseCmd(t, "--db", db, "--review", "wave-1", "--format", "json")
	if err != nil {
		t.Fatalf("analyse: %v\n%s", err, out)
	}
	var doc struct {
		Report struct {
			Flow struct {
				Overall struct{ Received, Excluded, Included, Complete, Partial *int }
			}
			Breakdowns []json.RawMessage
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("json: %v\n%.400s", err, out)
	}
	o := doc.Report.Flow.Overall
	if o.Received == nil || *o.Received != 120 || o.Included == nil || o.Excluded == nil || *o.Included+*o.Excluded != 120 {
		t.Errorf("overall flow %+v", o)
	}
	recount(t, db)

	table, err := runAnalyseCmd(t, "--db", db, "--review", "wave-1", "--compare", "wave-1")
	if err != nil {
		t.Fatalf("analyse table: %v\n%s", err, table)
	}
	for _, want := range []string{"EXCLUSION FLOW", "BARRIER C02", "MOTIVATOR C01", "ORG_SUPPORT D01", "top five overall", "CHANGE FROM wave-1 TO wave-1"} {
		if !strings.Contains(table, want) {
			t.Errorf("table output lacks %q", want)
		}
	}
}

// recount applies the bundled questionnaire's rules with plain code of its
// own (no test responses, role answered, submitted or at least 30% of
// applicable items answered) and checks the overall C02 cells of the
// package against it.
func recount(t *testing.T, db string) {
	ctx := context.Background()
	st, err := store.Open(ctx, store.Config{Path: db})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	qs, _, _ := loadQuestionnaires(bundledDir)
	q := qs[0]
	rev, _ := st.ReviewBySlug(ctx, "wave-1")
	responses, trusts, err := st.AnalysisInput(ctx, rev.ID)
	if err != nil {
		t.Fatal(err)
	}
	rev.Rules.K = analysis.MinK
	rep, err := analysis.Analyse(analysis.Input{Questionnaire: q, Rules: rev.Rules, Opens: rev.OpensAt, Closes: rev.ClosesAt, Trusts: trusts, Responses: responses})
	if err != nil {
		t.Fatal(err)
	}
	included, complete, selecting, answered := 0, 0, map[string]int{}, 0
	for _, r := range responses {
		kept, _ := q.Prune(r.Answers)
		applicable, given := 0, 0
		for _, id := range q.Visibility(kept).Order {
			applicable++
			if a, ok := kept[id]; ok && !a.Empty() {
				given++
			}
		}
		if r.Test || len(kept["A01"].Codes) == 0 || (!r.Submitted && float64(given) < 0.3*float64(applicable)-1e-9) {
			continue
		}
		included++
		if r.Submitted {
			complete++
		}
		if c := kept["C02"].Codes; len(c) > 0 {
			answered++
			for _, code := range c {
				selecting[code]++
			}
		}
	}
	if o := rep.Flow.Overall; o.Included.N != included || o.Complete.N != complete {
		t.Errorf("included %v complete %v; recount %d and %d", o.Included, o.Complete, included, complete)
	}
	for _, b := range rep.Breakdowns {
		if b.Item != "C02" {
			continue
		}
		for i, row := range b.Rows {
			c := b.Overall.Cells[i]
			if !c.Suppressed && (c.N != selecting[row.Code] || c.Denominator != answered) {
				t.Errorf("C02 %s: %d/%d; recount %d/%d", row.Code, c.N, c.Denominator, selecting[row.Code], answered)
			}
		}
	}
	_ = survey.CountItems
}

func TestAnalyseErrors(t *testing.T) {
	db := simulateDB(t)
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no review", []string{"--db", db}, ""},
		{"bad format", []string{"--db", db, "--review", "wave-1", "--format", "xml"}, ""},
		{"unknown review", []string{"--db", db, "--review", "nope"}, `no review with slug "nope"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := runAnalyseCmd(t, tc.args...)
			switch {
			case tc.want == "" && !errors.Is(err, errUsage):
				t.Errorf("err = %v, want a usage error", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("err = %v, want %q", err, tc.want)
			}
		})
	}
}
