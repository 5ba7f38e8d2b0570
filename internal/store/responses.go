package store

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/researchpulse/pulse/internal/survey"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Response statuses.
const (
	ResponseInProgress = "in_progress"
	ResponseSubmitted  = "submitted"
)

// Response is one respondent's answering session. Its times are truncated
// to the hour (UTC) so they cannot single anyone out.
type Response struct {
	ID                string // 26 random base32 characters (128 bits)
	ReviewID, TrustID int64
	QuestionnaireHash string
	Status            string // ResponseInProgress or ResponseSubmitted
	Language          string
	Section           string   // current section id
	Furthest          string   // furthest section reached
	Trail             []string // section ids visited, for Back
	Test              bool     // preview/test response, excluded from analysis
	CreatedHour       time.Time
	UpdatedHour       time.Time
	SubmittedHour     *time.Time
}

// NewResponse is what CreateResponse needs. ResumeHash is the SHA-256 of
// the resume secret; the secret itself must never be passed to the store.
type NewResponse struct {
	ReviewID, TrustID int64
	QuestionnaireHash string
	Language          string
	Section           string
	ResumeHash        []byte
	Test              bool
}

type responseRow struct {
	ID                string `gorm:"primaryKey"`
	ReviewID          int64
	TrustID           int64
	QuestionnaireHash string
	Status            string
	Language          string
	Section           string
	Furthest          string
	Trail             string // JSON array of section ids
	Test              bool
	ResumeHash        []byte
	CreatedHour       time.Time
	UpdatedHour       time.Time
	SubmittedHour     *time.Time
}

func (responseRow) TableName() string { return "responses" }

func (r responseRow) response() (Response, error) {
	trail, err := decodeStrings(r.Trail)
	if err != nil {
		return Response{}, fmt.Errorf("response %s: trail: %w", r.ID, err)
	}
	return Response{
		ID: r.ID, ReviewID: r.ReviewID, TrustID: r.TrustID, QuestionnaireHash: r.QuestionnaireHash,
		Status: r.Status, Language: r.Language, Section: r.Section, Furthest: r.Furthest,
		Trail: trail, Test: r.Test, CreatedHour: utc(r.CreatedHour), UpdatedHour: utc(r.UpdatedHour),
		SubmittedHour: utcPtr(r.SubmittedHour),
	}, nil
}

// encodeStrings stores a string list as a JSON array ("[]" when empty),
// exactly as encoding/json writes it. Lists of plain codes (the usual
// case) are written directly.
func encodeStrings(list []string) string {
	if len(list) == 0 {
		return "[]"
	}
	n := 1
	for _, v := range list {
		if !plainJSON(v) {
			b, _ := json.Marshal(list) // a []string always marshals
			return string(b)
		}
		n += len(v) + 3
	}
	b := make([]byte, 0, n)
	b = append(b, '[')
	for i, v := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(append(append(b, '"'), v...), '"')
	}
	return string(append(b, ']'))
}

// plainJSON reports whether s needs no escaping in a JSON string, as
// encoding/json escapes (quotes, backslashes, controls, <, >, &, and
// anything not ASCII is left to it).
func plainJSON(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return false
		}
	}
	return true
}

// decodeStrings reads a JSON array; an empty array gives nil. Arrays of
// plain strings are split directly; anything else goes to encoding/json.
func decodeStrings(text string) ([]string, error) {
	if list, ok := splitPlain(text); ok {
		return list, nil
	}
	var list []string
	if err := json.Unmarshal([]byte(text), &list); err != nil {
		return nil, err
	}
	if len(list) == 0 {
		list = nil // one spelling of "empty" for callers comparing values
	}
	return list, nil
}

// splitPlain decodes ["a","b"] when no element holds a quote, a
// backslash, a control character or a byte beyond ASCII, and no
// whitespace surrounds the punctuation (as encodeStrings writes it).
func splitPlain(text string) ([]string, bool) {
	if text == "[]" {
		return nil, true
	}
	if len(text) < 4 || text[0] != '[' || text[1] != '"' || text[len(text)-2] != '"' || text[len(text)-1] != ']' {
		return nil, false
	}
	body := text[2 : len(text)-2]
	list := make([]string, 0, strings.Count(body, `","`)+1)
	for {
		v, rest, more := strings.Cut(body, `","`)
		if !plainJSON(v) {
			return nil, false
		}
		list = append(list, v)
		if !more {
			return list, true
		}
		body = rest
	}
}

func (n NewResponse) validate() error {
	switch {
	case n.QuestionnaireHash == "":
		return invalid("questionnaire hash is empty")
	case n.Language == "":
		return invalid("language is empty")
	case n.Section == "":
		return invalid("section is empty")
	case len(n.ResumeHash) != sha256.Size:
		return invalid("resume hash is %d bytes, want %d (SHA-256)", len(n.ResumeHash), sha256.Size)
	}
	return nil
}

