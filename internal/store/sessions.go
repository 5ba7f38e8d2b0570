package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Session is a signed-in browser. Only the SHA-256 of its token is kept.
type Session struct {
	TokenHash []byte
	UserID    int64
	CSRF      string // the token every form of the session carries
	CreatedAt time.Time
	SeenAt    time.Time
}

type sessionRow struct {
	TokenHash []byte `gorm:"primaryKey"`
	UserID    int64
	CSRF      string `gorm:"column:csrf"`
	CreatedAt time.Time
	SeenAt    time.Time
}

func (sessionRow) TableName() string { return "sessions" }

func (r sessionRow) session() Session {
	return Session{TokenHash: r.TokenHash, UserID: r.UserID, CSRF: r.CSRF, CreatedAt: utc(r.CreatedAt), SeenAt: utc(r.SeenAt)}
}

// CreateSession stores a new session.
func (s *Store) CreateSession(ctx context.Context, se Session) error {
	row := sessionRow{TokenHash: se.TokenHash, UserID: se.UserID, CSRF: se.CSRF, CreatedAt: se.CreatedAt.UTC(), SeenAt: se.SeenAt.UTC()}
	return wrap(fmt.Sprintf("create session of user %d", se.UserID), s.writer.WithContext(ctx).Create(&row).Error)
}

// SessionByHash returns the session with the token hash, or ErrNotFound.
func (s *Store) SessionByHash(ctx context.Context, hash []byte) (Session, error) {
	var row sessionRow
	if err := s.reader.WithContext(ctx).Where("token_hash = ?", hash).Take(&row).Error; err != nil {
		return Session{}, wrap("session", err)
	}
	return row.session(), nil
}

// TouchSession records that the session was used at seen.
func (s *Store) TouchSession(ctx context.Context, hash []byte, seen time.Time) error {
	err := s.write(ctx, func(tx *gorm.DB) error {
		return tx.Model(&sessionRow{}).Where("token_hash = ?", hash).Update("seen_at", seen.UTC()).Error
	})
	return wrap("touch session", err)
}

// DeleteSession ends one session.
func (s *Store) DeleteSession(ctx context.Context, hash []byte) error {
	return wrap("delete session", s.writer.WithContext(ctx).Where("token_hash = ?", hash).Delete(&sessionRow{}).Error)
}

// DeleteUserSessions ends every session of user id (after a password
// change, every other browser must sign in again).
func (s *Store) DeleteUserSessions(ctx context.Context, userID int64) error {
	err := s.writer.WithContext(ctx).Where("user_id = ?", userID).Delete(&sessionRow{}).Error
	return wrap(fmt.Sprintf("delete sessions of user %d", userID), err)
}
