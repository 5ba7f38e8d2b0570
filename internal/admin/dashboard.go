package admin

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/researchpulse/pulse/internal/analysis"
	"github.com/researchpulse/pulse/internal/lifecycle"
	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

// Count is a published number, or one withheld by the small-cell rule:
// Small when it rests on 1 to k−1 responses ("fewer than k"), Hidden when
// it was withheld so that a small one cannot be worked out from totals.
// A withheld count carries no number.
type Count struct {
	N      int
	Small  bool
	Hidden bool
}

// Withheld reports whether the count is not shown.
func (c Count) Withheld() bool { return c.Small || c.Hidden }

// ProgressRow is started, submitted and in-progress responses of one
// trust or group. Started = Submitted + InProgress.
type ProgressRow struct {
	Code, Label                    string
	Started, Submitted, InProgress Count
}

// FunnelStep is how many responses reached a step.
type FunnelStep struct {
	Label string
	N     Count
}

// Day is the responses started on one day (Europe/London).
type Day struct {
	Date time.Time
	N    Count
}

// Dashboard is the live state of a review, with the small-cell rule
// applied to every number: test (preview) responses are counted apart
// and nowhere else.
type Dashboard struct {
	Review  store.Review
	State   string
	K       int
	Total   ProgressRow
	Test    int
	ByTrust []ProgressRow
	// GroupLabel names the dimension ByGroup is split by (the
	// questionnaire's first grouping of an answer, such as role group);
	// "" when it has none.
	GroupLabel string
	ByGroup    []ProgressRow
	Funnel     []FunnelStep
	Days       []Day
	// Above is the responses at or above the completion threshold
	// (submitted ones included), Below the others.
	Above, Below Count
	Threshold    float64
	Report       analysis.Report
	Updated      time.Time
}

// dashboardFresh is how long a computed dashboard is served again: many
// staff watching one review, each page refreshing itself, cost one
// analysis per interval rather than one each.
const dashboardFresh = 10 * time.Second

type cachedDashboard struct {
	at time.Time
	d  Dashboard
}

// Dashboard reads and counts a review the actor may read (checked every
// time; only the counts are shared).
func (s *Service) Dashboard(ctx context.Context, a Actor, id int64) (Dashboard, error) {
	r, err := s.Review(ctx, a, id)
	if err != nil {
		return Dashboard{}, err
	}
	now := s.now()
	s.mu.Lock()
	c, ok := s.dashboards[id]
	s.mu.Unlock()
	if ok && now.Sub(c.at) >= 0 && now.Sub(c.at) < dashboardFresh && c.d.Review.Status == r.Status {
		return c.d, nil
	}
	d, err := s.dashboard(ctx, r)
	if err != nil {
		return Dashboard{}, err
	}
	s.mu.Lock()
	if len(s.dashboards) > 1000 {
		clear(s.dashboards)
	}
	s.dashboards[id] = cachedDashboard{at: now, d: d}
	s.mu.Unlock()
	return d, nil
}

func (s *Service) dashboard(ctx context.Context, r ReviewAccess) (Dashboard, error) {
	id := r.ID
	q, err := s.questionnaire(ctx, r.QuestionnaireHash)
	if err != nil {
		return Dashboard{}, err
	}
	rows, err := s.store.Progress(ctx, id)
	if err != nil {
		return Dashboard{}, err
	}
	report, responses, err := s.analyse(ctx, r, q)
	if err != nil {
		return Dashboard{}, err
	}
	d := Dashboard{Review: r.Review, State: s.State(r.Review), K: r.Rules.K, Threshold: r.Rules.Threshold, Report: report, Updated: s.now()}
	answers := map[string]survey.Answers{}
	for _, resp := range responses {
		answers[resp.ID] = resp.Answers
	}
	live := make([]store.ProgressRow, 0, len(rows))
	for _, p := range rows {
		if p.Test {
			d.Test++
			continue
		}
		live = append(live, p)
	}
	d.progress(r.Trusts, q, live, answers)
	d.funnel(q, live)
	d.days(live)
	d.threshold(q, r.Rules, live, answers)
	return d, nil
}

// tallies of started and submitted per row key.
type tallies struct {
	keys               []string
	labels             map[string]string
	started, submitted map[string]int
}

func newTallies() *tallies {
	return &tallies{labels: map[string]string{}, started: map[string]int{}, submitted: map[string]int{}}
}

