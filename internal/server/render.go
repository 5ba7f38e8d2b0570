package server

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"
	"sync"

	"github.com/labstack/echo/v4"

	"github.com/researchpulse/pulse/internal/survey"
	"github.com/researchpulse/pulse/web"
)

// renderer holds one parsed template set per page: the layout, every
// partial, and the page itself. All are parsed at start.
type renderer struct {
	pages map[string]*template.Template
}

func newRenderer(text *catalog) (*renderer, error) {
	opts := controlMarkup{text: text}
	chrome := &languageChrome{byLang: map[string]template.HTML{}}
	funcs := template.FuncMap{
		"chrome":        chrome.of,
		"t":             text.T,
		"radioItems":    opts.radioItems,
		"checkboxItems": opts.checkboxItems,
		"fields":        opts.fields,
		"resumeBox":     opts.resumeBox,
		"text":          func(t survey.Text, lang string) string { return t.In(lang) },
		"paras":         paragraphs,
		"add":           func(a, b int) int { return a + b },
	}
	base, err := template.New("layout.html").Funcs(funcs).ParseFS(web.FS, "templates/layout.html", "templates/partials/*.html")
	if err != nil {
		return nil, fmt.Errorf("parse layout: %w", err)
	}
	if err := chrome.draw(base); err != nil {
		return nil, err
	}
	files, err := fs.Glob(web.FS, "templates/pages/*.html")
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no page templates found: %v", err)
	}
	r := &renderer{pages: map[string]*template.Template{}}
	for _, f := range files {
		t, err := template.Must(base.Clone()).ParseFS(web.FS, f)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", f, err)
		}
		r.pages[strings.TrimSuffix(path.Base(f), ".html")] = t
	}
	return r, nil
}

// languageChrome is the parts of a page that depend on nothing but the
// language (header, footer, a question page's buttons): drawn once per interface language at start, they are
// copied into each page rather than drawn again (template function
// chrome). A language drawn at start is the only kind a page asks for;
// any other is drawn when asked.
type languageChrome struct {
	byLang map[string]template.HTML // name + "/" + language
	set    *template.Template       // a copy of the partials, to draw others with
}

// chromeParts are the partials drawn once per language.
var chromeParts = []string{"header", "footer", "answer-actions"}

// draw draws every part in every interface language with a copy of base
// (html/template will not copy a set once it has drawn with it).
func (lc *languageChrome) draw(base *template.Template) error {
	set, err := base.Clone()
	if err != nil {
		return fmt.Errorf("chrome: %w", err)
	}
	lc.set = set
	for _, lang := range uiLanguages {
		for _, part := range chromeParts {
			h, err := lc.drawOne(part, lang)
			if err != nil {
				return err
			}
			lc.byLang[part+"/"+lang] = h
		}
	}
	return nil
}

func (lc *languageChrome) drawOne(part, lang string) (template.HTML, error) {
	var b bytes.Buffer
	if err := lc.set.ExecuteTemplate(&b, part, Page{Lang: lang}); err != nil {
		return "", fmt.Errorf("chrome %s in %s: %w", part, lang, err)
	}
	return template.HTML(b.String()), nil
}

// of returns part in lang (template function).
func (lc *languageChrome) of(part, lang string) (template.HTML, error) {
	if h, ok := lc.byLang[part+"/"+lang]; ok {
		return h, nil
	}
	return lc.drawOne(part, lang)
}

// paragraphs splits text on blank lines, for intro and privacy texts.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// render executes a page into a buffer first, so a template error becomes
// a clean 500 rather than half a page.
func (s *Server) render(c echo.Context, status int, name string, data any) error {
	t, ok := s.pages.pages[name]
	if !ok {
		return fmt.Errorf("render: no page template %q", name)
	}
	buf := pageBuffers.Get().(*bytes.Buffer)
	defer putPageBuffer(buf)
	if err := t.ExecuteTemplate(buf, "layout.html", data); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	return c.HTMLBlob(status, buf.Bytes())
}

// pageBuffers keeps page buffers between requests: a question page is
// tens of kilobytes, which a fresh buffer would grow to again each time.
var pageBuffers = sync.Pool{New: func() any { return bytes.NewBuffer(make([]byte, 0, 64<<10)) }}

// putPageBuffer returns a buffer to the pool, unless an unusually big
// page grew it (the pool then keeps no more memory than pages need).
func putPageBuffer(b *bytes.Buffer) {
	if b.Cap() > 256<<10 {
		return
	}
	b.Reset()
	pageBuffers.Put(b)
}

// Page is what the layout needs on every page; each page's data embeds it.
type Page struct {
	Lang      string
	Title     string // the page's <title>, before " – Research Pulse"
	HasErrors bool   // prefixes the title with "Error: "
	CSRF      string
	// Language switcher: shown when the questionnaire has more than one
	// language. Switching posts to LangAction and returns to ReturnTo.
	Languages  []string
	LangAction string
	ReturnTo   string
	// LangForm, when set, is the id of the page's form the switcher's
	// buttons send (to LangAction), keeping what is typed but not saved.
	LangForm string
}

// errorPage is the data of the error page.
type errorPage struct {
	Page
	Status int
	Key    string
}

func (s *Server) basePage(c echo.Context, lang, title string) Page {
	return Page{Lang: lang, Title: title, CSRF: csrfToken(c)}
}

// langOf is the interface language of the request: the one a handler
// settled on, else a supported ?lang, else English.
func (s *Server) langOf(c echo.Context) string {
	if l, ok := c.Get(langKey).(string); ok && l != "" {
		return l
	}
	if l := c.QueryParam("lang"); l == "cy" || l == "en" {
		return l
	}
	return "en"
}

const langKey = "lang"

func csrfToken(c echo.Context) string {
	if t, ok := c.Get("csrf").(string); ok {
		return t
	}
	return ""
}
