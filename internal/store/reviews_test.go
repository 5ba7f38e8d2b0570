package store

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/researchpulse/pulse/internal/analysis"
)

func TestReviewAcceptsAnswers(t *testing.T) {
	opens := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	closes := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		status string
		now    time.Time
		want   error
	}{
		{"open inside window", ReviewOpen, opens.Add(time.Hour), nil},
		{"open at opening instant", ReviewOpen, opens, nil},
		{"open before window", ReviewOpen, opens.Add(-time.Second), ErrReviewNotOpen},
		{"open at closing instant", ReviewOpen, closes, ErrReviewClosed},
		{"open after window", ReviewOpen, closes.Add(time.Hour), ErrReviewClosed},
		{"draft inside window", ReviewDraft, opens.Add(time.Hour), ErrReviewNotOpen},
		{"closed inside window", ReviewClosed, opens.Add(time.Hour), ErrReviewClosed},
	}
	for _, tt := range tests {
		r := Review{Slug: "w", Status: tt.status, OpensAt: opens, ClosesAt: closes}
		err := r.AcceptsAnswers(tt.now)
		if (tt.want == nil) != (err == nil) || (tt.want != nil && !errors.Is(err, tt.want)) {
			t.Errorf("%s: AcceptsAnswers = %v, want %v", tt.name, err, tt.want)
		}
	}
}

var reviewCases = []storeCase{
	{"ReviewCreateAndRead", testReviewCreateAndRead},
	{"ReviewLinkKeysAreRandomAndUnique", testReviewLinkKeys},
	{"ReviewValidation", testReviewValidation},
	{"ReviewUnknownTrustRollsBack", testReviewUnknownTrust},
	{"ReviewSetStatus", testReviewSetStatus},
	{"ReviewKeepsItsQuestionnaire", testReviewKeepsQuestionnaire},
	{"ReviewKeepsItsRules", testReviewKeepsItsRules},
}

// testReviewKeepsQuestionnaire: creating a review stores its
// questionnaire's source once; a source whose bytes do not give its hash
// is refused; reviews whose source is missing (made before sources were
// kept) are listed so the file can be adopted.
func testReviewKeepsQuestionnaire(t *testing.T, e *env) {
	f := e.fixture()
	_, _, err := e.s.CreateReview(e.ctx, testReview("wave-2"), testSource, []int64{f.trusts[0].ID})
	errIs(t, "second review of the same questionnaire", err, nil)
	got, err := e.s.QuestionnaireSources(e.ctx)
	errIs(t, "QuestionnaireSources", err, nil)
	if len(got) != 1 || string(got[0].Source) != string(testSource.Source) || got[0].Hash != testSource.Hash || got[0].File != "engagement.yaml" {
		t.Fatalf("stored sources: %+v", got)
	}
	bad := testSource
	bad.Source = append([]byte("# edited\n"), bad.Source...)
	errIs(t, "source not matching its hash", e.s.SaveQuestionnaire(e.ctx, bad), ErrInvalid)

	missing, err := e.s.UnstoredQuestionnaires(e.ctx)
	errIs(t, "UnstoredQuestionnaires", err, nil)
	if len(missing) != 0 {
		t.Errorf("unstored with every source stored: %v", missing)
	}
	errIs(t, "forget the source", e.s.writer.Exec("DELETE FROM questionnaire_sources").Error, nil)
	missing, _ = e.s.UnstoredQuestionnaires(e.ctx)
	if len(missing) != 1 || missing[0] != testSource.Hash {
		t.Errorf("unstored = %v; want the reviews' hash", missing)
	}
	errIs(t, "adopt", e.s.SaveQuestionnaire(e.ctx, testSource), nil)
	if missing, _ = e.s.UnstoredQuestionnaires(e.ctx); len(missing) != 0 {
		t.Errorf("unstored after adopting: %v", missing)
	}
}

