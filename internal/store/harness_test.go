package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/researchpulse/pulse/internal/pgtest"
)

// The fixed clock of every test: saves must land on 14:00:00.
var (
	testNow  = time.Date(2026, 11, 22, 14, 37, 12, 0, time.UTC)
	testHour = time.Date(2026, 11, 22, 14, 0, 0, 0, time.UTC)
)

const postgresDSNEnv = "PULSE_TEST_POSTGRES_DSN"

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// syncBuffer collects log output from concurrent goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// backend makes a fresh, isolated database configuration per test.
type backend struct {
	name   string
	config func(t testing.TB) Config
}

func backends() []backend {
	return []backend{
		{DriverSQLite, sqliteConfig},
		{DriverPostgres, postgresConfig},
	}
}

func sqliteConfig(t testing.TB) Config {
	return Config{Driver: DriverSQLite, Path: filepath.Join(t.TempDir(), "pulse.db")}
}

// postgresConfig creates a schema of its own, dropped at cleanup.
func postgresConfig(t testing.TB) Config {
	return Config{Driver: DriverPostgres, DSN: pgtest.Schema(t, "pulse_test")}
}

// skipWithoutPostgres skips the test unless a PostgreSQL server is given.
func skipWithoutPostgres(t testing.TB) { pgtest.DSN(t) }

// env is one test's open store with its clock, logs and fixtures.
type env struct {
	t     testing.TB
	ctx   context.Context
	cfg   Config
	s     *Store
	clock *clock
	logs  *syncBuffer
	fresh func(testing.TB) Config // another empty database on the same backend
}

func newEnv(t testing.TB, b backend) *env {
	e := openEnv(t, b.config(t))
	e.fresh = b.config
	return e
}

// openEnv opens cfg with a fixed clock and captured logs; the store is
// closed at cleanup.
func openEnv(t testing.TB, cfg Config) *env {
	t.Helper()
	e := &env{t: t, ctx: context.Background(), clock: &clock{t: testNow}, logs: &syncBuffer{}}
	cfg.Now = e.clock.Now
	cfg.Logger = slog.New(slog.NewTextHandler(e.logs, nil))
	e.cfg = cfg
	e.s = e.open()
	return e
}

// open opens another Store on the env's database.
func (e *env) open() *Store {
	e.t.Helper()
	s, err := Open(e.ctx, e.cfg)
	if err != nil {
		e.t.Fatalf("Open: %v", err)
	}
	e.t.Cleanup(func() { _ = s.Close() })
	return s
}

// fixture is a review with two linked trusts.
type fixture struct {
	review Review
	trusts []Trust // ordered by code
	links  []ReviewLink
}

var testTrusts = []Trust{
	{Code: "RX1", Name: "Riverside NHS Foundation Trust", Nation: NationEngland, Quintile: 1},
	{Code: "S08", Name: "NHS Lothian", Nation: NationScotland, Quintile: 4},
}

// testSource is the questionnaire source test reviews are launched with;
// the store keeps its bytes and checks only that they give its hash.
var testSource = func() QuestionnaireSource {
	src := []byte("id: engagement\nversion: \"1.0\"\n")
	sum := sha256.Sum256(src)
	return QuestionnaireSource{Hash: hex.EncodeToString(sum[:]), ID: "engagement", Version: "1.0", File: "engagement.yaml", Source: src}
}()

func testReview(slug string) Review {
	return Review{
		Slug: slug, Title: "Research engagement 2026", QuestionnaireID: "engagement",
		QuestionnaireVersion: "1.0", QuestionnaireHash: testSource.Hash,
		OpensAt: testNow.Add(-24 * time.Hour).Truncate(time.Second), ClosesAt: testNow.Add(30 * 24 * time.Hour).Truncate(time.Second),
		Status: ReviewOpen,
	}
}

func (e *env) fixture() fixture {
	e.t.Helper()
	var f fixture
	var ids []int64
	for _, tr := range testTrusts {
		created, err := e.s.CreateTrust(e.ctx, tr)
		if err != nil {
			e.t.Fatalf("CreateTrust: %v", err)
		}
		f.trusts = append(f.trusts, created)
		ids = append(ids, created.ID)
	}
	var err error
	if f.review, f.links, err = e.s.CreateReview(e.ctx, testReview("wave-1"), testSource, ids); err != nil {
		e.t.Fatalf("CreateReview: %v", err)
	}
	return f
}

// resumeHash is what the server stores for a resume secret.
func resumeHash(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

// response starts a response at trust i of the fixture.
func (e *env) response(f fixture, i int, secret string) Response {
	e.t.Helper()
	r, err := e.s.CreateResponse(e.ctx, NewResponse{
		ReviewID: f.review.ID, TrustID: f.trusts[i].ID, QuestionnaireHash: f.review.QuestionnaireHash,
		Language: "en", Section: "about-you", ResumeHash: resumeHash(secret),
	})
	if err != nil {
		e.t.Fatalf("CreateResponse: %v", err)
	}
	return r
}

// save calls SavePage and fails the test on error.
func (e *env) save(p PageSave) []byte {
	e.t.Helper()
	res, replayed, err := e.s.SavePage(e.ctx, p)
	if err != nil || replayed {
		e.t.Fatalf("SavePage(%s): replayed=%v err=%v", p.Key, replayed, err)
	}
	return res
}

// counts returns the row count of every data table.
func (e *env) counts() map[string]int64 {
	e.t.Helper()
	out := map[string]int64{}
	for _, table := range []string{"trusts", "reviews", "review_links", "responses", "answers", "cleared", "page_saves", "schema_migrations"} {
		var n int64
		if err := e.s.reader.WithContext(e.ctx).Table(table).Count(&n).Error; err != nil {
			e.t.Fatalf("count %s: %v", table, err)
		}
		out[table] = n
	}
	return out
}

// storeCase is one behaviour checked against every backend.
type storeCase struct {
	name string
	run  func(t *testing.T, e *env)
}

// TestStore runs every shared case against SQLite and, when
// PULSE_TEST_POSTGRES_DSN is set, PostgreSQL.
func TestStore(t *testing.T) {
	cases := append(append(append([]storeCase{}, trustCases...), reviewCases...), responseCases...)
	cases = append(append(cases, pageSaveCases...), migrationCases...)
	cases = append(cases, adminCases...)
	cases = append(cases, allowanceCases...)
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			if b.name == DriverPostgres {
				skipWithoutPostgres(t)
			}
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) { c.run(t, newEnv(t, b)) })
			}
		})
	}
}

// errIs fails unless errors.Is(err, want), or err == nil when want is nil.
func errIs(t testing.TB, what string, err, want error) {
	t.Helper()
	switch {
	case want == nil && err != nil:
		t.Fatalf("%s: unexpected error %v", what, err)
	case want != nil && !errors.Is(err, want):
		t.Fatalf("%s: error %v, want %v", what, err, want)
	}
}
