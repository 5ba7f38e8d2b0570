package export

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// Sheet names, in workbook order.
const (
	sheetAbout      = "About"
	sheetFlow       = "Flow"
	sheetBarriers   = "Barriers"
	sheetMotivators = "Motivators"
	sheetEnablers   = "Enablers"
	sheetSupport    = "Organisational support"
	sheetWaves      = "Waves"
	sheetData       = "Data"
	sheetLabels     = "Data (labels)"
	sheetCodebook   = "Codebook"
	sheetExcluded   = "Excluded"
)

// book is the workbook being written and the styles its sheets share.
type book struct {
	f                                  *excelize.File
	header, percent, pvalue, statistic int // style ids
	note                               int
}

func newBook(sheets []string) (*book, error) {
	f := excelize.NewFile()
	b := &book{f: f}
	if err := f.SetSheetName("Sheet1", sheets[0]); err != nil {
		return nil, err
	}
	for _, s := range sheets[1:] {
		if _, err := f.NewSheet(s); err != nil {
			return nil, fmt.Errorf("add sheet %s: %w", s, err)
		}
	}
	styles := []struct {
		id    *int
		style excelize.Style
	}{
		{&b.header, excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
			Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#E8EDEE"}},
			Border: []excelize.Border{{Type: "bottom", Color: "#425563", Style: 1}}}},
		{&b.percent, excelize.Style{CustomNumFmt: ptr("0.0")}},
		{&b.pvalue, excelize.Style{CustomNumFmt: ptr("0.0000")}},
		{&b.statistic, excelize.Style{CustomNumFmt: ptr("0.00")}},
		{&b.note, excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
	}
	for _, s := range styles {
		id, err := f.NewStyle(&s.style)
		if err != nil {
			return nil, fmt.Errorf("workbook style: %w", err)
		}
		*s.id = id
	}
	return b, nil
}

func ptr[T any](v T) *T { return &v }

// writeTo saves the workbook to w. excelize assembles a workbook in
// memory before writing it (WriteTo fills a buffer), which for a large
// review would hold the whole compressed file; the zip writer given to
// it here writes straight to w instead, so the buffer stays empty, and
// compresses on every processor (see parallelZip).
func (b *book) writeTo(w io.Writer) error {
	b.f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return newParallelZip(w) })
	if _, err := b.f.WriteTo(io.Discard); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	return nil
}

// close removes the temporary files the stream writers used.
func (b *book) close() error { return b.f.Close() }

// column is one column of a table: its header, width and the style of
// its cells (0 for none).
type column struct {
	title string
	width float64
	style int
}

// table writes a sheet as one table: a header row, frozen, with a filter
// over every column, and a row per add.
type table struct {
	b    *book
	name string
	cols []column
	rows int // rows written, header included
}

// table starts a sheet's table. Column titles go through safe like every
// other text.
func (b *book) table(name string, cols []column) (*table, error) {
	t := &table{b: b, name: name, cols: cols}
	header := make([]any, len(cols))
	for i, c := range cols {
		header[i] = safe(c.title)
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := b.f.SetColWidth(name, col, col, c.width); err != nil {
			return nil, err
		}
		if c.style != 0 {
			if err := b.f.SetColStyle(name, col, c.style); err != nil {
				return nil, err
			}
		}
	}
	if err := t.add(header...); err != nil {
		return nil, err
	}
	last, _ := excelize.ColumnNumberToName(len(cols))
	if err := b.f.SetCellStyle(name, "A1", last+"1", b.header); err != nil {
		return nil, err
	}
	return t, b.f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// add writes the next row: numbers as numbers, strings as given (callers
// pass text through safe).
func (t *table) add(values ...any) error {
	t.rows++
	cell, _ := excelize.CoordinatesToCellName(1, t.rows)
	if err := t.b.f.SetSheetRow(t.name, cell, &values); err != nil {
		return fmt.Errorf("sheet %s row %d: %w", t.name, t.rows, err)
	}
	return nil
}

// finish puts a filter over the table.
func (t *table) finish() error {
	last, _ := excelize.CoordinatesToCellName(len(t.cols), max(t.rows, 2))
	if err := t.b.f.AutoFilter(t.name, "A1:"+last, nil); err != nil {
		return fmt.Errorf("sheet %s filter: %w", t.name, err)
	}
	return nil
}

// streamTable writes a large sheet row by row through excelize's stream
// writer, so the rows never sit in memory: a frozen header row, then the
// rows, then an Excel table over them for filtering.
type streamTable struct {
	sw    *excelize.StreamWriter
	name  string // the table's name
	ncols int
	rows  int
}

// stream starts a streamed sheet with the given headers, its columns as
// wide as widths says (the last width holding for the columns after).
// excelize looks up every cell's column in its list of column widths,
// which it keeps one entry per column once there is more than one range:
// a sheet of many columns takes a single width.
func (b *book) stream(sheet, name string, headers []string, widths []float64) (*streamTable, error) {
	sw, err := b.f.NewStreamWriter(sheet)
	if err != nil {
		return nil, fmt.Errorf("sheet %s: %w", sheet, err)
	}
	for i, w := range widths {
		last := i + 1
		if i == len(widths)-1 {
			last = max(last, len(headers))
		}
		if err := sw.SetColWidth(i+1, last, w); err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight"}); err != nil {
		return nil, err
	}
	s := &streamTable{sw: sw, name: name, ncols: len(headers)}
	row := make([]any, len(headers))
	for i, h := range headers {
		row[i] = excelize.Cell{StyleID: b.header, Value: safe(h)}
	}
	return s, s.add(row)
}

// add writes the next row.
func (s *streamTable) add(values []any) error {
	s.rows++
	cell, _ := excelize.CoordinatesToCellName(1, s.rows)
	if err := s.sw.SetRow(cell, values); err != nil {
		return fmt.Errorf("sheet %s row %d: %w", s.sw.Sheet, s.rows, err)
	}
	return nil
}

// finish adds the table and flushes the sheet.
func (s *streamTable) finish() error {
	last, _ := excelize.CoordinatesToCellName(s.ncols, max(s.rows, 2))
	off := false
	if err := s.sw.AddTable(&excelize.Table{Range: "A1:" + last, Name: s.name, StyleName: "TableStyleLight1", ShowRowStripes: &off}); err != nil {
		return fmt.Errorf("sheet %s table: %w", s.sw.Sheet, err)
	}
	if err := s.sw.Flush(); err != nil {
		return fmt.Errorf("sheet %s: %w", s.sw.Sheet, err)
	}
	return nil
}
