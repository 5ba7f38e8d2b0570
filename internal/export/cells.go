package export

import (
	"strings"
	"unicode/utf16"
)

// maxCellChars is the most an Excel cell holds, in UTF-16 code units.
const maxCellChars = 32767

// cutMark ends a text cut to fit a cell.
const cutMark = " […cut: longer than a spreadsheet cell holds]"

// formulaStarts are the first characters that make a spreadsheet read a
// cell typed or pasted into it as a formula (or, for tab and carriage
// return, that hide what follows).
const formulaStarts = "=+-@\t\r"

// safe makes text from outside the program fit to put in a cell: a value
// starting with = + - @, a tab or a carriage return gets a leading
// apostrophe, so that no spreadsheet reads it as a formula, even after the
// workbook is saved again as CSV or the cell is edited; and text longer
// than a cell holds is cut, with a mark saying so. Everything else comes
// back exactly as given. Every text cell the export writes, headers
// included, goes through safe.
func safe(s string) string {
	if s != "" && strings.IndexByte(formulaStarts, s[0]) >= 0 {
		s = "'" + s
	}
	if tooLong(s) {
		s = cut(s, maxCellChars-utf16Len(cutMark)) + cutMark
	}
	return s
}

// tooLong reports whether s is more than a cell holds. A string has at
// least as many bytes as UTF-16 code units, so short ones need no count.
func tooLong(s string) bool {
	return len(s) > maxCellChars && utf16Len(s) > maxCellChars
}

// utf16Len is the length of s in UTF-16 code units, as Excel counts.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// cut keeps the whole characters of s that fit in n UTF-16 code units.
func cut(s string, n int) string {
	units := 0
	for i, r := range s {
		units += utf16.RuneLen(r)
		if units > n {
			return s[:i]
		}
	}
	return s
}
