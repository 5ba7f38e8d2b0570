//go:build unix

package main

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// lockServing makes this process the only pulse serve of the SQLite file
// db: it holds an exclusive lock on db + ".serve-lock" until release (or
// until the process ends, however it ends). A server keeps the responses
// it serves in memory, which is right only while no other server writes
// them; several servers share a PostgreSQL database instead.
func lockServing(db string) (release func(), err error) {
	path := db + ".serve-lock"
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("serve lock: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("another pulse serve is using %s (it holds %s); one server serves a SQLite file: stop it first, or share a PostgreSQL database between servers", db, path)
		}
		return nil, fmt.Errorf("serve lock %s: %w", path, err)
	}
	return func() { f.Close() }, nil
}
