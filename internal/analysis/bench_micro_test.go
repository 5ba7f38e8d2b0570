package analysis_test

import (
	"fmt"
	"testing"

	"github.com/researchpulse/pulse/internal/analysis"
	"github.com/researchpulse/pulse/internal/survey"
)

// The parts of an analysis apart, on 2,000 generated responses to the
// bundled questionnaire (BenchmarkAnalyse100k is the whole at scale):
//
//	go test ./internal/analysis -run '^$' -bench 'AnalyserAdd|Breakdowns' -benchmem -count 6

func benchInput(b *testing.B) analysis.Input {
	b.Helper()
	const file = "../../questionnaires/research-engagement.yaml"
	q, err := survey.LoadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	return input(b, file, generate(b, q, 2000, 3))
}

// BenchmarkAnalyserAdd decides one response (exclusion rules, branching,
// completion) and adds it to every breakdown's counts.
func BenchmarkAnalyserAdd(b *testing.B) {
	in := benchInput(b)
	a, err := analysis.NewAnalyser(in)
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		r := in.Responses[i%len(in.Responses)]
		r.ID = fmt.Sprintf("b%09d", i) // ids must ascend
		if _, err := a.Add(r); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkBreakdowns publishes the report of 2,000 added responses: the
// flow and every breakdown with its percentages, intervals, tests,
// rankings and small-cell suppression.
func BenchmarkBreakdowns(b *testing.B) {
	in := benchInput(b)
	a, err := analysis.NewAnalyser(in)
	if err != nil {
		b.Fatal(err)
	}
	for _, r := range in.Responses {
		if _, err := a.Add(r); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		a.Report()
	}
}
