package survey_test

import (
	"math/rand/v2"
	"testing"

	"github.com/researchpulse/pulse/internal/simulate"
	"github.com/researchpulse/pulse/internal/survey"
)

// The micro-benchmarks of what every page save does with a response to
// the bundled questionnaire: parse what was sent, evaluate the branching,
// clear hidden answers and measure completion. Each runs over 64
// generated respondents in turn, so that no one route is measured alone.
//
//	go test ./internal/survey -run '^$' -bench 'Assess|Prune|Completion|ParseInput' -benchmem -count 6

// benchResponse is one generated respondent: the raw values sent for
// every item (as a form or the API would send them) and the answers they
// parse to, pruned by the branching.
type benchResponse struct {
	sent    map[*survey.Item]simulate.Values
	answers survey.Answers
}

func benchResponses(b *testing.B) (*survey.Questionnaire, []benchResponse) {
	b.Helper()
	q, err := survey.LoadFile("../../questionnaires/research-engagement.yaml")
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	out := make([]benchResponse, 64)
	for i := range out {
		picker := simulate.NewPicker(rng, simulate.DefaultHabits)
		r := benchResponse{sent: map[*survey.Item]simulate.Values{}, answers: survey.Answers{}}
		for _, it := range q.Items() {
			v := picker.Answer(it)
			if len(v.Values) == 0 {
				continue
			}
			a, perr := it.ParseInput(v.Values, v.Other)
			if perr != nil {
				continue // an option piping does not offer here, say
			}
			r.sent[it], r.answers[it.ID] = v, a
		}
		r.answers = q.Assess(r.answers).Answers
		out[i] = r
	}
	return q, out
}

// eachResponse runs f on the generated responses' answers in turn.
func eachResponse(b *testing.B, f func(q *survey.Questionnaire, a survey.Answers)) {
	q, rs := benchResponses(b)
	i := 0
	for b.Loop() {
		f(q, rs[i%len(rs)].answers)
		i++
	}
}

// BenchmarkAssess is the branching, the pruning of hidden answers and the
// completion from one walk, as a save does after merging a page.
func BenchmarkAssess(b *testing.B) {
	eachResponse(b, func(q *survey.Questionnaire, a survey.Answers) { q.Assess(a) })
}

// BenchmarkPrune clears the answers the branching hides.
func BenchmarkPrune(b *testing.B) {
	eachResponse(b, func(q *survey.Questionnaire, a survey.Answers) { q.Prune(a) })
}

// BenchmarkCompletion measures how much of the applicable questionnaire a
// response answered.
func BenchmarkCompletion(b *testing.B) {
	eachResponse(b, func(q *survey.Questionnaire, a survey.Answers) { q.Completion(a) })
}

// BenchmarkParseInput parses every answer one respondent sent; ns/answer
// is the time per item answer.
func BenchmarkParseInput(b *testing.B) {
	_, rs := benchResponses(b)
	i, answers := 0, 0
	for b.Loop() {
		for it, v := range rs[i%len(rs)].sent {
			if _, err := it.ParseInput(v.Values, v.Other); err != nil {
				b.Fatal(err)
			}
			answers++
		}
		i++
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(max(answers, 1)), "ns/answer")
}
