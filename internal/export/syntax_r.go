package export

import (
	"fmt"
	"slices"
	"strings"
)

// The R script uses base R only. Its strings are ASCII: any other
// character is written as a \u escape, so the labels come out the same
// whatever the locale R runs in (Windows, C, UTF-8).

// rString quotes s for R.
func rString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range oneLine(s) {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r >= 0x20 && r < 0x7f:
			b.WriteRune(r)
		case r <= 0xffff:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			fmt.Fprintf(&b, `\U{%x}`, r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// rFunctions are the helpers the script defines.
const rFunctions = `# The four missing-value codes every item can hold.
pulse_missing <- c("-1" = "Not shown (routed away)", "-2" = "Shown, not answered",
  "-3" = "Not reached (stopped before this page)", "-4" = "Cleared after a change of route")

# pulse_variable turns the missing-value codes of x (or of why, for a
# text and its _why variable) into NA, keeping each reason in the
# attribute missing_reason, a factor; makes a factor of coded values in
# the questionnaire's order; and attaches the variable label and the
# question.
pulse_variable <- function(x, label, question = "", levels = NULL, labels = NULL,
                           missing = NULL, why = x) {
  reason <- NULL
  if (length(missing) > 0) {
    coded <- !is.na(why) & why < 0
    reason <- factor(ifelse(coded, why, NA), levels = as.integer(names(missing)),
      labels = unname(missing))
    x[coded] <- NA
  }
  if (!is.null(levels)) x <- factor(x, levels = levels, labels = labels)
  attr(x, "label") <- label
  if (nzchar(question)) attr(x, "question") <- question
  if (!is.null(reason)) attr(x, "missing_reason") <- reason
  x
}
`

// writeR writes the .R script.
func writeR(b *strings.Builder, si scriptInfo) {
	for _, line := range si.headerLines(76, oneLine) {
		b.WriteString(strings.TrimRight("# "+line, " ") + "\n")
	}
	fmt.Fprintf(b, "\npulse_csv <- %s\nif (!file.exists(pulse_csv)) {\n", rString(si.dataName))
	b.WriteString("  stop(\"cannot find \", pulse_csv, \": set the working folder to the one holding it, with setwd()\")\n}\n")
	b.WriteString("responses <- utils::read.csv(pulse_csv, encoding = \"UTF-8\", na.strings = character(0),\n")
	b.WriteString("  check.names = FALSE, colClasses = c(")
	for i, v := range si.vars {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(b, "\n    %s = %s", v.name, rString(rClass(v)))
	}
	b.WriteString("))\n\n" + rFunctions + "\n")
	for i, v := range si.vars {
		if v.kind != kindReason {
			rVariable(b, v, si.vars, i)
		}
	}
}

// rClass is the column's class as read.csv reads it.
func rClass(v statVar) string {
	switch v.kind {
	case kindText:
		return "character"
	case kindNumber:
		return "numeric"
	}
	return "integer"
}

// rVariable applies one variable's labels, folding in its reason
// variable when it has one.
func rVariable(b *strings.Builder, v statVar, vars []statVar, i int) {
	col := "responses$" + v.name
	if len(v.values) == 0 && len(v.missing) == 0 && (i+1 == len(vars) || vars[i+1].kind != kindReason) {
		fmt.Fprintf(b, "attr(%s, \"label\") <- %s\n", col, rString(v.label))
		return
	}
	args := []string{col, rString(v.label)}
	if v.question != "" {
		args = append(args, "question = "+rString(v.question))
	}
	if len(v.values) > 0 {
		codes, labels := make([]string, len(v.values)), make([]string, len(v.values))
		for j, vl := range v.values {
			codes[j], labels[j] = fmt.Sprintf("%dL", vl.code), rString(vl.label)
		}
		args = append(args, "levels = c("+strings.Join(codes, ", ")+")", "labels = c("+strings.Join(labels, ",\n    ")+")")
	}
	missing, why := v.missing, ""
	if i+1 < len(vars) && vars[i+1].kind == kindReason {
		missing, why = vars[i+1].missing, "responses$"+vars[i+1].name
	}
	if len(missing) > 0 {
		args = append(args, "missing = "+rMissing(missing))
	}
	if why != "" {
		args = append(args, "why = "+why)
	}
	fmt.Fprintf(b, "%s <- pulse_variable(%s)\n", col, strings.Join(args, ",\n  "))
	if why != "" {
		fmt.Fprintf(b, "%s <- NULL\n", why)
	}
}

// rMissing is a named vector of missing-value codes and their labels,
// starting from pulse_missing when the codes include its four.
func rMissing(vls []valueLabel) string {
	var parts []string
	rest := vls
	if len(vls) >= len(missingCodes) && slices.EqualFunc(vls[:len(missingCodes)], missingCodes, func(vl valueLabel, c int) bool {
		return vl.code == c && vl.label == missingLabels[c]
	}) {
		parts, rest = append(parts, "pulse_missing"), vls[len(missingCodes):]
	}
	for _, vl := range rest {
		parts = append(parts, fmt.Sprintf("\"%d\" = %s", vl.code, rString(vl.label)))
	}
	if len(parts) == 1 && parts[0] == "pulse_missing" {
		return parts[0]
	}
	return "c(" + strings.Join(parts, ", ") + ")"
}
