package server

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

func TestHomePage(t *testing.T) {
	env := newTestEnv(t)
	r := env.device().get("/")
	mustStatus(t, r, http.StatusOK)
	mustContain(t, r.body, `<html lang="en">`, "<title>Staff research reviews – Research Pulse</title>", `href="/resume"`, "If you have a resume code")
	if strings.Contains(r.body, "/r/") {
		t.Error("home page links to a review")
	}
	cy := env.device().get("/?lang=cy")
	mustContain(t, cy.body, `<html lang="cy">`, "Os oes gennych god ailddechrau", `href="/resume?lang=cy"`)
}

func TestIntroPage(t *testing.T) {
	env := newTestEnv(t)
	d := env.device()
	r := d.get(linkPath(env.keyMore))
	mustStatus(t, r, http.StatusOK)
	mustContain(t, r.body,
		"<title>Start – Research engagement review – Research Pulse</title>",
		"Northfield Hospitals NHS Trust", "Research engagement review",
		"This review asks about research in your work", "It takes about 12 minutes.",
		"Your privacy", "Taking part is voluntary", "Stopping and coming back later",
		`action="/r/`+env.keyMore+`/start"`, `name="csrf"`, "Start now")
	if strings.Contains(r.body, "Continue where you left off") {
		t.Error("a new browser is offered to continue")
	}
	d.start(env.keyMore)
	again := d.get(linkPath(env.keyMore))
	mustContain(t, again.body, "Continue where you left off", `href="/r/`+env.keyMore+`/p/your_role"`, "Start new answers")
}

func TestStartGoesToFirstPage(t *testing.T) {
	env := newTestEnv(t)
	d := env.device()
	loc := d.start(env.keyMore)
	if want := "/r/" + env.keyMore + "/p/your_role"; loc != want {
		t.Fatalf("start redirected to %q, want %q", loc, want)
	}
	if d.code(env.keyMore) == "" {
		t.Fatal("no resume cookie for the review link")
	}
	if d.code(env.keyLess) != "" {
		t.Error("the browser holds a resume code for another review link")
	}
	r := d.get(loc)
	mustStatus(t, r, http.StatusOK)
	mustContain(t, r.body,
		"<title>Your role – Research engagement review – Research Pulse</title>",
		`class="nhsuk-back-link" href="/r/`+env.keyMore+`"`,
		"Section 1 of", "You have answered 0 of",
		`<h1 class="nhsuk-heading-l"><span class="nhsuk-caption-l">Section 1 of`,
		`<input class="nhsuk-radios__input" id="A01" name="A01" type="radio" value="consultant">`,
		`id="A01-2"`, `name="shown" value="A01"`, `name="shown" value="A02"`, `name="key" value="`,
		"Save and come back later", respond.FormatCode(d.code(env.keyMore)),
		"http://pulse.test/resume/"+respond.FormatCode(d.code(env.keyMore)))
	if strings.Contains(r.body, " checked") {
		t.Error("a new page has a pre-selected answer")
	}
}

func TestSaveValidPageGoesToNext(t *testing.T) {
	env := newTestEnv(t)
	d := env.device()
	first := d.start(env.keyMore)
	r := d.submitPage(first, form("A01", "nurse", "A02", "band_5"))
	mustStatus(t, r, http.StatusSeeOther)
	if want := "/r/" + env.keyMore + "/p/your_work"; r.loc != want {
		t.Fatalf("saved page went to %q, want %q", r.loc, want)
	}
	want := survey.Answers{"A01": {Codes: []string{"nurse"}}, "A02": {Codes: []string{"band_5"}}}
	if diff := cmp.Diff(want, d.answers(env.keyMore)); diff != "" {
		t.Errorf("stored answers (-want +got):\n%s", diff)
	}
	page := d.get(r.loc)
	mustContain(t, page.body, "Section 2 of", "You have answered 2 of", `href="/r/`+env.keyMore+`/p/your_role"`)
}

func TestBranching(t *testing.T) {
	tests := []struct {
		name           string
		senior, active bool
		want           []string
	}{
		{"senior research-active", true, true, []string{
			"your_role", "your_work", "involvement", "research_activity", "research_background",
			"motivations", "barriers", "enablers", "organisation", "rd_office", "comments",
			"strategy", "strategy_workforce", "strategy_priorities"}},
		{"not senior, not research-active", false, false, []string{
			"your_role", "your_work", "involvement", "research_background", "research_interest",
			"research_interest_kind", "motivations", "barriers", "enablers", "organisation", "rd_office", "comments"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newTestEnv(t)
			d := env.device()
			got := d.walk(env.keyMore, d.start(env.keyMore), bundledAnswers(tt.senior, tt.active))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("sections visited (-want +got):\n%s", diff)
			}
			check := d.get(linkPath(env.keyMore) + "/check")
			mustStatus(t, check, http.StatusOK)
			if has := strings.Contains(check.body, "Research in your organisation&#39;s strategy"); has != tt.senior {
				t.Errorf("check page lists the strategy section: %v, want %v", has, tt.senior)
			}
		})
	}
}

