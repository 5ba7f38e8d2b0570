package survey_test

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/researchpulse/pulse/internal/survey"
)

// FuzzParse feeds arbitrary bytes to Parse. Whatever the input, Parse must
// not panic; a questionnaire it accepts must have items and survive being
// evaluated and walked; an error must be a Problems value whose every
// problem names the file, in file order.
//
//	go test ./internal/survey -run '^$' -fuzz '^FuzzParse$' -fuzztime 60s
func FuzzParse(f *testing.F) {
	for _, pattern := range []string{
		filepath.Join("testdata", "valid", "*.yaml"),
		filepath.Join("testdata", "invalid", "*.yaml"),
		filepath.Join("..", "..", "questionnaires", "*.yaml"),
	} {
		files, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	for _, h := range hostileCases() {
		f.Add(h.data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		q, err := survey.Parse("fuzz.yaml", data)
		if err != nil {
			checkFuzzProblems(t, err)
			return
		}
		if len(q.Items()) == 0 {
			t.Fatal("accepted a questionnaire with no items")
		}
		exercise(q)
	})
}

// checkFuzzProblems requires err to be a non-empty Problems in file order,
// every problem naming the file and saying something.
func checkFuzzProblems(t *testing.T, err error) {
	t.Helper()
	var ps survey.Problems
	if !errors.As(err, &ps) || len(ps) == 0 {
		t.Fatalf("error is %T, not a non-empty survey.Problems: %v", err, err)
	}
	for i, p := range ps {
		if p.File != "fuzz.yaml" || p.Msg == "" {
			t.Fatalf("problem %d has file %q and message %q", i, p.File, p.Msg)
		}
		if i > 0 && before(p.Pos, ps[i-1].Pos) {
			t.Fatalf("problems out of file order:\n%v", err)
		}
	}
}

func before(a, b survey.Pos) bool {
	return a.Line < b.Line || (a.Line == b.Line && a.Column < b.Column)
}

// exercise runs what the application runs on a loaded questionnaire.
func exercise(q *survey.Questionnaire) {
	q.Visibility(survey.Answers{})
	q.Completion(survey.Answers{})
	q.Paths()
	// Every item answered with its first option, or some text.
	answers := survey.Answers{}
	for _, it := range q.Items() {
		if len(it.Options) > 0 {
			answers[it.ID] = survey.Answer{Codes: []string{it.Options[0].Code}}
		} else {
			answers[it.ID] = survey.Answer{Text: "1"}
		}
	}
	q.Visibility(answers)
	q.Completion(answers)
	q.Prune(answers)
}

// conditionTemplate is a small valid questionnaire with a place for a
// condition in each spot a condition can go. The fuzzed condition goes into
// one of them as a double-quoted YAML scalar; the others are "true".
const conditionTemplate = `id: fuzz
version: "1"
languages: [en, cy]
title: {en: Fuzz, cy: Fuzz}
scales:
  - id: agree3
    options:
      - {code: "1", label: {en: Disagree, cy: Anghytuno}}
      - {code: "2", label: {en: Neutral, cy: Niwtral}}
      - {code: "3", label: {en: Agree, cy: Cytuno}}
sections:
  - id: s1
    title: {en: One, cy: Un}
    items:
      - id: A01
        type: single
        question: {en: Role, cy: Rôl}
        options:
          - {code: nurse, label: {en: Nurse, cy: Nyrs}}
          - {code: doctor, label: {en: Doctor, cy: Meddyg}}
          - {code: other, label: {en: Other, cy: Arall}, other: true}
      - id: A02
        type: number
        question: {en: Years, cy: Blynyddoedd}
        min: 0
        max: 60
        optional: true
      - id: B01
        type: multiple
        question: {en: Done, cy: Wedi gwneud}
        options:
          - {code: pi, label: {en: Led, cy: Arwain}}
          - {code: recruit, label: {en: Recruited, cy: Recriwtio}}
          - {code: none, label: {en: None, cy: Dim}, exclusive: true}
      - id: T01
        type: text
        question: {en: Ward, cy: Ward}
        optional: true
  - id: s2
    title: {en: Two, cy: Dau}
    show_if: @SECTION@
    items:
      - id: C01
        type: scale
        scale: agree3
        question: {en: Feel, cy: Teimlo}
        show_if: @ITEM@
        statements:
          - {id: C01a, text: {en: Matters, cy: Pwysig}}
          - {id: C01b, text: {en: Time, cy: Amser}, show_if: @STATEMENT@}
      - id: C02
        type: textarea
        question: {en: Why, cy: Pam}
        optional: true
derived:
  - id: senior
    label: {en: Senior, cy: Uwch}
    from: A01
    groups:
      - {code: "yes", label: {en: "Yes", cy: "Ie"}, options: [doctor]}
      - {code: "no", label: {en: "No", cy: "Na"}, options: [nurse, other]}
  - id: active
    label: {en: Active, cy: Gweithgar}
    if: @DERIVED@
`

var conditionSites = []string{"@SECTION@", "@ITEM@", "@STATEMENT@", "@DERIVED@"}

// conditionQuestionnaire puts cond at one of the condition sites.
func conditionQuestionnaire(cond string, site uint8) []byte {
	target := conditionSites[int(site)%len(conditionSites)]
	pairs := make([]string, 0, 2*len(conditionSites))
	for _, s := range conditionSites {
		v := `"true"`
		if s == target {
			v = strconv.Quote(cond)
		}
		pairs = append(pairs, s, v)
	}
	return []byte(strings.NewReplacer(pairs...).Replace(conditionTemplate))
}

// FuzzConditions puts arbitrary conditions into a valid questionnaire.
// Parse must not panic, and a questionnaire it accepts must survive being
// evaluated and walked.
//
//	go test ./internal/survey -run '^$' -fuzz '^FuzzConditions$' -fuzztime 60s
func FuzzConditions(f *testing.F) {
	for _, c := range []string{
		"true",
		"A01 == 'nurse'",
		"senior == 'yes'",
		"'pi' in B01 or 'recruit' in B01",
		"A02 > 10 and not ('none' in B01)",
		"answered(A02) && A02 >= 5.5",
		"len(B01) > 1",
		"T01 == 'ICU' or T01 contains 'ward'",
		"T01 matches '^[A-Z]+$'",
		"A01 in ['nurse', 'doctor']",
		"B01[0] == 'pi'",
		"active",
		"A01 == 'surgeon'",
		"A01 > 3",
		"A01 ==",
		"A02 / 0 > 1",
		"1..100000000 | len() > 0",
		"all(1..1000, {all(1..1000, {true})})",
		"let x = A02; x > 1",
		"A01.foo == 'x'",
		"nil == A01",
		"C01a == '3'",
		"Z99 == 'x'",
		strings.Repeat("(", 300) + "true" + strings.Repeat(")", 300),
		strings.Repeat("A01 == 'nurse' or ", 60) + "true",
	} {
		for site := range len(conditionSites) {
			f.Add(c, uint8(site))
		}
	}
	f.Fuzz(func(t *testing.T, cond string, site uint8) {
		q, err := survey.Parse("fuzz.yaml", conditionQuestionnaire(cond, site))
		if err != nil {
			checkFuzzProblems(t, err)
			return
		}
		exercise(q)
	})
}

// TestConditionTemplate keeps the fuzzing template valid, so that
// FuzzConditions explores conditions rather than a broken file.
func TestConditionTemplate(t *testing.T) {
	for site := range len(conditionSites) {
		if _, err := survey.Parse("template.yaml", conditionQuestionnaire("A01 == 'nurse'", uint8(site))); err != nil {
			t.Errorf("site %s: %v", conditionSites[site], err)
		}
	}
}
