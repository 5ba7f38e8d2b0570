package export

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// Stata is not available to the tests, so a small checker reads the
// do-file as Stata's parser would, for the commands the export writes,
// and holds it to Stata's rules and to the codebook.

// stataDo is what the checker learns from a do-file.
type stataDo struct {
	problems  []string
	columns   []string        // the CSV's names, in order
	numeric   map[string]bool // variables imported as numbers
	varLabels map[string]string
	defines   map[string]map[string]string // value label name -> value (1, .a) -> label
	attached  map[string]string            // variable -> value label name
	decoded   map[string]map[int]string    // variable -> code -> extended missing value
	notes     map[string][]string          // variable or _dta -> notes
	saved     string
}

func (d *stataDo) problem(format string, args ...any) {
	d.problems = append(d.problems, fmt.Sprintf(format, args...))
}

var (
	stataNameRE  = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,31}$`)
	stataValueRE = regexp.MustCompile(`^(-?[0-9]+|\.[a-z])$`)
)

// stataToken is one word of a command: a name or number, a string (its
// text unescaped), or an option with its argument.
type stataToken struct {
	word, str, arg string
	isStr          bool
}

// lintDo reads a do-file whose import reads a CSV with the given header.
func lintDo(src string, header []string) *stataDo {
	d := &stataDo{numeric: map[string]bool{}, varLabels: map[string]string{}, defines: map[string]map[string]string{},
		attached: map[string]string{}, decoded: map[string]map[int]string{}, notes: map[string][]string{}}
	for _, bad := range []string{"/*", "*/"} {
		if strings.Contains(src, bad) {
			d.problem("%q would start or end a comment", bad)
		}
	}
	for n, cmd := range logicalLines(d, src) {
		d.command(n, cmd, header)
	}
	return d
}

// logicalLines joins lines continued with ///, and drops comments and
// blank lines.
func logicalLines(d *stataDo, src string) []string {
	var out []string
	joined := ""
	for i, line := range strings.Split(src, "\n") {
		trimmed := strings.TrimSpace(line)
		if joined == "" && (trimmed == "" || strings.HasPrefix(trimmed, "*")) {
			if strings.HasSuffix(trimmed, "//") {
				d.problem("line %d: a comment that continues onto the next line", i+1)
			}
			continue
		}
		if rest, ok := strings.CutSuffix(line, " ///"); ok {
			joined += rest + " "
			continue
		}
		if strings.Contains(line, " //") {
			d.problem("line %d: // starts a comment: %s", i+1, line)
		}
		out = append(out, joined+line)
		joined = ""
	}
	return out
}

// tokens splits a command into words, strings and options.
func tokens(d *stataDo, cmd string) []stataToken {
	var out []stataToken
	for s := strings.TrimSpace(cmd); s != ""; s = strings.TrimSpace(s) {
		switch {
		case strings.HasPrefix(s, ","):
			s = s[1:]
		case strings.HasPrefix(s, "`\""):
			end := strings.Index(s[2:], "\"'") + 2
			if end < 2 {
				d.problem("unclosed compound quote: %s", s)
				return out
			}
			out = append(out, stataToken{str: d.unescape(s[2:end]), isStr: true})
			s = s[end+2:]
		case strings.HasPrefix(s, `"`):
			end := strings.Index(s[1:], `"`)
			if end < 0 {
				d.problem("unclosed quote: %s", s)
				return out
			}
			out = append(out, stataToken{str: d.unescape(s[1 : end+1]), isStr: true})
			s = s[end+2:]
		default:
			end := strings.IndexAny(s, " (")
			if end < 0 {
				end = len(s)
			}
			tok := stataToken{word: strings.TrimSuffix(s[:end], ",")}
			s = s[end:]
			if strings.HasPrefix(s, "(") {
				close := strings.Index(s, ")")
				if close < 0 {
					d.problem("unclosed option: %s", s)
					return out
				}
				tok.arg, s = s[1:close], strings.TrimPrefix(s[close+1:], ",")
			}
			out = append(out, tok)
		}
	}
	return out
}

