package server

import (
	"encoding/json"
	"errors"
	"time"

	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

// The JSON bodies of the respondent API. Each mirrors a schema in
// openapi.json; a test checks that real responses match those schemas.

// apiReview describes a review link before a response exists.
type apiReview struct {
	Key              string            `json:"key"`
	Title            string            `json:"title"`
	Questionnaire    apiQuestionnaire  `json:"questionnaire"`
	Trust            apiTrust          `json:"trust"`
	Status           string            `json:"status"`
	AcceptingAnswers bool              `json:"accepting_answers"`
	Availability     string            `json:"availability"` // open, not_open or closed, now
	Opens            time.Time         `json:"opens"`
	Closes           time.Time         `json:"closes"`
	Languages        []string          `json:"languages"`
	Minutes          int               `json:"minutes,omitempty"`
	Intro            map[string]string `json:"intro"`
	Privacy          map[string]string `json:"privacy"`
}

type apiQuestionnaire struct {
	ID      string            `json:"id"`
	Version string            `json:"version"`
	Title   map[string]string `json:"title"`
}

type apiTrust struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// apiStartRequest is the body of POST /reviews/{key}/responses.
type apiStartRequest struct {
	Language string `json:"language"`
	Test     bool   `json:"test"`
}

// apiStarted is a new response; the resume code is shown only here.
type apiStarted struct {
	ResponseID string   `json:"response_id"`
	ResumeCode string   `json:"resume_code"`
	Status     string   `json:"status"`
	Language   string   `json:"language"`
	Page       *apiPage `json:"page"`
}

type apiResumeRequest struct {
	Code string `json:"code"`
}

// apiResumed is where a returning respondent stands. Page is null once
// the response is submitted.
type apiResumed struct {
	ResponseID string   `json:"response_id"`
	Status     string   `json:"status"`
	Language   string   `json:"language"`
	Section    string   `json:"section"`
	Page       *apiPage `json:"page"`
}

type apiResponse struct {
	ID              string       `json:"id"`
	Status          string       `json:"status"`
	Language        string       `json:"language"`
	Section         string       `json:"section"`
	Progress        *apiProgress `json:"progress"`         // null once the answers are closed to the code
	CompletionRatio *float64     `json:"completion_ratio"` // likewise
}

type apiProgress struct {
	Answered   int `json:"answered"`
	Applicable int `json:"applicable"`
	Percent    int `json:"percent"`
}

type apiPage struct {
	Section  apiSection  `json:"section"`
	Back     *string     `json:"back"`
	Step     int         `json:"step"`
	Steps    int         `json:"steps"`
	Progress apiProgress `json:"progress"`
	Items    []apiItem   `json:"items"`
}

type apiSection struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Intro string `json:"intro,omitempty"`
}

// apiItem is one answerable item: a question, or one statement of a grid.
type apiItem struct {
	ID             string      `json:"id"`
	Type           string      `json:"type"`
	Question       string      `json:"question"`
	Hint           string      `json:"hint,omitempty"`
	Optional       bool        `json:"optional"`
	Options        []apiOption `json:"options,omitempty"`
	Grid           *apiGrid    `json:"grid,omitempty"`
	Min            *float64    `json:"min,omitempty"`
	Max            *float64    `json:"max,omitempty"`
	Decimals       bool        `json:"decimals,omitempty"`
	Suffix         string      `json:"suffix,omitempty"`
	MaxLength      int         `json:"max_length,omitempty"`
	MaxChoices     int         `json:"max_choices,omitempty"`
	OtherMaxLength int         `json:"other_max_length,omitempty"`
	Answer         *apiAnswer  `json:"answer"`
}

type apiOption struct {
	Code          string `json:"code"`
	Label         string `json:"label"`
	Hint          string `json:"hint,omitempty"`
	Exclusive     bool   `json:"exclusive"`
	Other         bool   `json:"other"`
	OtherOptional bool   `json:"other_optional,omitempty"`
	Missing       bool   `json:"missing,omitempty"`
	Group         string `json:"group,omitempty"`
}

type apiGrid struct {
	ID       string `json:"id"`
	Question string `json:"question"`
}

