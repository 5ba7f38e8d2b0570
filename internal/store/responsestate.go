package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"strings"

	"github.com/researchpulse/pulse/internal/survey"
)

// ResponseState is a response with its review and its answers, read from
// one snapshot: what every respondent request starts from.
type ResponseState struct {
	Response Response
	Review   Review
	Answers  survey.Answers
}

// Columns of a response (r) joined with its review (v), in the order
// scanResponseReview reads them.
const responseReviewCols = `r.id, r.review_id, r.trust_id, r.questionnaire_hash, r.status, r.language,
	r.section, r.furthest, r.trail, r.test, r.created_hour, r.updated_hour, r.submitted_hour,
	v.id, v.slug, v.title, v.questionnaire_id, v.questionnaire_version, v.questionnaire_hash,
	v.opens_at, v.closes_at, v.status, v.completion_threshold, v.suppression_k, v.exclusion_version,
	v.completion_unit, v.required_items, v.exclude_test, v.exclude_duplicates, v.exclude_outside_window,
	v.screen_out, v.created_at, v.previous_id`

const (
	qStateByResume = `SELECT ` + responseReviewCols + ` FROM responses r JOIN reviews v ON v.id = r.review_id WHERE r.resume_hash = ?`
	qStateByID     = `SELECT ` + responseReviewCols + ` FROM responses r JOIN reviews v ON v.id = r.review_id WHERE r.id = ?`
	qAnswersOf     = `SELECT item_id, codes, text, other FROM answers WHERE response_id = ?`
	qLinkIDs       = `SELECT review_id, trust_id FROM review_links WHERE "key" = ?`
)

func scanResponseReview(row *sql.Row) (Response, Review, error) {
	var (
		r    responseRow
		v    reviewRow
		prev sql.NullInt64
	)
	err := row.Scan(&r.ID, &r.ReviewID, &r.TrustID, &r.QuestionnaireHash, &r.Status, &r.Language,
		&r.Section, &r.Furthest, &r.Trail, &r.Test, &r.CreatedHour, &r.UpdatedHour, &r.SubmittedHour,
		&v.ID, &v.Slug, &v.Title, &v.QuestionnaireID, &v.QuestionnaireVersion, &v.QuestionnaireHash,
		&v.OpensAt, &v.ClosesAt, &v.Status, &v.CompletionThreshold, &v.SuppressionK, &v.ExclusionVersion,
		&v.CompletionUnit, &v.RequiredItems, &v.ExcludeTest, &v.ExcludeDuplicates, &v.ExcludeOutsideWindow,
		&v.ScreenOut, &v.CreatedAt, &prev)
	if err != nil {
		return Response{}, Review{}, err
	}
	if prev.Valid {
		v.PreviousID = &prev.Int64
	}
	resp, err := r.response()
	if err != nil {
		return Response{}, Review{}, err
	}
	rev, err := v.review()
	return resp, rev, err
}

// ResponseStateByResume returns the response whose resume secret hashes
// to hash, with its review and answers, or ErrNotFound.
func (s *Store) ResponseStateByResume(ctx context.Context, hash []byte) (ResponseState, error) {
	if len(hash) != sha256.Size {
		return ResponseState{}, fmt.Errorf("response by resume hash: %w", invalid("hash is %d bytes", len(hash)))
	}
	return s.responseState(ctx, "", hash)
}

// ResponseState returns response id with its review and answers, or
// ErrNotFound.
func (s *Store) ResponseState(ctx context.Context, id string) (ResponseState, error) {
	return s.responseState(ctx, id, nil)
}

// responseState reads response id, or when id is empty the response whose
// resume secret hashes to hash: from the cache when it holds it, else
// from the database (and then keeps it).
func (s *Store) responseState(ctx context.Context, id string, hash []byte) (ResponseState, error) {
	if s.cache == nil {
		return s.readResponseState(ctx, id, hash)
	}
	if st, ok := s.cache.lookup(id, hash); ok {
		return st, nil
	}
	start := s.cache.begin()
	st, err := s.readResponseState(ctx, id, hash)
	if err == nil {
		s.cache.fill(start, st, hash)
	}
	return st, err
}

func (s *Store) readResponseState(ctx context.Context, id string, hash []byte) (ResponseState, error) {
	op, query, arg := fmt.Sprintf("response %q", id), qStateByID, any(id)
	if id == "" {
		op, query, arg = "response by resume hash", qStateByResume, hash
	}
	var st ResponseState
	err := s.readSQL(ctx, func(tx *sql.Tx) error {
		q, err := s.readStmts.in(ctx, tx, query)
		if err != nil {
			return err
		}
		if st.Response, st.Review, err = scanResponseReview(q.QueryRowContext(ctx, arg)); err != nil {
			return err
		}
		st.Answers, err = answersOf(ctx, s.readStmts, tx, st.Response.ID)
		return err
	})
	if err != nil {
		return ResponseState{}, s.sqlErr(op, err)
	}
	return st, nil
}

// answersOf reads a response's answers inside tx.
func answersOf(ctx context.Context, c *stmtCache, tx *sql.Tx, responseID string) (survey.Answers, error) {
	q, err := c.in(ctx, tx, qAnswersOf)
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, responseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := survey.Answers{}
	for rows.Next() {
		var r answerRow
		if err := rows.Scan(&r.ItemID, &r.Codes, &r.Text, &r.Other); err != nil {
			return nil, err
		}
		r.ResponseID = responseID
		a, err := r.answer()
		if err != nil {
			return nil, err
		}
		out[r.ItemID] = a
	}
	return out, rows.Err()
}

// readQueries and writeQueries are the hot path's statements, prepared
// when the store opens.
var readQueries = []string{qStateByResume, qStateByID, qAnswersOf, qLinkIDs}

func writeQueries(driver string) []string {
	lock := qLockResponse
	if driver == DriverPostgres {
		lock += " FOR UPDATE"
	}
	qs := []string{lock, qPriorSave, qAnswersOf, qDeleteAnswer, qInsertCleared, qUpdatePosition, qInsertPageSave, qInsertResponse}
	for n := 1; n <= upsertAnswersCap; n++ {
		qs = append(qs, upsertAnswersSQL(n))
	}
	return qs
}

// prepareStatements prepares the hot path's statements on both pools.
func (s *Store) prepareStatements(ctx context.Context) error {
	if err := s.readStmts.prepare(ctx, readQueries...); err != nil {
		return err
	}
	return s.writeStmts.prepare(ctx, writeQueries(s.driver)...)
}

// readSQL runs fn in one read transaction on the reader pool.
func (s *Store) readSQL(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.readDB.BeginTx(ctx, s.readTx)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// LinkIDs resolves a respondent link key (case-insensitive) to its review
// and trust, or ErrNotFound. Links are never changed or removed once
// made, so a key found once is remembered.
func (s *Store) LinkIDs(ctx context.Context, key string) (reviewID, trustID int64, err error) {
	key = strings.ToLower(key)
	if ids, ok := s.links.Load(key); ok {
		p := ids.([2]int64)
		return p[0], p[1], nil
	}
	if err := s.readStmts.get(qLinkIDs).QueryRowContext(ctx, key).Scan(&reviewID, &trustID); err != nil {
		return 0, 0, s.sqlErr("review link by key", err)
	}
	s.links.Store(key, [2]int64{reviewID, trustID})
	return reviewID, trustID, nil
}