// CreateResponse starts an in-progress response at n.Section with a fresh
// random id. The (review, trust) pair must be one of the review's links,
// else ErrNotFound. Whether the review accepts answers is the caller's
// check (Review.AcceptsAnswers).
func (s *Store) CreateResponse(ctx context.Context, n NewResponse) (Response, error) {
	op := fmt.Sprintf("create response (review %d, trust %d)", n.ReviewID, n.TrustID)
	if err := n.validate(); err != nil {
		return Response{}, fmt.Errorf("%s: %w", op, err)
	}
	hour := s.hour()
	row := responseRow{
		ID: newToken(), ReviewID: n.ReviewID, TrustID: n.TrustID, QuestionnaireHash: n.QuestionnaireHash,
		Status: ResponseInProgress, Language: n.Language, Section: n.Section, Furthest: n.Section,
		Trail: encodeStrings(nil), Test: n.Test, ResumeHash: n.ResumeHash,
		CreatedHour: hour, UpdatedHour: hour,
	}
	err := s.writeThen(ctx, func(tx *gorm.DB) error {
		w, err := s.writeTx(tx)
		if err != nil {
			return err
		}
		_, err = w.exec(qInsertResponse, row.ID, row.ReviewID, row.TrustID, row.QuestionnaireHash, row.Status,
			row.Language, row.Section, row.Furthest, row.Trail, row.Test, row.ResumeHash, row.CreatedHour, row.UpdatedHour)
		return err
	}, func(committed bool) {
		if resp, err := row.response(); committed && err == nil && s.cache != nil {
			s.cache.committed(Snapshot{Response: resp, Answers: survey.Answers{}}, row.ResumeHash)
		}
	})
	if err != nil {
		return Response{}, s.sqlErr(op, err)
	}
	return row.response()
}

// dropCached is a write's after-commit callback forgetting response id
// in the response-state cache, whatever the outcome.
func (s *Store) dropCached(id string) func(bool) {
	return func(bool) {
		if s.cache != nil {
			s.cache.drop(id)
		}
	}
}

const qInsertResponse = `INSERT INTO responses (id, review_id, trust_id, questionnaire_hash, status, language,
	section, furthest, trail, test, resume_hash, created_hour, updated_hour) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// Response returns the response with id, or ErrNotFound.
func (s *Store) Response(ctx context.Context, id string) (Response, error) {
	var row responseRow
	if err := s.reader.WithContext(ctx).Where("id = ?", id).Take(&row).Error; err != nil {
		return Response{}, wrap(fmt.Sprintf("response %q", id), err)
	}
	return row.response()
}

// ResponseByResumeHash returns the response whose resume secret hashes to
// hash, or ErrNotFound.
func (s *Store) ResponseByResumeHash(ctx context.Context, hash []byte) (Response, error) {
	if len(hash) != sha256.Size {
		return Response{}, fmt.Errorf("response by resume hash: %w", invalid("hash is %d bytes", len(hash)))
	}
	var row responseRow
	if err := s.reader.WithContext(ctx).Where("resume_hash = ?", hash).Take(&row).Error; err != nil {
		return Response{}, wrap("response by resume hash", err)
	}
	return row.response()
}

// SetLanguage records the language the respondent chose. A submitted
// response is frozen: ErrSubmitted.
func (s *Store) SetLanguage(ctx context.Context, responseID, lang string) error {
	op := fmt.Sprintf("set language of response %q", responseID)
	if lang == "" {
		return fmt.Errorf("%s: %w", op, invalid("language is empty"))
	}
	err := s.writeThen(ctx, func(tx *gorm.DB) error {
		row, err := lockResponse(tx, responseID)
		if err != nil {
			return err
		}
		if err := checkStatus(row.Status, ""); err != nil {
			return err
		}
		return tx.Model(&responseRow{}).Where("id = ?", responseID).
			Updates(map[string]any{"language": lang, "updated_hour": s.hour()}).Error
	}, s.dropCached(responseID))
	return wrap(op, err)
}

// forUpdate locks selected rows until the transaction ends on PostgreSQL;
// gorm's SQLite dialect omits it (BEGIN IMMEDIATE already excludes other
// writers).
var forUpdate = clause.Locking{Strength: clause.LockingStrengthUpdate}

// lockResponse reads response id inside a write transaction, holding its
// row lock until commit so writes to one response serialise.
func lockResponse(tx *gorm.DB, id string) (responseRow, error) {
	var row responseRow
	err := tx.Clauses(forUpdate).Where("id = ?", id).Take(&row).Error
	return row, err
}

// checkStatus refuses changes to a submitted response (ErrSubmitted) and,
// when expect is set, to a response in another status (ErrConflict).
func checkStatus(status, expect string) error {
	if status == ResponseSubmitted {
		return ErrSubmitted
	}
	if expect != "" && expect != status {
		return fmt.Errorf("status is %s, expected %s: %w", status, expect, ErrConflict)
	}
	return nil
}