type apiAnswer struct {
	Codes []string `json:"codes"`
	Text  string   `json:"text"`
	Other string   `json:"other"`
}

// apiSaveRequest is the body of PUT /responses/{id}/pages/{section}. An
// answer is a string, a number, an array of strings or numbers, or null.
type apiSaveRequest struct {
	Answers      map[string]json.RawMessage `json:"answers"`
	Other        map[string]string          `json:"other"`
	Partial      bool                       `json:"partial"`
	ConfirmClear bool                       `json:"confirm_clear"`
}

type apiSaved struct {
	Saved    bool     `json:"saved"`
	Next     string   `json:"next"`
	Cleared  []string `json:"cleared"`
	Revealed []string `json:"revealed,omitempty"`
	Message  string   `json:"message,omitempty"`
	Replayed bool     `json:"replayed"`
	Page     *apiPage `json:"page"`
}

type apiCheck struct {
	Back     *string           `json:"back"`
	Progress apiProgress       `json:"progress"`
	Complete bool              `json:"complete"`
	Sections []apiCheckSection `json:"sections"`
	Missing  []apiMissing      `json:"missing"`
}

type apiCheckSection struct {
	ID    string         `json:"id"`
	Title string         `json:"title"`
	Items []apiCheckItem `json:"items"`
}

type apiCheckItem struct {
	ID       string   `json:"id"`
	Label    string   `json:"label"`
	Question string   `json:"question"`
	Optional bool     `json:"optional"`
	Answered bool     `json:"answered"`
	Codes    []string `json:"codes"`
	Labels   []string `json:"labels"`
	Text     string   `json:"text"`
	Other    string   `json:"other"`
}

type apiMissing struct {
	Item    string `json:"item"`
	Section string `json:"section"`
}

type apiSubmitted struct {
	Status   string `json:"status"`
	Replayed bool   `json:"replayed"`
}

type apiLanguageRequest struct {
	Language string `json:"language"`
}

// Conversions from the flow's types.

func newAPIReview(e respond.Entry, now time.Time) apiReview {
	q := e.Q
	r := apiReview{
		Key: e.Link.Key, Title: e.Review.Title,
		Questionnaire: apiQuestionnaire{ID: q.ID, Version: q.Version, Title: inLanguages(q, q.Title)},
		Trust:         apiTrust{Code: e.Link.Trust.Code, Name: e.Link.Trust.Name},
		Status:        e.Review.Status, Availability: availability(e.Accepting(now)),
		Opens: e.Review.OpensAt.UTC(), Closes: e.Review.ClosesAt.UTC(),
		Languages: q.LanguageList(), Minutes: q.Minutes,
		Intro: inLanguages(q, q.Intro), Privacy: inLanguages(q, q.Privacy),
	}
	r.AcceptingAnswers = r.Availability == "open"
	return r
}

// availability names Review.AcceptsAnswers' verdict.
func availability(err error) string {
	switch {
	case err == nil:
		return "open"
	case errors.Is(err, store.ErrReviewClosed):
		return "closed"
	}
	return "not_open"
}

func inLanguages(q *survey.Questionnaire, t survey.Text) map[string]string {
	out := make(map[string]string, len(q.LanguageList()))
	for _, l := range q.LanguageList() {
		out[l] = t.In(l)
	}
	return out
}

func newAPIProgress(p respond.Progress) apiProgress {
	return apiProgress{Answered: p.Answered, Applicable: p.Applicable, Percent: p.Percent()}
}

// newAPIResponse describes a response; open says whether its answers may
// still be read with its code (in progress, review open).
func newAPIResponse(st respond.State, open bool) apiResponse {
	out := apiResponse{ID: st.Response.ID, Status: st.Response.Status, Language: st.Lang(), Section: currentSection(st)}
	if open {
		c := st.Completion()
		p, ratio := newAPIProgress(respond.Progress{Answered: c.Answered, Applicable: c.Applicable}), c.Ratio()
		out.Progress, out.CompletionRatio = &p, &ratio
	}
	return out
}

// currentSection is where the respondent is: the page to resume at, or
// _done once submitted.
func currentSection(st respond.State) string {
	if st.Submitted() {
		return respond.SectionDone
	}
	return st.Resume()
}

