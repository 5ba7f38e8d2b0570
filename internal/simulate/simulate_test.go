package simulate

import (
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

var files = map[string]string{
	"bundled": "../../questionnaires/research-engagement.yaml",
	"mini":    "../survey/testdata/valid/mini.yaml",
}

func load(t *testing.T, name string) *survey.Questionnaire {
	t.Helper()
	q, err := survey.LoadFile(files[name])
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// TestPickerValid: every answer the picker gives passes the item's own
// parsing, required items are never blank, and "other" text comes only
// with the other option.
func TestPickerValid(t *testing.T) {
	for _, name := range []string{"bundled", "mini"} {
		q := load(t, name)
		t.Run(name, func(t *testing.T) {
			p := NewPicker(rand.New(rand.NewPCG(7, 7)), Habits{SkipOptional: 0.3, Exclusive: 0.3, Specify: 0.5})
			for range 300 {
				for _, it := range q.Items() {
					v := p.Answer(it)
					a, err := it.ParseInput(v.Values, v.Other)
					if err != nil {
						t.Fatalf("%s: %v from %+v", it.ID, err, v)
					}
					if a.Empty() && !it.Optional {
						t.Fatalf("%s: required item left blank", it.ID)
					}
					if v.Other != "" && a.Other != v.Other {
						t.Fatalf("%s: other text %q dropped", it.ID, v.Other)
					}
				}
			}
		})
	}
}

func TestPickerEdges(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	tests := []struct {
		name string
		it   survey.Item
	}{
		{"number without range", survey.Item{ID: "N1", Type: survey.TypeNumber}},
		{"number with only min", survey.Item{ID: "N2", Type: survey.TypeNumber, Min: f(-5)}},
		{"decimal range", survey.Item{ID: "N3", Type: survey.TypeNumber, Min: f(0.5), Max: f(0.7), Decimals: true}},
		{"single value range", survey.Item{ID: "N4", Type: survey.TypeNumber, Min: f(3), Max: f(3)}},
		{"short text", survey.Item{ID: "T1", Type: survey.TypeText, MaxLength: 3}},
		{"only exclusive", survey.Item{ID: "M1", Type: survey.TypeMultiple, Options: []survey.Option{{Code: "none", Exclusive: true}}}},
		{"max one", survey.Item{ID: "M2", Type: survey.TypeMultiple, MaxChoices: 1, Options: []survey.Option{{Code: "a"}, {Code: "b"}, {Code: "c"}}}},
	}
	p := NewPicker(rand.New(rand.NewPCG(1, 1)), DefaultHabits)
	for _, tc := range tests {
		for range 200 {
			v := p.Answer(&tc.it)
			if _, err := tc.it.ParseInput(v.Values, v.Other); err != nil {
				t.Fatalf("%s: %v from %+v", tc.name, err, v)
			}
		}
	}
}

func TestPickerDeterministic(t *testing.T) {
	q := load(t, "bundled")
	draw := func(seed uint64) []Values {
		p := NewPicker(rand.New(rand.NewPCG(seed, 0)), DefaultHabits)
		var out []Values
		for range 20 {
			for _, it := range q.Items() {
				out = append(out, p.Answer(it))
			}
		}
		return out
	}
	if diff := cmp.Diff(draw(42), draw(42)); diff != "" {
		t.Errorf("same seed, different answers:\n%s", diff)
	}
	if cmp.Equal(draw(42), draw(43)) {
		t.Errorf("different seeds gave the same answers")
	}
}

// fixture is a store with two trusts and one open review.
type fixture struct {
	store *store.Store
	flow  *respond.Service
	q     *survey.Questionnaire
	links []string
}

func newFixture(t *testing.T, name string) *fixture {
	t.Helper()
	ctx := context.Background()
	now := time.Date(2026, 11, 22, 14, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	st, err := store.Open(ctx, store.Config{Path: filepath.Join(t.TempDir(), "pulse.db"), Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	q := load(t, name)
	var ids []int64
	for i, code := range []string{"RA1", "RB4"} {
		tr, err := st.CreateTrust(ctx, store.Trust{Code: code, Name: "Trust " + code, Nation: store.NationEngland, Quintile: 1 + 3*i})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, tr.ID)
	}
	_, links, err := st.CreateReview(ctx, store.Review{Slug: "sim", Title: "Sim", QuestionnaireID: q.ID, QuestionnaireVersion: q.Version,
		QuestionnaireHash: q.Hash, OpensAt: now.Add(-time.Hour), ClosesAt: now.Add(time.Hour), Status: store.ReviewOpen}, store.SourceOf(q), ids)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{store: st, flow: respond.New(st, []*survey.Questionnaire{q}, clock), q: q}
	for _, l := range links {
		f.links = append(f.links, l.Key)
	}
	return f
}

func (f *fixture) config(n int, seed uint64, stop float64) Config {
	return Config{Flow: f.flow, Links: f.links, Languages: f.q.LanguageList(), Responses: n, Seed: seed, StopRate: stop,
		Habits: DefaultHabits, Sections: len(f.q.Sections)}
}

// TestCrowd runs crowds through the real flow: every save is accepted (a
// rejected answer fails the run), submitted responses are complete, and
// partial ones stop at various points.
func TestCrowd(t *testing.T) {
	tests := []struct {
		name      string
		file      string
		n         int
		stop      float64
		wantAllIn bool // every respondent submits
	}{
		{"bundled, nobody stops", "bundled", 15, 0, true},
		{"bundled, some stop", "bundled", 40, 0.4, false},
		{"mini: same-page branching and two languages", "mini", 40, 0.2, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, tc.file)
			sum, err := Crowd(context.Background(), f.config(tc.n, 99, tc.stop))
			if err != nil {
				t.Fatal(err)
			}
			if sum.Created != tc.n || sum.Submitted+sum.Partial != tc.n || (sum.Partial == 0) == !tc.wantAllIn {
				t.Fatalf("summary %+v", sum)
			}
			ratios := map[float64]bool{}
			for _, r := range sum.Results {
				answers, err := f.store.Answers(context.Background(), r.ResponseID)
				if err != nil {
					t.Fatal(err)
				}
				c := f.q.Completion(answers)
				if r.Submitted && !c.Complete() {
					t.Errorf("%s submitted with %v missing", r.ResponseID, c.Missing)
				}
				if !r.Submitted {
					ratios[c.Ratio()] = true
				}
				if _, cleared := f.q.Prune(answers); len(cleared) > 0 {
					t.Errorf("%s: answers to hidden items %v", r.ResponseID, cleared)
				}
			}
			if !tc.wantAllIn && len(ratios) < 3 {
				t.Errorf("partial responses stop at only %d completion levels", len(ratios))
			}
			counts, err := f.store.CountResponses(context.Background(), mustReview(t, f).ID)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%+v", counts)
		})
	}
}

func mustReview(t *testing.T, f *fixture) store.Review {
	rev, err := f.store.ReviewBySlug(context.Background(), "sim")
	if err != nil {
		t.Fatal(err)
	}
	return rev
}

// TestCrowdDeterministic: the same seed into two databases gives the same
// multiset of responses (trust, status, answers); response ids differ.
func TestCrowdDeterministic(t *testing.T) {
	run := func(seed uint64) ([]string, []string) {
		f := newFixture(t, "bundled")
		sum, err := Crowd(context.Background(), f.config(25, seed, 0.3))
		if err != nil {
			t.Fatal(err)
		}
		return f.fingerprints(t), ids(sum)
	}
	a, idsA := run(5)
	b, idsB := run(5)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("same seed, different responses (-first +second):\n%s", diff)
	}
	if slices.Equal(idsA, idsB) {
		t.Errorf("response ids repeated across runs: they should come from crypto/rand")
	}
	if c, _ := run(6); cmp.Equal(a, c) {
		t.Errorf("different seeds gave the same responses")
	}
}

func ids(sum Summary) []string {
	var out []string
	for _, r := range sum.Results {
		out = append(out, r.ResponseID)
	}
	return out
}

// fingerprints describes each response without its id, sorted.
func (f *fixture) fingerprints(t *testing.T) []string {
	ctx := context.Background()
	rev := mustReview(t, f)
	resps, err := f.store.ListResponses(ctx, rev.ID)
	if err != nil {
		t.Fatal(err)
	}
	all, err := f.store.AllAnswers(ctx, rev.ID)
	if err != nil {
		t.Fatal(err)
	}
	links, err := f.store.ReviewLinks(ctx, rev.ID)
	if err != nil {
		t.Fatal(err)
	}
	trust := map[int64]string{}
	for _, l := range links {
		trust[l.Trust.ID] = l.Trust.Code
	}
	var out []string
	for _, r := range resps {
		b, err := json.Marshal(struct {
			Trust, Status, Language string
			Answers                 survey.Answers
		}{trust[r.TrustID], r.Status, r.Language, all[r.ID]})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	sort.Strings(out)
	return out
}

func TestCrowdRefusesClosedReview(t *testing.T) {
	f := newFixture(t, "mini")
	if err := f.store.SetReviewStatus(context.Background(), mustReview(t, f).ID, store.ReviewClosed); err != nil {
		t.Fatal(err)
	}
	sum, err := Crowd(context.Background(), f.config(3, 1, 0))
	if !errors.Is(err, store.ErrReviewClosed) || sum.Created != 0 {
		t.Errorf("closed review: %+v, %v", sum, err)
	}
	if _, err := Crowd(context.Background(), Config{Flow: f.flow, Responses: 1}); err == nil {
		t.Errorf("no links: no error")
	}
}

func TestDefaultProfileFitsBundled(t *testing.T) {
	if err := DefaultProfile().Check(load(t, "bundled")); err != nil {
		t.Fatal(err)
	}
	if err := DefaultProfile().Check(load(t, "mini")); err == nil {
		t.Error("the default profile passed the check on another questionnaire")
	}
	for _, bad := range []string{"stop_rate: 2", "bogus: 1", "answers: [{item: A01, weights: {nobody: 1}}]"} {
		p, err := ParseProfile([]byte(bad))
		if err == nil {
			err = p.Check(load(t, "bundled"))
		}
		if err == nil {
			t.Errorf("profile %q accepted", bad)
		}
	}
}

// TestProfileShares draws many respondents' C02 answers from the default
// profile and checks the no-protected-time split it was set to: 64% at
// less research-active trusts, 51% at more (within four standard errors
// of 4,000 draws, about 3 points).
func TestProfileShares(t *testing.T) {
	q := load(t, "bundled")
	it, _ := q.Item("C02")
	p := NewPicker(rand.New(rand.NewPCG(3, 4)), DefaultHabits).WithProfile(DefaultProfile())
	for level, want := range map[string]float64{"more": 0.51, "less": 0.64} {
		p.SetRespondent(map[string]string{survey.DimensionTrustActivity: level, "role_group": "non_clinical"})
		n := 0
		for range 4000 {
			if contains(p.Answer(it).Values, "no_protected_time") {
				n++
			}
		}
		if got := float64(n) / 4000; got < want-0.035 || got > want+0.035 {
			t.Errorf("%s: no protected time %.3f, want about %.2f", level, got, want)
		}
	}
}
