package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
)

// Backup writes a consistent copy of the SQLite database at dbPath to out
// while the server goes on serving: VACUUM INTO reads one snapshot (a
// read transaction, so writers are not blocked) and writes a compact new
// file. The copy is made beside out under a temporary name, checked with
// PRAGMA integrity_check and its schema version, and only then renamed to
// out, so a failed backup never leaves a half-written file under that
// name. An existing out is never overwritten.
func Backup(ctx context.Context, dbPath, out string) (BackupInfo, error) {
	op := fmt.Sprintf("back up %s to %s", dbPath, out)
	if _, err := os.Stat(dbPath); err != nil {
		return BackupInfo{}, fmt.Errorf("%s: %w", op, err)
	}
	if _, err := os.Stat(out); err == nil {
		return BackupInfo{}, fmt.Errorf("%s: %s already exists; choose a new name", op, out)
	}
	tmp := filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".partial")
	_ = os.Remove(tmp)
	if err := vacuumInto(ctx, dbPath, tmp); err != nil {
		os.Remove(tmp)
		return BackupInfo{}, fmt.Errorf("%s: %w", op, err)
	}
	info, err := CheckBackup(ctx, tmp)
	if err != nil {
		os.Remove(tmp)
		return BackupInfo{}, fmt.Errorf("%s: the copy failed its check: %w", op, err)
	}
	if err := os.Link(tmp, out); err != nil { // fails rather than replace an existing file
		os.Remove(tmp)
		return BackupInfo{}, fmt.Errorf("%s: %w", op, err)
	}
	os.Remove(tmp)
	return info, nil
}

// vacuumInto copies the database through a read-only connection of its
// own, so it needs neither the server's writer nor its pools.
func vacuumInto(ctx context.Context, dbPath, out string) error {
	db, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: dbPath}).EscapedPath()+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, "VACUUM INTO ?", out)
	return err
}

// BackupInfo describes a checked backup.
type BackupInfo struct {
	SchemaVersion int
	Responses     int64
	Bytes         int64
}

// CheckBackup opens a backup read-only and checks it: integrity_check
// must say ok, and its schema must be one this program knows.
func CheckBackup(ctx context.Context, path string) (BackupInfo, error) {
	st, err := os.Stat(path)
	if err != nil {
		return BackupInfo{}, err
	}
	db, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro")
	if err != nil {
		return BackupInfo{}, err
	}
	defer db.Close()
	var ok string
	if err := db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&ok); err != nil {
		return BackupInfo{}, err
	}
	if ok != "ok" {
		return BackupInfo{}, fmt.Errorf("integrity_check: %s", ok)
	}
	info := BackupInfo{Bytes: st.Size()}
	if err := db.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&info.SchemaVersion); err != nil {
		return BackupInfo{}, fmt.Errorf("not a Research Pulse database: %w", err)
	}
	if info.SchemaVersion > len(migrations) {
		return BackupInfo{}, errors.New("the backup's schema is newer than this program")
	}
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM responses").Scan(&info.Responses); err != nil {
		return BackupInfo{}, err
	}
	return info, nil
}
