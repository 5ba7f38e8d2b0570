package admin

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/researchpulse/pulse/internal/analysis"
	"github.com/researchpulse/pulse/internal/lifecycle"
	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

// ReviewInput is a new review as typed into the form or given on the
// command line. Times are Europe/London ("2026-12-01" or
// "2026-12-01T09:00"); an empty threshold or k takes the questionnaire's.
type ReviewInput struct {
	Title         string
	Slug          string // optional: made from the title
	Questionnaire string // a questionnaire id (the newest loaded version)
	Trusts        []int64
	Opens, Closes string
	Threshold     string // completion threshold in percent, e.g. "30"
	K             string // smallest group published
}

// window parses and checks the opening and closing times.
func window(opens, closes string, bad *Invalid) (time.Time, time.Time) {
	o, err := lifecycle.ParseLocal(strings.TrimSpace(opens))
	if err != nil {
		bad.add("opens", "Enter the opening date as YYYY-MM-DD, optionally with a time (YYYY-MM-DDTHH:MM)")
	}
	c, cerr := lifecycle.ParseLocal(strings.TrimSpace(closes))
	if cerr != nil {
		bad.add("closes", "Enter the closing date as YYYY-MM-DD, optionally with a time (YYYY-MM-DDTHH:MM)")
	}
	if err == nil && cerr == nil && lifecycle.CheckWindow(o, c) != nil {
		bad.add("closes", "The closing date must be after the opening date")
	}
	return o, c
}

// rulesFrom applies the threshold and k typed to the questionnaire's rules.
func rulesFrom(q *survey.Questionnaire, base analysis.Rules, threshold, k string, bad *Invalid) analysis.Rules {
	r := base
	if q != nil && base.Unit == "" {
		r = analysis.RulesFor(q)
	}
	if t := strings.TrimSuffix(strings.TrimSpace(threshold), "%"); t != "" {
		f, err := strconv.ParseFloat(t, 64)
		if err != nil || f < 0 || f > 100 {
			bad.add("threshold", "Enter a completion threshold from 0 to 100 (per cent)")
		}
		r.Threshold = f / 100
	}
	if ks := strings.TrimSpace(k); ks != "" {
		n, err := strconv.Atoi(ks)
		if err != nil || n < analysis.MinK || n > 1000 {
			bad.add("k", "Enter a smallest group size of at least %d", analysis.MinK)
		}
		r.K = n
	}
	return r
}

// CreateReview checks a new review and saves it as a draft with one link
// per trust and its questionnaire's source. Nothing is saved when
// anything is wrong.
func (s *Service) CreateReview(ctx context.Context, a Actor, in ReviewInput) (store.Review, error) {
	if !a.CanCreateReviews() {
		return store.Review{}, fmt.Errorf("create review: %w", ErrForbidden)
	}
	var bad Invalid
	q := s.latest(in.Questionnaire)
	if q == nil {
		bad.add("questionnaire", "Select a questionnaire that passes its checks")
	}
	return s.createReview(ctx, a, q, in, analysis.Rules{}, 0, &bad)
}

// CreateReviewFrom is CreateReview with the questionnaire given (a file
// the command line loaded).
func (s *Service) CreateReviewFrom(ctx context.Context, a Actor, q *survey.Questionnaire, in ReviewInput) (store.Review, error) {
	if !a.CanCreateReviews() {
		return store.Review{}, fmt.Errorf("create review: %w", ErrForbidden)
	}
	return s.createReview(ctx, a, q, in, analysis.Rules{}, 0, &Invalid{})
}

