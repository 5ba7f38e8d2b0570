package store

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"time"

	"github.com/researchpulse/pulse/internal/analysis"
	"github.com/researchpulse/pulse/internal/lifecycle"
	"gorm.io/gorm"
)

// Review statuses, in lifecycle order; package lifecycle decides what
// each allows.
const (
	ReviewDraft  = lifecycle.Draft
	ReviewOpen   = lifecycle.Open
	ReviewClosed = lifecycle.Closed
)

// Review is one questionnaire version, pinned by hash, run at one or more
// trusts for a window of time.
type Review struct {
	ID                   int64
	Slug                 string // unique, [a-z0-9-], used in admin URLs
	Title                string
	QuestionnaireID      string
	QuestionnaireVersion string
	QuestionnaireHash    string
	OpensAt, ClosesAt    time.Time // answers accepted in [OpensAt, ClosesAt)
	Status               string    // ReviewDraft, ReviewOpen or ReviewClosed
	// Rules are the exclusion rules and suppression k in force, fixed when
	// the review is created: normally analysis.RulesFor(questionnaire),
	// with any overrides. Zero rules (no completion unit) take
	// analysis.DefaultRules().
	Rules     analysis.Rules
	CreatedAt time.Time
	// PreviousID is the review this one is the next wave of (0: none).
	PreviousID int64
}

// AcceptsAnswers reports whether respondents may answer at now: nil, or
// ErrReviewNotOpen (draft, or before OpensAt) or ErrReviewClosed (closed,
// or at/after ClosesAt). The rule is lifecycle.Accepts.
func (r Review) AcceptsAnswers(now time.Time) error {
	if err := lifecycle.Accepts(r.Status, r.OpensAt, r.ClosesAt, now); err != nil {
		return fmt.Errorf("review %s: %w", r.Slug, err)
	}
	return nil
}

type reviewRow struct {
	ID                   int64 `gorm:"primaryKey"`
	Slug                 string
	Title                string
	QuestionnaireID      string
	QuestionnaireVersion string
	QuestionnaireHash    string
	OpensAt              time.Time
	ClosesAt             time.Time
	Status               string
	CompletionThreshold  float64
	SuppressionK         int
	ExclusionVersion     int
	CompletionUnit       string
	RequiredItems        string // JSON array of item ids
	ExcludeTest          bool
	ExcludeDuplicates    bool
	ExcludeOutsideWindow bool
	ScreenOut            bool
	CreatedAt            time.Time
	PreviousID           *int64
}

func (reviewRow) TableName() string { return "reviews" }

func (r reviewRow) review() (Review, error) {
	required, err := decodeStrings(r.RequiredItems)
	if err != nil {
		return Review{}, fmt.Errorf("review %s: required items: %w", r.Slug, err)
	}
	if required == nil {
		required = []string{}
	}
	return Review{
		ID: r.ID, Slug: r.Slug, Title: r.Title, QuestionnaireID: r.QuestionnaireID,
		QuestionnaireVersion: r.QuestionnaireVersion, QuestionnaireHash: r.QuestionnaireHash,
		OpensAt: utc(r.OpensAt), ClosesAt: utc(r.ClosesAt), Status: r.Status,
		Rules: analysis.Rules{
			Version: r.ExclusionVersion, Unit: r.CompletionUnit, Threshold: r.CompletionThreshold,
			RequiredItems: required, ExcludeTest: r.ExcludeTest, ExcludeDuplicates: r.ExcludeDuplicates,
			ExcludeOutsideWindow: r.ExcludeOutsideWindow, ScreenOut: r.ScreenOut, K: r.SuppressionK,
		},
		CreatedAt: utc(r.CreatedAt), PreviousID: derefID(r.PreviousID),
	}, nil
}

func derefID(id *int64) int64 {
	if id == nil {
		return 0
	}
	return *id
}

func (r Review) row() reviewRow {
	x := r.Rules
	return reviewRow{
		Slug: r.Slug, Title: r.Title, QuestionnaireID: r.QuestionnaireID,
		QuestionnaireVersion: r.QuestionnaireVersion, QuestionnaireHash: r.QuestionnaireHash,
		OpensAt: r.OpensAt.UTC(), ClosesAt: r.ClosesAt.UTC(), Status: r.Status,
		CompletionThreshold: x.Threshold, SuppressionK: x.K, ExclusionVersion: x.Version, CompletionUnit: x.Unit,
		RequiredItems: encodeStrings(x.RequiredItems), ExcludeTest: x.ExcludeTest, ExcludeDuplicates: x.ExcludeDuplicates,
		ExcludeOutsideWindow: x.ExcludeOutsideWindow, ScreenOut: x.ScreenOut,
		CreatedAt: r.CreatedAt.UTC(), PreviousID: previousID(r.PreviousID),
	}
}

