package export

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// dirNames lists the names in dir.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// TestSaveLeavesWholeFilesOnly: a saved workbook or CSV pair appears
// complete under its name with no temporary file left beside it; a
// failed export leaves nothing at all.
func TestSaveLeavesWholeFilesOnly(t *testing.T) {
	f := newFixture(t)
	q := loadQuestionnaire(t, bundledFile)
	f.load(newGenerator(q, 9, f.trusts).responses("r", 30), f.review("wave-1", "Wave 1", q, 5))
	qs := f.questionnaires()
	dir := t.TempDir()
	opts := Options{Review: "wave-1", Software: "pulse test", Now: exportAt}

	path := DefaultPath(dir, "wave-1", exportAt, ".xlsx")
	if want := filepath.Join(dir, "wave-1-20261215T083000Z.xlsx"); path != want {
		t.Errorf("DefaultPath = %s, want %s", path, want)
	}
	if err := SaveWorkbook(f.ctx, f.st, qs, opts, path); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := openWorkbook(t, data).GetSheetList(); len(got) != 10 {
		t.Errorf("saved workbook has sheets %q", got)
	}
	csvPath := filepath.Join(dir, "wave-1.csv")
	if err := SaveCSV(f.ctx, f.st, qs, opts, csvPath); err != nil {
		t.Fatal(err)
	}
	want := []string{"wave-1-20261215T083000Z.xlsx", "wave-1-codebook.csv", "wave-1.csv"}
	if got := dirNames(t, dir); !slices.Equal(got, want) {
		t.Errorf("files %q, want %q", got, want)
	}

	empty := t.TempDir()
	opts.Review = "nope"
	err = SaveWorkbook(f.ctx, f.st, qs, opts, filepath.Join(empty, "x.xlsx"))
	if !errors.Is(err, ErrNoReview) {
		t.Errorf("unknown review: err = %v, want ErrNoReview", err)
	}
	if err := SaveCSV(f.ctx, f.st, qs, opts, filepath.Join(empty, "x.csv")); err == nil {
		t.Error("CSV of an unknown review: no error")
	}
	opts.Review = "wave-1"
	if err := SaveWorkbook(f.ctx, f.st, nil, opts, filepath.Join(empty, "y.xlsx")); err == nil || !strings.Contains(err.Error(), "does not load") {
		t.Errorf("review whose questionnaire is not loaded: err = %v", err)
	}
	if got := dirNames(t, empty); len(got) != 0 {
		t.Errorf("failed exports left %q", got)
	}
}

// TestEmptyReview: a review without responses exports every sheet, the
// Data sheets with their header only and every breakdown cell n/a.
func TestEmptyReview(t *testing.T) {
	f := newFixture(t)
	q := loadQuestionnaire(t, careersFile)
	f.review("empty", "Nobody yet", q, 10)
	wb := openWorkbook(t, f.workbook(Options{Review: "empty"}))
	if got := len(wb.GetSheetList()); got != 10 {
		t.Errorf("%d sheets", got)
	}
	for _, s := range []string{sheetData, sheetLabels, sheetExcluded} {
		if g := readGrid(t, wb, s); len(g) != 1 {
			t.Errorf("%s has %d rows, want the header only", s, len(g))
		}
	}
	for _, row := range readGrid(t, wb, sheetBarriers)[1:] {
		if cellAt(row, 10).value != markNoAnswers {
			t.Fatalf("an empty review's %% is %q", cellAt(row, 10).value)
		}
	}
}
