package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/researchpulse/pulse/internal/survey"
	"gorm.io/gorm"
)

// PageSave is everything one page submission changes, applied atomically
// by SavePage.
type PageSave struct {
	ResponseID string
	// Key is the client's idempotency key for this submission (required).
	Key string
	// Operation names what the request does (say "page" or "submit") and
	// RequestHash identifies its content. A key sent again with the same
	// operation and hash is a retry; with another, ErrKeyReused.
	Operation   string
	RequestHash []byte
	// Set holds answers to insert or replace.
	Set survey.Answers
	// Delete lists items the respondent blanked: their answers are removed.
	Delete []string
	// Clear lists answers removed because a changed answer hid their item;
	// each answer that existed is deleted and a clearing record is kept.
	Clear []Cleared
	// Section, Furthest and Language replace the response's values when
	// non-empty; Trail replaces the trail when non-nil.
	Section, Furthest string
	Trail             []string
	Language          string
	// Submit marks the response submitted (and frozen) in the same commit.
	Submit bool
	// Result is opaque to the store: it is stored with Key and returned
	// unchanged when the same key is replayed.
	Result []byte
	// ExpectStatus, when set, must equal the response's status, else
	// ErrConflict.
	ExpectStatus string
}

// pageSaveRow remembers an applied page save by its idempotency key, with
// what the request was. Rows written before keys were scoped have an empty
// operation and no hash.
type pageSaveRow struct {
	Key         string `gorm:"primaryKey"`
	ResponseID  string
	Operation   string
	RequestHash []byte
	Result      []byte
	CreatedHour time.Time
}

func (pageSaveRow) TableName() string { return "page_saves" }

// validate rejects a save that is ambiguous before touching the database.
func (p PageSave) validate() error {
	if p.Key == "" {
		return invalid("idempotency key is empty")
	}
	if p.ExpectStatus != "" && p.ExpectStatus != ResponseInProgress && p.ExpectStatus != ResponseSubmitted {
		return invalid("unknown expected status %q", p.ExpectStatus)
	}
	seen := make(map[string]string, len(p.Set)+len(p.Delete)+len(p.Clear))
	for id, a := range p.Set {
		if a.Empty() {
			return invalid("answer to %q is empty (blanked items go in Delete)", id)
		}
		if err := claim(seen, id, "set"); err != nil {
			return err
		}
	}
	for _, c := range p.Clear {
		if c.ItemID == "" || c.CauseItem == "" {
			return invalid("clear needs an item and a cause item")
		}
		if err := claim(seen, c.ItemID, "clear"); err != nil {
			return err
		}
	}
	for _, id := range p.Delete {
		if err := claim(seen, id, "delete"); err != nil {
			return err
		}
	}
	return nil
}

// claim records that op touches item, refusing a second operation on it.
func claim(seen map[string]string, item, op string) error {
	if item == "" {
		return invalid("empty item id in %s", op)
	}
	if prev, ok := seen[item]; ok {
		return invalid("item %q is both %s and %s", item, prev, op)
	}
	seen[item] = op
	return nil
}

// SavePage applies one page submission in a single write transaction and
// returns only after it has committed.
//
// If Key was already used for this response by the same request, nothing
// changes and the stored result is returned with replayed = true — even
// after the response was submitted, so a retried final page gets its
// original answer. The same key with another operation or request hash is
// ErrKeyReused; a key used by another response is ErrConflict. A submitted
// response refuses any new save with ErrSubmitted and is left unchanged.
func (s *Store) SavePage(ctx context.Context, p PageSave) (result []byte, replayed bool, err error) {
	if err := p.validate(); err != nil {
		return nil, false, fmt.Errorf("save page of response %q: %w", p.ResponseID, err)
	}
	req := Request{ResponseID: p.ResponseID, Key: p.Key, Operation: p.Operation, RequestHash: p.RequestHash}
	return s.ChangeResponse(ctx, req, func(Snapshot) (*PageSave, error) { return &p, nil })
}

// Request identifies one idempotent change to a response: the response,
// the client's idempotency key, and what the request asked for.
type Request struct {
	ResponseID  string
	Key         string
	Operation   string
	RequestHash []byte
}

