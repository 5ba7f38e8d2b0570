package export

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/researchpulse/pulse/internal/analysis"
	"github.com/researchpulse/pulse/internal/survey"
)

// statsFiles are the files of one statistics-package export, in a folder
// of their own.
type statsFiles struct {
	dir, data, codebook, script string
}

// statsExport exports a review for a package into a new folder, at the
// tests' fixed time.
func (f *fixture) statsExport(opts Options, pk Package) statsFiles {
	f.t.Helper()
	opts.Software, opts.Now = "pulse test", exportAt
	dir := f.t.TempDir()
	paths, err := SaveStats(f.ctx, f.st, f.questionnaires(), opts, pk, filepath.Join(dir, opts.Review))
	if err != nil {
		f.t.Fatalf("SaveStats %s: %v", pk, err)
	}
	return statsFiles{dir: dir, data: paths[0], codebook: paths[1], script: paths[2]}
}

// codebookVar is one variable as the statistics codebook describes it,
// with the labels as they were before the codebook made its cells safe.
type codebookVar struct {
	name, column, label, question, kind, level string
	values, missing                            []valueLabel
	dataCodes                                  map[string]int // the Data sheet's codes and their numbers
}

// reasonOf is the variable a reason variable explains, or "".
func (v codebookVar) reasonOf() string {
	of, _ := strings.CutPrefix(v.kind, "missing-value code of ")
	if of == v.kind {
		return ""
	}
	return of
}

// unsafe undoes safe's apostrophe.
func unsafe(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.IndexByte(formulaStarts, s[1]) >= 0 {
		return s[1:]
	}
	return s
}

func readStatsCodebook(t *testing.T, path string) []codebookVar {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	records := readCSV(t, path, b)
	col := map[string]int{}
	for i, h := range records[0] {
		col[h] = i
	}
	var out []codebookVar
	for _, rec := range records[1:] {
		v := codebookVar{name: rec[col["Variable"]], column: rec[col["Data column"]], label: unsafe(rec[col["Label"]]), question: unsafe(rec[col["Question"]]),
			kind: rec[col["Type"]], level: rec[col["Level"]], dataCodes: map[string]int{}}
		v.values = parseLines(t, rec[col["Value labels"]], " = ", false)
		v.missing = parseLines(t, unsafe(rec[col["Missing values"]]), ": ", true)
		for _, dc := range parseLines(t, rec[col["Data codes"]], " = ", false) {
			v.dataCodes[dc.label] = dc.code
		}
		out = append(out, v)
	}
	return out
}

// parseLines reads "code = label" lines, or "label: code" ones.
func parseLines(t *testing.T, cell, sep string, codeLast bool) []valueLabel {
	t.Helper()
	if cell == "" {
		return nil
	}
	var out []valueLabel
	for _, line := range strings.Split(cell, "\n") {
		var code, label string
		var ok bool
		if codeLast {
			i := strings.LastIndex(line, sep)
			label, code, ok = line[:max(i, 0)], line[i+len(sep):], i >= 0
		} else {
			code, label, ok = strings.Cut(line, sep)
		}
		n, err := strconv.Atoi(code)
		if !ok || err != nil {
			t.Fatalf("codebook line %q is not a code and a label", line)
		}
		out = append(out, valueLabel{code: n, label: label})
	}
	return out
}

// readDataFile reads a CSV file that has no byte-order mark.
func readDataFile(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.HasPrefix(b, []byte(bom)) {
		t.Fatalf("%s starts with a byte-order mark, which Stata would read into the first name", path)
	}
	records, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return records
}

// analysisOf analyses a review read whole from the store, as
// TestSheetsAgreeWithAnalysis does.
func (f *fixture) analysisOf(q *survey.Questionnaire, slug string) analysis.Report {
	f.t.Helper()
	rev, err := f.st.ReviewBySlug(f.ctx, slug)
	if err != nil {
		f.t.Fatal(err)
	}
	responses, trusts, err := f.st.AnalysisInput(f.ctx, rev.ID)
	if err != nil {
		f.t.Fatal(err)
	}
	rep, err := analysis.Analyse(analysis.Input{Questionnaire: q, Rules: rev.Rules, Opens: rev.OpensAt, Closes: rev.ClosesAt,
		Trusts: trusts, Responses: responses, Review: rev.Slug, Software: "pulse test"})
	if err != nil {
		f.t.Fatal(err)
	}
	return rep
}

// barrierCount is one published overall cell of a multiple choice
// barrier item: the package variable of the option, how many chose it,
// and of how many who answered.
type barrierCount struct {
	variable string
	n, of    int
}

