package store

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var adminCases = []storeCase{
	{"AuditLogIsAppendOnly", testAuditAppendOnly},
	{"AuditChainShowsTampering", testAuditChain},
	{"ImportTrustsAllOrNothing", testImportTrusts},
	{"ReviewStatusChangeIsConditional", testChangeReviewStatus},
	{"UsersTrustsGrantsSessions", testUsers},
	{"WaveKeepsItsPrevious", testWavePrevious},
}

// The database itself refuses to change or remove audit entries, even to
// a caller going around the store's methods.
func testAuditAppendOnly(t *testing.T, e *env) {
	entry, err := e.s.AppendAudit(e.ctx, AuditEntry{Actor: "a@example.nhs.uk", Action: "sign_in", Rows: -1})
	errIs(t, "AppendAudit", err, nil)
	if err := e.s.writer.Exec("UPDATE audit_log SET actor = 'someone else' WHERE id = ?", entry.ID).Error; err == nil {
		t.Error("UPDATE of an audit entry succeeded")
	}
	if err := e.s.writer.Exec("DELETE FROM audit_log WHERE id = ?", entry.ID).Error; err == nil {
		t.Error("DELETE of an audit entry succeeded")
	}
	if e.s.driver == DriverPostgres {
		if err := e.s.writer.Exec("TRUNCATE audit_log").Error; err == nil {
			t.Error("TRUNCATE of the audit log succeeded")
		}
	}
	got, err := e.s.ListAudit(e.ctx, 0, 10)
	errIs(t, "ListAudit", err, nil)
	if len(got) != 1 || got[0].Actor != "a@example.nhs.uk" {
		t.Errorf("audit after tampering attempts = %+v", got)
	}
}

// Each entry's hash covers the one before: the chain verifies, and an
// entry inserted out of the chain is found.
func testAuditChain(t *testing.T, e *env) {
	for i, a := range []string{"sign_in", "review_open", "download"} {
		rows := -1
		if a == "download" {
			rows = 42
		}
		e.clock.Set(testNow.Add(time.Duration(i) * time.Minute))
		_, err := e.s.AppendAudit(e.ctx, AuditEntry{Actor: "a@example.nhs.uk", Action: a, ReviewID: 0, Rows: rows, FileSHA256: "ab"})
		errIs(t, "AppendAudit", err, nil)
	}
	broken, checked, err := e.s.VerifyAudit(e.ctx)
	errIs(t, "VerifyAudit", err, nil)
	if broken != 0 || checked != 3 {
		t.Fatalf("VerifyAudit = broken %d, checked %d; want 0, 3", broken, checked)
	}
	list, _ := e.s.ListAudit(e.ctx, 0, 1)
	if list[0].Rows != 42 || list[0].Action != "download" {
		t.Errorf("newest entry = %+v", list[0])
	}
	forged := auditRow{At: testNow, Actor: "x", Action: "forged", PrevHash: list[0].Hash, Hash: "0000"}
	errIs(t, "insert forged entry", e.s.writer.Create(&forged).Error, nil)
	broken, _, _ = e.s.VerifyAudit(e.ctx)
	if broken != forged.ID {
		t.Errorf("VerifyAudit found %d, want the forged entry %d", broken, forged.ID)
	}
}

func testImportTrusts(t *testing.T, e *env) {
	_, err := e.s.CreateTrust(e.ctx, testTrusts[0])
	errIs(t, "CreateTrust", err, nil)
	rename := testTrusts[0]
	rename.Name, rename.Kind = "Riverside Teaching Hospitals", "acute"
	created, err := e.s.ImportTrusts(e.ctx, []Trust{rename, {Code: "W11", Name: "Betsi", Nation: NationWales, Quintile: 3, Kind: "health_board"}})
	errIs(t, "ImportTrusts", err, nil)
	if created != 1 {
		t.Errorf("created = %d, want 1", created)
	}
	got, _ := e.s.TrustByCode(e.ctx, "RX1")
	if got.Name != rename.Name || got.Kind != "acute" {
		t.Errorf("updated trust = %+v", got)
	}
	before := e.counts()["trusts"]
	_, err = e.s.ImportTrusts(e.ctx, []Trust{{Code: "NEW", Name: "New", Nation: NationEngland, Quintile: 2}, {Code: "BAD", Name: "Bad", Nation: NationEngland, Quintile: 9}})
	errIs(t, "ImportTrusts with a bad row", err, ErrInvalid)
	if after := e.counts()["trusts"]; after != before {
		t.Errorf("a failed import changed the trusts: %d → %d", before, after)
	}
}

