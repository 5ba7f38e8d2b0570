package admin

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/researchpulse/pulse/internal/store"
)

// Audited actions.
const (
	ActionDownload = "download"
)

// audit appends an entry. A failure to record is logged rather than
// undoing what was done; downloads use recordDownload, which fails the
// download instead.
func (s *Service) audit(ctx context.Context, a Actor, action string, reviewID int64, format string, args ...any) {
	_, err := s.store.AppendAudit(ctx, store.AuditEntry{UserID: a.UserID(), Actor: a.name(), Action: action,
		ReviewID: reviewID, Detail: fmt.Sprintf(format, args...), Rows: -1})
	if err != nil {
		slog.Error("audit entry not recorded", "action", action, "err", err)
	}
}

// Download describes a file handed to someone.
type Download struct {
	ReviewID int64
	Format   string // "xlsx", "csv", "audit-csv"
	Options  string // what was asked for, in words
	Rows     int
	SHA256   string // hex SHA-256 of the bytes sent
}

// RecordDownload writes the audit entry of a download; an error means the
// entry was not written.
func (s *Service) RecordDownload(ctx context.Context, a Actor, d Download) error {
	_, err := s.store.AppendAudit(ctx, store.AuditEntry{UserID: a.UserID(), Actor: a.name(), Action: ActionDownload,
		ReviewID: d.ReviewID, Detail: strings.TrimSpace(d.Format + " " + d.Options), Rows: d.Rows, FileSHA256: d.SHA256})
	return err
}

// AuditPage is one page of the audit log, newest first.
type AuditPage struct {
	Entries []store.AuditEntry
	Older   int64 // id to pass as before for the next page; 0 at the end
	// Broken is the first entry whose hash does not match (0: the chain
	// is whole), Checked how many were checked.
	Broken  int64
	Checked int
}

// AuditLog returns entries with id below before (0: the newest), for
// platform admins.
func (s *Service) AuditLog(ctx context.Context, a Actor, before int64, limit int) (AuditPage, error) {
	if !a.Platform() {
		return AuditPage{}, fmt.Errorf("audit log: %w", ErrForbidden)
	}
	es, err := s.store.ListAudit(ctx, before, limit+1)
	if err != nil {
		return AuditPage{}, err
	}
	p := AuditPage{Entries: es}
	if len(es) > limit {
		p.Entries, p.Older = es[:limit], es[limit-1].ID
	}
	p.Broken, p.Checked, err = s.store.VerifyAudit(ctx)
	return p, err
}

// WriteAuditCSV writes the whole audit log as CSV, oldest first, and
// returns the number of entries. Cells that a spreadsheet would read as a
// formula get a leading apostrophe.
func (s *Service) WriteAuditCSV(ctx context.Context, a Actor, w io.Writer) (int, error) {
	if !a.Platform() {
		return 0, fmt.Errorf("audit log: %w", ErrForbidden)
	}
	cw := csv.NewWriter(w)
	n := 0
	_ = cw.Write([]string{"id", "at_utc", "user_id", "actor", "action", "review_id", "detail", "rows", "file_sha256", "prev_hash", "hash"})
	err := s.store.EachAudit(ctx, func(e store.AuditEntry) error {
		n++
		rows := ""
		if e.Rows >= 0 {
			rows = strconv.Itoa(e.Rows)
		}
		return cw.Write([]string{strconv.FormatInt(e.ID, 10), e.At.UTC().Format(time.RFC3339), strconv.FormatInt(e.UserID, 10),
			SafeCell(e.Actor), e.Action, strconv.FormatInt(e.ReviewID, 10), SafeCell(e.Detail), rows, e.FileSHA256, e.PrevHash, e.Hash})
	})
	cw.Flush()
	if err == nil {
		err = cw.Error()
	}
	return n, err
}

// SafeCell prefixes a cell that a spreadsheet would take for a formula.
func SafeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
