package server

import (
	"context"
	"math"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/simulate"
	"github.com/researchpulse/pulse/internal/survey"
)

// TestAPIRandomRoutes walks random routes through the bundled
// questionnaire and the careers one via the API, answering each page with
// random valid answers built only from what the API says about its items
// (leaving optional ones blank, sometimes saving a page partially, and
// sometimes going back to change an earlier page). After every save the
// items the API shows, its progress and, at the end, the completion ratio
// must equal what the questionnaire's rules give, worked out by a plain
// re-implementation of those rules in this file (independent of package
// survey's evaluator); and every submitted response must have every
// applicable required item.
func TestAPIRandomRoutes(t *testing.T) {
	routes := 200
	if testing.Short() {
		routes = 30
	}
	env := newTestEnv(t)
	for _, qc := range []struct {
		name   string
		q      *survey.Questionnaire
		keys   []string
		oracle func(survey.Answers) []string
	}{
		{"bundled", env.bundled, []string{env.keyMore, env.keyLess}, bundledRules},
		{"careers", env.careers, []string{env.keyCareers}, careersRules},
	} {
		t.Run(qc.name, func(t *testing.T) {
			env.t = t
			const seed = 2026
			rng := rand.New(rand.NewPCG(seed, 0))
			picker := simulate.NewPicker(rng, simulate.DefaultHabits)
			seen := map[string]bool{}
			for i := range routes {
				key := qc.keys[rng.IntN(len(qc.keys))]
				env.fix.SetNow(env.fix.Now().Add(2 * time.Second)) // respondents start at a human pace, within the start limit
				w := &apiWalker{env: env, q: qc.q, oracle: qc.oracle, s: env.apiStart(key, nil), rng: rng, picker: picker}
				route := w.walk()
				if t.Failed() {
					t.Fatalf("route %d (seed %d) failed after %v", i, seed, route)
				}
				seen[strings.Join(route, " ")] = true
			}
			t.Logf("%d random walks took %d distinct routes", routes, len(seen))
			if qc.name != "bundled" {
				return
			}
			for r := range sectionRoutes(qc.q) {
				if !seen[r] && !testing.Short() {
					t.Errorf("no walk took the route %s", r)
				}
			}
		})
	}
}

// sectionRoutes lists the distinct sequences of sections the branching
// can show, from survey's own route walk.
func sectionRoutes(q *survey.Questionnaire) map[string]bool {
	out := map[string]bool{}
	for _, r := range q.Paths().Routes {
		var secs []string
		for _, id := range r.Items {
			sec := q.Sections[q.SectionIndex(id)].ID
			if len(secs) == 0 || secs[len(secs)-1] != sec {
				secs = append(secs, sec)
			}
		}
		out[strings.Join(secs, " ")] = true
	}
	return out
}

type apiWalker struct {
	env    *testEnv
	q      *survey.Questionnaire
	oracle func(survey.Answers) []string // the items the rules show
	s      *apiSession
	rng    *rand.Rand
	picker *simulate.Picker
	backs  int
}

// walk answers pages until the check page, submits, and returns the
// sections the response finally shows.
func (w *apiWalker) walk() []string {
	t := w.env.t
	page := w.s.page
	for step := 0; page != nil; step++ {
		if step > 60 {
			t.Fatalf("response %s never reached the check page", w.s.id)
		}
		w.checkVisible(page)
		if page.Back != nil && w.backs < 3 && w.rng.Float64() < 0.1 {
			w.backs++
			r := w.s.get("/pages/" + *page.Back)
			if r.status != http.StatusOK {
				t.Fatalf("back to %s: %d %s", *page.Back, r.status, r.body)
			}
			page = new(apiPage)
			r.decode(t, page)
			continue
		}
		if w.rng.Float64() < 0.05 {
			page = w.savePartly(page)
			continue
		}
		answers, other := w.answer(page)
		r := w.s.put(page.Section.ID, map[string]any{"answers": answers, "other": other, "confirm_clear": true})
		if r.status != http.StatusOK {
			t.Fatalf("save %s: %d %s", page.Section.ID, r.status, r.body)
		}
		var out apiSaved
		r.decode(t, &out)
		if out.Next == respond.SectionCheck {
			if out.Page != nil {
				t.Errorf("page for _check: %+v", out.Page)
			}
			break
		}
		page = out.Page
	}
	return w.finish()
}

// answer picks answers, and "please specify" texts, for the items the API
// shows, from the API's description of them alone.
func (w *apiWalker) answer(page *apiPage) (map[string]any, map[string]string) {
	answers, other := map[string]any{}, map[string]string{}
	for _, a := range page.Items {
		v := w.picker.Answer(itemFromAPI(a))
		if v.Other != "" {
			other[a.ID] = v.Other
		}
		if len(v.Values) == 0 {
			if w.rng.IntN(2) == 0 {
				answers[a.ID] = nil
			}
			continue
		}
		answers[a.ID] = jsonAnswer(a.Type, v.Values)
	}
	return answers, other
}

