package respond

import (
	"sort"

	"github.com/researchpulse/pulse/internal/survey"
)

// savePlan is what saving a page will change, worked out without touching
// the store.
type savePlan struct {
	errs    []survey.AnswerError
	set     survey.Answers
	del     []string
	cleared []survey.Cleared
	next    string
}

// planSave parses a page's input, applies the branching to the merged
// answers and decides the next page. It is pure.
func planSave(st State, si int, in Input) savePlan {
	sec := &st.Q.Sections[si]
	onPage := sectionItems(st.Q, sec)
	page, errs := parsePage(st.Q, onPage, in)
	merged := survey.Answers{}
	for id, a := range st.Answers {
		if !onPage[id] {
			merged[id] = a
		}
	}
	for id, a := range page {
		merged[id] = a
	}
	vis := st.Q.Visibility(merged)
	dropHiddenOnPage(page, merged, vis, in.Shown)
	errs = append(errs, checkPage(st.Q, sec, vis, page, in.Shown, failed(errs))...)
	if len(errs) > 0 {
		sortErrors(st.Q, errs)
		return savePlan{errs: errs}
	}
	kept, cleared := st.Q.Prune(merged)
	p := savePlan{set: survey.Answers{}, cleared: cleared, next: nextAfter(st.Q, vis, si, in.Shown)}
	for id := range onPage {
		a, ok := kept[id]
		switch {
		case ok:
			p.set[id] = a
		case !isCleared(cleared, id) && !st.Answers[id].Empty():
			p.del = append(p.del, id)
		}
	}
	sort.Strings(p.del)
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

// parsePage parses every value sent for the page. Values for ids that are
// not items of this page are errors.
func parsePage(q *survey.Questionnaire, onPage map[string]bool, in Input) (survey.Answers, []survey.AnswerError) {
	page := survey.Answers{}
	var errs []survey.AnswerError
	ids := map[string]bool{}
	for id := range in.Values {
		ids[id] = true
	}
	for id := range in.Other {
		ids[id] = true
	}
	for id := range ids {
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

// checkPage finds answers to hidden items and missing required answers.
// An item the page showed that a change on the same page hid is not an
// error: its answer is cleared. An answer to an item the page never showed
// is. Items the page did not show are not yet required: the page is shown
// again to ask them.
func checkPage(q *survey.Questionnaire, sec *survey.Section, vis survey.Visibility, page survey.Answers, shown []string, failed map[string]bool) []survey.AnswerError {
	wasShown := shownSet(shown)
	var errs []survey.AnswerError
	for id := range page {
		if !vis.Shown[id] && (shown == nil || !wasShown[id]) {
			errs = append(errs, survey.AnswerError{ItemID: id, Code: survey.ErrHidden})
		}
	}
	for _, pi := range shownItems(q, sec, vis) {
		for _, it := range pi.Shown {
			asked := shown == nil || wasShown[it.ID]
			if asked && !it.Optional && !failed[it.ID] && page[it.ID].Empty() {
				errs = append(errs, survey.AnswerError{ItemID: it.ID, Code: survey.ErrRequired})
			}
		}
	}
	return errs
}

// dropHiddenOnPage forgets answers sent for items the page showed but a
// change on the same page has hidden; they were never saved, so there is
// nothing to clear.
func dropHiddenOnPage(page, merged survey.Answers, vis survey.Visibility, shown []string) {
	for _, id := range shown {
		if _, ok := page[id]; ok && !vis.Shown[id] {
			delete(page, id)
			delete(merged, id)
		}
	}
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

// nextAfter stays on the page when answering it revealed items the page
// did not show, and otherwise moves to the next shown section.
func nextAfter(q *survey.Questionnaire, vis survey.Visibility, si int, shown []string) string {
	if shown != nil {
		was := shownSet(shown)
		for _, pi := range shownItems(q, &q.Sections[si], vis) {
			for _, it := range pi.Shown {
				if !was[it.ID] {
					return q.Sections[si].ID
				}
			}
		}
	}
	return nextSection(q, vis, si)
}

func isCleared(cs []survey.Cleared, id string) bool {
	for _, c := range cs {
		if c.ItemID == id {
			return true
		}
	}
	return false
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