// pageOf renders a section for the API, or nil for the check and done
// pseudo-sections and for pages no longer reachable.
func pageOf(st respond.State, section string) *apiPage {
	p, err := st.Page(section)
	if err != nil {
		return nil
	}
	out := newAPIPage(st, p)
	return &out
}

func newAPIPage(st respond.State, p respond.Page) apiPage {
	lang := st.Lang()
	out := apiPage{
		Section: apiSection{ID: p.Section.ID, Title: p.Section.Title.In(lang), Intro: p.Section.Intro.In(lang)},
		Back:    optional(p.Back), Step: p.Step, Steps: p.Steps, Progress: newAPIProgress(p.Progress),
		Items: []apiItem{},
	}
	for _, pi := range p.Items {
		for _, it := range pi.Shown {
			out.Items = append(out.Items, newAPIItem(it, pi.Offered, pi.Question, st.Answers, lang))
		}
	}
	return out
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// newAPIItem describes an answerable item with the options it offers now
// and its question's wording now (for a grid statement, the grid's).
func newAPIItem(it *survey.Item, offered []survey.Option, question survey.Text, answers survey.Answers, lang string) apiItem {
	out := apiItem{
		ID: it.ID, Type: it.Type, Question: question.In(lang), Hint: it.Hint.In(lang), Optional: it.Optional,
		MaxChoices: it.MaxChoices,
	}
	if it.Grid != nil {
		out.Question = it.Question.In(lang)
		out.Grid = &apiGrid{ID: it.Grid.ID, Question: question.In(lang)}
		offered = it.Options
	}
	for _, o := range offered {
		out.Options = append(out.Options, apiOption{Code: o.Code, Label: o.Label.In(lang), Hint: o.Hint.In(lang), Exclusive: o.Exclusive,
			Other: o.Other, OtherOptional: o.OtherOptional, Missing: o.Missing, Group: o.Group.In(lang)})
	}
	switch {
	case it.Type == survey.TypeNumber:
		out.Min, out.Max, out.Decimals, out.Suffix = it.Min, it.Max, it.Decimals, it.Suffix.In(lang)
	case !it.Choice():
		out.MaxLength = it.TextLimit()
	}
	if _, ok := it.OtherOption(); ok {
		out.OtherMaxLength = it.OtherLimit()
	}
	if a, ok := answers[it.ID]; ok && !a.Empty() {
		out.Answer = newAPIAnswer(a)
	}
	return out
}

func newAPIAnswer(a survey.Answer) *apiAnswer {
	codes := a.Codes
	if codes == nil {
		codes = []string{}
	}
	return &apiAnswer{Codes: codes, Text: a.Text, Other: a.Other}
}

func newAPICheck(st respond.State) apiCheck {
	lang := st.Lang()
	c := st.Completion()
	out := apiCheck{
		Back:     optional(st.BackFromCheck()),
		Progress: newAPIProgress(respond.Progress{Answered: c.Answered, Applicable: c.Applicable}),
		Complete: c.Complete(), Sections: []apiCheckSection{}, Missing: []apiMissing{},
	}
	for _, cs := range st.Check() {
		sec := apiCheckSection{ID: cs.Section.ID, Title: cs.Section.Title.In(lang), Items: []apiCheckItem{}}
		for _, row := range cs.Rows {
			sec.Items = append(sec.Items, newAPICheckItem(row, lang))
		}
		out.Sections = append(out.Sections, sec)
	}
	for _, id := range c.Missing {
		out.Missing = append(out.Missing, apiMissing{Item: id, Section: st.Q.Sections[st.Q.SectionIndex(id)].ID})
	}
	return out
}

func newAPICheckItem(row respond.CheckRow, lang string) apiCheckItem {
	it := row.Item
	out := apiCheckItem{
		ID: it.ID, Label: it.ShortLabel().In(lang), Question: it.Question.In(lang), Optional: it.Optional,
		Answered: row.Given, Codes: []string{}, Labels: []string{}, Text: row.Answer.Text, Other: row.Answer.Other,
	}
	for _, code := range row.Answer.Codes {
		out.Codes = append(out.Codes, code)
		o, _ := it.Option(code)
		out.Labels = append(out.Labels, o.Label.In(lang))
	}
	return out
}