func TestChangeHidesAndClearsAnswers(t *testing.T) {
	env := newTestEnv(t)
	d := env.device()
	d.walk(env.keyMore, d.start(env.keyMore), bundledAnswers(false, true))
	before := d.answers(env.keyMore)
	for _, id := range []string{"B02", "B03", "B04", "B05"} {
		if before[id].Empty() {
			t.Fatalf("%s not answered before the change", id)
		}
	}
	ask := d.submitPage(linkPath(env.keyMore)+"/p/involvement?from=check", form("B01", "no"))
	mustContain(t, ask.body, "Changing this answer will remove 4 of your answers", "Research activities", "Protected research time",
		"Keep my answers as they were", `href="/r/`+env.keyMore+`/p/involvement?from=check"`)
	if got := d.answers(env.keyMore); got["B01"].Codes[0] != "yes" || got["B02"].Empty() {
		t.Fatalf("asking to confirm changed the answers: %+v", got)
	}
	r := d.confirm(ask)
	mustStatus(t, r, http.StatusSeeOther)
	if want := linkPath(env.keyMore) + "/p/research_interest?from=check"; r.loc != want {
		t.Errorf("after opening a new branch from the check page went to %q, want %q", r.loc, want)
	}
	after := d.answers(env.keyMore)
	for _, id := range []string{"B02", "B03", "B04", "B05"} {
		if _, ok := after[id]; ok {
			t.Errorf("answer to now-hidden %s kept", id)
		}
	}
	cleared, err := env.store.ClearedItems(context.Background(), d.state(env.keyMore).Response.ID)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range cleared {
		ids = append(ids, c.ItemID+"<"+c.CauseItem)
	}
	want := []string{"B02<research_activity", "B03<research_activity", "B04<research_activity", "B05<research_activity"}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("cleared items (-want +got):\n%s", diff)
	}
	// Answering the new branch returns to the check page.
	r = d.submitPage(r.loc, form("B10", "no"))
	if want := linkPath(env.keyMore) + "/check"; r.loc != want {
		t.Errorf("after answering the new branch went to %q, want %q", r.loc, want)
	}
}

func TestSaveErrors(t *testing.T) {
	tests := []struct {
		name    string
		key     func(*testEnv) string
		before  map[string]url.Values // sections to save first
		section string
		answers url.Values
		summary []string // error summary entries: "href text"
		inline  []string // more text the page must contain
	}{
		{
			name: "required missing", key: mini, section: "role",
			answers: form("A02", "12"),
			summary: []string{"#A01 Select your role"},
			inline:  []string{`id="A01-error"`, `aria-describedby="A01-error"`, `value="12"`},
		},
		{
			name: "required missing, one question", key: more, before: map[string]url.Values{"your_role": form("A01", "nurse", "A02", "band_5"), "your_work": form("A03", "2_to_5", "A04", "acute_hospital", "A05", "cancer")},
			section: "involvement", answers: url.Values{},
			summary: []string{"#B01 Select if you have been involved in research in the last 2 years"},
		},
		{
			name: "unknown option code", key: mini, section: "role",
			answers: form("A01", "surgeon"),
			summary: []string{"#A01 Select one of the options shown"},
		},
		{
			name: "out-of-range number", key: mini, section: "role",
			answers: form("A01", "nurse", "A02", "61"),
			summary: []string{"#A02 Enter your years in post, between 0 and 60"},
			inline:  []string{`value="61"`, `nhsuk-input--error`, `value="nurse" checked`},
		},
		{
			name: "not a number", key: mini, section: "role",
			answers: form("A01", "nurse", "A02", "ten"),
			summary: []string{"#A02 Enter your years in post as a whole number, like 8"},
			inline:  []string{`value="ten"`},
		},
		{
			name: "exclusive with another option", key: mini, before: map[string]url.Values{"role": form("A01", "nurse")},
			section: "research", answers: form("B01", "pi", "B01", "none"),
			summary: []string{"#B01 Select ‘None of these’ on its own"},
		},
		{
			name: "multiple required names the exclusive option", key: mini, before: map[string]url.Values{"role": form("A01", "nurse")},
			section: "research", answers: url.Values{},
			summary: []string{"#B01 Select one or more options for ‘What have you done?’, or select ‘None of these’"},
		},
		{
			name: "other chosen without its text", key: mini, before: map[string]url.Values{"role": form("A01", "nurse")},
			section: "research", answers: form("B01", "other", "B01__other", " "),
			summary: []string{"#B01-other Give details for ‘Something else’"},
			inline:  []string{`id="B01-other-error"`, `nhsuk-input--error" id="B01-other"`, `value="other" checked`},
		},
		{
			name: "a number with a unit the item does not use", key: more, before: bundledBefore("research_activity"),
			section: "research_activity", answers: form("B02", "collecting_data", "B03", "no", "B04", "8 hrs", "B05", "never"),
			summary: []string{"#B04 Enter the hours you spend on research in a typical month as a whole number, like 8"},
		},
		{
			name: "a number with a decimal comma", key: more, before: bundledBefore("research_activity"),
			section: "research_activity", answers: form("B02", "collecting_data", "B03", "no", "B04", "1,5", "B05", "never"),
			summary: []string{"#B04 Enter the hours you spend on research in a typical month as a whole number, like 8"},
		},
		{
			name: "a number out of range, named", key: more, before: bundledBefore("research_activity"),
			section: "research_activity", answers: form("B02", "collecting_data", "B03", "no", "B04", "301", "B05", "never"),
			summary: []string{"#B04 Enter the hours you spend on research in a typical month, between 0 and 300"},
		},
		{
			name: "answer to an item an earlier page hides", key: careers,
			before: map[string]url.Values{
				"about_you": form("R01", "doctor", "R02", "consultant"),
				"research":  form("S01", "yes", "S02", "pi", "S03", "six_plus", "S04", "10"),
			},
			section: "leadership", answers: form("L01", "Clinical lead", "L02", "yes"),
			summary: []string{"This question no longer applies"},
		},
		{
			name: "answer to an item on another page", key: mini,
			section: "role", answers: form("A01", "nurse", "C01", "hello"),
			summary: []string{"An answer was sent for a question that is not on this page"},
		},
		{
			name: "over-long text", key: mini, before: map[string]url.Values{"role": form("A01", "doctor"), "research": form("B01", "none")},
			section: "strategy", answers: form("C01", strings.Repeat("a", 2001)),
			summary: []string{"#C01 Answer to ‘What should change?’ must be 2,000 characters or fewer"},
			inline:  []string{`nhsuk-textarea--error`, strings.Repeat("a", 2001) + "</textarea>"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newTestEnv(t)
			key := tt.key(env)
			d := env.device()
			d.start(key)
			for _, sec := range sectionOrder(env, key) {
				if a, ok := tt.before[sec]; ok {
					mustStatus(t, d.submitPage(linkPath(key)+"/p/"+sec, a), http.StatusSeeOther)
				}
			}
			saved := d.answers(key)
			r := d.submitPage(linkPath(key)+"/p/"+tt.section, tt.answers)
			mustStatus(t, r, http.StatusUnprocessableEntity)
			if diff := cmp.Diff(tt.summary, errorSummary(r.body)); diff != "" {
				t.Errorf("error summary (-want +got):\n%s", diff)
			}
			mustContain(t, r.body, "<title>Error: ", "There is a problem")
			if strings.HasPrefix(tt.summary[0], "#") {
				mustContain(t, r.body, `<span class="nhsuk-u-visually-hidden">Error: </span>`+strings.SplitN(tt.summary[0], " ", 2)[1])
			}
			mustContain(t, r.body, tt.inline...)
			if diff := cmp.Diff(saved, d.answers(key)); diff != "" {
				t.Errorf("answers changed by a rejected page (-before +after):\n%s", diff)
			}
		})
	}
}

