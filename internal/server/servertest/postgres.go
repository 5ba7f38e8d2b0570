package servertest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/researchpulse/pulse/internal/pgtest"
	"github.com/researchpulse/pulse/internal/store"
)

// StoreEnv set to "postgres" (with PULSE_TEST_POSTGRES_DSN) runs every
// test built on a Fixture on a fresh PostgreSQL schema instead of a SQLite
// file: `PULSE_TEST_STORE=postgres go test ./internal/server`. Fixture.DBPath
// is then empty, and tests that read the SQLite file skip.
const StoreEnv = "PULSE_TEST_STORE"

// openStore opens the fixture's database: SQLite in a temporary directory,
// or PostgreSQL when StoreEnv asks for it.
func (f *Fixture) openStore(ctx context.Context, t testing.TB) (*store.Store, error) {
	if os.Getenv(StoreEnv) != store.DriverPostgres {
		f.DBPath = filepath.Join(t.TempDir(), "pulse.db")
		return store.Open(ctx, store.Config{Path: f.DBPath, Now: f.Now})
	}
	if os.Getenv(pgtest.DSNEnv) == "" {
		t.Fatalf("%s=postgres needs %s", StoreEnv, pgtest.DSNEnv)
	}
	dsn := pgtest.Schema(t, "pulse_fixture")
	return store.Open(ctx, store.Config{Driver: store.DriverPostgres, DSN: dsn, Now: f.Now})
}

// NeedSQLiteFile skips a test that reads the database file itself when
// the fixture runs on PostgreSQL.
func (f *Fixture) NeedSQLiteFile(t testing.TB) {
	t.Helper()
	if f.DBPath == "" {
		t.Skip("reads the SQLite file; the fixture runs on PostgreSQL")
	}
}