func (s *Service) createReview(ctx context.Context, a Actor, q *survey.Questionnaire, in ReviewInput, base analysis.Rules, previous int64, bad *Invalid) (store.Review, error) {
	in.Title = strings.TrimSpace(in.Title)
	if in.Title == "" || len(in.Title) > 200 {
		bad.add("title", "Enter a title of up to 200 characters")
	}
	opens, closes := window(in.Opens, in.Closes, bad)
	rules := rulesFrom(q, base, in.Threshold, in.K, bad)
	s.checkTrusts(ctx, a, in.Trusts, bad)
	slug := s.slugFor(ctx, in, bad)
	if len(bad.Fields) == 0 && q != nil {
		s.checkOverlap(ctx, q.ID, in.Trusts, opens, closes, 0, bad)
	}
	if err := bad.err(); err != nil {
		return store.Review{}, err
	}
	rev, _, err := s.store.CreateReview(ctx, store.Review{
		Slug: slug, Title: in.Title, QuestionnaireID: q.ID, QuestionnaireVersion: q.Version, QuestionnaireHash: q.Hash,
		OpensAt: opens, ClosesAt: closes, Status: lifecycle.Draft, Rules: rules, PreviousID: previous,
	}, store.SourceOf(q), in.Trusts)
	if errors.Is(err, store.ErrConflict) {
		return store.Review{}, &Invalid{Fields: []FieldError{{"slug", "A review with this short name already exists"}}}
	}
	if err != nil {
		return store.Review{}, err
	}
	s.audit(ctx, a, "review_create", rev.ID, "%s (%s %s) %s to %s%s, threshold %g%%, k %d", rev.Slug, q.ID, q.Version,
		londonText(opens), londonText(closes), s.trustCodes(ctx, in.Trusts), rules.Threshold*100, rules.K)
	return rev, nil
}

func londonText(t time.Time) string { return t.In(lifecycle.London).Format("2006-01-02 15:04") }

// latest is the newest loaded version of a questionnaire id (files are
// listed in load order; a later file with the same id wins).
func (s *Service) latest(id string) *survey.Questionnaire {
	var out *survey.Questionnaire
	for _, q := range s.qs {
		if q.ID == id {
			out = q
		}
	}
	return out
}

func (s *Service) checkTrusts(ctx context.Context, a Actor, ids []int64, bad *Invalid) {
	if len(ids) == 0 {
		bad.add("trusts", "Select at least one trust taking part")
		return
	}
	seen := map[int64]bool{}
	for _, id := range ids {
		if _, err := s.Trust(ctx, a, id); err != nil || seen[id] {
			bad.add("trusts", "Select trusts from the list")
			return
		}
		seen[id] = true
	}
}

var slugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)

// slugFor is the slug typed, or one made from the title that is free.
func (s *Service) slugFor(ctx context.Context, in ReviewInput, bad *Invalid) string {
	if sl := strings.TrimSpace(in.Slug); sl != "" {
		if !slugPattern.MatchString(sl) {
			bad.add("slug", "Enter a short name of lower-case letters, digits and hyphens")
		}
		return sl
	}
	base := strings.Trim(regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(strings.ToLower(in.Title), "-"), "-")
	if len(base) > 56 {
		base = strings.TrimRight(base[:56], "-")
	}
	if base == "" {
		base = "review"
	}
	slug := base
	for i := 2; i < 100; i++ {
		if _, err := s.store.ReviewBySlug(ctx, slug); errors.Is(err, store.ErrNotFound) {
			return slug
		}
		slug = base + "-" + strconv.Itoa(i)
	}
	return slug
}

// checkOverlap refuses a window that overlaps another review of the same
// questionnaire that is not closed at any of the same trusts: staff would
// be asked the same questions twice at once.
func (s *Service) checkOverlap(ctx context.Context, qid string, trusts []int64, opens, closes time.Time, except int64, bad *Invalid) {
	reviews, err := s.store.ListReviews(ctx)
	if err != nil {
		bad.add("opens", "Could not check other reviews; try again")
		return
	}
	byReview, err := s.store.ReviewTrustIDs(ctx)
	if err != nil {
		bad.add("opens", "Could not check other reviews; try again")
		return
	}
	for _, r := range reviews {
		if r.ID == except || r.QuestionnaireID != qid || r.Status == lifecycle.Closed {
			continue
		}
		shared := slices.ContainsFunc(byReview[r.ID], func(t int64) bool { return slices.Contains(trusts, t) })
		if shared && opens.Before(r.ClosesAt) && r.OpensAt.Before(closes) {
			bad.add("opens", "These dates overlap %q (%s to %s) at a trust taking part in both; choose dates after it closes",
				r.Title, londonText(r.OpensAt), londonText(r.ClosesAt))
			return
		}
	}
}

