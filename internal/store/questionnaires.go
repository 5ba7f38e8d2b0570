package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/researchpulse/pulse/internal/survey"
)

// QuestionnaireSource is the YAML a review was launched with, kept by its
// content hash (the hash every response records) so the review never
// depends on the file again.
type QuestionnaireSource struct {
	Hash     string // SHA-256 of Source, hex
	ID       string
	Version  string
	File     string // the file name it was loaded from, for people
	Source   []byte
	StoredAt time.Time
}

// SourceOf is the source record of a loaded questionnaire.
func SourceOf(q *survey.Questionnaire) QuestionnaireSource {
	return QuestionnaireSource{Hash: q.Hash, ID: q.ID, Version: q.Version, File: q.File, Source: q.Source}
}

type questionnaireSourceRow struct {
	Hash            string `gorm:"primaryKey"`
	QuestionnaireID string
	Version         string
	File            string
	Source          []byte
	StoredAt        time.Time
}

func (questionnaireSourceRow) TableName() string { return "questionnaire_sources" }

func (r questionnaireSourceRow) source() QuestionnaireSource {
	return QuestionnaireSource{Hash: r.Hash, ID: r.QuestionnaireID, Version: r.Version, File: r.File, Source: r.Source, StoredAt: utc(r.StoredAt)}
}

// validate checks the source is whole: its bytes give its hash.
func (q QuestionnaireSource) validate() error {
	sum := sha256.Sum256(q.Source)
	switch {
	case len(q.Source) == 0:
		return invalid("questionnaire source is empty")
	case hex.EncodeToString(sum[:]) != q.Hash:
		return invalid("questionnaire source does not match its hash %.12s", q.Hash)
	case q.ID == "" || q.Version == "":
		return invalid("questionnaire source needs an id and a version")
	}
	return nil
}

// saveSourceTx stores a questionnaire source unless one with its hash is
// there already (the same bytes, by definition).
func saveSourceTx(tx *gorm.DB, q QuestionnaireSource, now time.Time) error {
	row := questionnaireSourceRow{Hash: q.Hash, QuestionnaireID: q.ID, Version: q.Version, File: q.File, Source: q.Source, StoredAt: now.UTC()}
	return tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&row).Error
}

// SaveQuestionnaire stores a questionnaire source if it is not stored yet.
func (s *Store) SaveQuestionnaire(ctx context.Context, q QuestionnaireSource) error {
	op := fmt.Sprintf("save questionnaire %s %.12s", q.ID, q.Hash)
	if err := q.validate(); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	err := s.write(ctx, func(tx *gorm.DB) error { return saveSourceTx(tx, q, s.now()) })
	return wrap(op, err)
}

// QuestionnaireSources returns every stored questionnaire source, oldest
// first.
func (s *Store) QuestionnaireSources(ctx context.Context) ([]QuestionnaireSource, error) {
	var rows []questionnaireSourceRow
	if err := s.reader.WithContext(ctx).Order("stored_at, hash").Find(&rows).Error; err != nil {
		return nil, wrap("list questionnaire sources", err)
	}
	out := make([]QuestionnaireSource, len(rows))
	for i, r := range rows {
		out[i] = r.source()
	}
	return out, nil
}

// UnstoredQuestionnaires lists the questionnaire hashes that reviews use
// but whose source is not stored: reviews created before sources were
// kept, which can adopt the file with that hash.
func (s *Store) UnstoredQuestionnaires(ctx context.Context) ([]string, error) {
	var hashes []string
	err := s.reader.WithContext(ctx).Model(&reviewRow{}).Distinct("questionnaire_hash").
		Where("questionnaire_hash NOT IN (?)", s.reader.Model(&questionnaireSourceRow{}).Select("hash")).
		Order("questionnaire_hash").Pluck("questionnaire_hash", &hashes).Error
	if err != nil {
		return nil, wrap("list unstored questionnaires", err)
	}
	return hashes, nil
}

// QuestionnaireSourceByHash returns the stored source with the hash, or
// ErrNotFound.
func (s *Store) QuestionnaireSourceByHash(ctx context.Context, hash string) (QuestionnaireSource, error) {
	var row questionnaireSourceRow
	if err := s.reader.WithContext(ctx).Where("hash = ?", hash).Take(&row).Error; err != nil {
		return QuestionnaireSource{}, wrap(fmt.Sprintf("questionnaire source %.12s", hash), err)
	}
	return row.source(), nil
}
