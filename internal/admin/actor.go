package admin

import (
	"context"
	"fmt"
	"slices"

	"github.com/researchpulse/pulse/internal/store"
)

// Actor is who is asking, with what they may reach: a platform admin
// reaches everything; an R&D office admin the trusts they look after and
// the reviews run wholly at those trusts; a researcher only the reviews
// they were granted, read-only. Anything out of reach is ErrNotFound, so
// its existence is not given away.
type Actor struct {
	user    store.User
	cli     bool
	reviews []int64 // reviews a researcher was granted
}

// CommandLine is the operator at the server's own command line, who can
// do everything a platform admin can.
var CommandLine = Actor{cli: true}

// Anonymous is nobody signed in.
var Anonymous = Actor{}

// actor loads the account and its grants.
func (s *Service) actor(ctx context.Context, userID int64) (Actor, error) {
	u, err := s.store.User(ctx, userID)
	if err != nil {
		return Actor{}, err
	}
	a := Actor{user: u}
	if u.Role == RoleResearcher {
		if a.reviews, err = s.store.GrantedReviews(ctx, u.ID); err != nil {
			return Actor{}, err
		}
	}
	return a, nil
}

// ActorOf is the actor of an account, for tests and the command line.
func (s *Service) ActorOf(ctx context.Context, email string) (Actor, error) {
	u, err := s.store.UserByEmail(ctx, email)
	if err != nil {
		return Actor{}, err
	}
	return s.actor(ctx, u.ID)
}

// Signed reports whether anyone is signed in (or at the command line).
func (a Actor) Signed() bool { return a.cli || a.user.ID != 0 }

// Platform reports whether the actor can do everything.
func (a Actor) Platform() bool { return a.cli || a.user.Role == RolePlatformAdmin }

// Role is the actor's role (platform admin at the command line).
func (a Actor) Role() string {
	if a.cli {
		return RolePlatformAdmin
	}
	return a.user.Role
}

// UserID is the account's id (0 at the command line).
func (a Actor) UserID() int64 { return a.user.ID }

// Email is the account's address.
func (a Actor) Email() string { return a.user.Email }

// MustChangePassword reports whether the account still has a one-time
// password.
func (a Actor) MustChangePassword() bool { return a.user.MustChangePassword }

// name is how the audit log names the actor.
func (a Actor) name() string {
	switch {
	case a.cli:
		return "command line"
	case a.user.Email == "":
		return "anonymous"
	}
	return a.user.Email
}

// Trusts lists the trusts an R&D office admin looks after.
func (a Actor) Trusts() []int64 { return a.user.Trusts }

// HasTrust reports whether the actor looks after trust id.
func (a Actor) HasTrust(id int64) bool {
	return a.Platform() || (a.user.Role == RoleRDAdmin && slices.Contains(a.user.Trusts, id))
}

// ownsAll reports whether every trust is the actor's.
func (a Actor) ownsAll(trusts []int64) bool {
	if len(trusts) == 0 {
		return a.Platform()
	}
	for _, t := range trusts {
		if !a.HasTrust(t) {
			return false
		}
	}
	return true
}

// CanManage reports whether the actor may change a review running at
// these trusts (open, close, next wave, grant access): a platform admin,
// or an R&D office admin of every one of them.
func (a Actor) CanManage(reviewTrusts []int64) bool { return a.ownsAll(reviewTrusts) }

// CanRead reports whether the actor may see a review's dashboard,
// analysis and downloads: those who may manage it, and researchers it was
// granted to.
func (a Actor) CanRead(reviewID int64, reviewTrusts []int64) bool {
	if a.user.Role == RoleResearcher {
		return slices.Contains(a.reviews, reviewID)
	}
	return a.CanManage(reviewTrusts)
}

// CanCreateReviews reports whether the actor may create reviews at all.
func (a Actor) CanCreateReviews() bool { return a.Platform() || a.user.Role == RoleRDAdmin }

// ReviewAccess is a review with what the actor may do with it.
type ReviewAccess struct {
	store.Review
	Trusts []store.Trust
	Manage bool
}

// Review loads a review the actor may read, or ErrNotFound.
func (s *Service) Review(ctx context.Context, a Actor, id int64) (ReviewAccess, error) {
	rev, err := s.store.Review(ctx, id)
	if err != nil {
		return ReviewAccess{}, err
	}
	trusts, err := s.store.ReviewTrusts(ctx, id)
	if err != nil {
		return ReviewAccess{}, err
	}
	ids := trustIDs(trusts)
	if !a.CanRead(id, ids) {
		return ReviewAccess{}, fmt.Errorf("review %d: %w", id, ErrNotFound)
	}
	return ReviewAccess{Review: rev, Trusts: trusts, Manage: a.CanManage(ids) && a.user.Role != RoleResearcher}, nil
}

// managed loads a review the actor may change, or ErrNotFound.
func (s *Service) managed(ctx context.Context, a Actor, id int64) (ReviewAccess, error) {
	r, err := s.Review(ctx, a, id)
	if err != nil {
		return ReviewAccess{}, err
	}
	if !r.Manage {
		return ReviewAccess{}, fmt.Errorf("change review %d: %w", id, ErrNotFound)
	}
	return r, nil
}

func trustIDs(ts []store.Trust) []int64 {
	out := make([]int64, len(ts))
	for i, t := range ts {
		out[i] = t.ID
	}
	return out
}
