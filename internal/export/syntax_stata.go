package export

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/researchpulse/pulse/internal/analysis"
)

// Stata do-file rules the writer keeps to:
//
//   - strings are in compound quotes (`"…"'), so they may hold ", and
//     $ and ` are escaped with a backslash so that no macro is expanded;
//   - // /* and */ never appear outside the writer's own comments, even
//     in a string (they become / /, / * and * /), so no text can start or
//     end a comment or join two lines;
//   - long commands continue over lines with ///.
//
// The missing-value codes become extended missing values: -1 .a, -2 .b
// and so on to -26 .z; "not known" (-9) in the activity level and the
// breakdown dimensions .n.

// stataShown is text as a Stata string or note will show it: on one
// line, with comment markers broken up and no compound quote's end.
func stataShown(s string) string {
	s = oneLine(s)
	s = strings.NewReplacer("//", "/ /", "/*", "/ *", "*/", "* /").Replace(s)
	s = strings.ReplaceAll(s, "//", "/ /") // "///" leaves one pair behind
	return strings.ReplaceAll(s, `"'`, `" '`)
}

// stataText is text safe inside a compound-quoted string or a note:
// $ and ` escaped, so that no macro is expanded.
func stataText(s string) string {
	return strings.NewReplacer("$", `\$`, "`", "\\`").Replace(stataShown(s))
}

// stataString is text in compound quotes.
func stataString(s string) string { return "`\"" + stataText(s) + "\"'" }

// stataVarLabel is a variable label in compound quotes, shortened again
// when breaking up comment markers made it longer than Stata's 80
// characters.
func stataVarLabel(label string) string {
	for n := maxVarLabelChars; n > 1 && utf8.RuneCountInString(stataShown(label)) > maxVarLabelChars; n-- {
		label = shorten(label, n, maxVarLabelBytes)
	}
	return stataString(label)
}

// stataFile is a file name in plain quotes, as Stata's file commands
// take it. The export's names are the review's slug with letters,
// digits and hyphens; anything else is left out.
func stataFile(name string) string {
	return `"` + strings.Map(func(r rune) rune {
		if r == '"' || r == '$' || r == '`' || r == '\\' {
			return -1
		}
		return r
	}, name) + `"`
}

// stataTimeStamp matches the word TS, which notes would replace with the
// time.
var stataTimeStamp = regexp.MustCompile(`(^|\s)TS(\s|$)`)

// stataNote is the text of a note: notes turn a lone TS into the time.
func stataNote(s string) string {
	return stataTimeStamp.ReplaceAllString(stataText(s), "${1}T S${2}")
}

// stataMissing is the extended missing value of a missing-value code.
func stataMissing(vl valueLabel) string {
	switch {
	case vl.code == codeNotKnown && vl.data == analysis.NotKnown:
		return ".n"
	case vl.code <= -1 && vl.code >= -26:
		return "." + string(rune('a'-1-vl.code))
	}
	return "."
}

// writeStata writes the .do script.
func writeStata(b *strings.Builder, si scriptInfo) {
	for _, line := range si.headerLines(76, stataText) {
		b.WriteString(strings.TrimRight("* "+line, " ") + "\n")
	}
	b.WriteString("\nversion 16\n")
	stataImport(b, si)
	b.WriteString("\n")
	for _, v := range si.vars {
		fmt.Fprintf(b, "label variable %s %s\n", v.name, stataVarLabel(v.label))
	}
	stataValueLabels(b, si.vars)
	stataMVDecode(b, si.vars)
	b.WriteString("\n")
	for _, para := range si.header() {
		for _, entry := range para {
			fmt.Fprintf(b, "notes _dta: %s\n", stataNote(entry))
		}
	}
	for _, v := range si.vars {
		if v.question != "" && v.kind != kindReason {
			fmt.Fprintf(b, "notes %s: %s\n", v.name, stataNote(v.question))
		}
	}
	fmt.Fprintf(b, "\nlabel data %s\ncompress\nsave %s, replace\n", stataString(shorten(si.title, 80, 320)), stataFile(si.saved))
}

// stataImport reads the CSV with each column's type given.
func stataImport(b *strings.Builder, si scriptInfo) {
	var text, numbers []int
	for i, v := range si.vars {
		if v.kind == kindText {
			text = append(text, i+1)
		} else {
			numbers = append(numbers, i+1)
		}
	}
	fmt.Fprintf(b, "import delimited using %s, clear varnames(1) case(preserve) ///\n", stataFile(si.dataName))
	b.WriteString("    encoding(\"utf-8\") delimiters(\",\") bindquotes(strict) asdouble ///\n")
	fmt.Fprintf(b, "    stringcols(%s) ///\n    numericcols(%s)\n", numlist(text), numlist(numbers))
}

// numlist writes column numbers as a Stata numlist, runs as ranges.
func numlist(ns []int) string {
	var parts []string
	for i := 0; i < len(ns); {
		j := i
		for j+1 < len(ns) && ns[j+1] == ns[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d/%d", ns[i], ns[j]))
		} else {
			parts = append(parts, strconv.Itoa(ns[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, " ")
}

// stataValueLabels defines one value label per run of variables with
// the same labels, named after the first, and attaches it.
func stataValueLabels(b *strings.Builder, vars []statVar) {
	for _, group := range sameLabels(vars) {
		v := group[0]
		fmt.Fprintf(b, "label define %s", v.name)
		for _, vl := range v.values {
			fmt.Fprintf(b, " ///\n    %d %s", vl.code, stataString(vl.label))
		}
		for _, vl := range v.missing {
			fmt.Fprintf(b, " ///\n    %s %s", stataMissing(vl), stataString(vl.label))
		}
		fmt.Fprintf(b, "\nlabel values %s %s\n", stataNames(group), v.name)
	}
}

// stataMVDecode turns the missing-value codes into extended missing
// values: the "not known" of the breakdown dimensions first, then the
// items' codes.
func stataMVDecode(b *strings.Builder, vars []statVar) {
	var dims, items []statVar
	codes := map[int]valueLabel{}
	for _, v := range vars {
		switch {
		case len(v.missing) == 0:
		case v.missing[0].data == analysis.NotKnown:
			dims = append(dims, v)
		default:
			items = append(items, v)
			for _, vl := range v.missing {
				codes[vl.code] = vl
			}
		}
	}
	if len(dims) > 0 {
		fmt.Fprintf(b, "mvdecode %s, mv(%d=.n)\n", stataNames(dims), codeNotKnown)
	}
	if len(items) == 0 {
		return
	}
	var mv []string
	for _, c := range slices.Backward(slices.Sorted(maps.Keys(codes))) {
		mv = append(mv, fmt.Sprintf("%d=%s", c, stataMissing(codes[c])))
	}
	fmt.Fprintf(b, "mvdecode %s, ///\n    mv(%s)\n", stataNames(items), strings.Join(mv, " \\ "))
}

// stataNames lists variable names, continued over lines.
func stataNames(vars []statVar) string {
	names := make([]string, len(vars))
	for i, v := range vars {
		names[i] = v.name
	}
	return strings.Join(wrap(strings.Join(names, " "), 72), " ///\n    ")
}
