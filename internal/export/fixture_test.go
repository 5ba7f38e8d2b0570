package export

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/researchpulse/pulse/internal/analysis"
	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

const (
	bundledFile = "../../questionnaires/research-engagement.yaml"
	careersFile = "../survey/testdata/valid/careers.yaml"
)

// The fixed times of test reviews: the window, when responses started,
// and the export time written in the About sheet.
var (
	opensAt  = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	closesAt = time.Date(2026, 12, 14, 17, 0, 0, 0, time.UTC)
	startAt  = time.Date(2026, 11, 10, 10, 0, 0, 0, time.UTC)
	exportAt = time.Date(2026, 12, 15, 8, 30, 0, 0, time.UTC)
)

// testTrusts are the trusts of every test review: one more and one less
// research-active.
var testTrusts = []store.Trust{
	{Code: "RM1", Name: "Northfield Teaching Hospitals NHS Trust", Nation: store.NationEngland, Quintile: 1},
	{Code: "RL4", Name: "Bwrdd Iechyd Prifysgol Glan Môr", Nation: store.NationWales, Quintile: 4},
}

// fixture is a store with trusts and the questionnaires reviews use.
type fixture struct {
	t      testing.TB
	ctx    context.Context
	st     *store.Store
	path   string
	trusts []store.Trust
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	return openFixture(t, filepath.Join(t.TempDir(), "pulse.db"))
}

