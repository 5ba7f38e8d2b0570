package export

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/researchpulse/pulse/internal/analysis"
	"github.com/researchpulse/pulse/internal/survey"
)

// Markers written in place of numbers.
const (
	markSuppressed = "suppressed" // a cell hidden by disclosure control
	markNoAnswers  = "n/a"        // no denominator: nobody answered
	markNotTested  = "not tested" // fewer than two groups to compare, or no variation
	markNoChange   = "unavailable"
)

// tagSheets are the breakdown sheets, one per tag, in workbook order.
var tagSheets = []struct{ tag, sheet, noun string }{
	{survey.TagBarrier, sheetBarriers, "barrier"},
	{survey.TagMotivator, sheetMotivators, "motivator"},
	{survey.TagEnabler, sheetEnablers, "enabler"},
	{survey.TagOrgSupport, sheetSupport, "organisational support"},
}

// Columns of a breakdown sheet; chartCol holds the percentages the charts
// draw (empty where a cell is suppressed) and is hidden.
var breakdownCols = []column{
	{"Item", 7, 0}, {"Question", 40, 0}, {"Measure", 24, 0}, {"Breakdown", 20, 0}, {"Group", 24, 0}, {"Group code", 14, 0},
	{"Option or statement", 40, 0}, {"Code", 16, 0}, {"n", 8, 0}, {"Denominator", 12, 0}, {"%", 8, 0},
	{"95% CI low", 10, 0}, {"95% CI high", 10, 0}, {"Rank", 7, 0}, {"Test of difference", 18, 0}, {"Statistic", 10, 0},
	{"df", 5, 0}, {"p", 9, 0}, {"Test note", 20, 0}, {"Shown the item", 10, 0}, {"Not answered", 10, 0},
	{"Don't know", 10, 0}, {"% for charts", 8, 0},
}

const (
	colGroup    = 5  // E: the group label, which names a chart's series
	colOption   = 7  // G: the option label, a chart's categories
	colChart    = 23 // W: the hidden chart column
	chartAnchor = "Y"
)

// breakdownSheets writes the four breakdown sheets.
func (b *book) breakdownSheets(q *survey.Questionnaire, rep analysis.Report) error {
	for _, ts := range tagSheets {
		if err := b.breakdownSheet(q, rep, ts.tag, ts.sheet, ts.noun); err != nil {
			return fmt.Errorf("sheet %s: %w", ts.sheet, err)
		}
	}
	return nil
}

// blockRef is where one block (an item by one dimension) sits, for its
// chart.
type blockRef struct {
	title  string
	first  int   // first row
	groups []int // first row of each group
	rows   int   // rows per group
	names  []int // row whose group label names each series
}

func (b *book) breakdownSheet(q *survey.Questionnaire, rep analysis.Report, tag, sheet, noun string) error {
	cols := append([]column(nil), breakdownCols...)
	cols[8].style, cols[10].style, cols[11].style, cols[12].style = 0, b.percent, b.percent, b.percent
	cols[15].style, cols[17].style, cols[22].style = b.statistic, b.pvalue, b.percent
	t, err := b.table(sheet, cols)
	if err != nil {
		return err
	}
	var blocks []blockRef
	any := false
	for _, bd := range rep.Breakdowns {
		if bd.Tag != tag {
			continue
		}
		any = true
		for _, blk := range breakdownBlocks(rep, bd) {
			ref, err := t.block(bd, blk, measureWords(q, bd))
			if err != nil {
				return err
			}
			blocks = append(blocks, ref)
		}
	}
	if !any {
		if err := t.add(safe(fmt.Sprintf("No item of this questionnaire is tagged %s.", noun))); err != nil {
			return err
		}
	}
	if err := b.f.SetColVisible(sheet, "W", false); err != nil {
		return err
	}
	if err := t.finish(); err != nil {
		return err
	}
	return b.charts(sheet, blocks)
}

// block is one dimension (or overall) of a breakdown.
type block struct {
	label  string // "Overall" or the dimension's label
	groups []analysis.GroupCells
	tests  []*analysis.Test // one per row; nil for overall
}

// breakdownBlocks lists a breakdown's blocks: each dimension in report
// order, then overall.
func breakdownBlocks(rep analysis.Report, bd analysis.Breakdown) []block {
	var out []block
	for _, dc := range bd.Dimensions {
		label := dc.Dimension
		for _, d := range rep.Meta.Dimensions {
			if d.ID == dc.Dimension {
				label = d.Label
			}
		}
		out = append(out, block{label: label, groups: dc.Groups, tests: dc.Tests})
	}
	return append(out, block{label: "Overall", groups: []analysis.GroupCells{bd.Overall}})
}

// block writes one block: each group's rows in turn.
func (t *table) block(bd analysis.Breakdown, blk block, measure string) (blockRef, error) {
	ref := blockRef{title: fmt.Sprintf("%s %s: %% by %s", bd.Item, bd.Label, strings.ToLower(blk.label)), first: t.rows + 1, rows: len(bd.Rows)}
	if blk.label == "Overall" {
		ref.title = fmt.Sprintf("%s %s: %% overall", bd.Item, bd.Label)
	}
	for _, g := range blk.groups {
		ref.groups = append(ref.groups, t.rows+1)
		for r, row := range bd.Rows {
			var test *analysis.Test
			if blk.tests != nil {
				test = blk.tests[r]
			}
			if err := t.add(breakdownRow(bd, blk, measure, g, r, row, test)...); err != nil {
				return ref, err
			}
		}
	}
	return ref, nil
}

