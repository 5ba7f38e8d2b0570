package export

import (
	"fmt"
	"slices"
	"strings"
)

// SPSS syntax rules the writer keeps to, so the file runs in SPSS (in
// any syntax mode) and PSPP alike:
//
//   - every line of a command after its first is indented, and no line
//     but a command's last ends with a period;
//   - strings are in apostrophes, an apostrophe doubled, in pieces of at
//     most spssPiece bytes joined with +, so that lines stay short;
//   - comments are lines starting with an asterisk, and the header ends
//     with one ending in a period;
//   - labels are on one line: line breaks became spaces (oneLine).
const spssPiece = 60

// writeSPSS writes the .sps script.
func writeSPSS(b *strings.Builder, si scriptInfo) {
	b.WriteString("* Encoding: UTF-8.\n")
	for _, line := range si.headerLines(76, oneLine) {
		b.WriteString(strings.TrimRight("* "+line, " ") + "\n")
	}
	b.WriteString("* End of the header.\n\n")
	spssGetData(b, si)
	spssVariableLabels(b, si.vars)
	spssValueLabels(b, si.vars)
	spssMissing(b, si.vars)
	spssLevels(b, si.vars)
	spssQuestions(b, si.vars)
	fmt.Fprintf(b, "FILE LABEL %s.\n\n", spssString(shorten(si.title, 60, 60), ""))
	spssDocument(b, si)
	fmt.Fprintf(b, "SAVE OUTFILE=%s\n  /COMPRESSED.\n", spssString(si.saved, "  "))
}

// spssString quotes s for SPSS, in pieces joined by + on lines indented
// by indent plus two spaces.
func spssString(s, indent string) string {
	pieces := chunks(s, spssPiece)
	for i, p := range pieces {
		pieces[i] = "'" + strings.ReplaceAll(p, "'", "''") + "'"
	}
	return strings.Join(pieces, " +\n"+indent+"  ")
}

// spssFormat is a variable's input and display format.
func spssFormat(v statVar) string {
	switch v.kind {
	case kindText:
		return fmt.Sprintf("A%d", max(v.width, 1))
	case kindNumber:
		return fmt.Sprintf("F%d.%d", v.width, v.decimals)
	}
	return fmt.Sprintf("F%d.0", v.codeWidth())
}

func spssGetData(b *strings.Builder, si scriptInfo) {
	fmt.Fprintf(b, "GET DATA\n  /TYPE=TXT\n  /FILE=%s\n  /ENCODING='UTF8'\n  /ARRANGEMENT=DELIMITED\n  /DELCASE=LINE\n"+
		"  /FIRSTCASE=2\n  /DELIMITERS=','\n  /QUALIFIER='\"'\n  /VARIABLES=", spssString(si.dataName, "  "))
	for _, v := range si.vars {
		fmt.Fprintf(b, "\n    %s %s", v.name, spssFormat(v))
	}
	b.WriteString(".\n\n")
}

func spssVariableLabels(b *strings.Builder, vars []statVar) {
	b.WriteString("VARIABLE LABELS")
	for i, v := range vars {
		sep := "/"
		if i == 0 {
			sep = ""
		}
		fmt.Fprintf(b, "\n  %s%s %s", sep, v.name, spssString(v.label, "  "))
	}
	b.WriteString(".\n\n")
}

// spssValueLabels labels the values and missing-value codes; variables
// in a row with the same labels share one list.
func spssValueLabels(b *strings.Builder, vars []statVar) {
	first := true
	for _, group := range sameLabels(vars) {
		if first {
			b.WriteString("VALUE LABELS")
		}
		b.WriteString("\n  ")
		if !first {
			b.WriteString("/")
		}
		first = false
		b.WriteString(spssNames(group, "  "))
		for _, vl := range slices.Concat(group[0].values, group[0].missing) {
			fmt.Fprintf(b, "\n    %d %s", vl.code, spssString(vl.label, "    "))
		}
	}
	if !first {
		b.WriteString(".\n\n")
	}
}

// sameLabels groups variables in a row that have the same labelled
// values, leaving out those with none.
func sameLabels(vars []statVar) [][]statVar {
	var out [][]statVar
	for _, v := range vars {
		if len(v.values)+len(v.missing) == 0 {
			continue
		}
		if n := len(out); n > 0 && slices.Equal(out[n-1][0].values, v.values) && slices.Equal(out[n-1][0].missing, v.missing) {
			out[n-1] = append(out[n-1], v)
			continue
		}
		out = append(out, []statVar{v})
	}
	return out
}

// spssNames lists variable names on lines of at most 72 bytes.
func spssNames(vars []statVar, indent string) string {
	names := make([]string, len(vars))
	for i, v := range vars {
		names[i] = v.name
	}
	return strings.Join(wrap(strings.Join(names, " "), 72), "\n"+indent+"  ")
}

// spssMissing declares every missing-value code missing: they are all
// negative, and no variable that holds them has negative values.
func spssMissing(b *strings.Builder, vars []statVar) {
	var with []statVar
	for _, v := range vars {
		if len(v.missing) > 0 {
			with = append(with, v)
		}
	}
	if len(with) > 0 {
		fmt.Fprintf(b, "MISSING VALUES\n  %s (LO THRU -1).\n\n", spssNames(with, "  "))
	}
}

func spssLevels(b *strings.Builder, vars []statVar) {
	b.WriteString("VARIABLE LEVEL")
	first := true
	for _, level := range []string{levelNominal, levelOrdinal, levelScale} {
		var with []statVar
		for _, v := range vars {
			if v.level == level {
				with = append(with, v)
			}
		}
		if len(with) == 0 {
			continue
		}
		sep := "/"
		if first {
			sep = ""
		}
		first = false
		fmt.Fprintf(b, "\n  %s%s (%s)", sep, spssNames(with, "  "), strings.ToUpper(level))
	}
	b.WriteString(".\n\n")
}

// spssQuestions keeps each item's whole question in the variable
// attribute Question, where the label had to be shorter.
func spssQuestions(b *strings.Builder, vars []statVar) {
	first := true
	for _, v := range vars {
		if v.kind == kindReason || v.question == "" {
			continue
		}
		if first {
			b.WriteString("VARIABLE ATTRIBUTE\n  ")
		} else {
			b.WriteString("\n  /")
		}
		first = false
		fmt.Fprintf(b, "VARIABLES=%s ATTRIBUTE=Question(%s)", v.name, spssString(oneLine(v.question), "    "))
	}
	if !first {
		b.WriteString(".\n\n")
	}
}

// spssDocument keeps the header in the saved file, where DISPLAY
// DOCUMENTS shows it.
func spssDocument(b *strings.Builder, si scriptInfo) {
	b.WriteString("ADD DOCUMENT")
	for _, line := range si.headerLines(78, oneLine) {
		b.WriteString("\n  " + spssString(line, "  "))
	}
	b.WriteString(".\n\n")
}
