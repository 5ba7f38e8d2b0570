package respond

import "github.com/researchpulse/pulse/internal/survey"

// Page is one section as the respondent sees it now.
type Page struct {
	Section  *survey.Section
	Index    int        // section index in the questionnaire
	Items    []PageItem // the shown items, in order
	Back     string     // previous shown section id; "" for the start page
	Progress Progress
	Step     int // this page's position among the shown pages, from 1
	Steps    int // shown pages in all (may change as answers change)
}

// PageItem is a YAML item on a page with those of its answerable items
// that are shown: the item itself, or the shown statements of a grid.
// Later lists the follow-ups an answer on this page can still reveal: not
// shown now, drawn hidden so that a browser with JavaScript can reveal
// them in place.
type PageItem struct {
	Item     *survey.Item
	Shown    []*survey.Item
	Later    []*survey.Item
	Question survey.Text     // the wording in use: a variant, or the question
	Offered  []survey.Option // the options offered now (piping offers what was chosen at the source)
}

// Hidden reports whether none of the item is shown now.
func (pi PageItem) Hidden() bool { return len(pi.Shown) == 0 }

// Visible lists the page's items that are shown now.
func (p Page) Visible() []PageItem {
	var out []PageItem
	for _, pi := range p.Items {
		if !pi.Hidden() {
			out = append(out, pi)
		}
	}
	return out
}

// IDs lists the answerable item ids shown on the page.
func (p Page) IDs() []string {
	var ids []string
	for _, pi := range p.Items {
		for _, it := range pi.Shown {
			ids = append(ids, it.ID)
		}
	}
	return ids
}

// Progress is how far through the applicable questionnaire a response is.
// It counts applicable items, not pages, so it stays right under branching.
// Required and RequiredAnswered count the applicable items that must be
// answered: what a respondent reads as "how much is left" (optional items
// left blank do not make a finished response look unfinished).
type Progress struct {
	Answered         int
	Applicable       int
	Required         int
	RequiredAnswered int
}

// Percent is the share of applicable items answered, rounded down.
func (p Progress) Percent() int {
	if p.Applicable == 0 {
		return 0
	}
	return p.Answered * 100 / p.Applicable
}

// Progress measures the response against the branching.
func (st State) Progress() Progress {
	c := st.Completion()
	p := Progress{Answered: c.Answered, Applicable: c.Applicable}
	for _, id := range st.Vis.Order {
		if it, ok := st.Q.Item(id); ok && !it.Optional {
			p.Required++
			if !st.Answers[id].Empty() {
				p.RequiredAnswered++
			}
		}
	}
	return p
}

// Page returns a section as it should be shown now, or ErrPageUnavailable.
func (st State) Page(sectionID string) (Page, error) {
	if !st.Reachable(sectionID) || sectionID == SectionCheck {
		return Page{}, ErrPageUnavailable
	}
	i := st.Q.SectionByID(sectionID)
	sec := &st.Q.Sections[i]
	p := Page{Section: sec, Index: i, Back: prevSection(st.Q, st.Vis, i), Progress: st.Progress()}
	p.Items = pageItems(st.Q, sec, st.Vis, st.Answers)
	for j, shown := range st.Vis.Sections {
		if shown {
			p.Steps++
			if j <= i {
				p.Step++
			}
		}
	}
	return p, nil
}

// pageItems lists a page's items as drawn: those shown, and follow-ups an
// answer on the page can reveal, each with its wording and options.
func pageItems(q *survey.Questionnaire, sec *survey.Section, vis survey.Visibility, answers survey.Answers) []PageItem {
	var out []PageItem
	for k := range sec.Items {
		it := &sec.Items[k]
		pi := PageItem{Item: it, Question: vis.Question(it), Offered: q.Offered(it, answers)}
		for _, a := range q.Answerables(it) {
			switch {
			case vis.Shown(a.ID):
				pi.Shown = append(pi.Shown, a)
			case q.SamePageGated(a.ID):
				pi.Later = append(pi.Later, a)
			}
		}
		if len(pi.Shown)+len(pi.Later) > 0 {
			out = append(out, pi)
		}
	}
	return out
}

// shownItems lists a page's shown items only.
func shownItems(q *survey.Questionnaire, sec *survey.Section, vis survey.Visibility) []PageItem {
	var out []PageItem
	for k := range sec.Items {
		it := &sec.Items[k]
		pi := PageItem{Item: it, Question: vis.Question(it)}
		for _, a := range q.Answerables(it) {
			if vis.Shown(a.ID) {
				pi.Shown = append(pi.Shown, a)
			}
		}
		if len(pi.Shown) > 0 {
			out = append(out, pi)
		}
	}
	return out
}

// BackFromCheck is the page the check-answers page's Back link leads to.
func (st State) BackFromCheck() string {
	return prevSection(st.Q, st.Vis, len(st.Q.Sections))
}

// CheckSection is one section of the check-your-answers page.
type CheckSection struct {
	Section *survey.Section
	Rows    []CheckRow
}

// CheckRow is one answered (or skipped) item on the check page.
type CheckRow struct {
	Item   *survey.Item
	Answer survey.Answer
	Given  bool
}

// Check lists every shown section with its shown items and answers.
func (st State) Check() []CheckSection {
	var out []CheckSection
	for i := range st.Q.Sections {
		if !st.Vis.Sections[i] {
			continue
		}
		cs := CheckSection{Section: &st.Q.Sections[i]}
		for _, pi := range shownItems(st.Q, cs.Section, st.Vis) {
			for _, it := range pi.Shown {
				a, ok := st.Answers[it.ID]
				cs.Rows = append(cs.Rows, CheckRow{Item: it, Answer: a, Given: ok && !a.Empty()})
			}
		}
		out = append(out, cs)
	}
	return out
}

// Reveal says which of a page's items the answers being typed would show:
// the saved answers with the page's replaced by the input, parsed as far as
// they can be (an answer that does not parse counts as blank). It saves
// nothing; a browser uses it to reveal follow-ups in place.
func (st State) Reveal(sectionID string, in Input) ([]string, error) {
	if !st.Reachable(sectionID) || sectionID == SectionCheck {
		return nil, ErrPageUnavailable
	}
	sec := &st.Q.Sections[st.Q.SectionByID(sectionID)]
	onPage := sectionItems(st.Q, sec)
	page := survey.Answers{}
	for _, id := range inputIDs(in) {
		it, ok := st.Q.Item(id)
		if !ok || !onPage[id] {
			continue
		}
		if a, err := it.ParseInput(in.Values[id], in.Other[id]); err == nil && !a.Empty() {
			page[id] = a
		}
	}
	vis := st.Q.Visibility(mergePage(st.Answers, onPage, page))
	ids := []string{}
	for _, pi := range shownItems(st.Q, sec, vis) {
		for _, it := range pi.Shown {
			ids = append(ids, it.ID)
		}
	}
	return ids, nil
}
