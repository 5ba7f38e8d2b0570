package export

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strconv"
	"testing"

	"github.com/researchpulse/pulse/internal/analysis"
	"github.com/researchpulse/pulse/internal/survey"
)

// workbook exports a review to memory.
func (f *fixture) workbook(opts Options) []byte {
	f.t.Helper()
	if opts.Software == "" {
		opts.Software = "pulse test"
	}
	if opts.Now.IsZero() {
		opts.Now = exportAt
	}
	var buf bytes.Buffer
	if err := Workbook(f.ctx, f.st, f.questionnaires(), opts, &buf); err != nil {
		f.t.Fatalf("Workbook: %v", err)
	}
	return buf.Bytes()
}

// TestWorkbookGolden: the workbooks of a review of each questionnaire,
// re-opened with excelize, hold exactly the cells of their golden files,
// sheet by sheet and in order (the careers review compared with an
// earlier wave, so with a Waves sheet).
func TestWorkbookGolden(t *testing.T) {
	f := newFixture(t)
	q := loadQuestionnaire(t, bundledFile)
	f.load(newGenerator(q, 2, f.trusts).responses("r", 70), f.review("wave-2", "Research engagement 2026", q, 5))
	c := loadQuestionnaire(t, careersFile)
	f.load(newGenerator(c, 3, f.trusts).responses("p", 50), f.review("careers-1", "Clinical academic careers 2025", c, 5))
	f.load(newGenerator(c, 4, f.trusts).responses("c", 60), f.review("careers-2", "Clinical academic careers 2026", c, 5))

	wb := openWorkbook(t, f.workbook(Options{Review: "wave-2"}))
	golden(t, "research-engagement.golden", workbookText(t, wb))
	wb = openWorkbook(t, f.workbook(Options{Review: "careers-2", Compare: "careers-1"}))
	want := []string{sheetAbout, sheetFlow, sheetBarriers, sheetMotivators, sheetEnablers, sheetSupport, sheetWaves, sheetData, sheetLabels, sheetCodebook, sheetExcluded}
	if got := wb.GetSheetList(); !slices.Equal(got, want) {
		t.Errorf("sheets %q, want %q", got, want)
	}
	golden(t, "careers.golden", workbookText(t, wb))
}

// TestSheetsAgreeWithAnalysis: on larger reviews of both questionnaires,
// the Flow and breakdown sheets hold exactly the analysis package's
// numbers (Analyse over the whole review read at once, not the streamed
// pass the export makes), and every published breakdown cell matches a
// recount from the Data sheet alone.
func TestSheetsAgreeWithAnalysis(t *testing.T) {
	for _, file := range []string{bundledFile, careersFile} {
		t.Run(file, func(t *testing.T) {
			f := newFixture(t)
			q := loadQuestionnaire(t, file)
			rev := f.review("big", "Review", q, 5)
			f.load(newGenerator(q, 11, f.trusts).responses("r", 600), rev)
			responses, trusts, err := f.st.AnalysisInput(f.ctx, rev.ID)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := analysis.Analyse(analysis.Input{Questionnaire: q, Rules: rev.Rules, Opens: rev.OpensAt, Closes: rev.ClosesAt,
				Trusts: trusts, Responses: responses, Review: rev.Slug, Software: "pulse test"})
			if err != nil {
				t.Fatal(err)
			}
			wb := openWorkbook(t, f.workbook(Options{Review: "big"}))
			sheets := map[string]sheetGrid{}
			for _, s := range wb.GetSheetList() {
				sheets[s] = readGrid(t, wb, s)
			}
			checkFlow(t, sheets[sheetFlow], rep)
			published := checkBreakdowns(t, sheets, rep)
			recount(t, q, sheets[sheetData], rep, published)
		})
	}
}

// number reads a cell as a number; ok is false for text.
func (c cell) float() (float64, bool) {
	if !c.number {
		return 0, false
	}
	f, err := strconv.ParseFloat(c.value, 64)
	return f, err == nil
}

// same reports whether a cell holds want, to the 15 significant digits a
// spreadsheet keeps.
func same(c cell, want float64) bool {
	got, ok := c.float()
	return ok && math.Abs(got-want) <= 1e-13*math.Max(1, math.Abs(want))
}

func cellAt(row []cell, i int) cell {
	if i < len(row) {
		return row[i]
	}
	return cell{}
}

