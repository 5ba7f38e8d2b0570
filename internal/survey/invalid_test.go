package survey_test

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/researchpulse/pulse/internal/survey"
)

var update = flag.Bool("update", false, "rewrite expected error files")

// TestInvalid loads every questionnaire in testdata/invalid, each written to
// fail in one way, and compares the whole error text with the NAME.err file
// beside it. Run with -update to rewrite the .err files, then read every
// changed message: it is what a questionnaire author will see.
func TestInvalid(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "invalid", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no invalid questionnaires found")
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".yaml")
		t.Run(name, func(t *testing.T) {
			q, err := survey.LoadFile(file)
			if err == nil {
				t.Fatalf("LoadFile(%s) succeeded with %d items; want an error", file, len(q.Items()))
			}
			requireProblems(t, err, filepath.Base(file))
			got := err.Error() + "\n"
			errFile := strings.TrimSuffix(file, ".yaml") + ".err"
			if *update {
				if err := os.WriteFile(errFile, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(errFile)
			if err != nil {
				t.Fatalf("missing expected error file (run with -update to create it): %v", err)
			}
			if got != string(want) {
				t.Errorf("LoadFile(%s) error:\n%s\nwant:\n%s", file, got, want)
			}
		})
	}
}

// TestInvalidHasExpectation keeps fixtures and expectations in pairs, so a
// stray .err file cannot hide a deleted fixture.
func TestInvalidHasExpectation(t *testing.T) {
	errs, err := filepath.Glob(filepath.Join("testdata", "invalid", "*.err"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range errs {
		if _, err := os.Stat(strings.TrimSuffix(e, ".err") + ".yaml"); err != nil {
			t.Errorf("%s has no questionnaire beside it", e)
		}
	}
}

func TestValid(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "valid", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no valid questionnaires found")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			q, err := survey.LoadFile(file)
			if err != nil {
				t.Fatalf("LoadFile(%s):\n%v", file, err)
			}
			if len(q.Items()) == 0 {
				t.Error("no items")
			}
			if q.File != filepath.Base(file) || len(q.Hash) != 64 {
				t.Errorf("File = %q, Hash = %q; want the base name and a SHA-256 in hex", q.File, q.Hash)
			}
		})
	}
}

// requireProblems checks that err is a survey.Problems, reachable with
// errors.As, whose every problem names the file.
func requireProblems(t *testing.T, err error, file string) survey.Problems {
	t.Helper()
	var ps survey.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error is a %T, not survey.Problems: %v", err, err)
	}
	if len(ps) == 0 {
		t.Fatal("error is an empty survey.Problems")
	}
	for _, p := range ps {
		if p.File != file {
			t.Errorf("problem %q names file %q, want %q", p.Msg, p.File, file)
		}
	}
	return ps
}

func TestProblemsErrorsAs(t *testing.T) {
	_, err := survey.Parse("x.yaml", []byte("id: x\n"))
	if err == nil {
		t.Fatal("Parse succeeded on a questionnaire with no sections")
	}
	var ps survey.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("errors.As(%T, *survey.Problems) = false", err)
	}
	wrapped := fmt.Errorf("loading: %w", err)
	ps = nil
	if !errors.As(wrapped, &ps) || len(ps) == 0 {
		t.Fatalf("errors.As through a wrapping error = false")
	}
}

// hostile is a hostile input and the exact error text it must produce.
type hostile struct {
	name string
	data []byte
	want string
}

