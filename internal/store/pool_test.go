package store

import (
	"context"
	"errors"
	"testing"
)

// TestPoolSize: Config.MaxConns sizes the PostgreSQL pool, or SQLite's
// read-only pool (its writer stays one connection); zero keeps the
// defaults and out-of-range values are refused before anything opens.
func TestPoolSize(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			readers := func(s *Store) int { return s.pools[len(s.pools)-1].Stats().MaxOpenConnections }
			cfg := b.config(t)
			e := openEnv(t, cfg)
			def := DefaultSQLiteReaders
			if b.name == DriverPostgres {
				def = DefaultPostgresConns
			}
			if got := readers(e.s); got != def {
				t.Errorf("default pool: %d connections, want %d", got, def)
			}
			cfg.MaxConns = 7
			e2 := openEnv(t, cfg)
			if got := readers(e2.s); got != 7 {
				t.Errorf("MaxConns 7: pool of %d", got)
			}
			if b.name == DriverSQLite {
				if got := e2.s.pools[0].Stats().MaxOpenConnections; got != 1 {
					t.Errorf("SQLite writer pool of %d, want 1", got)
				}
			}
			for _, n := range []int{-1, MaxPoolConns + 1} {
				cfg.MaxConns = n
				if s, err := Open(context.Background(), cfg); !errors.Is(err, ErrInvalid) {
					if s != nil {
						s.Close()
					}
					t.Errorf("MaxConns %d: err %v, want ErrInvalid", n, err)
				}
			}
		})
	}
}
