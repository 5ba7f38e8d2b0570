package export

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// xmlText reports whether s can be held by XML 1.0 text at all: valid
// UTF-8 without the control characters (other than tab, newline and
// carriage return) and non-characters XML forbids. Answers are cleaned to
// this before they are stored (survey.ParseInput), and questionnaire texts
// are checked on load; the round trip below is exact for these.
func xmlText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
		case r < 0x20, r == 0xFFFE, r == 0xFFFF:
			return false
		}
	}
	return true
}

// FuzzSafeCell: whatever the text, the cell safe makes of it never starts
// with a character that makes a spreadsheet read a formula, is either the
// text, the text after an apostrophe, or (too long for a cell) a cut of it
// with the mark; and written into a workbook the way the export writes
// cells (a streamed row of strings), saved and opened again, it comes back
// exactly, as a string cell with no formula anywhere in the sheet.
func FuzzSafeCell(f *testing.F) {
	for _, s := range append(append([]string{"", "'", "x", "=", strings.Repeat("é", maxCellChars)}, payloads...), benign...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := safe(s)
		if out != "" && strings.IndexByte(formulaStarts, out[0]) >= 0 {
			t.Fatalf("safe(%q) = %q starts a formula", s, out)
		}
		if n := utf16Len(out); n > maxCellChars {
			t.Fatalf("safe(%q) is %d UTF-16 units, more than a cell holds", s, n)
		}
		quoted := s != "" && strings.IndexByte(formulaStarts, s[0]) >= 0
		switch want := s; {
		case quoted && !tooLong("'"+s):
			if out != "'"+s {
				t.Fatalf("safe(%q) = %q, want the text after an apostrophe", s, out)
			}
		case !quoted && !tooLong(s):
			if out != want {
				t.Fatalf("safe(%q) = %q, want it unchanged", s, out)
			}
		default:
			body, ok := strings.CutSuffix(out, cutMark)
			if !ok || !strings.HasPrefix(strings.TrimPrefix(s, ""), strings.TrimPrefix(body, "'")) {
				t.Fatalf("safe of a text too long for a cell is not a cut of it with the mark")
			}
		}
		if !xmlText(s) {
			return
		}
		back, sheetXML := roundTrip(t, out)
		if back != out {
			t.Fatalf("cell %q came back from the workbook as %q", out, back)
		}
		if strings.Contains(sheetXML, "<f>") || strings.Contains(sheetXML, "<f ") {
			t.Fatalf("the sheet holding %q has a formula", out)
		}
	})
}

// roundTrip writes v as the only cell of a streamed sheet, saves the
// workbook, opens it again and returns the cell's value and the sheet's
// XML.
func roundTrip(t *testing.T, v string) (string, string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	if err := sw.SetRow("A1", []any{v}); err != nil {
		t.Fatal(err)
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var sheet string
	for _, zf := range zr.File {
		if zf.Name == "xl/worksheets/sheet1.xml" {
			rc, err := zf.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(rc)
			rc.Close()
			sheet = string(b)
		}
	}
	g, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	typ, err := g.GetCellType("Sheet1", "A1")
	if err != nil {
		t.Fatal(err)
	}
	if v != "" && typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
		t.Fatalf("cell %q stored as type %v, not a string", v, typ)
	}
	got, err := g.GetCellValue("Sheet1", "A1", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return got, sheet
}
