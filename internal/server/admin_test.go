package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/researchpulse/pulse/internal/admin"
)

func (env *adminEnv) reviewCount() int {
	env.t.Helper()
	rs, err := env.f.Store.ListReviews(context.Background())
	if err != nil {
		env.t.Fatal(err)
	}
	return len(rs)
}

func pageHas(t *testing.T, what, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

var idInLocation = regexp.MustCompile(`^/admin/reviews/(\d+)\?done=`)

// TestReviewLifecycle: an R&D office admin creates a review at their
// trust (after being told what is wrong with a bad form), opens it, sees
// respondents arrive under the small-cell rule, closes it and starts its
// next wave; each step is what respondents and the audit trail see.
func TestReviewLifecycle(t *testing.T) {
	env := newAdminEnv(t)
	env.f.SetNow(time.Date(2026, 12, 30, 10, 0, 0, 0, time.UTC))
	b := env.browser()
	if r := b.signIn(rdAEmail, adminPassword); r.status != http.StatusSeeOther || r.loc != "/admin" {
		t.Fatalf("sign in: %d %s", r.status, r.loc)
	}
	home := b.get("/admin")
	pageHas(t, "reviews list", home.body, "mini-2026")
	if strings.Contains(home.body, "careers-2026") {
		t.Error("an R&D office admin sees another trust's review")
	}

	before := env.reviewCount()
	bad := b.post("/admin/reviews", url.Values{"title": {"Engagement"}, "questionnaire": {env.f.Bundled.ID}, "opens": {"2027-01-15"}, "closes": {"2027-01-04"}})
	if bad.status != http.StatusUnprocessableEntity {
		t.Fatalf("bad review: %d", bad.status)
	}
	pageHas(t, "bad review form", bad.body, "Error: Create a review", "There is a problem",
		"The closing date must be after the opening date", "Select at least one trust taking part", `value="Engagement"`)
	foreign := b.post("/admin/reviews", url.Values{"title": {"Engagement"}, "questionnaire": {env.f.Bundled.ID}, "opens": {"2027-01-04"},
		"closes": {"2027-01-15"}, "trusts": {strconv.FormatInt(env.trustB.ID, 10)}})
	pageHas(t, "another trust's id", foreign.body, "Select trusts from the list")
	if env.reviewCount() != before {
		t.Fatal("a refused form saved a review")
	}

	created := b.post("/admin/reviews", url.Values{"title": {"Engagement 2026"}, "questionnaire": {env.f.Bundled.ID}, "opens": {"2026-12-30T10:20"},
		"closes": {"2027-01-15T17:00"}, "trusts": {strconv.FormatInt(env.trustA.ID, 10)}, "k": {"10"}})
	m := idInLocation.FindStringSubmatch(created.loc)
	if created.status != http.StatusSeeOther || m == nil {
		t.Fatalf("create: %d %q %s", created.status, created.loc, errorSummaryText(created.body))
	}
	path := "/admin/reviews/" + m[1]
	page := b.get(created.loc)
	pageHas(t, "new review page", page.body, "Draft", "30 Dec 2026, 10:20", "15 Jan 2027, 17:00", "Open the review", "Preview the questionnaire")
	id, _ := strconv.ParseInt(m[1], 10, 64)
	links, _ := env.f.Store.ReviewLinks(context.Background(), id)
	if len(links) != 1 || !strings.Contains(page.body, "http://pulse.test/r/"+links[0].Key) {
		t.Fatalf("links: %+v", links)
	}
	png := b.get(path + "/links/" + strconv.FormatInt(env.trustA.ID, 10) + "/qr.png")
	if png.status != http.StatusOK || png.header.Get("Content-Type") != "image/png" || !strings.HasPrefix(png.body, "\x89PNG") {
		t.Errorf("QR PNG: %d %s", png.status, png.header.Get("Content-Type"))
	}
	svg := b.get(path + "/links/" + strconv.FormatInt(env.trustA.ID, 10) + "/qr.svg")
	if svg.status != http.StatusOK || !strings.Contains(svg.body, "<svg") || !strings.Contains(svg.body, "/r/"+links[0].Key) {
		t.Errorf("QR SVG: %d", svg.status)
	}
	// Preview walks the questionnaire and counts nothing.
	prev := b.get(path + "/preview?section=1")
	pageHas(t, "preview", prev.body, "it saves nothing and counts nothing", "page 2 of")
	// Respondents cannot answer a draft.
	resp := env.browser().get("/r/" + links[0].Key)
	if resp.status != http.StatusForbidden {
		t.Errorf("draft review link: %d", resp.status)
	}

	if r := b.post(path+"/try", nil); r.status != http.StatusConflict || !strings.Contains(r.body, "not taking answers") {
		t.Errorf("trying a draft as a respondent: %d", r.status)
	}
	if r := b.post(path+"/open", url.Values{"from": {"draft"}}); r.status != http.StatusSeeOther {
		t.Fatalf("open: %d", r.status)
	}
	pageHas(t, "scheduled review", b.get(path).body, "Scheduled", "Close the review now")
	if r := b.post(path+"/open", url.Values{"from": {"draft"}}); r.status != http.StatusConflict {
		t.Errorf("open from a stale form: %d", r.status)
	}
	env.f.SetNow(time.Date(2026, 12, 30, 10, 21, 0, 0, time.UTC))
	// The manager takes it as a test respondent: the real pages.
	try := b.post(path+"/try", nil)
	if try.status != http.StatusSeeOther || !strings.HasPrefix(try.loc, "/r/"+links[0].Key+"/p/") {
		t.Fatalf("try as a respondent: %d %s", try.status, try.loc)
	}
	if page := b.get(try.loc); page.status != http.StatusOK {
		t.Errorf("the test response's first page: %d", page.status)
	}
	for range 11 {
		if _, _, err := env.f.Flow.Start(context.Background(), links[0].Key, "en", false); err != nil {
			t.Fatal(err)
		}
	}
	dash := b.get(path)
	pageHas(t, "dashboard", dash.body, "Open", "Started", ">11<", "How far people get", "Exclusion flow", "Preview and test responses are not counted")
	frag := b.get(path + "/dashboard")
	if frag.status != http.StatusOK || strings.Contains(frag.body, "<html") || !strings.Contains(frag.body, "Completion funnel") {
		t.Errorf("dashboard fragment: %d", frag.status)
	}
	if r := b.post(path+"/close", url.Values{"from": {"open"}}); r.status != http.StatusSeeOther {
		t.Fatalf("close: %d", r.status)
	}
	if r := env.browser().get("/r/" + links[0].Key); r.status != http.StatusGone {
		t.Errorf("closed review link: %d", r.status)
	}
	wave := b.post(path+"/next-wave", url.Values{"opens": {"2027-06-01"}, "closes": {"2027-06-15"}})
	wm := idInLocation.FindStringSubmatch(wave.loc)
	if wm == nil {
		t.Fatalf("next wave: %d %s", wave.status, errorSummaryText(wave.body))
	}
	pageHas(t, "next wave", b.get(wave.loc).body, "Engagement 2026 (next wave)", "Previous wave", `href="/admin/reviews/`+m[1]+`"`)

	var actions []string
	for _, e := range env.audit() {
		if e.Actor == rdAEmail {
			actions = append(actions, e.Action)
		}
	}
	if got := strings.Join(actions, " "); got != "sign_in review_create review_open preview_response review_close review_create" {
		t.Errorf("audit trail of the R&D admin: %s", got)
	}
}

var summaryLinks = regexp.MustCompile(`(?s)<li><a href="[^"]*">(.*?)</a></li>`)

func errorSummaryText(body string) string {
	var out []string
	for _, m := range summaryLinks.FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return strings.Join(out, "; ")
}

// TestDashboardSmallCells: counts under k read "fewer than k", at every
// trust and overall, on the page and in the fragment.
func TestDashboardSmallCells(t *testing.T) {
	env := newAdminEnv(t)
	b := env.session(platformEmail)
	keyA, _ := env.f.Store.ReviewLinks(context.Background(), env.revA.ID)
	for range 3 {
		if _, _, err := env.f.Flow.Start(context.Background(), keyA[0].Key, "en", false); err != nil {
			t.Fatal(err)
		}
	}
	page := b.get("/admin/reviews/" + strconv.FormatInt(env.revA.ID, 10))
	pageHas(t, "dashboard", page.body, "fewer than 10")
	if regexp.MustCompile(`numeric">3<`).MatchString(page.body) {
		t.Error("a count of 3 is shown")
	}
}

// TestTrustImportOverHTTP: the upload lists every bad line and saves
// nothing; a good file saves every trust.
func TestTrustImportOverHTTP(t *testing.T) {
	env := newAdminEnv(t)
	b := env.session(platformEmail)
	upload := func(content string) reply {
		var body bytes.Buffer
		w := multipart.NewWriter(&body)
		_ = w.WriteField("csrf", b.csrf)
		fw, _ := w.CreateFormFile("file", "trusts.csv")
		_, _ = fw.Write([]byte(content))
		_ = w.Close()
		req, _ := http.NewRequest(http.MethodPost, env.srv.URL+"/admin/trusts/import", &body)
		req.Header.Set("Content-Type", w.FormDataContentType())
		req.Header.Set("Origin", env.srv.URL)
		return b.do(req)
	}
	before, _ := env.f.Store.ListTrusts(context.Background())
	r := upload("code,name,nation,type,quintile\nNEW1,New,England,Acute,0\nNEW2,New two,Narnia,Acute,2\nNEW1,Again,England,Acute,1\n")
	if r.status != http.StatusUnprocessableEntity {
		t.Fatalf("bad upload: %d", r.status)
	}
	pageHas(t, "bad upload", r.body, "line 2: quintile", "line 3: nation", "line 4: code: code NEW1 is also on line 2", "nothing was imported")
	if after, _ := env.f.Store.ListTrusts(context.Background()); len(after) != len(before) {
		t.Error("a bad upload saved trusts")
	}
	r = upload("code,name,nation,type,quintile\nNEW1,New,England,Acute,1\nRM1,Northfield renamed,England,Acute,2\n")
	pageHas(t, "good upload", r.body, "1 new trusts added and 1 updated")
	if got, _ := env.f.Store.TrustByCode(context.Background(), "RM1"); got.Name != "Northfield renamed" || got.Quintile != 2 {
		t.Errorf("updated trust: %+v", got)
	}
	// A file of 600 KB (over the forms' 256 KB) is read and judged; one
	// over the import's 1 MB is refused whole.
	var big strings.Builder
	big.WriteString("code,name,nation,type,quintile\n")
	for i := 0; big.Len() < 600<<10; i++ {
		fmt.Fprintf(&big, "BIG%d,Trust number %d with a long name to fill the file,England,Acute,9\n", i, i)
	}
	if r := upload(big.String()); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "quintile") {
		t.Errorf("a 600 KB file: %d; want 422 naming the quintile of its lines", r.status)
	}
	for big.Len() < 1100<<10 {
		big.WriteString("MORE,More,England,Acute,1\n")
	}
	if r := upload(big.String()); r.status != http.StatusRequestEntityTooLarge {
		t.Errorf("a 1.1 MB file: %d; want 413", r.status)
	}
	// An R&D office admin edits their own trust, not another.
	rd := env.session(rdAEmail)
	edit := rd.post("/admin/trusts/"+strconv.FormatInt(env.trustA.ID, 10), url.Values{"name": {"Northfield"}, "nation": {"england"}, "kind": {"acute"}, "quintile": {"9"}})
	pageHas(t, "trust edit", edit.body, "CRN activity quintile must be a whole number from 1 to 5")
	if other := rd.get("/admin/trusts/" + strconv.FormatInt(env.trustB.ID, 10)); other.status != http.StatusNotFound {
		t.Errorf("another trust: %d", other.status)
	}
}

