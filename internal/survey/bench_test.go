package survey_test

import (
	"os"
	"testing"

	"github.com/researchpulse/pulse/internal/survey"
)

// BenchmarkLoad measures loading and checking a questionnaire, which is
// what `pulse lint` and every start of `pulse serve` do: decoding, the
// structure and condition checks, and deciding exactly whether every
// section and item can be shown. million.yaml has 2^20 routes; the
// reachability check must not walk them.
//
//	go test ./internal/survey -run '^$' -bench Load -count 6
func BenchmarkLoad(b *testing.B) {
	for _, f := range []struct{ name, path string }{
		{"bundled", "../../questionnaires/research-engagement.yaml"},
		{"careers", "testdata/valid/careers.yaml"},
		{"million_routes", "testdata/valid/million.yaml"},
	} {
		data, err := os.ReadFile(f.path)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(f.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := survey.Parse(f.name+".yaml", data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkVisibility measures the branching evaluation done on every
// page save, for a fully answered bundled response.
func BenchmarkVisibility(b *testing.B) {
	q, err := survey.LoadFile("../../questionnaires/research-engagement.yaml")
	if err != nil {
		b.Fatal(err)
	}
	answers := survey.Answers{}
	for _, it := range q.Items() {
		switch {
		case it.Choice():
			answers[it.ID] = survey.Answer{Codes: []string{it.Options[0].Code}}
		case it.Type == survey.TypeNumber:
			answers[it.ID] = survey.Answer{Text: "3"}
		default:
			answers[it.ID] = survey.Answer{Text: "x"}
		}
	}
	for b.Loop() {
		q.Visibility(answers)
	}
}
