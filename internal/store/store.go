package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Drivers accepted in Config.Driver.
const (
	DriverSQLite   = "sqlite"
	DriverPostgres = "postgres"
)

// Config says which database to open and how.
type Config struct {
	// Driver is DriverSQLite (the default when empty) or DriverPostgres.
	Driver string
	// Path is the SQLite database file; its directory must exist.
	Path string
	// DSN is the PostgreSQL connection string (pgx syntax).
	DSN string
	// Now is the clock; nil means time.Now. Times are stored in UTC.
	Now func() time.Time
	// Logger receives gorm's warnings (slow or failed SQL, never parameter
	// values). nil means slog.Default().
	Logger *slog.Logger
	// MaxPageCount, when positive, sets PRAGMA max_page_count on every
	// SQLite writer connection so tests can simulate a full disk. Leave it
	// zero in production.
	MaxPageCount int
	// MaxConns is the most connections the store keeps open: the whole
	// pool on PostgreSQL (default DefaultPostgresConns), the read-only
	// pool on SQLite (default DefaultSQLiteReaders; writes always use one
	// connection). Zero means the default; 1 to MaxPoolConns otherwise.
	MaxConns int
	// CommitDelay, for benchmarks only, sleeps this long before every
	// SQLite commit, standing in for a slow disk's fsync (5 ms: a disk of
	// 200 fsyncs a second) to show what group commit does there. The
	// serve command reads it from PULSE_FSYNC_DELAY. Leave it zero in
	// production.
	CommitDelay time.Duration
	// NoStateCache turns the SQLite response-state cache off
	// (statecache.go): every respondent request then reads its response
	// from the file. For benchmarks comparing the two, and for a file
	// that another process writes responses to.
	NoStateCache bool
	// oneWritePerCommit turns group commit off: each write is then a
	// transaction and an fsync of its own (for the benchmark comparing
	// the two).
	oneWritePerCommit bool
	// checkInlineLimit replaces checkInlineLimit (tests).
	checkInlineLimit int64
}

// Store is the application's database. It is safe for concurrent use.
type Store struct {
	driver string
	writer *gorm.DB // every write; the single SQLite writer connection
	reader *gorm.DB // every read; a query-only pool on SQLite
	pools  []*sql.DB
	now    func() time.Time
	readTx *sql.TxOptions // options for read transactions (nil on SQLite)
	allow  allowances     // shared client allowances (allowance.go)
	// The hot path's prepared statements (sqlstmts.go) on the reader and
	// writer pools (one pool on PostgreSQL), and the link keys seen.
	readDB     *sql.DB
	readStmts  *stmtCache
	writeStmts *stmtCache
	links      sync.Map // lower-case link key → [2]int64{review id, trust id}
	// commits runs SQLite's write transactions, several to a commit
	// (groupcommit.go); nil on PostgreSQL.
	commits *committer
	// cache keeps response states this process wrote or read
	// (statecache.go); nil on PostgreSQL.
	cache *stateCache
	// damaged holds what a background integrity check found (sqlite.go).
	damaged   atomic.Pointer[error]
	stopCheck func() // ends that check early, on Close
}

// Pragmas reports the durability-relevant settings actually in force, for
// /readyz and tests. SQLite fills the SQLite fields, PostgreSQL the others.
type Pragmas struct {
	Driver          string // DriverSQLite or DriverPostgres
	SQLiteVersion   string // select sqlite_version()
	JournalMode     string // PRAGMA journal_mode on the writer ("wal")
	Synchronous     int    // PRAGMA synchronous on the writer (2 = FULL)
	ForeignKeys     bool   // PRAGMA foreign_keys on the writer (always true on PostgreSQL)
	ReaderQueryOnly bool   // PRAGMA query_only on a reader connection
	ServerVersion   string // PostgreSQL: SHOW server_version
	Fsync           string // PostgreSQL: SHOW fsync ("on")
	SyncCommit      string // PostgreSQL: SHOW synchronous_commit
}