func previousID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

var slugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)

// prepare applies defaults to r and validates it.
func (r *Review) prepare() error {
	if r.Status == "" {
		r.Status = ReviewDraft
	}
	if r.Rules.Unit == "" {
		r.Rules = analysis.DefaultRules()
	}
	if r.Rules.RequiredItems == nil {
		r.Rules.RequiredItems = []string{}
	}
	return r.validate()
}

func (r Review) validate() error {
	switch {
	case !slugPattern.MatchString(r.Slug):
		return invalid("review slug %q: want 1-64 of a-z, 0-9 and -", r.Slug)
	case r.Title == "":
		return invalid("review %s: title is empty", r.Slug)
	case r.QuestionnaireID == "" || r.QuestionnaireVersion == "" || r.QuestionnaireHash == "":
		return invalid("review %s: questionnaire id, version and hash are required", r.Slug)
	case lifecycle.CheckWindow(r.OpensAt, r.ClosesAt) != nil:
		return invalid("review %s: closes_at must be after opens_at", r.Slug)
	case !lifecycle.Valid(r.Status):
		return invalid("review %s: unknown status %q", r.Slug, r.Status)
	}
	if err := r.Rules.Validate(); err != nil {
		return invalid("review %s: %v", r.Slug, err)
	}
	return nil
}

// CreateReview inserts r (ID and CreatedAt are set here; a zero Status is
// draft, and zero Rules are analysis.DefaultRules()), the source of its
// questionnaire (so the review never depends on the file again) and one
// link with a fresh random key per trust, all in one transaction. Links
// come back ordered by trust code.
func (s *Store) CreateReview(ctx context.Context, r Review, src QuestionnaireSource, trustIDs []int64) (Review, []ReviewLink, error) {
	r.CreatedAt = s.now().UTC()
	if err := r.prepare(); err != nil {
		return Review{}, nil, fmt.Errorf("create review: %w", err)
	}
	if err := src.validate(); err != nil {
		return Review{}, nil, fmt.Errorf("create review %s: %w", r.Slug, err)
	}
	if src.Hash != r.QuestionnaireHash || src.ID != r.QuestionnaireID || src.Version != r.QuestionnaireVersion {
		return Review{}, nil, fmt.Errorf("create review %s: %w", r.Slug, invalid("questionnaire source %s %s is not the questionnaire the review names", src.ID, src.Version))
	}
	if err := checkTrustIDs(trustIDs); err != nil {
		return Review{}, nil, fmt.Errorf("create review %s: %w", r.Slug, err)
	}
	var (
		out   Review
		links []ReviewLink
	)
	err := s.write(ctx, func(tx *gorm.DB) error {
		if err := saveSourceTx(tx, src, r.CreatedAt); err != nil {
			return err
		}
		var err error
		out, links, err = createReviewTx(tx, r, trustIDs)
		return err
	})
	if err != nil {
		return Review{}, nil, wrap("create review "+r.Slug, err)
	}
	return out, links, nil
}

func checkTrustIDs(ids []int64) error {
	if len(ids) == 0 {
		return invalid("at least one trust is required")
	}
	seen := make(map[int64]bool, len(ids))
	for _, id := range ids {
		if seen[id] {
			return invalid("trust %d listed twice", id)
		}
		seen[id] = true
	}
	return nil
}

func createReviewTx(tx *gorm.DB, r Review, trustIDs []int64) (Review, []ReviewLink, error) {
	var trusts []trustRow
	if err := tx.Where("id IN ?", trustIDs).Find(&trusts).Error; err != nil {
		return Review{}, nil, err
	}
	if len(trusts) != len(trustIDs) {
		return Review{}, nil, fmt.Errorf("trusts %v: some %w", trustIDs, ErrNotFound)
	}
	row := r.row()
	if err := tx.Create(&row).Error; err != nil {
		return Review{}, nil, err
	}
	links := make([]ReviewLink, len(trusts))
	for i, t := range trusts {
		link := reviewLinkRow{ReviewID: row.ID, TrustID: t.ID, Key: newToken()}
		if err := tx.Create(&link).Error; err != nil {
			return Review{}, nil, err
		}
		links[i] = ReviewLink{ReviewID: row.ID, Trust: t.trust(), Key: link.Key}
	}
	sort.Slice(links, func(i, j int) bool { return links[i].Trust.Code < links[j].Trust.Code })
	rev, err := row.review()
	return rev, links, err
}

