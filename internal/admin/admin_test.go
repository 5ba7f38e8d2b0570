package admin

import (
	"context"
	"errors"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/researchpulse/pulse/internal/lifecycle"
	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

// testCost keeps argon2 cheap in tests; the format and checks are the same.
var testCost = PasswordCost{Memory: 64, Time: 1, Threads: 1}

type fixture struct {
	t     testing.TB
	ctx   context.Context
	st    *store.Store
	svc   *Service
	now   time.Time
	q     *survey.Questionnaire
	t1    store.Trust
	t2    store.Trust
	admin Actor // platform
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	f := &fixture{t: t, ctx: context.Background(), now: time.Date(2026, 11, 22, 14, 0, 0, 0, time.UTC)}
	st, err := store.Open(f.ctx, store.Config{Path: filepath.Join(t.TempDir(), "pulse.db"), Now: func() time.Time { return f.now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	_, file, _, _ := runtime.Caller(0)
	q, err := survey.LoadFile(filepath.Join(filepath.Dir(file), "..", "..", "questionnaires", "research-engagement.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	f.st, f.q = st, q
	f.svc = New(Config{Store: st, Questionnaires: []*survey.Questionnaire{q}, Now: func() time.Time { return f.now }, PasswordCost: testCost,
		Lookup: func(_ context.Context, h string) (*survey.Questionnaire, error) {
			if h == q.Hash {
				return q, nil
			}
			return nil, ErrNotFound
		}})
	f.t1, _ = st.CreateTrust(f.ctx, store.Trust{Code: "RM1", Name: "Northfield", Nation: "england", Quintile: 1, Kind: "acute"})
	f.t2, _ = st.CreateTrust(f.ctx, store.Trust{Code: "RL4", Name: "Southmoor", Nation: "england", Quintile: 4, Kind: "community"})
	f.admin = CommandLine
	return f
}

func (f *fixture) user(email, role string, trusts ...int64) Actor {
	f.t.Helper()
	_, err := f.svc.store.CreateUser(f.ctx, store.User{Email: email, Role: role, Trusts: trusts, PasswordHash: f.svc.hashPassword("correct horse battery")})
	if err != nil {
		f.t.Fatal(err)
	}
	a, err := f.svc.ActorOf(f.ctx, email)
	if err != nil {
		f.t.Fatal(err)
	}
	return a
}

func (f *fixture) review(a Actor, title string, trusts ...int64) store.Review {
	f.t.Helper()
	r, err := f.svc.CreateReview(f.ctx, a, ReviewInput{Title: title, Questionnaire: f.q.ID, Trusts: trusts, Opens: "2026-12-01", Closes: "2026-12-15"})
	if err != nil {
		f.t.Fatal(err)
	}
	return r
}

func fields(err error) []string {
	var inv *Invalid
	if !errors.As(err, &inv) {
		return nil
	}
	var out []string
	for _, f := range inv.Fields {
		out = append(out, f.Field+": "+f.Message)
	}
	return out
}

func TestPasswordHash(t *testing.T) {
	f := newFixture(t)
	h := f.svc.hashPassword("correct horse battery")
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("hash %q", h)
	}
	for pw, want := range map[string]bool{"correct horse battery": true, "correct horse batterY": false, "": false} {
		if ok, err := f.svc.checkPassword(h, pw); ok != want || err != nil {
			t.Errorf("checkPassword(%q) = %v, %v", pw, ok, err)
		}
	}
	if h2 := f.svc.hashPassword("correct horse battery"); h2 == h {
		t.Error("two hashes of one password are equal: no fresh salt")
	}
}

func TestSignInThrottleAndSessions(t *testing.T) {
	f := newFixture(t)
	f.user("office@example.nhs.uk", RoleRDAdmin, f.t1.ID)
	for i := 1; i <= freeSignins; i++ {
		_, err := f.svc.SignIn(f.ctx, "office@example.nhs.uk", "wrong password")
		want := ErrBadSignIn
		if i == freeSignins {
			want = ErrThrottled
		}
		if !errors.Is(err, want) {
			t.Fatalf("attempt %d: %v, want %v", i, err, want)
		}
	}
	if _, err := f.svc.SignIn(f.ctx, "office@example.nhs.uk", "correct horse battery"); !errors.Is(err, ErrThrottled) {
		t.Fatalf("right password while locked: %v", err)
	}
	// Unknown addresses are throttled the same way.
	var last error
	for range freeSignins {
		_, last = f.svc.SignIn(f.ctx, "nobody@example.nhs.uk", "x")
	}
	if !errors.Is(last, ErrThrottled) {
		t.Errorf("unknown address after %d failures: %v", freeSignins, last)
	}
	f.now = f.now.Add(2 * time.Minute)
	in, err := f.svc.SignIn(f.ctx, "Office@Example.nhs.uk", "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	se, err := f.svc.Resume(f.ctx, in.Token)
	if err != nil || se.Email() != "office@example.nhs.uk" || se.CSRF != in.CSRF {
		t.Fatalf("Resume = %+v, %v", se, err)
	}
	f.now = f.now.Add(IdleTimeout)
	if _, err := f.svc.Resume(f.ctx, in.Token); !errors.Is(err, ErrSessionEnded) {
		t.Errorf("after the idle timeout: %v", err)
	}
	// Absolute timeout, even when used all the time.
	in, _ = f.svc.SignIn(f.ctx, "office@example.nhs.uk", "correct horse battery")
	for elapsed := time.Duration(0); elapsed < AbsoluteTimeout-IdleTimeout; elapsed += 20 * time.Minute {
		f.now = f.now.Add(20 * time.Minute)
		if _, err := f.svc.Resume(f.ctx, in.Token); err != nil {
			t.Fatalf("in use after %s: %v", elapsed, err)
		}
	}
	f.now = f.now.Add(IdleTimeout)
	if _, err := f.svc.Resume(f.ctx, in.Token); !errors.Is(err, ErrSessionEnded) {
		t.Errorf("after the absolute timeout: %v", err)
	}
}

func TestFirstAdminMustChangePassword(t *testing.T) {
	f := newFixture(t)
	pw, err := f.svc.EnsureFirstAdmin(f.ctx, "admin@pulse.localhost")
	if err != nil || len(pw) < 20 {
		t.Fatalf("EnsureFirstAdmin = %q, %v", pw, err)
	}
	if again, _ := f.svc.EnsureFirstAdmin(f.ctx, "admin@pulse.localhost"); again != "" {
		t.Error("a second first admin was made")
	}
	in, err := f.svc.SignIn(f.ctx, "admin@pulse.localhost", pw)
	if err != nil || !in.User.MustChangePassword {
		t.Fatalf("sign in with the one-time password: %+v %v", in.User, err)
	}
	se, _ := f.svc.Resume(f.ctx, in.Token)
	if got := fields(func() error { _, err := f.svc.ChangePassword(f.ctx, se.Actor, pw, "short", "short"); return err }()); len(got) != 1 {
		t.Errorf("short password: %v", got)
	}
	out, err := f.svc.ChangePassword(f.ctx, se.Actor, pw, "a much longer passphrase", "a much longer passphrase")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Resume(f.ctx, in.Token); !errors.Is(err, ErrSessionEnded) {
		t.Error("the session from before the change still works")
	}
	if se, err := f.svc.Resume(f.ctx, out.Token); err != nil || se.MustChangePassword() {
		t.Errorf("new session: %v %v", se.MustChangePassword(), err)
	}
}

func TestTrustCSV(t *testing.T) {
	good := "code,name,nation,type,quintile\nRX1,Riverside,England,Acute,1\nw11,Betsi,wales,health board,4\n"
	ts, err := ParseTrustCSV(strings.NewReader(good))
	if err != nil || len(ts) != 2 || ts[1].Code != "W11" || ts[1].Kind != "health_board" || ts[1].Nation != "wales" {
		t.Fatalf("ParseTrustCSV = %+v, %v", ts, err)
	}
	bad := "Code,Name,Nation,Type,Quintile\nRX1,Riverside,England,Acute,6\nRX2,Other,Atlantis,acute,2\nRX1,Again,England,acute,1\n"
	got := fields(func() error { _, err := ParseTrustCSV(strings.NewReader(bad)); return err }())
	want := []string{
		`line 2: quintile: CRN activity quintile must be a whole number from 1 to 5, not "6"`,
		`line 3: nation: Nation must be England, Scotland, Wales or Northern Ireland, not "Atlantis"`,
		`line 4: code: code RX1 is also on line 2`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := fields(func() error { _, err := ParseTrustCSV(strings.NewReader("code,name\nA,B\n")); return err }()); len(got) != 3 {
		t.Errorf("missing columns: %v", got)
	}
	f := newFixture(t)
	before, _ := f.st.ListTrusts(f.ctx)
	if _, err := f.svc.ImportTrusts(f.ctx, CommandLine, strings.NewReader(bad), "bad.csv"); err == nil {
		t.Fatal("bad import accepted")
	}
	if after, _ := f.st.ListTrusts(f.ctx); len(after) != len(before) {
		t.Error("a bad import saved trusts")
	}
	res, err := f.svc.ImportTrusts(f.ctx, CommandLine, strings.NewReader(good+"RM1,Northfield Teaching,england,acute,2\n"), "good.csv")
	if err != nil || res.Created != 2 || res.Updated != 1 {
		t.Errorf("import = %+v, %v", res, err)
	}
}

func TestReviewRules(t *testing.T) {
	f := newFixture(t)
	rdA := f.user("a@example.nhs.uk", RoleRDAdmin, f.t1.ID)
	res := f.user("r@example.nhs.uk", RoleResearcher)
	cases := []struct {
		name string
		in   ReviewInput
		want string
	}{
		{"inverted dates", ReviewInput{Title: "X", Questionnaire: f.q.ID, Trusts: []int64{f.t1.ID}, Opens: "2026-12-15", Closes: "2026-12-01"}, "closes: The closing date must be after the opening date"},
		{"no trusts", ReviewInput{Title: "X", Questionnaire: f.q.ID, Opens: "2026-12-01", Closes: "2026-12-15"}, "trusts: Select at least one trust taking part"},
		{"another trust", ReviewInput{Title: "X", Questionnaire: f.q.ID, Trusts: []int64{f.t2.ID}, Opens: "2026-12-01", Closes: "2026-12-15"}, "trusts: Select trusts from the list"},
		{"unknown questionnaire", ReviewInput{Title: "X", Questionnaire: "nope", Trusts: []int64{f.t1.ID}, Opens: "2026-12-01", Closes: "2026-12-15"}, "questionnaire: Select a questionnaire that passes its checks"},
		{"k too small", ReviewInput{Title: "X", Questionnaire: f.q.ID, Trusts: []int64{f.t1.ID}, Opens: "2026-12-01", Closes: "2026-12-15", K: "3"}, "k: Enter a smallest group size of at least 5"},
	}
	for _, c := range cases {
		_, err := f.svc.CreateReview(f.ctx, rdA, c.in)
		if got := fields(err); len(got) != 1 || got[0] != c.want {
			t.Errorf("%s: %v, want %q", c.name, got, c.want)
		}
	}
	if _, err := f.svc.CreateReview(f.ctx, res, cases[0].in); !errors.Is(err, ErrForbidden) {
		t.Errorf("researcher creating a review: %v", err)
	}
	r := f.review(rdA, "Engagement 2026", f.t1.ID)
	if r.Status != lifecycle.Draft || r.Slug != "engagement-2026" || r.Rules.K != 10 || r.Rules.Threshold != 0.3 {
		t.Fatalf("created %+v", r)
	}
	_, err := f.svc.CreateReview(f.ctx, f.admin, ReviewInput{Title: "Overlap", Questionnaire: f.q.ID, Trusts: []int64{f.t1.ID, f.t2.ID}, Opens: "2026-12-10", Closes: "2026-12-20"})
	if got := fields(err); len(got) != 1 || !strings.HasPrefix(got[0], "opens: These dates overlap") {
		t.Errorf("overlap: %v", got)
	}
	// Transitions, with stale forms.
	if err := f.svc.Close(f.ctx, rdA, r.ID, lifecycle.Open); !errors.Is(err, ErrStale) {
		t.Errorf("close with a stale form: %v", err)
	}
	if err := f.svc.Open(f.ctx, rdA, r.ID, lifecycle.Draft); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.st.Review(f.ctx, r.ID); f.svc.State(got) != lifecycle.StateScheduled {
		t.Errorf("state before the opening date = %s", f.svc.State(got))
	}
	if err := f.svc.Open(f.ctx, rdA, r.ID, lifecycle.Open); !errors.Is(err, lifecycle.ErrTransition) {
		t.Errorf("open an open review: %v", err)
	}
	if err := f.svc.Close(f.ctx, rdA, r.ID, lifecycle.Open); err != nil {
		t.Fatal(err)
	}
	// Next wave: same questionnaire copy, trusts and rules; linked.
	w, err := f.svc.NextWave(f.ctx, rdA, r.ID, WaveInput{Opens: "2027-06-01", Closes: "2027-06-15"})
	if err != nil {
		t.Fatal(err)
	}
	if w.PreviousID != r.ID || w.QuestionnaireHash != r.QuestionnaireHash || w.Rules.K != r.Rules.K || w.Status != lifecycle.Draft {
		t.Errorf("next wave %+v", w)
	}
	// Scope: another trust's admin and an ungranted researcher see nothing.
	rdB := f.user("b@example.nhs.uk", RoleRDAdmin, f.t2.ID)
	for _, a := range []Actor{rdB, res} {
		if _, err := f.svc.Review(f.ctx, a, r.ID); !errors.Is(err, ErrNotFound) {
			t.Errorf("%s reads another's review: %v", a.Email(), err)
		}
	}
	if _, err := f.svc.Grant(f.ctx, rdA, r.ID, "r@example.nhs.uk"); err != nil {
		t.Fatal(err)
	}
	res, _ = f.svc.ActorOf(f.ctx, "r@example.nhs.uk")
	acc, err := f.svc.Review(f.ctx, res, r.ID)
	if err != nil || acc.Manage {
		t.Errorf("granted researcher: manage=%v err=%v", acc.Manage, err)
	}
	if err := f.svc.Close(f.ctx, res, w.ID, lifecycle.Draft); !errors.Is(err, ErrNotFound) {
		t.Errorf("researcher closing a review: %v", err)
	}
}