func mini(env *testEnv) string { return env.keyMini }

func careers(env *testEnv) string { return env.keyCareers }
func more(env *testEnv) string    { return env.keyMore }

func sectionOrder(env *testEnv, key string) []string {
	q := env.bundled
	switch key {
	case env.keyMini:
		q = env.mini
	case env.keyCareers:
		q = env.careers
	}
	var ids []string
	for _, s := range q.Sections {
		ids = append(ids, s.ID)
	}
	return ids
}

// bundledBefore answers the bundled questionnaire's pages before section,
// for a research-active nurse.
func bundledBefore(section string) map[string]url.Values {
	all := bundledAnswers(false, true)
	out := map[string]url.Values{}
	for _, sec := range []string{"your_role", "your_work", "involvement", "research_activity"} {
		if sec == section {
			break
		}
		out[sec] = all[sec]
	}
	return out
}

// TestNumbersAsPeopleWriteThem: a number followed by the item's own unit
// is understood; the unit is not stored.
func TestNumbersAsPeopleWriteThem(t *testing.T) {
	env := newTestEnv(t)
	d := env.device()
	d.start(env.keyMore)
	for _, sec := range []string{"your_role", "your_work", "involvement"} {
		mustStatus(t, d.submitPage(linkPath(env.keyMore)+"/p/"+sec, bundledAnswers(false, true)[sec]), http.StatusSeeOther)
	}
	r := d.submitPage(linkPath(env.keyMore)+"/p/research_activity", form("B02", "collecting_data", "B03", "no", "B04", " 8 hours ", "B05", "never"))
	mustStatus(t, r, http.StatusSeeOther)
	if got := d.answers(env.keyMore)["B04"].Text; got != "8" {
		t.Errorf("B04 stored as %q, want 8", got)
	}
}

// TestMalformedTextIsRefused: an answer that is not valid UTF-8 or holds
// a NUL character is a 400 and nothing is saved.
func TestMalformedTextIsRefused(t *testing.T) {
	env := newTestEnv(t)
	d := env.device()
	first := d.start(env.keyMini)
	fields := hiddenFields(d.get(first).body)
	fields.Set("csrf", d.csrf())
	for _, body := range []string{fields.Encode() + "&A01=nurse&A02=1%00", fields.Encode() + "&A01=nurse&A02=%FF"} {
		r := d.postRaw(first, body)
		mustStatus(t, r, http.StatusBadRequest)
		mustContain(t, r.body, "without NUL characters")
	}
	if got := d.answers(env.keyMini); len(got) != 0 {
		t.Errorf("malformed pages saved %v", got)
	}
}

func TestSaveKeepsOtherText(t *testing.T) {
	env := newTestEnv(t)
	d := env.device()
	d.start(env.keyMini)
	d.walk(env.keyMini, linkPath(env.keyMini)+"/p/role", miniAnswers())
	if got := d.answers(env.keyMini)["B01"]; got.Other != "Ran a journal club" {
		t.Errorf("B01 other text = %q", got.Other)
	}
	page := d.get(linkPath(env.keyMini) + "/p/research")
	mustContain(t, page.body,
		`id="B01-5" name="B01" type="checkbox" value="none" data-behaviour="exclusive"`,
		`<div class="nhsuk-checkboxes__divider">or</div>`,
		`value="other" checked data-aria-controls="conditional-B01-3"`,
		`<div class="nhsuk-checkboxes__conditional" id="conditional-B01-3">`,
		`name="B01__other" type="text" value="Ran a journal club"`)
}