// Snapshot is a response and its answers as the write transaction that
// will change them sees them: nothing else can write to the response
// until that transaction ends.
type Snapshot struct {
	Response Response
	Answers  survey.Answers
}

// Decide works out a change from a snapshot. It returns the change to
// apply, nil to apply nothing (say, because the answers were invalid), or
// an error that abandons the transaction and is returned as it is.
type Decide func(Snapshot) (*PageSave, error)

// ChangeResponse runs one change to a response in a single write
// transaction: it locks the response, settles the idempotency key (a
// retry returns the stored result with replayed = true and decide is not
// called), reads the answers, lets decide work out the change against
// them, and applies it. So the decision and the write see the same
// answers even when requests for one response run at once. It returns
// after commit. The change's ResponseID, Key, Operation and RequestHash
// are taken from req.
func (s *Store) ChangeResponse(ctx context.Context, req Request, decide Decide) (result []byte, replayed bool, err error) {
	op := fmt.Sprintf("change response %q", req.ResponseID)
	if req.Key == "" {
		return nil, false, fmt.Errorf("%s: %w", op, invalid("idempotency key is empty"))
	}
	var (
		decided bool
		post    *Snapshot
	)
	err = s.writeThen(ctx, func(tx *gorm.DB) error {
		var txErr error
		result, replayed, decided, post, txErr = s.changeTx(tx, req, decide)
		return txErr
	}, func(committed bool) {
		switch {
		case s.cache == nil:
		case !committed:
			s.cache.drop(req.ResponseID)
		case post != nil:
			s.cache.committed(*post, nil)
		}
	})
	if err != nil {
		if !decided {
			err = wrap(op, err)
		}
		return nil, false, err
	}
	return result, replayed, nil
}

// changeTx is ChangeResponse inside its transaction. decided reports that
// err came from decide, to be returned unwrapped; post is the response as
// the change leaves it, when a change was applied. Its statements are
// the hot path's prepared ones (sqlstmts.go).
func (s *Store) changeTx(gtx *gorm.DB, req Request, decide Decide) (result []byte, replayed, decided bool, post *Snapshot, err error) {
	w, err := s.writeTx(gtx)
	if err != nil {
		return nil, false, false, nil, err
	}
	row, err := w.lockResponse(req.ResponseID)
	if err != nil {
		return nil, false, false, nil, err
	}
	if prior, found, err := w.priorSave(req); err != nil || found {
		return prior, found, false, nil, err
	}
	snap, err := w.snapshotOf(row)
	if err != nil {
		return nil, false, false, nil, err
	}
	p, err := decide(snap)
	if err != nil || p == nil {
		return nil, false, err != nil, nil, err
	}
	p.ResponseID, p.Key, p.Operation, p.RequestHash = req.ResponseID, req.Key, req.Operation, req.RequestHash
	if err := p.validate(); err != nil {
		return nil, false, false, nil, err
	}
	if err := checkStatus(row.Status, p.ExpectStatus); err != nil {
		return nil, false, false, nil, err
	}
	hour := s.hour()
	if err := w.applyPage(row, *p, hour); err != nil {
		return nil, false, false, nil, err
	}
	after := snap.After(*p, hour)
	return p.Result, false, false, &after, nil
}

// writeTx is a write transaction as the hot path uses it: the
// database/sql transaction GORM began, its context and the writer's
// prepared statements.
type writeTx struct {
	ctx      context.Context
	tx       *sql.Tx
	stmts    *stmtCache
	postgres bool
}

func (s *Store) writeTx(gtx *gorm.DB) (writeTx, error) {
	tx, err := sqlTx(gtx)
	if err != nil {
		return writeTx{}, err
	}
	ctx := gtx.Statement.Context
	if ctx == nil {
		ctx = context.Background()
	}
	return writeTx{ctx: ctx, tx: tx, stmts: s.writeStmts, postgres: s.driver == DriverPostgres}, nil
}

