package survey

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func loadMini(t *testing.T) *Questionnaire {
	t.Helper()
	q, err := LoadFile("testdata/valid/mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func codes(cs ...string) Answer { return Answer{Codes: cs} }

func TestVisibility(t *testing.T) {
	q := loadMini(t)
	tests := []struct {
		name    string
		answers Answers
		want    []string
	}{
		{"nothing answered: grid and senior section hidden", Answers{},
			[]string{"A01", "A02", "B01"}},
		{"nurse who led a study sees the grid", Answers{"A01": codes("nurse"), "B01": codes("pi")},
			[]string{"A01", "A02", "B01", "B02a", "B02b"}},
		{"doctor is senior and sees the strategy section", Answers{"A01": codes("doctor"), "B01": codes("recruit")},
			[]string{"A01", "A02", "B01", "C01"}},
		{"answers to hidden items are ignored", Answers{"A01": codes("admin"), "B02a": codes("3"), "C01": {Text: "x"}},
			[]string{"A01", "A02", "B01"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := q.Visibility(tt.answers).Order
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Visibility().Order (-want +got):\n%s", diff)
			}
		})
	}
}

func TestVisibilityHiddenBy(t *testing.T) {
	q := loadMini(t)
	v := q.Visibility(Answers{"A01": codes("nurse")})
	want := map[string]string{"B02a": "B02", "B02b": "B02", "C01": "strategy"}
	if diff := cmp.Diff(want, hiddenBy(q, v)); diff != "" {
		t.Errorf("HiddenBy (-want +got):\n%s", diff)
	}
	// research_active rests on B01, which is blank: unknown, so absent.
	if diff := cmp.Diff(map[string]string{"senior": "no"}, v.Derived); diff != "" {
		t.Errorf("Derived (-want +got):\n%s", diff)
	}
}

func TestPrune(t *testing.T) {
	q := loadMini(t)
	// A doctor who led a study answered the grid and the strategy question,
	// then changed role to nurse and activity to recruiting only.
	answers := Answers{
		"A01": codes("nurse"), "B01": codes("recruit"),
		"B02a": codes("3"), "B02b": codes("2"), "C01": {Text: "more time"},
	}
	kept, cleared := q.Prune(answers)
	wantKept := Answers{"A01": codes("nurse"), "B01": codes("recruit")}
	wantCleared := []Cleared{{"B02a", "B02"}, {"B02b", "B02"}, {"C01", "strategy"}}
	if diff := cmp.Diff(wantKept, kept); diff != "" {
		t.Errorf("kept (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantCleared, cleared); diff != "" {
		t.Errorf("cleared (-want +got):\n%s", diff)
	}
}

func TestCompletion(t *testing.T) {
	q := loadMini(t)
	tests := []struct {
		name       string
		answers    Answers
		applicable int
		answered   int
		ratio      float64
		missing    []string
	}{
		// A01, A02, B01 applicable; A02 optional. 0/3.
		{"empty", Answers{}, 3, 0, 0, []string{"A01", "B01"}},
		// Doctor: A01, A02, B01, C01 applicable (C01 via senior); 1 answered: 1/4.
		{"doctor, role only", Answers{"A01": codes("doctor")}, 4, 1, 0.25, []string{"B01"}},
		// Nurse + pi: A01, A02, B01, B02a, B02b = 5; answered A01, B01, B02a = 3/5.
		{"nurse with grid half done", Answers{"A01": codes("nurse"), "B01": codes("pi"), "B02a": codes("1")}, 5, 3, 0.6, []string{"B02b"}},
		// Everything answered on the nurse route: 5/5 and complete.
		{"complete", Answers{"A01": codes("nurse"), "A02": {Text: "4"}, "B01": codes("pi"), "B02a": codes("1"), "B02b": codes("3")}, 5, 5, 1, nil},
		// A hidden answer neither counts as applicable nor as answered.
		{"hidden answer not counted", Answers{"A01": codes("admin"), "C01": {Text: "x"}}, 3, 1, 1.0 / 3, []string{"B01"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := q.Completion(tt.answers)
			if c.Applicable != tt.applicable || c.Answered != tt.answered || c.Ratio() != tt.ratio {
				t.Errorf("Completion = %d/%d (%.4f); want %d/%d (%.4f)", c.Answered, c.Applicable, c.Ratio(), tt.answered, tt.applicable, tt.ratio)
			}
			if diff := cmp.Diff(tt.missing, c.Missing); diff != "" {
				t.Errorf("Missing (-want +got):\n%s", diff)
			}
			if c.Complete() != (len(tt.missing) == 0) {
				t.Errorf("Complete() = %v", c.Complete())
			}
		})
	}
}

func TestPathsMini(t *testing.T) {
	q := loadMini(t)
	r := q.Paths()
	// Roles: nurse/admin (not senior) or doctor (senior) × grid shown or not.
	want := [][]string{
		{"A01", "A02", "B01"},
		{"A01", "A02", "B01", "C01"},
		{"A01", "A02", "B01", "B02a", "B02b"},
		{"A01", "A02", "B01", "B02a", "B02b", "C01"},
	}
	var got [][]string
	for _, rt := range r.Routes {
		got = append(got, rt.Items)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("routes (-want +got):\n%s", diff)
	}
	if !r.Exhaustive || r.MinItems != 3 || r.MaxItems != 6 {
		t.Errorf("Exhaustive=%v Min=%d Max=%d; want true 3 6", r.Exhaustive, r.MinItems, r.MaxItems)
	}
}

func TestNumberConditionUnanswered(t *testing.T) {
	src := `id: n
version: "1"
title: Numbers
sections:
  - id: s1
    title: One
    items:
      - {id: N1, type: number, question: "How many?", optional: true}
      - {id: N2, type: text, question: "Why so few?", show_if: "N1 < 3"}
      - {id: N3, type: text, question: "Anything else?"}
`
	q, err := Parse("n.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	// An unanswered number compares false, so N2 stays hidden.
	if got := q.Visibility(Answers{}).Order; !cmp.Equal(got, []string{"N1", "N3"}) {
		t.Errorf("unanswered: Order = %v; want [N1 N3]", got)
	}
	if got := q.Visibility(Answers{"N1": {Text: "2"}}).Order; !cmp.Equal(got, []string{"N1", "N2", "N3"}) {
		t.Errorf("N1=2: Order = %v; want [N1 N2 N3]", got)
	}
}

func TestSizeLimits(t *testing.T) {
	var b strings.Builder
	b.WriteString("id: big\nversion: \"1\"\ntitle: Big\nsections:\n  - id: s1\n    title: One\n    items:\n")
	for i := range MaxItems + 1 {
		fmt.Fprintf(&b, "      - {id: T%d, type: text, question: Q}\n", i)
	}
	_, err := Parse("big.yaml", []byte(b.String()))
	want := fmt.Sprintf("big.yaml:5:3: the questionnaire has %d items; at most %d are allowed", MaxItems+1, MaxItems)
	if err == nil || err.Error() != want {
		t.Errorf("Parse(301 items) error = %v; want %q", err, want)
	}
}

func TestFormFieldNamesAreReserved(t *testing.T) {
	src := "id: r\nversion: \"1\"\ntitle: R\nsections:\n  - id: s1\n    title: One\n    items:\n      - {id: key, type: text, question: Q}\n"
	_, err := Parse("r.yaml", []byte(src))
	if err == nil || !strings.Contains(err.Error(), `r.yaml:8:14: id "key" is a reserved word`) {
		t.Errorf("Parse(id key) error = %v; want it reserved", err)
	}
}

// hiddenBy is every hidden answerable item with what hides it.
func hiddenBy(q *Questionnaire, v Visibility) map[string]string {
	out := map[string]string{}
	for _, it := range q.items {
		if cause := v.HiddenBy(it.ID); cause != "" {
			out[it.ID] = cause
		}
	}
	return out
}
