package browsertest

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// phone is a device the size of a small phone, 360 × 740.
func phone(t *testing.T, s *site) *device {
	d := newDevice(t, s.URL)
	d.do(chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile))
	return d
}

// height is the rendered height of the first element a CSS selector finds.
func (d *device) height(selector string) float64 {
	d.t.Helper()
	return eval[float64](d, `(() => { const e = document.querySelector(`+js(selector)+`); return e ? e.getBoundingClientRect().height : -1 })()`)
}

// TestTapTargetsOnAPhone: Back, Change and "Save and come back later" are
// at least 44 px high at 360 px.
func TestTapTargetsOnAPhone(t *testing.T) {
	s := newSite(t)
	d := phone(t, s)
	d.open("/resume/" + s.prefill(t, s.KeyMore, "en", "", bundledAnswers()))
	d.submit()
	if p := d.path(); p != linkPath(s.KeyMore)+"/check" {
		t.Fatalf("resumed at %s", p)
	}
	for _, sel := range []string{"nav.pulse-back a.nhsuk-back-link", "a.pulse-change", ".pulse-resume summary"} {
		h := d.height(sel)
		t.Logf("check page at 360 px: %s is %.0f px high", sel, h)
		if h < 44 {
			t.Errorf("%s is %.0f px high on the check page, want at least 44", sel, h)
		}
	}
	d.open(linkPath(s.KeyMore) + "/p/your_work")
	for _, sel := range []string{"nav.pulse-back a.nhsuk-back-link", ".pulse-resume summary"} {
		if h := d.height(sel); h < 44 {
			t.Errorf("%s is %.0f px high on a question page, want at least 44", sel, h)
		}
	}
}

// TestProgressStaysPut: the progress line is in the same place on every
// kind of question page and on the check page, errors or not, and counts
// required questions, so a finished response reads "N of N".
func TestProgressStaysPut(t *testing.T) {
	s := newSite(t)
	d := phone(t, s)
	d.open("/resume/" + s.prefill(t, s.KeyMore, "en", "", bundledAnswers()))
	d.submit()
	top := func() float64 {
		return eval[float64](d, `document.getElementById('progress').getBoundingClientRect().top + window.scrollY`)
	}
	want := top()
	if got := d.text("progress"); !strings.HasPrefix(got, "You have answered ") || !sameCount(got) {
		t.Errorf("progress on the check page of a finished response: %q", got)
	}
	for _, section := range []string{"your_role", "involvement", "research_activity", "organisation", "comments"} {
		d.open(linkPath(s.KeyMore) + "/p/" + section)
		if got := top(); math.Abs(got-want) > 0.5 {
			t.Errorf("progress on %s is at %.0f px, on the check page at %.0f px", section, got, want)
		}
	}
	d.open(linkPath(s.KeyMore) + "/p/research_activity")
	d.do(chromedp.SetValue(chromedp.ID("B04"), "lots"))
	d.submit() // an error summary appears; the progress line stays
	if got := top(); math.Abs(got-want) > 0.5 {
		t.Errorf("progress on a page with errors is at %.0f px, elsewhere at %.0f px", got, want)
	}
}

// sameCount reports whether "You have answered N of M …" has N = M.
func sameCount(line string) bool {
	var n, m int
	_, err := fmt.Sscanf(line, "You have answered %d of %d", &n, &m)
	return err == nil && n == m && n > 0
}

// TestChangeLinksLandOnTheQuestion: a Change link scrolls to its
// question, not the top of a long page.
func TestChangeLinksLandOnTheQuestion(t *testing.T) {
	s := newSite(t)
	d := phone(t, s)
	d.open("/resume/" + s.prefill(t, s.KeyMore, "en", "", bundledAnswers()))
	d.submit()
	if _, err := chromedp.RunResponse(d.ctx, chromedp.Click(chromedp.CSS(`a.pulse-change[href$="#D01h-question"]`))); err != nil {
		t.Fatalf("click Change for D01h: %v", err)
	}
	pageHeight := eval[float64](d, `document.documentElement.scrollHeight`)
	top := eval[float64](d, `document.getElementById('D01h-question').getBoundingClientRect().top`)
	t.Logf("organisation page: %.0f px tall; D01h lands %.0f px from the top of the screen", pageHeight, top)
	if top < 0 || top > 200 || eval[float64](d, `window.scrollY`) == 0 {
		t.Errorf("D01h is %.0f px from the top of the screen after its Change link (scrolled %v)", top, eval[float64](d, `window.scrollY`))
	}
}

// TestResumeCodeFitsOnAPhone: the resume code field shows a whole code,
// hyphens included, at 360 px.
func TestResumeCodeFitsOnAPhone(t *testing.T) {
	s := newSite(t)
	d := phone(t, s)
	d.open("/resume")
	d.typeInto("code", "ABCDE-12345-FGHJK-67890-MNPQR-S")
	scroll, client := eval[float64](d, `document.getElementById('code').scrollWidth`), eval[float64](d, `document.getElementById('code').clientWidth`)
	t.Logf("a 31-character code needs %.0f px of a %.0f px field at 360 px", scroll, client)
	if scroll > client {
		t.Errorf("a 31-character code needs %.0f px in a %.0f px field", scroll, client)
	}
}

// TestLongListShortOnAPhone: the 19 roles, grouped, make a short page on
// a phone with every group closed; on a desktop every group is open.
func TestLongListShortOnAPhone(t *testing.T) {
	s := newSite(t)
	d := phone(t, s)
	d.open(linkPath(s.KeyMore))
	d.submit()
	closed := d.height("#A01-question")
	t.Logf("role question on a phone: %.0f px with its groups closed", closed)
	if closed > 600 {
		t.Errorf("the role question is %.0f px high on a phone", closed)
	}
	d.choose("A01", "Midwife")
	d.choose("A02", "Band 6")
	d.submit()
	d.open(linkPath(s.KeyMore) + "/p/your_role")
	if !d.checked("A01-6") || !eval[bool](d, `document.getElementById('A01-6').closest('details').open`) {
		t.Error("the chosen role's group is not open when the page is shown again")
	}

	desk := newDevice(t, s.URL)
	desk.do(chromedp.EmulateViewport(1280, 900))
	desk.open(linkPath(s.KeyMore))
	desk.submit()
	if n := eval[int](desk, `[...document.querySelectorAll('details.pulse-option-group')].filter(g => !g.open).length`); n != 0 {
		t.Errorf("%d role groups closed on a desktop", n)
	}
}
