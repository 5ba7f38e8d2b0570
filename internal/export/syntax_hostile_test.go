package export

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/researchpulse/pulse/internal/survey"
)

// scriptHostile are texts that would break a script written carelessly:
// quotes and apostrophes of each package, comment and continuation
// starters, command terminators, macro characters, line breaks, very long
// text, and Welsh and other characters beyond ASCII.
var scriptHostile = []string{
	`It's a "quoted" label`,
	"'", "''", `"`, `"'`, "`\"", `\"`, `\`, `back\slash at the end\`,
	"* looks like an SPSS comment", "*", "ends with a period.", ".", "EXECUTE.", "END DATA.", "GET FILE='x.sav'.",
	"/* opens a Stata comment", "closes one */", "// a line comment", "a line /// joined", "http://example.org/a//b",
	"$HOME and ${x} and `local' macros", "notes with TS in them", "TS",
	"first line\nsecond line", "carriage\rreturn", "tab\there", "line\r\nbreak\n\nand a blank line",
	"Ysbyty Gwynedd – ŵ ŷ â ê î ô û ë ï ö, Bwrdd Iechyd Prifysgol", "Emoji 🙂👩‍⚕️ and CJK 研究時間",
	"=1+1", "-1", "@SUM(1,1)", "+44", "%d %s %%", "{braces} [brackets] (parens)", `c("a") ; q()`, "paste0('x')",
	strings.Repeat("A very long label that goes on and on, ", 12) + "the end.",
	strings.Repeat("Ŵŷ", 200),
	strings.Repeat("x", 300),
}

// TestHostileLabelsInPSPPAndR: a questionnaire whose every question,
// statement and label is one of scriptHostile, a review titled with
// them, and answers made of them (one 33,000 bytes long) survive PSPP and
// R: each package runs its script without a complaint; every variable's
// label, value labels and missing values are the codebook's, which are
// the questionnaire's texts on one line, shortened to fit; R reads every
// text answer back as the CSV holds it; and the provenance keeps the
// title.
func TestHostileLabelsInPSPPAndR(t *testing.T) {
	requireProgram(t, "pspp", "pspp")
	requireProgram(t, "Rscript", "r-base-core")
	title := "Research \"engagement\" it's * 2026.\n/* Ŵales */ $x `y'"
	long := strings.Repeat("ŵ", 16500) // 33,000 bytes: more than an SPSS string holds
	for _, file := range []string{bundledFile, careersFile} {
		t.Run(filepath.Base(file), func(t *testing.T) {
			f := newFixture(t)
			q := loadQuestionnaire(t, hostileWith(t, file, scriptHostile))
			rev := f.review("hostile", title, q, 5)
			g := newGenerator(q, 51, f.trusts)
			g.texts = append([]string{long}, scriptHostile...)
			f.load(g.responses("r", 200), rev)

			spss := f.statsExport(Options{Review: "hostile"}, SPSS)
			vars := readStatsCodebook(t, spss.codebook)
			checkLabelsFromQuestionnaire(t, q, vars)
			tables := runPSPP(t, spss, "DISPLAY DICTIONARY.\nDISPLAY DOCUMENTS.\n")
			checkPSPPDictionary(t, tables, vars)
			checkLineLengths(t, spss.script, 256)
			if docs := strings.Join(slices.Concat(tables["Documents"]...), "\n"); !strings.Contains(docs, oneLine(title)) {
				t.Errorf("the .sav's documents do not hold the title %q:\n%s", oneLine(title), docs)
			}

			r := f.statsExport(Options{Review: "hostile"}, R)
			rows, names, got := runR(t, r)
			data := checkR(t, r, rows, names, got)
			checkRTexts(t, data, got)
		})
	}
}

// checkLabelsFromQuestionnaire: the codebook's labels are the
// questionnaire's texts (not merely what the script says): an item's
// label is its question, a multiple choice option's "item: option", and a
// choice item's value labels its options', each on one line and
// shortened to fit the packages.
func checkLabelsFromQuestionnaire(t *testing.T, q *survey.Questionnaire, vars []codebookVar) {
	t.Helper()
	byColumn := map[string]codebookVar{}
	for _, v := range vars {
		if v.reasonOf() == "" {
			byColumn[v.column] = v
		}
	}
	lang := q.DefaultLanguage()
	checked := 0
	for _, it := range q.Items() {
		switch it.Type {
		case survey.TypeMultiple:
			for _, o := range it.Options {
				v := byColumn[variableName(it.ID+"__"+o.Code)]
				if want := partLabel(it.ShortLabel().In(lang), o.Label.In(lang)); v.label != want {
					t.Errorf("%s: label %q, want %q", v.name, v.label, want)
				}
				checked++
			}
		case survey.TypeSingle, survey.TypeScale:
			v := byColumn[it.ID]
			if want := varLabel(it.Question.In(lang)); v.label != want {
				t.Errorf("%s: label %q, want %q", v.name, v.label, want)
			}
			for _, vl := range v.values {
				if want := valueLabelText(it.Options[vl.code-1].Label.In(lang)); vl.label != want {
					t.Errorf("%s value %d: label %q, want %q", v.name, vl.code, vl.label, want)
				}
			}
			checked++
		}
	}
	if checked < 10 {
		t.Fatalf("only %d labels checked", checked)
	}
}

// checkRTexts: every text R read is the CSV's, in order.
func checkRTexts(t *testing.T, data [][]string, got map[string]*rVar) {
	t.Helper()
	long := 0
	for c, name := range data[0] {
		v := got[name]
		if v == nil || v.class != "character" {
			continue
		}
		var want []string
		for _, rec := range data[1:] {
			if rec[c] != "" {
				want = append(want, rec[c])
			}
			if len(rec[c]) <= maxTextBytes && strings.HasSuffix(rec[c], textCutMark) {
				long++
			}
		}
		if !slices.Equal(v.texts, want) {
			t.Errorf("%s: R read %d texts, not the CSV's %d (or not the same)", name, len(v.texts), len(want))
		}
	}
	if long == 0 {
		t.Error("no text was cut to the 32,767 bytes SPSS holds")
	}
}

// TestStatsEmptyReview: a review with no responses exports for each
// package, and each script reads its header-only CSV: PSPP saves an
// empty .sav with every variable, R makes a data frame of no rows, the
// do-file passes the checker.
func TestStatsEmptyReview(t *testing.T) {
	f := newFixture(t)
	q := loadQuestionnaire(t, careersFile)
	f.review("empty", "Empty", q, 5)
	checkDoFile(t, f.statsExport(Options{Review: "empty"}, Stata))
	if _, err := exec.LookPath("pspp"); err == nil {
		spss := f.statsExport(Options{Review: "empty"}, SPSS)
		checkPSPPDictionary(t, runPSPP(t, spss, "DISPLAY DICTIONARY.\n"), readStatsCodebook(t, spss.codebook))
	} else {
		t.Log("pspp is not installed: the .sps is not run")
	}
	if _, err := exec.LookPath("Rscript"); err == nil {
		r := f.statsExport(Options{Review: "empty"}, R)
		rows, names, got := runR(t, r)
		checkR(t, r, rows, names, got)
	} else {
		t.Log("Rscript is not installed: the .R is not run")
	}
}

// checkLineLengths: no line of a script is longer than max bytes (SPSS
// reads syntax lines of up to 256 bytes).
func checkLineLengths(t *testing.T, path string, max int) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(string(b), "\n") {
		if len(line) > max {
			t.Errorf("%s line %d is %d bytes long", filepath.Base(path), i+1, len(line))
		}
	}
}