// testReviewKeepsItsRules: the rules given at creation, a zero threshold
// included, are the rules read back.
func testReviewKeepsItsRules(t *testing.T, e *env) {
	tr, err := e.s.CreateTrust(e.ctx, testTrusts[0])
	errIs(t, "CreateTrust", err, nil)
	r := testReview("wave-1")
	r.Rules = analysis.Rules{
		Version: 2, Unit: "questions", Threshold: 0, RequiredItems: []string{"R01", "R02"},
		ExcludeTest: true, ExcludeDuplicates: false, ExcludeOutsideWindow: false, ScreenOut: true, K: 7,
	}
	created, _, err := e.s.CreateReview(e.ctx, r, testSource, []int64{tr.ID})
	errIs(t, "CreateReview", err, nil)
	read, err := e.s.ReviewBySlug(e.ctx, "wave-1")
	errIs(t, "ReviewBySlug", err, nil)
	for name, got := range map[string]Review{"created": created, "read": read} {
		if diff := cmp.Diff(r.Rules, got.Rules); diff != "" {
			t.Errorf("%s rules (-want +got):\n%s", name, diff)
		}
	}
}

func testReviewCreateAndRead(t *testing.T, e *env) {
	f := e.fixture()
	want := testReview("wave-1")
	want.ID, want.CreatedAt = f.review.ID, testNow
	want.Rules = analysis.DefaultRules()
	if diff := cmp.Diff(want, f.review); diff != "" {
		t.Errorf("CreateReview (-want +got):\n%s", diff)
	}
	byID, err := e.s.Review(e.ctx, f.review.ID)
	errIs(t, "Review", err, nil)
	bySlug, err := e.s.ReviewBySlug(e.ctx, "wave-1")
	errIs(t, "ReviewBySlug", err, nil)
	list, err := e.s.ListReviews(e.ctx)
	errIs(t, "ListReviews", err, nil)
	for name, got := range map[string]any{"Review": byID, "ReviewBySlug": bySlug, "ListReviews": list} {
		w := any(want)
		if _, ok := got.([]Review); ok {
			w = []Review{want}
		}
		if diff := cmp.Diff(w, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", name, diff)
		}
	}
	_, err = e.s.Review(e.ctx, f.review.ID+100)
	errIs(t, "Review(unknown)", err, ErrNotFound)
	_, err = e.s.ReviewBySlug(e.ctx, "nope")
	errIs(t, "ReviewBySlug(unknown)", err, ErrNotFound)
	_, _, err = e.s.CreateReview(e.ctx, testReview("wave-1"), testSource, []int64{f.trusts[0].ID})
	errIs(t, "CreateReview duplicate slug", err, ErrConflict)
}

var linkKeyPattern = regexp.MustCompile(`^[a-z2-7]{26}$`)

func testReviewLinkKeys(t *testing.T, e *env) {
	f := e.fixture()
	if len(f.links) != 2 || f.links[0].Trust != f.trusts[0] || f.links[1].Trust != f.trusts[1] {
		t.Fatalf("links %+v, want one per trust ordered by code", f.links)
	}
	_, links2, err := e.s.CreateReview(e.ctx, testReview("wave-2"), testSource, []int64{f.trusts[1].ID, f.trusts[0].ID})
	errIs(t, "CreateReview wave-2", err, nil)
	seen := map[string]bool{}
	for _, l := range append(f.links, links2...) {
		if !linkKeyPattern.MatchString(l.Key) || seen[l.Key] {
			t.Errorf("link key %q: want 26 lower-case base32 characters, unique", l.Key)
		}
		seen[l.Key] = true
		rev, got, err := e.s.ReviewLinkByKey(e.ctx, l.Key)
		errIs(t, "ReviewLinkByKey", err, nil)
		if diff := cmp.Diff(l, got); diff != "" || rev.ID != l.ReviewID {
			t.Errorf("ReviewLinkByKey: review %d, want %d; link (-want +got):\n%s", rev.ID, l.ReviewID, diff)
		}
	}
	stored, err := e.s.ReviewLinks(e.ctx, f.review.ID)
	errIs(t, "ReviewLinks", err, nil)
	if diff := cmp.Diff(f.links, stored); diff != "" {
		t.Errorf("ReviewLinks (-want +got):\n%s", diff)
	}
	_, _, err = e.s.ReviewLinkByKey(e.ctx, "aaaaaaaaaaaaaaaaaaaaaaaaaa")
	errIs(t, "ReviewLinkByKey(unknown)", err, ErrNotFound)
	_, err = e.s.ReviewLinks(e.ctx, 9999)
	errIs(t, "ReviewLinks(unknown)", err, ErrNotFound)
}

