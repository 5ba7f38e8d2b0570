package server

import (
	"bytes"
	"html/template"
	"math/rand/v2"
	"strings"
	"testing"
)

// hostileTexts is text a questionnaire author or a respondent might send:
// markup, quotes, entities, script, NUL, invalid UTF-8, Welsh, emoji.
var hostileTexts = []string{
	"", "Nurse", `"><script>alert(1)</script>`, "a'b\"c<d>e&f+g", "&amp; already", "\x00nul",
	"bad \xff\xfe utf-8", "Nyrs â ŵ ŷ", "👩‍⚕️ doctor", "javascript:alert(1)", "x onmouseover=alert(1)",
	"line\nbreak\ttab", "</label><img src=x onerror=alert(1)>", "{{.ID}}", "+44 (0) 20",
}

func hostileOf(rng *rand.Rand) string {
	if rng.IntN(3) == 0 {
		return hostileTexts[rng.IntN(len(hostileTexts))] + hostileTexts[rng.IntN(len(hostileTexts))]
	}
	return hostileTexts[rng.IntN(len(hostileTexts))]
}

func randomOptionList(rng *rand.Rand) []option {
	opts := make([]option, rng.IntN(6))
	for i := range opts {
		o := option{
			Lang: []string{"en", "cy"}[rng.IntN(2)], ID: hostileOf(rng), Name: hostileOf(rng), Value: hostileOf(rng),
			Label: hostileOf(rng), Checked: rng.IntN(2) == 0, Disabled: rng.IntN(4) == 0, Exclusive: rng.IntN(3) == 0,
			Divider: rng.IntN(6) == 0,
		}
		if rng.IntN(3) == 0 {
			o.Hint = hostileOf(rng)
		}
		if rng.IntN(3) == 0 {
			o.Other = &otherInput{Lang: o.Lang, ID: hostileOf(rng), Name: hostileOf(rng), Label: hostileOf(rng),
				Value: hostileOf(rng), Disabled: rng.IntN(3) == 0}
			if rng.IntN(2) == 0 {
				o.Other.Error = hostileOf(rng)
			}
		}
		opts[i] = o
	}
	return opts
}

// referenceMarkup is the templates the Go markup replaced, and the Go
// markup, with the interface text.
func referenceMarkup(t *testing.T) (*template.Template, controlMarkup) {
	t.Helper()
	text, err := loadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	ref, err := template.New("ref").Funcs(template.FuncMap{"t": text.T}).ParseFiles("testdata/fields.html")
	if err != nil {
		t.Fatal(err)
	}
	return ref, controlMarkup{text: text}
}

// TestOptionMarkupMatchesTemplate: the option lists written in Go are,
// byte for byte, what the templates they replaced render — escaping
// included — for thousands of random options made of hostile text.
func TestOptionMarkupMatchesTemplate(t *testing.T) {
	ref, m := referenceMarkup(t)
	rng := rand.New(rand.NewPCG(1, 2))
	radios, boxes := 0, 0
	for n := range 3000 {
		opts := randomOptionList(rng)
		for _, c := range []struct {
			tmpl string
			got  template.HTML
		}{{"radio-list", m.radioItems(opts)}, {"checkbox-list", m.checkboxItems(opts)}} {
			var want bytes.Buffer
			if err := ref.ExecuteTemplate(&want, c.tmpl, opts); err != nil {
				t.Fatal(err)
			}
			if string(c.got) != want.String() {
				t.Fatalf("case %d, %s of %+v:\n got %q\nwant %q", n, c.tmpl, opts, c.got, want.String())
			}
			if strings.Contains(string(c.got), "<script>") {
				t.Fatalf("case %d: markup from text was not escaped: %q", n, c.got)
			}
		}
		radios += len(opts)
		boxes += len(opts)
	}
	if radios < 5000 || boxes < 5000 {
		t.Fatalf("only %d radio and %d checkbox options compared", radios, boxes)
	}
}