func openFixture(t testing.TB, path string) *fixture {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, store.Config{Path: path, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	f := &fixture{t: t, ctx: ctx, st: st, path: path}
	for _, tr := range testTrusts {
		saved, err := st.UpsertTrust(ctx, tr)
		if err != nil {
			t.Fatal(err)
		}
		f.trusts = append(f.trusts, saved)
	}
	return f
}

// review creates a closed review of q with suppression k and returns it.
func (f *fixture) review(slug, title string, q *survey.Questionnaire, k int) store.Review {
	f.t.Helper()
	rules := analysis.RulesFor(q)
	rules.K = k
	ids := []int64{f.trusts[0].ID, f.trusts[1].ID}
	rev, _, err := f.st.CreateReview(f.ctx, store.Review{Slug: slug, Title: title, QuestionnaireID: q.ID,
		QuestionnaireVersion: q.Version, QuestionnaireHash: q.Hash, OpensAt: opensAt, ClosesAt: closesAt,
		Status: store.ReviewClosed, Rules: rules}, store.SourceOf(q), ids)
	if err != nil {
		f.t.Fatal(err)
	}
	return rev
}

// questionnaires are the questionnaires the store keeps for its reviews,
// as the command loads them.
func (f *fixture) questionnaires() []*survey.Questionnaire {
	f.t.Helper()
	qs, problems, err := respond.StoredQuestionnaires(f.ctx, f.st)
	if err != nil || len(problems) > 0 {
		f.t.Fatal(err, problems)
	}
	return qs
}

func (f *fixture) load(rs []store.ImportedResponse, rev store.Review) {
	f.t.Helper()
	if err := f.st.ImportResponses(f.ctx, rev.ID, rs); err != nil {
		f.t.Fatal(err)
	}
}

func loadQuestionnaire(t testing.TB, file string) *survey.Questionnaire {
	t.Helper()
	q, err := survey.LoadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// generator makes responses the way respondents give them: each walks the
// questionnaire in order, answering what is shown with options the item
// offers (sometimes "Don't know", sometimes leaving an optional item
// blank), and some stop part way. A few change an answer that hides items
// they had answered, leaving a clearing record; a few are test responses.
type generator struct {
	q      *survey.Questionnaire
	rng    *rand.Rand
	trusts []store.Trust
	texts  []string // free text to give, in turn; nil for plain words
	next   int
}

func newGenerator(q *survey.Questionnaire, seed uint64, trusts []store.Trust) *generator {
	return &generator{q: q, rng: rand.New(rand.NewPCG(seed, 2026)), trusts: trusts}
}

// responses makes n responses with ids <prefix>0000, <prefix>0001, ….
func (g *generator) responses(prefix string, n int) []store.ImportedResponse {
	out := make([]store.ImportedResponse, n)
	for i := range out {
		out[i] = g.response(fmt.Sprintf("%s%04d", prefix, i))
	}
	return out
}

func (g *generator) response(id string) store.ImportedResponse {
	q, rng := g.q, g.rng
	r := store.ImportedResponse{ID: id, TrustID: g.trusts[rng.IntN(len(g.trusts))].ID, Status: store.ResponseInProgress,
		Test: rng.IntN(25) == 0, Language: "en", Created: startAt.Add(time.Duration(rng.IntN(300)) * time.Hour), Answers: survey.Answers{}}
	stopAt := len(q.Items()) + 1
	if rng.IntN(3) == 0 {
		stopAt = rng.IntN(len(q.Items()))
	}
	furthest := q.Sections[0].ID
	for i, it := range q.Items() {
		if i >= stopAt {
			break
		}
		if !q.Visibility(r.Answers).Shown(it.ID) {
			continue
		}
		furthest = q.Sections[q.SectionIndex(it.ID)].ID
		if a, ok := g.answer(it, r.Answers); ok {
			r.Answers[it.ID] = a
		}
	}
	r.Section, r.Furthest = furthest, furthest
	if stopAt > len(q.Items()) {
		r.Status, r.Submitted, r.Section, r.Furthest = store.ResponseSubmitted, r.Created.Add(time.Hour), respond.SectionDone, respond.SectionDone
	}
	if rng.IntN(6) == 0 {
		g.clearOne(&r)
	}
	return r
}

// clearOne records that an item now hidden had been answered and was
// cleared by a change of route.
func (g *generator) clearOne(r *store.ImportedResponse) {
	v := g.q.Visibility(r.Answers)
	for _, it := range g.q.Items() {
		if cause := v.HiddenBy(it.ID); cause != "" {
			r.Cleared = append(r.Cleared, store.Cleared{ItemID: it.ID, CauseItem: cause})
			return
		}
	}
}

// answer gives an answer the item accepts, or none (an optional item
// left blank).
func (g *generator) answer(it *survey.Item, answers survey.Answers) (survey.Answer, bool) {
	rng := g.rng
	if it.Optional && rng.IntN(3) == 0 {
		return survey.Answer{}, false
	}
	opts := g.q.Offered(it, answers)
	switch it.Type {
	case survey.TypeSingle, survey.TypeScale:
		if len(opts) == 0 {
			return survey.Answer{}, false
		}
		o := opts[rng.IntN(len(opts))]
		return g.withOther(survey.Answer{Codes: []string{o.Code}}, o), true
	case survey.TypeMultiple:
		return g.multiple(it, opts)
	case survey.TypeNumber:
		lo, hi := 0.0, 40.0
		if it.Min != nil {
			lo = *it.Min
		}
		if it.Max != nil {
			hi = min(*it.Max, lo+40)
		}
		return survey.Answer{Text: strconv.Itoa(int(lo) + rng.IntN(int(hi-lo)+1))}, true
	}
	return survey.Answer{Text: g.text()}, true
}

func (g *generator) multiple(it *survey.Item, opts []survey.Option) (survey.Answer, bool) {
	if len(opts) == 0 {
		return survey.Answer{}, false
	}
	if o := opts[g.rng.IntN(len(opts))]; o.Exclusive {
		return survey.Answer{Codes: []string{o.Code}}, true
	}
	limit := it.MaxChoices
	if limit == 0 {
		limit = len(opts)
	}
	a := survey.Answer{}
	var other survey.Option
	for _, o := range opts {
		if !o.Exclusive && len(a.Codes) < limit && g.rng.IntN(3) == 0 {
			a.Codes = append(a.Codes, o.Code)
			if o.Other {
				other = o
			}
		}
	}
	if len(a.Codes) == 0 {
		a.Codes = []string{opts[0].Code}
		other = opts[0]
	}
	return g.withOther(a, other), true
}

func (g *generator) withOther(a survey.Answer, o survey.Option) survey.Answer {
	if o.Other && g.rng.IntN(2) == 0 {
		a.Other = g.text()
	}
	return a
}

// text is the next free text: from g.texts in turn, or plain words.
func (g *generator) text() string {
	if len(g.texts) == 0 {
		return []string{"More protected time", "Support from my manager", "Nothing else", "Funding for small projects"}[g.rng.IntN(4)]
	}
	s := g.texts[g.next%len(g.texts)]
	g.next++
	return s
}
