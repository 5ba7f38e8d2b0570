package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/server"
	"github.com/researchpulse/pulse/internal/server/servertest"
)

// One Chromium serves all tests; each device is a fresh browser context
// in it (its own cookies and storage), except where a test needs a
// separate browser.
var shared struct {
	once    sync.Once
	path    string // Chromium found, or ""
	browser context.Context
	stop    func()
	err     error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.stop != nil {
		shared.stop()
	}
	os.Exit(code)
}

// chromium finds the browser: $PULSE_CHROMIUM, then chromium or
// chromium-browser on $PATH.
func chromium() string {
	if p := os.Getenv("PULSE_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// allocatorOptions run Chromium headless and hermetic: no sandbox (CI runs
// as root), no GPU, no QUIC, no background traffic, and every host name
// but the test server's unresolvable, so the NHS web font is never fetched.
func allocatorOptions(path string) []chromedp.ExecAllocatorOption {
	return append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
		chromedp.WindowSize(1280, 900),
	)
}

// startBrowser starts a Chromium with a fresh user-data-dir (the
// allocator makes a temporary one and removes it at the end).
func startBrowser(path string) (context.Context, func(), error) {
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), allocatorOptions(path)...)
	browser, cancelBrowser := chromedp.NewContext(alloc)
	stop := func() { cancelBrowser(); cancelAlloc() }
	if err := chromedp.Do(browser); err != nil {
		stop()
		return nil, nil, fmt.Errorf("start %s: %w", path, err)
	}
	return browser, stop, nil
}

func needBrowser(t *testing.T) {
	t.Helper()
	shared.once.Do(func() {
		shared.path = chromium()
		if shared.path != "" {
			shared.browser, shared.stop, shared.err = startBrowser(shared.path)
		}
	})
	switch {
	case shared.path == "":
		t.Skip("no Chromium: install the chromium package, or set PULSE_CHROMIUM to a Chromium or Chrome binary")
	case shared.err != nil:
		t.Fatal(shared.err)
	}
}

// device is one browser tab with its own cookies, like a phone or a PC.
type device struct {
	t    *testing.T
	ctx  context.Context
	base string

	mu       sync.Mutex
	problems []string // script errors and console errors, such as CSP violations
}

