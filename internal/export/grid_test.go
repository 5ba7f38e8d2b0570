package export

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// cell is one cell read back: its raw value and whether it is a number.
type cell struct {
	value  string
	number bool
}

// sheetGrid is a sheet's cells row by row, trailing empty cells dropped.
type sheetGrid [][]cell

// openWorkbook re-opens a workbook from its bytes.
func openWorkbook(t testing.TB, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("re-open workbook: %v", err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return f
}

// readGrid reads every cell of a sheet with its type.
func readGrid(t testing.TB, f *excelize.File, sheet string) sheetGrid {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("read sheet %s: %v", sheet, err)
	}
	out := make(sheetGrid, len(rows))
	for r, row := range rows {
		out[r] = make([]cell, len(row))
		for c, v := range row {
			out[r][c].value = v
			if v == "" {
				continue
			}
			name, _ := excelize.CoordinatesToCellName(c+1, r+1)
			typ, err := f.GetCellType(sheet, name)
			if err != nil {
				t.Fatalf("type of %s!%s: %v", sheet, name, err)
			}
			out[r][c].number = typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset
		}
	}
	return out
}

// text writes a grid one row per line as a JSON array: numbers as JSON
// numbers, text as JSON strings, empty cells as null.
func (g sheetGrid) text() string {
	var b strings.Builder
	for _, row := range g {
		vals := make([]any, len(row))
		for i, c := range row {
			switch {
			case c.value == "":
				vals[i] = nil
			case c.number:
				vals[i] = json.Number(c.value)
			default:
				vals[i] = c.value
			}
		}
		line, _ := json.Marshal(vals)
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.String()
}

// workbookText is every sheet of a workbook, in order, as text.
func workbookText(t testing.TB, f *excelize.File) string {
	t.Helper()
	var b strings.Builder
	for _, s := range f.GetSheetList() {
		b.WriteString("=== " + s + "\n")
		b.WriteString(readGrid(t, f, s).text())
	}
	return b.String()
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(strings.Split(string(want), "\n"), strings.Split(got, "\n")); diff != "" {
		t.Errorf("%s differs from the golden file (-want +got; go test -update rewrites it):\n%s", name, diff)
	}
}