func checkCount(t *testing.T, what string, c cell, n analysis.Count) {
	t.Helper()
	if n.Suppressed && c.value != markSuppressed || !n.Suppressed && !same(c, float64(n.N)) {
		t.Errorf("%s: cell %q, want %+v", what, c.value, n)
	}
}

func checkFlow(t *testing.T, g sheetGrid, rep analysis.Report) {
	t.Helper()
	rows := []analysis.FlowCounts{rep.Flow.Overall}
	for _, tr := range rep.Flow.ByTrust {
		rows = append(rows, tr.FlowCounts)
	}
	for _, d := range rep.Flow.ByDimension {
		for _, gr := range d.Groups {
			rows = append(rows, gr.FlowCounts)
		}
	}
	if len(g) != len(rows)+1 {
		t.Fatalf("Flow has %d rows, want %d", len(g), len(rows)+1)
	}
	for i, fc := range rows {
		row := g[i+1]
		counts := []analysis.Count{fc.Received, fc.Excluded}
		for _, r := range fc.Reasons {
			counts = append(counts, r.N)
		}
		counts = append(counts, fc.Included, fc.Complete, fc.Partial)
		for j, n := range counts {
			checkCount(t, fmt.Sprintf("Flow row %d column %d", i+2, j+5), cellAt(row, 4+j), n)
		}
	}
}

// cellKey names one breakdown cell: item, dimension (or "" overall),
// group code and row code.
type cellKey struct{ item, dim, group, code string }

// checkBreakdowns compares every breakdown row of the four sheets with the
// report and returns the published cells.
func checkBreakdowns(t *testing.T, sheets map[string]sheetGrid, rep analysis.Report) map[cellKey]analysis.Cell {
	t.Helper()
	type expect struct {
		cell analysis.Cell
		test *analysis.Test
		dim  bool
	}
	want := map[[5]string]expect{}
	dimLabel := map[string]string{}
	for _, d := range rep.Meta.Dimensions {
		dimLabel[d.ID] = d.Label
	}
	published := map[cellKey]analysis.Cell{}
	for _, bd := range rep.Breakdowns {
		for r, row := range bd.Rows {
			code := row.Code
			if bd.Measure == analysis.MeasureAgree {
				code = row.ID
			}
			want[[5]string{bd.Item, "Overall", "overall", code, ""}] = expect{cell: bd.Overall.Cells[r]}
			published[cellKey{bd.Item, "", "overall", code}] = bd.Overall.Cells[r]
			for _, dc := range bd.Dimensions {
				for _, g := range dc.Groups {
					want[[5]string{bd.Item, dimLabel[dc.Dimension], g.Code, code, ""}] = expect{cell: g.Cells[r], test: dc.Tests[r], dim: true}
					published[cellKey{bd.Item, dc.Dimension, g.Code, code}] = g.Cells[r]
				}
			}
		}
	}
	seen := 0
	for _, ts := range tagSheets {
		for i, row := range sheets[ts.sheet][1:] {
			if len(row) < 9 {
				continue // the note of a sheet with no items
			}
			key := [5]string{row[0].value, row[3].value, row[5].value, row[7].value, ""}
			e, ok := want[key]
			if !ok {
				t.Errorf("%s row %d: %v is not in the report", ts.sheet, i+2, key)
				continue
			}
			seen++
			checkBreakdownRow(t, fmt.Sprintf("%s row %d %v", ts.sheet, i+2, key), row, e.cell, e.test, e.dim)
		}
	}
	if seen != len(want) {
		t.Errorf("the sheets hold %d breakdown rows, the report %d", seen, len(want))
	}
	return published
}

