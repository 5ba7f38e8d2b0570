package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

// AuditEntry is one line of the audit log: who did what, when, to which
// review. The database refuses to update or delete entries, and each
// entry's Hash covers the one before it, so a removed or edited line shows.
type AuditEntry struct {
	ID       int64
	At       time.Time
	UserID   int64  // 0 for the command line or an unknown account
	Actor    string // e-mail address, or "command line"
	Action   string
	ReviewID int64  // 0 when about no review
	Detail   string // what else matters: options, names, the outcome
	// Rows and FileSHA256 describe a download: how many rows the file
	// held (-1 when not a download) and the SHA-256 of its bytes.
	Rows       int
	FileSHA256 string
	PrevHash   string
	Hash       string
}

type auditRow struct {
	ID         int64 `gorm:"primaryKey"`
	At         time.Time
	UserID     *int64
	Actor      string
	Action     string
	ReviewID   *int64
	Detail     string
	RowCount   *int
	FileSHA256 string `gorm:"column:file_sha256"`
	PrevHash   string
	Hash       string
}

func (auditRow) TableName() string { return "audit_log" }

func (r auditRow) entry() AuditEntry {
	e := AuditEntry{ID: r.ID, At: utc(r.At), UserID: derefID(r.UserID), Actor: r.Actor, Action: r.Action,
		ReviewID: derefID(r.ReviewID), Detail: r.Detail, Rows: -1, FileSHA256: r.FileSHA256, PrevHash: r.PrevHash, Hash: r.Hash}
	if r.RowCount != nil {
		e.Rows = *r.RowCount
	}
	return e
}

// chainHash is the hash of an entry: SHA-256 over the previous hash and
// every recorded field.
func chainHash(e AuditEntry) string {
	fields := []string{e.PrevHash, e.At.UTC().Format(time.RFC3339Nano), strconv.FormatInt(e.UserID, 10), e.Actor, e.Action,
		strconv.FormatInt(e.ReviewID, 10), e.Detail, strconv.Itoa(e.Rows), e.FileSHA256}
	sum := sha256.Sum256([]byte(strings.Join(fields, "\x1f")))
	return hex.EncodeToString(sum[:])
}

// AppendAudit adds an entry (ID, At, PrevHash and Hash are set here) and
// returns it. Set Rows to -1 unless the entry records a download.
func (s *Store) AppendAudit(ctx context.Context, e AuditEntry) (AuditEntry, error) {
	if e.Actor == "" || e.Action == "" {
		return AuditEntry{}, fmt.Errorf("append audit: %w", invalid("actor and action are required"))
	}
	e.At = s.now().UTC().Truncate(time.Microsecond)
	err := s.write(ctx, func(tx *gorm.DB) error {
		if s.driver == DriverPostgres {
			if err := tx.Exec("LOCK TABLE audit_log IN EXCLUSIVE MODE").Error; err != nil {
				return err
			}
		}
		var last auditRow
		err := tx.Order("id DESC").Limit(1).Find(&last).Error
		if err != nil {
			return err
		}
		e.PrevHash = last.Hash
		e.Hash = chainHash(e)
		row := auditRow{At: e.At, UserID: previousID(e.UserID), Actor: e.Actor, Action: e.Action, ReviewID: previousID(e.ReviewID),
			Detail: e.Detail, FileSHA256: e.FileSHA256, PrevHash: e.PrevHash, Hash: e.Hash}
		if e.Rows >= 0 {
			n := e.Rows
			row.RowCount = &n
		}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		e.ID = row.ID
		return nil
	})
	if err != nil {
		return AuditEntry{}, wrap("append audit "+e.Action, err)
	}
	return e, nil
}

// ListAudit returns up to limit entries with id below before (0: from the
// newest), newest first.
func (s *Store) ListAudit(ctx context.Context, before int64, limit int) ([]AuditEntry, error) {
	q := s.reader.WithContext(ctx).Order("id DESC").Limit(limit)
	if before > 0 {
		q = q.Where("id < ?", before)
	}
	var rows []auditRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, wrap("list audit", err)
	}
	out := make([]AuditEntry, len(rows))
	for i, r := range rows {
		out[i] = r.entry()
	}
	return out, nil
}

// EachAudit calls fn with every entry, oldest first, reading in batches,
// and stops at fn's first error.
func (s *Store) EachAudit(ctx context.Context, fn func(AuditEntry) error) error {
	var after int64
	for {
		var rows []auditRow
		if err := s.reader.WithContext(ctx).Where("id > ?", after).Order("id").Limit(500).Find(&rows).Error; err != nil {
			return wrap("read audit", err)
		}
		for _, r := range rows {
			if err := fn(r.entry()); err != nil {
				return err
			}
			after = r.ID
		}
		if len(rows) < 500 {
			return nil
		}
	}
}

// VerifyAudit recomputes the hash chain; it returns the id of the first
// entry that does not match (0 when the log is whole) and how many
// entries it checked.
func (s *Store) VerifyAudit(ctx context.Context) (broken int64, checked int, err error) {
	prev := ""
	err = s.EachAudit(ctx, func(e AuditEntry) error {
		checked++
		if broken == 0 && (e.PrevHash != prev || chainHash(e) != e.Hash) {
			broken = e.ID
		}
		prev = e.Hash
		return nil
	})
	return broken, checked, err
}
