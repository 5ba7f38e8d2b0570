package store

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/researchpulse/pulse/internal/analysis"
	"github.com/researchpulse/pulse/internal/survey"
	"gorm.io/gorm"
)

// ResponseBatch is how many responses ReviewSnapshot.EachResponse reads
// at a time: enough to keep round trips few, few enough that a batch is a
// few megabytes whatever the size of the review.
const ResponseBatch = 500

// StoredResponse is one response with everything an analysis or an export
// reads of it.
type StoredResponse struct {
	analysis.Response
	Language string
	// Furthest is the furthest section the respondent reached (the section
	// id, or the check or done page of the respondent flow).
	Furthest string
	// Cleared lists the items whose answers a change of route cleared, in
	// the order they were first cleared, each once.
	Cleared []string
}

// ReviewSnapshot reads one review from a single consistent snapshot of
// the database (one read transaction), however long the reading takes:
// answers saved meanwhile are not seen. Use it only inside the function
// given to ReadReview.
type ReviewSnapshot struct {
	tx       *gorm.DB
	reviewID int64
}

// ReadReview runs fn with a snapshot of review reviewID. ErrNotFound if
// there is no such review.
func (s *Store) ReadReview(ctx context.Context, reviewID int64, fn func(*ReviewSnapshot) error) error {
	var fnErr error
	err := s.read(ctx, func(tx *gorm.DB) error {
		if err := tx.Select("id").Take(&reviewRow{}, reviewID).Error; err != nil {
			return wrap(fmt.Sprintf("read review %d", reviewID), err)
		}
		fnErr = fn(&ReviewSnapshot{tx: tx, reviewID: reviewID})
		return fnErr
	})
	if fnErr != nil {
		return fnErr // the caller's own error, as it gave it
	}
	return wrap(fmt.Sprintf("read review %d", reviewID), err)
}

// Links returns the review's links with their trusts, ordered by trust
// code.
func (rs *ReviewSnapshot) Links() ([]ReviewLink, error) {
	var rows []linkJoin
	err := linkQuery(rs.tx).Where("l.review_id = ?", rs.reviewID).Order("t.code").Find(&rows).Error
	if err != nil {
		return nil, wrap(fmt.Sprintf("links of review %d", rs.reviewID), err)
	}
	out := make([]ReviewLink, len(rows))
	for i, r := range rows {
		out[i] = r.link()
	}
	return out, nil
}

// CountResponses is the number of responses of the review, test ones
// included.
func (rs *ReviewSnapshot) CountResponses() (int, error) {
	var n int64
	if err := rs.tx.Model(&responseRow{}).Where("review_id = ?", rs.reviewID).Count(&n).Error; err != nil {
		return 0, wrap(fmt.Sprintf("count responses of review %d", rs.reviewID), err)
	}
	return int(n), nil
}

// EachResponse calls fn with every response of the review (test ones
// included, flagged) in ascending id order (ids are lower-case letters
// and digits, which every collation orders as bytes), reading
// ResponseBatch at a time, so memory stays flat however many there are. fn must not keep
// the StoredResponse it is given beyond the call; its Answers may be kept.
// An error from fn stops the reading and is returned as it is.
func (rs *ReviewSnapshot) EachResponse(fn func(*StoredResponse) error) error {
	r := &batchReader{rs: rs, strings: map[string]string{}}
	for {
		batch, err := r.next()
		if err != nil {
			return wrap(fmt.Sprintf("read responses of review %d", rs.reviewID), err)
		}
		if len(batch) == 0 {
			return nil
		}
		for _, sr := range batch {
			if err := fn(sr); err != nil {
				return err
			}
		}
	}
}

// batchReader reads a review's responses batch by batch, by key: each
// batch starts after the last id of the one before.
type batchReader struct {
	rs      *ReviewSnapshot
	after   string
	strings map[string]string // item ids and option codes, shared rather than copied per answer
}

func (r *batchReader) next() ([]*StoredResponse, error) {
	batch, ids, err := r.responses()
	if err != nil || len(batch) == 0 {
		return nil, err
	}
	byID := make(map[string]*StoredResponse, len(batch))
	for _, sr := range batch {
		byID[sr.ID] = sr
	}
	if err := r.answers(ids, byID); err != nil {
		return nil, err
	}
	if err := r.cleared(ids, byID); err != nil {
		return nil, err
	}
	r.after = batch[len(batch)-1].ID
	return batch, nil
}