func (t *tallies) key(code, label string) {
	if _, ok := t.labels[code]; !ok {
		t.keys = append(t.keys, code)
		t.labels[code] = label
	}
}

func (t *tallies) add(code string, submitted bool) {
	t.started[code]++
	if submitted {
		t.submitted[code]++
	}
}

// publish suppresses a table of rows (started = submitted + in progress)
// with its total row: the groups add up to the total in every column.
func (t *tallies) publish(k int) (ProgressRow, []ProgressRow) {
	n := len(t.keys) + 1
	sizes := make([][]int, 3*n)
	var rels []analysis.Relation
	total := [3]int{}
	for i, key := range t.keys {
		st, sub := t.started[key], t.submitted[key]
		vals := [3]int{st, sub, st - sub}
		for c := range 3 {
			sizes[3*(i+1)+c] = []int{vals[c]}
			total[c] += vals[c]
		}
		rels = append(rels, analysis.Relation{Total: 3 * (i + 1), Parts: []int{3*(i+1) + 1, 3*(i+1) + 2}})
	}
	for c := range 3 {
		sizes[c] = []int{total[c]}
		parts := make([]int, len(t.keys))
		for i := range t.keys {
			parts[i] = 3*(i+1) + c
		}
		rels = append(rels, analysis.Relation{Total: c, Parts: parts})
	}
	rels = append(rels, analysis.Relation{Total: 0, Parts: []int{1, 2}})
	hidden := analysis.Suppress(k, sizes, rels)
	row := func(i int, code, label string) ProgressRow {
		c := func(j int) Count { return count(sizes[3*i+j][0], hidden[3*i+j], k) }
		return ProgressRow{Code: code, Label: label, Started: c(0), Submitted: c(1), InProgress: c(2)}
	}
	out := make([]ProgressRow, len(t.keys))
	for i, key := range t.keys {
		out[i] = row(i+1, key, t.labels[key])
	}
	return row(0, "", "All trusts"), out
}

func count(n int, hidden bool, k int) Count {
	switch {
	case !hidden:
		return Count{N: n}
	case n > 0 && n < k:
		return Count{Small: true}
	}
	return Count{Hidden: true}
}

// progress fills the per-trust and per-group tables.
func (d *Dashboard) progress(trusts []store.Trust, q *survey.Questionnaire, rows []store.ProgressRow, answers map[string]survey.Answers) {
	byTrust := newTallies()
	codeOf := map[int64]string{}
	for _, t := range trusts {
		byTrust.key(t.Code, t.Name)
		codeOf[t.ID] = t.Code
	}
	for _, p := range rows {
		byTrust.add(codeOf[p.TrustID], p.Status == store.ResponseSubmitted)
	}
	d.Total, d.ByTrust = byTrust.publish(d.K)
	dv := groupingOf(q)
	if dv == nil {
		return
	}
	lang := q.DefaultLanguage()
	d.GroupLabel = dv.Label.In(lang)
	byGroup := newTallies()
	for _, g := range dv.Groups {
		byGroup.key(g.Code, g.Label.In(lang))
	}
	byGroup.key(analysis.NotKnown, "Not known yet")
	for _, p := range rows {
		g := q.Visibility(answers[p.ID]).Derived[dv.ID]
		if g == "" {
			g = analysis.NotKnown
		}
		byGroup.add(g, p.Status == store.ResponseSubmitted)
	}
	_, d.ByGroup = byGroup.publish(d.K)
}

// groupingOf is the questionnaire's first declared dimension that groups
// the options of an answer (role group in the bundled questionnaire).
func groupingOf(q *survey.Questionnaire) *survey.Derived {
	for _, id := range q.Analysis.Dimensions {
		if dv, ok := q.DerivedVar(id); ok && dv.From != "" {
			return dv
		}
	}
	return nil
}

// funnel counts how many responses reached each section, in questionnaire
// order, between started and submitted. A response reached a section when
// its furthest section is that one or a later one.
func (d *Dashboard) funnel(q *survey.Questionnaire, rows []store.ProgressRow) {
	furthest := make([]int, len(rows))
	submitted := 0
	for i, p := range rows {
		furthest[i] = q.SectionByID(p.Furthest)
		if strings.HasPrefix(p.Furthest, "_") { // the check page: past every section
			furthest[i] = len(q.Sections)
		}
		if p.Status == store.ResponseSubmitted {
			furthest[i] = len(q.Sections)
			submitted++
		}
	}
	d.Funnel = append(d.Funnel, FunnelStep{"Started", count(len(rows), small(len(rows), d.K), d.K)})
	lang := q.DefaultLanguage()
	for si, sec := range q.Sections {
		n := 0
		for _, f := range furthest {
			if f >= si {
				n++
			}
		}
		d.Funnel = append(d.Funnel, FunnelStep{sec.Title.In(lang), count(n, small(n, d.K), d.K)})
	}
	d.Funnel = append(d.Funnel, FunnelStep{"Submitted", count(submitted, small(submitted, d.K), d.K)})
}

