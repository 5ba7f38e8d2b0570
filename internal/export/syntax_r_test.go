package export

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// rCheck is an R program that runs the exported script, then writes what
// R made of each column to check.txt: fields separated by U+001F, one
// record a line, in UTF-8 whatever the locale.
const rCheck = `source(commandArgs(TRUE)[1])
out <- file("check.txt", "wb")
put <- function(...) writeLines(enc2utf8(paste(c(...), collapse = "\x1f")), out, useBytes = TRUE)
put("nrow", nrow(responses))
text <- function(a) if (is.null(a)) "" else a
for (name in names(responses)) {
  x <- responses[[name]]
  put("var", name, class(x)[1], text(attr(x, "label")), text(attr(x, "question")), sum(is.na(x)))
  if (is.factor(x)) put("levels", name, levels(x))
  r <- attr(x, "missing_reason")
  if (!is.null(r)) {
    tb <- table(r)
    put("reasons", name, paste0(names(tb), "=", tb))
  }
  if (is.character(x)) put("text", name, x[!is.na(x)])
}
# A barrier item's tables, of the included responses.
kept <- if (is.null(responses$included)) TRUE else responses$included == "Included"
for (name in commandArgs(TRUE)[-1]) {
  tb <- table(responses[[name]][kept])
  put("table", name, paste0(names(tb), "=", tb))
}
close(out)
`

// rVar is what R made of one column.
type rVar struct {
	class, label, question string
	na                     int
	levels                 []string
	reasons, table         map[string]int
	texts                  []string
}

// runR sources the exported .R script in R and reads what it made: the
// number of rows, the columns in order, and each column.
func runR(t *testing.T, files statsFiles, tables ...string) (int, []string, map[string]*rVar) {
	t.Helper()
	rscript := requireProgram(t, "Rscript", "r-base-core")
	if err := os.WriteFile(filepath.Join(files.dir, "check.R"), []byte(rCheck), 0o644); err != nil {
		t.Fatal(err)
	}
	runIn(t, files.dir, rscript, append([]string{"--vanilla", "check.R", filepath.Base(files.script)}, tables...)...)
	b, err := os.ReadFile(filepath.Join(files.dir, "check.txt"))
	if err != nil {
		t.Fatal(err)
	}
	rows, names, vars := 0, []string(nil), map[string]*rVar{}
	counts := func(fields []string) map[string]int {
		out := map[string]int{}
		for _, f := range fields {
			i := strings.LastIndexByte(f, '=')
			out[f[:i]], _ = strconv.Atoi(f[i+1:])
		}
		return out
	}
	for _, line := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		f := strings.Split(line, "\x1f")
		switch f[0] {
		case "nrow":
			rows, _ = strconv.Atoi(f[1])
		case "var":
			na, _ := strconv.Atoi(f[5])
			names = append(names, f[1])
			vars[f[1]] = &rVar{class: f[2], label: f[3], question: f[4], na: na}
		case "levels":
			vars[f[1]].levels = f[2:]
		case "reasons":
			vars[f[1]].reasons = counts(f[2:])
		case "table":
			vars[f[1]].table = counts(f[2:])
		case "text":
			vars[f[1]].texts = f[2:]
		}
	}
	return rows, names, vars
}

// rWant is what R should make of a variable, from the codebook and the
// statistics CSV: its class, levels, NA count, and the count of each
// missing-value reason.
func rWant(v codebookVar, why *codebookVar, fields, whyFields []string) rVar {
	w := rVar{class: "integer", label: v.label, question: oneLine(v.question), reasons: map[string]int{}}
	switch {
	case len(v.values) > 0:
		w.class = "factor"
		for _, vl := range v.values {
			w.levels = append(w.levels, vl.label)
		}
	case strings.HasPrefix(v.kind, "number"):
		w.class = "numeric"
	case why != nil || len(v.missing) == 0:
		w.class = "character"
	}
	missing, codes := v.missing, fields
	if why != nil {
		missing, codes = why.missing, whyFields
	}
	labels := map[string]string{}
	for _, m := range missing {
		labels[strconv.Itoa(m.code)] = m.label
		w.reasons[m.label] = 0
	}
	for i, c := range codes {
		if label, ok := labels[c]; ok {
			w.reasons[label]++
			w.na++
		} else if fields[i] == "" && w.class != "character" {
			w.na++
		}
	}
	if len(missing) == 0 {
		w.reasons = nil
	}
	return w
}

