package survey

import (
	"strconv"
	"testing"
)

// logicHead is a questionnaire with one item of each kind that conditions
// read, a derived group and a derived yes/no, and a hidden item (H is
// shown only when S is 'a').
const logicHead = `id: logic
version: "1"
title: Logic
sections:
  - id: s1
    title: One
    items:
      - {id: S, type: single, optional: true, question: Q, options: [{code: a, label: A}, {code: b, label: B}]}
      - {id: M, type: multiple, optional: true, question: Q, options: [{code: x, label: X}, {code: "y", label: "Y"}, {code: z, label: Z}]}
      - {id: N, type: number, optional: true, question: Q, min: 0, max: 100}
      - {id: T, type: text, optional: true, question: Q}
      - {id: O, type: single, optional: true, question: Q, options: [{code: a, label: A}, {code: b, label: B}]}
      - {id: H, type: single, question: Q, show_if: "S == 'a'", options: [{code: h1, label: H1}, {code: h2, label: H2}]}
`

const logicDerived = `derived:
  - {id: G, label: G, from: S, groups: [{code: g1, label: G1, options: [a]}, {code: g2, label: G2, options: [b]}]}
  - {id: "Y", label: "Y", if: "S == 'a'"}
  - {id: Z, label: Z, if: "not (S == 'a')"}
`

// truth is what a condition comes to for some answers, read through the
// public behaviour: an item with the condition is shown when it is true,
// an item with its negation when it is false, and neither when unknown.
func truth(t *testing.T, cond string, answers Answers) tri {
	t.Helper()
	src := logicHead + `  - id: s2
    title: Two
    items:
      - {id: P, type: text, question: Q, show_if: ` + strconv.Quote(cond) + `}
      - {id: Q, type: text, question: Q, show_if: ` + strconv.Quote("not ("+cond+")") + `}
      - {id: R, type: text, question: Q}
` + logicDerived
	q, err := Parse("logic.yaml", []byte(src))
	if err != nil {
		t.Fatalf("%s: %v", cond, err)
	}
	v := q.Visibility(answers)
	switch {
	case v.Shown("P") && v.Shown("Q"):
		t.Fatalf("%s: both the condition and its negation are true", cond)
	case v.Shown("P"):
		return triTrue
	case v.Shown("Q"):
		return triFalse
	}
	return triUnknown
}

