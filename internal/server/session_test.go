package server

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

// TestSubmittedBrowserSeesTakenPart: after submitting, the review link,
// the check page and question pages say "You have already taken part"
// instead of inviting a second response, with an explicit way for someone
// else on the device to start.
func TestSubmittedBrowserSeesTakenPart(t *testing.T) {
	env := newTestEnv(t)
	d := env.device()
	d.walk(env.keyMini, d.start(env.keyMini), miniAnswers())
	mustStatus(t, d.post(linkPath(env.keyMini)+"/submit", hiddenFields(d.get(linkPath(env.keyMini)+"/check").body)), http.StatusSeeOther)

	for _, path := range []string{linkPath(env.keyMini) + "/check", linkPath(env.keyMini) + "/p/role", linkPath(env.keyMini) + "/p/research"} {
		r := d.get(path)
		mustStatus(t, r, http.StatusSeeOther)
		if r.loc != linkPath(env.keyMini) {
			t.Errorf("%s went to %q, want the review link", path, r.loc)
		}
	}
	intro := d.get(linkPath(env.keyMini))
	mustStatus(t, intro, http.StatusOK)
	mustContain(t, intro.body, "<title>You have already taken part – Mini review – Research Pulse</title>",
		"Start a new response (someone else on this device)", `action="/r/`+env.keyMini+`/start"`)
	if strings.Contains(intro.body, "Start now") || strings.Contains(intro.body, "Continue where you left off") {
		t.Error("a browser that has taken part is invited to start as if new")
	}
	done := d.get(linkPath(env.keyMini) + "/done")
	mustStatus(t, done, http.StatusOK)
	mustContain(t, done.body, "Your answers have been submitted")

	// Someone else on the device starts their own answers.
	first := d.post(linkPath(env.keyMini)+"/start", form("lang", "en"))
	mustStatus(t, first, http.StatusSeeOther)
	mustStatus(t, d.get(first.loc), http.StatusOK)
	mustContain(t, d.get(linkPath(env.keyMini)).body, "Continue where you left off")
	if got := d.answers(env.keyMini); len(got) != 0 {
		t.Errorf("the new response starts with answers %v", got)
	}
}

