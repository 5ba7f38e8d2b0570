package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// requireProgram returns the path of a program the test runs, or skips
// the test saying how to install it.
func requireProgram(t *testing.T, name, debianPackage string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s is not installed (Debian: apt-get install %s); .ci/run installs it", name, debianPackage)
	}
	return path
}

// runIn runs a program in dir and returns its standard output; it fails
// the test when the program fails or writes to standard error.
func runIn(t *testing.T, dir, program string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, program, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8", "LANG=C.UTF-8")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s\n%s", program, strings.Join(args, " "), err, stderr.String(), stdout.String())
	}
	if stderr.Len() > 0 {
		t.Fatalf("%s %s wrote to standard error:\n%s", program, strings.Join(args, " "), stderr.String())
	}
	return stdout.String()
}

// psppTables reads PSPP's CSV output (-O format=csv): a line "Table: T"
// starts table T, whose rows follow.
func psppTables(t *testing.T, out string) map[string][][]string {
	t.Helper()
	r := csv.NewReader(strings.NewReader(out))
	r.FieldsPerRecord = -1
	records, err := r.ReadAll()
	if err != nil {
		t.Fatalf("PSPP's output is not CSV: %v\n%s", err, out)
	}
	tables := map[string][][]string{}
	name := ""
	for _, rec := range records {
		if len(rec) == 1 && strings.HasPrefix(rec[0], "Table: ") {
			name = strings.TrimPrefix(rec[0], "Table: ")
			continue
		}
		tables[name] = append(tables[name], rec)
	}
	return tables
}

// runPSPP runs the exported .sps in PSPP, which must write the .sav with
// no error or warning, then reads the .sav back and returns PSPP's
// tables from check, a syntax run after GET FILE with names and values
// (not labels) in table headings.
func runPSPP(t *testing.T, files statsFiles, check string) map[string][][]string {
	t.Helper()
	pspp := requireProgram(t, "pspp", "pspp")
	out := runIn(t, files.dir, pspp, "-O", "format=csv", filepath.Base(files.script))
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "error:") || strings.Contains(line, "warning:") {
			t.Fatalf("PSPP ran %s with problems:\n%s", filepath.Base(files.script), out)
		}
	}
	sav := strings.TrimSuffix(files.data, ".csv") + ".sav"
	if _, err := os.Stat(sav); err != nil {
		t.Fatalf("PSPP did not save %s: %v\n%s", sav, err, out)
	}
	syntax := fmt.Sprintf("GET FILE='%s'.\nSET TVARS=NAMES TNUMBERS=VALUES.\n%s", filepath.Base(sav), check)
	if err := os.WriteFile(filepath.Join(files.dir, "check.sps"), []byte(syntax), 0o644); err != nil {
		t.Fatal(err)
	}
	return psppTables(t, runIn(t, files.dir, pspp, "-O", "format=csv", "check.sps"))
}

// psppDictionary is what DISPLAY DICTIONARY shows of each variable.
type psppVariable struct {
	label, level, missing string
	values                []valueLabel // in PSPP's order: by value
	missingValues         map[int]bool // values PSPP marks user-missing
}

func psppDictionary(t *testing.T, tables map[string][][]string) ([]string, map[string]*psppVariable) {
	t.Helper()
	vars := tables["Variables"]
	if len(vars) < 2 {
		t.Fatalf("no Variables table: %v", tables)
	}
	col := map[string]int{}
	for i, h := range vars[0] {
		col[h] = i
	}
	var names []string
	out := map[string]*psppVariable{}
	for _, rec := range vars[1:] {
		name := rec[col["Name"]]
		names = append(names, name)
		out[name] = &psppVariable{label: rec[col["Label"]], level: strings.ToLower(rec[col["Measurement Level"]]),
			missing: rec[col["Missing Values"]], missingValues: map[int]bool{}}
	}
	name := ""
	for _, rec := range tables["Value Labels"] {
		if len(rec) != 3 || rec[0] == "Variable Value" {
			continue
		}
		if rec[0] != "" {
			name = rec[0]
		}
		v := out[name]
		if v == nil {
			t.Fatalf("value labels of %q, which is not a variable", name)
		}
		value, missing := strings.CutSuffix(rec[1], "[a]")
		number, err := strconv.ParseFloat(value, 64)
		code := int(number)
		if err != nil || float64(code) != number {
			t.Fatalf("value label of %s: value %q", name, rec[1])
		}
		v.values = append(v.values, valueLabel{code: code, label: rec[2]})
		if missing {
			v.missingValues[code] = true
		}
	}
	return names, out
}

