package store

import "fmt"

// Connection pool sizes. On PostgreSQL one pool serves reads and writes;
// on SQLite every write goes through one connection (SQLite admits one
// writer at a time) and Config.MaxConns sizes the read-only pool.
const (
	DefaultPostgresConns = 16
	DefaultSQLiteReaders = 4
	// MaxPoolConns bounds Config.MaxConns: more connections than this
	// from one server only queue inside the database instead of here.
	MaxPoolConns = 500
)

// poolSize is the pool size cfg asks for, or the driver's default.
func poolSize(cfg Config, def int) int {
	if cfg.MaxConns > 0 {
		return cfg.MaxConns
	}
	return def
}

// checkPoolSize refuses a pool size that cannot work.
func checkPoolSize(n int) error {
	if n < 0 || n > MaxPoolConns {
		return fmt.Errorf("%w: MaxConns = %d, want 1 to %d (0 for the default)", ErrInvalid, n, MaxPoolConns)
	}
	return nil
}
