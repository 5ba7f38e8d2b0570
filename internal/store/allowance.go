package store

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// An Allowance is a token bucket per client: Burst tries at once, then
// one every Every. Servers sharing a database keep the buckets in it
// (SpendAllowance), so the limit holds across all of them.
//
// The state of a bucket is the single time at which it will be full again
// (the generic cell rate algorithm): a try at now is allowed when, after
// adding Every to max(fullAt, now), the bucket is still within Burst×Every
// of now.
type Allowance struct {
	Every time.Duration
	Burst int
}

// take is the rule: the bucket's next full time after one try at now, and
// whether the try is allowed. A refused try leaves fullAt as it was.
func (a Allowance) take(fullAt, now time.Time) (time.Time, bool) {
	next := later(fullAt, now).Add(a.Every)
	return next, next.Sub(now) <= time.Duration(a.Burst)*a.Every
}

// Wait is how long a client whose bucket is full at fullAt waits for its
// next allowed try (0: it may try now).
func (a Allowance) Wait(fullAt, now time.Time) time.Duration {
	return max(0, later(fullAt, now).Add(a.Every).Sub(now)-time.Duration(a.Burst)*a.Every)
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// clientKeyBytes is how much of a client's keyed hash is stored: 3 bytes
// name 16.7 million buckets, so each stands for about 256 IPv4 addresses
// even to someone holding the key, while two clients active in the same
// minute share a bucket only by a one-in-millions chance.
const clientKeyBytes = 3

// allowanceRow is one client's bucket.
type allowanceRow struct {
	Client []byte `gorm:"primaryKey"`
	FullAt int64  // microseconds since 1970, UTC
}

func (allowanceRow) TableName() string { return "client_allowances" }

// secretRow is a random key made once per database.
type secretRow struct {
	Name   string `gorm:"primaryKey"`
	Secret []byte
}

func (secretRow) TableName() string { return "server_secrets" }

// allowances holds the hashing key once read, and counts tries so that
// full buckets are swept now and then.
type allowances struct {
	mu     sync.Mutex
	secret []byte
	tries  atomic.Uint64
}

// sweepEvery is how many tries pass between deletions of full buckets.
const sweepEvery = 256

// SpendAllowance takes one try (spend) or only looks (!spend) at the
// bucket of client, a client address or other identifier that is never
// stored: only a keyed hash of it cut to clientKeyBytes. It reports
// whether the try is allowed (when looking: whether one would be) and how
// long to wait for the next one.
func (s *Store) SpendAllowance(ctx context.Context, client string, a Allowance, spend bool) (bool, time.Duration, error) {
	if a.Every <= 0 || a.Burst < 1 {
		return false, 0, invalid("allowance every %s, burst %d", a.Every, a.Burst)
	}
	key, err := s.clientKey(ctx, client)
	if err != nil {
		return false, 0, fmt.Errorf("client allowance: %w", err)
	}
	now := s.now().UTC()
	if !spend {
		var rows []allowanceRow
		if err := s.reader.WithContext(ctx).Where("client = ?", key).Limit(1).Find(&rows).Error; err != nil {
			return false, 0, wrap("client allowance", err)
		}
		var fullAt time.Time
		if len(rows) == 1 {
			fullAt = time.UnixMicro(rows[0].FullAt).UTC()
		}
		_, ok := a.take(fullAt, now)
		return ok, a.Wait(fullAt, now), nil
	}
	var ok bool
	var fullAt time.Time
	err = s.write(ctx, func(tx *gorm.DB) error {
		row := allowanceRow{Client: key}
		if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&row).Error; err != nil {
			return err
		}
		q := tx
		if s.driver == DriverPostgres {
			q = q.Clauses(clause.Locking{Strength: "UPDATE"})
		}
		if err := q.Where("client = ?", key).Take(&row).Error; err != nil {
			return err
		}
		fullAt = time.UnixMicro(row.FullAt).UTC()
		var next time.Time
		next, ok = a.take(fullAt, now)
		if !ok {
			return nil
		}
		fullAt = next
		return tx.Model(&allowanceRow{}).Where("client = ?", key).Update("full_at", next.UnixMicro()).Error
	})
	if err != nil {
		return false, 0, wrap("client allowance", err)
	}
	if s.allow.tries.Add(1)%sweepEvery == 0 {
		s.sweepAllowances(ctx, now)
	}
	return ok, a.Wait(fullAt, now), nil
}

// sweepAllowances deletes buckets that are full again: they say nothing a
// missing row does not, and an address is kept no longer than it must be.
func (s *Store) sweepAllowances(ctx context.Context, now time.Time) {
	_ = s.writer.WithContext(ctx).Where("full_at <= ?", now.UnixMicro()).Delete(&allowanceRow{}).Error
}

// clientKey is client's keyed hash, cut short; the key is the database's
// own, made by whichever server first needs it.
func (s *Store) clientKey(ctx context.Context, client string) ([]byte, error) {
	secret, err := s.allowanceSecret(ctx)
	if err != nil {
		return nil, err
	}
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(client))
	return m.Sum(nil)[:clientKeyBytes], nil
}

func (s *Store) allowanceSecret(ctx context.Context) ([]byte, error) {
	s.allow.mu.Lock()
	defer s.allow.mu.Unlock()
	if s.allow.secret != nil {
		return s.allow.secret, nil
	}
	fresh := make([]byte, 32)
	_, _ = rand.Read(fresh)
	row := secretRow{Name: "client_allowances", Secret: fresh}
	err := s.write(ctx, func(tx *gorm.DB) error {
		if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&row).Error; err != nil {
			return err
		}
		return tx.Where("name = ?", row.Name).Take(&row).Error
	})
	if err != nil {
		return nil, fmt.Errorf("allowance key: %w", err)
	}
	s.allow.secret = row.Secret
	return row.Secret, nil
}
