package store

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/researchpulse/pulse/internal/analysis"
	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// TestMigrationsAreNumbered: versions start at 1 and increase, each named
// and non-empty, so a new migration can only be appended. (A version may
// be missing while another branch that adds it is unmerged.)
func TestMigrationsAreNumbered(t *testing.T) {
	prev := 0
	for i, m := range migrations {
		if m.version <= prev || (i == 0 && m.version != 1) || m.name == "" || len(m.stmts) == 0 {
			t.Errorf("migrations[%d] = version %d %q with %d statements; want a version after %d, named, non-empty", i, m.version, m.name, len(m.stmts), prev)
		}
		prev = m.version
	}
	if len(migrations) < 2 {
		t.Fatal("the upgrade test needs at least two migrations")
	}
}

var migrationCases = []storeCase{
	{"MigrationGivesOldReviewsDefaultRules", testMigrationReviewRules},
	{"PragmasAndReady", testPragmasAndReady},
	{"MigrateTwiceIsNoop", testMigrateTwice},
	{"MigrateFromPreviousVersionKeepsData", testMigrateFromPrevious},
	{"MigrateAppliesAMissingEarlierVersion", testMigrateFillsGap},
	{"RowOrderHidesSaveOrder", testRowOrderHidesSaveOrder},
	{"RowOrderAfterUpgradeWithData", testRowOrderMigration},
	{"MigratorsStartingAtOnce", testConcurrentMigrators},
}

// appliedMigrations reads schema_migrations.
func appliedMigrations(t testing.TB, db *gorm.DB) []schemaMigrationRow {
	t.Helper()
	var rows []schemaMigrationRow
	if err := db.Order("version").Find(&rows).Error; err != nil {
		t.Fatalf("read schema_migrations: %v", err)
	}
	for i := range rows {
		rows[i].AppliedAt = rows[i].AppliedAt.UTC()
	}
	return rows
}