func checkBreakdownRow(t *testing.T, what string, row []cell, c analysis.Cell, test *analysis.Test, dim bool) {
	t.Helper()
	nums := row[8:14]
	if c.Suppressed {
		for _, x := range append(nums, row[19:22]...) {
			if x.value != markSuppressed {
				t.Errorf("%s: a suppressed cell shows %q", what, x.value)
			}
		}
		return
	}
	wantNums := []float64{float64(c.N), float64(c.Denominator), c.Percent, c.Low, c.High, float64(c.Rank)}
	if c.Denominator == 0 {
		wantNums = wantNums[:2]
	}
	for j, w := range wantNums {
		if !same(nums[j], w) {
			t.Errorf("%s: column %d is %q, want %v", what, 9+j, nums[j].value, w)
		}
	}
	dk := 0
	for _, m := range c.Missing {
		dk += m.N
	}
	for j, w := range []int{c.Shown, c.NotAnswered, dk} {
		if !same(cellAt(row, 19+j), float64(w)) {
			t.Errorf("%s: column %d is %q, want %d", what, 20+j, cellAt(row, 19+j).value, w)
		}
	}
	switch {
	case !dim:
	case test == nil:
		if cellAt(row, 14).value != markNotTested {
			t.Errorf("%s: test %q, want %q", what, cellAt(row, 14).value, markNotTested)
		}
	default:
		if !same(cellAt(row, 17), test.P) || (test.Method == analysis.MethodChiSquare && (!same(cellAt(row, 15), test.Statistic) || !same(cellAt(row, 16), float64(test.DF)))) {
			t.Errorf("%s: test %v, want %+v", what, row[14:18], *test)
		}
	}
}

// recount counts every published breakdown cell again from the Data
// sheet's codes alone and compares.
func recount(t *testing.T, q *survey.Questionnaire, data sheetGrid, rep analysis.Report, published map[cellKey]analysis.Cell) {
	t.Helper()
	col := map[string]int{}
	for i, h := range data[0] {
		col[h.value] = i
	}
	type tally struct{ shown, notAnswered, dk, den, n int }
	counts := map[cellKey]*tally{}
	add := func(k cellKey) *tally {
		if counts[k] == nil {
			counts[k] = &tally{}
		}
		return counts[k]
	}
	for _, row := range data[1:] {
		groups := map[string]string{"": "overall", survey.DimensionTrustActivity: cellAt(row, col[colActivity]).value}
		for _, d := range rep.Meta.Dimensions {
			if d.ID != survey.DimensionTrustActivity {
				groups[d.ID] = cellAt(row, col[d.ID]).value
			}
		}
		for _, bd := range rep.Breakdowns {
			for _, r := range bd.Rows {
				code := r.Code
				if bd.Measure == analysis.MeasureAgree {
					code = r.ID
				}
				st, sel := dataState(q, bd, r, row, col)
				for dim, g := range groups {
					tl := add(cellKey{bd.Item, dim, g, code})
					switch st {
					case "shown-blank":
						tl.shown++
						tl.notAnswered++
					case "dont-know":
						tl.shown++
						tl.dk++
					case "answered":
						tl.shown++
						tl.den++
						if sel {
							tl.n++
						}
					}
				}
			}
		}
	}
	checked := 0
	for k, c := range published {
		if c.Suppressed {
			continue
		}
		got := counts[k]
		if got == nil {
			got = &tally{}
		}
		dk := 0
		for _, m := range c.Missing {
			dk += m.N
		}
		if *got != (tally{c.Shown, c.NotAnswered, dk, c.Denominator, c.N}) {
			t.Errorf("recount of %v from the Data sheet: %+v; the analysis published %+v", k, *got, c)
		}
		checked++
	}
	if checked == 0 {
		t.Error("no published cell to recount")
	}
}

// dataState reads from a Data row whether a breakdown row's item was shown
// and answered, and whether the row's option was chosen (or agreed with).
func dataState(q *survey.Questionnaire, bd analysis.Breakdown, r analysis.Row, row []cell, col map[string]int) (string, bool) {
	it, _ := q.Item(r.ID)
	var first cell
	if it.Type == survey.TypeMultiple {
		for _, o := range it.Options {
			if !o.Missing {
				first = cellAt(row, col[variableName(it.ID+"__"+o.Code)])
				break
			}
		}
	} else {
		first = cellAt(row, col[it.ID])
	}
	if v, ok := first.float(); ok && v < 0 {
		switch {
		case v == CodeNotShown || v == CodeCleared:
			return "not-shown", false
		case v <= CodeDontKnow:
			return "dont-know", false
		}
		return "shown-blank", false
	}
	switch {
	case it.Type == survey.TypeMultiple:
		return "answered", cellAt(row, col[variableName(it.ID+"__"+r.Code)]).value == "1"
	case bd.Measure == analysis.MeasureAgree:
		return "answered", slices.Contains(bd.AgreeCodes, first.value)
	}
	return "answered", first.value == r.Code
}
