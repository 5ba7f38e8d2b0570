package server

import (
	"net/http"
	"net/url"
	"sort"

	"github.com/labstack/echo/v4"

	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/survey"
)

// confirmPage asks before a change clears saved answers. Its form posts
// the page's answers again, as they were sent, with the agreement to clear.
type confirmPage struct {
	Page
	Heading  string
	Rows     []checkRow // the answers that would be removed
	Action   string
	BackHref string
	Fields   []hiddenField
}

// hiddenField is one name=value pair carried through the confirm form.
type hiddenField struct {
	Name, Value string
}

// confirmView lists the saved answers a change would clear, with their
// questions as the check page shows them.
func (s *Server) confirmView(c echo.Context, st respond.State, section string, form url.Values, clear []survey.Cleared) confirmPage {
	lang, key := st.Lang(), c.Param("key")
	heading := s.text.T(lang, "confirm.title_many", len(clear))
	if len(clear) == 1 {
		heading = s.text.T(lang, "confirm.title_one")
	}
	back := sectionURL(key, section)
	if form.Get(fieldFrom) == fromCheck {
		back += "?from=check"
	}
	v := confirmPage{Heading: heading, Action: sectionURL(key, section), BackHref: back}
	for _, cl := range clear {
		it, ok := st.Q.Item(cl.ItemID)
		if !ok {
			continue
		}
		v.Rows = append(v.Rows, checkRow{Key: it.ShortLabel().In(lang), Values: answerText(lang, it, st.Answers[cl.ItemID])})
	}
	v.Fields = carriedFields(form)
	v.Page = s.reviewPage(c, st.Q, key, lang, heading, sectionURL(key, section), true)
	return v
}

// carriedFields is the posted form to send again: every answer and the
// page's own fields, with a fresh idempotency key (this is a new request)
// and the agreement to clear.
func carriedFields(form url.Values) []hiddenField {
	names := make([]string, 0, len(form))
	for name := range form {
		switch name {
		case fieldCSRF, fieldKey, fieldConfirm, fieldAction:
			continue
		}
		names = append(names, name)
	}
	sort.Strings(names)
	out := []hiddenField{{fieldKey, newIdemKey()}, {fieldConfirm, "1"}}
	for _, name := range names {
		for _, v := range form[name] {
			out = append(out, hiddenField{name, v})
		}
	}
	return out
}

// savedPage confirms a "Save and come back later": what was saved and how
// to come back.
type savedPage struct {
	Page
	Heading     string
	ContinueURL string
	Resume      resumeBox
}

// handleSaved is where "Save and come back later" leads.
func (s *Server) handleSaved(c echo.Context) error {
	st, code, err := s.pageState(c, false)
	if err != nil {
		return s.leave(c, st, err)
	}
	lang, key := st.Lang(), c.Param("key")
	heading := s.text.T(lang, "saved.title")
	v := savedPage{Heading: heading, ContinueURL: sectionURL(key, st.Resume()), Resume: s.resumeBoxFor(c, lang, code, st.Review)}
	v.Resume.Open = true
	v.Page = s.reviewPage(c, st.Q, key, lang, heading, linkPath(key)+"/saved", true)
	return s.render(c, http.StatusOK, "saved", v)
}

// revealed is the answer to a page script asking which items the answers
// being typed would show.
type revealed struct {
	Shown []string `json:"shown"`
}

// handleReveal tells the page script which of the page's items the answers
// in the form would show, so follow-ups appear in place. It saves nothing.
func (s *Server) handleReveal(c echo.Context) error {
	st, _, err := s.pageState(c, false)
	if err != nil {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	form, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest)
	}
	ids, err := st.Reveal(c.Param("section"), pageInput(form))
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, revealed{Shown: ids})
}