// unescape is a string's text as Stata shows it; a $ or ` that is not
// escaped would expand a macro.
func (d *stataDo) unescape(s string) string {
	for i := 0; i < len(s); i++ {
		if (s[i] == '$' || s[i] == '`') && (i == 0 || s[i-1] != '\\') {
			d.problem("unescaped %c in %q would expand a macro", s[i], s)
		}
	}
	return strings.NewReplacer(`\$`, "$", "\\`", "`").Replace(s)
}

func (d *stataDo) command(n int, cmd string, header []string) {
	var toks []stataToken
	if !strings.HasPrefix(cmd, "notes ") {
		toks = tokens(d, cmd)
	}
	words := func(i int) string {
		var w []string
		for _, t := range toks[min(i, len(toks)):] {
			w = append(w, t.word)
		}
		return strings.Join(w, " ")
	}
	switch {
	case cmd == "version 16" || cmd == "compress":
	case strings.HasPrefix(cmd, "import delimited using "):
		d.importDelimited(toks[3:], header)
	case strings.HasPrefix(cmd, "label variable "):
		d.labelVariable(toks)
	case strings.HasPrefix(cmd, "label define "):
		d.labelDefine(toks)
	case strings.HasPrefix(cmd, "label values "):
		names := strings.Fields(words(2))
		d.labelValues(names[:len(names)-1], names[len(names)-1])
	case strings.HasPrefix(cmd, "mvdecode "):
		d.mvdecode(toks)
	case strings.HasPrefix(cmd, "notes "):
		name, text, ok := strings.Cut(strings.TrimPrefix(cmd, "notes "), ": ")
		if name != "_dta" && !slices.Contains(d.columns, name) || !ok {
			d.problem("notes for %q, not a variable", name)
		}
		d.notes[name] = append(d.notes[name], d.unescape(text))
	case strings.HasPrefix(cmd, "label data "):
		if len(toks) != 3 || !toks[2].isStr || utf8.RuneCountInString(toks[2].str) > 80 {
			d.problem("label data: %s", cmd)
		}
	case strings.HasPrefix(cmd, "save "):
		if len(toks) != 3 || !toks[1].isStr || toks[2].word != "replace" {
			d.problem("save: %s", cmd)
		}
		d.saved = toks[1].str
	default:
		d.problem("command %d is not one the export writes: %s", n+1, cmd)
	}
}

// importDelimited checks the import's options, and that every column is
// read as text or as a number, once.
func (d *stataDo) importDelimited(toks []stataToken, header []string) {
	want := []string{"clear", "varnames:1", "case:preserve", `encoding:"utf-8"`, `delimiters:","`, "bindquotes:strict", "asdouble"}
	var got []string
	kinds := map[int]string{}
	for _, t := range toks[1:] {
		switch t.word {
		case "stringcols", "numericcols":
			for _, c := range readNumlist(d, t.arg) {
				if kinds[c] != "" || c < 1 || c > len(header) {
					d.problem("column %d read twice, or not in the CSV", c)
				}
				kinds[c] = t.word
			}
		default:
			got = append(got, strings.TrimSuffix(t.word+":"+t.arg, ":"))
		}
	}
	if !slices.Equal(got, want) {
		d.problem("import options %q, want %q", got, want)
	}
	seen := map[string]bool{}
	for i, name := range header {
		if !stataNameRE.MatchString(name) || reserved(name) || seen[name] {
			d.problem("%q is not a Stata name, or is used twice", name)
		}
		seen[name] = true
		if kinds[i+1] == "" {
			d.problem("column %d (%s) has no type", i+1, name)
		}
		d.numeric[name] = kinds[i+1] == "numericcols"
	}
	d.columns = header
}

