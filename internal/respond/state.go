package respond

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

// State is a response as the flow sees it: the stored response, its review
// and questionnaire, its answers and what the branching shows.
type State struct {
	Response store.Response
	Review   store.Review
	Q        *survey.Questionnaire
	Answers  survey.Answers
	Vis      survey.Visibility
}

// State loads a response by id.
func (s *Service) State(ctx context.Context, responseID string) (State, error) {
	rs, err := s.store.ResponseState(ctx, responseID)
	if err != nil {
		return State{}, fmt.Errorf("response: %w", err)
	}
	return s.stateFrom(ctx, rs)
}

// stateFrom completes a response read from the store with its
// questionnaire and what the branching shows.
func (s *Service) stateFrom(ctx context.Context, rs store.ResponseState) (State, error) {
	q, err := s.Questionnaire(ctx, rs.Response.QuestionnaireHash)
	if err != nil {
		return State{}, err
	}
	return State{Response: rs.Response, Review: rs.Review, Q: q, Answers: rs.Answers, Vis: q.Visibility(rs.Answers)}, nil
}

// at is the state as a write transaction sees the response: its review
// and questionnaire as loaded, its row and answers from the snapshot.
func (st State) at(snap store.Snapshot) State {
	same := sameAnswers(st.Answers, snap.Answers)
	st.Response, st.Answers = snap.Response, snap.Answers
	if !same { // usually nothing changed since the request read them
		st.Vis = st.Q.Visibility(st.Answers)
	}
	return st
}

// sameAnswers reports whether two sets of answers are equal.
func sameAnswers(a, b survey.Answers) bool {
	if len(a) != len(b) {
		return false
	}
	for id, x := range a {
		y, ok := b[id]
		if !ok || x.Text != y.Text || x.Other != y.Other || !slices.Equal(x.Codes, y.Codes) {
			return false
		}
	}
	return true
}

// after is the state a committed change leaves: the snapshot it was
// decided on with the change applied (store.Snapshot.After). The write
// transaction held the response, so this is what the database now holds.
func (st State) after(p store.PageSave, hour time.Time) State {
	snap := store.Snapshot{Response: st.Response, Answers: st.Answers}.After(p, hour)
	st.Response, st.Answers = snap.Response, snap.Answers
	st.Vis = st.Q.Visibility(st.Answers)
	return st
}

// Completion is how complete the response is: Q.Completion of its
// answers, from the visibility the state already holds.
func (st State) Completion() survey.Completion {
	return st.Q.CompletionFor(st.Vis, st.Answers)
}

// closed is the state without its answers, for a response whose code no
// longer opens them.
func (st State) closed() State {
	st.Answers = survey.Answers{}
	st.Vis = st.Q.Visibility(st.Answers)
	return st
}

// Submitted reports whether the response has been submitted.
func (st State) Submitted() bool { return st.Response.Status == store.ResponseSubmitted }

// Lang is the response's language, if the questionnaire has it.
func (st State) Lang() string {
	if st.Q.HasLanguage(st.Response.Language) {
		return st.Response.Language
	}
	return st.Q.DefaultLanguage()
}

// firstSection is the first section the branching shows.
func firstSection(q *survey.Questionnaire, vis survey.Visibility) string {
	for i, shown := range vis.Sections {
		if shown {
			return q.Sections[i].ID
		}
	}
	return SectionCheck
}

// nextSection is the first shown section after index i, or the check page.
func nextSection(q *survey.Questionnaire, vis survey.Visibility, i int) string {
	for j := i + 1; j < len(q.Sections); j++ {
		if vis.Sections[j] {
			return q.Sections[j].ID
		}
	}
	return SectionCheck
}

// prevSection is the last shown section before index i, or "" for the
// start of the questionnaire.
func prevSection(q *survey.Questionnaire, vis survey.Visibility, i int) string {
	for j := i - 1; j >= 0; j-- {
		if vis.Sections[j] {
			return q.Sections[j].ID
		}
	}
	return ""
}

// order places a section id (or the check page) for comparison.
func order(q *survey.Questionnaire, id string) int {
	switch id {
	case SectionCheck, SectionDone:
		return len(q.Sections)
	}
	return q.SectionByID(id)
}

// Reachable reports whether the respondent may open a section: it must be
// shown and not beyond the furthest page reached.
func (st State) Reachable(sectionID string) bool {
	i := st.Q.SectionByID(sectionID)
	if sectionID == SectionCheck {
		return order(st.Q, st.Response.Furthest) >= len(st.Q.Sections)
	}
	return i >= 0 && st.Vis.Sections[i] && i <= order(st.Q, st.Response.Furthest)
}

// Resume is where a returning respondent should land: the page they were
// on if it is still shown, else the furthest shown page they reached.
func (st State) Resume() string {
	if st.Reachable(st.Response.Section) {
		return st.Response.Section
	}
	last := firstSection(st.Q, st.Vis)
	for i, sec := range st.Q.Sections {
		if st.Vis.Sections[i] && i <= order(st.Q, st.Response.Furthest) {
			last = sec.ID
		}
	}
	return last
}

// AfterChange is where a respondent goes after changing an answer from the
// check page: the first shown section still missing a required answer (the
// change may have opened a new branch), else back to the check page.
func (st State) AfterChange() string {
	if missing := st.Completion().Missing; len(missing) > 0 {
		return st.Q.Sections[st.Q.SectionIndex(missing[0])].ID
	}
	return SectionCheck
}
