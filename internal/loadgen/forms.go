package loadgen

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"

	"golang.org/x/net/html"

	"github.com/researchpulse/pulse/internal/simulate"
)

// formClient is a respondent using the HTML pages as a browser without
// JavaScript would: it keeps cookies, reads each page's form (hidden
// fields included), chooses among the controls the page shows, posts the
// form and follows the redirect it is given.
type formClient struct {
	base   string
	rec    *recorder
	rng    *rand.Rand
	picker *simulate.Picker
	pause  func(context.Context) bool
	http   *http.Client
	// kept are the values chosen on the current page, given again when the
	// page comes back with follow-ups added.
	kept    url.Values
	keptFor string
}

// control is one form control of a page.
type control struct {
	tag, typ, name, value string
	exclusive, reveals    bool // a checkbox that must be alone; an option with a "please specify" box
	numeric               bool
}

// form is a page's main form.
type form struct {
	action   string
	controls []control
}

func (c *formClient) run(ctx context.Context, link string) {
	jar, _ := cookiejar.New(nil)
	c.http = &http.Client{Transport: c.http.Transport, Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	path := "/r/" + link
	f, ok := c.get(ctx, path, "/start")
	if !ok {
		return
	}
	loc, ok := c.post(ctx, f, url.Values{"lang": {"en"}}, false)
	if !ok {
		return
	}
	c.rec.start()
	defer c.keepCode()
	for step := 0; step < 80 && ctx.Err() == nil; step++ {
		switch {
		case strings.HasSuffix(loc, "/done"):
			return
		case strings.HasSuffix(loc, "/check"):
			f, ok := c.get(ctx, loc, "/submit")
			if !ok {
				return
			}
			if !c.pause(ctx) {
				return
			}
			if loc, ok = c.post(ctx, f, url.Values{}, true); !ok {
				return
			}
		default:
			page, _, _ := strings.Cut(loc, "?")
			f, ok := c.get(ctx, loc, page)
			if !ok {
				return
			}
			if c.keptFor != page {
				c.kept, c.keptFor = url.Values{}, page
			}
			answers := c.answer(f)
			if !c.pause(ctx) {
				return
			}
			if loc, ok = c.post(ctx, f, answers, true); !ok {
				return
			}
		}
	}
}

// keepCode records the resume code the server gave this browser.
func (c *formClient) keepCode() {
	u, err := url.Parse(c.base + "/")
	if err != nil {
		return
	}
	for _, ck := range c.http.Jar.Cookies(u) {
		if strings.HasPrefix(ck.Name, "pulse_resume") {
			c.rec.code(strings.SplitN(ck.Value, ".", 2)[0])
		}
	}
}

// get renders a page and reads the form whose action ends with suffix.
func (c *formClient) get(ctx context.Context, path, suffix string) (form, bool) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+path, nil)
	if err != nil {
		return form{}, false
	}
	res, d, err := timed(c.rec, c.http, req)
	if err != nil {
		return form{}, false
	}
	defer res.Body.Close()
	c.rec.htmlPage(d)
	if res.StatusCode != http.StatusOK {
		io.Copy(io.Discard, res.Body)
		c.rec.fail(fmt.Sprintf("HTML GET %d", res.StatusCode))
		return form{}, false
	}
	f, ok := readForm(res.Body, suffix)
	if !ok && ctx.Err() == nil { // a page cut off by the end of the run is no error
		c.rec.fail("HTML GET: no form")
	}
	return f, ok
}

