package store

import (
	"context"
	"crypto/rand"
	"fmt"
	"regexp"
	"time"

	"github.com/researchpulse/pulse/internal/survey"
	"gorm.io/gorm"
)

// ImportedResponse is a whole response written in one go rather than page
// by page: generated data for demonstrations and benchmarks, or responses
// carried over from another system. Its times are truncated to the hour.
type ImportedResponse struct {
	// ID is unique: lower-case letters and digits, as the ids the store
	// makes, which every database collation orders alike (ReadReview
	// gives responses in id order).
	ID        string
	TrustID   int64  // a trust the review is linked to
	Status    string // ResponseInProgress or ResponseSubmitted
	Test      bool
	Language  string
	Section   string // where the respondent is; Furthest is as far as they got
	Furthest  string
	Created   time.Time
	Submitted time.Time // zero unless submitted
	Answers   survey.Answers
	Cleared   []Cleared // answers a change of route removed
}

var importIDPattern = regexp.MustCompile(`^[a-z0-9]{1,64}$`)

// importBatch is how many responses one import transaction writes.
const importBatch = 500

// ImportResponses writes responses to a review in transactions of a few
// hundred, each all or nothing. Every response gets a fresh random resume
// hash whose secret nobody holds, so an imported response can never be
// resumed. ErrNotFound if the review or a trust link does not exist;
// ErrConflict if an id is taken.
func (s *Store) ImportResponses(ctx context.Context, reviewID int64, rs []ImportedResponse) error {
	op := fmt.Sprintf("import %d responses into review %d", len(rs), reviewID)
	rev, err := s.Review(ctx, reviewID)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	for i := range rs {
		if err := rs[i].validate(); err != nil {
			return fmt.Errorf("%s: response %d: %w", op, i, err)
		}
	}
	for from := 0; from < len(rs); from += importBatch {
		batch := rs[from:min(from+importBatch, len(rs))]
		if err := s.write(ctx, func(tx *gorm.DB) error { return importTx(tx, rev, batch) }); err != nil {
			return wrap(op, err)
		}
	}
	return nil
}

func (r ImportedResponse) validate() error {
	switch {
	case !importIDPattern.MatchString(r.ID):
		return invalid("id %q: want 1 to 64 lower-case letters and digits", r.ID)
	case r.Status != ResponseInProgress && r.Status != ResponseSubmitted:
		return invalid("status %q", r.Status)
	case r.Language == "" || r.Section == "" || r.Furthest == "":
		return invalid("language, section and furthest section are required")
	case r.Created.IsZero():
		return invalid("creation time is missing")
	case r.Status == ResponseSubmitted && r.Submitted.IsZero():
		return invalid("a submitted response needs its submission time")
	}
	return nil
}

func importTx(tx *gorm.DB, rev Review, batch []ImportedResponse) error {
	var (
		responses []responseRow
		answers   []answerRow
		cleared   []clearedRow
	)
	for _, r := range batch {
		row := responseRow{
			ID: r.ID, ReviewID: rev.ID, TrustID: r.TrustID, QuestionnaireHash: rev.QuestionnaireHash, Status: r.Status,
			Language: r.Language, Section: r.Section, Furthest: r.Furthest, Trail: encodeStrings(nil), Test: r.Test,
			ResumeHash: unusableResumeHash(), CreatedHour: hourOf(r.Created), UpdatedHour: hourOf(r.Created),
		}
		if r.Status == ResponseSubmitted {
			h := hourOf(r.Submitted)
			row.SubmittedHour, row.UpdatedHour = &h, h
		}
		responses = append(responses, row)
		for id, a := range r.Answers {
			answers = append(answers, newAnswerRow(r.ID, id, a, row.UpdatedHour))
		}
		for i, c := range r.Cleared {
			cleared = append(cleared, clearedRow{ResponseID: r.ID, Seq: i + 1, ItemID: c.ItemID, CauseItem: c.CauseItem, ClearedHour: row.UpdatedHour})
		}
	}
	if err := tx.CreateInBatches(responses, 100).Error; err != nil {
		return err
	}
	if err := tx.CreateInBatches(answers, 100).Error; err != nil {
		return err
	}
	if len(cleared) == 0 {
		return nil
	}
	return tx.CreateInBatches(cleared, 100).Error
}

// unusableResumeHash is 32 random bytes: the hash of no secret anyone
// holds.
func unusableResumeHash() []byte {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return b
}