// Review returns the review with id, or ErrNotFound.
func (s *Store) Review(ctx context.Context, id int64) (Review, error) {
	var row reviewRow
	if err := s.reader.WithContext(ctx).Take(&row, id).Error; err != nil {
		return Review{}, wrap(fmt.Sprintf("review %d", id), err)
	}
	return row.review()
}

// ReviewBySlug returns the review with slug, or ErrNotFound.
func (s *Store) ReviewBySlug(ctx context.Context, slug string) (Review, error) {
	var row reviewRow
	if err := s.reader.WithContext(ctx).Where("slug = ?", slug).Take(&row).Error; err != nil {
		return Review{}, wrap(fmt.Sprintf("review %q", slug), err)
	}
	return row.review()
}

// ListReviews returns every review, newest first.
func (s *Store) ListReviews(ctx context.Context) ([]Review, error) {
	var rows []reviewRow
	if err := s.reader.WithContext(ctx).Order("id DESC").Find(&rows).Error; err != nil {
		return nil, wrap("list reviews", err)
	}
	out := make([]Review, len(rows))
	for i, r := range rows {
		var err error
		if out[i], err = r.review(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// SetReviewStatus sets review id's status without checking the move, for
// tests and data repair. The product changes statuses through package
// admin, which asks lifecycle and uses ChangeReviewStatus.
func (s *Store) SetReviewStatus(ctx context.Context, id int64, status string) error {
	op := fmt.Sprintf("set review %d status %q", id, status)
	if !lifecycle.Valid(status) {
		return fmt.Errorf("%s: %w", op, invalid("unknown status"))
	}
	res := s.writer.WithContext(ctx).Model(&reviewRow{}).Where("id = ?", id).Update("status", status)
	s.dropCachedReview(id)
	if res.Error != nil {
		return wrap(op, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("%s: %w", op, ErrNotFound)
	}
	return nil
}

// ChangeReviewStatus moves review id from status from to status to, only
// if it is still in from: ErrConflict when it has changed since the caller
// read it (a stale form), ErrNotFound when there is no such review.
// Package lifecycle decides which moves are allowed.
func (s *Store) ChangeReviewStatus(ctx context.Context, id int64, from, to string) error {
	op := fmt.Sprintf("change review %d status %s to %s", id, from, to)
	if !lifecycle.Valid(to) {
		return fmt.Errorf("%s: %w", op, invalid("unknown status"))
	}
	return wrap(op, s.writeThen(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&reviewRow{}).Where("id = ? AND status = ?", id, from).Update("status", to)
		if res.Error != nil || res.RowsAffected > 0 {
			return res.Error
		}
		if err := tx.Select("id").Take(&reviewRow{}, id).Error; err != nil {
			return err
		}
		return fmt.Errorf("review has changed since it was read: %w", ErrConflict)
	}, func(bool) { s.dropCachedReview(id) }))
}

// dropCachedReview forgets review id in the response-state cache after
// this process changed it.
func (s *Store) dropCachedReview(id int64) {
	if s.cache != nil {
		s.cache.dropReview(id)
	}
}

// ReviewTrusts returns the trusts review id runs at, ordered by code.
func (s *Store) ReviewTrusts(ctx context.Context, id int64) ([]Trust, error) {
	links, err := s.ReviewLinks(ctx, id)
	if err != nil {
		return nil, err
	}
	out := make([]Trust, len(links))
	for i, l := range links {
		out[i] = l.Trust
	}
	return out, nil
}

// ReviewTrustIDs maps every review to the ids of its trusts, from one
// snapshot: what scoping reviews to an office's trusts needs.
func (s *Store) ReviewTrustIDs(ctx context.Context) (map[int64][]int64, error) {
	var rows []reviewLinkRow
	if err := s.reader.WithContext(ctx).Order("review_id, trust_id").Find(&rows).Error; err != nil {
		return nil, wrap("review trusts", err)
	}
	out := map[int64][]int64{}
	for _, r := range rows {
		out[r.ReviewID] = append(out[r.ReviewID], r.TrustID)
	}
	return out, nil
}
