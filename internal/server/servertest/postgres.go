package servertest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5"

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
	dsn := os.Getenv("PULSE_TEST_POSTGRES_DSN")
	if dsn == "" {
		t.Fatalf("%s=postgres needs PULSE_TEST_POSTGRES_DSN", StoreEnv)
	}
	admin, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return nil, err
	}
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	schema := "pulse_fixture_" + hex.EncodeToString(b)
	if _, err := admin.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		return nil, err
	}
	t.Cleanup(func() {
		_, _ = admin.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		_ = admin.Close(context.Background())
	})
	u, err := url.Parse(dsn)
	if err != nil {
		return nil, err
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return store.Open(ctx, store.Config{Driver: store.DriverPostgres, DSN: u.String(), Now: f.Now})
}

// NeedSQLiteFile skips a test that reads the database file itself when
// the fixture runs on PostgreSQL.
func (f *Fixture) NeedSQLiteFile(t testing.TB) {
	t.Helper()
	if f.DBPath == "" {
		t.Skip("reads the SQLite file; the fixture runs on PostgreSQL")
	}
}