// TestResumeLinkAsksBeforeOpening: following a resume link changes
// nothing in the browser; it shows a confirmation whose button is a
// CSRF-protected POST, and warns before replacing answers in progress.
func TestResumeLinkAsksBeforeOpening(t *testing.T) {
	env := newTestEnv(t)
	attacker := env.apiStart(env.keyMore, nil)
	victim := env.device()
	first := victim.start(env.keyMore)
	mustStatus(t, victim.submitPage(first, bundledAnswers(false, false)["your_role"]), http.StatusSeeOther)
	own := victim.code(env.keyMore)

	page := victim.get("/resume/" + attacker.code)
	mustStatus(t, page, http.StatusOK)
	mustContain(t, page.body, "Continue these answers?", "Other answers are in progress on this device",
		`name="csrf" value="`, `name="confirm" value="yes"`, `method="post" action="/resume"`)
	if strings.Contains(strings.Join(page.header.Values("Set-Cookie"), "\n"), resumeCookieName(env.keyMore)) {
		t.Error("following a resume link set a resume cookie")
	}
	if strings.Contains(page.body, "nurse") || strings.Contains(page.body, "Nurse") {
		t.Error("the confirmation page shows answers")
	}
	if victim.code(env.keyMore) != own {
		t.Fatal("following a resume link replaced the answers in progress")
	}

	fields := confirmFields(page.body)
	// A cross-site form posting the confirmation is refused.
	req, _ := http.NewRequest(http.MethodPost, env.srv.URL+"/resume", strings.NewReader(fields.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	mustStatus(t, victim.do(req), http.StatusForbidden)
	// Without the page's CSRF token, too.
	mustStatus(t, victim.postRaw("/resume", fields.Encode()), http.StatusForbidden)
	// Typing the code while other answers are in progress asks first.
	typed := victim.post("/resume", form("code", attacker.code))
	mustStatus(t, typed, http.StatusOK)
	mustContain(t, typed.body, "Other answers are in progress on this device")
	if victim.code(env.keyMore) != own {
		t.Fatal("a typed code replaced the answers in progress without asking")
	}
	// Only the confirmation switches.
	mustStatus(t, victim.post("/resume", fields), http.StatusSeeOther)
	if got := victim.code(env.keyMore); got != respond.NormalizeCode(attacker.code) {
		t.Errorf("after confirming, the browser holds %q", got)
	}
}

// TestResumeCookieIsForTheSessionAndGoesIdle: the resume cookie is a
// session cookie, kept alive by use; after resumeIdle without use a fresh
// visit asks for the resume code instead of opening answers.
func TestResumeCookieIsForTheSessionAndGoesIdle(t *testing.T) {
	env := newTestEnv(t)
	d := env.device()
	r := d.post(linkPath(env.keyMore)+"/start", form("lang", "en"))
	for _, line := range r.header.Values("Set-Cookie") {
		if strings.HasPrefix(line, resumeCookieName(env.keyMore)+"=") && (strings.Contains(line, "Expires") || strings.Contains(line, "Max-Age")) {
			t.Errorf("the resume cookie outlives the browser session: %s", line)
		}
	}
	mustStatus(t, d.submitPage(r.loc, bundledAnswers(false, false)["your_role"]), http.StatusSeeOther)
	work := linkPath(env.keyMore) + "/p/your_work"

	// Use keeps it alive.
	for range 3 {
		env.fix.SetNow(env.fix.Now().Add(resumeIdle - time.Minute))
		mustStatus(t, d.get(work), http.StatusOK)
	}
	// Then the next person sits down.
	env.fix.SetNow(env.fix.Now().Add(resumeIdle + time.Minute))
	page := d.get(linkPath(env.keyMore) + "/p/your_role")
	mustStatus(t, page, http.StatusSeeOther)
	if page.loc != linkPath(env.keyMore) {
		t.Fatalf("an idle page went to %q", page.loc)
	}
	intro := d.get(linkPath(env.keyMore))
	mustStatus(t, intro, http.StatusOK)
	mustContain(t, intro.body, "you need the resume code to carry on", `href="/resume"`, "Enter your resume code")
	if strings.Contains(intro.body, "Continue where you left off") || strings.Contains(intro.body, "/p/your_work") {
		t.Error("an idle browser is offered the answers without the code")
	}
	if d.code(env.keyMore) != "" {
		t.Error("the idle resume code is still in the browser")
	}
	mustStatus(t, d.get(work), http.StatusSeeOther)
	// Nor does any other page of the link: the language switch, the
	// check page, a page's language route.
	var idle string // the cookie as the start set it, long idle by now
	for _, line := range r.header.Values("Set-Cookie") {
		if v, ok := strings.CutPrefix(line, resumeCookieName(env.keyMore)+"="); ok {
			idle, _, _ = strings.Cut(v, ";")
		}
	}
	d.c.Jar.SetCookies(mustURL(t, env.srv.URL+"/"), []*http.Cookie{{Name: resumeCookieName(env.keyMore), Value: idle, Path: "/"}})
	if d.code(env.keyMore) == "" {
		t.Fatal("could not put the idle cookie back")
	}
	for _, try := range []func() reply{
		func() reply { return d.post(linkPath(env.keyMore)+"/language", form("lang", "en")) },
		func() reply { return d.get(linkPath(env.keyMore) + "/check") },
		func() reply { return d.post(work+"/language", form("lang", "en")) },
	} {
		res := try()
		mustStatus(t, res, http.StatusSeeOther)
		if !strings.HasPrefix(res.loc, linkPath(env.keyMore)) || strings.Contains(res.loc, "/p/") {
			t.Errorf("an idle browser went to %q", res.loc)
		}
	}
}

// TestPageLeftOpenOvernightStillSaves: a page open for a night is saved
// when its Continue is pressed; the resume code is then asked for before
// any more answers are shown. The form's CSRF cookie outlives a night.
func TestPageLeftOpenOvernightStillSaves(t *testing.T) {
	env := newTestEnv(t)
	d := env.device()
	first := d.start(env.keyMore)
	page := d.get(first)
	mustStatus(t, page, http.StatusOK)
	for _, line := range page.header.Values("Set-Cookie") {
		if strings.HasPrefix(line, "pulse_csrf=") {
			exp, err := http.ParseTime(strings.TrimSpace(strings.SplitN(strings.SplitN(line, "Expires=", 2)[1], ";", 2)[0]))
			if err != nil || time.Until(exp) < 7*24*time.Hour {
				t.Errorf("the CSRF cookie expires at %v (%v); a page left open for a few days would be lost", exp, err)
			}
		}
	}
	env.fix.SetNow(env.fix.Now().Add(14 * time.Hour))
	form := hiddenFields(page.body)
	for k, v := range bundledAnswers(false, false)["your_role"] {
		form[k] = v
	}
	r := d.post(first, form)
	mustStatus(t, r, http.StatusSeeOther)
	if r.loc != "/resume?saved=1" {
		t.Fatalf("the overnight save went to %q, want the resume form", r.loc)
	}
	st, err := env.flow.Resume(context.Background(), strings.Split(d.cookie("/", resumeCookieName(env.keyMore)), ".")[0])
	if err == nil && len(st.Answers) > 0 {
		t.Error("the browser can still open the answers")
	}
	mustContain(t, d.get(r.loc).body, "Your answers on that page have been saved")
	saved, err := env.store.Answers(context.Background(), responseOf(t, env, env.keyMore))
	if err != nil || saved["A01"].Codes[0] != "nurse" {
		t.Errorf("answers after the overnight save: %v, %v", saved, err)
	}
}

// responseOf is the one response started at a review link in the test.
func responseOf(t *testing.T, env *testEnv, key string) string {
	t.Helper()
	rev, _, err := env.store.ReviewLinkByKey(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	list, err := env.store.ListResponses(context.Background(), rev.ID)
	if err != nil || len(list) != 1 {
		t.Fatalf("responses at %s: %v, %v", key, list, err)
	}
	return list[0].ID
}

// TestCodeOpensNothingAfterSubmitOrClose: once a response is submitted, or
// its review closes, its resume code reads no answers through the API.
func TestCodeOpensNothingAfterSubmitOrClose(t *testing.T) {
	env := newTestEnv(t)
	s := env.apiStart(env.keyMini, nil)
	s.save("role", map[string]any{"A01": "nurse"})
	if r := s.put("research", map[string]any{"answers": map[string]any{"B01": []any{"other"}}, "other": map[string]string{"B01": "Journal club"}}); r.status != http.StatusOK {
		t.Fatalf("save research: %d %s", r.status, r.body)
	}
	if r := s.submit(newKey()); r.status != http.StatusOK {
		t.Fatalf("submit: %d %s", r.status, r.body)
	}
	for _, path := range []string{"/pages/role", "/pages/research", "/check"} {
		if r := s.get(path); r.status != http.StatusConflict || strings.Contains(string(r.body), "Journal club") {
			t.Errorf("GET %s after submitting: %d %s", path, r.status, r.body)
		}
	}
	var resp apiResponse
	r := s.get("")
	r.decode(t, &resp)
	if r.status != http.StatusOK || resp.Status != store.ResponseSubmitted || resp.Progress != nil || resp.CompletionRatio != nil {
		t.Errorf("GET response after submitting: %d %s", r.status, r.body)
	}

	o := env.apiStart(env.keyMore, nil)
	o.save("your_role", apiBundled()["your_role"])
	env.setReviewStatus(env.keyMore, store.ReviewClosed)
	for _, path := range []string{"/pages/your_role", "/check"} {
		if r := o.get(path); r.status != http.StatusGone || strings.Contains(string(r.body), "consultant") {
			t.Errorf("GET %s after closing: %d %s", path, r.status, r.body)
		}
	}
	o.get("").decode(t, &resp)
	if resp.Progress != nil {
		t.Errorf("GET response after closing shows progress %+v", resp.Progress)
	}
}

// TestOneLimiterForResumeAndStarts: starting responses and failing resume
// codes, on every route, share one allowance per client address; it holds
// back a client creating responses in bulk, but not 200 staff behind one
// address at a human pace, and never a correct code.
func TestOneLimiterForResumeAndStarts(t *testing.T) {
	t.Run("bulk starts", func(t *testing.T) {
		env := newTestEnv(t)
		d := env.device()
		created, refused := 0, 0
		for i := range 200 {
			var status int
			if i%2 == 0 {
				status = d.post(linkPath(env.keyMore)+"/start", form("lang", "en")).status
			} else {
				status = env.api(apiReq{method: "POST", path: "/api/v1/reviews/" + env.keyMore + "/responses"}).status
			}
			switch status {
			case http.StatusSeeOther, http.StatusCreated:
				created++
			case http.StatusTooManyRequests:
				refused++
			default:
				t.Fatalf("start %d: status %d", i, status)
			}
		}
		t.Logf("200 starts at once from one address: %d created, %d refused", created, refused)
		if created != DefaultClientLimit || refused != 200-DefaultClientLimit {
			t.Errorf("200 starts at once: %d created, %d refused; want %d created", created, refused, DefaultClientLimit)
		}
	})
	t.Run("configured off, for load tests from one address", func(t *testing.T) {
		env := newTestEnv(t)
		srv, err := New(Config{Store: env.store, Flow: env.flow, ClientLimit: -1})
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(srv.Handler())
		defer ts.Close()
		for i := range 2 * DefaultClientLimit {
			res, err := http.Post(ts.URL+"/api/v1/reviews/"+env.keyMore+"/responses", "application/json", nil)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != http.StatusCreated {
				t.Fatalf("start %d with the limit off: %d", i, res.StatusCode)
			}
		}
	})
	t.Run("staff behind one address", func(t *testing.T) {
		env := newTestEnv(t)
		var codes []string
		for i := range 200 {
			env.fix.SetNow(env.fix.Now().Add(750 * time.Millisecond)) // 200 people in two and a half minutes
			d := env.device()
			r := d.post(linkPath(env.keyMore)+"/start", form("lang", "en"))
			if r.status != http.StatusSeeOther {
				t.Fatalf("person %d: start %d", i, r.status)
			}
			codes = append(codes, d.code(env.keyMore))
		}
		// Later, all of them resume on other devices at once: correct
		// codes cost nothing.
		for i, code := range codes {
			if r := env.device().post("/resume", form("code", code)); r.status != http.StatusSeeOther {
				t.Fatalf("person %d: resume %d", i, r.status)
			}
		}
	})
	t.Run("failures on every resume route count together", func(t *testing.T) {
		env := newTestEnv(t)
		good := env.apiStart(env.keyMore, nil)
		d := env.device()
		bad := strings.Repeat("Z", 26)
		tries := []func() int{
			func() int { return d.post("/resume", form("code", bad)).status },
			func() int { return d.get("/resume/" + bad).status },
			func() int {
				return env.api(apiReq{method: "POST", path: "/api/v1/resume", body: map[string]string{"code": bad}}).status
			},
			func() int {
				return env.api(apiReq{method: "GET", path: "/api/v1/responses/" + good.id, auth: bad}).status
			},
		}
		allowed := DefaultClientLimit - 1 // the start above spent one
		for i := range allowed {
			if status := tries[i%len(tries)](); status == http.StatusTooManyRequests {
				t.Fatalf("failure %d refused; want %d allowed", i, allowed)
			}
		}
		for i, try := range tries {
			if status := try(); status != http.StatusTooManyRequests {
				t.Errorf("route %d after %d failures: %d, want 429", i, allowed, status)
			}
		}
		blocked := d.post("/resume", form("code", good.code))
		mustStatus(t, blocked, http.StatusTooManyRequests)
		mustContain(t, blocked.body, "You have tried too many codes")
		if blocked.header.Get("Retry-After") == "" {
			t.Error("429 without Retry-After")
		}
		// The client's own valid code still reaches its response.
		if r := good.get(""); r.status != http.StatusOK {
			t.Errorf("own response while over the limit: %d", r.status)
		}
		// A few seconds later, one more try is allowed.
		env.fix.SetNow(env.fix.Now().Add(2 * time.Second))
		mustStatus(t, d.post("/resume", form("code", good.code)), http.StatusSeeOther)
	})
}

// TestLanguageSwitchKeepsUnsavedChoices: the language switcher on a
// question page sends the page's form, so choices made but not yet saved
// come back in the new language; nothing is saved until Continue.
func TestLanguageSwitchKeepsUnsavedChoices(t *testing.T) {
	env := newTestEnv(t)
	d := env.device()
	first := d.start(env.keyMini)
	mustStatus(t, d.submitPage(first, form("A01", "nurse")), http.StatusSeeOther)
	research := linkPath(env.keyMini) + "/p/research"
	page := d.get(research)
	mustContain(t, page.body, `<form id="answers" method="post"`,
		`form="answers" formaction="`+research+`/language" name="lang" value="cy"`)
	before := d.answers(env.keyMini)

	fields := hiddenFields(page.body)
	fields.Add("B01", "recruit")
	fields.Add("B01", "other")
	fields.Set("B01__other", "Clwb cyfnodolion")
	fields.Set("lang", "cy")
	r := d.post(research+"/language", fields)
	mustStatus(t, r, http.StatusOK)
	mustContain(t, r.body, `<html lang="cy">`, "Beth ydych chi wedi gwneud?", `value="recruit" checked`, `value="other" checked`,
		`value="Clwb cyfnodolion"`, `action="`+research+`"`)
	if strings.Contains(r.body, "nhsuk-error-summary") {
		t.Error("switching language reported errors")
	}
	if diff := d.answers(env.keyMini); len(diff) != len(before) {
		t.Errorf("switching language saved answers: %v", diff)
	}
	if got := d.state(env.keyMini).Response.Language; got != "cy" {
		t.Errorf("response language %q after switching", got)
	}
	// Continue on the page it came back as saves the choices.
	again := hiddenFields(r.body)
	again.Add("B01", "recruit")
	again.Add("B01", "other")
	again.Set("B01__other", "Clwb cyfnodolion")
	mustStatus(t, d.post(research, again), http.StatusSeeOther)
	if got := d.answers(env.keyMini)["B01"]; got.Other != "Clwb cyfnodolion" || len(got.Codes) != 2 {
		t.Errorf("B01 after Continue = %+v", got)
	}
}

// TestCymraegOnlyWhereThereIsWelsh: pages offer Cymraeg only where the
// questionnaire has Welsh; the pages outside a review, only when some
// loaded questionnaire has.
func TestCymraegOnlyWhereThereIsWelsh(t *testing.T) {
	env := newTestEnv(t)
	d := env.device()
	for _, path := range []string{"/", "/resume", linkPath(env.keyMini)} {
		mustContain(t, d.get(path).body, ">Cymraeg<")
	}
	d.start(env.keyMore)
	for _, path := range []string{linkPath(env.keyMore), linkPath(env.keyMore) + "/p/your_role"} {
		if strings.Contains(d.get(path).body, "Cymraeg") {
			t.Errorf("%s offers Cymraeg for an English-only questionnaire", path)
		}
	}

	// A server whose questionnaires are all in English offers no Welsh.
	english := respond.New(env.store, []*survey.Questionnaire{env.bundled}, env.fix.Now)
	srv, err := New(Config{Store: env.store, Flow: english})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	for _, path := range []string{"/", "/resume"} {
		res, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if strings.Contains(string(body), "Cymraeg") {
			t.Errorf("%s offers Cymraeg though no questionnaire has Welsh", path)
		}
	}
}
