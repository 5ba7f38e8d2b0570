package store

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Nations a trust can belong to.
const (
	NationEngland         = "england"
	NationScotland        = "scotland"
	NationWales           = "wales"
	NationNorthernIreland = "northern_ireland"
)

// Trust is an organisation staff belong to.
type Trust struct {
	ID       int64
	Code     string // unique organisation code, e.g. "RX1"
	Name     string
	Nation   string // one of the Nation constants
	Quintile int    // NIHR CRN activity quintile, 1 (most active) to 5; analysis.ActivityLevel turns it into a level
}

type trustRow struct {
	ID       int64 `gorm:"primaryKey"`
	Code     string
	Name     string
	Nation   string
	Quintile int
}

func (trustRow) TableName() string { return "trusts" }

func (r trustRow) trust() Trust {
	return Trust{ID: r.ID, Code: r.Code, Name: r.Name, Nation: r.Nation, Quintile: r.Quintile}
}

func (t Trust) row() trustRow {
	return trustRow{ID: t.ID, Code: t.Code, Name: t.Name, Nation: t.Nation, Quintile: t.Quintile}
}

// validate checks and normalises t.
func (t *Trust) validate() error {
	t.Code, t.Name = strings.TrimSpace(t.Code), strings.TrimSpace(t.Name)
	switch {
	case t.Code == "":
		return invalid("trust code is empty")
	case t.Name == "":
		return invalid("trust %s: name is empty", t.Code)
	case t.Quintile < 1 || t.Quintile > 5:
		return invalid("trust %s: quintile %d not in 1..5", t.Code, t.Quintile)
	}
	switch t.Nation {
	case NationEngland, NationScotland, NationWales, NationNorthernIreland:
		return nil
	}
	return invalid("trust %s: unknown nation %q", t.Code, t.Nation)
}

// CreateTrust inserts t (its ID is ignored) and returns it with its ID.
// A duplicate code is ErrConflict.
func (s *Store) CreateTrust(ctx context.Context, t Trust) (Trust, error) {
	if err := t.validate(); err != nil {
		return Trust{}, fmt.Errorf("create trust: %w", err)
	}
	row := t.row()
	row.ID = 0
	if err := s.writer.WithContext(ctx).Create(&row).Error; err != nil {
		return Trust{}, wrap("create trust "+t.Code, err)
	}
	return row.trust(), nil
}

// UpsertTrust creates the trust with t.Code or updates its name, nation
// and quintile, so seeding can be re-run.
func (s *Store) UpsertTrust(ctx context.Context, t Trust) (Trust, error) {
	if err := t.validate(); err != nil {
		return Trust{}, fmt.Errorf("upsert trust: %w", err)
	}
	var out trustRow
	err := s.write(ctx, func(tx *gorm.DB) error {
		row := t.row()
		row.ID = 0
		err := tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "code"}},
			DoUpdates: clause.AssignmentColumns([]string{"name", "nation", "quintile"}),
		}).Create(&row).Error
		if err != nil {
			return err
		}
		return tx.Where("code = ?", t.Code).Take(&out).Error
	})
	if err != nil {
		return Trust{}, wrap("upsert trust "+t.Code, err)
	}
	return out.trust(), nil
}

// TrustByCode returns the trust with code, or ErrNotFound.
func (s *Store) TrustByCode(ctx context.Context, code string) (Trust, error) {
	var row trustRow
	if err := s.reader.WithContext(ctx).Where("code = ?", code).Take(&row).Error; err != nil {
		return Trust{}, wrap(fmt.Sprintf("trust %q", code), err)
	}
	return row.trust(), nil
}

// ListTrusts returns every trust ordered by code.
func (s *Store) ListTrusts(ctx context.Context) ([]Trust, error) {
	var rows []trustRow
	if err := s.reader.WithContext(ctx).Order("code").Find(&rows).Error; err != nil {
		return nil, wrap("list trusts", err)
	}
	out := make([]Trust, len(rows))
	for i, r := range rows {
		out[i] = r.trust()
	}
	return out, nil
}
