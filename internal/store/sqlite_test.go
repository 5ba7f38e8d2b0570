package store

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/researchpulse/pulse/internal/survey"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
)

func TestSQLitePragmasReadBack(t *testing.T) {
	e := openEnv(t, sqliteConfig(t))
	p, err := e.s.Pragmas(e.ctx)
	errIs(t, "Pragmas", err, nil)
	want := Pragmas{
		Driver: DriverSQLite, SQLiteVersion: p.SQLiteVersion, JournalMode: "wal",
		Synchronous: 2, ForeignKeys: true, ReaderQueryOnly: true,
	}
	if diff := cmp.Diff(want, p); diff != "" {
		t.Errorf("Pragmas (-want +got):\n%s", diff)
	}
	if versionLess(p.SQLiteVersion, minSQLiteVersion) {
		t.Errorf("linked SQLite %s is older than %s", p.SQLiteVersion, minSQLiteVersion)
	}
	errIs(t, "Ready", e.s.Ready(e.ctx), nil)
}

func TestSQLiteCheckPragmas(t *testing.T) {
	good := Pragmas{SQLiteVersion: "3.54.1", JournalMode: "wal", Synchronous: 2, ForeignKeys: true}
	tests := []struct {
		name   string
		mutate func(*Pragmas)
		want   string // substring of the error; "" means no error
	}{
		{"good", func(*Pragmas) {}, ""},
		{"exactly the minimum version", func(p *Pragmas) { p.SQLiteVersion = "3.51.3" }, ""},
		{"WAL-reset bug version", func(p *Pragmas) { p.SQLiteVersion = "3.51.2" }, "sqlite_version()"},
		{"Debian 12 version", func(p *Pragmas) { p.SQLiteVersion = "3.40.1" }, "sqlite_version()"},
		{"garbage version", func(p *Pragmas) { p.SQLiteVersion = "x" }, "sqlite_version()"},
		{"rollback journal", func(p *Pragmas) { p.JournalMode = "delete" }, "journal_mode"},
		{"synchronous NORMAL", func(p *Pragmas) { p.Synchronous = 1 }, "synchronous = 1"},
		{"synchronous OFF", func(p *Pragmas) { p.Synchronous = 0 }, "synchronous = 0"},
		{"foreign keys off", func(p *Pragmas) { p.ForeignKeys = false }, "foreign_keys"},
	}
	for _, tt := range tests {
		p := good
		tt.mutate(&p)
		err := checkPragmas(p)
		if (tt.want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("%s: checkPragmas = %v, want error containing %q", tt.name, err, tt.want)
		}
	}
}