func readNumlist(d *stataDo, s string) []int {
	var out []int
	for _, part := range strings.Fields(s) {
		from, to, isRange := strings.Cut(part, "/")
		a, err1 := strconv.Atoi(from)
		b, err2 := strconv.Atoi(to)
		if !isRange {
			b, err2 = a, nil
		}
		if err1 != nil || err2 != nil || b < a {
			d.problem("numlist %q", s)
			return nil
		}
		for c := a; c <= b; c++ {
			out = append(out, c)
		}
	}
	return out
}

func (d *stataDo) labelVariable(toks []stataToken) {
	if len(toks) != 4 || !toks[3].isStr {
		d.problem("label variable: %v", toks)
		return
	}
	name, label := toks[2].word, toks[3].str
	if !slices.Contains(d.columns, name) {
		d.problem("label variable %s: no such variable", name)
	}
	if utf8.RuneCountInString(label) > 80 {
		d.problem("label variable %s: %d characters, more than Stata's 80", name, utf8.RuneCountInString(label))
	}
	d.varLabels[name] = label
}

func (d *stataDo) labelDefine(toks []stataToken) {
	name := toks[2].word
	if !stataNameRE.MatchString(name) || d.defines[name] != nil {
		d.problem("label define %s: not a name, or defined twice", name)
	}
	values := map[string]string{}
	rest := toks[3:]
	if len(rest)%2 != 0 || len(rest) == 0 {
		d.problem("label define %s: values and labels do not pair", name)
		return
	}
	for i := 0; i < len(rest); i += 2 {
		v, l := rest[i], rest[i+1]
		if !stataValueRE.MatchString(v.word) || !l.isStr || values[v.word] != "" {
			d.problem("label define %s: value %q label %q", name, v.word, l.str)
		}
		values[v.word] = l.str
	}
	d.defines[name] = values
}

func (d *stataDo) labelValues(names []string, label string) {
	if d.defines[label] == nil {
		d.problem("label values: %s is not defined", label)
	}
	for _, name := range names {
		if !d.numeric[name] {
			d.problem("label values %s: not a numeric variable", name)
		}
		d.attached[name] = label
	}
}

