package export

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

// csvExport exports a review as CSV to memory.
func (f *fixture) csvExport(opts Options) (data, codebook []byte) {
	f.t.Helper()
	opts.Software, opts.Now = "pulse test", exportAt
	var d, c bytes.Buffer
	if err := CSV(f.ctx, f.st, f.questionnaires(), opts, &d, &c); err != nil {
		f.t.Fatalf("CSV: %v", err)
	}
	return d.Bytes(), c.Bytes()
}

// readCSV checks the byte-order mark and reads the records.
func readCSV(t *testing.T, name string, b []byte) [][]string {
	t.Helper()
	rest, ok := bytes.CutPrefix(b, []byte(bom))
	if !ok {
		t.Fatalf("%s does not start with a UTF-8 byte-order mark", name)
	}
	records, err := csv.NewReader(bytes.NewReader(rest)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return records
}

// TestCSVMatchesWorkbook: the data CSV holds the Data sheet cell for cell
// (numbers in full precision, so equal to the sheet's 15 digits), and the
// codebook CSV holds the Codebook sheet, with and without excluded
// responses.
func TestCSVMatchesWorkbook(t *testing.T) {
	f := newFixture(t)
	q := loadQuestionnaire(t, careersFile)
	f.load(newGenerator(q, 5, f.trusts).responses("c", 80), f.review("careers", "Careers", q, 5))
	for _, all := range []bool{false, true} {
		opts := Options{Review: "careers", IncludeExcluded: all}
		data, codebook := f.csvExport(opts)
		wb := openWorkbook(t, f.workbook(opts))
		compareCSV(t, "data CSV", readCSV(t, "data CSV", data), readGrid(t, wb, sheetData))
		compareCSV(t, "codebook CSV", readCSV(t, "codebook CSV", codebook), readGrid(t, wb, sheetCodebook))
	}
}

func compareCSV(t *testing.T, name string, records [][]string, g sheetGrid) {
	t.Helper()
	if len(records) != len(g) {
		t.Fatalf("%s has %d records, the sheet %d rows", name, len(records), len(g))
	}
	for r, rec := range records {
		for c, v := range rec {
			sc := cellAt(g[r], c)
			if sc.number {
				if want, _ := sc.float(); !sameText(v, want) {
					t.Errorf("%s record %d field %d: %q, sheet %q", name, r+1, c+1, v, sc.value)
				}
				continue
			}
			if v != sc.value {
				t.Errorf("%s record %d field %d: %q, sheet %q", name, r+1, c+1, v, sc.value)
			}
		}
	}
}

func sameText(s string, want float64) bool {
	return same(cell{value: strings.TrimSpace(s), number: true}, want)
}