func testChangeReviewStatus(t *testing.T, e *env) {
	f := e.fixture()
	errIs(t, "open → closed", e.s.ChangeReviewStatus(e.ctx, f.review.ID, ReviewOpen, ReviewClosed), nil)
	errIs(t, "open → closed again (stale)", e.s.ChangeReviewStatus(e.ctx, f.review.ID, ReviewOpen, ReviewClosed), ErrConflict)
	errIs(t, "missing review", e.s.ChangeReviewStatus(e.ctx, 999, ReviewOpen, ReviewClosed), ErrNotFound)
	got, _ := e.s.Review(e.ctx, f.review.ID)
	if got.Status != ReviewClosed {
		t.Errorf("status = %s", got.Status)
	}
}

func testUsers(t *testing.T, e *env) {
	f := e.fixture()
	u, err := e.s.CreateUser(e.ctx, User{Email: " Office@Example.NHS.uk ", Role: RoleRDAdmin, PasswordHash: "h", MustChangePassword: true, Trusts: []int64{f.trusts[0].ID}})
	errIs(t, "CreateUser", err, nil)
	_, err = e.s.CreateUser(e.ctx, User{Email: "office@example.nhs.uk", Role: RoleResearcher, PasswordHash: "h"})
	errIs(t, "CreateUser with a taken address", err, ErrConflict)
	_, err = e.s.CreateUser(e.ctx, User{Email: "x@example.nhs.uk", Role: "king", PasswordHash: "h"})
	errIs(t, "CreateUser with an unknown role", err, ErrInvalid)
	got, err := e.s.UserByEmail(e.ctx, "OFFICE@example.nhs.uk")
	errIs(t, "UserByEmail", err, nil)
	if diff := cmp.Diff(u, got); diff != "" || got.Email != "office@example.nhs.uk" {
		t.Errorf("UserByEmail (-created +read):\n%s", diff)
	}
	lock := testNow.Add(time.Minute)
	errIs(t, "RecordSignin", e.s.RecordSignin(e.ctx, u.ID, 5, lock), nil)
	got, _ = e.s.User(e.ctx, u.ID)
	if got.FailedSignins != 5 || !got.LockedUntil.Equal(lock) {
		t.Errorf("after failures: %+v", got)
	}
	errIs(t, "SetPassword", e.s.SetPassword(e.ctx, u.ID, "h2", false), nil)
	got, _ = e.s.User(e.ctx, u.ID)
	if got.PasswordHash != "h2" || got.MustChangePassword || got.FailedSignins != 0 || !got.LockedUntil.IsZero() {
		t.Errorf("after SetPassword: %+v", got)
	}
	errIs(t, "GrantReview", e.s.GrantReview(e.ctx, u.ID, f.review.ID), nil)
	errIs(t, "GrantReview twice", e.s.GrantReview(e.ctx, u.ID, f.review.ID), nil)
	ids, _ := e.s.GrantedReviews(e.ctx, u.ID)
	if len(ids) != 1 || ids[0] != f.review.ID {
		t.Errorf("GrantedReviews = %v", ids)
	}
	errIs(t, "RevokeReview", e.s.RevokeReview(e.ctx, u.ID, f.review.ID), nil)
	if ids, _ := e.s.GrantedReviews(e.ctx, u.ID); len(ids) != 0 {
		t.Errorf("GrantedReviews after revoke = %v", ids)
	}
	se := Session{TokenHash: []byte("0123456789abcdef0123456789abcdef"), UserID: u.ID, CSRF: "c", CreatedAt: testNow, SeenAt: testNow}
	errIs(t, "CreateSession", e.s.CreateSession(e.ctx, se), nil)
	errIs(t, "TouchSession", e.s.TouchSession(e.ctx, se.TokenHash, testNow.Add(time.Minute)), nil)
	read, err := e.s.SessionByHash(e.ctx, se.TokenHash)
	errIs(t, "SessionByHash", err, nil)
	if !read.SeenAt.Equal(testNow.Add(time.Minute)) || read.UserID != u.ID {
		t.Errorf("session = %+v", read)
	}
	errIs(t, "DeleteUserSessions", e.s.DeleteUserSessions(e.ctx, u.ID), nil)
	_, err = e.s.SessionByHash(e.ctx, se.TokenHash)
	errIs(t, "SessionByHash after delete", err, ErrNotFound)
}

func testWavePrevious(t *testing.T, e *env) {
	f := e.fixture()
	next := testReview("wave-2")
	next.PreviousID = f.review.ID
	rev, _, err := e.s.CreateReview(e.ctx, next, testSource, []int64{f.trusts[0].ID})
	errIs(t, "CreateReview", err, nil)
	got, _ := e.s.Review(e.ctx, rev.ID)
	if got.PreviousID != f.review.ID {
		t.Errorf("PreviousID = %d, want %d", got.PreviousID, f.review.ID)
	}
	if first, _ := e.s.Review(e.ctx, f.review.ID); first.PreviousID != 0 {
		t.Errorf("first wave PreviousID = %d", first.PreviousID)
	}
}