func (d *stataDo) mvdecode(toks []stataToken) {
	var names []string
	var mv string
	for _, t := range toks[1:] {
		if t.word == "mv" {
			mv = t.arg
		} else if t.word != "" {
			names = append(names, t.word)
		}
	}
	codes := map[int]string{}
	for _, m := range strings.Split(mv, `\`) {
		code, ext, ok := strings.Cut(strings.TrimSpace(m), "=")
		c, err := strconv.Atoi(code)
		if !ok || err != nil || !regexp.MustCompile(`^\.[a-z]$`).MatchString(ext) {
			d.problem("mvdecode: %q", m)
		}
		codes[c] = ext
	}
	for _, name := range names {
		if !d.numeric[name] {
			d.problem("mvdecode %s: not a numeric variable", name)
		}
		d.decoded[name] = codes
	}
}

// checkDoFile lints an exported do-file and holds it to the codebook:
// each variable's label, its value labels (the values, then each
// missing-value code as its extended missing value), the codes mvdecode
// turns into them, and a note with the question of each item's variable.
func checkDoFile(t *testing.T, files statsFiles) *stataDo {
	t.Helper()
	src, err := os.ReadFile(files.script)
	if err != nil {
		t.Fatal(err)
	}
	d := lintDo(string(src), readDataFile(t, files.data)[0])
	for _, p := range d.problems {
		t.Error(p)
	}
	for _, v := range readStatsCodebook(t, files.codebook) {
		if got, want := d.varLabels[v.name], shownLabel(v.label); got != want {
			t.Errorf("%s: label %q, want %q", v.name, got, want)
		}
		want := map[string]string{}
		decode := map[int]string{}
		for _, vl := range v.values {
			want[strconv.Itoa(vl.code)] = shown(vl.label)
		}
		for _, m := range v.missing {
			ext := "." + string(rune('a'-1-m.code))
			if m.code == codeNotKnown && m.label == "Not known" {
				ext = ".n"
			}
			want[ext], decode[m.code] = shown(m.label), ext
		}
		var got map[string]string
		if name, ok := d.attached[v.name]; ok {
			got = d.defines[name]
		}
		if len(want) > 0 && fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: value labels %v, want %v", v.name, got, want)
		}
		for code, ext := range decode {
			if d.decoded[v.name][code] != ext {
				t.Errorf("%s: mvdecode turns %d into %q, want %s", v.name, code, d.decoded[v.name][code], ext)
			}
		}
		if v.question != "" && v.reasonOf() == "" && !slices.Contains(d.notes[v.name], unescapeStata(stataNote(v.question))) {
			t.Errorf("%s: no note with the question %q", v.name, v.question)
		}
	}
	if want := strings.TrimSuffix(filepath.Base(files.data), ".csv") + ".dta"; d.saved != want {
		t.Errorf("saves %q, want %q", d.saved, want)
	}
	return d
}

// shown is a value label as Stata shows it: with the comment markers the
// writer breaks up.
func shown(label string) string { return stataShown(label) }

// shownLabel is a variable label as Stata shows it.
func shownLabel(label string) string {
	s := stataVarLabel(label)
	return unescapeStata(s[2 : len(s)-2])
}

func unescapeStata(s string) string {
	return strings.NewReplacer(`\$`, "$", "\\`", "`").Replace(s)
}

// TestStataDoFile: the do-files of reviews of both questionnaires, and of
// the hostile one, pass the checker and agree with their codebooks.
func TestStataDoFile(t *testing.T) {
	for _, file := range []string{bundledFile, careersFile} {
		t.Run(filepath.Base(file), func(t *testing.T) {
			f := newFixture(t)
			q := loadQuestionnaire(t, file)
			f.load(newGenerator(q, 61, f.trusts).responses("r", 400), f.review("stats", "Review", q, 5))
			checkDoFile(t, f.statsExport(Options{Review: "stats", IncludeExcluded: true}, Stata))

			h := loadQuestionnaire(t, hostileWith(t, file, scriptHostile))
			f.review("hostile", "Research \"engagement\" it's * 2026.\n/* Ŵales */ $x `y'", h, 5)
			d := checkDoFile(t, f.statsExport(Options{Review: "hostile"}, Stata))
			if len(d.notes["_dta"]) < 10 {
				t.Errorf("only %d notes of provenance", len(d.notes["_dta"]))
			}
		})
	}
}

// TestStataCheckerFindsProblems: the checker is not easily satisfied.
func TestStataCheckerFindsProblems(t *testing.T) {
	header := []string{"a", "b"}
	good := "version 16\nimport delimited using \"x.csv\", clear varnames(1) case(preserve) ///\n" +
		"    encoding(\"utf-8\") delimiters(\",\") bindquotes(strict) asdouble ///\n    stringcols(1) ///\n    numericcols(2)\n" +
		"label variable b `\"B\"'\nlabel define b 1 `\"One\"' .a `\"Not shown\"'\nlabel values b b\nmvdecode b, mv(-1=.a)\n" +
		"save \"x.dta\", replace\n"
	if p := lintDo(good, header).problems; len(p) > 0 {
		t.Fatalf("a good do-file has problems: %q", p)
	}
	for _, bad := range []string{
		"label variable b `\"costs $5\"'",
		"label variable b `\"unclosed'",
		"label variable c `\"no such variable\"'",
		"label variable b `\"" + strings.Repeat("x", 81) + "\"'",
		"label define b 1 `\"again\"'",
		"label define z 1.5 `\"not a whole number\"'",
		"label values a b",
		"label values b nolabel",
		"mvdecode b, mv(-1=.A)",
		"notes b: `x'",
		"* a comment /* that opens another",
		"label variable b `\"B\"' // a comment",
		"drop a",
	} {
		if p := lintDo(good+bad+"\n", header).problems; len(p) == 0 {
			t.Errorf("no problem found with %q", bad)
		}
	}
	if p := lintDo(strings.Replace(good, "stringcols(1)", "stringcols(1/2)", 1), header).problems; len(p) == 0 {
		t.Error("a column read twice passed")
	}
}
