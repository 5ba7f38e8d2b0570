package respond

import (
	"sort"

	"github.com/researchpulse/pulse/internal/survey"
)

// savePlan is what saving a page will change, worked out without touching
// the store.
type savePlan struct {
	errs     []survey.AnswerError
	set      survey.Answers
	del      []string
	cleared  []survey.Cleared
	next     string
	revealed []string // items this save revealed on the page, still unanswered
}

// planSave parses a page's input, applies the branching to the merged
// answers and decides the next page. It is pure.
//
// Items the respondent was asked are those the page showed (Input.Shown,
// from the form) or, when the caller does not say (the API), those the
// branching showed before this save. An answer on the page can reveal
// items the respondent was not asked: they are not yet required, and the
// page is shown again with them (unless the save is partial). An answer
// can also hide items on its own page: answers sent for them are ignored,
// and saved answers to them are cleared and the clearing recorded.
func planSave(st State, si int, in Input) savePlan {
	q := st.Q
	sec := &q.Sections[si]
	onPage := sectionItems(q, sec)
	page, errs := parsePage(q, onPage, in)
	merged := mergePage(st.Answers, onPage, page)
	vis := q.Visibility(merged)
	asked := askedOnPage(st, si, in.Shown)
	errs = append(errs, dropHidden(q, page, merged, vis, asked)...)
	errs = append(errs, notOffered(q, page, merged)...)
	if !in.Partial {
		errs = append(errs, missingRequired(q, sec, vis, page, asked, failed(errs))...)
	}
	if len(errs) > 0 {
		sortErrors(q, errs)
		return savePlan{errs: errs}
	}
	kept, cleared := q.Prune(merged)
	p := savePlan{set: survey.Answers{}, cleared: cleared}
	for id := range onPage {
		a, ok := kept[id]
		switch {
		case ok:
			p.set[id] = a
		case isCleared(cleared, id) || st.Answers[id].Empty():
		case !vis.Shown(id):
			// Hidden by a change on this page: a clearing like any other.
			p.cleared = append(p.cleared, survey.Cleared{ItemID: id, Cause: vis.HiddenBy(id)})
		default:
			p.del = append(p.del, id)
		}
	}
	sort.Strings(p.del)
	sortCleared(q, p.cleared)
	p.revealed = revealedOnPage(q, sec, vis, asked, page)
	p.next = nextSection(q, vis, si)
	if len(p.revealed) > 0 && !in.Partial {
		p.next = sec.ID
	}
	return p
}

func sectionItems(q *survey.Questionnaire, sec *survey.Section) map[string]bool {
	ids := map[string]bool{}
	for k := range sec.Items {
		for _, a := range q.Answerables(&sec.Items[k]) {
			ids[a.ID] = true
		}
	}
	return ids
}

// mergePage is the saved answers with the page's replaced by what was sent.
func mergePage(saved survey.Answers, onPage map[string]bool, page survey.Answers) survey.Answers {
	merged := make(survey.Answers, len(saved)+len(page))
	for id, a := range saved {
		if !onPage[id] {
			merged[id] = a
		}
	}
	for id, a := range page {
		merged[id] = a
	}
	return merged
}

// askedOnPage is the set of the page's items the respondent was shown.
func askedOnPage(st State, si int, shown []string) map[string]bool {
	if shown != nil {
		return shownSet(shown)
	}
	asked := map[string]bool{}
	for _, pi := range shownItems(st.Q, &st.Q.Sections[si], st.Vis) {
		for _, it := range pi.Shown {
			asked[it.ID] = true
		}
	}
	return asked
}

// parsePage parses every value sent for the page. Values for ids that are
// not items of this page are errors.
func parsePage(q *survey.Questionnaire, onPage map[string]bool, in Input) (survey.Answers, []survey.AnswerError) {
	page := survey.Answers{}
	var errs []survey.AnswerError
	for _, id := range inputIDs(in) {
		it, ok := q.Item(id)
		if !ok || !onPage[id] {
			errs = append(errs, survey.AnswerError{ItemID: id, Code: survey.ErrUnknownItem})
			continue
		}
		a, aerr := it.ParseInput(in.Values[id], in.Other[id])
		if aerr != nil {
			errs = append(errs, *aerr)
		} else if !a.Empty() {
			page[id] = a
		}
	}
	return page, errs
}