// barrierCounts are the analysis's published overall counts of the
// options of the first multiple choice barrier item.
func barrierCounts(t *testing.T, q *survey.Questionnaire, rep analysis.Report, vars []codebookVar) []barrierCount {
	t.Helper()
	byColumn := map[string]string{}
	for _, v := range vars {
		if v.reasonOf() == "" {
			byColumn[v.column] = v.name
		}
	}
	for _, bd := range rep.Breakdowns {
		it, _ := q.Item(bd.Item)
		if bd.Tag != survey.TagBarrier || it == nil || it.Type != survey.TypeMultiple {
			continue
		}
		var out []barrierCount
		for i, r := range bd.Rows {
			c := bd.Overall.Cells[i]
			if !c.Suppressed {
				out = append(out, barrierCount{byColumn[variableName(bd.Item+"__"+r.Code)], c.N, c.Denominator})
			}
		}
		if len(out) < 3 {
			t.Fatalf("only %d published overall cells of %s", len(out), bd.Item)
		}
		return out
	}
	t.Fatal("no multiple choice barrier item")
	return nil
}

// TestStatsCSVMatchesData: the statistics packages' CSV holds the Data
// sheet's CSV cell for cell, through the codebook: each Data code is the
// number the codebook gives it, missing-value codes are the same (or, for
// a text, in its _why variable), numbers are equal and text is the same
// on one line. With and without excluded responses, for both
// questionnaires.
func TestStatsCSVMatchesData(t *testing.T) {
	for _, file := range []string{bundledFile, careersFile} {
		t.Run(filepath.Base(file), func(t *testing.T) {
			f := newFixture(t)
			q := loadQuestionnaire(t, file)
			g := newGenerator(q, 21, f.trusts)
			g.texts = append([]string{"line one\nline two\r\nthree\rfour"}, benign...)
			f.load(g.responses("r", 400), f.review("stats", "Review", q, 5))
			for _, all := range []bool{false, true} {
				opts := Options{Review: "stats", IncludeExcluded: all}
				data, _ := f.csvExport(opts)
				files := f.statsExport(opts, R)
				compareStatsCSV(t, readCSV(t, "data CSV", data), readDataFile(t, files.data), readStatsCodebook(t, files.codebook))
			}
		})
	}
}

func compareStatsCSV(t *testing.T, data, stats [][]string, vars []codebookVar) {
	t.Helper()
	if len(data) != len(stats) {
		t.Fatalf("the statistics CSV has %d records, the data CSV %d", len(stats), len(data))
	}
	for i, v := range vars {
		if stats[0][i] != v.name {
			t.Fatalf("statistics CSV column %d is %s, the codebook's %s", i+1, stats[0][i], v.name)
		}
	}
	main, reason := map[string]int{}, map[string]int{}
	for i, v := range vars {
		if v.reasonOf() != "" {
			reason[v.column] = i
		} else {
			main[v.column] = i
		}
	}
	if len(main) != len(data[0]) {
		t.Fatalf("%d Data columns have a variable, of %d", len(main), len(data[0]))
	}
	flat := strings.NewReplacer("\r\n", " ", "\r", " ", "\n", " ")
	for r := 1; r < len(data); r++ {
		for c, column := range data[0] {
			cell, m := data[r][c], main[column]
			got, want := stats[r][m], cell
			wantReason := "0"
			code, isInt := strconv.Atoi(cell)
			switch n, ok := vars[m].dataCodes[cell]; {
			case ok:
				want = strconv.Itoa(n)
			case isInt == nil && code < 0 && hasKey(reason, column):
				want, wantReason = "", cell
			case strings.HasPrefix(vars[m].kind, "number"):
				if a, b := parseFloat(got), parseFloat(cell); a != b {
					t.Errorf("record %d %s: %q, Data %q", r, vars[m].name, got, cell)
				}
				continue
			default:
				want = flat.Replace(cell)
			}
			if got != want {
				t.Errorf("record %d %s: %q, want %q (Data %q)", r, vars[m].name, got, want, cell)
			}
			if i, ok := reason[column]; ok && stats[r][i] != wantReason {
				t.Errorf("record %d %s: %q, want %q (Data %q)", r, vars[i].name, stats[r][i], wantReason, cell)
			}
		}
	}
}

func hasKey(m map[string]int, k string) bool { _, ok := m[k]; return ok }

func parseFloat(s string) float64 {
	f, _ := strconv.ParseFloat(s, 64)
	return f
}

// TestStatsScriptsGolden: the scripts of a review of each questionnaire
// are exactly their golden files (go test -update rewrites them).
func TestStatsScriptsGolden(t *testing.T) {
	f := newFixture(t)
	q := loadQuestionnaire(t, bundledFile)
	f.load(newGenerator(q, 2, f.trusts).responses("r", 70), f.review("wave-2", "Research engagement 2026", q, 5))
	c := loadQuestionnaire(t, careersFile)
	f.load(newGenerator(c, 4, f.trusts).responses("c", 60), f.review("careers-2", "Clinical academic careers 2026", c, 5))
	for _, tc := range []struct{ slug, golden string }{{"wave-2", "research-engagement"}, {"careers-2", "careers"}} {
		for _, pk := range Packages {
			files := f.statsExport(Options{Review: tc.slug}, pk)
			b, err := os.ReadFile(files.script)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, "syntax/"+tc.golden+pk.ScriptExt(), string(b))
		}
	}
}
