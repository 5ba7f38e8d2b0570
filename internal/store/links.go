package store

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// ReviewLink is the link a review is answered through at one trust. Key is
// the unguessable part of the respondent URL.
type ReviewLink struct {
	ReviewID int64
	Trust    Trust
	Key      string
}

type reviewLinkRow struct {
	ReviewID int64 `gorm:"primaryKey;autoIncrement:false"`
	TrustID  int64 `gorm:"primaryKey;autoIncrement:false"`
	Key      string
}

func (reviewLinkRow) TableName() string { return "review_links" }

// linkJoin is a review link joined with its trust.
type linkJoin struct {
	ReviewID int64
	Key      string
	TrustID  int64
	Code     string
	Name     string
	Nation   string
	Quintile int
	Kind     string
}

func (j linkJoin) link() ReviewLink {
	t := trustRow{ID: j.TrustID, Code: j.Code, Name: j.Name, Nation: j.Nation, Quintile: j.Quintile, Kind: j.Kind}
	return ReviewLink{ReviewID: j.ReviewID, Trust: t.trust(), Key: j.Key}
}

// linkQuery selects review links joined with their trusts.
func linkQuery(db *gorm.DB) *gorm.DB {
	return db.Table("review_links AS l").
		Select(`l.review_id, l."key", t.id AS trust_id, t.code, t.name, t.nation, t.quintile, t.kind`).
		Joins("JOIN trusts AS t ON t.id = l.trust_id")
}

// ReviewLinks returns the links of review id ordered by trust code, or
// ErrNotFound if there is no such review.
func (s *Store) ReviewLinks(ctx context.Context, reviewID int64) ([]ReviewLink, error) {
	var rows []linkJoin
	err := s.read(ctx, func(tx *gorm.DB) error {
		if err := tx.Select("id").Take(&reviewRow{}, reviewID).Error; err != nil {
			return err
		}
		return linkQuery(tx).Where("l.review_id = ?", reviewID).Order("t.code").Find(&rows).Error
	})
	if err != nil {
		return nil, wrap(fmt.Sprintf("links of review %d", reviewID), err)
	}
	out := make([]ReviewLink, len(rows))
	for i, r := range rows {
		out[i] = r.link()
	}
	return out, nil
}

// ReviewLinkByKey resolves a respondent link key (case-insensitive: keys
// are lower-case) to its review and link, or ErrNotFound. The key is not
// repeated in the error.
func (s *Store) ReviewLinkByKey(ctx context.Context, key string) (Review, ReviewLink, error) {
	key = strings.ToLower(key)
	if s.cache == nil {
		return s.readReviewLink(ctx, key)
	}
	if rev, link, ok := s.cache.link(key); ok {
		return rev, link, nil
	}
	start := s.cache.begin()
	rev, link, err := s.readReviewLink(ctx, key)
	if err == nil {
		s.cache.fillLink(start, key, rev, link)
	}
	return rev, link, err
}

func (s *Store) readReviewLink(ctx context.Context, key string) (Review, ReviewLink, error) {
	var (
		link linkJoin
		rev  reviewRow
	)
	err := s.read(ctx, func(tx *gorm.DB) error {
		if err := linkQuery(tx).Where(`l."key" = ?`, key).Take(&link).Error; err != nil {
			return err
		}
		return tx.Take(&rev, link.ReviewID).Error
	})
	if err != nil {
		return Review{}, ReviewLink{}, wrap("review link by key", err)
	}
	review, err := rev.review()
	return review, link.link(), err
}
