package export

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/researchpulse/pulse/internal/analysis"
	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

// Options say what to export.
type Options struct {
	Review  string // slug of the review
	Compare string // slug of an earlier wave to compare with (workbook only); "" for none
	// IncludeExcluded puts excluded responses in the Data sheets too, with
	// the included and exclusion_reasons columns saying which they are.
	IncludeExcluded bool
	Software        string    // program name and version, reported with the results
	Now             time.Time // the export time reported; zero means now
	// Progress, when set, is called with the responses read so far and
	// the total, every few thousand responses and after the last (once
	// with done equal to total, when the count did not change meanwhile).
	Progress func(done, total int)
}

// progressEvery is how many responses pass between progress calls.
const progressEvery = 2000

// ErrNoReview means the review to export does not exist.
var ErrNoReview = errors.New("no such review")

// review is a review to export with its questionnaire.
type review struct {
	rev store.Review
	q   *survey.Questionnaire
}

// findReview reads a review by slug and finds the questionnaire it was
// launched with among qs (loaded from the store, never from files).
func findReview(ctx context.Context, st *store.Store, qs []*survey.Questionnaire, slug string) (review, error) {
	rev, err := st.ReviewBySlug(ctx, slug)
	if errors.Is(err, store.ErrNotFound) {
		return review{}, fmt.Errorf("review %q: %w", slug, ErrNoReview)
	}
	if err != nil {
		return review{}, err
	}
	for _, q := range qs {
		if q.Hash == rev.QuestionnaireHash {
			return review{rev: rev, q: q}, nil
		}
	}
	return review{}, fmt.Errorf("review %s: its stored questionnaire %s v%s (hash %.12s…) does not load",
		rev.Slug, rev.QuestionnaireID, rev.QuestionnaireVersion, rev.QuestionnaireHash)
}

// input is the analysis input of a review, without responses: those are
// streamed to the Analyser.
func (r review) input(links []store.ReviewLink, software string) analysis.Input {
	return analysis.Input{Questionnaire: r.q, Rules: r.rev.Rules, Opens: r.rev.OpensAt, Closes: r.rev.ClosesAt,
		Trusts: store.AnalysisTrusts(links), Review: r.rev.Slug, Software: software}
}

// analyse streams a review through the analysis, for the earlier wave of
// a comparison.
func analyse(ctx context.Context, st *store.Store, r review, software string) (analysis.Report, error) {
	var rep analysis.Report
	err := st.ReadReview(ctx, r.rev.ID, func(rs *store.ReviewSnapshot) error {
		links, err := rs.Links()
		if err != nil {
			return err
		}
		a, err := analysis.NewAnalyser(r.input(links, software))
		if err != nil {
			return err
		}
		err = rs.EachResponse(func(sr *store.StoredResponse) error {
			_, err := a.Add(sr.Response)
			return err
		})
		rep = a.Report()
		return err
	})
	if err != nil {
		return analysis.Report{}, fmt.Errorf("analyse review %s: %w", r.rev.Slug, err)
	}
	return rep, nil
}

// rowSink receives the Data rows (codes and labels) and the Excluded
// rows: the workbook's streamed sheets, or CSV files. A Data row is
// filled in the slot the sink gives, then handed over with data.
type rowSink interface {
	slot() *row
	data() error
	excluded(values []any) error
}

// pass is one read of a review: every response analysed and, as it is
// decided, its Data row or its Excluded row written.
type pass struct {
	r       review
	opts    Options
	links   []store.ReviewLink
	trusts  map[string]store.Trust
	layout  *layout
	reasons []string // the exclusion reasons the rules can give, in order
	report  analysis.Report
	written int // Data rows
	cut     int // text cells cut to fit
}

// run reads the review once from one snapshot, feeding every response to
// the analysis and the rows to sink; start is called once the layout is
// known, before the first row.
func (p *pass) run(ctx context.Context, st *store.Store, start func(*pass) (rowSink, error)) error {
	return st.ReadReview(ctx, p.r.rev.ID, func(rs *store.ReviewSnapshot) error {
		var err error
		if p.links, err = rs.Links(); err != nil {
			return err
		}
		total, err := rs.CountResponses()
		if err != nil {
			return err
		}
		a, err := analysis.NewAnalyser(p.r.input(p.links, p.opts.Software))
		if err != nil {
			return err
		}
		p.setUp(a)
		sink, err := start(p)
		if err != nil {
			return err
		}
		if err := p.stream(rs, a, sink, total); err != nil {
			return err
		}
		p.report = a.Report()
		return nil
	})
}

