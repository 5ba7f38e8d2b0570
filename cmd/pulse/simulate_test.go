package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/researchpulse/pulse/internal/analysis"
	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

const bundledDir = "../../questionnaires"

func noEnv(string) string { return "" }

// simulateDB makes a database with two trusts and an open review of the
// bundled questionnaire, slug "wave-1", and returns its path.
func simulateDB(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "pulse.db")
	st, err := store.Open(ctx, store.Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	qs, problems, err := loadQuestionnaires(bundledDir)
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	q := qs[0]
	var ids []int64
	for i, code := range []string{"RM1", "RL4"} {
		tr, err := st.CreateTrust(ctx, store.Trust{Code: code, Name: "Trust " + code, Nation: store.NationEngland, Quintile: 1 + 3*i})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, tr.ID)
	}
	now := time.Now()
	_, _, err = st.CreateReview(ctx, store.Review{Slug: "wave-1", Title: "Wave 1", QuestionnaireID: q.ID, QuestionnaireVersion: q.Version,
		QuestionnaireHash: q.Hash, OpensAt: now.Add(-time.Hour), ClosesAt: now.Add(24 * time.Hour), Status: store.ReviewOpen,
		Rules: analysis.RulesFor(q)}, store.SourceOf(q), ids)
	if err != nil {
		t.Fatal(err)
	}
	return path
}

func runSim(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), append([]string{"simulate"}, args...), noEnv, &stdout, &stderr)
	return stdout.String(), stderr.String(), err
}

// responses opens the database and describes each response without its
// id: trust, status and answers, sorted.
func responses(t *testing.T, path string) (store.ResponseCounts, []string) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, store.Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rev, err := st.ReviewBySlug(ctx, "wave-1")
	if err != nil {
		t.Fatal(err)
	}
	counts, err := st.CountResponses(ctx, rev.ID)
	if err != nil {
		t.Fatal(err)
	}
	list, err := st.ListResponses(ctx, rev.ID)
	if err != nil {
		t.Fatal(err)
	}
	all, err := st.AllAnswers(ctx, rev.ID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range list {
		b, _ := json.Marshal(struct {
			Trust   int64
			Status  string
			Answers survey.Answers
		}{r.TrustID, r.Status, all[r.ID]})
		out = append(out, string(b))
	}
	sort.Strings(out)
	return counts, out
}

func TestSimulateCommand(t *testing.T) {
	db := simulateDB(t)
	out, errOut, err := runSim(t, "--db", db, "--review", "wave-1", "--responses", "30", "--seed", "7", "--stop-rate", "0.3")
	if err != nil {
		t.Fatalf("simulate: %v\n%s", err, errOut)
	}
	counts, list := responses(t, db)
	if len(list) != 30 || counts.Submitted+counts.InProgress != 30 || counts.InProgress == 0 || counts.Submitted == 0 {
		t.Fatalf("counts %+v", counts)
	}
	want := "review wave-1: 30 responses created (" // then the split, time and seed
	if !strings.HasPrefix(out, want) || !strings.Contains(out, "seed 7") {
		t.Errorf("summary %q", out)
	}
	for _, tr := range counts.ByTrust {
		if tr.Submitted+tr.InProgress == 0 {
			t.Errorf("no responses at trust %s", tr.Trust.Code)
		}
	}
}

// TestSimulateDeterministic: the same seed into two databases gives the
// same multiset of answers.
func TestSimulateDeterministic(t *testing.T) {
	var lists [][]string
	for _, seed := range []string{"11", "11", "12"} {
		db := simulateDB(t)
		if _, errOut, err := runSim(t, "--db", db, "--review", "wave-1", "--responses", "12", "--seed", seed); err != nil {
			t.Fatalf("simulate: %v\n%s", err, errOut)
		}
		_, list := responses(t, db)
		lists = append(lists, list)
	}
	if diff := cmp.Diff(lists[0], lists[1]); diff != "" {
		t.Errorf("seed 11 twice (-first +second):\n%s", diff)
	}
	if cmp.Equal(lists[0], lists[2]) {
		t.Errorf("seeds 11 and 12 gave the same answers")
	}
}

func TestSimulateErrors(t *testing.T) {
	db := simulateDB(t)
	tests := []struct {
		name string
		args []string
		want string // in the error; "" for a usage error
	}{
		{"no review", []string{"--db", db}, ""},
		{"bad stop rate", []string{"--db", db, "--review", "wave-1", "--stop-rate", "2"}, ""},
		{"unknown flag", []string{"--db", db, "--review", "wave-1", "--bogus"}, ""},
		{"unknown review", []string{"--db", db, "--review", "nope"}, `no review with slug "nope"`},
		{"no database", []string{"--review", "wave-1"}, "no database"},
		{"profile file missing", []string{"--db", db, "--review", "wave-1", "--profile", "nope.yaml"}, "nope.yaml"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := runSim(t, tc.args...)
			switch {
			case tc.want == "" && !errors.Is(err, errUsage):
				t.Errorf("err = %v, want a usage error", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestLoadQuestionnairesListsProblems(t *testing.T) {
	qs, problems, err := loadQuestionnaires("../../internal/survey/testdata/invalid")
	if err != nil || len(qs) != 0 {
		t.Fatalf("loaded %d, err %v; want every file reported, none loaded", len(qs), err)
	}
	joined := errors.Join(problems...)
	var ps survey.Problems
	if !errors.As(joined, &ps) || !strings.Contains(joined.Error(), "anchors.yaml:") || !strings.Contains(joined.Error(), "bad_indent.yaml:") {
		t.Errorf("problems do not list each file's problems:\n%v", joined)
	}
	if _, _, err := loadQuestionnaires(t.TempDir()); err == nil || !strings.Contains(err.Error(), "no *.yaml files") {
		t.Errorf("empty folder: %v", err)
	}
}
