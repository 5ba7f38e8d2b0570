package server

import (
	"context"
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
// questionnaire via the API, answering each page with random valid answers
// built only from what the API says about its items, sometimes going back
// to change an earlier page. At every page the items the API shows must be
// exactly those survey.Visibility shows for the answers in the store, and
// every submitted response must have every applicable required item.
func TestAPIRandomRoutes(t *testing.T) {
	routes := 200
	if testing.Short() {
		routes = 30
	}
	env := newTestEnv(t)
	const seed = 2026
	rng := rand.New(rand.NewPCG(seed, 0))
	picker := simulate.NewPicker(rng, simulate.DefaultHabits)
	seen := map[string]bool{}
	for i := range routes {
		key := env.keyMore
		if rng.IntN(2) == 0 {
			key = env.keyLess
		}
		env.fix.SetNow(env.fix.Now().Add(2 * time.Second)) // respondents start at a human pace, within the start limit
		w := &apiWalker{env: env, s: env.apiStart(key, nil), rng: rng, picker: picker}
		route := w.walk()
		if t.Failed() {
			t.Fatalf("route %d (seed %d) failed after %v", i, seed, route)
		}
		seen[strings.Join(route, " ")] = true
	}
	t.Logf("%d random walks took %d distinct routes", routes, len(seen))
	for r := range sectionRoutes(env.bundled) {
		if !seen[r] && !testing.Short() {
			t.Errorf("no walk took the route %s", r)
		}
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
		answers, other := w.answer(page)
		r := w.s.put(page.Section.ID, map[string]any{"answers": answers, "other": other})
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

// checkVisible compares a page's items with what the branching shows for
// the stored answers.
func (w *apiWalker) checkVisible(page *apiPage) {
	t := w.env.t
	t.Helper()
	q := w.env.bundled
	answers, err := w.env.store.Answers(context.Background(), w.s.id)
	if err != nil {
		t.Fatal(err)
	}
	vis := q.Visibility(answers)
	si := q.SectionByID(page.Section.ID)
	if si < 0 || !vis.Sections[si] {
		t.Fatalf("API shows section %s, which the branching hides", page.Section.ID)
	}
	var want, got []string
	for k := range q.Sections[si].Items {
		for _, a := range q.Answerables(&q.Sections[si].Items[k]) {
			if vis.Shown[a.ID] {
				want = append(want, a.ID)
			}
		}
	}
	for _, it := range page.Items {
		got = append(got, it.ID)
	}
	if !slices.Equal(want, got) {
		t.Errorf("section %s: API shows %v, branching shows %v", page.Section.ID, got, want)
	}
	steps := 0
	for _, shown := range vis.Sections {
		if shown {
			steps++
		}
	}
	if page.Steps != steps {
		t.Errorf("section %s: steps %d, branching shows %d sections", page.Section.ID, page.Steps, steps)
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
	if r := w.s.submit(newKey()); r.status != http.StatusOK {
		t.Fatalf("submit: %d %s", r.status, r.body)
	}
	q := w.env.bundled
	answers := w.s.snapshot().Answers
	if _, cleared := q.Prune(answers); len(cleared) > 0 {
		t.Errorf("stored answers to hidden items: %v", cleared)
	}
	vis := q.Visibility(answers)
	required, answered := 0, 0
	for _, id := range vis.Order {
		if it, _ := q.Item(id); !it.Optional {
			required++
			if a, ok := answers[id]; ok && !a.Empty() {
				answered++
			}
		}
	}
	if required == 0 || answered != required || !q.Completion(answers).Complete() {
		t.Errorf("submitted with %d of %d required items answered", answered, required)
	}
	var route []string
	for _, cs := range check.Sections {
		route = append(route, cs.ID)
	}
	return route
}