func TestOversizedBody(t *testing.T) {
	env := newTestEnv(t)
	d := env.device()
	first := d.start(env.keyMini)
	fields := hiddenFields(d.get(first).body)
	fields.Set("A01", "nurse")
	fields.Set("csrf", d.csrf())
	fields.Set("pad", strings.Repeat("x", 300<<10))
	r := d.postRaw(first, fields.Encode())
	mustStatus(t, r, http.StatusRequestEntityTooLarge)
	if got := d.answers(env.keyMini); len(got) != 0 {
		t.Errorf("an oversized page saved %v", got)
	}
}

func TestDoublePostSameKey(t *testing.T) {
	env := newTestEnv(t)
	d := env.device()
	first := d.start(env.keyMini)
	fields := hiddenFields(d.get(first).body)
	fields.Set("A01", "nurse")
	r1 := d.post(first, fields)
	r2 := d.post(first, fields) // a retried post of the same rendering
	mustStatus(t, r1, http.StatusSeeOther)
	mustStatus(t, r2, http.StatusSeeOther)
	if r1.loc != r2.loc {
		t.Errorf("retry went to %q, first post to %q", r2.loc, r1.loc)
	}
	want := survey.Answers{"A01": {Codes: []string{"nurse"}}}
	if diff := cmp.Diff(want, d.answers(env.keyMini)); diff != "" {
		t.Errorf("answers after a retried post (-want +got):\n%s", diff)
	}

	// The same rendering sent again with another answer is not a retry:
	// the page comes back, unsaved, with the new answer and a fresh key.
	fields.Set("A01", "doctor")
	r3 := d.post(first, fields)
	mustStatus(t, r3, http.StatusUnprocessableEntity)
	mustContain(t, r3.body, "<title>Error: ", "were not saved, because this page had already been sent", `value="doctor" checked`)
	if diff := cmp.Diff(want, d.answers(env.keyMini)); diff != "" {
		t.Errorf("answers after a changed resend (-want +got):\n%s", diff)
	}
	again := hiddenFields(r3.body)
	if again.Get("key") == fields.Get("key") || again.Get("key") == "" {
		t.Fatalf("the page came back with key %q", again.Get("key"))
	}
	again.Set("A01", "doctor")
	mustStatus(t, d.post(first, again), http.StatusSeeOther)
	if got := d.answers(env.keyMini)["A01"].Codes; !slices.Equal(got, []string{"doctor"}) {
		t.Errorf("A01 after sending the page again = %v", got)
	}
}

func TestPageNotReachable(t *testing.T) {
	env := newTestEnv(t)
	d := env.device()
	d.start(env.keyMore)
	for _, path := range []string{"/p/comments", "/p/strategy", "/p/nonsense", "/p/_check", "/check"} {
		r := d.get(linkPath(env.keyMore) + path)
		mustStatus(t, r, http.StatusSeeOther)
		if want := linkPath(env.keyMore) + "/p/your_role"; r.loc != want {
			t.Errorf("GET %s went to %q, want %q", path, r.loc, want)
		}
	}
	r := env.device().get(linkPath(env.keyMore) + "/p/your_role")
	mustStatus(t, r, http.StatusSeeOther)
	if r.loc != linkPath(env.keyMore) {
		t.Errorf("a browser with no response went to %q, want the intro page", r.loc)
	}
}

func TestCheckPage(t *testing.T) {
	env := newTestEnv(t)
	d := env.device()
	d.walk(env.keyMini, d.start(env.keyMini), miniAnswers())
	r := d.get(linkPath(env.keyMini) + "/check")
	mustStatus(t, r, http.StatusOK)
	mustContain(t, r.body,
		"<title>Check your answers before submitting – Mini review – Research Pulse</title>",
		`<dt class="nhsuk-summary-list__key">What is your role?</dt>`, "Nurse",
		`<dt class="nhsuk-summary-list__key">Years in post</dt>`, "Not answered",
		"Recruited", "Something else: Ran a journal club",
		`href="/r/`+env.keyMini+`/p/role?from=check#A02-question">Change<span class="nhsuk-u-visually-hidden"> Years in post</span></a>`,
		`<p class="nhsuk-body-s pulse-progress" id="progress">You have answered 2 of 2 required questions</p>`,
		`action="/r/`+env.keyMini+`/submit"`, "Submit your answers",
		`class="nhsuk-back-link" href="/r/`+env.keyMini+`/p/research"`)
	if strings.Contains(r.body, "Strategy") {
		t.Error("check page lists a section the route did not show")
	}
	// A change from the check page returns there.
	s := d.submitPage(linkPath(env.keyMini)+"/p/role?from=check", form("A01", "admin", "A02", "3"))
	if want := linkPath(env.keyMini) + "/check"; s.loc != want {
		t.Errorf("after a change went to %q, want %q", s.loc, want)
	}
	// Choosing "pi" opens B02 on the same page: it is asked before the check page.
	s = d.submitPage(linkPath(env.keyMini)+"/p/research?from=check", form("B01", "pi"))
	if want := linkPath(env.keyMini) + "/p/research?added=B02a%2CB02b&from=check"; s.loc != want {
		t.Fatalf("opening questions on the same page went to %q, want %q", s.loc, want)
	}
	s = d.submitPage(s.loc, form("B01", "pi", "B02a", "3", "B02b", "1"))
	if want := linkPath(env.keyMini) + "/check"; s.loc != want {
		t.Errorf("after answering the opened questions went to %q, want %q", s.loc, want)
	}
}

