package store

import (
	"errors"
	"fmt"

	"gorm.io/gorm"

	"github.com/researchpulse/pulse/internal/lifecycle"
)

// Sentinel errors. Test for them with errors.Is; every error returned by the
// store wraps context describing the operation that failed.
var (
	// ErrNotFound: the requested row (or a row it refers to) does not exist.
	ErrNotFound = errors.New("not found")
	// ErrConflict: the write collides with existing data, for example a
	// duplicate code or slug, or an idempotency key used by another response.
	ErrConflict = errors.New("conflict")
	// ErrInvalid: an argument is malformed; the message names the field.
	ErrInvalid = errors.New("invalid argument")
	// ErrSubmitted: the response has been submitted and accepts no further
	// changes. It wraps ErrConflict, so errors.Is(err, ErrConflict) also holds.
	ErrSubmitted = fmt.Errorf("response already submitted: %w", ErrConflict)
	// ErrKeyReused: an idempotency key was sent again with a different
	// request (another operation, or other content). A retry must repeat
	// its request exactly; a new request needs a new key.
	ErrKeyReused = errors.New("idempotency key reused for a different request")
	// ErrReviewNotOpen: the review is a draft or its window has not opened.
	ErrReviewNotOpen = lifecycle.ErrNotOpen
	// ErrReviewClosed: the review is closed or its window has ended.
	ErrReviewClosed = lifecycle.ErrClosed
)

// invalid returns an ErrInvalid naming the offending field.
func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))
}

// wrap adds op as context to err and maps gorm's (translated) errors onto
// the store's sentinels, keeping the original error in the chain.
func wrap(op string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, gorm.ErrRecordNotFound):
		return fmt.Errorf("%s: %w", op, ErrNotFound)
	case errors.Is(err, gorm.ErrDuplicatedKey):
		return fmt.Errorf("%s: %w: %w", op, ErrConflict, err)
	case errors.Is(err, gorm.ErrForeignKeyViolated):
		return fmt.Errorf("%s: referenced row %w: %w", op, ErrNotFound, err)
	case errors.Is(err, gorm.ErrCheckConstraintViolated):
		return fmt.Errorf("%s: %w: %w", op, ErrInvalid, err)
	}
	return fmt.Errorf("%s: %w", op, classify(err))
}
