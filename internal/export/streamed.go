package export

import (
	"strings"

	"github.com/researchpulse/pulse/internal/survey"
)

// streamedSheets are the sheets written row by row during the pass: Data,
// Data (labels) and Excluded.
type streamedSheets struct {
	codes, labels, excl *streamTable
}

func (b *book) streamedSheets(p *pass) (*streamedSheets, error) {
	width := dataWidths(p.layout)
	codes, err := b.stream(sheetData, "Data", p.layout.names, width)
	if err != nil {
		return nil, err
	}
	labels, err := b.stream(sheetLabels, "DataLabels", p.layout.names, width)
	if err != nil {
		return nil, err
	}
	headers := append([]string{colResponseID, colTrust, colActivity, colStatus, colRatio, "reasons"}, p.reasons...)
	widths := []float64{28, 11, 15, 11, 16, 36}
	for range p.reasons {
		widths = append(widths, 16)
	}
	excl, err := b.stream(sheetExcluded, "Excluded", headers, func(i int) float64 { return widths[i] })
	if err != nil {
		return nil, err
	}
	return &streamedSheets{codes: codes, labels: labels, excl: excl}, nil
}

// dataWidths are the Data sheets' column widths: wide for ids and free
// text, narrow for codes.
func dataWidths(l *layout) func(int) float64 {
	widths := make([]float64, 0, len(l.names))
	for range len(l.names) - countItemColumns(l) {
		widths = append(widths, 16)
	}
	widths[0] = 28
	for _, ic := range l.items {
		w := 12.0
		if ic.it.Type == survey.TypeText || ic.it.Type == survey.TypeTextarea {
			w = 40
		} else if ic.it.Type == survey.TypeMultiple {
			w = 10
		}
		for i := range ic.names {
			if ic.other && i == len(ic.names)-1 {
				widths = append(widths, 30)
			} else {
				widths = append(widths, w)
			}
		}
	}
	return func(i int) float64 { return widths[i] }
}

func countItemColumns(l *layout) int {
	n := 0
	for _, ic := range l.items {
		n += len(ic.names)
	}
	return n
}

func (s *streamedSheets) data(codes, labels []any) error {
	if err := s.codes.add(codes); err != nil {
		return err
	}
	return s.labels.add(labels)
}

func (s *streamedSheets) excluded(values []any) error { return s.excl.add(values) }

func (s *streamedSheets) finish() error {
	for _, t := range []*streamTable{s.codes, s.labels, s.excl} {
		if err := t.finish(); err != nil {
			return err
		}
	}
	return nil
}

// joinReasons lists exclusion reasons in one cell.
func joinReasons(reasons []string) string { return strings.Join(reasons, "; ") }