func TestVersionLess(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"3.51.2", "3.51.3", true}, {"3.51.3", "3.51.3", false}, {"3.54.1", "3.51.3", false},
		{"3.9.0", "3.51.3", true}, {"4.0", "3.51.3", false}, {"3.51", "3.51.3", true},
	}
	for _, tt := range tests {
		if got := versionLess(tt.a, tt.b); got != tt.want {
			t.Errorf("versionLess(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestSQLiteStartupCheckRefusesNormal opens a real connection the way
// mattn/go-sqlite3 does by default (synchronous=NORMAL) and runs the
// startup check on it; then shows Open itself accepts the same file.
func TestSQLiteStartupCheckRefusesNormal(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pulse.db")
	dsn := strings.Replace(sqliteDSN(path, false), "_synchronous=FULL", "_synchronous=NORMAL", 1)
	pool := openSQLitePool(dsn, 1, 0)
	defer pool.Close()
	db, err := gorm.Open(sqlite.New(sqlite.Config{Conn: pool}), &gorm.Config{})
	errIs(t, "gorm.Open", err, nil)
	err = checkSQLite(context.Background(), db, true)
	if err == nil || !strings.Contains(err.Error(), "PRAGMA synchronous = 1, want 2") {
		t.Fatalf("checkSQLite on a NORMAL connection = %v, want a synchronous error", err)
	}
	e := openEnv(t, Config{Path: path})
	errIs(t, "Ready", e.s.Ready(e.ctx), nil)
}

func TestSQLiteReaderCannotWrite(t *testing.T) {
	e := openEnv(t, sqliteConfig(t))
	err := e.s.reader.WithContext(e.ctx).Create(&trustRow{Code: "X", Name: "X", Nation: NationEngland, Quintile: 1}).Error
	if err == nil || !strings.Contains(err.Error(), "readonly") {
		t.Errorf("insert through the reader pool = %v, want a read-only error", err)
	}
}

func TestOpenRefusesBadConfig(t *testing.T) {
	for name, cfg := range map[string]Config{
		"unknown driver":    {Driver: "mysql"},
		"sqlite no path":    {Driver: DriverSQLite},
		"postgres no dsn":   {Driver: DriverPostgres},
		"missing directory": {Path: filepath.Join(t.TempDir(), "no", "such", "dir", "pulse.db")},
	} {
		s, err := Open(context.Background(), cfg)
		if err == nil || s != nil {
			t.Errorf("%s: Open = %v, %v; want an error and no store", name, s, err)
		}
	}
}

// TestSQLiteSecretNeverStored scans every file of the database (main file
// and WAL) for the resume secret; its hash and the answers must be there.
func TestSQLiteSecretNeverStored(t *testing.T) {
	e := openEnv(t, sqliteConfig(t))
	f := e.fixture()
	const secret = "resume-secret-7f3kq2zv9w0mtb5rc"
	r := e.response(f, 0, secret)
	e.save(PageSave{ResponseID: r.ID, Key: "k", Set: survey.Answers{"comment": {Text: "findable-answer-text"}}})
	dir := filepath.Dir(e.cfg.Path)
	data := readAll(t, dir)
	for what, needle := range map[string][]byte{"answer text": []byte("findable-answer-text"), "resume hash": resumeHash(secret)} {
		if !bytes.Contains(data, needle) {
			t.Fatalf("%s not found in the database files: the scan is not seeing the data", what)
		}
	}
	if bytes.Contains(data, []byte(secret)) {
		t.Errorf("resume secret found in the database files")
	}
}

func readAll(t *testing.T, dir string) []byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	errIs(t, "ReadDir", err, nil)
	var all []byte
	for _, ent := range entries {
		b, err := os.ReadFile(filepath.Join(dir, ent.Name()))
		errIs(t, "ReadFile", err, nil)
		all = append(all, b...)
	}
	return all
}

// TestSQLiteDiskFull fills a size-limited database: the failing save
// returns its error, earlier answers survive, nothing half-written is
// visible, and after the limit is raised saving works on the same store.
func TestSQLiteDiskFull(t *testing.T) {
	cfg := sqliteConfig(t)
	cfg.MaxPageCount = 64 // 256 KiB with 4 KiB pages: room for the schema and a little data
	e := openEnv(t, cfg)
	f := e.fixture()
	r := e.response(f, 0, "s")
	e.save(PageSave{ResponseID: r.ID, Key: "small", Set: survey.Answers{"role": {Codes: []string{"nurse"}}}})
	big := strings.Repeat("long answer text ", 2000) // ~34 KB per save
	var fullErr error
	saved := 0
	for i := range 100 {
		_, _, err := e.s.SavePage(e.ctx, PageSave{ResponseID: r.ID, Key: "big-" + strconv.Itoa(i),
			Set: survey.Answers{"text-" + strconv.Itoa(i): {Text: big}}})
		if err != nil {
			fullErr = err
			break
		}
		saved++
	}
	if fullErr == nil || !strings.Contains(fullErr.Error(), "full") {
		t.Fatalf("no disk-full error after %d large saves (err %v)", saved, fullErr)
	}
	t.Logf("disk full after %d large saves: %v", saved, fullErr)
	answers, err := e.s.Answers(e.ctx, r.ID)
	errIs(t, "Answers after disk full", err, nil)
	if len(answers) != saved+1 || answers["role"].Codes[0] != "nurse" || answers["text-"+strconv.Itoa(saved)].Text != "" {
		t.Fatalf("after disk full: %d answers, want %d committed ones intact and no partial save", len(answers), saved+1)
	}
	if err := e.s.writer.WithContext(e.ctx).Exec("PRAGMA max_page_count = 1000000").Error; err != nil {
		t.Fatalf("raise max_page_count: %v", err)
	}
	e.save(PageSave{ResponseID: r.ID, Key: "big-" + strconv.Itoa(saved), Set: survey.Answers{"text-" + strconv.Itoa(saved): {Text: big}}})
	if answers, _ := e.s.Answers(e.ctx, r.ID); len(answers) != saved+2 {
		t.Errorf("after raising the limit: %d answers, want %d", len(answers), saved+2)
	}
	if strings.Contains(e.logs.String(), "long answer text") {
		t.Errorf("answer text leaked into the logs")
	}
}

// TestSQLiteOpenRefusesDamagedFile overwrites the middle of a closed
// database with garbage: Open must fail rather than serve it.
func TestSQLiteOpenRefusesDamagedFile(t *testing.T) {
	cfg := sqliteConfig(t)
	e := openEnv(t, cfg)
	f := e.fixture()
	r := e.response(f, 0, "s")
	for i := range 20 {
		e.save(PageSave{ResponseID: r.ID, Key: strconv.Itoa(i), Set: survey.Answers{"q" + strconv.Itoa(i): {Text: strings.Repeat("x", 3000)}}})
	}
	errIs(t, "Close", e.s.Close(), nil) // the last close checkpoints the WAL into the file
	data, err := os.ReadFile(cfg.Path)
	errIs(t, "ReadFile", err, nil)
	if len(data) < 8*4096 {
		t.Fatalf("database only %d bytes", len(data))
	}
	for i := 3 * 4096; i < 7*4096; i++ {
		data[i] = 0xA5
	}
	errIs(t, "WriteFile", os.WriteFile(cfg.Path, data, 0o600), nil)
	cfg.Logger = e.cfg.Logger
	s, err := Open(context.Background(), cfg)
	if err == nil {
		_ = s.Close()
		t.Fatal("Open accepted a damaged database")
	}
	if !strings.Contains(err.Error(), "quick_check") {
		t.Errorf("Open error %q does not name the failed integrity check", err)
	}
}

func TestPostgresCheckSettings(t *testing.T) {
	tests := []struct {
		fsync, sync string
		ok          bool
	}{
		{"on", "on", true}, {"on", "local", true}, {"on", "remote_apply", true},
		{"off", "on", false}, {"on", "off", false},
	}
	for _, tt := range tests {
		err := checkPostgres(Pragmas{Fsync: tt.fsync, SyncCommit: tt.sync})
		if (err == nil) != tt.ok {
			t.Errorf("checkPostgres(fsync=%s, synchronous_commit=%s) = %v, want ok=%v", tt.fsync, tt.sync, err, tt.ok)
		}
	}
}

// TestSQLiteBigFileCheckedInBackground: a database too big to check
// before serving opens at once, and the check that runs meanwhile makes
// a damaged one unready.
func TestSQLiteBigFileCheckedInBackground(t *testing.T) {
	cfg := sqliteConfig(t)
	e := openEnv(t, cfg)
	f := e.fixture()
	r := e.response(f, 0, "s")
	for i := range 20 {
		e.save(PageSave{ResponseID: r.ID, Key: strconv.Itoa(i), Set: survey.Answers{"q" + strconv.Itoa(i): {Text: strings.Repeat("x", 3000)}}})
	}
	errIs(t, "Close", e.s.Close(), nil)
	cfg.checkInlineLimit = 1 // every file counts as big
	cfg.Logger = e.cfg.Logger
	healthy, err := Open(context.Background(), cfg)
	errIs(t, "Open a healthy big file", err, nil)
	time.Sleep(100 * time.Millisecond)
	errIs(t, "Ready on a healthy big file", healthy.Ready(context.Background()), nil)
	errIs(t, "Close", healthy.Close(), nil)

	data, err := os.ReadFile(cfg.Path)
	errIs(t, "ReadFile", err, nil)
	for i := 3 * 4096; i < 7*4096; i++ {
		data[i] = 0xA5
	}
	errIs(t, "WriteFile", os.WriteFile(cfg.Path, data, 0o600), nil)
	s, err := Open(context.Background(), cfg)
	if err != nil {
		t.Logf("refused outright: %v", err)
		return
	}
	defer s.Close()
	deadline := time.Now().Add(10 * time.Second)
	for s.Ready(context.Background()) == nil {
		if time.Now().After(deadline) {
			t.Fatal("a damaged big database stayed ready")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := s.Ready(context.Background()); !strings.Contains(err.Error(), "quick_check") {
		t.Errorf("Ready = %v, want the failed integrity check named", err)
	}
}