func TestSubmit(t *testing.T) {
	env := newTestEnv(t)
	d := env.device()
	d.walk(env.keyMini, d.start(env.keyMini), miniAnswers())
	code := d.code(env.keyMini)
	id := d.state(env.keyMini).Response.ID
	check := d.get(linkPath(env.keyMini) + "/check")
	fields := hiddenFields(check.body)

	r1 := d.post(linkPath(env.keyMini)+"/submit", fields)
	r2 := d.post(linkPath(env.keyMini)+"/submit", fields)
	for _, r := range []reply{r1, r2} {
		mustStatus(t, r, http.StatusSeeOther)
		if want := linkPath(env.keyMini) + "/done"; r.loc != want {
			t.Errorf("submit went to %q, want %q", r.loc, want)
		}
	}
	if !strings.Contains(strings.Join(r1.header.Values("Set-Cookie"), "\n"), resumeCookieName(env.keyMini)+"=;") {
		t.Error("submitting does not clear the resume cookie")
	}
	saved, err := env.store.Answers(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}

	// Saving after submitting is refused and changes nothing, even from a
	// browser that still holds the code (say, the answer to the submit
	// never arrived).
	late := env.device()
	late.c.Jar.SetCookies(mustURL(t, env.srv.URL+"/"), []*http.Cookie{{Name: resumeCookieName(env.keyMini), Value: code + ".99999999999", Path: "/"}})
	r := late.post(linkPath(env.keyMini)+"/p/role", form("key", "late-1", "shown", "A01", "shown", "A02", "A01", "doctor"))
	mustStatus(t, r, http.StatusSeeOther)
	if r.loc != linkPath(env.keyMini)+"/done" {
		t.Errorf("a save after submitting went to %q", r.loc)
	}

	done := d.get(linkPath(env.keyMini) + "/done")
	mustStatus(t, done, http.StatusOK)
	mustContain(t, done.body, `<h1 class="nhsuk-panel__heading">Your answers have been submitted</h1>`, "What happens next")
	if d.code(env.keyMini) != "" {
		t.Error("the browser still holds the resume code")
	}

	st, err := env.flow.State(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if !st.Submitted() {
		t.Error("response not submitted")
	}
	if diff := cmp.Diff(saved, st.Answers); diff != "" {
		t.Errorf("answers changed after submitting (-want +got):\n%s", diff)
	}
	// The code now only says the answers were submitted.
	other := env.device()
	r = other.post("/resume", form("code", code))
	mustStatus(t, r, http.StatusConflict)
	mustContain(t, r.body, "These answers have already been submitted")
	if other.code(env.keyMini) != "" {
		t.Error("resuming a submitted response set a resume cookie")
	}
}

func TestSubmitWithMissingAnswers(t *testing.T) {
	env := newTestEnv(t)
	d := env.device()
	d.walk(env.keyMini, d.start(env.keyMini), miniAnswers())
	id := d.state(env.keyMini).Response.ID
	if _, _, err := env.store.SavePage(context.Background(), store.PageSave{ResponseID: id, Key: "test-delete", Delete: []string{"A01"}}); err != nil {
		t.Fatal(err)
	}
	check := d.get(linkPath(env.keyMini) + "/check")
	r := d.post(linkPath(env.keyMini)+"/submit", hiddenFields(check.body))
	mustStatus(t, r, http.StatusUnprocessableEntity)
	want := []string{"/r/" + env.keyMini + "/p/role?from=check Select your role"}
	if diff := cmp.Diff(want, errorSummary(r.body)); diff != "" {
		t.Errorf("error summary (-want +got):\n%s", diff)
	}
	mustContain(t, r.body, "<title>Error: Check your answers")
	if st, _ := env.flow.State(context.Background(), id); st.Submitted() {
		t.Error("an incomplete response was submitted")
	}
}

func TestClosedReview(t *testing.T) {
	env := newTestEnv(t)
	d := env.device()
	r := d.get(linkPath(env.keyClosed))
	mustStatus(t, r, http.StatusGone)
	mustContain(t, r.body, "This review has closed", "<title>This review has closed – Research engagement review – Research Pulse</title>")
	if strings.Contains(r.body, "/start") || strings.Contains(r.body, "Start now") {
		t.Error("a closed review offers to start")
	}
	start := d.post(linkPath(env.keyClosed)+"/start", url.Values{})
	mustStatus(t, start, http.StatusGone)

	// A review that closes while someone is answering.
	first := d.start(env.keyMini)
	fields := hiddenFields(d.get(first).body)
	if err := env.store.SetReviewStatus(context.Background(), d.state(env.keyMini).Review.ID, store.ReviewClosed); err != nil {
		t.Fatal(err)
	}
	fields.Set("A01", "nurse")
	late := d.post(first, fields)
	mustStatus(t, late, http.StatusGone)
	mustContain(t, late.body, "This review has closed", "Any answers you saved before it closed have been kept")
	if strings.Contains(late.body, "<form") && strings.Contains(late.body, `name="key"`) {
		t.Error("the closed page has an answer form")
	}
	if got := d.answers(env.keyMini); len(got) != 0 {
		t.Errorf("a closed review saved %v", got)
	}
	// Resuming it shows the same page.
	r = env.device().post("/resume", form("code", d.code(env.keyMini)))
	mustStatus(t, r, http.StatusGone)
}

func TestReviewNotOpenYet(t *testing.T) {
	env := newTestEnv(t)
	ctx := context.Background()
	trust, err := env.store.TrustByCode(ctx, "RM1")
	if err != nil {
		t.Fatal(err)
	}
	_, links, err := env.store.CreateReview(ctx, store.Review{
		Slug: "later-2027", Title: "later", QuestionnaireID: env.mini.ID, QuestionnaireVersion: env.mini.Version,
		QuestionnaireHash: env.mini.Hash, Status: store.ReviewOpen,
		OpensAt: time.Date(2027, 1, 11, 9, 0, 0, 0, time.UTC), ClosesAt: time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC),
	}, store.SourceOf(env.mini), []int64{trust.ID})
	if err != nil {
		t.Fatal(err)
	}
	d := env.device()
	r := d.get(linkPath(links[0].Key))
	mustStatus(t, r, http.StatusForbidden)
	mustContain(t, r.body, "This review is not open yet", "This review opens on 11 January 2027.")
	cy := d.get(linkPath(links[0].Key) + "?lang=cy")
	mustContain(t, cy.body, `<html lang="cy">`, "Bydd yr adolygiad hwn yn agor ar 11 Ionawr 2027.")
	mustStatus(t, d.post(linkPath(links[0].Key)+"/start", url.Values{}), http.StatusForbidden)
}