// TestCSRFOnEveryStateChange: every POST route refuses a request without
// the session's token, one from another origin, and one a browser marks
// cross-site, before doing anything.
func TestCSRFOnEveryStateChange(t *testing.T) {
	env := newAdminEnv(t)
	srv, _ := New(Config{Store: env.f.Store, Flow: env.f.Flow, Admin: env.svc})
	b := env.session(platformEmail)
	before := len(env.audit())
	for _, r := range srv.adminRoutes() {
		if r.method != http.MethodPost {
			continue
		}
		path := env.objectPath(r.path, "A")
		for name, tamper := range map[string]func(*http.Request){
			"no token":          func(req *http.Request) {},
			"other origin":      func(req *http.Request) { req.Header.Set("Origin", "https://evil.example"); req.Form = nil },
			"cross-site, token": func(req *http.Request) { req.Header.Del("Origin"); req.Header.Set("Sec-Fetch-Site", "cross-site") },
			"null origin, cross-site": func(req *http.Request) {
				req.Header.Set("Origin", "null")
				req.Header.Set("Sec-Fetch-Site", "cross-site")
			},
		} {
			form := url.Values{"from": {"draft"}, "email": {"x@example.nhs.uk"}}
			if name != "no token" {
				form.Set("csrf", b.csrf)
			}
			req, _ := http.NewRequest(http.MethodPost, env.srv.URL+path, strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Origin", env.srv.URL)
			tamper(req)
			if got := b.do(req); got.status != http.StatusForbidden {
				t.Errorf("POST %s, %s: %d, want 403", r.path, name, got.status)
			}
		}
	}
	if after := len(env.audit()); after != before {
		t.Errorf("refused requests changed something: %d audit entries became %d", before, after)
	}
	if got := b.get("/admin"); got.status != http.StatusOK {
		t.Errorf("the session no longer works: %d", got.status)
	}
}

// TestSignInAndSessions: wrong details, throttling, a new session token at
// sign-in, the one-time password forced to change, and sign-out.
func TestSignInAndSessions(t *testing.T) {
	env := newAdminEnv(t)
	b := env.browser()
	r := b.signIn(rdAEmail, "not the password")
	if r.status != http.StatusUnauthorized {
		t.Fatalf("wrong password: %d", r.status)
	}
	pageHas(t, "failed sign-in", r.body, "Enter the e-mail address and password of your account", `value="`+rdAEmail+`"`)
	if strings.Contains(r.body, "not the password") {
		t.Error("the password typed is sent back")
	}
	for range 4 {
		r = b.signIn(rdAEmail, "not the password")
	}
	if r.status != http.StatusTooManyRequests {
		t.Errorf("fifth failure: %d", r.status)
	}
	if r = b.signIn(rdAEmail, adminPassword); r.status != http.StatusTooManyRequests {
		t.Errorf("right password while locked: %d", r.status)
	}
	// A platform admin resets the locked account: a one-time password, shown once.
	rdA, _ := env.f.Store.UserByEmail(context.Background(), rdAEmail)
	reset := env.session(platformEmail).post("/admin/users/"+strconv.FormatInt(rdA.ID, 10)+"/reset", nil)
	m := regexp.MustCompile(`id="one-time-password">([^<]+)<`).FindStringSubmatch(reset.body)
	if reset.status != http.StatusOK || m == nil {
		t.Fatalf("reset: %d", reset.status)
	}
	if r := env.browser().signIn(rdAEmail, m[1]); r.status != http.StatusSeeOther || r.loc != "/admin/password" {
		t.Errorf("sign in with the reset password: %d %s", r.status, r.loc)
	}

	// A token planted before sign-in is not the one after it.
	u, _ := url.Parse(env.srv.URL)
	fixated := env.browser()
	fixated.c.Jar.SetCookies(u, []*http.Cookie{{Name: "pulse_admin", Value: "planted-token", Path: "/"}})
	fixated.signIn(platformEmail, adminPassword)
	var token string
	for _, c := range fixated.c.Jar.Cookies(u) {
		if c.Name == "pulse_admin" {
			token = c.Value
		}
	}
	if token == "" || token == "planted-token" {
		t.Errorf("session token after sign-in: %q", token)
	}
	if got := fixated.get("/admin/users"); got.status != http.StatusOK {
		t.Errorf("platform admin's accounts page: %d", got.status)
	}

	// A new account with a one-time password must change it first.
	_, pw, err := env.svc.CreateUser(context.Background(), admin.CommandLine, admin.NewUser{Email: "new@example.nhs.uk", Role: admin.RoleResearcher})
	if err != nil {
		t.Fatal(err)
	}
	nb := env.browser()
	if r := nb.signIn("new@example.nhs.uk", pw); r.loc != "/admin/password" {
		t.Errorf("one-time password sign-in goes to %q", r.loc)
	}
	if r := nb.get("/admin"); r.status != http.StatusSeeOther || r.loc != "/admin/password" {
		t.Errorf("before changing the password: %d %s", r.status, r.loc)
	}
	r = nb.post("/admin/password", url.Values{"current": {pw}, "password": {"my own passphrase"}, "confirm": {"my own passphrase"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("change password: %d %s", r.status, errorSummaryText(r.body))
	}
	nb.refreshCSRF()
	if r := nb.get("/admin"); r.status != http.StatusOK {
		t.Errorf("after changing the password: %d", r.status)
	}

	// Sign-out ends the session on the server: the old cookie opens nothing.
	if r := fixated.post("/admin/sign-out", nil); r.status != http.StatusSeeOther {
		t.Fatalf("sign out: %d", r.status)
	}
	replay := env.browser()
	replay.c.Jar.SetCookies(u, []*http.Cookie{{Name: "pulse_admin", Value: token, Path: "/"}})
	if r := replay.get("/admin"); r.status != http.StatusSeeOther || !strings.HasPrefix(r.loc, "/admin/sign-in") {
		t.Errorf("old session cookie after sign-out: %d %s", r.status, r.loc)
	}
	// Idle timeout.
	idle := env.session(platformEmail)
	env.f.SetNow(env.f.Now().Add(admin.IdleTimeout + time.Second))
	if r := idle.get("/admin"); r.status != http.StatusSeeOther {
		t.Errorf("after the idle timeout: %d", r.status)
	}
}

// TestAuditTrailDownload: the audit CSV is recorded in the trail with its
// row count and the SHA-256 of exactly the bytes sent, and the page says
// the chain is whole.
func TestAuditTrailDownload(t *testing.T) {
	env := newAdminEnv(t)
	b := env.session(platformEmail)
	r := b.get("/admin/audit.csv")
	if r.status != http.StatusOK || !strings.HasPrefix(r.body, "id,at_utc,user_id,actor,action") {
		t.Fatalf("audit CSV: %d %.80q", r.status, r.body)
	}
	es := env.audit()
	last := es[len(es)-1]
	if last.Action != admin.ActionDownload || last.Rows != strings.Count(r.body, "\n")-1 || last.FileSHA256 != sha256Hex(r.body) {
		t.Errorf("last audit entry %+v; rows in file %d", last, strings.Count(r.body, "\n")-1)
	}
	page := b.get("/admin/audit")
	pageHas(t, "audit page", page.body, "entries check out", rdAEmail, "grant")
	if rd := env.session(rdAEmail).get("/admin/audit.csv"); rd.status != http.StatusForbidden {
		t.Errorf("an R&D office admin downloading the audit trail: %d", rd.status)
	}
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// TestDownloadRecorded: a researcher downloads a review they were given,
// from the dashboard and from the API; each download is recorded before
// it starts and when complete, with the rows and the SHA-256 of exactly
// the bytes received. An unknown format is refused and records nothing.
func TestDownloadRecorded(t *testing.T) {
	env := newAdminEnv(t)
	links, _ := env.f.Store.ReviewLinks(context.Background(), env.revA.ID)
	for range 4 {
		if _, _, err := env.f.Flow.Start(context.Background(), links[0].Key, "en", false); err != nil {
			t.Fatal(err)
		}
	}
	b := env.session(resAEmail)
	id := strconv.FormatInt(env.revA.ID, 10)
	before := len(env.audit())
	if r := b.get("/admin/reviews/" + id + "/download?format=exe"); r.status != http.StatusBadRequest {
		t.Errorf("unknown format: %d", r.status)
	}
	if len(env.audit()) != before {
		t.Error("a refused download was recorded as started")
	}
	for _, path := range []string{"/admin/reviews/" + id + "/download?format=json", "/api/v1/reviews/" + id + "/export?format=json"} {
		r := b.get(path)
		if r.status != http.StatusOK || r.header.Get("Content-Type") != "application/json" ||
			!strings.Contains(r.header.Get("Content-Disposition"), "attachment") || !strings.Contains(r.body, `"report"`) {
			t.Fatalf("%s: %d %s", path, r.status, r.header.Get("Content-Type"))
		}
		es := env.audit()
		start, done := es[len(es)-2], es[len(es)-1]
		if start.Action != admin.ActionDownload || start.Detail != "json started" || start.Actor != resAEmail || start.ReviewID != env.revA.ID {
			t.Errorf("start entry %+v", start)
		}
		if done.Detail != "json complete" || done.Rows != 4 || done.FileSHA256 != sha256Hex(r.body) {
			t.Errorf("complete entry %+v, want 4 rows and sha %s", done, sha256Hex(r.body))
		}
	}
	if r := env.session(resBEmail).get("/api/v1/reviews/" + id + "/export?format=json"); r.status != http.StatusNotFound {
		t.Errorf("another review's researcher: %d", r.status)
	}
	if r := env.browser().get("/api/v1/reviews/" + id + "/export?format=json"); r.status != http.StatusUnauthorized {
		t.Errorf("nobody signed in: %d", r.status)
	}
}