func (w writeTx) exec(query string, args ...any) (sql.Result, error) {
	st, err := w.stmts.in(w.ctx, w.tx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(w.ctx, args...)
}

func (w writeTx) queryRow(query string, args ...any) (*sql.Row, error) {
	st, err := w.stmts.in(w.ctx, w.tx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryRowContext(w.ctx, args...), nil
}

const (
	responseCols     = `id, review_id, trust_id, questionnaire_hash, status, language, section, furthest, trail, test, created_hour, updated_hour, submitted_hour`
	qLockResponse    = `SELECT ` + responseCols + ` FROM responses WHERE id = ?`
	qPriorSave       = `SELECT response_id, operation, request_hash, result FROM page_saves WHERE "key" = ?`
	qDeleteAnswer    = `DELETE FROM answers WHERE response_id = ? AND item_id = ?`
	qInsertCleared   = `INSERT INTO cleared (response_id, seq, item_id, cause_item, cleared_hour) VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM cleared WHERE response_id = ?), ?, ?, ?)`
	qUpdatePosition  = `UPDATE responses SET section = ?, furthest = ?, language = ?, trail = ?, status = ?, submitted_hour = ?, updated_hour = ? WHERE id = ?`
	qInsertPageSave  = `INSERT INTO page_saves ("key", response_id, operation, request_hash, result, created_hour) VALUES (?, ?, ?, ?, ?, ?)`
	upsertAnswersCap = 50 // rows per INSERT of answers
)

// lockResponse reads a response inside the write transaction, holding
// its row lock until commit on PostgreSQL (SQLite's BEGIN IMMEDIATE
// already excludes other writers), so writes to one response serialise.
func (w writeTx) lockResponse(id string) (responseRow, error) {
	q := qLockResponse
	if w.postgres {
		q += " FOR UPDATE"
	}
	row, err := w.queryRow(q, id)
	if err != nil {
		return responseRow{}, err
	}
	var r responseRow
	err = row.Scan(&r.ID, &r.ReviewID, &r.TrustID, &r.QuestionnaireHash, &r.Status, &r.Language,
		&r.Section, &r.Furthest, &r.Trail, &r.Test, &r.CreatedHour, &r.UpdatedHour, &r.SubmittedHour)
	if errors.Is(err, sql.ErrNoRows) {
		return responseRow{}, gorm.ErrRecordNotFound
	}
	return r, err
}

// priorSave looks the request's key up. A retry of the same request gives
// the stored result and found = true; a key of another response or of a
// different request is an error.
func (w writeTx) priorSave(req Request) ([]byte, bool, error) {
	row, err := w.queryRow(qPriorSave, req.Key)
	if err != nil {
		return nil, false, err
	}
	prior := pageSaveRow{Key: req.Key}
	err = row.Scan(&prior.ResponseID, &prior.Operation, &prior.RequestHash, &prior.Result)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, false, nil
	case err != nil:
		return nil, false, err
	case prior.ResponseID != req.ResponseID:
		return nil, false, fmt.Errorf("idempotency key belongs to another response: %w", ErrConflict)
	case !prior.sameRequest(req):
		return nil, false, fmt.Errorf("idempotency key was used for %s: %w", prior.operation(), ErrKeyReused)
	}
	return prior.Result, true, nil
}

// snapshotOf reads a locked response's answers.
func (w writeTx) snapshotOf(row responseRow) (Snapshot, error) {
	resp, err := row.response()
	if err != nil {
		return Snapshot{}, err
	}
	answers, err := answersOf(w.ctx, w.stmts, w.tx, row.ID)
	if err != nil {
		return Snapshot{}, err
	}
	return Snapshot{Response: resp, Answers: answers}, nil
}

// applyPage writes the answers (in one statement), the deletions and
// clearings, the response's position and the key.
func (w writeTx) applyPage(row responseRow, p PageSave, hour time.Time) error {
	if err := w.upsertAnswers(p.ResponseID, p.Set, hour); err != nil {
		return err
	}
	for _, id := range p.Delete {
		if _, err := w.exec(qDeleteAnswer, p.ResponseID, id); err != nil {
			return err
		}
	}
	if err := w.clearAnswers(p.ResponseID, p.Clear, hour); err != nil {
		return err
	}
	if err := w.updatePosition(row, p, hour); err != nil {
		return err
	}
	result := p.Result
	if result == nil {
		result = []byte{}
	}
	_, err := w.exec(qInsertPageSave, p.Key, p.ResponseID, p.Operation, p.RequestHash, result, hour)
	return err
}

// upsertAnswers inserts or replaces answers, in item order, in one
// statement (per upsertAnswersCap answers).
func (w writeTx) upsertAnswers(responseID string, set survey.Answers, hour time.Time) error {
	ids := make([]string, 0, len(set))
	for id := range set {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for len(ids) > 0 {
		n := min(len(ids), upsertAnswersCap)
		args := make([]any, 0, 6*n)
		for _, id := range ids[:n] {
			a := set[id]
			args = append(args, responseID, id, encodeStrings(a.Codes), a.Text, a.Other, hour)
		}
		if _, err := w.exec(upsertAnswersSQL(n), args...); err != nil {
			return err
		}
		ids = ids[n:]
	}
	return nil
}

// upsertAnswersSQL is the statement writing n answers.
func upsertAnswersSQL(n int) string {
	var b strings.Builder
	b.WriteString(`INSERT INTO answers (response_id, item_id, codes, "text", other, saved_hour) VALUES `)
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?, ?, ?, ?, ?, ?)")
	}
	b.WriteString(` ON CONFLICT (response_id, item_id) DO UPDATE SET codes = excluded.codes, "text" = excluded."text", other = excluded.other, saved_hour = excluded.saved_hour`)
	return b.String()
}