// ReviewRow is a review in a list, with its state now.
type ReviewRow struct {
	store.Review
	State  string
	Trusts []store.Trust
}

// Reviews lists the reviews the actor may read, newest first.
func (s *Service) Reviews(ctx context.Context, a Actor) ([]ReviewRow, error) {
	all, err := s.store.ListReviews(ctx)
	if err != nil {
		return nil, err
	}
	var out []ReviewRow
	for _, r := range all {
		acc, err := s.Review(ctx, a, r.ID)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, ReviewRow{Review: r, State: s.State(r), Trusts: acc.Trusts})
	}
	return out, nil
}

// State is what people are told about a review now.
func (s *Service) State(r store.Review) string {
	return lifecycle.State(r.Status, r.OpensAt, r.ClosesAt, s.now())
}

// Open launches a draft: it takes answers from its opening time (at once
// when that has passed). from is the status the form was loaded with;
// ErrStale when the review has moved on since.
func (s *Service) Open(ctx context.Context, a Actor, id int64, from string) error {
	return s.move(ctx, a, id, from, lifecycle.Open, "review_open")
}

// Close stops a review taking answers, for good.
func (s *Service) Close(ctx context.Context, a Actor, id int64, from string) error {
	return s.move(ctx, a, id, from, lifecycle.Closed, "review_close")
}

func (s *Service) move(ctx context.Context, a Actor, id int64, from, to, action string) error {
	r, err := s.managed(ctx, a, id)
	if err != nil {
		return err
	}
	if from == "" {
		from = r.Status
	}
	if from != r.Status {
		return fmt.Errorf("review %s is %s, not %s: %w", r.Slug, r.Status, from, ErrStale)
	}
	if err := lifecycle.Transition(from, to); err != nil {
		return fmt.Errorf("review %s: %w", r.Slug, err)
	}
	if to == lifecycle.Open && !s.now().Before(r.ClosesAt) {
		return &Invalid{Fields: []FieldError{{"closes", "Its closing date has passed: create its next wave with new dates instead"}}}
	}
	err = s.store.ChangeReviewStatus(ctx, id, from, to)
	if errors.Is(err, store.ErrConflict) {
		return fmt.Errorf("review %s: %w", r.Slug, ErrStale)
	}
	if err != nil {
		return err
	}
	s.audit(ctx, a, action, id, "%s: %s to %s", r.Slug, from, to)
	return nil
}

// WaveInput is the next wave of a review: new dates, and optionally a new
// title.
type WaveInput struct {
	Title, Opens, Closes string
}

// NextWave creates a draft that repeats a review with new dates: the same
// questionnaire (the copy the previous wave was launched with, so the two
// compare item by item), trusts and rules, linked to the previous wave.
func (s *Service) NextWave(ctx context.Context, a Actor, prevID int64, in WaveInput) (store.Review, error) {
	prev, err := s.managed(ctx, a, prevID)
	if err != nil {
		return store.Review{}, err
	}
	q, err := s.questionnaire(ctx, prev.QuestionnaireHash)
	if err != nil {
		return store.Review{}, fmt.Errorf("next wave of %s: %w", prev.Slug, err)
	}
	if strings.TrimSpace(in.Title) == "" {
		in.Title = prev.Title + " (next wave)"
	}
	ri := ReviewInput{Title: in.Title, Questionnaire: q.ID, Trusts: trustIDs(prev.Trusts), Opens: in.Opens, Closes: in.Closes}
	rev, err := s.createReview(ctx, a, q, ri, prev.Rules, prev.ID, &Invalid{})
	return rev, err
}

