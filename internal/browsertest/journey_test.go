package browsertest

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// step is one thing a respondent does on a page: choose an option by its
// label, or type into a box.
type step struct {
	name, label string // choose
	id, text    string // type
}

func pick(name, label string) step { return step{name: name, label: label} }
func typed(id, text string) step   { return step{id: id, text: text} }

// seniorActive answers every page of the bundled questionnaire as a
// research-active band 9 nurse, which shows the research activity and the
// three strategy sections.
func seniorActive() map[string][]step {
	grid := []step{}
	for _, s := range "abcdefgh" {
		grid = append(grid, pick("D01"+string(s), "Agree"))
	}
	return map[string][]step{
		"your_role":         {pick("A01", "Nurse"), pick("A02", "Band 9")},
		"your_work":         {pick("A03", "2 to 5 years"), pick("A04", "Somewhere else"), typed("A04-other", "Hospice"), pick("A05", "Cancer")},
		"involvement":       {pick("B01", "Yes")},
		"research_activity": {pick("B02", "Collected data"), pick("B03", "No"), typed("B04", "10"), pick("B05", "Never")},
		"research_background": {pick("B06", "No"), pick("B07", "I have no research qualification or training"),
			pick("B08", "No"), pick("B09", "No")},
		"motivations":         {pick("C01", "Improving patients' experience and outcomes")},
		"barriers":            {pick("C02", "No protected time for research")},
		"enablers":            {pick("C03", "Research training"), pick("C04", "Yes"), pick("C05", "No")},
		"organisation":        grid,
		"rd_office":           {pick("D02", "No, I did not know"), pick("D03", "Colleagues"), pick("D04", "No")},
		"comments":            {typed("D05", "More time would help.")},
		"strategy":            {pick("E01", "Not sure"), pick("E02", "Not sure"), pick("E03", "Not sure"), pick("E04", "Not sure")},
		"strategy_workforce":  {pick("E05", "Not sure"), pick("E06", "Not sure")},
		"strategy_priorities": {pick("E07", "Research training")},
	}
}

var seniorActiveRoute = []string{
	"your_role", "your_work", "involvement", "research_activity", "research_background",
	"motivations", "barriers", "enablers", "organisation", "rd_office", "comments",
	"strategy", "strategy_workforce", "strategy_priorities",
}

// answerPage does the steps on the current page.
func (d *device) answerPage(steps []step) {
	d.t.Helper()
	for _, s := range steps {
		if s.name != "" {
			d.choose(s.name, s.label)
			continue
		}
		d.typeInto(s.id, s.text)
	}
}

// complete answers every page from the current one to the check page,
// calling visit (if set) on each page first, and returns the route.
func (d *device) complete(key string, answers map[string][]step, visit func(section string)) []string {
	d.t.Helper()
	var route []string
	for range 30 {
		section, ok := strings.CutPrefix(d.path(), linkPath(key)+"/p/")
		if !ok {
			return route
		}
		route = append(route, section)
		if visit != nil {
			visit(section)
		}
		d.answerPage(answers[section])
		if res := d.submit(); res.Status != 200 {
			d.t.Fatalf("saving %s gave %d", section, res.Status)
		}
	}
	d.t.Fatal("no check page after 30 pages")
	return nil
}

// journey completes the bundled questionnaire from the intro page to the
// confirmation at one screen size.
func journey(t *testing.T, width, height int64) {
	s := newSite(t)
	d := newDevice(t, s.URL)
	d.do(chromedp.EmulateViewport(width, height))
	if st := d.open(linkPath(s.KeyMore)); st != 200 {
		t.Fatalf("intro: %d", st)
	}
	if !eval[bool](d, `document.body.classList.contains('nhsuk-frontend-supported')`) {
		t.Error("the NHS scripts did not start")
	}
	d.submit() // Start now
	route := d.complete(s.KeyMore, seniorActive(), func(section string) {
		if section == "motivations" {
			// "None of these" is exclusive: choosing it clears the others, and back.
			d.choose("C01", "Improving patients' experience and outcomes")
			d.choose("C01", "None of these")
			if d.checked("C01") {
				t.Error("choosing ‘None of these’ did not clear the other options")
			}
			d.choose("C01", "None of these")
		}
	})
	if strings.Join(route, " ") != strings.Join(seniorActiveRoute, " ") {
		t.Errorf("route\n got %v\nwant %v", route, seniorActiveRoute)
	}
	if p := d.path(); p != linkPath(s.KeyMore)+"/check" {
		t.Fatalf("after the last page: %s", p)
	}
	for _, want := range []string{"Band 9", "Somewhere else: Hospice", "10 hours", "More time would help.", "Improving patients' experience and outcomes"} {
		if !strings.Contains(d.text("maincontent"), want) {
			t.Errorf("check page lacks %q", want)
		}
	}
	d.submit()
	if p := d.path(); p != linkPath(s.KeyMore)+"/done" {
		t.Fatalf("after submitting: %s", p)
	}
	if got := eval[string](d, `document.querySelector('h1').textContent.trim()`); got != "Your answers have been submitted" {
		t.Errorf("confirmation heading %q", got)
	}
}

