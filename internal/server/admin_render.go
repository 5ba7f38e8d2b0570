package server

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/researchpulse/pulse/internal/admin"
	"github.com/researchpulse/pulse/internal/lifecycle"
	"github.com/researchpulse/pulse/web"
)

// The administrative side has its own layout, partials and pages under
// web/templates/admin, in English.

func newAdminRenderer(text *catalog) (*renderer, error) {
	funcs := template.FuncMap{
		"t":       text.T,
		"london":  londonDateTime,
		"day":     func(t time.Time) string { return t.In(lifecycle.London).Format("2 Jan 2006") },
		"count":   countText,
		"role":    admin.RoleName,
		"kind":    admin.KindName,
		"nation":  admin.NationName,
		"level":   admin.ActivityName,
		"percent": func(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) + "%" },
		"add":     func(a, b int) int { return a + b },
		"field": func(id, label, hint, err, value, width string) formField {
			return formField{ID: id, Label: label, Hint: hint, Error: err, Value: value, Width: width}
		},
		"password": func(id, label, hint, err, autocomplete string) formField {
			return formField{ID: id, Label: label, Hint: hint, Error: err, Type: "password", Autocomplete: autocomplete, Width: "nhsuk-u-width-two-thirds"}
		},
		"mulf": func(f float64) float64 { return f * 100 },
		"progressTable": func(caption, head string, rows []admin.ProgressRow, total admin.ProgressRow, k int) progressTable {
			return progressTable{Caption: caption, Head: head, Rows: rows, Total: total, K: k}
		},
		"group": func(name, legend, hint, err, kind string, choices []choice) choiceGroup {
			return choiceGroup{Name: name, Legend: legend, Hint: hint, Error: err, Kind: kind, Choices: choices}
		},
	}
	base, err := template.New("layout.html").Funcs(funcs).ParseFS(web.FS, "templates/admin/layout.html", "templates/admin/partials/*.html")
	if err != nil {
		return nil, fmt.Errorf("parse admin layout: %w", err)
	}
	files, err := fs.Glob(web.FS, "templates/admin/pages/*.html")
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no admin page templates found: %v", err)
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

// londonDateTime writes a time as staff read it: "1 Dec 2026, 09:00".
func londonDateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(lifecycle.London).Format("2 Jan 2006, 15:04")
}

// countText writes a dashboard count: the number, "fewer than k" for a
// small one, "hidden" for one withheld so that a small one cannot be
// worked out.
func countText(c admin.Count, k int) string {
	switch {
	case c.Small:
		return "fewer than " + strconv.Itoa(k)
	case c.Hidden:
		return "hidden"
	}
	return strconv.Itoa(c.N)
}

// renderAdmin executes an admin page into a buffer first, like render.
func (s *Server) renderAdmin(c echo.Context, status int, name string, data any) error {
	t, ok := s.adminPages.pages[name]
	if !ok {
		return fmt.Errorf("render: no admin page template %q", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", data); err != nil {
		return fmt.Errorf("render admin %s: %w", name, err)
	}
	return c.HTMLBlob(status, buf.Bytes())
}

// AdminPage is what the admin layout needs on every page.
type AdminPage struct {
	Lang      string
	Title     string
	HasErrors bool
	CSRF      string
	Email     string
	Role      string
	Nav       []navItem
	Errors    []errorLink
	Notice    string // a success message after a change
}

type navItem struct {
	Href, Label string
	Current     bool
}

// adminPage is the base of a page for the signed-in account (if any).
func (s *Server) adminPage(c echo.Context, title string) AdminPage {
	a := actor(c)
	p := AdminPage{Lang: "en", Title: title, CSRF: csrfToken(c), Email: a.Email(), Role: admin.RoleName(a.Role())}
	if !a.Signed() || a.MustChangePassword() {
		p.Role = ""
		return p
	}
	here := c.Request().URL.Path
	add := func(href, label string) {
		cur := here == href || (href != "/admin" && strings.HasPrefix(here, href))
		p.Nav = append(p.Nav, navItem{href, label, cur})
	}
	add("/admin", "Reviews")
	if a.CanCreateReviews() {
		add("/admin/trusts", "Trusts")
	}
	if a.Platform() {
		add("/admin/users", "Accounts")
		add("/admin/audit", "Audit trail")
	}
	add("/admin/password", "Change password")
	return p
}

// withErrors adds a form's problems to the page: the summary links to
// each field.
func (p *AdminPage) withErrors(fe []admin.FieldError) map[string]string {
	byField := map[string]string{}
	for _, f := range fe {
		if _, seen := byField[f.Field]; !seen {
			byField[f.Field] = f.Message
		}
		p.Errors = append(p.Errors, errorLink{Href: "#" + f.Field, Text: f.Message})
	}
	p.HasErrors = len(fe) > 0
	return byField
}

// formField is one text input of an admin form.
type formField struct {
	ID, Label, Hint, Error, Value, Width, Type, Autocomplete string
}

// choiceGroup is a fieldset of radios (Kind "radios") or checkboxes.
type choiceGroup struct {
	Name, Legend, Hint, Error, Kind string
	Choices                         []choice
}

// progressTable is a table of started, submitted and in-progress counts.
type progressTable struct {
	Caption, Head string
	Rows          []admin.ProgressRow
	Total         admin.ProgressRow
	K             int
}
