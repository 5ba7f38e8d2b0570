package export

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

// bom starts each CSV file so that spreadsheets read it as UTF-8 (Welsh
// ŵ and ŷ, emoji); R, Stata and SPSS skip it.
const bom = "\uFEFF"

// CSV writes the Data sheet of a review (codes, with the same columns,
// missing-value codes and cell safety as the workbook) to data, and its
// codebook to codebook, each as UTF-8 CSV with a byte-order mark, for R,
// Stata and SPSS. Lines end in LF, so text with line breaks comes back
// exactly.
func CSV(ctx context.Context, st *store.Store, qs []*survey.Questionnaire, opts Options, data, codebook io.Writer) error {
	r, err := findReview(ctx, st, qs, opts.Review)
	if err != nil {
		return err
	}
	p := &pass{r: r, opts: opts}
	var sink *csvSink
	err = p.run(ctx, st, func(p *pass) (rowSink, error) {
		var err error
		sink, err = newCSVSink(data, p.layout.names)
		return sink, err
	})
	if err == nil {
		err = sink.flush()
	}
	if err == nil {
		err = writeCodebookCSV(codebook, p.codebook())
	}
	if err != nil {
		return fmt.Errorf("export review %s as CSV: %w", r.rev.Slug, err)
	}
	return nil
}

// csvSink writes Data rows to a CSV file; excluded rows are not written.
type csvSink struct {
	w      *csv.Writer
	row    row
	record []string
}

func newCSVSink(w io.Writer, headers []string) (*csvSink, error) {
	if _, err := io.WriteString(w, bom); err != nil {
		return nil, err
	}
	s := &csvSink{w: csv.NewWriter(w)}
	record := make([]string, len(headers))
	for i, h := range headers {
		record[i] = safe(h)
	}
	return s, s.w.Write(record)
}

func (s *csvSink) slot() *row { return &s.row }

func (s *csvSink) data() error {
	s.record = s.record[:0]
	for _, v := range s.row.codes {
		s.record = append(s.record, csvValue(v))
	}
	return s.w.Write(s.record)
}

func (s *csvSink) excluded([]any) error { return nil }

func (s *csvSink) flush() error {
	s.w.Flush()
	return s.w.Error()
}

// csvValue writes a number in full precision and text as it is (already
// made safe).
func csvValue(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

// writeCodebookCSV writes the codebook with its header.
func writeCodebookCSV(w io.Writer, entries []entry) error {
	rows := make([][]string, len(entries))
	for i, e := range entries {
		rows[i] = e.cells()
	}
	return writeSafeCSV(w, codebookHeaders, rows)
}

// writeSafeCSV writes a table as UTF-8 CSV with a byte-order mark, the
// header first and every cell made safe.
func writeSafeCSV(w io.Writer, header []string, rows [][]string) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, cells := range rows {
		for i := range cells {
			cells[i] = safe(cells[i])
		}
		if err := cw.Write(cells); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
