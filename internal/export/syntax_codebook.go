package export

import (
	"fmt"
	"io"
	"strings"
)

// statsCodebookHeaders are the columns of the statistics packages'
// codebook: the Codebook's, with the variable's name in the packages and
// the Data column it comes from, its measurement level, the numbers and
// labels the packages show (Value labels), the Data sheet's code for each
// number, and the missing-value codes the packages declare.
var statsCodebookHeaders = []string{"Variable", "Data column", "Item", "Section", "Question", "Label", "Type", "Level",
	"Values", "Value labels", "Data codes", "Missing values", "Shown when", "Tag", "Notes"}

// statsCells is a variable's codebook row.
func (v statVar) statsCells() []string {
	e := v.entry
	kind, values, notes := e.kind, e.values, e.notes
	switch v.kind {
	case kindReason:
		kind = "missing-value code of " + v.of
		values = "0 when " + v.of + " is not empty, otherwise why it is"
		notes = "Why the variable before this one is empty. In R, this becomes that variable's missing_reason attribute."
	case kindText:
		if len(v.missing) == 0 && v.entry.item != "" {
			notes = strings.TrimSpace(notes + " Empty when there is no text: the variable after it says why.")
		}
	}
	return []string{v.name, e.variable, e.item, e.section, e.question, v.label, kind, v.level,
		values, labelLines(v.values), dataCodes(append(append([]valueLabel(nil), v.values...), v.missing...)), missingLines(v.missing), e.shownWhen, e.tag, notes}
}

// labelLines lists values with their labels, one a line.
func labelLines(vls []valueLabel) string {
	lines := make([]string, len(vls))
	for i, vl := range vls {
		lines[i] = fmt.Sprintf("%d = %s", vl.code, vl.label)
	}
	return strings.Join(lines, "\n")
}

// missingLines lists missing-value codes, each after its label, as the
// Codebook does: a cell starting with a minus sign would read as a
// formula.
func missingLines(vls []valueLabel) string {
	lines := make([]string, len(vls))
	for i, vl := range vls {
		lines[i] = fmt.Sprintf("%s: %d", vl.label, vl.code)
	}
	return strings.Join(lines, "\n")
}

// dataCodes lists the Data sheet's code of each value, when it has one
// other than the number.
func dataCodes(vls []valueLabel) string {
	var lines []string
	for _, vl := range vls {
		if vl.data != "" {
			lines = append(lines, fmt.Sprintf("%d = %s", vl.code, vl.data))
		}
	}
	return strings.Join(lines, "\n")
}

// writeStatsCodebook writes the codebook of the statistics-package
// files as UTF-8 CSV with a byte-order mark, every cell made safe.
func writeStatsCodebook(w io.Writer, vars []statVar) error {
	rows := make([][]string, len(vars))
	for i, v := range vars {
		rows[i] = v.statsCells()
	}
	return writeSafeCSV(w, statsCodebookHeaders, rows)
}
