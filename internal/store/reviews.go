package store

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"time"

	"github.com/researchpulse/pulse/internal/analysis"
	"gorm.io/gorm"
)

// Review statuses, in lifecycle order.
const (
	ReviewDraft  = "draft"
	ReviewOpen   = "open"
	ReviewClosed = "closed"
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
}

// AcceptsAnswers reports whether respondents may answer at now: nil, or
// ErrReviewNotOpen (draft, or before OpensAt) or ErrReviewClosed (closed,
// or at/after ClosesAt).
func (r Review) AcceptsAnswers(now time.Time) error {
	switch {
	case r.Status == ReviewClosed:
		return fmt.Errorf("review %s is closed: %w", r.Slug, ErrReviewClosed)
	case r.Status != ReviewOpen:
		return fmt.Errorf("review %s is a %s: %w", r.Slug, r.Status, ErrReviewNotOpen)
	case now.Before(r.OpensAt):
		return fmt.Errorf("review %s opens at %s: %w", r.Slug, r.OpensAt.UTC().Format(time.RFC3339), ErrReviewNotOpen)
	case !now.Before(r.ClosesAt):
		return fmt.Errorf("review %s closed at %s: %w", r.Slug, r.ClosesAt.UTC().Format(time.RFC3339), ErrReviewClosed)
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
		CreatedAt: utc(r.CreatedAt),
	}, nil
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
		CreatedAt: r.CreatedAt.UTC(),
	}
}

var slugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)

// validStatus reports whether status is a review status.
func validStatus(status string) bool {
	return status == ReviewDraft || status == ReviewOpen || status == ReviewClosed
}

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
	case r.OpensAt.IsZero() || !r.ClosesAt.After(r.OpensAt):
		return invalid("review %s: closes_at must be after opens_at", r.Slug)
	case !validStatus(r.Status):
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

// SetReviewStatus moves review id to status (any transition is allowed, so
// an administrator can reopen a review closed by mistake).
func (s *Store) SetReviewStatus(ctx context.Context, id int64, status string) error {
	op := fmt.Sprintf("set review %d status %q", id, status)
	if !validStatus(status) {
		return fmt.Errorf("%s: %w", op, invalid("unknown status"))
	}
	res := s.writer.WithContext(ctx).Model(&reviewRow{}).Where("id = ?", id).Update("status", status)
	if res.Error != nil {
		return wrap(op, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("%s: %w", op, ErrNotFound)
	}
	return nil
}
