package analysis_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/researchpulse/pulse/internal/analysis"
	"github.com/researchpulse/pulse/internal/simulate"
	"github.com/researchpulse/pulse/internal/survey"
)

// generate makes n responses in memory: each picks a trust, answers the
// items shown in order (with the default profile for the bundled
// questionnaire), may stop early, and is now and then a test response.
func generate(t testing.TB, q *survey.Questionnaire, n int, seed uint64) []analysis.Response {
	rng := rand.New(rand.NewPCG(seed, 1))
	var profile *simulate.Profile
	if p := simulate.DefaultProfile(); p.Questionnaire == q.ID {
		profile = p
	}
	hour := time.Date(2026, 11, 10, 10, 0, 0, 0, time.UTC)
	out := make([]analysis.Response, n)
	for i := range out {
		level := []string{analysis.ActivityMore, analysis.ActivityLess}[rng.IntN(2)]
		picker := simulate.NewPicker(rng, simulate.DefaultHabits).WithProfile(profile)
		answers := survey.Answers{}
		stop := len(q.Items()) + 1
		if rng.IntN(3) == 0 {
			stop = rng.IntN(len(q.Items()))
		}
		for j, it := range q.Items() {
			if j >= stop {
				break
			}
			v := q.Visibility(answers)
			if !v.Shown(it.ID) {
				continue
			}
			who := map[string]string{survey.DimensionTrustActivity: level}
			for k, val := range v.Derived {
				who[k] = val
			}
			picker.SetRespondent(who)
			opts := q.Offered(it, answers)
			if len(opts) == 0 {
				continue
			}
			pick := picker.Answer(&survey.Item{ID: it.ID, Type: it.Type, Options: opts, MaxChoices: it.MaxChoices, Min: it.Min, Max: it.Max, Decimals: it.Decimals, MaxLength: it.MaxLength, Optional: it.Optional})
			if a, err := it.ParseInput(pick.Values, pick.Other); err == nil && !a.Empty() {
				answers[it.ID] = a
			}
		}
		out[i] = analysis.Response{ID: fmt.Sprintf("g%07d", i), Trust: "T" + level, Level: level, Submitted: stop > len(q.Items()),
			Test: rng.IntN(50) == 0, Created: hour.Add(time.Duration(rng.IntN(48)) * time.Hour), Answers: answers}
		if out[i].Submitted {
			out[i].SubmittedAt = out[i].Created
		}
	}
	return out
}

func input(t testing.TB, file string, rs []analysis.Response) analysis.Input {
	q, err := survey.LoadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return analysis.Input{Questionnaire: q, Rules: analysis.RulesFor(q), Responses: rs,
		Opens: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), Closes: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
}

// TestGeneratedProperties: over generated data sets of both
// questionnaires, the flow adds up in every row, every published cell
// rests on 0 or at least k respondents, and shuffling the responses
// changes nothing in the report.
func TestGeneratedProperties(t *testing.T) {
	for _, file := range []string{"../../questionnaires/research-engagement.yaml", "../survey/testdata/valid/careers.yaml"} {
		for seed := range uint64(4) {
			q, _ := survey.LoadFile(file)
			in := input(t, file, generate(t, q, 150+int(seed)*100, seed))
			rep, err := analysis.Analyse(in)
			if err != nil {
				t.Fatal(err)
			}
			checkFlow(t, rep.Flow.Overall, file)
			for _, g := range rep.Flow.ByTrust {
				checkFlow(t, g.FlowCounts, file+" "+g.Code)
			}
			k := in.Rules.K
			for _, b := range rep.Breakdowns {
				for _, d := range b.Dimensions {
					for _, g := range d.Groups {
						for _, c := range g.Cells {
							if !c.Suppressed && ((c.Shown > 0 && c.Shown < k) || (c.Denominator > 0 && c.Denominator < k)) {
								t.Errorf("%s %s %s/%s: published cell on %d shown, %d answered", file, b.Item, d.Dimension, g.Code, c.Shown, c.Denominator)
							}
						}
					}
				}
			}
			shuffled := append([]analysis.Response{}, in.Responses...)
			rand.New(rand.NewPCG(seed, 9)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
			in.Responses = shuffled
			again, _ := analysis.Analyse(in)
			a, _ := json.Marshal(rep)
			b, _ := json.Marshal(again)
			if string(a) != string(b) {
				t.Errorf("%s seed %d: the report depends on the order of responses", file, seed)
			}
		}
	}
}

func checkFlow(t *testing.T, c analysis.FlowCounts, what string) {
	t.Helper()
	if c.Received.Suppressed || c.Excluded.Suppressed || c.Included.Suppressed || c.Complete.Suppressed || c.Partial.Suppressed {
		return
	}
	if c.Received.N != c.Excluded.N+c.Included.N || c.Included.N != c.Complete.N+c.Partial.N {
		t.Errorf("%s: flow does not add up: %+v", what, c)
	}
}

// BenchmarkAnalyse100k analyses 100,000 responses to the bundled
// questionnaire (2,000 generated ones, each repeated 50 times in a
// different hour).
func BenchmarkAnalyse100k(b *testing.B) {
	q, err := survey.LoadFile("../../questionnaires/research-engagement.yaml")
	if err != nil {
		b.Fatal(err)
	}
	base := generate(b, q, 2000, 1)
	rs := make([]analysis.Response, 0, 100_000)
	for c := range 50 {
		for _, r := range base {
			r.ID = fmt.Sprintf("%s-%02d", r.ID, c)
			r.Created = r.Created.Add(time.Duration(c) * 24 * time.Hour)
			rs = append(rs, r)
		}
	}
	in := input(b, "../../questionnaires/research-engagement.yaml", rs)
	in.Closes = in.Closes.AddDate(1, 0, 0)
	b.ResetTimer()
	for b.Loop() {
		if _, err := analysis.Analyse(in); err != nil {
			b.Fatal(err)
		}
	}
}