func hostileCases() []hostile {
	return []hostile{
		{"alias_bomb", aliasBomb(), aliasBombErr()},
		{"huge_title", hugeTitle(900_000), "huge_title.yaml:3:8: title is longer than 5000 characters"},
		{"huge_condition", hugeCondition(), "huge_condition.yaml:13:18: show_if is longer than 1000 characters"},
		{"huge_key", []byte(hostileHead + strings.Repeat("k", 900_000) + ": 1\n"), "huge_key.yaml:3:1: invalid YAML: could not find expected ':'"},
		{"deep_flow", []byte(hostileHead + "title: " + strings.Repeat("[", 10_000) + strings.Repeat("]", 10_000) + "\n"), "deep_flow.yaml:3:107: nesting deeper than 100 levels"},
		{"deep_flow_unclosed", []byte(hostileHead + "title: " + strings.Repeat("[", 10_000) + "\n"), "deep_flow_unclosed.yaml:3:10007: invalid YAML: sequence end token ']' not found"},
		{"deep_flow_500k", []byte(hostileHead + "title: " + strings.Repeat("[", 500_000) + strings.Repeat("]", 500_000) + "\n"), "deep_flow_500k.yaml:3:1: nesting deeper than 100 levels"},
		{"deep_map", []byte(hostileHead + "title: " + strings.Repeat("{a: ", 10_000) + "x" + strings.Repeat("}", 10_000) + "\n"), "deep_map.yaml:3:401: nesting deeper than 100 levels"},
		{"deep_block", []byte(hostileHead + "title:\n  " + strings.Repeat("- ", 10_000) + "x\n"), "deep_block.yaml:3:1: nesting deeper than 100 levels"},
		{"deep_block_lines", deepBlockLines(), "deep_block_lines.yaml:4:199: nesting deeper than 100 levels"},
		{"deep_after_error", []byte(hostileHead + "title: {en: What?}\nintro: " + strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000) + "\n"),
			`deep_after_error.yaml:3:1: invalid YAML: did not find expected ',' or '}'; text inside { } or [ ] that contains "?" must be in quotes`},
		{"deep_second_document", []byte(hostileHead + "title: T\n---\n" + strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000) + "\n"), "deep_second_document.yaml:5:1: nesting deeper than 100 levels"},
		{"many_deep", manyDeep(), "many_deep.yaml:5:103: nesting deeper than 100 levels"},
		{"invalid_utf8", []byte("id: x\nversion: \"1\"\ntitle: \"\xff\xfe\"\n"), "invalid_utf8.yaml:3:9: file is not valid UTF-8 text"},
		{"too_big", tooBig(), "too_big.yaml: file is larger than 1048576 bytes"},
	}
}

const hostileHead = "id: hostile\nversion: \"1\"\n"

// aliasBomb is the "billion laughs": each anchor repeats the one before
// ten times, so expanding the last would make 10^10 strings. It is written
// as the entries of one list so that every anchor is reported.
func aliasBomb() []byte {
	var b strings.Builder
	b.WriteString(hostileHead + "title: Laughs\nscales:\n")
	b.WriteString(`  - &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]` + "\n")
	for i := 1; i <= 9; i++ {
		prev := fmt.Sprintf("*a%d", i-1)
		fmt.Fprintf(&b, "  - &a%d [%s%s]\n", i, strings.Repeat(prev+", ", 9), prev)
	}
	return []byte(b.String())
}

func aliasBombErr() string {
	lines := make([]string, 10)
	for i := range lines {
		lines[i] = fmt.Sprintf("alias_bomb.yaml:%d:5: anchors and aliases are not supported; write the value out or use a named scale", 5+i)
	}
	return strings.Join(lines, "\n")
}

func hugeTitle(n int) []byte {
	return []byte(hostileHead + "title: " + strings.Repeat("x", n) + "\nsections: []\n")
}

func hugeCondition() []byte {
	cond := "A01 == 'nurse'" + strings.Repeat(" or A01 == 'nurse'", 100)
	return []byte(hostileHead + `title: Long condition
sections:
  - id: s1
    title: One
    items:
      - id: A01
        type: single
        question: Role?
        options: [{code: nurse, label: Nurse}, {code: doctor, label: Doctor}]
      - id: A02
        show_if: "` + cond + `"
        type: text
        question: Why?
`)
}

// deepBlockLines nests block sequences across lines, each line going on
// from the column where the last one stopped.
func deepBlockLines() []byte {
	var b strings.Builder
	b.WriteString(hostileHead + "title:\n")
	col := 0
	for range 100 {
		b.WriteString(strings.Repeat(" ", col) + strings.Repeat("- ", 100) + "\n")
		col += 200
	}
	return []byte(b.String())
}

// manyDeep is many lists each nested almost as deep as the node parser
// allows.
func manyDeep() []byte {
	var b strings.Builder
	b.WriteString(hostileHead + "title: Deep\nintro:\n")
	for range 50 {
		b.WriteString("  - " + strings.Repeat("[", 9_000) + strings.Repeat("]", 9_000) + "\n")
	}
	return []byte(b.String())
}

// tooBig is a valid-looking file one byte over the limit.
func tooBig() []byte {
	head := hostileHead + "title: Big\n# "
	pad := survey.MaxFileSize + 1 - len(head) - 1
	return []byte(head + strings.Repeat("x", pad) + "\n")
}

