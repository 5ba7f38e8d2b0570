package loadgen

import (
	"bytes"
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
	http   *conn // with a cookie jar of its own: a fresh browser
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
	c.http.jar, _ = cookiejar.New(nil)
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
	for _, ck := range c.http.jar.Cookies(u) {
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

// readForm reads a page and returns its form whose action ends with
// suffix, with the controls that are not disabled. Only the tags that
// matter are tokenized (forms, inputs, textareas), found by their names:
// the server escapes every "<" in text, so they cannot appear otherwise.
// The load generator shares the server's processors, and tokenizing whole
// pages was a quarter of its work.
func readForm(r io.Reader, suffix string) (form, bool) {
	page, err := io.ReadAll(r)
	if err != nil {
		return form{}, false
	}
	for rest := page; ; {
		i := bytes.Index(rest, []byte("<form"))
		if i < 0 {
			return form{}, false
		}
		rest = rest[i:]
		t, end := tagAt(rest)
		rest = rest[end:]
		if t.Data != "form" || attr(t, "method") != "post" || !strings.HasSuffix(attr(t, "action"), suffix) {
			continue
		}
		body := rest
		if e := bytes.Index(body, []byte("</form>")); e >= 0 {
			body = body[:e]
		}
		return form{action: attr(t, "action"), controls: controlsIn(body)}, true
	}
}

// controlsIn returns the input and textarea controls in a form's markup
// that are not disabled.
func controlsIn(body []byte) []control {
	var out []control
	nextInput, nextArea := bytes.Index(body, []byte("<input")), bytes.Index(body, []byte("<textarea"))
	for off := 0; ; {
		i := nextInput
		if i < 0 || (nextArea >= 0 && nextArea < i) {
			i = nextArea
		}
		if i < 0 {
			return out
		}
		t, n := tagAt(body[i:])
		off = i + n
		if (t.Data == "input" || t.Data == "textarea") && !hasAttr(t, "disabled") {
			out = append(out, controlOf(t))
		}
		if nextInput >= 0 && nextInput < off {
			nextInput = indexFrom(body, off, "<input")
		}
		if nextArea >= 0 && nextArea < off {
			nextArea = indexFrom(body, off, "<textarea")
		}
	}
}

// indexFrom is where s next occurs in b at or after from, or -1.
func indexFrom(b []byte, from int, s string) int {
	if i := bytes.Index(b[from:], []byte(s)); i >= 0 {
		return from + i
	}
	return -1
}

// tagAt reads the start tag b begins with ("<name attr=...>") and returns
// it, with the attributes the load generator reads (keptAttrs), and its
// length. It reads the server's own markup: names in lower case,
// attribute values quoted and never holding a raw ">" (the server escapes
// it); their character references are decoded as the HTML tokenizer
// would.
func tagAt(b []byte) (html.Token, int) {
	end := bytes.IndexByte(b, '>')
	if end < 0 {
		return html.Token{}, len(b)
	}
	in := b[1:end]
	n := 0
	for n < len(in) && !isSpaceOrSlash(in[n]) {
		n++
	}
	t := html.Token{Type: html.StartTagToken, Data: string(in[:n])}
	in = in[n:]
	for {
		in = bytes.TrimLeft(in, " \t\r\n/")
		if len(in) == 0 {
			return t, end + 1
		}
		k := 0
		for k < len(in) && in[k] != '=' && !isSpaceOrSlash(in[k]) {
			k++
		}
		key := in[:k]
		in = in[k:]
		if len(in) > 0 && in[0] == '=' {
			in = in[1:]
			var v []byte
			if len(in) > 0 && (in[0] == '"' || in[0] == '\'') {
				q := in[0]
				e := bytes.IndexByte(in[1:], q)
				if e < 0 {
					e = len(in) - 1
				}
				v, in = in[1:1+e], in[min(len(in), 2+e):]
			} else {
				e := 0
				for e < len(in) && !isSpace(in[e]) {
					e++
				}
				v, in = in[:e], in[e:]
			}
			if keep := keptAttr(key); keep != "" {
				a := html.Attribute{Key: keep, Val: string(v)}
				if bytes.IndexByte(v, '&') >= 0 {
					a.Val = html.UnescapeString(a.Val)
				}
				t.Attr = append(t.Attr, a)
			}
			continue
		}
		if keep := keptAttr(key); keep != "" {
			t.Attr = append(t.Attr, html.Attribute{Key: keep})
		}
	}
}

// keptAttr is the name of an attribute the load generator reads, or "":
// others are skipped without being copied.
func keptAttr(key []byte) string {
	for _, k := range keptAttrs {
		if string(key) == k {
			return k
		}
	}
	return ""
}

// keptAttrs are the attributes of forms and controls the load generator
// reads (the server writes attribute names in lower case).
var keptAttrs = [...]string{"type", "name", "value", "action", "method", "disabled", "data-behaviour", "data-aria-controls", "inputmode"}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func isSpaceOrSlash(c byte) bool { return isSpace(c) || c == '/' }

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
