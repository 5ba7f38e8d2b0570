package server

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/researchpulse/pulse/internal/survey"
)

// previewPage walks the questionnaire a review was launched with, one
// section at a time, as respondents see it, with the conditions that
// show each part. It creates no response, so nothing is counted.
type previewPage struct {
	AdminPage
	ReviewID    int64
	ReviewTitle string
	Sections    []previewLink
	Section     previewSection
	Prev, Next  string
	Position    string
}

type previewLink struct {
	Href, Title string
	Current     bool
}

type previewSection struct {
	Title, Intro, ShowIf string
	Items                []previewItem
}

type previewItem struct {
	ID, Question, Hint, Kind, ShowIf string
	Optional                         bool
	Options                          []string
	Statements                       []string
	Piped                            string
}

var itemKinds = map[string]string{
	survey.TypeSingle: "Choose one", survey.TypeMultiple: "Choose any", survey.TypeScale: "Agreement scale",
	survey.TypeNumber: "Number", survey.TypeText: "Short text", survey.TypeTextarea: "Long text",
}

func (s *Server) handlePreview(c echo.Context) error {
	r := reviewOf(c)
	q, err := s.cfg.Admin.Questionnaire(c.Request().Context(), actor(c), r.ID)
	if err != nil {
		return err
	}
	i, _ := strconv.Atoi(c.QueryParam("section"))
	if i < 0 || i >= len(q.Sections) {
		i = 0
	}
	lang := q.DefaultLanguage()
	base := reviewPath(r.ID) + "/preview?section="
	v := previewPage{AdminPage: s.adminPage(c, "Preview: "+q.Sections[i].Title.In(lang)), ReviewID: r.ID, ReviewTitle: r.Title,
		Position: strconv.Itoa(i+1) + " of " + strconv.Itoa(len(q.Sections))}
	for j, sec := range q.Sections {
		v.Sections = append(v.Sections, previewLink{Href: base + strconv.Itoa(j), Title: sec.Title.In(lang), Current: j == i})
	}
	if i > 0 {
		v.Prev = base + strconv.Itoa(i-1)
	}
	if i+1 < len(q.Sections) {
		v.Next = base + strconv.Itoa(i+1)
	}
	v.Section = previewOf(&q.Sections[i], lang)
	return s.renderAdmin(c, http.StatusOK, "preview", v)
}

func previewOf(sec *survey.Section, lang string) previewSection {
	out := previewSection{Title: sec.Title.In(lang), Intro: sec.Intro.In(lang), ShowIf: sec.ShowIf}
	for _, it := range sec.Items {
		pi := previewItem{ID: it.ID, Question: it.Question.In(lang), Hint: it.Hint.In(lang), Kind: itemKinds[it.Type],
			ShowIf: it.ShowIf, Optional: it.Optional, Piped: it.OptionsFrom}
		for _, o := range it.Options {
			pi.Options = append(pi.Options, o.Label.In(lang))
		}
		for _, st := range it.Statements {
			pi.Statements = append(pi.Statements, st.Text.In(lang))
		}
		out.Items = append(out.Items, pi)
	}
	return out
}