func itemFromAPI(a apiItem) *survey.Item {
	it := &survey.Item{ID: a.ID, Type: a.Type, Optional: a.Optional, MaxChoices: a.MaxChoices, Min: a.Min, Max: a.Max,
		Decimals: a.Decimals, MaxLength: a.MaxLength, OtherLength: a.OtherMaxLength}
	for _, o := range a.Options {
		it.Options = append(it.Options, survey.Option{Code: o.Code, Exclusive: o.Exclusive, Other: o.Other, OtherOptional: o.OtherOptional})
	}
	return it
}

// jsonAnswer is how a client would send values: an array for a multiple
// choice, a number for a number, else a string.
func jsonAnswer(typ string, values []string) any {
	switch typ {
	case survey.TypeMultiple:
		out := make([]any, len(values))
		for i, v := range values {
			out[i] = v
		}
		return out
	case survey.TypeNumber:
		f, _ := strconv.ParseFloat(values[0], 64)
		return f
	}
	return values[0]
}

// savePartly saves some of a page's answers with "save and come back
// later", as a respondent who stops mid-page does: it must be kept, and
// the page must come back. It returns the page as the API now shows it.
func (w *apiWalker) savePartly(page *apiPage) *apiPage {
	t := w.env.t
	t.Helper()
	answers, other := w.answer(page)
	for id := range answers {
		if w.rng.IntN(2) == 0 {
			delete(answers, id)
		}
	}
	r := w.s.put(page.Section.ID, map[string]any{"answers": answers, "other": other, "partial": true, "confirm_clear": true})
	if r.status != http.StatusOK {
		t.Fatalf("partial save of %s: %d %s", page.Section.ID, r.status, r.body)
	}
	var out apiSaved
	r.decode(t, &out)
	if out.Next != page.Section.ID || out.Page == nil {
		t.Fatalf("partial save of %s went on to %s", page.Section.ID, out.Next)
	}
	return out.Page
}

// checkVisible compares a page's items and progress with what the rules
// show for the answers in the store.
func (w *apiWalker) checkVisible(page *apiPage) {
	t := w.env.t
	t.Helper()
	answers, err := w.env.store.Answers(context.Background(), w.s.id)
	if err != nil {
		t.Fatal(err)
	}
	shown := w.oracle(answers)
	var want, got []string
	for _, id := range shown {
		if w.q.Sections[w.q.SectionIndex(id)].ID == page.Section.ID {
			want = append(want, id)
		}
	}
	for _, it := range page.Items {
		got = append(got, it.ID)
	}
	if !slices.Equal(want, got) {
		t.Errorf("section %s: API shows %v, the rules show %v (answers %v)", page.Section.ID, got, want, answers)
	}
	answered := 0
	for _, id := range shown {
		if !answers[id].Empty() {
			answered++
		}
	}
	if page.Progress.Applicable != len(shown) || page.Progress.Answered != answered {
		t.Errorf("section %s: progress %d of %d, the rules give %d of %d", page.Section.ID,
			page.Progress.Answered, page.Progress.Applicable, answered, len(shown))
	}
	steps := map[string]bool{}
	for _, id := range shown {
		steps[w.q.Sections[w.q.SectionIndex(id)].ID] = true
	}
	if page.Steps != len(steps) {
		t.Errorf("section %s: steps %d, the rules show %d sections", page.Section.ID, page.Steps, len(steps))
	}
}

// finish checks and submits, then checks the stored answers are complete
// and all applicable.
func (w *apiWalker) finish() []string {
	t := w.env.t
	var check apiCheck
	w.s.get("/check").decode(t, &check)
	if !check.Complete || len(check.Missing) != 0 {
		t.Errorf("check: complete %v, missing %v", check.Complete, check.Missing)
	}
	var resp apiResponse
	w.s.get("").decode(t, &resp)
	if r := w.s.submit(newKey()); r.status != http.StatusOK {
		t.Fatalf("submit: %d %s", r.status, r.body)
	}
	q := w.q
	answers := w.s.snapshot().Answers
	shown := w.oracle(answers)
	applicable := map[string]bool{}
	for _, id := range shown {
		applicable[id] = true
	}
	for id := range answers {
		if !applicable[id] {
			t.Errorf("stored an answer to %s, which the rules do not show", id)
		}
	}
	required, answered, given := 0, 0, 0
	for _, id := range shown {
		if !answers[id].Empty() {
			given++
		}
		if it, _ := q.Item(id); !it.Optional {
			required++
			if !answers[id].Empty() {
				answered++
			}
		}
	}
	if required == 0 || answered != required {
		t.Errorf("submitted with %d of %d required items answered", answered, required)
	}
	if want := float64(given) / float64(len(shown)); resp.CompletionRatio == nil || math.Abs(*resp.CompletionRatio-want) > 1e-9 {
		t.Errorf("completion ratio %v, the rules give %d/%d", resp.CompletionRatio, given, len(shown))
	}
	var route []string
	for _, cs := range check.Sections {
		route = append(route, cs.ID)
	}
	return route
}
