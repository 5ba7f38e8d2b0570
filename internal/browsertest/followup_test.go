package browsertest

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// visible reports whether the element with the id is displayed.
func (d *device) visible(id string) bool {
	d.t.Helper()
	return eval[bool](d, `(() => { const e = document.getElementById(`+js(id)+`); return !!e && e.offsetParent !== null })()`)
}

// TestFollowUpRevealedInPlace: with JavaScript, answering "Doctor" on the
// careers questionnaire's first page reveals its follow-up (grade) in
// place, under the answer, and the page moves on when it is answered;
// changing the answer hides it again and reveals another.
func TestFollowUpRevealedInPlace(t *testing.T) {
	s := newSite(t)
	var summary []string
	defer func() { t.Log("axe-core results:\n" + strings.Join(summary, "\n")) }()
	d := newDevice(t, s.URL)
	d.do(chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile))
	d.open(linkPath(s.KeyCareers))
	d.submit() // Start now
	if d.visible("R02-item") || d.visible("R03-item") {
		t.Fatal("follow-ups shown before their question is answered")
	}
	d.choose("R01", "Doctor")
	d.do(chromedp.WaitVisible(chromedp.ID("R02-item")))
	if d.visible("R03-item") {
		t.Error("band question shown to a doctor")
	}
	if eval[bool](d, `document.getElementById('R02').disabled`) {
		t.Error("revealed follow-up is still disabled")
	}
	if got := d.text("reveal-status"); got != "1 question added below." {
		t.Errorf("screen reader announcement %q", got)
	}
	d.axe("question page with a follow-up revealed in place", &summary)

	// Changing the answer hides the grade question and reveals the band.
	d.choose("R01", "Nurse or midwife")
	d.do(chromedp.WaitVisible(chromedp.ID("R03-item")))
	d.do(chromedp.WaitNotVisible(chromedp.ID("R02-item")))
	d.choose("R03", "Band 8 or above")
	if res := d.submit(); res.Status != 200 {
		t.Fatalf("save: %d", res.Status)
	}
	if p := d.path(); p != linkPath(s.KeyCareers)+"/p/research" {
		t.Fatalf("after answering the revealed follow-up went to %s, want the next page", p)
	}
}

// TestFollowUpWithoutJavaScript: with scripts off the follow-up cannot
// appear in place, so Continue shows the same page again with it, marked
// as new and with a line saying why; answering it moves on.
func TestFollowUpWithoutJavaScript(t *testing.T) {
	s := newSite(t)
	var summary []string
	defer func() { t.Log("axe-core results:\n" + strings.Join(summary, "\n")) }()
	d := newDevice(t, s.URL)
	if _, err := chromedp.Call(d.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	d.do(chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile))
	d.open(linkPath(s.KeyCareers))
	d.submit()
	d.choose("R01", "Doctor")
	if d.visible("R02-item") {
		t.Fatal("follow-up shown without JavaScript before saving")
	}
	if res := d.submit(); res.Status != 200 {
		t.Fatalf("save: %d", res.Status)
	}
	if p := d.path(); p != linkPath(s.KeyCareers)+"/p/about_you?added=R02" {
		t.Fatalf("after an answer that adds a question went to %s, want the same page", p)
	}
	if !d.visible("R02-item") || !strings.Contains(d.text("added"), "there is 1 more question on this page") {
		t.Fatalf("the added question is not shown and explained: %q", d.text("added"))
	}
	if !strings.Contains(d.text("R02-item"), "New question") {
		t.Error("the added question is not marked new")
	}
	if !d.checked("R01") {
		t.Error("the answer that added the question was not kept")
	}
	// axe is a script: allow scripts again to run it on the page as drawn.
	if _, err := chromedp.Call(d.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false}); err != nil {
		t.Fatal(err)
	}
	d.axe("question page shown again with an added question (no JavaScript)", &summary)
	d.choose("R02", "Consultant")
	d.submit()
	if p := d.path(); p != linkPath(s.KeyCareers)+"/p/research" {
		t.Fatalf("after answering the added question went to %s, want the next page", p)
	}
}

// TestSaveLaterAndConfirmClearing: "Save and come back later" keeps a
// half-answered page and says how to come back; a change that would remove
// saved answers asks first, listing them.
func TestSaveLaterAndConfirmClearing(t *testing.T) {
	s := newSite(t)
	var summary []string
	defer func() { t.Log("axe-core results:\n" + strings.Join(summary, "\n")) }()
	d := newDevice(t, s.URL)
	d.do(chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile))
	d.open(linkPath(s.KeyCareers))
	d.submit()
	d.choose("R01", "Doctor")
	d.do(chromedp.WaitVisible(chromedp.ID("R02-item")))
	if _, err := chromedp.RunResponse(d.ctx, chromedp.Click(chromedp.CSS(`button[name="action"][value="later"]`))); err != nil {
		t.Fatal(err)
	}
	if p := d.path(); p != linkPath(s.KeyCareers)+"/saved" {
		t.Fatalf("after Save and come back later: %s", p)
	}
	d.axe("answers saved, come back later", &summary)
	if _, err := chromedp.RunResponse(d.ctx, chromedp.Click(chromedp.CSS(`main a.nhsuk-button`))); err != nil {
		t.Fatal(err)
	}
	d.do(chromedp.WaitVisible(chromedp.ID("R02-item")))
	if !d.checked("R01") {
		t.Fatal("the half-answered page lost its answer")
	}
	d.choose("R02", "Consultant")
	d.submit()

	// Back on the first page, becoming a nurse hides the saved grade.
	d.open(linkPath(s.KeyCareers) + "/p/about_you")
	d.choose("R01", "Nurse or midwife")
	d.do(chromedp.WaitVisible(chromedp.ID("R03-item")))
	d.choose("R03", "Band 6")
	d.submit()
	if !strings.Contains(d.text("maincontent"), "Changing this answer will remove 1 of your answers") ||
		!strings.Contains(d.text("maincontent"), "Consultant") {
		t.Fatalf("no confirmation listing the grade answer: %q", d.text("maincontent"))
	}
	d.axe("confirm removing answers", &summary)
	d.submit()
	if p := d.path(); p != linkPath(s.KeyCareers)+"/p/research" {
		t.Fatalf("after confirming went to %s", p)
	}
}
