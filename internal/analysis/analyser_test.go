package analysis_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/researchpulse/pulse/internal/analysis"
	"github.com/researchpulse/pulse/internal/survey"
)

// TestAnalyserStreams: responses added one at a time in id order give the
// report Analyse gives and the decisions Decide gives; out of order or
// repeated ids are refused.
func TestAnalyserStreams(t *testing.T) {
	for _, file := range []string{"../../questionnaires/research-engagement.yaml", "../survey/testdata/valid/careers.yaml"} {
		q, err := survey.LoadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		in := input(t, file, generate(t, q, 400, 5))
		want, err := analysis.Analyse(in)
		if err != nil {
			t.Fatal(err)
		}
		decisions, err := analysis.Decide(in)
		if err != nil {
			t.Fatal(err)
		}
		sorted := slices.Clone(in.Responses)
		slices.SortFunc(sorted, func(a, b analysis.Response) int { return strings.Compare(a.ID, b.ID) })
		a, err := analysis.NewAnalyser(in)
		if err != nil {
			t.Fatal(err)
		}
		var got []analysis.Decision
		for _, r := range sorted {
			d, err := a.Add(r)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, d)
		}
		if diff := cmp.Diff(decisions, got); diff != "" {
			t.Errorf("%s: decisions differ from Decide:\n%s", file, diff)
		}
		w, _ := json.Marshal(want)
		g, _ := json.Marshal(a.Report())
		if string(w) != string(g) {
			t.Errorf("%s: streamed report differs from Analyse", file)
		}
		if _, err := a.Add(sorted[0]); err == nil || !strings.Contains(err.Error(), "ascending id order") {
			t.Errorf("%s: an earlier id after a later one: err = %v", file, err)
		}
		if _, err := a.Add(sorted[len(sorted)-1]); err == nil || !strings.Contains(err.Error(), "appears twice") {
			t.Errorf("%s: a repeated id: err = %v", file, err)
		}
	}
}