func TestUnknownLink(t *testing.T) {
	env := newTestEnv(t)
	for _, path := range []string{"/r/nosuchlink", "/r/nosuchlink/check", "/nowhere"} {
		r := env.device().get(path)
		mustStatus(t, r, http.StatusNotFound)
		mustContain(t, r.body, "<title>Page not found – Research Pulse</title>", "<h1 class=\"nhsuk-heading-l\">Page not found</h1>")
	}
}

func TestResumeSecondDevice(t *testing.T) {
	env := newTestEnv(t)
	a := env.device()
	first := a.start(env.keyMore)
	answers := bundledAnswers(false, true)
	r := a.submitPage(first, answers["your_role"])
	r = a.submitPage(r.loc, answers["your_work"])
	reached := r.loc
	code := a.code(env.keyMore)

	tests := []struct {
		name string
		open func(*device) reply
	}{
		{"typed into the form", func(b *device) reply {
			b.get("/resume")
			return b.post("/resume", form("code", " "+strings.ToLower(respond.FormatCode(code))+" "))
		}},
		{"resume link", func(b *device) reply { return b.resumeByLink(respond.FormatCode(code)) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := env.device()
			r := tt.open(b)
			mustStatus(t, r, http.StatusSeeOther)
			if r.loc != reached {
				t.Fatalf("resumed at %q, want %q", r.loc, reached)
			}
			setCookie := strings.Join(r.header.Values("Set-Cookie"), "\n")
			mustContain(t, setCookie, resumeCookieName(env.keyMore)+"=", "Path=/;", "HttpOnly")
			for _, line := range r.header.Values("Set-Cookie") {
				if strings.HasPrefix(line, resumeCookieName(env.keyMore)) && (strings.Contains(line, "Max-Age") || strings.Contains(line, "Expires")) {
					t.Errorf("the resume cookie outlives the browser session: %s", line)
				}
			}
			mustStatus(t, b.get(reached), http.StatusOK)
			prev := b.get(linkPath(env.keyMore) + "/p/your_role")
			mustStatus(t, prev, http.StatusOK)
			mustContain(t, prev.body, `value="nurse" checked`, `value="band_5" checked`)
		})
	}
}

func TestForgedResumeCode(t *testing.T) {
	env := newTestEnv(t)
	tests := []struct {
		name   string
		send   func(*device) reply
		status int
		msg    string
	}{
		{"empty", func(d *device) reply { return d.post("/resume", form("code", "  ")) }, http.StatusUnprocessableEntity, "Enter your resume code"},
		{"forged", func(d *device) reply { return d.post("/resume", form("code", strings.Repeat("A", 26))) }, http.StatusUnprocessableEntity, "Enter a valid resume code"},
		{"too short", func(d *device) reply { return d.post("/resume", form("code", "ABCDE")) }, http.StatusUnprocessableEntity, "Enter a valid resume code"},
		{"forged link", func(d *device) reply { return d.get("/resume/" + strings.Repeat("B", 26)) }, http.StatusNotFound, "Enter a valid resume code"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.send(env.device())
			mustStatus(t, r, tt.status)
			mustContain(t, r.body, "<title>Error: Enter your resume code – Research Pulse</title>", `href="#code"`, tt.msg, `nhsuk-input--error`)
		})
	}
}

func TestResumeRateLimit(t *testing.T) {
	env := newTestEnv(t)
	d := env.device()
	var last reply
	for range DefaultClientLimit + 1 {
		last = d.post("/resume", form("code", strings.Repeat("C", 26)))
	}
	mustStatus(t, last, http.StatusTooManyRequests)
	mustContain(t, last.body, "You have tried too many codes")
	mustStatus(t, d.get("/resume"), http.StatusOK) // the form itself is not limited
}

func TestCookieFromAnotherLink(t *testing.T) {
	env := newTestEnv(t)
	a := env.device()
	a.start(env.keyMore)
	u, _ := url.Parse(env.srv.URL + linkPath(env.keyLess))
	a.c.Jar.SetCookies(u, []*http.Cookie{{Name: resumeCookieName(env.keyLess), Value: a.cookie("/", resumeCookieName(env.keyMore)), Path: "/"}})
	r := a.get(linkPath(env.keyLess) + "/p/your_role")
	mustStatus(t, r, http.StatusSeeOther)
	if r.loc != linkPath(env.keyLess) {
		t.Errorf("a code from another link went to %q, want the intro page", r.loc)
	}
}