// batchResponsesSQL reads the next batch by walking the primary key in
// order. The unary plus keeps SQLite from choosing the review index
// instead, which would sort the whole review again for every batch; on
// PostgreSQL it changes nothing.
const batchResponsesSQL = `SELECT r.id, t.code, t.quintile, r.status, r.test, r.created_hour, r.submitted_hour, r.furthest, r.language
FROM responses AS r JOIN trusts AS t ON t.id = r.trust_id
WHERE +r.review_id = ? AND r.id > ? ORDER BY r.id LIMIT ?`

// responses reads the next batch's responses, without answers.
func (r *batchReader) responses() ([]*StoredResponse, []any, error) {
	rows, err := r.rs.tx.Raw(batchResponsesSQL, r.rs.reviewID, r.after, ResponseBatch).Rows()
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var (
		out []*StoredResponse
		ids []any
	)
	for rows.Next() {
		var (
			sr        StoredResponse
			quintile  int
			status    string
			created   time.Time
			submitted sql.NullTime
		)
		if err := rows.Scan(&sr.ID, &sr.Trust, &quintile, &status, &sr.Test, &created, &submitted, &sr.Furthest, &sr.Language); err != nil {
			return nil, nil, err
		}
		sr.Level, sr.Submitted, sr.Created = analysis.ActivityLevel(quintile), status == ResponseSubmitted, utc(created)
		if submitted.Valid {
			sr.SubmittedAt = utc(submitted.Time)
		}
		sr.Answers = survey.Answers{}
		out, ids = append(out, &sr), append(ids, sr.ID)
	}
	return out, ids, rows.Err()
}

// answers reads the answers of the batch's responses.
func (r *batchReader) answers(ids []any, byID map[string]*StoredResponse) error {
	rows, err := r.rs.tx.Raw("SELECT response_id, item_id, codes, text, other FROM answers WHERE response_id IN "+placeholders(len(ids)), ids...).Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	var responseID, itemID, codes sql.RawBytes
	var text, other string
	for rows.Next() {
		if err := rows.Scan(&responseID, &itemID, &codes, &text, &other); err != nil {
			return err
		}
		sr := byID[string(responseID)]
		if sr == nil {
			continue
		}
		list, err := r.codes(codes)
		if err != nil {
			return fmt.Errorf("answer %s/%s: codes: %w", responseID, itemID, err)
		}
		sr.Answers[r.intern(itemID)] = survey.Answer{Codes: list, Text: text, Other: other}
	}
	return rows.Err()
}

// cleared reads which items of the batch's responses were cleared.
func (r *batchReader) cleared(ids []any, byID map[string]*StoredResponse) error {
	rows, err := r.rs.tx.Raw("SELECT response_id, item_id FROM cleared WHERE response_id IN "+placeholders(len(ids))+" ORDER BY response_id, seq", ids...).Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	var responseID, itemID sql.RawBytes
	for rows.Next() {
		if err := rows.Scan(&responseID, &itemID); err != nil {
			return err
		}
		sr := byID[string(responseID)]
		if sr == nil {
			continue
		}
		id := r.intern(itemID)
		if !contains(sr.Cleared, id) {
			sr.Cleared = append(sr.Cleared, id)
		}
	}
	return rows.Err()
}

// codes decodes a stored JSON list of option codes. Codes are letters,
// digits and _ . - only, so the plain form ["a","b"] is read directly;
// anything else goes through decodeStrings.
func (r *batchReader) codes(raw []byte) ([]string, error) {
	if len(raw) == 2 && raw[0] == '[' && raw[1] == ']' {
		return nil, nil
	}
	if len(raw) < 4 || raw[0] != '[' || raw[len(raw)-1] != ']' || bytes.ContainsAny(raw, `\ `) {
		return decodeStrings(string(raw))
	}
	var out []string
	for part := range bytes.SplitSeq(raw[1:len(raw)-1], []byte{','}) {
		if len(part) < 2 || part[0] != '"' || part[len(part)-1] != '"' {
			return decodeStrings(string(raw))
		}
		out = append(out, r.intern(part[1:len(part)-1]))
	}
	return out, nil
}

// intern returns the one shared copy of an item id or option code.
func (r *batchReader) intern(b []byte) string {
	if s, ok := r.strings[string(b)]; ok {
		return s
	}
	if len(r.strings) > 100_000 { // not ids after all: stop sharing
		return string(b)
	}
	s := string(b)
	r.strings[s] = s
	return s
}

// placeholders is "(?, ?, …)" for n values.
func placeholders(n int) string {
	return "(" + strings.TrimSuffix(strings.Repeat("?, ", n), ", ") + ")"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
