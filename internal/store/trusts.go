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
	Kind     string // organisation type (acute, community, …); package admin lists them
}

type trustRow struct {
	ID       int64 `gorm:"primaryKey"`
	Code     string
	Name     string
	Nation   string
	Quintile int
	Kind     string
}

func (trustRow) TableName() string { return "trusts" }

func (r trustRow) trust() Trust {
	return Trust{ID: r.ID, Code: r.Code, Name: r.Name, Nation: r.Nation, Quintile: r.Quintile, Kind: r.Kind}
}

func (t Trust) row() trustRow {
	return trustRow{ID: t.ID, Code: t.Code, Name: t.Name, Nation: t.Nation, Quintile: t.Quintile, Kind: t.Kind}
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

// UpsertTrust creates the trust with t.Code or updates its name, nation,
// quintile and kind, so seeding can be re-run.
func (s *Store) UpsertTrust(ctx context.Context, t Trust) (Trust, error) {
	if err := t.validate(); err != nil {
		return Trust{}, fmt.Errorf("upsert trust: %w", err)
	}
	var out trustRow
	err := s.write(ctx, func(tx *gorm.DB) error {
		var err error
		out, err = upsertTrustTx(tx, t)
		return err
	})
	if err != nil {
		return Trust{}, wrap("upsert trust "+t.Code, err)
	}
	return out.trust(), nil
}

func upsertTrustTx(tx *gorm.DB, t Trust) (trustRow, error) {
	row := t.row()
	row.ID = 0
	err := tx.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "code"}},
		DoUpdates: clause.AssignmentColumns([]string{"name", "nation", "quintile", "kind"}),
	}).Create(&row).Error
	if err != nil {
		return trustRow{}, err
	}
	var out trustRow
	return out, tx.Where("code = ?", t.Code).Take(&out).Error
}

// ImportTrusts creates or updates (by code) every trust in one
// transaction: all of them are saved, or none. It returns how many were
// new.
func (s *Store) ImportTrusts(ctx context.Context, ts []Trust) (created int, err error) {
	for i := range ts {
		if err := ts[i].validate(); err != nil {
			return 0, fmt.Errorf("import trusts: %w", err)
		}
	}
	err = s.write(ctx, func(tx *gorm.DB) error {
		created = 0
		for _, t := range ts {
			var n int64
			if err := tx.Model(&trustRow{}).Where("code = ?", t.Code).Count(&n).Error; err != nil {
				return err
			}
			if n == 0 {
				created++
			}
			if _, err := upsertTrustTx(tx, t); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, wrap("import trusts", err)
	}
	return created, nil
}

// UpdateTrust saves the name, nation, quintile and kind of the trust with
// t.ID (its code never changes: exports and links name it).
func (s *Store) UpdateTrust(ctx context.Context, t Trust) (Trust, error) {
	if err := t.validate(); err != nil {
		return Trust{}, fmt.Errorf("update trust: %w", err)
	}
	op := fmt.Sprintf("update trust %d", t.ID)
	res := s.writer.WithContext(ctx).Model(&trustRow{}).Where("id = ?", t.ID).
		Updates(map[string]any{"name": t.Name, "nation": t.Nation, "quintile": t.Quintile, "kind": t.Kind})
	if res.Error != nil {
		return Trust{}, wrap(op, res.Error)
	}
	if res.RowsAffected == 0 {
		return Trust{}, fmt.Errorf("%s: %w", op, ErrNotFound)
	}
	return s.Trust(ctx, t.ID)
}

// Trust returns the trust with id, or ErrNotFound.
func (s *Store) Trust(ctx context.Context, id int64) (Trust, error) {
	var row trustRow
	if err := s.reader.WithContext(ctx).Take(&row, id).Error; err != nil {
		return Trust{}, wrap(fmt.Sprintf("trust %d", id), err)
	}
	return row.trust(), nil
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
