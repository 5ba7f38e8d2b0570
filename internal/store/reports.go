package store

import (
	"context"
	"fmt"
	"time"

	"github.com/researchpulse/pulse/internal/survey"
	"gorm.io/gorm"
)

// ResponseCounts counts the responses of a review. Test (preview)
// responses are counted only in Test, never in InProgress or Submitted.
type ResponseCounts struct {
	InProgress int
	Submitted  int
	Test       int
	ByTrust    []TrustCounts // one per review link, ordered by trust code
}

// TrustCounts counts the responses received through one trust's link.
type TrustCounts struct {
	Trust      Trust
	InProgress int
	Submitted  int
	Test       int
}

// add counts n responses with the given status and test flag.
func (c *TrustCounts) add(status string, test bool, n int) {
	switch {
	case test:
		c.Test += n
	case status == ResponseSubmitted:
		c.Submitted += n
	default:
		c.InProgress += n
	}
}

type countRow struct {
	TrustID int64
	Status  string
	Test    bool
	N       int
}

// CountResponses counts a review's responses overall and per trust, from
// one snapshot. ErrNotFound if there is no such review.
func (s *Store) CountResponses(ctx context.Context, reviewID int64) (ResponseCounts, error) {
	var (
		links []linkJoin
		rows  []countRow
	)
	err := s.read(ctx, func(tx *gorm.DB) error {
		if err := tx.Select("id").Take(&reviewRow{}, reviewID).Error; err != nil {
			return err
		}
		if err := linkQuery(tx).Where("l.review_id = ?", reviewID).Order("t.code").Find(&links).Error; err != nil {
			return err
		}
		return tx.Model(&responseRow{}).Select("trust_id, status, test, COUNT(*) AS n").
			Where("review_id = ?", reviewID).Group("trust_id, status, test").Scan(&rows).Error
	})
	if err != nil {
		return ResponseCounts{}, wrap(fmt.Sprintf("count responses of review %d", reviewID), err)
	}
	return tally(links, rows), nil
}

// tally folds grouped counts into per-trust and overall totals.
func tally(links []linkJoin, rows []countRow) ResponseCounts {
	out := ResponseCounts{ByTrust: make([]TrustCounts, len(links))}
	index := make(map[int64]int, len(links))
	for i, l := range links {
		out.ByTrust[i].Trust = l.link().Trust
		index[l.TrustID] = i
	}
	var total TrustCounts
	for _, r := range rows {
		out.ByTrust[index[r.TrustID]].add(r.Status, r.Test, r.N)
		total.add(r.Status, r.Test, r.N)
	}
	out.InProgress, out.Submitted, out.Test = total.InProgress, total.Submitted, total.Test
	return out
}

// ListResponses returns every response of a review (test responses
// included, flagged) ordered by creation hour then id. ErrNotFound if there
// is no such review.
func (s *Store) ListResponses(ctx context.Context, reviewID int64) ([]Response, error) {
	var rows []responseRow
	err := s.read(ctx, func(tx *gorm.DB) error {
		if err := tx.Select("id").Take(&reviewRow{}, reviewID).Error; err != nil {
			return err
		}
		return tx.Where("review_id = ?", reviewID).Order("created_hour, id").Find(&rows).Error
	})
	if err != nil {
		return nil, wrap(fmt.Sprintf("list responses of review %d", reviewID), err)
	}
	out := make([]Response, len(rows))
	for i, r := range rows {
		if out[i], err = r.response(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// AllAnswers returns the answers of every response of a review, keyed by
// response id; a response with no answers has an empty map. It reads one
// snapshot. ErrNotFound if there is no such review.
func (s *Store) AllAnswers(ctx context.Context, reviewID int64) (map[string]survey.Answers, error) {
	var (
		ids  []string
		rows []answerRow
	)
	err := s.read(ctx, func(tx *gorm.DB) error {
		if err := tx.Select("id").Take(&reviewRow{}, reviewID).Error; err != nil {
			return err
		}
		if err := tx.Model(&responseRow{}).Where("review_id = ?", reviewID).Pluck("id", &ids).Error; err != nil {
			return err
		}
		return tx.Table("answers AS a").Select("a.*").
			Joins("JOIN responses AS r ON r.id = a.response_id").
			Where("r.review_id = ?", reviewID).Find(&rows).Error
	})
	if err != nil {
		return nil, wrap(fmt.Sprintf("answers of review %d", reviewID), err)
	}
	return groupAnswers(ids, rows)
}

// groupAnswers builds one Answers map per response id.
func groupAnswers(ids []string, rows []answerRow) (map[string]survey.Answers, error) {
	out := make(map[string]survey.Answers, len(ids))
	for _, id := range ids {
		out[id] = survey.Answers{}
	}
	for _, r := range rows {
		a, err := r.answer()
		if err != nil {
			return nil, err
		}
		if out[r.ResponseID] == nil {
			out[r.ResponseID] = survey.Answers{}
		}
		out[r.ResponseID][r.ItemID] = a
	}
	return out, nil
}

// ProgressRow is how far one response has got, for the live dashboard:
// no answers, only where it stands.
type ProgressRow struct {
	ID          string
	TrustID     int64
	Status      string
	Test        bool
	Furthest    string // furthest section reached
	CreatedHour time.Time
}

// Progress lists every response of a review (test ones flagged) with how
// far it got. ErrNotFound if there is no such review.
func (s *Store) Progress(ctx context.Context, reviewID int64) ([]ProgressRow, error) {
	var rows []ProgressRow
	err := s.read(ctx, func(tx *gorm.DB) error {
		if err := tx.Select("id").Take(&reviewRow{}, reviewID).Error; err != nil {
			return err
		}
		return tx.Model(&responseRow{}).Select("id, trust_id, status, test, furthest, created_hour").
			Where("review_id = ?", reviewID).Order("id").Scan(&rows).Error
	})
	if err != nil {
		return nil, wrap(fmt.Sprintf("progress of review %d", reviewID), err)
	}
	for i := range rows {
		rows[i].CreatedHour = utc(rows[i].CreatedHour)
	}
	return rows, nil
}