// post sends the form's hidden fields with values and returns where the
// server redirects. A save is acknowledged by its redirect; any other post
// starts a response.
func (c *formClient) post(ctx context.Context, f form, values url.Values, isSave bool) (string, bool) {
	body := url.Values{}
	for _, ctl := range f.controls {
		if ctl.typ == "hidden" {
			body.Add(ctl.name, ctl.value)
		}
	}
	for k, v := range values {
		body[k] = v
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+f.action, strings.NewReader(body.Encode()))
	if err != nil {
		return "", false
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, d, err := timed(c.rec, c.http, req)
	if err != nil {
		return "", false
	}
	defer res.Body.Close()
	io.Copy(io.Discard, res.Body)
	if isSave {
		c.rec.saveTime(d)
	} else {
		c.rec.startTime(d)
	}
	if res.StatusCode != http.StatusSeeOther {
		c.rec.fail(fmt.Sprintf("HTML POST %d", res.StatusCode))
		return "", false
	}
	if isSave {
		c.rec.ack(ackOf(f.action, body))
	}
	return res.Header.Get("Location"), true
}

// ackOf is the acknowledgement of a posted form: its key, the page and the
// answers it carried.
func ackOf(action string, body url.Values) Ack {
	a := Ack{Key: body.Get("key"), Answers: map[string][]string{}, Other: map[string]string{}}
	if _, section, ok := strings.Cut(action, "/p/"); ok {
		a.Section = section
	}
	for name, v := range body {
		switch {
		case name == "key" || name == "csrf" || name == "shown" || name == "from":
		case strings.HasSuffix(name, "__other"):
			a.Other[strings.TrimSuffix(name, "__other")] = v[0]
		default:
			a.Answers[name] = v
		}
	}
	return a
}

// answer chooses values for the controls the page shows.
func (c *formClient) answer(f form) url.Values {
	groups := map[string][]control{}
	var order []string
	for _, ctl := range f.controls {
		if ctl.typ == "hidden" || strings.HasSuffix(ctl.name, "__other") || ctl.name == "action" {
			continue
		}
		if _, seen := groups[ctl.name]; !seen {
			order = append(order, ctl.name)
		}
		groups[ctl.name] = append(groups[ctl.name], ctl)
	}
	out := url.Values{}
	for _, name := range order {
		if v, ok := c.kept[name]; ok {
			out[name] = v
			if o, ok := c.kept[name+"__other"]; ok {
				out[name+"__other"] = o
			}
			continue
		}
		for _, ctl := range c.choose(groups[name]) {
			out.Add(name, ctl.value)
			if ctl.reveals {
				out.Set(name+"__other", "Something else")
			}
		}
	}
	for k, v := range out {
		c.kept[k] = v
	}
	return out
}

// choose picks the controls to set in one group: a radio, some
// checkboxes (an exclusive one alone), or a text value.
func (c *formClient) choose(group []control) []control {
	first := group[0]
	switch {
	case first.typ == "radio":
		return []control{group[c.rng.IntN(len(group))]}
	case first.typ == "checkbox":
		var plain, alone []control
		for _, ctl := range group {
			if ctl.exclusive {
				alone = append(alone, ctl)
			} else {
				plain = append(plain, ctl)
			}
		}
		if len(alone) > 0 && (len(plain) == 0 || c.rng.Float64() < 0.1) {
			return alone[:1]
		}
		n := 1 + c.rng.IntN(min(2, len(plain)))
		var out []control
		for _, i := range c.rng.Perm(len(plain))[:n] {
			out = append(out, plain[i])
		}
		return out
	case first.numeric:
		first.value = "1"
	case first.tag == "textarea":
		first.value = "More protected time would help."
	default:
		first.value = "Ward 7"
	}
	return []control{first}
}

// readForm parses a page and returns its form whose action ends with
// suffix, with the controls that are not disabled.
func readForm(r io.Reader, suffix string) (form, bool) {
	z := html.NewTokenizer(r)
	var f form
	in, found := false, false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return f, found
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "form" && in {
				return f, true
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			// Most tags are neither forms nor controls: their attributes
			// are not read (the load generator shares the server's CPUs).
			name, more := z.TagName()
			t := html.Token{Type: tt, Data: string(name)}
			if t.Data != "form" && t.Data != "input" && t.Data != "textarea" {
				continue
			}
			for more {
				var key, val []byte
				key, val, more = z.TagAttr()
				t.Attr = append(t.Attr, html.Attribute{Key: string(key), Val: string(val)})
			}
			switch {
			case t.Data == "form" && !found && strings.HasSuffix(attr(t, "action"), suffix) && attr(t, "method") == "post":
				f.action, in, found = attr(t, "action"), true, true
			case in && (t.Data == "input" || t.Data == "textarea") && !hasAttr(t, "disabled"):
				f.controls = append(f.controls, controlOf(t))
			}
		}
	}
}

func controlOf(t html.Token) control {
	ctl := control{tag: t.Data, typ: attr(t, "type"), name: attr(t, "name"), value: attr(t, "value")}
	if t.Data == "textarea" {
		ctl.typ = "textarea"
	}
	ctl.exclusive = attr(t, "data-behaviour") == "exclusive"
	ctl.reveals = hasAttr(t, "data-aria-controls")
	ctl.numeric = attr(t, "inputmode") == "numeric" || attr(t, "inputmode") == "decimal"
	return ctl
}

func attr(t html.Token, key string) string {
	for _, a := range t.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(t html.Token, key string) bool {
	for _, a := range t.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}