// Links are a review's respondent links, one per trust.
func (s *Service) Links(ctx context.Context, a Actor, id int64) ([]store.ReviewLink, error) {
	if _, err := s.Review(ctx, a, id); err != nil {
		return nil, err
	}
	return s.store.ReviewLinks(ctx, id)
}

// Link is the link of one trust of a review.
func (s *Service) Link(ctx context.Context, a Actor, id, trustID int64) (store.ReviewLink, error) {
	links, err := s.Links(ctx, a, id)
	if err != nil {
		return store.ReviewLink{}, err
	}
	for _, l := range links {
		if l.Trust.ID == trustID {
			return l, nil
		}
	}
	return store.ReviewLink{}, fmt.Errorf("review %d trust %d: %w", id, trustID, ErrNotFound)
}

// Questionnaire is the questionnaire a review the actor may read was
// launched with.
func (s *Service) Questionnaire(ctx context.Context, a Actor, id int64) (*survey.Questionnaire, error) {
	r, err := s.Review(ctx, a, id)
	if err != nil {
		return nil, err
	}
	return s.questionnaire(ctx, r.QuestionnaireHash)
}

// Grantees lists the researchers granted a review the actor manages.
func (s *Service) Grantees(ctx context.Context, a Actor, id int64) ([]store.User, error) {
	if _, err := s.managed(ctx, a, id); err != nil {
		return nil, err
	}
	return s.store.Grantees(ctx, id)
}

// Grant gives a researcher read access to a review the actor manages.
// When no account has the address, an R&D office admin or platform admin
// creates a researcher account, and its one-time password is returned.
func (s *Service) Grant(ctx context.Context, a Actor, id int64, email string) (string, error) {
	r, err := s.managed(ctx, a, id)
	if err != nil {
		return "", err
	}
	u, err := s.store.UserByEmail(ctx, email)
	oneTime := ""
	if errors.Is(err, store.ErrNotFound) {
		u, oneTime, err = s.CreateUser(ctx, a, NewUser{Email: email, Role: RoleResearcher})
	}
	if err != nil {
		return "", err
	}
	if u.Role != RoleResearcher {
		return "", &Invalid{Fields: []FieldError{{"email", "This account is not a researcher's; admins reach reviews through their role"}}}
	}
	if err := s.store.GrantReview(ctx, u.ID, id); err != nil {
		return "", err
	}
	s.audit(ctx, a, "grant", id, "%s granted read access to %s", u.Email, r.Slug)
	return oneTime, nil
}

// Revoke takes a researcher's access to a review the actor manages away.
func (s *Service) Revoke(ctx context.Context, a Actor, id, userID int64) error {
	r, err := s.managed(ctx, a, id)
	if err != nil {
		return err
	}
	u, err := s.store.User(ctx, userID)
	if err != nil {
		return err
	}
	if err := s.store.RevokeReview(ctx, userID, id); err != nil {
		return err
	}
	s.audit(ctx, a, "revoke", id, "%s no longer reads %s", u.Email, r.Slug)
	return nil
}

// TryOut lets a manager take a review as a respondent at one of its
// trusts (0: the first): start begins a response marked as a test (the
// respondent flow's job), which the dashboard counts apart and the
// analysis leaves out. A test response started is recorded in the audit
// trail.
func (s *Service) TryOut(ctx context.Context, a Actor, id, trustID int64, start func(key string) error) error {
	r, err := s.managed(ctx, a, id)
	if err != nil {
		return err
	}
	if trustID == 0 && len(r.Trusts) > 0 {
		trustID = r.Trusts[0].ID
	}
	l, err := s.Link(ctx, a, id, trustID)
	if err != nil {
		return err
	}
	if err := start(l.Key); err != nil {
		return err
	}
	s.audit(ctx, a, "preview_response", id, "%s: a test response at %s", r.Slug, l.Trust.Code)
	return nil
}
