package browsertest

import (
	"context"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/researchpulse/pulse/internal/admin"
	"github.com/researchpulse/pulse/internal/server"
	"github.com/researchpulse/pulse/internal/server/servertest"
	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

// The administrative side in a real browser: signing in, launching a
// review, reading its dashboard and downloading, on a phone and a
// desktop, with axe-core on every page.

const (
	officeEmail    = "office@example.nhs.uk"
	officePassword = "a long enough passphrase"
)

type adminSite struct {
	*site
	Svc *admin.Service
}

func newAdminSite(t *testing.T) *adminSite {
	t.Helper()
	f := servertest.New(t)
	svc := admin.New(admin.Config{Store: f.Store, Questionnaires: []*survey.Questionnaire{f.Bundled, f.Mini, f.Careers},
		Lookup: f.Flow.Questionnaire, Now: f.Now, PasswordCost: admin.PasswordCost{Memory: 64, Time: 1, Threads: 1}})
	ctx := context.Background()
	var trusts []int64
	for _, code := range []string{"RM1", "RL4"} {
		tr, err := f.Store.TrustByCode(ctx, code)
		if err != nil {
			t.Fatal(err)
		}
		trusts = append(trusts, tr.ID)
	}
	if _, _, err := svc.CreateUser(ctx, admin.CommandLine, admin.NewUser{Email: officeEmail, Role: admin.RoleRDAdmin, Trusts: trusts, Password: officePassword}); err != nil {
		t.Fatal(err)
	}
	srv, err := server.New(server.Config{Store: f.Store, Flow: f.Flow, Admin: svc, BaseURL: "http://pulse.test"})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return &adminSite{site: &site{Fixture: f, URL: ts.URL}, Svc: svc}
}

// signIn signs in through the form.
func (d *device) signIn(email, password string) {
	d.t.Helper()
	d.open("/admin")
	if p := d.path(); !strings.HasPrefix(p, "/admin/sign-in") {
		d.t.Fatalf("not sent to sign in: %s", p)
	}
	d.typeInto("email", email)
	d.typeInto("password", password)
	d.submit()
	if p := d.path(); p != "/admin" {
		d.t.Fatalf("after signing in: %s", p)
	}
}

// checkByValue ticks the checkbox or radio of a group with a value.
func (d *device) checkByValue(name, value string) {
	d.t.Helper()
	id := eval[string](d, `(document.querySelector('input[name='+CSS.escape(`+js(name)+`)+'][value='+CSS.escape(`+js(value)+`)+']') || {id: ''}).id`)
	if id == "" {
		d.t.Fatalf("%s: no %s option %q", d.path(), name, value)
	}
	d.do(chromedp.Click(chromedp.CSS(`label[for="` + id + `"]`)))
}

func (d *device) noSideScroll(name string) {
	d.t.Helper()
	if w, vw := eval[int](d, `document.documentElement.scrollWidth`), eval[int](d, `window.innerWidth`); w > vw {
		d.t.Errorf("%s: page is %d px wide in a %d px viewport", name, w, vw)
	}
}

func adminJourney(t *testing.T, width, height int64) {
	s := newAdminSite(t)
	var summary []string
	defer func() { t.Log("axe-core results:\n" + strings.Join(summary, "\n")) }()
	d := newDevice(t, s.URL)
	if width < 500 {
		d.do(chromedp.EmulateViewport(width, height, chromedp.EmulateMobile))
	} else {
		d.do(chromedp.EmulateViewport(width, height))
	}
	d.open("/admin/sign-in")
	d.axe("sign in", &summary)
	d.typeInto("email", officeEmail)
	d.typeInto("password", "wrong password")
	d.submit()
	d.axe("sign in with an error", &summary)
	d.typeInto("password", officePassword)
	d.submit()
	if p := d.path(); p != "/admin" {
		t.Fatalf("after signing in: %s", p)
	}
	d.axe("reviews", &summary)
	d.noSideScroll("reviews")

	// Launch a review: a bad form first, then a good one; open it.
	d.open("/admin/reviews/new")
	d.axe("new review", &summary)
	d.submit()
	if !eval[bool](d, `document.activeElement && document.activeElement.classList.contains('nhsuk-error-summary')`) {
		t.Error("the error summary does not take focus")
	}
	d.axe("new review with errors", &summary)
	d.typeInto("title", "Careers review 2026")
	d.checkByValue("questionnaire", s.Careers.ID)
	rm1, _ := s.Store.TrustByCode(context.Background(), "RM1")
	d.checkByValue("trusts", strconv.FormatInt(rm1.ID, 10))
	d.typeInto("opens", "2026-11-22")
	d.typeInto("closes", "2026-12-20T17:00")
	d.submit()
	if !strings.Contains(d.path(), "?done=created") {
		t.Fatalf("after creating: %s (%s)", d.path(), d.text("maincontent"))
	}
	d.axe("draft review", &summary)
	d.submit() // Open the review
	if !strings.Contains(d.path(), "?done=opened") || !strings.Contains(d.text("maincontent"), "Close the review now") {
		t.Fatalf("after opening: %s", d.path())
	}
	d.axe("open review with links", &summary)
	d.noSideScroll("open review")
	link := eval[string](d, `document.querySelector('.pulse-link').textContent`)
	key := link[strings.LastIndex(link, "/")+1:]
	if status := newDevice(t, s.URL).open(linkPath(key)); status != 200 {
		t.Errorf("the new review's respondent link answers %d", status)
	}

	// Read a dashboard with responses: small numbers are withheld.
	rev, _ := s.Store.ReviewBySlug(context.Background(), "review-2026")
	for range 12 {
		s.prefill(t, s.KeyMore, "en", "", bundledAnswers())
	}
	s.prefill(t, s.KeyLess, "en", "", bundledAnswers())
	d.open("/admin/reviews/" + strconv.FormatInt(rev.ID, 10))
	main := d.text("maincontent")
	for _, want := range []string{"Started", "13", "fewer than 10", "How far people get", "Exclusion flow"} {
		if !strings.Contains(main, want) {
			t.Errorf("dashboard lacks %q", want)
		}
	}
	d.axe("dashboard", &summary)
	d.noSideScroll("dashboard")
	if width < 500 {
		d.do(chromedp.EmulateViewport(320, 640, chromedp.EmulateMobile))
		d.noSideScroll("dashboard at 320 px")
		d.do(chromedp.EmulateViewport(width, height, chromedp.EmulateMobile))
	}
	d.do(chromedp.Click(chromedp.CSS(".pulse-breakdown summary")))
	d.axe("dashboard with a breakdown open", &summary)
	frag := await[string](d, `fetch(document.querySelector('[data-live]').dataset.live).then(r => r.text())`)
	if !strings.Contains(frag, "Completion funnel") {
		t.Error("the dashboard's live update is not the dashboard")
	}

	// Downloads: every link on the dashboard answers, and is recorded.
	before := auditCount(t, s.Store)
	hrefs := eval[[]string](d, `[...document.querySelectorAll('a[href*="/download?format="]')].map(a => a.getAttribute('href'))`)
	if len(hrefs) == 0 {
		t.Fatal("no downloads on the dashboard")
	}
	for _, href := range hrefs {
		if status := await[int](d, `fetch(`+js(href)+`).then(r => r.text().then(() => r.status))`); status != 200 {
			t.Errorf("download %s: %d", href, status)
		}
	}
	if after := auditCount(t, s.Store); after != before+2*len(hrefs) {
		t.Errorf("%d downloads made %d audit entries, want %d", len(hrefs), after-before, 2*len(hrefs))
	}

	for _, p := range []struct{ name, path string }{
		{"preview", "/admin/reviews/" + strconv.FormatInt(rev.ID, 10) + "/preview?section=3"},
		{"access", "/admin/reviews/" + strconv.FormatInt(rev.ID, 10) + "/access"},
		{"next wave", "/admin/reviews/" + strconv.FormatInt(rev.ID, 10) + "/next-wave"},
		{"trusts", "/admin/trusts"},
		{"edit trust", "/admin/trusts/" + strconv.FormatInt(rm1.ID, 10)},
		{"change password", "/admin/password"},
	} {
		if status := d.open(p.path); status != 200 {
			t.Errorf("%s: %d", p.name, status)
		}
		d.axe(p.name, &summary)
		d.noSideScroll(p.name)
	}
}

func auditCount(t *testing.T, st *store.Store) int {
	t.Helper()
	n := 0
	if err := st.EachAudit(context.Background(), func(store.AuditEntry) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestAdminPhone(t *testing.T)   { adminJourney(t, 360, 740) }
func TestAdminDesktop(t *testing.T) { adminJourney(t, 1280, 900) }

// TestPlatformAdminPages: the platform admin's own pages pass axe, and the
// audit trail downloads as CSV through the browser, recorded with its
// hash.
func TestPlatformAdminPages(t *testing.T) {
	s := newAdminSite(t)
	if _, _, err := s.Svc.CreateUser(context.Background(), admin.CommandLine, admin.NewUser{Email: "platform@example.nhs.uk", Role: admin.RolePlatformAdmin, Password: officePassword}); err != nil {
		t.Fatal(err)
	}
	var summary []string
	defer func() { t.Log("axe-core results:\n" + strings.Join(summary, "\n")) }()
	d := newDevice(t, s.URL)
	d.signIn("platform@example.nhs.uk", officePassword)
	for _, p := range []struct{ name, path string }{
		{"accounts", "/admin/users"}, {"new account", "/admin/users/new"}, {"new trust", "/admin/trusts/new"},
		{"import trusts", "/admin/trusts/import"}, {"audit trail", "/admin/audit"}, {"not found", "/admin/reviews/999"},
	} {
		d.open(p.path)
		d.axe(p.name, &summary)
	}
	d.open("/admin/users/new")
	d.typeInto("email", "new.researcher@example.nhs.uk")
	d.checkByValue("role", admin.RoleResearcher)
	d.submit()
	if pw := d.text("one-time-password"); len(pw) != 29 {
		t.Errorf("one-time password shown: %q", pw)
	}
	d.axe("account created", &summary)
	d.open("/admin/audit")
	csv := await[string](d, `fetch('/admin/audit.csv').then(r => r.text())`)
	if !strings.HasPrefix(csv, "id,at_utc,") || !strings.Contains(csv, "user_create") {
		t.Errorf("audit CSV: %.120q", csv)
	}
}

// TestAdminWithoutJavaScript: sign in and open a review with scripts off.
func TestAdminWithoutJavaScript(t *testing.T) {
	s := newAdminSite(t)
	ctx := context.Background()
	rm1, _ := s.Store.TrustByCode(ctx, "RM1")
	rev, err := s.Svc.CreateReview(ctx, admin.CommandLine, admin.ReviewInput{Title: "No script review", Questionnaire: s.Careers.ID,
		Trusts: []int64{rm1.ID}, Opens: "2026-11-22", Closes: "2026-12-20"})
	if err != nil {
		t.Fatal(err)
	}
	d := newDevice(t, s.URL)
	if _, err := chromedp.Call(d.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	d.signIn(officeEmail, officePassword)
	d.open("/admin/reviews/" + strconv.FormatInt(rev.ID, 10))
	d.submit()
	if !strings.Contains(d.path(), "?done=opened") {
		t.Errorf("opening without JavaScript: %s", d.path())
	}
	// The breakdown picker is a plain GET form.
	d.open("/admin/reviews/" + strconv.FormatInt(rev.ID, 10) + "?dim=trust_activity")
	if !strings.Contains(d.text("maincontent"), "Break down by") {
		t.Error("no breakdown picker")
	}
}

// await evaluates a script whose value is a promise and decodes what it
// resolves to.
func await[T any](d *device, script string) T {
	d.t.Helper()
	v, err := chromedp.Run(d.ctx, chromedp.Evaluate[T](script, chromedp.EvalAwaitPromise))
	if err != nil {
		d.t.Fatalf("evaluate %.60q: %v", script, err)
	}
	return v
}
