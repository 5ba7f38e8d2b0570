package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
)

// minSQLiteVersion is the first SQLite release without the WAL-reset
// corruption bug (3.7.0–3.51.2).
const minSQLiteVersion = "3.51.3"

// journalSizeLimit bounds the WAL file after big exports (64 MiB).
const journalSizeLimit = 64 << 20

// Pool sizes. SQLite admits one writer at a time: queueing writers in Go's
// pool is faster and fairer than SQLite's busy-wait.
const sqliteWriterConns = 1

// sqliteDSN builds the DSN of the writer (reader=false) or of the
// query-only reader pool. mattn/go-sqlite3 sets synchronous=NORMAL unless
// _synchronous is given, so FULL is always explicit.
func sqliteDSN(path string, reader bool) string {
	params := "_busy_timeout=" + strconv.Itoa(int(sqliteBusyTimeout.Milliseconds())) + "&_journal_mode=WAL&_synchronous=FULL&_foreign_keys=1"
	if reader {
		params += "&_txlock=deferred&_query_only=true"
	} else {
		params += "&_txlock=immediate"
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + params
}

// sqliteConnector opens connections through a private driver value, so the
// connect hook (journal_size_limit, the test-only max_page_count) belongs
// to this store alone rather than to a globally registered driver name.
type sqliteConnector struct {
	dsn    string
	driver *sqlite3.SQLiteDriver
}

func (c *sqliteConnector) Connect(context.Context) (driver.Conn, error) {
	return c.driver.Open(c.dsn)
}

func (c *sqliteConnector) Driver() driver.Driver { return c.driver }

// openSQLitePool opens one pool on dsn. maxPageCount > 0 limits the
// database size (tests only).
func openSQLitePool(dsn string, conns, maxPageCount int) *sql.DB {
	hook := func(c *sqlite3.SQLiteConn) error {
		pragmas := []string{fmt.Sprintf("PRAGMA journal_size_limit = %d", journalSizeLimit)}
		if maxPageCount > 0 {
			pragmas = append(pragmas, fmt.Sprintf("PRAGMA max_page_count = %d", maxPageCount))
		}
		for _, p := range pragmas {
			if _, err := c.Exec(p, nil); err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
		}
		return nil
	}
	db := sql.OpenDB(&sqliteConnector{dsn: dsn, driver: &sqlite3.SQLiteDriver{ConnectHook: hook}})
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	return db
}

// openWriter opens the writer pool and GORM on it. Servers starting at
// once on a new file race to turn it to WAL, and SQLite answers the losers
// "busy" at once rather than waiting: they try again, with a new pool
// (GORM closes the one it failed on), for up to lockWait.
func openWriter(cfg Config) (*sql.DB, *gorm.DB, error) {
	deadline := time.Now().Add(lockWait)
	for {
		w := openSQLitePool(sqliteDSN(cfg.Path, false), sqliteWriterConns, cfg.MaxPageCount)
		db, err := gorm.Open(sqlite.New(sqlite.Config{Conn: w}), gormConfig(cfg))
		if err == nil {
			return w, db, nil
		}
		_ = w.Close()
		if !errors.Is(classify(err), ErrBusy) || time.Now().After(deadline) {
			return nil, nil, err
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// openSQLite opens the writer, checks it, migrates, then opens the reader.
func openSQLite(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.Path == "" {
		return nil, fmt.Errorf("open sqlite: %w: empty Path", ErrInvalid)
	}
	if err := checkSQLiteFile(cfg.Path); err != nil {
		return nil, err
	}
	s := &Store{driver: DriverSQLite, now: cfg.Now}
	if err := s.openSQLitePools(ctx, cfg); err != nil {
		closeAll(s.pools)
		return nil, openFailed(cfg.Path, err)
	}
	return s, nil
}

func (s *Store) openSQLitePools(ctx context.Context, cfg Config) error {
	w, writer, err := openWriter(cfg)
	if err != nil {
		return fmt.Errorf("writer: %w", err)
	}
	s.pools, s.writer = append(s.pools, w), writer
	big := fileSize(cfg.Path) > cfg.checkInline()
	if err := checkSQLite(ctx, s.writer, !big); err != nil {
		return err
	}
	if err := migrate(ctx, s.writer, DriverSQLite, s.now); err != nil {
		return err
	}
	r := openSQLitePool(sqliteDSN(cfg.Path, true), poolSize(cfg, DefaultSQLiteReaders), 0)
	s.pools = append(s.pools, r)
	if s.reader, err = gorm.Open(sqlite.New(sqlite.Config{Conn: r}), gormConfig(cfg)); err != nil {
		return fmt.Errorf("reader: %w", err)
	}
	s.readDB, s.readStmts, s.writeStmts = r, newStmtCache(r, DriverSQLite), newStmtCache(w, DriverSQLite)
	if err := s.prepareStatements(ctx); err != nil {
		return err
	}
	batch := maxBatch
	if cfg.oneWritePerCommit {
		batch = 1
	}
	s.commits = newCommitter(s.writer, batch, cfg.CommitDelay)
	if !cfg.NoStateCache {
		s.cache = newStateCache(cacheResponses, s.now)
	}
	if err := checkReader(ctx, s.reader); err != nil {
		return err
	}
	if big {
		s.checkInBackground(cfg)
	}
	return nil
}

// checkInlineLimit is the largest database file whose integrity is checked
// before the store opens (64 MiB: well under a second). A bigger one, say a
// national review's million responses, is checked in the background
// while the server already serves: until the check passes it counts as
// ready, and once a check fails Ready reports the damage, so a load
// balancer stops sending respondents, and it is logged.
const checkInlineLimit = 64 << 20

func (c Config) checkInline() int64 {
	if c.checkInlineLimit != 0 {
		return c.checkInlineLimit
	}
	return checkInlineLimit
}

func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}

// checkInBackground runs PRAGMA quick_check on a reader connection and
// keeps its verdict for Ready.
func (s *Store) checkInBackground(cfg Config) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	s.stopCheck = func() { cancel(); <-done }
	go func() {
		defer close(done)
		var result string
		err := s.reader.WithContext(ctx).Raw("PRAGMA quick_check").Row().Scan(&result)
		switch {
		case ctx.Err() != nil:
			return // the store closed before the check ended
		case err != nil:
			err = fmt.Errorf("integrity check: PRAGMA quick_check: %w", err)
		case result != "ok":
			err = fmt.Errorf("integrity check: PRAGMA quick_check = %q, want \"ok\": database is damaged", result)
		}
		if err != nil {
			s.damaged.Store(&err)
			cfg.Logger.Error("database failed its integrity check; not ready", "err", err)
		}
	}()
}

// checkSQLite is the startup check of the writer connection: version,
// journal mode, synchronous, foreign keys and, when integrity is set, a
// quick integrity check.
func checkSQLite(ctx context.Context, db *gorm.DB, integrity bool) error {
	p, err := readWriterPragmas(ctx, db)
	if err != nil {
		return err
	}
	if err := checkPragmas(p); err != nil {
		return err
	}
	if !integrity {
		return nil
	}
	var result string
	if err := db.WithContext(ctx).Raw("PRAGMA quick_check").Row().Scan(&result); err != nil {
		return fmt.Errorf("startup check: PRAGMA quick_check: %w", err)
	}
	if result != "ok" {
		return fmt.Errorf("startup check: PRAGMA quick_check = %q, want \"ok\": database is damaged", result)
	}
	return nil
}

// checkPragmas validates settings read from a writer connection.
func checkPragmas(p Pragmas) error {
	if versionLess(p.SQLiteVersion, minSQLiteVersion) {
		return fmt.Errorf("startup check: sqlite_version() = %s, want >= %s (WAL-reset corruption bug)", p.SQLiteVersion, minSQLiteVersion)
	}
	if p.JournalMode != "wal" {
		return fmt.Errorf("startup check: PRAGMA journal_mode = %q, want \"wal\"", p.JournalMode)
	}
	if p.Synchronous != 2 {
		return fmt.Errorf("startup check: PRAGMA synchronous = %d, want 2 (FULL): acknowledged saves could be lost on power failure", p.Synchronous)
	}
	if !p.ForeignKeys {
		return fmt.Errorf("startup check: PRAGMA foreign_keys = 0, want 1")
	}
	return nil
}

// checkReader makes sure the reader pool cannot write.
func checkReader(ctx context.Context, db *gorm.DB) error {
	var queryOnly int
	if err := db.WithContext(ctx).Raw("PRAGMA query_only").Row().Scan(&queryOnly); err != nil {
		return fmt.Errorf("startup check: reader PRAGMA query_only: %w", err)
	}
	if queryOnly != 1 {
		return fmt.Errorf("startup check: reader PRAGMA query_only = %d, want 1", queryOnly)
	}
	return nil
}

// readWriterPragmas reads version, journal mode, synchronous and foreign
// keys. The writer has one connection, so every query sees the same one.
func readWriterPragmas(ctx context.Context, db *gorm.DB) (Pragmas, error) {
	p := Pragmas{Driver: DriverSQLite}
	queries := []struct {
		sql  string
		dest any
	}{
		{"SELECT sqlite_version()", &p.SQLiteVersion},
		{"PRAGMA journal_mode", &p.JournalMode},
		{"PRAGMA synchronous", &p.Synchronous},
		{"PRAGMA foreign_keys", &p.ForeignKeys},
	}
	for _, q := range queries {
		if err := db.WithContext(ctx).Raw(q.sql).Row().Scan(q.dest); err != nil {
			return Pragmas{}, fmt.Errorf("%s: %w", q.sql, err)
		}
	}
	p.JournalMode = strings.ToLower(p.JournalMode)
	return p, nil
}

// readSQLitePragmas adds the reader's query_only flag to the writer's settings.
func readSQLitePragmas(ctx context.Context, writer, reader *gorm.DB) (Pragmas, error) {
	p, err := readWriterPragmas(ctx, writer)
	if err != nil {
		return Pragmas{}, err
	}
	if err := reader.WithContext(ctx).Raw("PRAGMA query_only").Row().Scan(&p.ReaderQueryOnly); err != nil {
		return Pragmas{}, fmt.Errorf("reader PRAGMA query_only: %w", err)
	}
	return p, nil
}

// versionLess compares dotted version strings numerically; an unparsable
// component counts as 0, so garbage never passes as new enough.
func versionLess(a, b string) bool {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < max(len(pa), len(pb)); i++ {
		na, nb := versionPart(pa, i), versionPart(pb, i)
		if na != nb {
			return na < nb
		}
	}
	return false
}

func versionPart(parts []string, i int) int {
	if i >= len(parts) {
		return 0
	}
	n, err := strconv.Atoi(parts[i])
	if err != nil {
		return 0
	}
	return n
}
