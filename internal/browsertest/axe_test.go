package browsertest

import (
	_ "embed"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

//go:embed axe/axe.min.js
var axeSource string

// axeTags are the rule sets checked: WCAG 2.0, 2.1 and 2.2, levels A and
// AA; axeRules adds best-practice rules checked too: "region", all content
// inside landmarks (the Back link in a nav).
const (
	axeTags  = `['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']`
	axeRules = `{region: {enabled: true}}`
)

type axeResult struct {
	Violations []struct {
		ID     string   `json:"id"`
		Impact string   `json:"impact"`
		Help   string   `json:"help"`
		Nodes  []string `json:"nodes"`
	} `json:"violations"`
	Passes     int      `json:"passes"`
	Incomplete []string `json:"incomplete"`
}

// axe runs axe-core on the current page; any violation fails the test.
// The counts are logged and kept for the summary.
func (d *device) axe(name string, summary *[]string) {
	d.t.Helper()
	if !eval[bool](d, `typeof axe !== 'undefined'`) {
		if _, err := chromedp.Run(d.ctx, chromedp.Evaluate[chromedp.Void](axeSource)); err != nil {
			d.t.Fatalf("inject axe: %v", err)
		}
	}
	res, err := chromedp.Run(d.ctx, chromedp.Evaluate[axeResult](`axe.run(document, {runOnly: {type: 'tag', values: `+axeTags+`}, rules: `+axeRules+`})
		.then(r => ({
			violations: r.violations.map(v => ({id: v.id, impact: v.impact || '', help: v.help, nodes: v.nodes.map(n => n.target.join(' '))})),
			passes: r.passes.length, incomplete: r.incomplete.map(v => v.id),
		}))`, chromedp.EvalAwaitPromise))
	if err != nil {
		d.t.Fatalf("axe on %s: %v", name, err)
	}
	line := fmt.Sprintf("%-60s violations %d, passes %2d", name, len(res.Violations), res.Passes)
	if len(res.Incomplete) > 0 {
		line += ", to review by hand: " + strings.Join(res.Incomplete, " ")
	}
	*summary = append(*summary, line)
	for _, v := range res.Violations {
		d.t.Errorf("%s (%s): %s [%s] %s at %s", name, d.path(), v.ID, v.Impact, v.Help, strings.Join(v.Nodes, ", "))
	}
}

// TestAccessibility runs axe-core on every kind of page, in English and
// Welsh, at desktop size and (for the agreement grid) phone size. It
// requires zero violations.
func TestAccessibility(t *testing.T) {
	s := newSite(t)
	var summary []string
	defer func() { t.Log("axe-core results:\n" + strings.Join(summary, "\n")) }()

	d := newDevice(t, s.URL)
	d.do(chromedp.EmulateViewport(1280, 900))
	for _, p := range []struct{ name, path string }{
		{"home", "/"},
		{"resume form", "/resume"},
		{"closed review", linkPath(s.KeyClosed)},
		{"not found", "/r/no-such-link"},
		{"intro", linkPath(s.KeyMore)},
	} {
		d.open(p.path)
		d.axe(p.name, &summary)
	}

	// Question page with errors: focus goes to the error summary.
	d.submit() // Start now
	d.submit() // Continue with nothing chosen
	if !eval[bool](d, `document.activeElement && document.activeElement.classList.contains('nhsuk-error-summary')`) {
		t.Error("the error summary does not take focus")
	}
	d.axe("question page with errors", &summary)

	kinds := map[string]string{
		"your_role": "radios", "your_work": "radios with ‘please specify’", "involvement": "one question as h1",
		"research_activity": "checkboxes, number with suffix", "motivations": "checkboxes with exclusive option",
		"organisation": "agreement grid", "comments": "textarea with character count",
	}
	d.complete(s.KeyMore, seniorActive(), func(section string) {
		name := "question: " + section
		if k, ok := kinds[section]; ok {
			name += " (" + k + ")"
		}
		d.axe(name, &summary)
	})
	d.axe("check answers", &summary)
	d.submit()
	d.axe("confirmation", &summary)
	d.open(linkPath(s.KeyMore))
	d.axe("already taken part", &summary)

	d.open("/resume")
	d.typeInto("code", "ABCDE-12345")
	d.submit()
	d.axe("resume form with error", &summary)

	// Welsh.
	cy := newDevice(t, s.URL)
	cy.do(chromedp.EmulateViewport(1280, 900))
	cy.open(linkPath(s.KeyMini) + "?lang=cy")
	cy.axe("Welsh intro", &summary)
	cy.submit()
	cy.axe("Welsh question page", &summary)
	cy.choose("A01", "Meddyg")
	cy.submit()
	cy.choose("B01", "Arwain astudiaeth")
	cy.do(chromedp.WaitVisible(chromedp.ID("B02-item"))) // the grid B02 is revealed in place
	cy.axe("Welsh grid and checkboxes", &summary)

	// The grid as cards on a phone.
	phone := newDevice(t, s.URL)
	phone.do(chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile))
	phone.open("/resume/" + s.prefill(t, s.KeyMore, "en", "organisation", bundledAnswers()))
	phone.axe("resume link confirmation on a phone", &summary)
	phone.submit()
	phone.axe("agreement grid on a phone", &summary)
	phone.open(linkPath(s.KeyMore) + "/p/your_role")
	phone.axe("grouped roles on a phone", &summary)
	phone.submit()
	phone.axe("grouped roles with an error on a phone", &summary)
	phone.open(linkPath(s.KeyMore) + "/check")
	phone.axe("check answers on a phone", &summary)

	// A browser whose answers have gone idle: the start page asks for the
	// code, and a page saved after that leads to the resume form.
	s.SetNow(s.Now().Add(time.Hour))
	phone.open(linkPath(s.KeyMore))
	phone.axe("intro asking for the code after idle", &summary)
	phone.open("/resume?saved=1")
	phone.axe("resume form after an idle save", &summary)
}
