package store

import (
	"crypto/rand"
	"encoding/base32"
	"strings"
	"time"
)

// tokenEncoding is RFC 4648 base32 without padding; tokens are lower-cased
// so they survive case-insensitive handling in URLs and e-mail clients.
var tokenEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// newToken returns 128 random bits from crypto/rand as 26 lower-case
// base32 characters. It is used for response ids and review link keys.
// crypto/rand.Read never fails (it aborts the program if the system
// random source is unavailable), so there is no error to return.
func newToken() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return strings.ToLower(tokenEncoding.EncodeToString(b[:]))
}

// hourOf truncates t to the hour in UTC: the only timestamp precision
// stored for anything a respondent does.
func hourOf(t time.Time) time.Time {
	return t.UTC().Truncate(time.Hour)
}

// utc normalises a time read from the database (PostgreSQL returns local
// time, SQLite the offset it was written with).
func utc(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC()
}

// utcPtr is utc for optional times.
func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}