// breakdownRow is one row: an option (or statement) in one group.
func breakdownRow(bd analysis.Breakdown, blk block, measure string, g analysis.GroupCells, r int, row analysis.Row, test *analysis.Test) []any {
	code := row.Code
	if bd.Measure == analysis.MeasureAgree {
		code = row.ID
	}
	out := []any{safe(bd.Item), safe(bd.Question), measure, safe(blk.label), safe(g.Label), safe(g.Code), safe(row.Label), safe(code)}
	out = append(out, cellValues(g.Cells[r])...)
	out = append(out, testValues(blk, test)...)
	c := g.Cells[r]
	if c.Suppressed {
		return append(out, markSuppressed, markSuppressed, markSuppressed, nil)
	}
	dk := 0
	for _, m := range c.Missing {
		dk += m.N
	}
	var chart any
	if c.Denominator > 0 {
		chart = c.Percent
	}
	return append(out, c.Shown, c.NotAnswered, dk, chart)
}

// cellValues are n, denominator, %, interval and rank of a cell.
func cellValues(c analysis.Cell) []any {
	switch {
	case c.Suppressed:
		return []any{markSuppressed, markSuppressed, markSuppressed, markSuppressed, markSuppressed, markSuppressed}
	case c.Denominator == 0:
		return []any{c.N, c.Denominator, markNoAnswers, markNoAnswers, markNoAnswers, markNoAnswers}
	}
	var rank any = c.Rank
	if c.Rank == 0 {
		rank = markNoAnswers
	}
	return []any{c.N, c.Denominator, c.Percent, c.Low, c.High, rank}
}

// testValues are the test of difference of a row across a dimension's
// groups: method, statistic, df, p and any note.
func testValues(blk block, t *analysis.Test) []any {
	switch {
	case blk.tests == nil:
		return []any{"", "", "", "", ""}
	case t == nil:
		return []any{markNotTested, "", "", "", ""}
	case t.Method == analysis.MethodFisher:
		return []any{"Fisher's exact", "", "", t.P, safe(t.Note)}
	}
	return []any{"Pearson's chi-square", t.Statistic, t.DF, t.P, safe(t.Note)}
}

// measureWords says what a breakdown's percentages are of: choosing the
// option, or agreeing, naming the scale points that count as agreeing.
func measureWords(q *survey.Questionnaire, bd analysis.Breakdown) string {
	if bd.Measure != analysis.MeasureAgree {
		return "% choosing the option"
	}
	labels := append([]string(nil), bd.AgreeCodes...)
	if it, ok := q.Item(bd.Rows[0].ID); ok {
		for i, c := range bd.AgreeCodes {
			if o, found := it.Option(c); found {
				labels[i] = o.Label.In(q.DefaultLanguage())
			}
		}
	}
	return safe("% agreeing (" + strings.Join(labels, ", ") + ")")
}

// charts draws a clustered bar chart of % by group for every block, to
// the right of the table, each starting at its block's first row or below
// the chart before it. Series names and categories refer to the label
// cells of the table, never to text, so nothing from a questionnaire ever
// reaches a chart's formula references.
func (b *book) charts(sheet string, blocks []blockRef) error {
	next := 1
	for _, blk := range blocks {
		height := max(260, 90+16*blk.rows*len(blk.groups))
		top := max(blk.first, next)
		if err := b.f.AddChart(sheet, fmt.Sprintf("%s%d", chartAnchor, top), b.chart(sheet, blk, height)); err != nil {
			return fmt.Errorf("chart %s: %w", blk.title, err)
		}
		next = top + height/20 + 2
	}
	return nil
}

func (b *book) chart(sheet string, blk blockRef, height int) *excelize.Chart {
	ref := func(col, from, to int) string {
		a, _ := excelize.CoordinatesToCellName(col, from, true)
		if from == to {
			return fmt.Sprintf("'%s'!%s", sheet, a)
		}
		z, _ := excelize.CoordinatesToCellName(col, to, true)
		return fmt.Sprintf("'%s'!%s:%s", sheet, a, z)
	}
	c := &excelize.Chart{
		Type:         excelize.Bar,
		Title:        excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: safe(blk.title)}}},
		Format:       excelize.GraphicOptions{AltText: safe(blk.title)},
		Dimension:    excelize.ChartDimension{Width: 620, Height: uint(height)},
		Legend:       excelize.ChartLegend{Position: "bottom"},
		XAxis:        excelize.ChartAxis{ReverseOrder: true},
		YAxis:        excelize.ChartAxis{Minimum: ptr(0.0), Maximum: ptr(100.0), MajorGridLines: true},
		ShowBlanksAs: "gap",
		VaryColors:   ptr(false),
	}
	for _, first := range blk.groups {
		c.Series = append(c.Series, excelize.ChartSeries{
			Name:       ref(colGroup, first, first),
			Categories: ref(colOption, blk.groups[0], blk.groups[0]+blk.rows-1),
			Values:     ref(colChart, first, first+blk.rows-1),
		})
	}
	return c
}
