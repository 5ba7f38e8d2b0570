package store

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"time"

	"gorm.io/gorm"
)

// Review statuses, in lifecycle order.
const (
	ReviewDraft  = "draft"
	ReviewOpen   = "open"
	ReviewClosed = "closed"
)

// Defaults applied by CreateReview when the field is zero.
const (
	DefaultCompletionThreshold = 0.30
	DefaultSuppressionK        = 10
	MinSuppressionK            = 5 // below this, small cells could identify people
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
	CompletionThreshold  float64   // partial responses at or above this ratio are kept
	SuppressionK         int       // cells from fewer respondents are suppressed
	CreatedAt            time.Time
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
	CreatedAt            time.Time
}

func (reviewRow) TableName() string { return "reviews" }

func (r reviewRow) review() Review {
	return Review{
		ID: r.ID, Slug: r.Slug, Title: r.Title, QuestionnaireID: r.QuestionnaireID,
		QuestionnaireVersion: r.QuestionnaireVersion, QuestionnaireHash: r.QuestionnaireHash,
		OpensAt: utc(r.OpensAt), ClosesAt: utc(r.ClosesAt), Status: r.Status,
		CompletionThreshold: r.CompletionThreshold, SuppressionK: r.SuppressionK,
		CreatedAt: utc(r.CreatedAt),
	}
}

func (r Review) row() reviewRow {
	return reviewRow{
		Slug: r.Slug, Title: r.Title, QuestionnaireID: r.QuestionnaireID,
		QuestionnaireVersion: r.QuestionnaireVersion, QuestionnaireHash: r.QuestionnaireHash,
		OpensAt: r.OpensAt.UTC(), ClosesAt: r.ClosesAt.UTC(), Status: r.Status,
		CompletionThreshold: r.CompletionThreshold, SuppressionK: r.SuppressionK,
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
	if r.CompletionThreshold == 0 {
		r.CompletionThreshold = DefaultCompletionThreshold
	}
	if r.SuppressionK == 0 {
		r.SuppressionK = DefaultSuppressionK
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
	case r.CompletionThreshold < 0 || r.CompletionThreshold > 1:
		return invalid("review %s: completion threshold %v not in 0..1", r.Slug, r.CompletionThreshold)
	case r.SuppressionK < MinSuppressionK:
		return invalid("review %s: suppression k %d below %d", r.Slug, r.SuppressionK, MinSuppressionK)
	}
	return nil
}

// CreateReview inserts r (ID and CreatedAt are set here; zero Status,
// CompletionThreshold and SuppressionK take their defaults), the source of
// its questionnaire (so the review never depends on the file again) and
// one link with a fresh random key per trust, all in one transaction.
// Links come back ordered by trust code.
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
	return row.review(), links, nil
}

// Review returns the review with id, or ErrNotFound.
func (s *Store) Review(ctx context.Context, id int64) (Review, error) {
	var row reviewRow
	if err := s.reader.WithContext(ctx).Take(&row, id).Error; err != nil {
		return Review{}, wrap(fmt.Sprintf("review %d", id), err)
	}
	return row.review(), nil
}

// ReviewBySlug returns the review with slug, or ErrNotFound.
func (s *Store) ReviewBySlug(ctx context.Context, slug string) (Review, error) {
	var row reviewRow
	if err := s.reader.WithContext(ctx).Where("slug = ?", slug).Take(&row).Error; err != nil {
		return Review{}, wrap(fmt.Sprintf("review %q", slug), err)
	}
	return row.review(), nil
}

// ListReviews returns every review, newest first.
func (s *Store) ListReviews(ctx context.Context) ([]Review, error) {
	var rows []reviewRow
	if err := s.reader.WithContext(ctx).Order("id DESC").Find(&rows).Error; err != nil {
		return nil, wrap("list reviews", err)
	}
	out := make([]Review, len(rows))
	for i, r := range rows {
		out[i] = r.review()
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
