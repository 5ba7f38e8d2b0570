package store

import (
	"context"
	"fmt"
	"time"

	"github.com/researchpulse/pulse/internal/survey"
	"gorm.io/gorm"
)

// Cleared records that an answered item was removed because a change to
// CauseItem hid it. Hour is truncated to the hour (UTC).
type Cleared struct {
	ItemID    string
	CauseItem string
	Hour      time.Time
}

type answerRow struct {
	ResponseID string `gorm:"primaryKey"`
	ItemID     string `gorm:"primaryKey"`
	Codes      string // JSON array of option codes
	Text       string
	Other      string
	SavedHour  time.Time
}

func (answerRow) TableName() string { return "answers" }

func newAnswerRow(responseID, itemID string, a survey.Answer, hour time.Time) answerRow {
	return answerRow{
		ResponseID: responseID, ItemID: itemID, Codes: encodeStrings(a.Codes),
		Text: a.Text, Other: a.Other, SavedHour: hour,
	}
}

func (r answerRow) answer() (survey.Answer, error) {
	codes, err := decodeStrings(r.Codes)
	if err != nil {
		return survey.Answer{}, fmt.Errorf("answer %s/%s: codes: %w", r.ResponseID, r.ItemID, err)
	}
	return survey.Answer{Codes: codes, Text: r.Text, Other: r.Other}, nil
}

// clearedRow is one clearing; Seq numbers a response's clearings in the
// order they happened (there is no counter across responses).
type clearedRow struct {
	ResponseID  string `gorm:"primaryKey"`
	Seq         int    `gorm:"primaryKey;autoIncrement:false"`
	ItemID      string
	CauseItem   string
	ClearedHour time.Time
}

func (clearedRow) TableName() string { return "cleared" }

// Answers returns the answers recorded for a response (an empty, non-nil
// map if there are none), or ErrNotFound if the response does not exist.
func (s *Store) Answers(ctx context.Context, responseID string) (survey.Answers, error) {
	var rows []answerRow
	err := s.read(ctx, func(tx *gorm.DB) error {
		if err := tx.Select("id").Where("id = ?", responseID).Take(&responseRow{}).Error; err != nil {
			return err
		}
		return tx.Where("response_id = ?", responseID).Find(&rows).Error
	})
	if err != nil {
		return nil, wrap(fmt.Sprintf("answers of response %q", responseID), err)
	}
	out := make(survey.Answers, len(rows))
	if err := addAnswers(out, rows); err != nil {
		return nil, err
	}
	return out, nil
}

// addAnswers decodes rows into dst.
func addAnswers(dst survey.Answers, rows []answerRow) error {
	for _, r := range rows {
		a, err := r.answer()
		if err != nil {
			return err
		}
		dst[r.ItemID] = a
	}
	return nil
}

// ClearedItems returns the clearing records of a response in the order
// they happened, or ErrNotFound if the response does not exist.
func (s *Store) ClearedItems(ctx context.Context, responseID string) ([]Cleared, error) {
	var rows []clearedRow
	err := s.read(ctx, func(tx *gorm.DB) error {
		if err := tx.Select("id").Where("id = ?", responseID).Take(&responseRow{}).Error; err != nil {
			return err
		}
		return tx.Where("response_id = ?", responseID).Order("seq").Find(&rows).Error
	})
	if err != nil {
		return nil, wrap(fmt.Sprintf("cleared items of response %q", responseID), err)
	}
	out := make([]Cleared, len(rows))
	for i, r := range rows {
		out[i] = Cleared{ItemID: r.ItemID, CauseItem: r.CauseItem, Hour: utc(r.ClearedHour)}
	}
	return out, nil
}