func testReviewValidation(t *testing.T, e *env) {
	tr, err := e.s.CreateTrust(e.ctx, testTrusts[0])
	errIs(t, "CreateTrust", err, nil)
	tests := []struct {
		name   string
		mutate func(*Review)
		trusts []int64
	}{
		{"bad slug", func(r *Review) { r.Slug = "Wave 1" }, []int64{tr.ID}},
		{"no title", func(r *Review) { r.Title = "" }, []int64{tr.ID}},
		{"no hash", func(r *Review) { r.QuestionnaireHash = "" }, []int64{tr.ID}},
		{"source of another questionnaire", func(r *Review) { r.QuestionnaireHash = strings.Repeat("0", 64) }, []int64{tr.ID}},
		{"closes before opens", func(r *Review) { r.ClosesAt = r.OpensAt }, []int64{tr.ID}},
		{"bad status", func(r *Review) { r.Status = "live" }, []int64{tr.ID}},
		{"threshold above 1", func(r *Review) { r.Rules = analysis.DefaultRules(); r.Rules.Threshold = 30 }, []int64{tr.ID}},
		{"k below floor", func(r *Review) { r.Rules = analysis.DefaultRules(); r.Rules.K = 3 }, []int64{tr.ID}},
		{"unknown completion unit", func(r *Review) { r.Rules = analysis.DefaultRules(); r.Rules.Unit = "pages" }, []int64{tr.ID}},
		{"no trusts", func(r *Review) {}, nil},
		{"trust twice", func(r *Review) {}, []int64{tr.ID, tr.ID}},
	}
	for _, tt := range tests {
		r := testReview("wave-1")
		tt.mutate(&r)
		_, links, err := e.s.CreateReview(e.ctx, r, testSource, tt.trusts)
		errIs(t, tt.name, err, ErrInvalid)
		if links != nil {
			t.Errorf("%s: links %v returned with an error", tt.name, links)
		}
	}
	if n := e.counts()["reviews"]; n != 0 {
		t.Errorf("invalid reviews stored: %d", n)
	}
}

func testReviewUnknownTrust(t *testing.T, e *env) {
	tr, err := e.s.CreateTrust(e.ctx, testTrusts[0])
	errIs(t, "CreateTrust", err, nil)
	_, _, err = e.s.CreateReview(e.ctx, testReview("wave-1"), testSource, []int64{tr.ID, tr.ID + 1000})
	errIs(t, "CreateReview with unknown trust", err, ErrNotFound)
	c := e.counts()
	if c["reviews"] != 0 || c["review_links"] != 0 {
		t.Errorf("partial review stored: %v", c)
	}
}

func testReviewSetStatus(t *testing.T, e *env) {
	f := e.fixture()
	for _, status := range []string{ReviewClosed, ReviewOpen, ReviewDraft} {
		errIs(t, "SetReviewStatus "+status, e.s.SetReviewStatus(e.ctx, f.review.ID, status), nil)
		got, err := e.s.Review(e.ctx, f.review.ID)
		errIs(t, "Review", err, nil)
		if got.Status != status {
			t.Errorf("status %q after SetReviewStatus(%q)", got.Status, status)
		}
	}
	errIs(t, "bad status", e.s.SetReviewStatus(e.ctx, f.review.ID, "archived"), ErrInvalid)
	errIs(t, "unknown review", e.s.SetReviewStatus(e.ctx, f.review.ID+1, ReviewOpen), ErrNotFound)
}
