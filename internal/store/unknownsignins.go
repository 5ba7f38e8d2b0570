package store

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// unknownSigninRow counts failed sign-ins to an e-mail address that has no
// account; the address is kept only as a keyed hash.
type unknownSigninRow struct {
	Address     []byte `gorm:"primaryKey"`
	Failures    int
	LockedUntil int64 // microseconds since 1970, UTC; 0 when never locked
	Seen        int64
}

func (unknownSigninRow) TableName() string { return "unknown_signins" }

// unknownSigninsKept is how long an address's failures are remembered
// after its last one.
const unknownSigninsKept = 24 * time.Hour

// FailUnknownSignin records a failed sign-in at now to email, an address
// with no account, unless it is locked already, and reports whether the
// address is (now) locked. lockFor gives the lock after that many failures
// in a row (0: none): the same rule as for accounts, so an answer never
// tells whether an account exists, whichever server it comes from.
func (s *Store) FailUnknownSignin(ctx context.Context, email string, now time.Time, lockFor func(int) time.Duration) (bool, error) {
	secret, err := s.allowanceSecret(ctx)
	if err != nil {
		return false, fmt.Errorf("unknown sign-in: %w", err)
	}
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("sign-in address " + email))
	key := m.Sum(nil)[:16]
	at := now.UTC().UnixMicro()
	var locked bool
	err = s.write(ctx, func(tx *gorm.DB) error {
		row := unknownSigninRow{Address: key, Seen: at}
		if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&row).Error; err != nil {
			return err
		}
		q := tx
		if s.driver == DriverPostgres {
			q = q.Clauses(clause.Locking{Strength: "UPDATE"})
		}
		if err := q.Where("address = ?", key).Take(&row).Error; err != nil {
			return err
		}
		if at < row.LockedUntil {
			locked = true
			return nil
		}
		row.Failures++
		if d := lockFor(row.Failures); d > 0 {
			row.LockedUntil = now.Add(d).UTC().UnixMicro()
			locked = true
		}
		return tx.Model(&unknownSigninRow{}).Where("address = ?", key).
			Updates(map[string]any{"failures": row.Failures, "locked_until": row.LockedUntil, "seen": at}).Error
	})
	if err != nil {
		return false, wrap("unknown sign-in", err)
	}
	if s.allow.tries.Add(1)%sweepEvery == 0 {
		_ = s.writer.WithContext(ctx).Where("seen < ? AND locked_until < ?", now.Add(-unknownSigninsKept).UnixMicro(), at).
			Delete(&unknownSigninRow{}).Error
	}
	return locked, nil
}