// psppFrequencies reads a FREQUENCIES table: the count of each valid
// value, and the number of cases.
func psppFrequencies(t *testing.T, tables map[string][][]string, name string) (map[int]int, int) {
	t.Helper()
	rows, ok := tables[name]
	if !ok {
		t.Fatalf("no frequency table of %s", name)
	}
	out, total := map[int]int{}, 0
	section := ""
	for _, rec := range rows[1:] {
		if rec[0] != "" {
			section = rec[0]
		}
		if section == "Total" && len(rec) >= 3 {
			total, _ = strconv.Atoi(rec[2])
		}
		if section != "Valid" || len(rec) < 3 {
			continue
		}
		v, err1 := strconv.Atoi(rec[1])
		n, err2 := strconv.Atoi(rec[2])
		if err1 != nil || err2 != nil {
			t.Fatalf("frequency table of %s: row %q", name, rec)
		}
		out[v] = n
	}
	return out, total
}

// checkPSPPDictionary: every variable of the .sav is the codebook's, in
// order, with its label, measurement level, value labels (the values,
// then the missing-value codes) and missing values (every code, as a
// range, and nothing else).
func checkPSPPDictionary(t *testing.T, tables map[string][][]string, vars []codebookVar) {
	t.Helper()
	names, dict := psppDictionary(t, tables)
	var want []string
	for _, v := range vars {
		want = append(want, v.name)
	}
	if !slices.Equal(names, want) {
		t.Fatalf("PSPP's variables:\n%q\nthe codebook's:\n%q", names, want)
	}
	for _, v := range vars {
		got := dict[v.name]
		if got.label != v.label {
			t.Errorf("%s: PSPP's label %q, the codebook's %q", v.name, got.label, v.label)
		}
		if got.level != v.level {
			t.Errorf("%s: PSPP's level %q, the codebook's %q", v.name, got.level, v.level)
		}
		wantMissing := ""
		if len(v.missing) > 0 {
			wantMissing = "LOWEST THRU -1"
		}
		if got.missing != wantMissing {
			t.Errorf("%s: PSPP's missing values %q, want %q for the codebook's %v", v.name, got.missing, wantMissing, v.missing)
		}
		labels := append(append([]valueLabel(nil), v.values...), v.missing...)
		slices.SortFunc(labels, func(a, b valueLabel) int { return a.code - b.code })
		if !slices.Equal(got.values, labels) {
			t.Errorf("%s: PSPP's value labels\n%v\nthe codebook's\n%v", v.name, got.values, labels)
		}
		for _, m := range v.missing {
			if !got.missingValues[m.code] {
				t.Errorf("%s: PSPP does not show %d as missing", v.name, m.code)
			}
		}
	}
}

// TestSPSSInPSPP: for a review of each questionnaire, PSPP runs the .sps
// without an error or a warning and saves the .sav; read back, every
// variable has the codebook's label, level, value labels and missing
// values; every case is there; and the frequencies of a barrier item's
// options are the analysis package's overall counts: how many chose each
// option, of how many answered.
func TestSPSSInPSPP(t *testing.T) {
	requireProgram(t, "pspp", "pspp")
	for _, file := range []string{bundledFile, careersFile} {
		t.Run(filepath.Base(file), func(t *testing.T) {
			f := newFixture(t)
			q := loadQuestionnaire(t, file)
			f.load(newGenerator(q, 31, f.trusts).responses("r", 400), f.review("stats", "Review", q, 5))
			files := f.statsExport(Options{Review: "stats"}, SPSS)
			vars := readStatsCodebook(t, files.codebook)
			counts := barrierCounts(t, q, f.analysisOf(q, "stats"), vars)
			var names []string
			for _, c := range counts {
				names = append(names, c.variable)
			}
			tables := runPSPP(t, files, "DISPLAY DICTIONARY.\nFREQUENCIES "+strings.Join(names, " ")+" /STATISTICS=NONE.\n")
			checkPSPPDictionary(t, tables, vars)
			included := f.analysisOf(q, "stats").Flow.Overall.Included.N
			for _, c := range counts {
				freq, cases := psppFrequencies(t, tables, c.variable)
				if freq[1] != c.n || freq[0]+freq[1] != c.of || len(freq) > 2 {
					t.Errorf("%s: PSPP counts %v; the analysis: %d chose it, of %d", c.variable, freq, c.n, c.of)
				}
				if cases != included {
					t.Errorf("%s: PSPP has %d cases; the analysis included %d responses", c.variable, cases, included)
				}
			}
		})
	}
}