// inputIDs lists the item ids an input sends values or other text for.
func inputIDs(in Input) []string {
	seen := map[string]bool{}
	var ids []string
	add := func(id string) {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for id := range in.Values {
		add(id)
	}
	for id := range in.Other {
		add(id)
	}
	sort.Strings(ids)
	return ids
}

// dropHidden removes answers to items the merged answers do not show. An
// item hidden by an answer on its own page, or one the page showed, is not
// an error: the respondent changed an answer and its follow-up went away.
// An answer to an item hidden by earlier pages is.
func dropHidden(q *survey.Questionnaire, page, merged survey.Answers, vis survey.Visibility, asked map[string]bool) []survey.AnswerError {
	var errs []survey.AnswerError
	for id := range page {
		if vis.Shown(id) {
			continue
		}
		if asked[id] || q.SamePageGated(id) {
			delete(page, id)
			delete(merged, id)
			continue
		}
		errs = append(errs, survey.AnswerError{ItemID: id, Code: survey.ErrHidden})
	}
	return errs
}

// notOffered refuses codes a piped item does not offer: options not chosen
// at the item they are piped from.
func notOffered(q *survey.Questionnaire, page, merged survey.Answers) []survey.AnswerError {
	var errs []survey.AnswerError
	for id, a := range page {
		it, _ := q.Item(id)
		if code := q.NotOffered(it, a, merged); code != "" {
			errs = append(errs, survey.AnswerError{ItemID: id, Code: survey.ErrUnknownOption, Value: code})
		}
	}
	return errs
}

// missingRequired finds required items the respondent was asked and left
// blank. Items revealed by this save were not asked: the page is shown
// again to ask them.
func missingRequired(q *survey.Questionnaire, sec *survey.Section, vis survey.Visibility, page survey.Answers, asked, failed map[string]bool) []survey.AnswerError {
	var errs []survey.AnswerError
	for _, pi := range shownItems(q, sec, vis) {
		for _, it := range pi.Shown {
			if asked[it.ID] && !it.Optional && !failed[it.ID] && page[it.ID].Empty() {
				errs = append(errs, survey.AnswerError{ItemID: it.ID, Code: survey.ErrRequired})
			}
		}
	}
	return errs
}

// revealedOnPage lists the page's items that the answers now show but the
// respondent was not asked and has not answered, in page order.
func revealedOnPage(q *survey.Questionnaire, sec *survey.Section, vis survey.Visibility, asked map[string]bool, page survey.Answers) []string {
	var out []string
	for _, pi := range shownItems(q, sec, vis) {
		for _, it := range pi.Shown {
			if !asked[it.ID] && page[it.ID].Empty() {
				out = append(out, it.ID)
			}
		}
	}
	return out
}

// failed is the set of items whose input could not be parsed; they are
// not also reported as missing.
func failed(errs []survey.AnswerError) map[string]bool {
	m := map[string]bool{}
	for _, e := range errs {
		m[e.ItemID] = true
	}
	return m
}

func shownSet(ids []string) map[string]bool {
	m := make(map[string]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}

func isCleared(cs []survey.Cleared, id string) bool {
	for _, c := range cs {
		if c.ItemID == id {
			return true
		}
	}
	return false
}

// sortCleared puts clearings in questionnaire order.
func sortCleared(q *survey.Questionnaire, cs []survey.Cleared) {
	pos := map[string]int{}
	for i, it := range q.Items() {
		pos[it.ID] = i
	}
	sort.SliceStable(cs, func(i, j int) bool { return pos[cs[i].ItemID] < pos[cs[j].ItemID] })
}

// sortErrors puts errors in the order their items appear, so the error
// summary reads top to bottom.
func sortErrors(q *survey.Questionnaire, errs []survey.AnswerError) {
	pos := map[string]int{}
	for i, it := range q.Items() {
		pos[it.ID] = i
	}
	sort.SliceStable(errs, func(i, j int) bool {
		pi, oki := pos[errs[i].ItemID]
		pj, okj := pos[errs[j].ItemID]
		if oki != okj {
			return oki
		}
		if pi != pj {
			return pi < pj
		}
		return errs[i].ItemID < errs[j].ItemID
	})
}
