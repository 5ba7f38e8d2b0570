package server

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/researchpulse/pulse/internal/store"
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
	CanTry      bool // a manager, while the review takes answers
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
		Position: strconv.Itoa(i+1) + " of " + strconv.Itoa(len(q.Sections)),
		CanTry:   r.Manage && r.AcceptsAnswers(s.cfg.Admin.Now()) == nil}
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

// handleTry starts a test response at one of the review's trusts and
// hands the browser to the respondent pages: the real questionnaire,
// page by page, counted apart and left out of the analysis. Only while
// the review takes answers; otherwise the page-by-page preview says it.
func (s *Server) handleTry(c echo.Context) error {
	r := reviewOf(c)
	trustID, _ := strconv.ParseInt(c.FormValue("trust"), 10, 64)
	var next string
	err := s.cfg.Admin.TryOut(c.Request().Context(), actor(c), r.ID, trustID, func(key string) error {
		st, code, err := s.cfg.Flow.Start(c.Request().Context(), key, "", true)
		if err == nil {
			s.setResumeCookie(c, key, code)
			next = sectionURL(key, st.Response.Section)
		}
		return err
	})
	if errors.Is(err, store.ErrReviewNotOpen) || errors.Is(err, store.ErrReviewClosed) {
		v := adminErrorPage{Status: http.StatusConflict, Heading: "The review is not taking answers",
			Body: "You can take a review as a respondent only while it is open. Use the page-by-page preview instead; it works at any time."}
		v.AdminPage = s.adminPage(c, v.Heading)
		return s.renderAdmin(c, http.StatusConflict, "error", v)
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, next)
}