// setUp readies the columns from the dimensions the analysis reports.
func (p *pass) setUp(a *analysis.Analyser) {
	p.trusts = map[string]store.Trust{}
	for _, l := range p.links {
		p.trusts[l.Trust.Code] = l.Trust
	}
	p.reasons = p.r.rev.Rules.Reasons()
	p.layout = newLayout(p.r.q, a.Dimensions(), p.opts.IncludeExcluded)
}

func (p *pass) stream(rs *store.ReviewSnapshot, a *analysis.Analyser, sink rowSink, total int) error {
	done := 0
	err := rs.EachResponse(func(sr *store.StoredResponse) error {
		d, as, err := a.AddAssessed(sr.Response)
		if err != nil {
			return err
		}
		if d.Included || p.opts.IncludeExcluded {
			r := sink.slot()
			p.layout.rowOf(newRespondent(p.r.q, sr, as), d, p.trusts, r)
			p.cut += cutCells(r.codes)
			if err := sink.data(); err != nil {
				return err
			}
			p.written++
		}
		if !d.Included {
			if err := sink.excluded(p.excludedRow(sr, d)); err != nil {
				return err
			}
		}
		if done++; p.opts.Progress != nil && done%progressEvery == 0 {
			p.opts.Progress(done, total)
		}
		return nil
	})
	if err == nil && p.opts.Progress != nil && (done == 0 || done%progressEvery != 0) {
		p.opts.Progress(done, total)
	}
	return err
}

// cutCells counts the text cells of a row that safe had to cut: only
// those can be as long as a cell holds.
func cutCells(values []any) int {
	n := 0
	for _, v := range values {
		if s, ok := v.(string); ok && len(s) >= maxCellChars-len(cutMark) && strings.HasSuffix(s, cutMark) {
			n++
		}
	}
	return n
}

// excludedRow is one row of the Excluded sheet: who, and every reason.
func (p *pass) excludedRow(sr *store.StoredResponse, d analysis.Decision) []any {
	status := statusPartial
	if sr.Submitted {
		status = statusComplete
	}
	out := []any{safe(sr.ID), safe(sr.Trust), levelCode(sr.Level), status, d.Ratio, joinReasons(d.Reasons)}
	for _, reason := range p.reasons {
		n := 0
		for _, got := range d.Reasons {
			if got == reason {
				n = 1
			}
		}
		out = append(out, n)
	}
	return out
}

// exportTime is the time reported as the export time.
func (o Options) exportTime() time.Time {
	if o.Now.IsZero() {
		return time.Now().UTC()
	}
	return o.Now.UTC()
}

// Workbook writes the researcher's workbook of a review to w.
func Workbook(ctx context.Context, st *store.Store, qs []*survey.Questionnaire, opts Options, w io.Writer) error {
	r, err := findReview(ctx, st, qs, opts.Review)
	if err != nil {
		return err
	}
	var prev *analysis.Report
	if opts.Compare != "" {
		if prev, err = earlierWave(ctx, st, qs, opts); err != nil {
			return err
		}
	}
	b, err := newBook(sheetNames(prev != nil))
	if err != nil {
		return err
	}
	defer b.close()
	p := &pass{r: r, opts: opts}
	var sheets *streamedSheets
	err = p.run(ctx, st, func(p *pass) (rowSink, error) {
		sheets, err = b.streamedSheets(p)
		return sheets, err
	})
	switch {
	case err == nil:
		err = sheets.finish()
	case sheets != nil:
		_ = sheets.stop() // the pass failed: let the writers end
	}
	if err != nil {
		return fmt.Errorf("export review %s: %w", r.rev.Slug, err)
	}
	var cmp *analysis.Comparison
	if prev != nil {
		c, err := analysis.Compare(*prev, p.report)
		if err != nil {
			return fmt.Errorf("export review %s: %w", r.rev.Slug, err)
		}
		cmp = &c
	}
	if err := b.summarySheets(p, cmp); err != nil {
		return fmt.Errorf("export review %s: %w", r.rev.Slug, err)
	}
	return b.writeTo(w)
}

// earlierWave analyses the review to compare with.
func earlierWave(ctx context.Context, st *store.Store, qs []*survey.Questionnaire, opts Options) (*analysis.Report, error) {
	prev, err := findReview(ctx, st, qs, opts.Compare)
	if err != nil {
		return nil, err
	}
	rep, err := analyse(ctx, st, prev, opts.Software)
	if err != nil {
		return nil, err
	}
	return &rep, nil
}

// sheetNames lists the workbook's sheets in order.
func sheetNames(waves bool) []string {
	out := []string{sheetAbout, sheetFlow, sheetBarriers, sheetMotivators, sheetEnablers, sheetSupport}
	if waves {
		out = append(out, sheetWaves)
	}
	return append(out, sheetData, sheetLabels, sheetCodebook, sheetExcluded)
}