func TestJourneyPhone(t *testing.T)   { journey(t, 360, 740) }
func TestJourneyDesktop(t *testing.T) { journey(t, 1280, 900) }

// TestResumeOnSecondDevice answers two pages in one browser and carries
// on in another, separate browser with the resume code read off the page.
func TestResumeOnSecondDevice(t *testing.T) {
	s := newSite(t)
	a := newDevice(t, s.URL)
	a.do(chromedp.EmulateViewport(360, 740))
	a.open(linkPath(s.KeyMore))
	a.submit()
	answers := seniorActive()
	a.answerPage(answers["your_role"])
	a.submit()
	a.answerPage(answers["your_work"])
	a.submit()
	reached := a.path()
	code := a.text("resume-code")
	if len(strings.ReplaceAll(code, "-", "")) != 26 {
		t.Fatalf("resume code on the page: %q", code)
	}

	b := newSeparateDevice(t, s.URL)
	b.open("/resume")
	b.typeInto("code", strings.ToLower(code))
	b.submit()
	if p := b.path(); p != reached {
		t.Fatalf("second device resumed at %s, want %s", p, reached)
	}
	b.open(linkPath(s.KeyMore) + "/p/your_work")
	for _, id := range []string{"A03-2", "A04-5"} {
		if !b.checked(id) {
			t.Errorf("second device: %s not checked", id)
		}
	}
	if got := eval[string](b, `document.getElementById('A04-other').value`); got != "Hospice" {
		t.Errorf("second device: other text %q", got)
	}
	if !eval[bool](b, `getComputedStyle(document.getElementById('A04-other')).display !== 'none' && document.getElementById('A04-other').offsetParent !== null`) {
		t.Error("the revealed ‘please specify’ box is hidden when its option is chosen")
	}
}

// TestGridReflowsAt320 checks that the agreement grid needs no sideways
// scrolling on the narrowest screen WCAG reflow asks for.
func TestGridReflowsAt320(t *testing.T) {
	s := newSite(t)
	code := s.prefill(t, s.KeyMore, "en", "organisation", bundledAnswers())
	d := newDevice(t, s.URL)
	d.do(chromedp.EmulateViewport(320, 640, chromedp.EmulateMobile))
	d.open("/resume/" + code)
	d.submit() // confirm
	if p := d.path(); p != linkPath(s.KeyMore)+"/p/organisation" {
		t.Fatalf("resumed at %s", p)
	}
	d.do(chromedp.Click(chromedp.CSS("summary.nhsuk-details__summary"))) // show the long resume link too
	if w := eval[int](d, `document.documentElement.scrollWidth`); w > 320 {
		t.Errorf("page is %d px wide at a 320 px viewport", w)
	}
	d.do(chromedp.EmulateViewport(1280, 900))
	// On a desktop each statement's options sit side by side.
	rows := eval[int](d, `new Set([...document.querySelector('.pulse-grid__statement').querySelectorAll('.nhsuk-radios__item')]
		.map(e => Math.round(e.getBoundingClientRect().top))).size`)
	if rows != 1 {
		t.Errorf("a desktop grid statement's options spread over %d lines, want 1", rows)
	}
}

