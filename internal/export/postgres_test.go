package export

import (
	"context"
	"log/slog"
	"testing"

	"github.com/researchpulse/pulse/internal/pgtest"
	"github.com/researchpulse/pulse/internal/store"
)

// postgresFixture is a fixture on a PostgreSQL schema of its own, dropped
// at cleanup; the test is skipped without PULSE_TEST_POSTGRES_DSN.
func postgresFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	dsn := pgtest.Schema(t, "pulse_export")
	st, err := store.Open(ctx, store.Config{Driver: store.DriverPostgres, DSN: dsn, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	f := &fixture{t: t, ctx: ctx, st: st}
	for _, tr := range testTrusts {
		saved, err := st.UpsertTrust(ctx, tr)
		if err != nil {
			t.Fatal(err)
		}
		f.trusts = append(f.trusts, saved)
	}
	return f
}

// TestWorkbookOnPostgres: the same review stored in PostgreSQL exports to
// exactly the golden cells of the SQLite one.
func TestWorkbookOnPostgres(t *testing.T) {
	f := postgresFixture(t)
	q := loadQuestionnaire(t, bundledFile)
	f.load(newGenerator(q, 2, f.trusts).responses("r", 70), f.review("wave-2", "Research engagement 2026", q, 5))
	if *update {
		t.Skip("goldens are written from SQLite")
	}
	golden(t, "research-engagement.golden", workbookText(t, openWorkbook(t, f.workbook(Options{Review: "wave-2"}))))
}
