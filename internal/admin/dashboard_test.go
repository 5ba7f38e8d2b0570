package admin

import (
	"context"
	"testing"
	"time"

	"github.com/researchpulse/pulse/internal/analysis"
	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/simulate"
	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

// simulated is an open review at both fixture trusts with n simulated
// respondents, some of whom stop early.
func simulated(t testing.TB, f *fixture, n int) store.Review {
	t.Helper()
	f.now = time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	rev := f.reviewTB(t, "Simulated", f.t1.ID, f.t2.ID)
	if err := f.svc.Open(f.ctx, CommandLine, rev.ID, "draft"); err != nil {
		t.Fatal(err)
	}
	links, _ := f.st.ReviewLinks(f.ctx, rev.ID)
	flow := respond.New(f.st, []*survey.Questionnaire{f.q}, func() time.Time { return f.now })
	cfg := simulate.Config{Flow: flow, Responses: n, Seed: 7, StopRate: 0.3, Sections: len(f.q.Sections), Profile: simulate.DefaultProfile()}
	for _, l := range links {
		cfg.Links = append(cfg.Links, l.Key)
		cfg.Levels = append(cfg.Levels, analysis.ActivityLevel(l.Trust.Quintile))
	}
	if _, err := simulate.Crowd(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	return rev
}

func (f *fixture) reviewTB(t testing.TB, title string, trusts ...int64) store.Review {
	r, err := f.svc.CreateReview(f.ctx, CommandLine, ReviewInput{Title: title, Questionnaire: f.q.ID, Trusts: trusts, Opens: "2026-12-01", Closes: "2026-12-15"})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestDashboardCounts: on a simulated review the dashboard's counts agree
// with the store's own count, trusts and groups add up, the funnel never
// rises, and no published count is between 1 and k−1.
func TestDashboardCounts(t *testing.T) {
	f := newFixture(t)
	rev := simulated(t, f, 120)
	d, err := f.svc.Dashboard(f.ctx, CommandLine, rev.ID)
	if err != nil {
		t.Fatal(err)
	}
	counts, _ := f.st.CountResponses(f.ctx, rev.ID)
	if d.Total.Started.N != counts.InProgress+counts.Submitted || d.Total.Submitted.N != counts.Submitted {
		t.Errorf("totals %+v, store %+v", d.Total, counts)
	}
	for _, rows := range [][]ProgressRow{d.ByTrust, d.ByGroup} {
		sum := 0
		for _, r := range rows {
			for _, c := range []Count{r.Started, r.Submitted, r.InProgress} {
				if !c.Withheld() && c.N > 0 && c.N < d.K {
					t.Errorf("%s: published count %d below k", r.Label, c.N)
				}
			}
			sum += r.Started.N
		}
		if !anyWithheld(rows) && sum != d.Total.Started.N {
			t.Errorf("rows add up to %d, total %d", sum, d.Total.Started.N)
		}
	}
	prev := d.Funnel[0].N.N
	for _, s := range d.Funnel[1:] {
		if !s.N.Withheld() && s.N.N > prev {
			t.Errorf("funnel rises at %s: %d after %d", s.Label, s.N.N, prev)
		}
		if !s.N.Withheld() {
			prev = s.N.N
		}
	}
	if last := d.Funnel[len(d.Funnel)-1]; last.N.N != counts.Submitted {
		t.Errorf("funnel ends at %d, submitted %d", last.N.N, counts.Submitted)
	}
	if share, ok := d.Share(); !ok || share <= 0 || share > 100 {
		t.Errorf("share above threshold %v %v", share, ok)
	}
	t.Logf("120 simulated: started %d, submitted %d, by group %d rows, funnel %d steps", d.Total.Started.N, d.Total.Submitted.N, len(d.ByGroup), len(d.Funnel))
}

func anyWithheld(rows []ProgressRow) bool {
	for _, r := range rows {
		if r.Started.Withheld() {
			return true
		}
	}
	return false
}

// BenchmarkDashboard: one dashboard of a review with 2,000 responses
// (counts, funnel, days and the whole analysis).
func BenchmarkDashboard(b *testing.B) {
	f := newFixture(b)
	rev := simulated(b, f, 2000)
	b.ResetTimer()
	for b.Loop() {
		if _, err := f.svc.Dashboard(f.ctx, CommandLine, rev.ID); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPasswordHash: one argon2id hash at the default cost, what a
// sign-in costs the server.
func BenchmarkPasswordHash(b *testing.B) {
	s := New(Config{})
	for b.Loop() {
		s.hashPassword("correct horse battery staple")
	}
}
