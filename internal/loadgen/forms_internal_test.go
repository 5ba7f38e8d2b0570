package loadgen

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/researchpulse/pulse/internal/server"
	"github.com/researchpulse/pulse/internal/server/servertest"
	"github.com/researchpulse/pulse/internal/simulate"
)

// tokenizedForm is readForm done the long way, by the HTML tokenizer over
// the whole page: what readForm must agree with.
func tokenizedForm(page []byte, suffix string) (form, bool) {
	z := html.NewTokenizer(bytes.NewReader(page))
	var f form
	in, found := false, false
	for {
		switch z.Next() {
		case html.ErrorToken:
			return f, found
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "form" && in {
				return f, true
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			t := z.Token()
			switch {
			case t.Data == "form" && !found && strings.HasSuffix(attr(t, "action"), suffix) && attr(t, "method") == "post":
				f.action, in, found = attr(t, "action"), true, true
			case in && (t.Data == "input" || t.Data == "textarea") && !hasAttr(t, "disabled"):
				f.controls = append(f.controls, controlOf(t))
			}
		}
	}
}

// TestTagAtAgreesWithTokenizer: random tags written as the server writes
// them (lower-case names, values escaped and quoted either way, boolean
// attributes, self-closing or not) read the same by tagAt as by the HTML
// tokenizer, for every attribute the load generator keeps.
func TestTagAtAgreesWithTokenizer(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	names := append(keptAttrs[:], "id", "class", "aria-describedby", "data-module", "autocomplete", "checked", "for", "v")
	text := []string{"", "a", "Ward 7", `say "hi"`, "it's", "<b>&amp;</b>", "x=y", "a/b", "  spaced  ", "£5 & café", ">", "&#39;"}
	for i := range 5000 {
		var b strings.Builder
		tag := []string{"input", "textarea", "form"}[rng.IntN(3)]
		b.WriteString("<" + tag)
		for _, j := range rng.Perm(len(names))[:rng.IntN(8)] { // no name twice, as the server writes
			b.WriteString([]string{" ", "\n  ", "\t"}[rng.IntN(3)])
			name := names[j]
			b.WriteString(name)
			if rng.IntN(5) == 0 {
				continue // boolean
			}
			v := html.EscapeString(text[rng.IntN(len(text))])
			if rng.IntN(2) == 0 {
				fmt.Fprintf(&b, `="%s"`, v)
			} else {
				fmt.Fprintf(&b, `='%s'`, v)
			}
		}
		b.WriteString([]string{">", " />", "/>"}[rng.IntN(3)])
		raw := b.String()
		got, n := tagAt([]byte(raw + "<p>after</p>"))
		z := html.NewTokenizer(strings.NewReader(raw))
		z.Next()
		want := z.Token()
		var kept []html.Attribute
		for _, a := range want.Attr {
			if keptAttr([]byte(a.Key)) != "" {
				kept = append(kept, a)
			}
		}
		if got.Data != want.Data || n != len(raw) || !reflect.DeepEqual(got.Attr, kept) {
			t.Fatalf("case %d %q:\n got %s %v (length %d)\nwant %s %v (length %d)", i, raw, got.Data, got.Attr, n, want.Data, kept, len(raw))
		}
	}
}

// TestReadFormOnRealPages walks respondents through the real server's
// pages, on the bundled and the careers questionnaires, and requires
// readForm to read every page's form exactly as the HTML tokenizer does.
func TestReadFormOnRealPages(t *testing.T) {
	f := servertest.New(t)
	f.SetNow(time.Now())
	srv, err := server.New(server.Config{Store: f.Store, Flow: f.Flow, BaseURL: "http://pulse.test", ClientLimit: -1})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	u, _ := url.Parse(ts.URL)
	ctx := context.Background()
	pages := 0
	for i, key := range []string{f.KeyMore, f.KeyCareers, f.KeyLess, f.KeyCareers} {
		rng := rand.New(rand.NewPCG(uint64(i), 9))
		k := &conn{addr: u.Host}
		k.jar, _ = cookiejar.New(nil)
		c := &formClient{base: ts.URL, rec: &recorder{errors: map[string]int{}}, rng: rng,
			picker: simulate.NewPicker(rng, simulate.DefaultHabits), pause: func(context.Context) bool { return true }, http: k}
		page := func(path, suffix string) form {
			t.Helper()
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, ts.URL+path, nil)
			res, err := k.do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, err := io.ReadAll(res.Body)
			res.Body.Close()
			if err != nil || res.StatusCode != http.StatusOK {
				t.Fatalf("GET %s: %d %v", path, res.StatusCode, err)
			}
			got, ok := readForm(bytes.NewReader(body), suffix)
			want, wantOK := tokenizedForm(body, suffix)
			if ok != wantOK || !reflect.DeepEqual(got, want) {
				t.Fatalf("GET %s, form ending %s:\n got %v %+v\nwant %v %+v", path, suffix, ok, got, wantOK, want)
			}
			if !ok || len(got.controls) == 0 {
				t.Fatalf("GET %s: no form ending %s", path, suffix)
			}
			pages++
			return got
		}
		loc, ok := c.post(ctx, page("/r/"+key, "/start"), url.Values{"lang": {"en"}}, false)
		for step := 0; ok && step < 80 && !strings.HasSuffix(loc, "/done"); step++ {
			if strings.HasSuffix(loc, "/check") {
				loc, ok = c.post(ctx, page(loc, "/submit"), url.Values{}, true)
				continue
			}
			path, _, _ := strings.Cut(loc, "?")
			if c.keptFor != path {
				c.kept, c.keptFor = url.Values{}, path
			}
			fm := page(loc, path)
			loc, ok = c.post(ctx, fm, c.answer(fm), true)
		}
		if !ok || !strings.HasSuffix(loc, "/done") {
			t.Fatalf("respondent %d did not finish: at %q, errors %v", i, loc, c.rec.errors)
		}
	}
	if pages < 20 {
		t.Fatalf("only %d pages read", pages)
	}
}