// TestWithoutJavaScript answers and submits with scripts turned off: every
// form is a plain POST, and "please specify" boxes show without the reveal.
func TestWithoutJavaScript(t *testing.T) {
	s := newSite(t)
	d := newDevice(t, s.URL)
	if _, err := chromedp.Call(d.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	d.open(linkPath(s.KeyMini))
	if eval[bool](d, `document.body.classList.contains('nhsuk-frontend-supported')`) {
		t.Fatal("scripts still run")
	}
	d.submit()
	d.choose("A01", "Nurse")
	d.submit()
	// The "please specify" box is visible without the script that reveals it.
	if !eval[bool](d, `document.getElementById('B01-other').offsetParent !== null`) {
		t.Error("‘please specify’ box hidden without JavaScript")
	}
	d.choose("B01", "Something else")
	d.typeInto("B01-other", "Journal club")
	// With no script to untick it, an exclusive option with another is an error.
	d.choose("B01", "None of these")
	if res := d.submit(); res.Status != 422 {
		t.Fatalf("exclusive with another option: status %d", res.Status)
	}
	if got := d.text("B01-error"); !strings.Contains(got, "Select ‘None of these’ on its own") {
		t.Errorf("inline error %q", got)
	}
	d.choose("B01", "None of these") // untick it
	d.submit()
	if p := d.path(); p != linkPath(s.KeyMini)+"/check" {
		t.Fatalf("after the last page: %s", p)
	}
	d.submit()
	if p := d.path(); p != linkPath(s.KeyMini)+"/done" {
		t.Fatalf("after submitting: %s", p)
	}
}

// bundledAnswers are form values for prefill: a research-active band 9
// nurse, like seniorActive.
func bundledAnswers() map[string]map[string][]string {
	grid := map[string][]string{}
	for _, s := range "abcdefgh" {
		grid["D01"+string(s)] = []string{"agree"}
	}
	v := func(pairs ...string) map[string][]string {
		m := map[string][]string{}
		for i := 0; i+1 < len(pairs); i += 2 {
			m[pairs[i]] = append(m[pairs[i]], pairs[i+1])
		}
		return m
	}
	return map[string]map[string][]string{
		"your_role":           v("A01", "nurse", "A02", "band_9"),
		"your_work":           v("A03", "2_to_5", "A04", "acute_hospital", "A05", "cancer"),
		"involvement":         v("B01", "yes"),
		"research_activity":   v("B02", "collecting_data", "B03", "no", "B04", "10", "B05", "never"),
		"research_background": v("B06", "no", "B07", "none", "B08", "no", "B09", "no"),
		"motivations":         v("C01", "patient_outcomes"),
		"barriers":            v("C02", "no_protected_time"),
		"enablers":            v("C03", "training", "C04", "yes", "C05", "no"),
		"organisation":        grid,
		"rd_office":           v("D02", "no", "D03", "colleagues", "D04", "no"),
		"comments":            {},
		"strategy":            v("E01", "not_sure", "E02", "not_sure", "E03", "not_sure", "E04", "not_sure"),
		"strategy_workforce":  v("E05", "not_sure", "E06", "not_sure"),
		"strategy_priorities": v("E07", "training"),
	}
}

// TestLanguageSwitchKeepsChoices chooses answers, switches to Welsh before
// saving, and finds them still chosen, with scripts on and off.
func TestLanguageSwitchKeepsChoices(t *testing.T) {
	for _, scripts := range []bool{true, false} {
		s := newSite(t)
		d := newDevice(t, s.URL)
		if !scripts {
			if _, err := chromedp.Call(d.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
				t.Fatal(err)
			}
		}
		d.open(linkPath(s.KeyMini))
		d.submit()
		d.choose("A01", "Doctor")
		d.typeInto("A02", "7")
		if _, err := chromedp.RunResponse(d.ctx, chromedp.Click(chromedp.CSS(`nav.pulse-lang button[value="cy"]`))); err != nil {
			t.Fatalf("switch to Welsh: %v", err)
		}
		if lang := eval[string](d, `document.documentElement.lang`); lang != "cy" {
			t.Fatalf("scripts %v: page language %q after switching", scripts, lang)
		}
		if !d.checked("A01-2") || eval[string](d, `document.getElementById('A02').value`) != "7" {
			t.Errorf("scripts %v: unsaved choices lost when switching language", scripts)
		}
		d.submit()
		if p := d.path(); p != linkPath(s.KeyMini)+"/p/research" {
			t.Errorf("scripts %v: Continue after switching went to %s", scripts, p)
		}
	}
}
