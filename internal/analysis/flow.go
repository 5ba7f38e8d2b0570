package analysis

import (
	"slices"
	"strconv"
)

// Count is a published count, or a suppressed one: then N is zero (the
// value never leaves Analyse) and it is written as null.
type Count struct {
	N          int
	Suppressed bool
}

// MarshalJSON writes the count, or null when it is suppressed.
func (c Count) MarshalJSON() ([]byte, error) {
	if c.Suppressed {
		return []byte("null"), nil
	}
	return strconv.AppendInt(nil, int64(c.N), 10), nil
}

// Flow is the exclusion flow: received → excluded (per reason) → included
// = fully completed + partial at or above the threshold; overall, per
// trust and per group of each breakdown dimension.
type Flow struct {
	Overall     FlowCounts      `json:"overall"`
	ByTrust     []FlowGroup     `json:"by_trust"`
	ByDimension []FlowDimension `json:"by_dimension"`
}

// FlowCounts is one row of the flow. Received = Excluded + Included and
// Included = Complete + Partial. A response excluded for several reasons
// counts once under each, so the reasons may add up to more than Excluded.
type FlowCounts struct {
	Received Count         `json:"received"`
	Excluded Count         `json:"excluded"`
	Reasons  []ReasonCount `json:"reasons"`
	Included Count         `json:"included"`
	Complete Count         `json:"complete"` // fully completed (submitted)
	Partial  Count         `json:"partial"`  // partial, at or above the completion threshold
}

// ReasonCount is how many responses one exclusion reason applies to.
type ReasonCount struct {
	Reason string `json:"reason"`
	N      Count  `json:"n"`
}

// FlowGroup is the flow of one trust or one dimension group.
type FlowGroup struct {
	Code  string `json:"code"`
	Label string `json:"label"`
	Level string `json:"level,omitempty"` // trusts: activity level
	FlowCounts
}

// FlowDimension is the flow per group of one dimension.
type FlowDimension struct {
	Dimension string      `json:"dimension"`
	Groups    []FlowGroup `json:"groups"`
}

// Flow table columns; the reasons follow colReasons.
const (
	colReceived = iota
	colExcluded
	colIncluded
	colComplete
	colPartial
	colReasons
)

// flowTable is the flow as a grid of counts: row 0 overall, then one row
// per trust, then the groups of each dimension in turn.
type flowTable struct {
	reasons []string
	trusts  []Trust
	dims    []Dimension
	counts  [][]int // [row][column]
}

func (t *flowTable) cols() int { return colReasons + len(t.reasons) }

func (t *flowTable) dimRow(d, g int) int {
	row := 1 + len(t.trusts)
	for i := range d {
		row += len(t.dims[i].Groups)
	}
	return row + g
}

// addFlow counts one response in one row of the flow.
func addFlow(c []int, reasons []string, p *prepared) {
	c[colReceived]++
	switch {
	case !p.included():
		c[colExcluded]++
	case p.r.Submitted:
		c[colIncluded]++
		c[colComplete]++
	default:
		c[colIncluded]++
		c[colPartial]++
	}
	for _, reason := range p.reasons {
		c[colReasons+slices.Index(reasons, reason)]++
	}
}

// publish suppresses small cells and builds the Flow.
func (t *flowTable) publish(k int) Flow {
	ncol := t.cols()
	cell := func(row, col int) int { return row*ncol + col }
	sizes := make([][]int, len(t.counts)*ncol)
	for r, row := range t.counts {
		for c, v := range row {
			sizes[cell(r, c)] = []int{v}
		}
	}
	var rels []Relation
	for r := range t.counts {
		rels = append(rels,
			Relation{cell(r, colReceived), []int{cell(r, colExcluded), cell(r, colIncluded)}},
			Relation{cell(r, colIncluded), []int{cell(r, colComplete), cell(r, colPartial)}})
	}
	for c := range ncol {
		rels = append(rels, Relation{cell(0, c), t.column(c, 1, 1+len(t.trusts), cell)})
		for d, dim := range t.dims {
			rels = append(rels, Relation{cell(0, c), t.column(c, t.dimRow(d, 0), t.dimRow(d, len(dim.Groups)), cell)})
		}
	}
	hidden := Suppress(k, sizes, rels)
	counts := func(r int) FlowCounts { return t.row(r, hidden[r*ncol:(r+1)*ncol]) }
	f := Flow{Overall: counts(0), ByTrust: []FlowGroup{}}
	for i, tr := range t.trusts {
		f.ByTrust = append(f.ByTrust, FlowGroup{Code: tr.Code, Label: tr.Name, Level: tr.Level, FlowCounts: counts(1 + i)})
	}
	for d, dim := range t.dims {
		fd := FlowDimension{Dimension: dim.ID}
		for g, grp := range dim.Groups {
			fd.Groups = append(fd.Groups, FlowGroup{Code: grp.Code, Label: grp.Label, FlowCounts: counts(t.dimRow(d, g))})
		}
		f.ByDimension = append(f.ByDimension, fd)
	}
	return f
}

// column lists the cells of column c in rows [from, to).
func (t *flowTable) column(c, from, to int, cell func(int, int) int) []int {
	var out []int
	for r := from; r < to; r++ {
		out = append(out, cell(r, c))
	}
	return out
}

// row publishes one row given which of its cells are hidden.
func (t *flowTable) row(r int, hidden []bool) FlowCounts {
	count := func(c int) Count {
		if hidden[c] {
			return Count{Suppressed: true}
		}
		return Count{N: t.counts[r][c]}
	}
	fc := FlowCounts{
		Received: count(colReceived), Excluded: count(colExcluded), Included: count(colIncluded),
		Complete: count(colComplete), Partial: count(colPartial), Reasons: []ReasonCount{},
	}
	for i, reason := range t.reasons {
		fc.Reasons = append(fc.Reasons, ReasonCount{Reason: reason, N: count(colReasons + i)})
	}
	return fc
}
