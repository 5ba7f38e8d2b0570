package server

import (
	"bytes"
	"html/template"
	"strings"
	"testing"

	"github.com/researchpulse/pulse/web"
)

// TestChromeIsTheTemplates: the header and footer copied into pages are
// what the partials draw for that language, for each interface language
// (drawn at start) and for any other (drawn when asked).
func TestChromeIsTheTemplates(t *testing.T) {
	text, err := loadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	lc := &languageChrome{byLang: map[string]template.HTML{}}
	funcs := template.FuncMap{"t": text.T, "chrome": lc.of}
	base, err := template.New("layout.html").Funcs(funcs).ParseFS(web.FS, "templates/layout.html", "templates/partials/*.html")
	if err != nil {
		t.Fatal(err)
	}
	if err := lc.draw(base); err != nil {
		t.Fatal(err)
	}
	if len(lc.byLang) != len(chromeParts)*len(uiLanguages) {
		t.Fatalf("%d parts drawn at start, want %d", len(lc.byLang), len(chromeParts)*len(uiLanguages))
	}
	for _, lang := range append(append([]string{}, uiLanguages...), "xx") {
		for _, part := range chromeParts {
			var want bytes.Buffer
			if err := template.Must(base.Clone()).ExecuteTemplate(&want, part, Page{Lang: lang}); err != nil {
				t.Fatal(err)
			}
			got, err := lc.of(part, lang)
			if err != nil || string(got) != want.String() {
				t.Fatalf("%s in %s: %v\n got %q\nwant %q", part, lang, err, got, want.String())
			}
			if lang == "cy" && part == "header" && !strings.Contains(string(got), "?lang=cy") {
				t.Fatalf("the Welsh header does not keep the language: %q", got)
			}
		}
	}
}
