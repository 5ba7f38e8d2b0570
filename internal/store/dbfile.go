package store

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
)

// beingCreated: an empty file younger than this is a new database that
// another process (a second command starting at the same moment) is
// making; an older empty file was emptied by accident and is refused.
const beingCreated = 10 * time.Second

// sqliteHeader begins every SQLite database file.
var sqliteHeader = []byte("SQLite format 3\x00")

// checkSQLiteFile looks at the database file and its folder before SQLite
// opens them, reading only: a missing or read-only folder, a read-only
// file (SQLite would quietly open it read-only and fail at the first
// save), an empty file (unless just made by another process), or one that is not an SQLite database is refused
// with ErrUnusable. A missing file in a writable folder is a new database.
func checkSQLiteFile(path string) error {
	dir := filepath.Dir(path)
	switch info, err := os.Stat(dir); {
	case errors.Is(err, os.ErrNotExist):
		return unusable(path, "its folder %s does not exist", dir)
	case err != nil:
		return unusable(path, "its folder cannot be read (%v)", err)
	case !info.IsDir():
		return unusable(path, "%s is not a folder", dir)
	}
	if err := writable(dir); err != nil {
		return unusable(path, "its folder %s is read-only (SQLite writes the -wal and -shm files beside the database)", dir)
	}
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return unusable(path, "it cannot be read (%v)", err)
	case !info.Mode().IsRegular():
		return unusable(path, "it is not a regular file")
	case info.Size() == 0 && time.Since(info.ModTime()) > beingCreated:
		return unusable(path, "it is empty (0 bytes), so not a Research Pulse database; restore it from a backup, or move it away to start a new database")
	case info.Size() == 0:
		return nil // another process is making it this moment
	}
	for _, f := range []string{path, path + "-wal", path + "-shm"} {
		if _, err := os.Stat(f); err == nil && writable(f) != nil {
			what := f
			if f == path {
				what = "the file"
			}
			return unusable(path, "%s is read-only", what)
		}
	}
	head := make([]byte, 100) // the database header
	file, err := os.Open(path)
	if err != nil {
		return unusable(path, "it cannot be read (%v)", err)
	}
	defer file.Close()
	if n, err := io.ReadFull(file, head); err != nil || !bytes.Equal(head[:len(sqliteHeader)], sqliteHeader) {
		return unusable(path, "it is not an SQLite database (its first %d bytes are not an SQLite header)", n)
	}
	return nil
}

// unusable is an ErrUnusable naming the file and the cause, on one line,
// saying that a file that exists was not touched.
func unusable(path, format string, args ...any) error {
	err := fmt.Errorf("%w: %s: %s", ErrUnusable, path, fmt.Sprintf(format, args...))
	if _, serr := os.Stat(path); serr == nil {
		err = fmt.Errorf("%w; it was left unchanged", err)
	}
	return err
}

// openFailed words an error of opening the SQLite database at path: SQLite's
// "not a database", "damaged" and "read-only" errors, and a failed
// integrity check, become ErrUnusable naming the file; others keep their
// own words.
func openFailed(path string, err error) error {
	var se sqlite3.Error
	switch {
	case errors.As(err, &se) && se.Code == sqlite3.ErrNotADB:
		return unusable(path, "it is not an SQLite database (%v)", se)
	case errors.As(err, &se) && se.Code == sqlite3.ErrCorrupt,
		strings.Contains(err.Error(), "quick_check"):
		return unusable(path, "it is damaged (%v); restore it from a backup", err)
	case errors.As(err, &se) && (se.Code == sqlite3.ErrReadonly || se.Code == sqlite3.ErrCantOpen || se.Code == sqlite3.ErrPerm):
		return unusable(path, "it cannot be opened for writing (%v)", se)
	}
	return fmt.Errorf("open sqlite %s: %w", path, err)
}
