package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Account roles; package admin decides what each may do.
const (
	RolePlatformAdmin = "platform_admin"
	RoleRDAdmin       = "rd_admin"
	RoleResearcher    = "researcher"
)

// User is an account of the administrative side (R&D office staff and
// researchers; respondents have no accounts).
type User struct {
	ID    int64
	Email string // lower case
	Role  string
	// PasswordHash is the encoded argon2id hash; package admin makes and
	// checks it.
	PasswordHash       string
	MustChangePassword bool
	FailedSignins      int
	LockedUntil        time.Time // zero when not locked
	CreatedAt          time.Time
	Trusts             []int64 // the trusts of an R&D office admin
}

type userRow struct {
	ID                 int64 `gorm:"primaryKey"`
	Email              string
	Role               string
	PasswordHash       string
	MustChangePassword bool
	FailedSignins      int
	LockedUntil        *time.Time
	CreatedAt          time.Time
}

func (userRow) TableName() string { return "users" }

func (r userRow) user(trusts []int64) User {
	u := User{ID: r.ID, Email: r.Email, Role: r.Role, PasswordHash: r.PasswordHash, MustChangePassword: r.MustChangePassword,
		FailedSignins: r.FailedSignins, CreatedAt: utc(r.CreatedAt), Trusts: trusts}
	if r.LockedUntil != nil {
		u.LockedUntil = r.LockedUntil.UTC()
	}
	return u
}

type userTrustRow struct {
	UserID  int64 `gorm:"primaryKey;autoIncrement:false"`
	TrustID int64 `gorm:"primaryKey;autoIncrement:false"`
}

func (userTrustRow) TableName() string { return "user_trusts" }

type reviewGrantRow struct {
	UserID    int64 `gorm:"primaryKey;autoIncrement:false"`
	ReviewID  int64 `gorm:"primaryKey;autoIncrement:false"`
	GrantedAt time.Time
}

func (reviewGrantRow) TableName() string { return "review_grants" }

// CreateUser inserts u (ID and CreatedAt are set here) with its trusts, in
// one transaction. A taken e-mail address is ErrConflict.
func (s *Store) CreateUser(ctx context.Context, u User) (User, error) {
	u.Email = strings.ToLower(strings.TrimSpace(u.Email))
	switch {
	case u.Email == "" || u.PasswordHash == "":
		return User{}, fmt.Errorf("create user: %w", invalid("e-mail address and password hash are required"))
	case u.Role != RolePlatformAdmin && u.Role != RoleRDAdmin && u.Role != RoleResearcher:
		return User{}, fmt.Errorf("create user: %w", invalid("unknown role %q", u.Role))
	}
	row := userRow{Email: u.Email, Role: u.Role, PasswordHash: u.PasswordHash, MustChangePassword: u.MustChangePassword, CreatedAt: s.now().UTC()}
	err := s.write(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		return setUserTrustsTx(tx, row.ID, u.Trusts)
	})
	if err != nil {
		return User{}, wrap("create user "+u.Email, err)
	}
	return row.user(u.Trusts), nil
}

func setUserTrustsTx(tx *gorm.DB, userID int64, trusts []int64) error {
	if err := tx.Where("user_id = ?", userID).Delete(&userTrustRow{}).Error; err != nil {
		return err
	}
	for _, t := range trusts {
		if err := tx.Create(&userTrustRow{UserID: userID, TrustID: t}).Error; err != nil {
			return err
		}
	}
	return nil
}

// SetUserTrusts replaces the trusts of user id.
func (s *Store) SetUserTrusts(ctx context.Context, id int64, trusts []int64) error {
	return wrap(fmt.Sprintf("set trusts of user %d", id), s.write(ctx, func(tx *gorm.DB) error {
		if err := tx.Select("id").Take(&userRow{}, id).Error; err != nil {
			return err
		}
		return setUserTrustsTx(tx, id, trusts)
	}))
}

// UserByEmail returns the user with the address (any case), or
// ErrNotFound.
func (s *Store) UserByEmail(ctx context.Context, email string) (User, error) {
	return s.userWhere(ctx, "user "+email, "email = ?", strings.ToLower(strings.TrimSpace(email)))
}

// User returns the user with id, or ErrNotFound.
func (s *Store) User(ctx context.Context, id int64) (User, error) {
	return s.userWhere(ctx, fmt.Sprintf("user %d", id), "id = ?", id)
}

func (s *Store) userWhere(ctx context.Context, op, cond string, arg any) (User, error) {
	var (
		row    userRow
		trusts []int64
	)
	err := s.read(ctx, func(tx *gorm.DB) error {
		if err := tx.Where(cond, arg).Take(&row).Error; err != nil {
			return err
		}
		return tx.Model(&userTrustRow{}).Where("user_id = ?", row.ID).Order("trust_id").Pluck("trust_id", &trusts).Error
	})
	if err != nil {
		return User{}, wrap(op, err)
	}
	return row.user(trusts), nil
}

