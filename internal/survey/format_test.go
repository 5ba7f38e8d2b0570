package survey

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func loadCareers(t *testing.T) *Questionnaire {
	t.Helper()
	q, err := LoadFile("testdata/valid/careers.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func optionCodes(opts []Option) []string {
	var out []string
	for _, o := range opts {
		out = append(out, o.Code)
	}
	return out
}

func TestPipingOffersChosenOptions(t *testing.T) {
	q := loadCareers(t)
	m02, _ := q.Item("M02")
	tests := []struct {
		name    string
		answers Answers
		offered []string
		shown   bool
	}{
		{"nothing chosen yet", Answers{}, []string{"cant_choose"}, false},
		{"two chosen, in the source's order", Answers{"R01": codes("nurse"), "M01": codes("career", "patients")},
			[]string{"patients", "career", "cant_choose"}, true},
		{"only None of these: nothing to pipe, section hidden", Answers{"R01": codes("nurse"), "M01": codes("none")},
			[]string{"cant_choose"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.offered, optionCodes(q.Offered(m02, tt.answers))); diff != "" {
				t.Errorf("Offered (-want +got):\n%s", diff)
			}
			if got := q.Visibility(tt.answers).Shown("M02"); got != tt.shown {
				t.Errorf("M02 shown = %v; want %v", got, tt.shown)
			}
		})
	}
	ans := Answers{"R01": codes("nurse"), "M01": codes("career")}
	if got := q.NotOffered(m02, codes("learning"), ans); got != "learning" {
		t.Errorf("NotOffered(learning) = %q; want learning (not chosen at M01)", got)
	}
	if got := q.NotOffered(m02, codes("cant_choose"), ans); got != "" {
		t.Errorf("NotOffered(cant_choose) = %q; want it offered (the item's own option)", got)
	}
}

func TestPruneClearsPipedAnswerNoLongerChosen(t *testing.T) {
	q := loadCareers(t)
	answers := Answers{"R01": codes("nurse"), "M01": codes("learning"), "M02": codes("career")}
	kept, cleared := q.Prune(answers)
	if _, ok := kept["M02"]; ok {
		t.Errorf("M02 kept with a code M01 no longer has")
	}
	if diff := cmp.Diff([]Cleared{{ItemID: "M02", Cause: "M01"}}, cleared); diff != "" {
		t.Errorf("cleared (-want +got):\n%s", diff)
	}
}

func TestVariants(t *testing.T) {
	q := loadCareers(t)
	m01 := q.Sections[q.SectionByID("motivation")].Items[0]
	tests := []struct {
		answers Answers
		want    string
	}{
		{Answers{"R01": codes("nurse"), "S01": codes("yes")}, "What motivates you to do research?"},
		{Answers{"R01": codes("nurse"), "S01": codes("no")}, "What would motivate you to do research?"},
		// active is unknown for administrators, who are not asked S01.
		{Answers{"R01": codes("admin")}, "What would motivate you to do research?"},
	}
	for _, tt := range tests {
		if got := q.Visibility(tt.answers).Question(&m01).In("en"); got != tt.want {
			t.Errorf("%v: question %q; want %q", tt.answers, got, tt.want)
		}
	}
}

// TestCompletionUnits counts by hand on careers.yaml. A nurse, band 6,
// research active with no lead role, 12 years qualified: shown R01 R03 R04
// R05 S01 S02 M01 M02 G01a-d B01 (and B02 only with other or culture).
func TestCompletionUnits(t *testing.T) {
	q := loadCareers(t)
	answers := Answers{
		"R01": codes("nurse"), "R03": codes("band6"), "R04": {Text: "12"}, "R05": codes("dont_know"),
		"S01": codes("yes"), "S02": codes("recruit"), "M01": codes("patients"),
		"G01a": codes("agree"), // one statement of four: the grid counts as a question answered
	}
	c := q.Completion(answers)
	// Items: R01 R03 R04 R05 S01 S02 M01 M02 G01a G01b G01c G01d B01 = 13;
	// answered: R01 R03 R04 R05 (Don't know counts) S01 S02 M01 G01a = 8.
	if c.Applicable != 13 || c.Answered != 8 {
		t.Errorf("items: %d of %d answered; want 8 of 13", c.Answered, c.Applicable)
	}
	// Questions: the grid is one: 10 applicable, 8 answered.
	if c.ApplicableQuestions != 10 || c.AnsweredQuestions != 8 {
		t.Errorf("questions: %d of %d answered; want 8 of 10", c.AnsweredQuestions, c.ApplicableQuestions)
	}
	if got, want := c.RatioIn(CountQuestions), 0.8; got != want {
		t.Errorf("RatioIn(questions) = %v; want %v", got, want)
	}
	if got, want := c.RatioIn(CountItems), 8.0/13; got != want {
		t.Errorf("RatioIn(items) = %v; want %v", got, want)
	}
	if q.Exclusion.Unit() != CountQuestions {
		t.Errorf("careers.yaml declares count: questions; Unit() = %q", q.Exclusion.Unit())
	}
}

func TestScreenOut(t *testing.T) {
	q := loadCareers(t)
	tests := []struct {
		answers Answers
		want    bool
	}{
		{Answers{"R01": codes("student")}, true},
		{Answers{"R01": codes("nurse")}, false},
		{Answers{}, false}, // unknown is not true
	}
	for _, tt := range tests {
		if got := q.ScreenedOut(tt.answers); got != tt.want {
			t.Errorf("ScreenedOut(%v) = %v; want %v", tt.answers, got, tt.want)
		}
	}
}

func TestTagsOnGridsAndMissingOptions(t *testing.T) {
	q := loadCareers(t)
	g, _ := q.Item("G01b")
	if g.Tag != TagOrgSupport {
		t.Errorf("grid statement G01b tag %q; want the grid's %q", g.Tag, TagOrgSupport)
	}
	dk, _ := g.Option("dont_know")
	if !dk.Missing {
		t.Errorf("agree4's Don't know is not marked missing")
	}
}
