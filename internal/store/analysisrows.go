package store

import (
	"context"
	"fmt"
	"time"

	"github.com/researchpulse/pulse/internal/analysis"
	"github.com/researchpulse/pulse/internal/survey"
	"gorm.io/gorm"
)

// analysisRow is a response joined with its trust, as the analysis needs it.
type analysisRow struct {
	ID            string
	Code          string
	Quintile      int
	Status        string
	Test          bool
	CreatedHour   time.Time
	SubmittedHour *time.Time
}

// AnalysisInput reads what the analysis of a review needs, from one
// snapshot: every response (test ones included, flagged) with its trust
// and answers, and the review's trusts. The trust activity level comes
// from analysis.ActivityLevel. ErrNotFound if there is no such review.
func (s *Store) AnalysisInput(ctx context.Context, reviewID int64) ([]analysis.Response, []analysis.Trust, error) {
	var (
		links   []linkJoin
		rows    []analysisRow
		answers []answerRow
	)
	err := s.read(ctx, func(tx *gorm.DB) error {
		if err := tx.Select("id").Take(&reviewRow{}, reviewID).Error; err != nil {
			return err
		}
		if err := linkQuery(tx).Where("l.review_id = ?", reviewID).Order("t.code").Find(&links).Error; err != nil {
			return err
		}
		err := tx.Table("responses AS r").
			Select("r.id, t.code, t.quintile, r.status, r.test, r.created_hour, r.submitted_hour").
			Joins("JOIN trusts AS t ON t.id = r.trust_id").
			Where("r.review_id = ?", reviewID).Order("r.id").Find(&rows).Error
		if err != nil {
			return err
		}
		return tx.Table("answers AS a").Select("a.*").
			Joins("JOIN responses AS r ON r.id = a.response_id").
			Where("r.review_id = ?", reviewID).Find(&answers).Error
	})
	if err != nil {
		return nil, nil, wrap(fmt.Sprintf("analysis input of review %d", reviewID), err)
	}
	byID := make(map[string]survey.Answers, len(rows))
	for _, r := range rows {
		byID[r.ID] = survey.Answers{}
	}
	for _, a := range answers {
		ans, err := a.answer()
		if err != nil {
			return nil, nil, err
		}
		if m := byID[a.ResponseID]; m != nil {
			m[a.ItemID] = ans
		}
	}
	out := make([]analysis.Response, len(rows))
	for i, r := range rows {
		out[i] = analysis.Response{
			ID: r.ID, Trust: r.Code, Level: analysis.ActivityLevel(r.Quintile), Submitted: r.Status == ResponseSubmitted,
			Test: r.Test, Created: utc(r.CreatedHour), Answers: byID[r.ID],
		}
		if r.SubmittedHour != nil {
			out[i].SubmittedAt = utc(*r.SubmittedHour)
		}
	}
	trusts := make([]analysis.Trust, len(links))
	for i, l := range links {
		trusts[i] = analysis.Trust{Code: l.Code, Name: l.Name, Level: analysis.ActivityLevel(l.Quintile)}
	}
	return out, trusts, nil
}