// newDevice opens a tab in a new browser context of the shared browser.
func newDevice(t *testing.T, base string) *device {
	t.Helper()
	needBrowser(t)
	tab, cancel := chromedp.NewContext(shared.browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	return openDevice(t, tab, base)
}

// newSeparateDevice starts a browser of its own, with its own profile: a
// second device in every sense.
func newSeparateDevice(t *testing.T, base string) *device {
	t.Helper()
	needBrowser(t)
	browser, stop, err := startBrowser(shared.path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return openDevice(t, browser, base)
}

func openDevice(t *testing.T, tab context.Context, base string) *device {
	t.Helper()
	if err := chromedp.Do(tab); err != nil {
		t.Fatal(err)
	}
	d := &device{t: t, base: base}
	d.watch(tab)
	ctx, cancel := context.WithTimeout(tab, 90*time.Second)
	t.Cleanup(cancel)
	d.ctx = ctx
	t.Cleanup(func() {
		d.mu.Lock()
		defer d.mu.Unlock()
		for _, p := range d.problems {
			t.Errorf("in the page: %s", p)
		}
	})
	return d
}

// watch records uncaught script errors and console errors other than
// failed downloads (the NHS font host is unreachable on purpose): a
// Content-Security-Policy violation shows up here.
func (d *device) watch(tab context.Context) {
	d.t.Helper()
	exceptions := chromedp.Events(tab, runtime.ExceptionThrown)
	entries := chromedp.Events(tab, cdplog.EntryAdded)
	if _, err := chromedp.Call(tab, cdplog.Enable, cdp.Empty{}); err != nil {
		d.t.Fatal(err)
	}
	go func() {
		for ev, err := range exceptions {
			if err != nil {
				return
			}
			d.problem("script error: " + ev.ExceptionDetails.Text + " " + describeException(ev))
		}
	}()
	go func() {
		for ev, err := range entries {
			if err != nil {
				return
			}
			if ev.Entry.Level == cdplog.EntryLevelError && ev.Entry.Source != cdplog.EntrySourceNetwork {
				d.problem(string(ev.Entry.Source) + ": " + ev.Entry.Text)
			}
		}
	}()
}

func (d *device) problem(p string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.problems = append(d.problems, p)
}

func describeException(ev runtime.EventExceptionThrown) string {
	if ev.ExceptionDetails.Exception != nil {
		return ev.ExceptionDetails.Exception.Description
	}
	return ""
}

// do runs steps, failing the test on error.
func (d *device) do(steps ...chromedp.Action[chromedp.Void]) {
	d.t.Helper()
	if err := chromedp.Do(d.ctx, steps...); err != nil {
		d.t.Fatal(err)
	}
}

// open loads a path and returns the HTTP status of the page.
func (d *device) open(path string) int64 {
	d.t.Helper()
	res, err := chromedp.Run(d.ctx, chromedp.NavigateResponse(d.base+path))
	if err != nil {
		d.t.Fatalf("open %s: %v", path, err)
	}
	return res.Status
}

// submit clicks the page's main button and waits for the next page.
func (d *device) submit() *network.Response {
	d.t.Helper()
	res, err := chromedp.RunResponse(d.ctx, chromedp.Click(chromedp.CSS("main form button.nhsuk-button")))
	if err != nil {
		d.t.Fatalf("submit on %s: %v", d.path(), err)
	}
	return res
}

// path is the current page's path and query.
func (d *device) path() string {
	d.t.Helper()
	loc, err := chromedp.Run(d.ctx, chromedp.Location())
	if err != nil {
		d.t.Fatal(err)
	}
	return strings.TrimPrefix(loc, d.base)
}

// eval evaluates a script in the page and decodes its result.
func eval[T any](d *device, script string) T {
	d.t.Helper()
	v, err := chromedp.Run(d.ctx, chromedp.Evaluate[T](script))
	if err != nil {
		d.t.Fatalf("evaluate %.60q: %v", script, err)
	}
	return v
}

func js(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// choose clicks the label of the radio or checkbox named name whose label
// reads label, as a person would.
func (d *device) choose(name, label string) {
	d.t.Helper()
	id := eval[string](d, `(() => {
		for (const input of document.querySelectorAll('input[name=' + CSS.escape(`+js(name)+`) + ']')) {
			const l = document.querySelector('label[for=' + CSS.escape(input.id) + ']');
			if (l && l.textContent.trim() === `+js(label)+`) return input.id;
		}
		return '';
	})()`)
	if id == "" {
		d.t.Fatalf("%s: no option labelled %q for %s", d.path(), label, name)
	}
	// An option in a closed group of a long list: open the group first,
	// as a person would.
	if eval[bool](d, `(() => { const g = document.getElementById(`+js(id)+`).closest('details'); return !!g && !g.open })()`) {
		d.do(chromedp.Click(chromedp.JSPath(`document.getElementById(` + js(id) + `).closest('details').querySelector('summary')`)))
	}
	d.do(chromedp.Click(chromedp.CSS(`label[for="` + id + `"]`)))
}

// checked reports whether the control with the id is checked.
func (d *device) checked(id string) bool {
	d.t.Helper()
	return eval[bool](d, `document.getElementById(`+js(id)+`).checked`)
}

// typeInto types text into the control with the id.
func (d *device) typeInto(id, text string) {
	d.t.Helper()
	d.do(chromedp.SendKeys(chromedp.ID(id), text))
}

// text is the trimmed text content of the element with the id.
func (d *device) text(id string) string {
	d.t.Helper()
	return eval[string](d, `(document.getElementById(`+js(id)+`) || {textContent: ''}).textContent.trim()`)
}

// site is a Research Pulse server over a seeded store.
type site struct {
	*servertest.Fixture
	URL string
}

func newSite(t *testing.T) *site {
	t.Helper()
	f := servertest.New(t)
	srv, err := server.New(server.Config{Store: f.Store, Flow: f.Flow, BaseURL: "http://pulse.test"})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return &site{Fixture: f, URL: ts.URL}
}

func linkPath(key string) string { return "/r/" + key }

// prefill starts a response through package respond and saves the given
// sections in questionnaire order until it reaches stop (or the check
// page), so a browser can take over with the resume link.
func (s *site) prefill(t *testing.T, key, lang, stop string, answers map[string]map[string][]string) string {
	t.Helper()
	ctx := context.Background()
	st, code, err := s.Flow.Start(ctx, key, lang, false)
	if err != nil {
		t.Fatal(err)
	}
	section := st.Response.Section
	for i := 0; section != stop && section != respond.SectionCheck; i++ {
		out, err := s.Flow.Save(ctx, st.Response.ID, section, respond.Input{Key: fmt.Sprintf("prefill-%s-%d", st.Response.ID, i), Values: answers[section]})
		if err != nil || !out.Saved() {
			t.Fatalf("prefill %s: %v %v", section, err, out.Errors)
		}
		section = out.Next
	}
	return code
}
