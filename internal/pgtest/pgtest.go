// Package pgtest gives a test a PostgreSQL schema of its own on the server
// named by PULSE_TEST_POSTGRES_DSN, dropped when the test ends. Tests that
// need PostgreSQL skip, saying why, when no server is named.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// DSNEnv names the PostgreSQL server the tests may use.
const DSNEnv = "PULSE_TEST_POSTGRES_DSN"

// DSN is the server's DSN; without one the test is skipped.
func DSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv(DSNEnv)
	if dsn == "" {
		t.Skip(DSNEnv + " not set: skipping the PostgreSQL test")
	}
	return dsn
}

// Schema makes a fresh schema named prefix_<random> and returns a DSN
// whose search_path is that schema; the schema is dropped at cleanup.
func Schema(t testing.TB, prefix string) string {
	t.Helper()
	dsn := DSN(t)
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatalf("connect to %s: %v", DSNEnv, err)
	}
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	schema := prefix + "_" + hex.EncodeToString(b)
	if _, err := admin.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		_ = admin.Close(ctx)
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
		_ = admin.Close(context.Background())
	})
	return withSearchPath(t, dsn, schema)
}

// withSearchPath points a URL or keyword/value DSN at schema.
func withSearchPath(t testing.TB, dsn, schema string) string {
	if !strings.Contains(dsn, "://") {
		return dsn + " search_path=" + schema
	}
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatalf("parse %s: %v", DSNEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
