// Package browsertest drives the respondent pages in a real Chromium:
// whole journeys at phone and desktop sizes, resuming on a second device,
// pages without JavaScript, reflow at 320 CSS pixels, and axe-core
// accessibility checks (WCAG 2.0–2.2 A and AA rules) on every page type.
//
// The tests start Chromium through chromedp and skip, saying why, when
// none is installed. They look for $PULSE_CHROMIUM, then chromium and
// chromium-browser on $PATH. Run them with
//
//	go test ./internal/browsertest/
//
// axe/axe.min.js is axe-core, vendored unmodified (MPL-2.0).
package browsertest