func TestWelsh(t *testing.T) {
	env := newTestEnv(t)
	d := env.device()
	intro := d.get(linkPath(env.keyMini))
	mustContain(t, intro.body, `<html lang="en">`, `href="/r/`+env.keyMini+`?lang=cy" lang="cy" hreflang="cy">Cymraeg</a>`)
	cyIntro := d.get(linkPath(env.keyMini) + "?lang=cy")
	mustContain(t, cyIntro.body, `<html lang="cy">`, "Adolygiad bach", "Dechrau nawr", `name="lang" value="cy"`)

	first := d.start(env.keyMini)
	mustStatus(t, d.submitPage(first, form("A01", "doctor", "A02", "4")), http.StatusSeeOther)
	sw := d.post(linkPath(env.keyMini)+"/language", form("lang", "cy", "return", linkPath(env.keyMini)+"/p/research"))
	mustStatus(t, sw, http.StatusSeeOther)
	if want := linkPath(env.keyMini) + "/p/research"; sw.loc != want {
		t.Fatalf("language switch went to %q, want %q", sw.loc, want)
	}
	page := d.get(sw.loc)
	mustContain(t, page.body, `<html lang="cy">`, "Beth ydych chi wedi gwneud?", "Arwain astudiaeth", "Parhau</button>",
		"Yn ôl</a>", "Adran 2 o 3", "Rydych wedi ateb 1 o 2 cwestiwn gofynnol", `<div class="nhsuk-checkboxes__divider">neu</div>`,
		"Cadw a dod yn ôl yn nes ymlaen", `<title>Beth ydych chi wedi gwneud? – Adolygiad bach – Research Pulse</title>`,
		`lang="en">English</button>`)
	role := d.get(linkPath(env.keyMini) + "/p/role")
	mustContain(t, role.body, `value="doctor" checked`, `value="4"`, "Meddyg", "(dewisol)")

	bad := d.submitPage(sw.loc, url.Values{})
	mustStatus(t, bad, http.StatusUnprocessableEntity)
	mustContain(t, bad.body, "<title>Gwall: ", "Mae problem wedi codi", "Dewiswch un opsiwn neu fwy ar gyfer ‘Beth ydych chi wedi gwneud?’, neu dewiswch ‘Dim un or rhain’")

	// Return paths outside the review link are ignored.
	evil := d.post(linkPath(env.keyMini)+"/language", form("lang", "en", "return", "https://evil.example/"))
	if evil.loc != linkPath(env.keyMini) {
		t.Errorf("switch with a foreign return path went to %q", evil.loc)
	}
}

func TestCatalogComplete(t *testing.T) {
	c, err := loadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range uiLanguages {
		if missing := c.missing(lang); len(missing) > 0 {
			t.Errorf("%s catalogue lacks %v", lang, missing)
		}
	}
}

// rawKey matches a catalogue key that leaked into a page instead of its text.
var rawKey = regexp.MustCompile(`(^|[^a-z_./-])(answer|page|field|check|done|intro|resume|resume_box|resume_confirm|taken_part|nav|home|error|error_summary|closed|notopen|submitted|count|lang|layout|footer|date|service)\.[a-z_]+[a-z]`)

func TestNoRawKeysAndNoCodeInURLs(t *testing.T) {
	env := newTestEnv(t)
	for _, lang := range []string{"en", "cy"} {
		d := env.device()
		var bodies []reply
		bodies = append(bodies, d.get("/?lang="+lang), d.get("/resume?lang="+lang), d.get("/nowhere?lang="+lang),
			d.get(linkPath(env.keyClosed)+"?lang="+lang), d.get(linkPath(env.keyMini)+"?lang="+lang))
		d.post(linkPath(env.keyMini)+"/start", form("lang", lang))
		bodies = append(bodies, d.get(linkPath(env.keyMini)+"/p/role"))
		bodies = append(bodies, d.submitPage(linkPath(env.keyMini)+"/p/role", form("A02", "999")))
		d.walk(env.keyMini, linkPath(env.keyMini)+"/p/role", map[string]url.Values{
			"role": form("A01", "doctor"), "research": form("B01", "recruit"), "strategy": {},
		})
		code := d.code(env.keyMini)
		bodies = append(bodies, d.get(linkPath(env.keyMini)+"/p/research"), d.get(linkPath(env.keyMini)+"/check"))
		bodies = append(bodies, d.post("/resume", form("code", "nope", "lang", lang)))
		b := env.device()
		b.get("/resume/" + code)
		b.post("/resume", form("code", code))
		check := d.get(linkPath(env.keyMini) + "/check")
		d.post(linkPath(env.keyMini)+"/submit", hiddenFields(check.body))
		bodies = append(bodies, d.get(linkPath(env.keyMini)+"/done"))
		for i, r := range bodies {
			if m := rawKey.FindString(r.body); m != "" {
				t.Errorf("%s page %d shows a raw catalogue key %q", lang, i, m)
			}
			want := lang
			if i == 3 { // the closed review's questionnaire is in English only
				want = "en"
			}
			if !strings.Contains(r.body, `<html lang="`+want+`">`) {
				t.Errorf("%s page %d (status %d) is not in %s", lang, i, r.status, want)
			}
		}
		for _, loc := range slices.Concat(d.locations, b.locations) {
			if strings.Contains(respond.NormalizeCode(loc), code) {
				t.Errorf("a redirect carries the resume code: %s", loc)
			}
		}
	}
}