// checkR: R's data frame has the codebook's variables in order (a _why
// variable folded into the one it explains), each with its label, class,
// levels in the questionnaire's order, NA wherever the CSV holds a
// missing-value code, and missing_reason counting each code.
func checkR(t *testing.T, files statsFiles, rows int, names []string, got map[string]*rVar) [][]string {
	t.Helper()
	vars := readStatsCodebook(t, files.codebook)
	data := readDataFile(t, files.data)
	if rows != len(data)-1 {
		t.Errorf("R read %d rows; the CSV has %d", rows, len(data)-1)
	}
	column := func(i int) []string {
		out := make([]string, len(data)-1)
		for r := range out {
			out[r] = data[r+1][i]
		}
		return out
	}
	var want []string
	for i, v := range vars {
		if v.reasonOf() != "" {
			continue
		}
		want = append(want, v.name)
		var why *codebookVar
		var whyFields []string
		if i+1 < len(vars) && vars[i+1].reasonOf() == v.name {
			why, whyFields = &vars[i+1], column(i+1)
		}
		w, g := rWant(v, why, column(i), whyFields), got[v.name]
		if g == nil {
			continue
		}
		if g.class != w.class || g.label != w.label || g.question != w.question || !slices.Equal(g.levels, w.levels) || g.na != w.na {
			t.Errorf("%s: R made %s %q (%q), levels %q, %d NA; want %s %q (%q), levels %q, %d NA",
				v.name, g.class, g.label, g.question, g.levels, g.na, w.class, w.label, w.question, w.levels, w.na)
		}
		if fmt.Sprint(g.reasons) != fmt.Sprint(w.reasons) {
			t.Errorf("%s: R's missing_reason counts %v, want %v", v.name, g.reasons, w.reasons)
		}
	}
	if !slices.Equal(names, want) {
		t.Fatalf("R's columns:\n%q\nthe codebook's:\n%q", names, want)
	}
	return data
}

// TestRScript: for a review of each questionnaire, exported with its
// excluded responses, Rscript sources the .R script (base R, no
// packages), and the data frame it makes matches the codebook and the CSV
// (checkR); the table of each option of a barrier item, over the
// responses whose included is "Included", is the analysis package's
// overall count.
func TestRScript(t *testing.T) {
	requireProgram(t, "Rscript", "r-base-core")
	for _, file := range []string{bundledFile, careersFile} {
		t.Run(filepath.Base(file), func(t *testing.T) {
			f := newFixture(t)
			q := loadQuestionnaire(t, file)
			f.load(newGenerator(q, 41, f.trusts).responses("r", 400), f.review("stats", "Review", q, 5))
			files := f.statsExport(Options{Review: "stats", IncludeExcluded: true}, R)
			counts := barrierCounts(t, q, f.analysisOf(q, "stats"), readStatsCodebook(t, files.codebook))
			var names []string
			for _, c := range counts {
				names = append(names, c.variable)
			}
			rows, columns, got := runR(t, files, names...)
			checkR(t, files, rows, columns, got)
			for _, c := range counts {
				tb := got[c.variable].table
				if tb[labelSelected] != c.n || tb[labelNotSelected]+tb[labelSelected] != c.of || len(tb) != 2 {
					t.Errorf("%s: R's table of the included %v; the analysis: %d chose it, of %d", c.variable, tb, c.n, c.of)
				}
			}
		})
	}
}
