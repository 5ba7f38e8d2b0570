package server

import (
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

// reviewPage is the layout data of a page inside a review link: its title
// names the questionnaire, and it offers the questionnaire's languages.
// With a response the switcher posts (the choice is saved with the
// response); without one it is a plain link.
func (s *Server) reviewPage(c echo.Context, q *survey.Questionnaire, key, lang, title, returnTo string, hasResponse bool) Page {
	p := s.basePage(c, lang, title+" – "+q.Title.In(lang))
	if langs := q.LanguageList(); len(langs) > 1 {
		p.Languages, p.ReturnTo = langs, returnTo
		if hasResponse {
			p.LangAction = linkPath(key) + "/language"
		}
	}
	return p
}

// resumeBoxFor is the "save and come back later" panel for a response.
func (s *Server) resumeBoxFor(c echo.Context, lang, code string, rev store.Review) resumeBox {
	shown := respond.FormatCode(respond.NormalizeCode(code))
	return resumeBox{
		Lang: lang, Code: shown,
		Link:  s.baseURL(c) + "/resume/" + shown,
		Until: s.formatDate(lang, lastDay(rev.ClosesAt)),
	}
}

func (s *Server) baseURL(c echo.Context) string {
	if s.cfg.BaseURL != "" {
		return s.cfg.BaseURL
	}
	return c.Scheme() + "://" + c.Request().Host
}

// questionView builds a question page from the respond page, what the
// controls should show and any errors from saving it.
func (s *Server) questionView(c echo.Context, st respond.State, code string, pg respond.Page, in entered, errs []survey.AnswerError, fromCheck bool) questionPage {
	lang, key := st.Lang(), c.Param("key")
	v := questionPage{
		BackHref: sectionURL(key, pg.Back), Column: "nhsuk-grid-column-two-thirds",
		Action: sectionURL(key, pg.Section.ID), IdemKey: newIdemKey(), Shown: pg.IDs(), FromCheck: fromCheck,
		Resume: s.resumeBoxFor(c, lang, code, st.Review), RevealURL: sectionURL(key, pg.Section.ID) + "/reveal",
	}
	returnTo := v.Action
	if fromCheck {
		v.BackHref, returnTo = sectionURL(key, respond.SectionCheck), returnTo+"?from=check"
	}
	v.Progress = s.progressLine(lang, pg.Progress)
	msgs := s.fieldErrors(lang, st.Q, errs)
	title := s.headings(&v, lang, pg, in, msgs)
	s.markAdded(&v, lang, c.QueryParam(queryAdded))
	v.Errors = s.errorLinks(pg, errs, msgs)
	v.Page = s.reviewPage(c, st.Q, key, lang, title, returnTo, true)
	v.Page.HasErrors = len(errs) > 0
	if v.Page.LangAction != "" {
		v.Page.LangForm, v.Page.LangAction = "answers", v.Action+"/language"
	}
	return v
}

// progressLine counts the required questions answered on the route so
// far; a questionnaire of optional questions only shows none.
func (s *Server) progressLine(lang string, p respond.Progress) string {
	if p.Required == 0 {
		return ""
	}
	return s.text.T(lang, "page.progress", p.RequiredAnswered, p.Required)
}

// headings draws the page's questions and decides its h1, GOV.UK style:
// a page of one question (with no introduction) makes the question the h1,
// with the section in its caption; otherwise the section title is the h1
// and each question an h2. It returns the page title, which matches the h1.
func (s *Server) headings(v *questionPage, lang string, pg respond.Page, in entered, msgs fieldMessages) string {
	sec := pg.Section
	visible := pg.Visible()
	single := len(visible) == 1 && len(visible[0].Item.Statements) == 0 && sec.Intro.Empty()
	title := sec.Title.In(lang)
	if !single {
		v.Heading, v.Caption = title, s.text.T(lang, "page.caption", pg.Step, pg.Steps)
		v.Intro = paragraphs(sec.Intro.In(lang))
	}
	for _, pi := range pg.Items {
		f := s.fieldFor(lang, pi, in, msgs)
		if single && !pi.Hidden() {
			f.Level, f.Caption = 1, s.text.T(lang, "page.caption_named", pg.Step, pg.Steps, sec.Title.In(lang))
			title = f.Question
		}
		if f.Kind == kindGrid {
			v.Column = "nhsuk-grid-column-full"
		}
		v.Fields = append(v.Fields, f)
	}
	return title
}

// queryAdded names, after a save, the questions the answers added to the
// page it shows again.
const queryAdded = "added"

// markAdded marks the questions a save added to the page and says why the
// page is shown again. Only ids of fields shown on the page count.
func (s *Server) markAdded(v *questionPage, lang, added string) {
	ids := map[string]bool{}
	for _, id := range strings.Split(added, ",") {
		ids[id] = true
	}
	n := 0
	for i := range v.Fields {
		f := &v.Fields[i]
		for _, id := range strings.Fields(f.Items) {
			if ids[id] && !f.Hidden {
				f.Added = true
			}
		}
		if f.Added {
			n++
		}
	}
	switch {
	case n == 1:
		v.Added = s.text.T(lang, "page.revealed_one")
	case n > 1:
		v.Added = s.text.T(lang, "page.revealed_many", n)
	}
}

// fieldMessages are the error messages of a page by control id: an item's
// own, or its "please specify" box (ID-other).
type fieldMessages map[string]string

func (s *Server) fieldErrors(lang string, q *survey.Questionnaire, errs []survey.AnswerError) fieldMessages {
	msgs := fieldMessages{}
	for _, e := range errs {
		it, _ := q.Item(e.ItemID)
		id := controlOf(e)
		msgs[id] = s.answerMessage(lang, it, e)
	}
	return msgs
}

// errorLinks lists the errors in page order, linking each to its control
// when the page shows one.
func (s *Server) errorLinks(pg respond.Page, errs []survey.AnswerError, msgs fieldMessages) []errorLink {
	shown := map[string]bool{}
	for _, id := range pg.IDs() {
		shown[id] = true
	}
	var out []errorLink
	for _, e := range errs {
		id := controlOf(e)
		l := errorLink{Text: msgs[id]}
		if shown[e.ItemID] && e.Code != survey.ErrHidden {
			l.Href = "#" + id
		}
		out = append(out, l)
	}
	return out
}

func otherID(itemID string) string { return itemID + "-other" }

// controlOf is the id of the control an error is about: the item's, or
// its "please specify" box.
func controlOf(e survey.AnswerError) string {
	if e.Code == survey.ErrOtherTooLong || e.Code == survey.ErrOtherRequired {
		return otherID(e.ItemID)
	}
	return e.ItemID
}

// fieldFor draws one YAML item: a grid of its statements, or the item's
// own control. Follow-ups that an answer on the page can reveal are drawn
// hidden and disabled (a browser without JavaScript never sends them);
// the page script reveals them in place.
func (s *Server) fieldFor(lang string, pi respond.PageItem, in entered, msgs fieldMessages) field {
	it := pi.Item
	if len(it.Statements) == 0 {
		a := firstOf(pi)
		f := s.controlFor(lang, a, pi.Question, pi.Offered, in, msgs)
		f.Level, f.Items = 2, a.ID
		f.Hidden = pi.Hidden()
		f.disable(f.Hidden)
		return f
	}
	f := field{Lang: lang, Kind: kindGrid, ID: it.ID, Question: pi.Question.In(lang), Level: 2, Optional: it.Optional,
		Hint: it.Hint.In(lang), Hidden: pi.Hidden()}
	shown := map[*survey.Item]bool{}
	for _, a := range pi.Shown {
		shown[a] = true
	}
	var ids []string
	for _, a := range append(append([]*survey.Item(nil), pi.Shown...), pi.Later...) {
		ids = append(ids, a.ID)
	}
	f.Items = strings.Join(ids, " ")
	for _, st := range orderedStatements(it, pi) {
		row := s.controlFor(lang, st, st.Question, st.Options, in, msgs)
		row.Level, row.Optional, row.Hint = 0, false, ""
		row.Items, row.Hidden = st.ID, !shown[st]
		row.disable(row.Hidden)
		f.Rows = append(f.Rows, row)
	}
	return f
}

// disable draws the field's controls, "please specify" boxes included,
// disabled: a hidden follow-up sends nothing until it is revealed.
func (f *field) disable(off bool) {
	f.Disabled = off
	for i := range f.Options {
		f.Options[i].Disabled = off
		if f.Options[i].Other != nil {
			f.Options[i].Other.Disabled = off
		}
	}
	for g := range f.Groups {
		for i := range f.Groups[g].Options {
			f.Groups[g].Options[i].Disabled = off
			if o := f.Groups[g].Options[i].Other; o != nil {
				o.Disabled = off
			}
		}
	}
}

// firstOf is the answerable item of a non-grid page item, shown or not.
func firstOf(pi respond.PageItem) *survey.Item {
	if len(pi.Shown) > 0 {
		return pi.Shown[0]
	}
	return pi.Later[0]
}

// orderedStatements is a grid's shown and later statements in the grid's
// order.
func orderedStatements(it *survey.Item, pi respond.PageItem) []*survey.Item {
	in := map[string]*survey.Item{}
	for _, a := range append(append([]*survey.Item(nil), pi.Shown...), pi.Later...) {
		in[a.ID] = a
	}
	var out []*survey.Item
	for _, st := range it.Statements {
		if a, ok := in[st.ID]; ok {
			out = append(out, a)
		}
	}
	return out
}

// controlFor draws one answerable item with its question's wording and
// the options it offers now.
func (s *Server) controlFor(lang string, it *survey.Item, question survey.Text, offered []survey.Option, in entered, msgs fieldMessages) field {
	f := field{
		Lang: lang, ID: it.ID, Name: it.ID, Question: question.In(lang), Optional: it.Optional,
		Hint: it.Hint.In(lang), Error: msgs[it.ID], Value: in.text(it.ID),
	}
	switch it.Type {
	case survey.TypeSingle, survey.TypeScale:
		f.Kind, f.Options = kindRadios, s.options(lang, it, offered, in, msgs, false)
		f.Groups = groupOptions(lang, offered, f.Options, f.Error != "")
	case survey.TypeMultiple:
		f.Kind, f.Options = kindCheckboxes, s.options(lang, it, offered, in, msgs, true)
		f.Groups = groupOptions(lang, offered, f.Options, f.Error != "")
	case survey.TypeNumber:
		f.Kind, f.Numeric, f.Decimal, f.Width = kindInput, true, it.Decimals, "nhsuk-input--width-5"
		f.Suffix = it.Suffix.In(lang)
		if it.Decimals { // a decimal comma is read as a point: say so
			f.Hint = strings.TrimSpace(f.Hint + " " + s.text.T(lang, "field.decimal_hint"))
		}
	case survey.TypeTextarea:
		f.Kind, f.Limit, f.LimitTxt = kindTextarea, it.TextLimit(), groupDigits(it.TextLimit())
	default:
		f.Kind, f.Width = kindInput, "nhsuk-u-width-full"
	}
	return f
}

// options lists an item's radios or checkboxes, ids numbered as the NHS
// macros do (ID, ID-2, ID-3, … counting the divider), with exclusive
// options after an "or" divider for checkboxes.
func (s *Server) options(lang string, it *survey.Item, offered []survey.Option, in entered, msgs fieldMessages, multiple bool) []option {
	var out []option
	divided := false
	for _, o := range offered {
		if multiple && o.Exclusive && !divided {
			out, divided = append(out, option{Lang: lang, Divider: true, Value: o.Code}), true
		}
		opt := option{
			Lang: lang, ID: optionID(it.ID, len(out)), Name: it.ID, Value: o.Code, Label: o.Label.In(lang), Hint: o.Hint.In(lang),
			Checked: in.has(it.ID, o.Code), Exclusive: multiple && o.Exclusive,
		}
		if o.Other {
			label := s.text.T(lang, "field.other")
			if o.OtherOptional {
				label = s.text.T(lang, "field.other_optional")
			}
			opt.Other = &otherInput{
				Lang: lang, ID: otherID(it.ID), Name: it.ID + otherSuffix, Label: label,
				Value: in.other[it.ID], Error: msgs[otherID(it.ID)],
			}
		}
		out = append(out, opt)
	}
	return out
}

// groupOptions splits an item's drawn options under their groups' labels,
// or returns nil when the item does not group its options. A divider goes
// with the option after it.
func groupOptions(lang string, offered []survey.Option, opts []option, hasError bool) []optionGroup {
	if len(offered) == 0 || offered[0].Group.Empty() {
		return nil
	}
	group := map[string]string{}
	for _, o := range offered {
		group[o.Code] = o.Group.In(lang)
	}
	var groups []optionGroup
	for _, o := range opts {
		label := group[o.Value]
		if len(groups) == 0 || groups[len(groups)-1].Label != label {
			groups = append(groups, optionGroup{Label: label, Open: hasError})
		}
		g := &groups[len(groups)-1]
		g.Options = append(g.Options, o)
		g.Open = g.Open || o.Checked || (o.Other != nil && o.Other.Error != "")
	}
	return groups
}

func optionID(itemID string, i int) string {
	if i == 0 {
		return itemID
	}
	return itemID + "-" + strconv.Itoa(i+1)
}

// sectionURL is the address of a section, the check page or the
// confirmation; "" (the start of the questionnaire) is the intro page.
func sectionURL(key, section string) string {
	switch section {
	case "":
		return linkPath(key)
	case respond.SectionCheck:
		return linkPath(key) + "/check"
	case respond.SectionDone:
		return linkPath(key) + "/done"
	}
	return linkPath(key) + "/p/" + section
}

// checkView builds the check-your-answers page.
func (s *Server) checkView(c echo.Context, st respond.State, code string, errs []survey.AnswerError) checkPage {
	lang, key := st.Lang(), c.Param("key")
	title := s.text.T(lang, "check.title")
	v := checkPage{
		BackHref: sectionURL(key, st.BackFromCheck()), Heading: title,
		Action: linkPath(key) + "/submit", IdemKey: newIdemKey(),
		Resume:   s.resumeBoxFor(c, lang, code, st.Review),
		Progress: s.progressLine(lang, st.Progress()),
	}
	for _, cs := range st.Check() {
		sec := checkSection{Title: cs.Section.Title.In(lang)}
		for _, r := range cs.Rows {
			sec.Rows = append(sec.Rows, s.checkRow(lang, key, cs.Section.ID, r))
		}
		v.Sections = append(v.Sections, sec)
	}
	for _, e := range errs {
		it, _ := st.Q.Item(e.ItemID)
		l := errorLink{Text: s.answerMessage(lang, it, e)}
		if it != nil {
			l.Href = sectionURL(key, st.Q.Sections[st.Q.SectionIndex(it.ID)].ID) + "?from=check"
		}
		v.Errors = append(v.Errors, l)
	}
	v.Page = s.reviewPage(c, st.Q, key, lang, title, sectionURL(key, respond.SectionCheck), true)
	v.Page.HasErrors = len(errs) > 0
	return v
}

func (s *Server) checkRow(lang, key, section string, r respond.CheckRow) checkRow {
	row := checkRow{Key: r.Item.ShortLabel().In(lang), ChangeHref: sectionURL(key, section) + "?from=check#" + r.Item.ID + "-question"}
	if !r.Given {
		row.NotAnswered = true
		return row
	}
	row.Values = answerText(lang, r.Item, r.Answer)
	return row
}

// answerText is an answer as the respondent would read it: option labels
// in their language, numbers with their unit, and "please specify" text.
func answerText(lang string, it *survey.Item, a survey.Answer) []string {
	if !it.Choice() {
		if suffix := it.Suffix.In(lang); suffix != "" && it.Type == survey.TypeNumber {
			return []string{a.Text + " " + suffix}
		}
		return []string{a.Text}
	}
	var out []string
	for _, code := range a.Codes {
		o, ok := it.Option(code)
		if !ok {
			out = append(out, code)
			continue
		}
		label := o.Label.In(lang)
		if o.Other && a.Other != "" {
			label += ": " + a.Other
		}
		out = append(out, label)
	}
	return out
}