// Open connects to the database described by cfg, checks that it is safe
// to use, and applies pending migrations. Any failed check is an error that
// names what is wrong; the caller should exit rather than serve.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if err := checkPoolSize(cfg.MaxConns); err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	switch cfg.Driver {
	case "", DriverSQLite:
		return openSQLite(ctx, cfg)
	case DriverPostgres:
		return openPostgres(ctx, cfg)
	}
	return nil, fmt.Errorf("open store: unknown driver %q (want %q or %q)", cfg.Driver, DriverSQLite, DriverPostgres)
}

// gormConfig is shared by every pool: translated errors, parameterised
// logging (no answer text or tokens in logs) and a UTC clock.
func gormConfig(cfg Config) *gorm.Config {
	return &gorm.Config{
		TranslateError: true,
		Logger: logger.NewSlogLogger(cfg.Logger, logger.Config{
			SlowThreshold:             200 * time.Millisecond,
			LogLevel:                  logger.Warn,
			IgnoreRecordNotFoundError: true,
			ParameterizedQueries:      true,
		}),
		NowFunc: func() time.Time { return cfg.Now().UTC() },
	}
}

// Close closes every pool.
func (s *Store) Close() error {
	if s.stopCheck != nil {
		s.stopCheck()
	}
	if s.commits != nil {
		s.commits.close()
	}
	if s.cache != nil {
		s.cache.close()
	}
	for _, c := range []*stmtCache{s.readStmts, s.writeStmts} {
		if c != nil {
			c.close()
		}
	}
	var errs []error
	for _, p := range s.pools {
		errs = append(errs, p.Close())
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	return nil
}

// Ready runs a trivial query on the writer and on the reader pool, and
// reports a failed background integrity check.
func (s *Store) Ready(ctx context.Context) error {
	if err := s.damaged.Load(); err != nil {
		return fmt.Errorf("store not ready: %w", *err)
	}
	for name, db := range map[string]*gorm.DB{"writer": s.writer, "reader": s.reader} {
		var one int
		if err := db.WithContext(ctx).Raw("SELECT 1").Scan(&one).Error; err != nil {
			return fmt.Errorf("store not ready: %s pool: %w", name, err)
		}
	}
	return nil
}

// Shared reports whether several servers may use this database at once
// (PostgreSQL), so state they must agree on belongs in it.
func (s *Store) Shared() bool { return s.driver == DriverPostgres }

// Pragmas reads back the settings in force.
func (s *Store) Pragmas(ctx context.Context) (Pragmas, error) {
	var (
		p   Pragmas
		err error
	)
	if s.driver == DriverPostgres {
		p, err = readPostgresSettings(ctx, s.writer)
	} else {
		p, err = readSQLitePragmas(ctx, s.writer, s.reader)
	}
	if err != nil {
		return Pragmas{}, fmt.Errorf("read pragmas: %w", err)
	}
	return p, nil
}

// write runs fn in a write transaction and returns after commit. fn must
// use only tx. On SQLite (BEGIN IMMEDIATE) writes queue for the single
// writer and share commits (groupcommit.go), so fn may run again if the
// transaction it shared fails: it must not keep anything from a run that
// did not return nil. A write not begun within lockWait is ErrBusy, a full
// disk ErrFull (faults.go).
func (s *Store) write(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return s.writeThen(ctx, fn, nil)
}

// writeThen is write, telling after (when set) whether fn's change
// committed, in commit order, before write returns: how the
// response-state cache follows the database (statecache.go).
func (s *Store) writeThen(ctx context.Context, fn func(tx *gorm.DB) error, after func(committed bool)) error {
	if s.commits != nil {
		return classify(s.commits.write(ctx, lockWait, fn, after))
	}
	err := s.writeWithin(ctx, lockWait, fn)
	if after != nil {
		after(err == nil)
	}
	return err
}

// read runs fn in one read transaction, so all its queries see one snapshot.
func (s *Store) read(ctx context.Context, fn func(tx *gorm.DB) error) error {
	if s.readTx == nil {
		return s.reader.WithContext(ctx).Transaction(fn)
	}
	return s.reader.WithContext(ctx).Transaction(fn, s.readTx)
}

// hour is the current hour in UTC.
func (s *Store) hour() time.Time {
	return hourOf(s.now())
}

// closeAll closes pools opened before a failure in Open.
func closeAll(pools []*sql.DB) {
	for _, p := range pools {
		_ = p.Close()
	}
}