func TestThreeValuedLogic(t *testing.T) {
	one := func(code string) Answer { return Answer{Codes: []string{code}} }
	a, b := Answers{"S": one("a")}, Answers{"S": one("b")}
	tests := []struct {
		cond    string
		answers Answers
		want    tri
	}{
		// Comparisons with a blank item are unknown.
		{"S == 'a'", nil, triUnknown},
		{"S == 'a'", a, triTrue},
		{"S == 'a'", b, triFalse},
		{"S != 'a'", nil, triUnknown},
		{"S != 'a'", b, triTrue},
		{"S != 'a'", a, triFalse},
		{"N < 3", nil, triUnknown},
		{"N < 3", Answers{"N": {Text: "2"}}, triTrue},
		{"N <= 3", Answers{"N": {Text: "3"}}, triTrue},
		{"N > 3", Answers{"N": {Text: "3"}}, triFalse},
		{"N >= 3", Answers{"N": {Text: "3"}}, triTrue},
		{"N >= 3", nil, triUnknown},
		{"'x' in M", nil, triUnknown},
		{"'x' in M", Answers{"M": one("x")}, triTrue},
		{"'x' in M", Answers{"M": one("y")}, triFalse},
		{"'x' not in M", nil, triUnknown},
		{"'x' not in M", Answers{"M": one("y")}, triTrue},
		{"S in ['b']", nil, triUnknown},
		{"S in ['b']", a, triFalse},
		{"S in ['b']", b, triTrue},
		{"S not in ['a']", nil, triUnknown},
		{"S not in ['a']", b, triTrue},
		{"S not in ['a']", a, triFalse},
		{"len(M) > 1", nil, triUnknown},
		{"len(M) > 1", Answers{"M": {Codes: []string{"x", "y"}}}, triTrue},
		{"len(M) > 1", Answers{"M": one("x")}, triFalse},
		{"T == 'ICU'", nil, triUnknown},
		{"T == 'ICU'", Answers{"T": {Text: "ICU"}}, triTrue},
		{"T == 'ICU'", Answers{"T": {Text: "Ward"}}, triFalse},
		// not unknown is unknown.
		{"not (S == 'a')", nil, triUnknown},
		{"not (S == 'a')", b, triTrue},
		// unknown and false is false; unknown and true is unknown.
		{"S == 'a' and N > 3", b, triFalse},
		{"S == 'a' and N > 3", a, triUnknown},
		{"S == 'a' and N > 3", Answers{"S": one("a"), "N": {Text: "5"}}, triTrue},
		{"N > 3 and S == 'a'", b, triFalse},
		// unknown or true is true; unknown or false is unknown.
		{"S == 'a' or N > 3", a, triTrue},
		{"N > 3 or S == 'a'", a, triTrue},
		{"S == 'a' or N > 3", b, triUnknown},
		{"S == 'a' or N > 3", Answers{"S": one("b"), "N": {Text: "1"}}, triFalse},
		// answered is never unknown.
		{"answered(S)", nil, triFalse},
		{"answered(S)", a, triTrue},
		{"not answered(S)", nil, triTrue},
		{"answered(M)", nil, triFalse},
		{"answered(N)", Answers{"N": {Text: "0"}}, triTrue},
		// Derived variables built on blanks are unknown.
		{"Y", nil, triUnknown},
		{"Y", a, triTrue},
		{"Y", b, triFalse},
		{"not Y", nil, triUnknown},
		{"not Y", b, triTrue},
		{"Z", nil, triUnknown},
		{"Z", b, triTrue},
		{"answered(Y)", nil, triFalse},
		{"answered(Y)", b, triTrue},
		{"G == 'g1'", nil, triUnknown},
		{"G == 'g1'", a, triTrue},
		{"G != 'g1'", b, triTrue},
		{"G != 'g1'", nil, triUnknown},
		// An optional item left blank is blank like any other.
		{"O != 'a'", nil, triUnknown},
		{"O != 'a' or answered(N)", nil, triUnknown},
		{"not answered(O) or O == 'b'", nil, triTrue},
		// An answer to a hidden item is not seen: H is hidden when S is b.
		{"H == 'h1'", Answers{"S": one("b"), "H": one("h1")}, triUnknown},
		{"H == 'h1'", Answers{"S": one("a"), "H": one("h1")}, triTrue},
		{"answered(H)", Answers{"S": one("b"), "H": one("h1")}, triFalse},
	}
	for _, tt := range tests {
		if got := truth(t, tt.cond, tt.answers); got != tt.want {
			t.Errorf("%s with %v = %v; want %v", tt.cond, tt.answers, got, tt.want)
		}
	}
}

// TestBlankGateHidesFollowUps is the defect that made fresh responses count
// items as applicable that were not: a condition such as "A != x" showed
// its item while A was blank.
func TestBlankGateHidesFollowUps(t *testing.T) {
	q, err := LoadFile("../../questionnaires/research-engagement.yaml")
	if err != nil {
		t.Fatal(err)
	}
	v := q.Visibility(Answers{})
	for _, id := range []string{"B10", "B11", "B02", "E01"} {
		if v.Shown(id) {
			t.Errorf("%s is shown to a fresh response; its gate is blank", id)
		}
	}
	c := q.Completion(Answers{})
	// Fresh: blocks A (6), B01, B06-B09 (4), C (5), D01a-h (8), D02-D05 (4).
	if c.Applicable != 28 {
		t.Errorf("fresh response: %d applicable items; want 28", c.Applicable)
	}
}