func small(n, k int) bool { return n > 0 && n < k }

// days counts responses started per day, from the opening day to today or
// the closing day, with the days adding up to the total.
func (d *Dashboard) days(rows []store.ProgressRow) {
	if len(rows) == 0 {
		return
	}
	perDay := map[time.Time]int{}
	first, last := time.Time{}, time.Time{}
	for _, p := range rows {
		day := dayOf(p.CreatedHour)
		perDay[day]++
		if first.IsZero() || day.Before(first) {
			first = day
		}
		if day.After(last) {
			last = day
		}
	}
	var dates []time.Time
	for day := first; !day.After(last); day = day.AddDate(0, 0, 1) {
		dates = append(dates, day)
	}
	sort.Slice(dates, func(i, j int) bool { return dates[i].Before(dates[j]) })
	sizes := [][]int{{len(rows)}}
	parts := make([]int, len(dates))
	for i, day := range dates {
		sizes = append(sizes, []int{perDay[day]})
		parts[i] = i + 1
	}
	hidden := analysis.Suppress(d.K, sizes, []analysis.Relation{{Total: 0, Parts: parts}})
	for i, day := range dates {
		d.Days = append(d.Days, Day{Date: day, N: count(perDay[day], hidden[i+1], d.K)})
	}
}

func dayOf(t time.Time) time.Time {
	l := t.In(lifecycle.London)
	return time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, lifecycle.London)
}

// threshold counts responses at or above the completion threshold, in
// the review's completion unit; submitted ones always count.
func (d *Dashboard) threshold(q *survey.Questionnaire, rules analysis.Rules, rows []store.ProgressRow, answers map[string]survey.Answers) {
	above := 0
	for _, p := range rows {
		if p.Status == store.ResponseSubmitted || q.Completion(answers[p.ID]).RatioIn(rules.Unit) >= rules.Threshold {
			above++
		}
	}
	below := len(rows) - above
	hidden := analysis.Suppress(d.K, [][]int{{len(rows)}, {above}, {below}}, []analysis.Relation{{Total: 0, Parts: []int{1, 2}}})
	d.Above, d.Below = count(above, hidden[1], d.K), count(below, hidden[2], d.K)
}

// Share is the percentage above the threshold, when both counts are
// published.
func (d Dashboard) Share() (float64, bool) {
	if d.Above.Withheld() || d.Below.Withheld() || d.Above.N+d.Below.N == 0 {
		return 0, false
	}
	return 100 * float64(d.Above.N) / float64(d.Above.N+d.Below.N), true
}

// Software names the program in reports; release builds set it.
var Software = "pulse"

// analyse reads a review's responses and analyses them.
func (s *Service) analyse(ctx context.Context, r ReviewAccess, q *survey.Questionnaire) (analysis.Report, []analysis.Response, error) {
	responses, trusts, err := s.store.AnalysisInput(ctx, r.ID)
	if err != nil {
		return analysis.Report{}, nil, err
	}
	report, err := analysis.Analyse(analysis.Input{Questionnaire: q, Rules: r.Rules, Opens: r.OpensAt, Closes: r.ClosesAt,
		Trusts: trusts, Responses: responses, Review: r.Slug, Software: Software})
	if err != nil {
		return analysis.Report{}, nil, fmt.Errorf("analyse review %s: %w", r.Slug, err)
	}
	return report, responses, nil
}

// Analysis is the analysis of a review the actor may read, as pulse
// analyse gives it (every published cell under the small-cell rule), and
// the number of responses it read.
func (s *Service) Analysis(ctx context.Context, a Actor, id int64) (analysis.Report, int, error) {
	r, err := s.Review(ctx, a, id)
	if err != nil {
		return analysis.Report{}, 0, err
	}
	q, err := s.questionnaire(ctx, r.QuestionnaireHash)
	if err != nil {
		return analysis.Report{}, 0, err
	}
	rep, responses, err := s.analyse(ctx, r, q)
	return rep, len(responses), err
}