func randomField(rng *rand.Rand, kinds []string, level int) field {
	f := field{
		Lang: []string{"en", "cy"}[rng.IntN(2)], Kind: kinds[rng.IntN(len(kinds))], ID: hostileOf(rng), Name: hostileOf(rng),
		Question: hostileOf(rng), Level: level, Optional: rng.IntN(3) == 0, Items: hostileOf(rng),
		Hidden: rng.IntN(4) == 0, Disabled: rng.IntN(4) == 0, Added: rng.IntN(4) == 0,
	}
	if rng.IntN(3) == 0 {
		f.Caption = hostileOf(rng)
	}
	if rng.IntN(2) == 0 {
		f.Hint = hostileOf(rng)
	}
	if rng.IntN(3) == 0 {
		f.Error = hostileOf(rng)
	}
	if rng.IntN(3) == 0 {
		f.Suffix = hostileOf(rng)
	}
	switch f.Kind {
	case kindRadios, kindCheckboxes:
		if rng.IntN(3) == 0 {
			for range 1 + rng.IntN(3) {
				f.Groups = append(f.Groups, optionGroup{Label: hostileOf(rng), Open: rng.IntN(2) == 0, Options: randomOptionList(rng)})
			}
		} else {
			f.Options = randomOptionList(rng)
		}
	case kindGrid:
		for range rng.IntN(4) {
			f.Rows = append(f.Rows, randomField(rng, []string{kindRadios}, 0))
		}
	case kindInput, kindTextarea:
		f.Value, f.Width = hostileOf(rng), []string{"", "nhsuk-input--width-5", hostileOf(rng)}[rng.IntN(3)]
		f.Numeric, f.Decimal = rng.IntN(2) == 0, rng.IntN(2) == 0
		f.Limit = rng.IntN(3000)
		f.LimitTxt = hostileOf(rng)
	}
	return f
}

// TestFieldMarkupMatchesTemplate: every kind of question written in Go
// is, byte for byte, what the templates it replaced draw, for thousands
// of random fields (every heading level, hints, errors, captions,
// suffixes, option groups, grids of statements) made of hostile text.
func TestFieldMarkupMatchesTemplate(t *testing.T) {
	ref, m := referenceMarkup(t)
	rng := rand.New(rand.NewPCG(3, 4))
	kinds := []string{kindRadios, kindCheckboxes, kindGrid, kindInput, kindTextarea}
	seen := map[string]int{}
	for n := range 3000 {
		fs := make([]field, 1+rng.IntN(3))
		for i := range fs {
			fs[i] = randomField(rng, kinds, rng.IntN(3))
			seen[fs[i].Kind]++
		}
		var want bytes.Buffer
		if err := ref.ExecuteTemplate(&want, "field-list", fs); err != nil {
			t.Fatal(err)
		}
		if got := string(m.fields(fs)); got != want.String() {
			at := 0
			for at < len(got) && at < len(want.String()) && got[at] == want.String()[at] {
				at++
			}
			t.Fatalf("case %d differs at byte %d:\n got …%q\nwant …%q", n, at, got[max(0, at-80):min(len(got), at+80)], want.String()[max(0, at-80):min(want.Len(), at+80)])
		}
	}
	for _, k := range kinds {
		if seen[k] < 500 {
			t.Errorf("only %d fields of kind %s compared", seen[k], k)
		}
	}
}

// TestResumeBoxMatchesTemplate: the resume box written in Go is what its
// template drew, in both languages, for random codes, links and dates.
func TestResumeBoxMatchesTemplate(t *testing.T) {
	ref, m := referenceMarkup(t)
	rng := rand.New(rand.NewPCG(5, 6))
	for n := range 500 {
		r := resumeBox{Lang: []string{"en", "cy"}[rng.IntN(2)], Link: hostileOf(rng), Until: hostileOf(rng), Open: rng.IntN(2) == 0}
		if n > 0 {
			r.Code = hostileOf(rng)
		}
		var want bytes.Buffer
		if err := ref.ExecuteTemplate(&want, "resume-box-ref", r); err != nil {
			t.Fatal(err)
		}
		if got := string(m.resumeBox(r)); got != want.String() {
			t.Fatalf("case %d, %+v:\n got %q\nwant %q", n, r, got, want.String())
		}
	}
}