// ListUsers returns every user ordered by e-mail address.
func (s *Store) ListUsers(ctx context.Context) ([]User, error) {
	var (
		rows   []userRow
		trusts []userTrustRow
	)
	err := s.read(ctx, func(tx *gorm.DB) error {
		if err := tx.Order("email").Find(&rows).Error; err != nil {
			return err
		}
		return tx.Order("user_id, trust_id").Find(&trusts).Error
	})
	if err != nil {
		return nil, wrap("list users", err)
	}
	byUser := map[int64][]int64{}
	for _, t := range trusts {
		byUser[t.UserID] = append(byUser[t.UserID], t.TrustID)
	}
	out := make([]User, len(rows))
	for i, r := range rows {
		out[i] = r.user(byUser[r.ID])
	}
	return out, nil
}

// CountUsers counts accounts.
func (s *Store) CountUsers(ctx context.Context) (int, error) {
	var n int64
	if err := s.reader.WithContext(ctx).Model(&userRow{}).Count(&n).Error; err != nil {
		return 0, wrap("count users", err)
	}
	return int(n), nil
}

// SetPassword stores a new password hash for user id and whether it must
// be changed at the next sign-in; it clears failed sign-ins.
func (s *Store) SetPassword(ctx context.Context, id int64, hash string, mustChange bool) error {
	return s.updateUser(ctx, id, "set password", map[string]any{
		"password_hash": hash, "must_change_password": mustChange, "failed_signins": 0, "locked_until": nil})
}

// RecordSignin notes the outcome of a sign-in attempt: success clears the
// failure count; failure sets it to failures and locks the account until
// lockedUntil (zero: not locked).
func (s *Store) RecordSignin(ctx context.Context, id int64, failures int, lockedUntil time.Time) error {
	var until *time.Time
	if !lockedUntil.IsZero() {
		u := lockedUntil.UTC()
		until = &u
	}
	return s.updateUser(ctx, id, "record sign-in", map[string]any{"failed_signins": failures, "locked_until": until})
}

func (s *Store) updateUser(ctx context.Context, id int64, what string, cols map[string]any) error {
	op := fmt.Sprintf("%s of user %d", what, id)
	res := s.writer.WithContext(ctx).Model(&userRow{}).Where("id = ?", id).Updates(cols)
	if res.Error != nil {
		return wrap(op, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("%s: %w", op, ErrNotFound)
	}
	return nil
}

// GrantReview gives user id read access to review reviewID; granting
// twice is harmless.
func (s *Store) GrantReview(ctx context.Context, userID, reviewID int64) error {
	op := fmt.Sprintf("grant review %d to user %d", reviewID, userID)
	return wrap(op, s.write(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&reviewGrantRow{}).Where("user_id = ? AND review_id = ?", userID, reviewID).Count(&n).Error; err != nil || n > 0 {
			return err
		}
		return tx.Create(&reviewGrantRow{UserID: userID, ReviewID: reviewID, GrantedAt: s.now().UTC()}).Error
	}))
}

// RevokeReview takes user id's access to review reviewID away.
func (s *Store) RevokeReview(ctx context.Context, userID, reviewID int64) error {
	err := s.writer.WithContext(ctx).Where("user_id = ? AND review_id = ?", userID, reviewID).Delete(&reviewGrantRow{}).Error
	return wrap(fmt.Sprintf("revoke review %d from user %d", reviewID, userID), err)
}

// GrantedReviews lists the ids of the reviews user id was granted.
func (s *Store) GrantedReviews(ctx context.Context, userID int64) ([]int64, error) {
	var ids []int64
	err := s.reader.WithContext(ctx).Model(&reviewGrantRow{}).Where("user_id = ?", userID).Order("review_id").Pluck("review_id", &ids).Error
	return ids, wrap(fmt.Sprintf("reviews granted to user %d", userID), err)
}

// Grantees lists the users granted review id, by e-mail address.
func (s *Store) Grantees(ctx context.Context, reviewID int64) ([]User, error) {
	var rows []userRow
	err := s.reader.WithContext(ctx).Table("users AS u").Select("u.*").
		Joins("JOIN review_grants AS g ON g.user_id = u.id").Where("g.review_id = ?", reviewID).
		Order("u.email").Find(&rows).Error
	if err != nil {
		return nil, wrap(fmt.Sprintf("users granted review %d", reviewID), err)
	}
	out := make([]User, len(rows))
	for i, r := range rows {
		out[i] = r.user(nil)
	}
	return out, nil
}