func TestCSRF(t *testing.T) {
	env := newTestEnv(t)
	d := env.device()
	first := d.start(env.keyMini)
	tests := []struct {
		name, path, body string
	}{
		{"start without token", linkPath(env.keyMini) + "/start", ""},
		{"start with a wrong token", linkPath(env.keyMini) + "/start", "csrf=forged"},
		{"save without token", first, "key=k1&shown=A01&A01=nurse"},
		{"resume without token", "/resume", "code=" + d.code(env.keyMini)},
		{"language without token", linkPath(env.keyMini) + "/language", "lang=cy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := d.postRaw(tt.path, tt.body)
			mustStatus(t, r, http.StatusForbidden)
			mustContain(t, r.body, "Sorry, this form has expired")
		})
	}
	if got := d.answers(env.keyMini); len(got) != 0 {
		t.Errorf("a post without a CSRF token saved %v", got)
	}
}

func TestSecurityHeadersOnPages(t *testing.T) {
	env := newTestEnv(t)
	r := env.device().get(linkPath(env.keyMore))
	for name, want := range map[string]string{"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"} {
		if got := r.header.Get(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	js := env.device().get("/static/app.mjs")
	mustStatus(t, js, http.StatusOK)
	if ct := js.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/javascript") {
		t.Errorf("app.mjs served as %q", ct)
	}
}

func mustURL(t *testing.T, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func mustStatus(t *testing.T, r reply, want int) {
	t.Helper()
	if r.status != want {
		t.Fatalf("status %d, want %d (Location %q)\n%s", r.status, want, r.loc, excerpt(r.body))
	}
}

func mustContain(t *testing.T, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("page lacks %q\n%s", w, excerpt(body))
		}
	}
}

func excerpt(body string) string {
	if i := strings.Index(body, `<main`); i >= 0 {
		body = body[i:]
	}
	if len(body) > 3000 {
		body = body[:3000] + "…"
	}
	return body
}

// TestLongListGrouped: an item whose options have groups shows them under
// disclosures, open where an option is chosen or the question has an
// error; the API names each option's group.
func TestLongListGrouped(t *testing.T) {
	env := newTestEnv(t)
	d := env.device()
	first := d.start(env.keyMore)
	page := d.get(first)
	mustContain(t, page.body, `<details class="nhsuk-details pulse-option-group">`,
		`<span class="nhsuk-details__summary-text">Medical and dental</span>`,
		`<span class="nhsuk-details__summary-text">Nursing and midwifery</span>`)
	if strings.Contains(page.body, "pulse-option-group\" open") {
		t.Error("a group is open on a new page")
	}
	bad := d.submitPage(first, form("A02", "band_5"))
	mustStatus(t, bad, http.StatusUnprocessableEntity)
	if n := strings.Count(bad.body, `pulse-option-group" open`); n != 6 {
		t.Errorf("%d of 6 groups open on a page with an error for the question", n)
	}
	mustStatus(t, d.submitPage(first, form("A01", "midwife", "A02", "band_5")), http.StatusSeeOther)
	again := d.get(first)
	if n := strings.Count(again.body, `pulse-option-group" open`); n != 1 || !strings.Contains(again.body, `open>
        <summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">Nursing and midwifery</span>`) {
		t.Errorf("%d groups open after choosing a midwife; want only Nursing and midwifery", n)
	}

	s := env.apiStart(env.keyMore, nil)
	if o := s.page.Items[0].Options[4]; o.Code != "nurse" || o.Group != "Nursing and midwifery" {
		t.Errorf("API option %+v", o)
	}
}

// TestFollowUpMarkup: a follow-up that an answer on its page can reveal is
// drawn hidden with its controls disabled, inside a box that names it for
// the page script; the form says where to ask what the answers show.
func TestFollowUpMarkup(t *testing.T) {
	env := newTestEnv(t)
	d := env.device()
	page := d.get(d.start(env.keyCareers))
	mustStatus(t, page, http.StatusOK)
	mustContain(t, page.body,
		`<div class="pulse-item" id="R01-item" data-items="R01">`,
		`<div class="pulse-item" id="R02-item" data-items="R02" hidden>`,
		`id="R02" name="R02" type="radio" value="foundation" disabled`,
		`data-reveal="/r/`+env.keyCareers+`/p/about_you/reveal"`,
		`data-added-one="1 question added below."`,
		`<input type="hidden" name="shown" value="R01">`,
		`name="action" value="later">Save and come back later</button>`)
	if strings.Contains(page.body, `name="shown" value="R02"`) {
		t.Error("a hidden follow-up is listed as shown")
	}
}

// TestReveal: the page script's question "what do these answers show?" is
// answered from the server's branching, without saving anything.
func TestReveal(t *testing.T) {
	env := newTestEnv(t)
	d := env.device()
	d.start(env.keyCareers)
	r := d.post(linkPath(env.keyCareers)+"/p/about_you/reveal", form("R01", "doctor", "R04", "12"))
	mustStatus(t, r, http.StatusOK)
	if r.body != `{"shown":["R01","R02","R04","R05"]}`+"\n" {
		t.Errorf("reveal = %s", r.body)
	}
	r = d.post(linkPath(env.keyCareers)+"/p/about_you/reveal", form("R01", "nurse", "R04", "not a number"))
	if r.body != `{"shown":["R01","R03","R04"]}`+"\n" {
		t.Errorf("reveal with a number that does not parse = %s", r.body)
	}
	if got := d.answers(env.keyCareers); len(got) != 0 {
		t.Errorf("reveal saved answers: %+v", got)
	}
	if r := d.post(linkPath(env.keyCareers)+"/p/research/reveal", form("S01", "yes")); r.status != http.StatusNotFound {
		t.Errorf("reveal on a page not reached: %d", r.status)
	}
}
