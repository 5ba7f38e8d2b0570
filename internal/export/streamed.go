package export

import (
	"strings"
	"sync"
	"sync/atomic"
)

// streamedSheets are the sheets written row by row during the pass: Data,
// Data (labels) and Excluded. Writing a cell costs excelize more than
// everything else the export does for it, so Data and Data (labels) are
// each written by a goroutine of their own while the pass reads and
// analyses the next responses: rows go to them in batches, and a batch
// comes back for reuse once both have written it. The two stream writers
// share nothing but the workbook, which they do not touch until Flush.
type streamedSheets struct {
	codes, labels, excl *streamTable
	filling             *rowBatch
	toCodes, toLabels   chan *rowBatch
	free                chan *rowBatch
	batches             int // batches made so far
	done                sync.WaitGroup
	failed              atomic.Pointer[error]
}

// rowBatch is a batch of Data rows on its way to both writers.
type rowBatch struct {
	rows    []row
	n       int
	pending atomic.Int32 // writers yet to write it
}

const (
	batchRows  = 256
	maxBatches = 8 // rows in flight: enough to keep both writers busy
)

func (b *book) streamedSheets(p *pass) (*streamedSheets, error) {
	codes, err := b.stream(sheetData, "Data", p.layout.names, dataWidth)
	if err != nil {
		return nil, err
	}
	labels, err := b.stream(sheetLabels, "DataLabels", p.layout.names, dataWidth)
	if err != nil {
		return nil, err
	}
	headers := append([]string{colResponseID, colTrust, colActivity, colStatus, colRatio, "reasons"}, p.reasons...)
	widths := []float64{28, 11, 15, 11, 16, 36}
	excl, err := b.stream(sheetExcluded, "Excluded", headers, append(widths[:6:6], 16))
	if err != nil {
		return nil, err
	}
	s := &streamedSheets{codes: codes, labels: labels, excl: excl, toCodes: make(chan *rowBatch, maxBatches),
		toLabels: make(chan *rowBatch, maxBatches), free: make(chan *rowBatch, maxBatches)}
	s.done.Add(2)
	go s.write(s.codes, s.toCodes, func(r *row) []any { return r.codes })
	go s.write(s.labels, s.toLabels, func(r *row) []any { return r.labels })
	return s, nil
}

// write writes every batch that comes to one sheet. After an error it
// keeps taking batches, writing nothing, so the pass never blocks.
func (s *streamedSheets) write(t *streamTable, in <-chan *rowBatch, cells func(*row) []any) {
	defer s.done.Done()
	for b := range in {
		for i := 0; i < b.n && s.failed.Load() == nil; i++ {
			if err := t.add(cells(&b.rows[i])); err != nil {
				s.failed.CompareAndSwap(nil, &err)
			}
		}
		if b.pending.Add(-1) == 0 {
			b.n = 0
			s.free <- b
		}
	}
}

// dataWidth is the width of every column of the Data sheets: one width,
// so that excelize's lookup of a cell's column stays one step (see
// stream).
var dataWidth = []float64{16}

// slot is the next row of the batch being filled, taking a free batch
// (or making one, up to maxBatches) when there is none.
func (s *streamedSheets) slot() *row {
	if s.filling == nil {
		select {
		case s.filling = <-s.free:
		default:
			if s.batches < maxBatches {
				s.batches++
				s.filling = &rowBatch{rows: make([]row, batchRows)}
			} else {
				s.filling = <-s.free
			}
		}
	}
	return &s.filling.rows[s.filling.n]
}

// data hands the filled row over; a full batch goes to both writers.
func (s *streamedSheets) data() error {
	if err := s.failed.Load(); err != nil {
		return *err
	}
	s.filling.n++
	if s.filling.n == batchRows {
		s.send()
	}
	return nil
}

func (s *streamedSheets) send() {
	b := s.filling
	s.filling = nil
	b.pending.Store(2)
	s.toCodes <- b
	s.toLabels <- b
}

func (s *streamedSheets) excluded(values []any) error { return s.excl.add(values) }

// finish sends the last rows, waits for both writers and completes the
// three sheets.
func (s *streamedSheets) finish() error {
	if err := s.stop(); err != nil {
		return err
	}
	for _, t := range []*streamTable{s.codes, s.labels, s.excl} {
		if err := t.finish(); err != nil {
			return err
		}
	}
	return nil
}

// stop sends any rows left and waits for the writers to end. It is safe
// to call more than once.
func (s *streamedSheets) stop() error {
	if s.toCodes != nil {
		if s.filling != nil && s.filling.n > 0 {
			s.send()
		}
		close(s.toCodes)
		close(s.toLabels)
		s.toCodes, s.toLabels = nil, nil
		s.done.Wait()
	}
	if err := s.failed.Load(); err != nil {
		return *err
	}
	return nil
}

// joinReasons lists exclusion reasons in one cell.
func joinReasons(reasons []string) string { return strings.Join(reasons, "; ") }
