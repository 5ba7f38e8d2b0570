// Package servertest builds the data a respondent-facing server needs in
// tests outside package server (the browser tests, end-to-end tests): a
// real SQLite store in a temporary directory, the bundled questionnaire
// and the bilingual test questionnaire, two trusts, and open and closed
// reviews. It does not import package server, so the server's own tests
// build on it too.
package servertest

import (
	"bytes"
	"context"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

// Fixture is a seeded store and the respondent flow over it.
type Fixture struct {
	Store   *store.Store
	DBPath  string // the SQLite file
	Flow    *respond.Service
	Bundled *survey.Questionnaire // questionnaires/research-engagement.yaml
	Mini    *survey.Questionnaire // internal/survey/testdata/valid/mini.yaml (English and Welsh)
	Careers *survey.Questionnaire // internal/survey/testdata/valid/careers.yaml (same-page follow-ups, piping)
	// Review link keys: the bundled questionnaire at a more and a less
	// research-active trust, the bilingual one, the careers one, and a
	// closed review.
	KeyMore, KeyLess, KeyMini, KeyCareers, KeyClosed string

	mu  sync.Mutex
	now time.Time
}

// Start is the fixture clock's initial time.
var Start = time.Date(2026, 11, 22, 14, 37, 12, 0, time.UTC)

// New builds a fixture; everything is closed when the test ends.
func New(t testing.TB) *Fixture {
	t.Helper()
	ctx := context.Background()
	f := &Fixture{now: Start}
	st, err := f.openStore(ctx, t)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f.Store = st
	f.Bundled = load(t, "questionnaires/research-engagement.yaml")
	f.Mini = load(t, "internal/survey/testdata/valid/mini.yaml")
	f.Careers = load(t, "internal/survey/testdata/valid/careers.yaml")
	f.Flow = respond.New(st, []*survey.Questionnaire{f.Bundled, f.Mini, f.Careers}, f.Now)
	f.seed(ctx, t)
	return f
}

// Now is the fixture clock.
func (f *Fixture) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

// SetNow moves the fixture clock.
func (f *Fixture) SetNow(t time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = t
}

// repoRoot is the module root, found from this file's location so tests
// in any package can load the repository's questionnaires.
func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}

func load(t testing.TB, rel string) *survey.Questionnaire {
	t.Helper()
	q, err := survey.LoadFile(filepath.Join(repoRoot(), rel))
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func (f *Fixture) seed(ctx context.Context, t testing.TB) {
	t.Helper()
	more, err := f.Store.CreateTrust(ctx, store.Trust{Code: "RM1", Name: "Northfield Hospitals NHS Trust", Nation: "england", Quintile: 1})
	if err != nil {
		t.Fatal(err)
	}
	less, err := f.Store.CreateTrust(ctx, store.Trust{Code: "RL4", Name: "Southmoor Community Health NHS Trust", Nation: "england", Quintile: 4})
	if err != nil {
		t.Fatal(err)
	}
	open := func(slug string, q *survey.Questionnaire, status string, trusts ...int64) []store.ReviewLink {
		_, links, err := f.Store.CreateReview(ctx, store.Review{
			Slug: slug, Title: slug, QuestionnaireID: q.ID, QuestionnaireVersion: q.Version, QuestionnaireHash: q.Hash,
			OpensAt: Start.Add(-24 * time.Hour), ClosesAt: Start.Add(30 * 24 * time.Hour), Status: status,
		}, store.SourceOf(q), trusts)
		if err != nil {
			t.Fatal(err)
		}
		return links
	}
	links := open("review-2026", f.Bundled, store.ReviewOpen, more.ID, less.ID)
	f.KeyMore, f.KeyLess = links[0].Key, links[1].Key
	if links[0].Trust.ID != more.ID {
		f.KeyMore, f.KeyLess = links[1].Key, links[0].Key
	}
	f.KeyMini = open("mini-2026", f.Mini, store.ReviewOpen, more.ID)[0].Key
	f.KeyCareers = open("careers-2026", f.Careers, store.ReviewOpen, less.ID)[0].Key
	f.KeyClosed = open("closed-2025", f.Bundled, store.ReviewClosed, less.ID)[0].Key
}

// Buffer is a bytes.Buffer that goroutines may write to while a test
// reads it: for a server's log or a command's output.
type Buffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *Buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *Buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
