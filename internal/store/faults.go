package store

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/mattn/go-sqlite3"
	"gorm.io/gorm"
)

// Faults of the database that a caller can do something about: the
// change was not made and may be tried again (ErrUnavailable), or the
// database file cannot be used at all (ErrUnusable).
var (
	// ErrUnavailable: the database could not take the change just now and
	// nothing of it was written. Trying the same request again later is
	// safe (idempotency keys make a retry of a save exact).
	ErrUnavailable = errors.New("database unavailable, nothing saved")
	// ErrFull: the disk (or the size limit) is full. Wraps ErrUnavailable.
	ErrFull = fmt.Errorf("database full: %w", ErrUnavailable)
	// ErrBusy: the write lock was not free within the wait allowed, for
	// example because another process holds a long transaction. Wraps
	// ErrUnavailable.
	ErrBusy = fmt.Errorf("database busy: %w", ErrUnavailable)
	// ErrUnusable: Open refused the database file as it is (its folder
	// missing or read-only, the file read-only, not a database, or
	// damaged). The file is left exactly as it was.
	ErrUnusable = errors.New("database cannot be used")
)

// Waiting for the write lock is bounded, so a save never hangs behind a
// lock held elsewhere: a write waits at most lockWait for this process's
// writer (queued behind other saves) and then at most sqliteBusyTimeout
// for SQLite's lock, which another process may hold. Either way it fails
// with ErrBusy.
const (
	lockWait          = 3 * time.Second
	sqliteBusyTimeout = 2 * time.Second
)

// errGaveUp ends a transaction that began after its wait had run out.
var errGaveUp = errors.New("gave up waiting for the write lock")

// writeWithin runs fn in one write transaction, waiting at most wait for
// the transaction to begin. Only the wait is bounded: once fn runs, the
// transaction takes as long as it takes.
func (s *Store) writeWithin(ctx context.Context, wait time.Duration, fn func(tx *gorm.DB) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	const waiting, started, gaveUp = 0, 1, 2
	var state atomic.Int32
	timer := time.AfterFunc(wait, func() {
		if state.CompareAndSwap(waiting, gaveUp) {
			cancel()
		}
	})
	defer timer.Stop()
	err := s.writer.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if !state.CompareAndSwap(waiting, started) {
			return errGaveUp
		}
		return fn(tx)
	})
	if err != nil && state.Load() == gaveUp {
		return fmt.Errorf("%w: no write lock within %s", ErrBusy, wait)
	}
	return classify(err)
}

// classify is the one place that recognises a database's "full" and
// "busy" errors, SQLite's and PostgreSQL's, and marks them with ErrFull or
// ErrBusy, keeping the original error in the chain.
func classify(err error) error {
	if err == nil || errors.Is(err, ErrUnavailable) {
		return err
	}
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrFull:
			return fmt.Errorf("%w: %w", ErrFull, err)
		case sqlite3.ErrBusy, sqlite3.ErrLocked:
			return fmt.Errorf("%w: %w", ErrBusy, err)
		}
		return err
	}
	var pe interface{ SQLState() string }
	if errors.As(err, &pe) {
		switch pe.SQLState() {
		case "53100": // disk_full
			return fmt.Errorf("%w: %w", ErrFull, err)
		case "53200", "53300", // out_of_memory, too_many_connections
			"55P03", "57P03", // lock_not_available, cannot_connect_now
			"40001", "40P01": // serialization_failure, deadlock_detected
			return fmt.Errorf("%w: %w", ErrBusy, err)
		}
	}
	return err
}
