package store

import (
	"context"
	"database/sql"
	"fmt"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
)

// openPostgres opens one pool used for both reads and writes. Reads that
// need one snapshot run in REPEATABLE READ read-only transactions; writes
// that must be idempotent lock the response row (SELECT ... FOR UPDATE).
func openPostgres(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.DSN == "" {
		return nil, fmt.Errorf("open postgres: %w: empty DSN", ErrInvalid)
	}
	db, err := gorm.Open(postgres.New(postgres.Config{DSN: cfg.DSN}), gormConfig(cfg))
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	pool, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	conns := poolSize(cfg, DefaultPostgresConns)
	pool.SetMaxOpenConns(conns)
	pool.SetMaxIdleConns(max(1, conns/2))
	s := &Store{
		driver: DriverPostgres, writer: db, reader: db, pools: []*sql.DB{pool}, now: cfg.Now,
		readTx: &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true},
		readDB: pool,
	}
	s.readStmts = newStmtCache(pool, DriverPostgres)
	s.writeStmts = s.readStmts
	if err := s.preparePostgres(ctx); err != nil {
		closeAll(s.pools)
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	return s, nil
}

func (s *Store) preparePostgres(ctx context.Context) error {
	p, err := readPostgresSettings(ctx, s.writer)
	if err != nil {
		return err
	}
	if err := checkPostgres(p); err != nil {
		return err
	}
	if err := migrate(ctx, s.writer, DriverPostgres, s.now); err != nil {
		return err
	}
	return s.prepareStatements(ctx)
}

// readPostgresSettings reads the server settings that matter for durability.
func readPostgresSettings(ctx context.Context, db *gorm.DB) (Pragmas, error) {
	p := Pragmas{Driver: DriverPostgres, ForeignKeys: true}
	for _, q := range []struct {
		sql  string
		dest *string
	}{
		{"SHOW server_version", &p.ServerVersion},
		{"SHOW fsync", &p.Fsync},
		{"SHOW synchronous_commit", &p.SyncCommit},
	} {
		if err := db.WithContext(ctx).Raw(q.sql).Row().Scan(q.dest); err != nil {
			return Pragmas{}, fmt.Errorf("%s: %w", q.sql, err)
		}
	}
	return p, nil
}

// checkPostgres refuses a server that may acknowledge commits it has not
// made durable.
func checkPostgres(p Pragmas) error {
	if p.Fsync != "on" {
		return fmt.Errorf("startup check: fsync = %q, want \"on\"", p.Fsync)
	}
	if p.SyncCommit == "off" {
		return fmt.Errorf("startup check: synchronous_commit = \"off\": acknowledged saves could be lost")
	}
	return nil
}
