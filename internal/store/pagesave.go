package store

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/researchpulse/pulse/internal/survey"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
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
	var decided bool
	err = s.write(ctx, func(tx *gorm.DB) error {
		var txErr error
		result, replayed, decided, txErr = s.changeTx(tx, req, decide)
		return txErr
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
// err came from decide, to be returned unwrapped.
func (s *Store) changeTx(tx *gorm.DB, req Request, decide Decide) (result []byte, replayed, decided bool, err error) {
	row, err := lockResponse(tx, req.ResponseID)
	if err != nil {
		return nil, false, false, err
	}
	if prior, found, err := priorSave(tx, req); err != nil || found {
		return prior, found, false, err
	}
	snap, err := snapshotOf(tx, row)
	if err != nil {
		return nil, false, false, err
	}
	p, err := decide(snap)
	if err != nil || p == nil {
		return nil, false, err != nil, err
	}
	p.ResponseID, p.Key, p.Operation, p.RequestHash = req.ResponseID, req.Key, req.Operation, req.RequestHash
	if err := p.validate(); err != nil {
		return nil, false, false, err
	}
	if err := checkStatus(row.Status, p.ExpectStatus); err != nil {
		return nil, false, false, err
	}
	if err := s.applyPage(tx, *p); err != nil {
		return nil, false, false, err
	}
	return p.Result, false, false, nil
}

// priorSave looks the request's key up. A retry of the same request gives
// the stored result and found = true; a key of another response or of a
// different request is an error.
func priorSave(tx *gorm.DB, req Request) ([]byte, bool, error) {
	var prior pageSaveRow
	if err := tx.Where(`"key" = ?`, req.Key).Limit(1).Find(&prior).Error; err != nil {
		return nil, false, err
	}
	switch {
	case prior.Key == "":
		return nil, false, nil
	case prior.ResponseID != req.ResponseID:
		return nil, false, fmt.Errorf("idempotency key belongs to another response: %w", ErrConflict)
	case !prior.sameRequest(req):
		return nil, false, fmt.Errorf("idempotency key was used for %s: %w", prior.operation(), ErrKeyReused)
	}
	return prior.Result, true, nil
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

// snapshotOf reads a locked response's answers.
func snapshotOf(tx *gorm.DB, row responseRow) (Snapshot, error) {
	resp, err := row.response()
	if err != nil {
		return Snapshot{}, err
	}
	var rows []answerRow
	if err := tx.Where("response_id = ?", row.ID).Find(&rows).Error; err != nil {
		return Snapshot{}, err
	}
	answers := make(survey.Answers, len(rows))
	if err := addAnswers(answers, rows); err != nil {
		return Snapshot{}, err
	}
	return Snapshot{Response: resp, Answers: answers}, nil
}

// applyPage writes the answers, the response's position and the key.
func (s *Store) applyPage(tx *gorm.DB, p PageSave) error {
	hour := s.hour()
	steps := []func() error{
		func() error { return upsertAnswers(tx, p.ResponseID, p.Set, hour) },
		func() error { return deleteAnswers(tx, p.ResponseID, p.Delete) },
		func() error { return clearAnswers(tx, p.ResponseID, p.Clear, hour) },
		func() error { return updatePosition(tx, p, hour) },
		func() error {
			result := p.Result
			if result == nil {
				result = []byte{}
			}
			return tx.Create(&pageSaveRow{Key: p.Key, ResponseID: p.ResponseID, Operation: p.Operation,
				RequestHash: p.RequestHash, Result: result, CreatedHour: hour}).Error
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// upsertAnswers inserts or replaces answers, in item order.
func upsertAnswers(tx *gorm.DB, responseID string, set survey.Answers, hour time.Time) error {
	if len(set) == 0 {
		return nil
	}
	ids := make([]string, 0, len(set))
	for id := range set {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	rows := make([]answerRow, len(ids))
	for i, id := range ids {
		rows[i] = newAnswerRow(responseID, id, set[id], hour)
	}
	return tx.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "response_id"}, {Name: "item_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"codes", "text", "other", "saved_hour"}),
	}).Create(&rows).Error
}

// deleteAnswers removes blanked answers.
func deleteAnswers(tx *gorm.DB, responseID string, items []string) error {
	if len(items) == 0 {
		return nil
	}
	return tx.Where("response_id = ? AND item_id IN ?", responseID, items).Delete(&answerRow{}).Error
}

// clearAnswers removes hidden answers and records each removal. An item
// with no stored answer leaves no record: nothing was cleared.
func clearAnswers(tx *gorm.DB, responseID string, clear []Cleared, hour time.Time) error {
	for _, c := range clear {
		res := tx.Where("response_id = ? AND item_id = ?", responseID, c.ItemID).Delete(&answerRow{})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			continue
		}
		if err := recordCleared(tx, clearedRow{ResponseID: responseID, ItemID: c.ItemID, CauseItem: c.CauseItem, ClearedHour: hour}); err != nil {
			return err
		}
	}
	return nil
}

// updatePosition moves the response along and, on Submit, freezes it.
func updatePosition(tx *gorm.DB, p PageSave, hour time.Time) error {
	changes := map[string]any{"updated_hour": hour}
	for col, v := range map[string]string{"section": p.Section, "furthest": p.Furthest, "language": p.Language} {
		if v != "" {
			changes[col] = v
		}
	}
	if p.Trail != nil {
		changes["trail"] = encodeStrings(p.Trail)
	}
	if p.Submit {
		changes["status"] = ResponseSubmitted
		changes["submitted_hour"] = hour
	}
	return tx.Model(&responseRow{}).Where("id = ?", p.ResponseID).Updates(changes).Error
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