// TestHostile feeds inputs built to exhaust a parser. Each must be rejected
// with a clear message, and quickly: the test timeout is the bound, so
// there are no timings here.
func TestHostile(t *testing.T) {
	for _, h := range hostileCases() {
		file := h.name + ".yaml"
		t.Run(h.name+"/Parse", func(t *testing.T) {
			_, err := survey.Parse(file, h.data)
			checkHostile(t, err, file, h.want)
		})
		t.Run(h.name+"/LoadFile", func(t *testing.T) {
			path := filepath.Join(t.TempDir(), file)
			if err := os.WriteFile(path, h.data, 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := survey.LoadFile(path)
			checkHostile(t, err, file, h.want)
		})
	}
}

func checkHostile(t *testing.T, err error, file, want string) {
	t.Helper()
	if err == nil {
		t.Fatal("accepted; want an error")
	}
	requireProblems(t, err, file)
	if got := err.Error(); got != want {
		if len(got) > 2000 {
			got = got[:2000] + "…"
		}
		t.Errorf("error:\n%s\nwant:\n%s", got, want)
	}
}

// TestLoadFileReadsOnlyTheLimit checks that a file far over the limit is
// refused without being read whole.
func TestLoadFileMuchTooBig(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.yaml")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	// A sparse 1 GiB file: cheap to make, costly to read whole.
	if err := f.Truncate(1 << 30); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = survey.LoadFile(path)
	checkHostile(t, err, "huge.yaml", "huge.yaml: file is larger than 1048576 bytes")
}

// TestConditionsCanComeTrue loads questionnaires whose conditions are
// true only for answers the route walk once never tried, and which it
// therefore reported as "never shown".
func TestConditionsCanComeTrue(t *testing.T) {
	for _, cond := range []string{
		"len(B01) > 1", // needs two options chosen, neither named
		"T01 == 'ICU'", // needs that text
		"len(B01) > 1 and T01 == 'ICU'",
		"not (T01 != 'ICU')",
	} {
		data := []byte(hostileHead + `title: Come true
sections:
  - id: s1
    title: One
    items:
      - id: B01
        type: multiple
        question: What have you done?
        options: [{code: pi, label: Led}, {code: recruit, label: Recruited}]
      - id: T01
        type: text
        question: Where?
      - id: Z01
        type: text
        question: Tell us more
        show_if: ` + strconv.Quote(cond) + "\n")
		if _, err := survey.Parse("come_true.yaml", data); err != nil {
			t.Errorf("%s:\n%v", cond, err)
		}
	}
}

// TestHostileValid loads valid questionnaires built to make checking slow:
// many conditions, which once cost time in the square of their number, and
// branching that multiplies, which once had no bound on the route walk's
// work. The test timeout is the bound.
func TestHostileValid(t *testing.T) {
	t.Run("many_conditions", func(t *testing.T) {
		var b strings.Builder
		b.WriteString(hostileHead + "title: Many\nsections:\n  - id: s1\n    title: One\n    items:\n")
		b.WriteString("      - {id: A0, type: single, question: Q, options: [{code: a, label: A}, {code: b, label: B}]}\n")
		for i := 1; i < survey.MaxItems; i++ {
			fmt.Fprintf(&b, "      - {id: T%d, type: text, question: Q, show_if: \"A0 == 'a'\"}\n", i)
		}
		if _, err := survey.Parse("many.yaml", []byte(b.String())); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("route_bomb", func(t *testing.T) {
		q, err := survey.Parse("bomb.yaml", routeBomb(14, survey.MaxItems-15, survey.MaxDerived))
		if err != nil {
			t.Fatal(err)
		}
		// 2^14 combinations is within MaxRouteLeaves; the work is not.
		if r := q.Paths(); r.Exhaustive {
			t.Errorf("walked all %d combinations; want the work bound to stop it", r.Walks)
		}
	})
}

// routeBomb has nb two-option items that derived variables read, so 2^nb
// combinations to walk, then nt text items, and nd derived variables that
// each answer recomputes.
func routeBomb(nb, nt, nd int) []byte {
	var b strings.Builder
	b.WriteString(hostileHead + "title: Bomb\nsections:\n  - id: s1\n    title: One\n    items:\n")
	refs := make([]string, nb)
	for i := range nb {
		fmt.Fprintf(&b, "      - {id: B%d, type: single, question: Q, options: [{code: a, label: A}, {code: b, label: B}]}\n", i)
		refs[i] = fmt.Sprintf("B%d == 'a'", i)
	}
	for i := range nt {
		fmt.Fprintf(&b, "      - {id: T%d, type: text, question: Q}\n", i)
	}
	b.WriteString("      - {id: Z, type: text, question: Q, show_if: D0}\n")
	b.WriteString("derived:\n")
	for i := range nd {
		fmt.Fprintf(&b, "  - {id: D%d, label: D, if: %q}\n", i, strings.Join(refs, " or "))
	}
	return []byte(b.String())
}