func testMigrateTwice(t *testing.T, e *env) {
	f := e.fixture()
	r := e.response(f, 0, "s")
	applied, rows := appliedMigrations(t, e.s.reader), e.counts()
	if len(applied) != len(migrations) {
		t.Fatalf("%d migrations recorded, want %d", len(applied), len(migrations))
	}
	errIs(t, "Close", e.s.Close(), nil)
	e.clock.Set(testNow.Add(48 * time.Hour))
	e.s = e.open()
	errIs(t, "migrate again", migrate(e.ctx, e.s.writer, e.s.driver, e.clock.Now), nil)
	if diff := cmp.Diff(applied, appliedMigrations(t, e.s.reader)); diff != "" {
		t.Errorf("schema_migrations changed by re-running (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(rows, e.counts()); diff != "" {
		t.Errorf("row counts changed by re-opening (-before +after):\n%s", diff)
	}
	if _, err := e.s.Response(e.ctx, r.ID); err != nil {
		t.Errorf("response lost on re-open: %v", err)
	}
}

// rawDB opens cfg's database without Store, for building old schemas.
func rawDB(t testing.TB, cfg Config) *gorm.DB {
	t.Helper()
	var dialector gorm.Dialector
	if cfg.Driver == DriverPostgres {
		dialector = postgres.Open(cfg.DSN)
	} else {
		dialector = sqlite.New(sqlite.Config{Conn: openSQLitePool(sqliteDSN(cfg.Path, false), 1, 0)})
	}
	db, err := gorm.Open(dialector, &gorm.Config{Logger: logger.Discard, TranslateError: true})
	if err != nil {
		t.Fatalf("open raw database: %v", err)
	}
	return db
}

// testMigrateFromPrevious builds a database at version N-1 holding data,
// then opens it with the current code.
func testMigrateFromPrevious(t *testing.T, e *env) {
	cfg := e.fresh(t)
	cfg.Now, cfg.Logger = e.cfg.Now, e.cfg.Logger
	old := rawDB(t, cfg)
	errIs(t, "migrate to N-1", migrateTo(e.ctx, old, cfg.Driver, e.clock.Now, migrations[len(migrations)-2].version), nil)
	if got := appliedMigrations(t, old); len(got) != len(migrations)-1 {
		t.Fatalf("%d migrations at N-1", len(got))
	}
	// Raw SQL: the row type follows the newest schema.
	seed := []trustRow{{ID: 1, Code: "OLD1", Name: "Old Trust", Nation: NationWales, Quintile: 5}}
	err := old.Exec("INSERT INTO trusts (id, code, name, nation, quintile) VALUES (1, 'OLD1', 'Old Trust', 'wales', 5)").Error
	errIs(t, "seed old schema", err, nil)
	sqlDB, _ := old.DB()
	_ = sqlDB.Close()

	e.cfg = cfg
	s := e.open()
	applied := appliedMigrations(t, s.reader)
	if len(applied) != len(migrations) || applied[len(applied)-1].Version != migrations[len(migrations)-1].version {
		t.Fatalf("after upgrade: %+v", applied)
	}
	got, err := s.TrustByCode(e.ctx, "OLD1")
	errIs(t, "TrustByCode after upgrade", err, nil)
	if diff := cmp.Diff(seed[0].trust(), got); diff != "" {
		t.Errorf("data changed by the upgrade (-before +after):\n%s", diff)
	}
}

// testPragmasAndReady: the settings /readyz shows are the durable ones.
func testPragmasAndReady(t *testing.T, e *env) {
	errIs(t, "Ready", e.s.Ready(e.ctx), nil)
	p, err := e.s.Pragmas(e.ctx)
	errIs(t, "Pragmas", err, nil)
	if p.Driver != e.s.driver || !p.ForeignKeys {
		t.Errorf("Pragmas = %+v", p)
	}
	if e.s.driver == DriverSQLite && (p.Synchronous != 2 || p.JournalMode != "wal") {
		t.Errorf("sqlite pragmas = %+v, want synchronous 2 and wal", p)
	}
	if e.s.driver == DriverPostgres && (p.Fsync != "on" || p.SyncCommit == "off" || p.ServerVersion == "") {
		t.Errorf("postgres settings = %+v", p)
	}
	errIs(t, "Close", e.s.Close(), nil)
	if err := e.s.Ready(e.ctx); err == nil {
		t.Error("Ready succeeded on a closed store")
	}
}

// testMigrationReviewRules: a review created before the exclusion rules
// were stored keeps its threshold and k and gets the other rules of an
// empty exclusion block.
func testMigrationReviewRules(t *testing.T, e *env) {
	version := 0
	for _, m := range migrations {
		if m.name == "review exclusion rules" {
			version = m.version
		}
	}
	cfg := e.fresh(t)
	cfg.Now, cfg.Logger = e.cfg.Now, e.cfg.Logger
	old := rawDB(t, cfg)
	errIs(t, "migrate to before the rules", migrateTo(e.ctx, old, cfg.Driver, e.clock.Now, version-1), nil)
	err := old.Exec(`INSERT INTO reviews (slug, title, questionnaire_id, questionnaire_version, questionnaire_hash,
		opens_at, closes_at, status, completion_threshold, suppression_k, created_at)
		VALUES ('old', 'Old', 'q', '1', 'h', ?, ?, 'open', 0.25, 12, ?)`, testNow, testNow.Add(time.Hour), testNow).Error
	errIs(t, "insert old review", err, nil)
	sqlDB, _ := old.DB()
	_ = sqlDB.Close()
	e.cfg = cfg
	rev, err := e.open().ReviewBySlug(e.ctx, "old")
	errIs(t, "ReviewBySlug after upgrade", err, nil)
	want := analysis.DefaultRules()
	want.Threshold, want.K = 0.25, 12
	if diff := cmp.Diff(want, rev.Rules); diff != "" {
		t.Errorf("rules of an old review (-want +got):\n%s", diff)
	}
}

// testMigrateFillsGap: a database that recorded a later migration but not
// an earlier one (branches merged in another order) gets the earlier one.
func testMigrateFillsGap(t *testing.T, e *env) {
	if len(migrations) < 3 {
		t.Skip("needs three migrations")
	}
	cfg := e.fresh(t)
	cfg.Now, cfg.Logger = e.cfg.Now, e.cfg.Logger
	old := rawDB(t, cfg)
	errIs(t, "create schema_migrations", createMigrationsTable(old, cfg.Driver), nil)
	skipped := migrations[len(migrations)-2]
	for _, m := range migrations {
		if m.version != skipped.version {
			errIs(t, "apply "+m.name, applyMigration(old, cfg.Driver, m, testNow), nil)
		}
	}
	sqlDB, _ := old.DB()
	_ = sqlDB.Close()

	e.cfg = cfg
	s := e.open()
	var versions []int
	for _, m := range appliedMigrations(t, s.reader) {
		versions = append(versions, m.Version)
	}
	var want []int
	for _, m := range migrations {
		want = append(want, m.version)
	}
	if diff := cmp.Diff(want, versions); diff != "" {
		t.Errorf("applied migrations (-want +got):\n%s", diff)
	}
}
