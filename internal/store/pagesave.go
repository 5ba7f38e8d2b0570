package store

import (
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

// pageSaveRow remembers an applied page save by its idempotency key.
type pageSaveRow struct {
	Key         string `gorm:"primaryKey"`
	ResponseID  string
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
// If Key was already used for this response, nothing changes and the
// stored result is returned with replayed = true — even after the response
// was submitted, so a retried final page gets its original answer. A key
// used by another response is ErrConflict. A submitted response refuses
// any new save with ErrSubmitted and is left unchanged.
func (s *Store) SavePage(ctx context.Context, p PageSave) (result []byte, replayed bool, err error) {
	op := fmt.Sprintf("save page of response %q", p.ResponseID)
	if err := p.validate(); err != nil {
		return nil, false, fmt.Errorf("%s: %w", op, err)
	}
	err = s.write(ctx, func(tx *gorm.DB) error {
		var txErr error
		result, replayed, txErr = s.savePageTx(tx, p)
		return txErr
	})
	if err != nil {
		return nil, false, wrap(op, err)
	}
	return result, replayed, nil
}

func (s *Store) savePageTx(tx *gorm.DB, p PageSave) ([]byte, bool, error) {
	resp, err := lockResponse(tx, p.ResponseID)
	if err != nil {
		return nil, false, err
	}
	var prior pageSaveRow
	err = tx.Where(`"key" = ?`, p.Key).Limit(1).Find(&prior).Error
	switch {
	case err != nil:
		return nil, false, err
	case prior.Key != "" && prior.ResponseID != p.ResponseID:
		return nil, false, fmt.Errorf("idempotency key belongs to another response: %w", ErrConflict)
	case prior.Key != "":
		return prior.Result, true, nil
	}
	if err := checkStatus(resp.Status, p.ExpectStatus); err != nil {
		return nil, false, err
	}
	if err := s.applyPage(tx, p); err != nil {
		return nil, false, err
	}
	return p.Result, false, nil
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
			return tx.Create(&pageSaveRow{Key: p.Key, ResponseID: p.ResponseID, Result: result, CreatedHour: hour}).Error
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
		rec := clearedRow{ResponseID: responseID, ItemID: c.ItemID, CauseItem: c.CauseItem, ClearedHour: hour}
		if err := tx.Create(&rec).Error; err != nil {
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