// clearAnswers removes hidden answers and records each removal. An item
// with no stored answer leaves no record: nothing was cleared.
func (w writeTx) clearAnswers(responseID string, clear []Cleared, hour time.Time) error {
	for _, c := range clear {
		res, err := w.exec(qDeleteAnswer, responseID, c.ItemID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			if err != nil {
				return err
			}
			continue
		}
		if _, err := w.exec(qInsertCleared, responseID, responseID, c.ItemID, c.CauseItem, hour); err != nil {
			return err
		}
	}
	return nil
}

// updatePosition moves the response along and, on Submit, freezes it;
// what the save does not change keeps the locked row's value.
func (w writeTx) updatePosition(row responseRow, p PageSave, hour time.Time) error {
	section, furthest, language, trail := row.Section, row.Furthest, row.Language, row.Trail
	for dst, v := range map[*string]string{&section: p.Section, &furthest: p.Furthest, &language: p.Language} {
		if v != "" {
			*dst = v
		}
	}
	if p.Trail != nil {
		trail = encodeStrings(p.Trail)
	}
	status, submitted := row.Status, row.SubmittedHour
	if p.Submit {
		status, submitted = ResponseSubmitted, &hour
	}
	_, err := w.exec(qUpdatePosition, section, furthest, language, trail, status, submitted, hour, p.ResponseID)
	return err
}

// submitResult is the result every submit stores; it tells the operation
// of rows saved before operations were recorded.
var submitResult = []byte(`{"next":"_done"}`)

// operation is the row's operation; rows from before operations were
// recorded are a submit when they hold a submit's result, else a page.
func (r pageSaveRow) operation() string {
	switch {
	case r.Operation != "":
		return r.Operation
	case bytes.Equal(r.Result, submitResult):
		return "submit"
	}
	return "page"
}

// sameRequest reports whether req repeats the request this row recorded.
// A row from before hashes were recorded matches any request of its
// operation, as every retry did then.
func (r pageSaveRow) sameRequest(req Request) bool {
	if r.Operation == "" && req.Operation != "" && r.operation() != req.Operation {
		return false
	}
	if r.Operation != "" && r.Operation != req.Operation {
		return false
	}
	return r.RequestHash == nil || bytes.Equal(r.RequestHash, req.RequestHash)
}

// SavedKeys reports, for each idempotency key given, the responses whose
// page saves or submits were recorded under it: a load test proves with
// it that each acknowledged save is stored exactly once.
func (s *Store) SavedKeys(ctx context.Context, keys []string) (map[string][]string, error) {
	out := make(map[string][]string, len(keys))
	for start := 0; start < len(keys); start += 500 {
		batch := keys[start:min(start+500, len(keys))]
		var rows []pageSaveRow
		if err := s.reader.WithContext(ctx).Select("key", "response_id").Where(`"key" IN ?`, batch).Find(&rows).Error; err != nil {
			return nil, wrap("saved keys", err)
		}
		for _, r := range rows {
			out[r.Key] = append(out[r.Key], r.ResponseID)
		}
	}
	return out, nil
}
