package analysis

import (
	"math"
	"slices"
)

// Relation says that one published cell, Total, is the sum of others,
// Parts (a group total and its groups; a row of the flow and its columns).
// Suppression makes sure no relation gives a hidden cell away.
type Relation struct {
	Total int
	Parts []int
}

// Suppress decides which cells of an output to hide. Cell i rests on
// sizes[i] respondents, counted in one or more measures (a flow count; the
// respondents shown an item and those who answered it substantively); a
// cell is hidden when any of its sizes is between 1 and k−1 (primary
// suppression; zero reveals nobody). Then more cells are hidden until no
// hidden cell can be worked out from published ones (secondary
// suppression):
//
//   - every relation hides no cell, or at least two, and when its total is
//     published the hidden parts add up, in every measure, to zero or at
//     least k, so subtracting the published parts from the total reveals
//     only a sum of at least k respondents;
//   - no hidden cell is determined by the relations taken together (a
//     hidden value that some combination of relations pins down, as can
//     happen in a table with totals both ways).
//
// The cell hidden next is always the smallest published non-zero cell of
// a relation that gives something away (lowest index on ties), so the
// result depends only on the sizes and the relations. The breakdowns and
// the flow both go through it, and the wave comparison publishes only
// cells it left published.
func Suppress(k int, sizes [][]int, rels []Relation) []bool {
	hidden := make([]bool, len(sizes))
	for i, s := range sizes {
		hidden[i] = small(k, s)
	}
	for {
		for changed := true; changed; {
			changed = false
			for _, r := range rels {
				if exposes(k, sizes, hidden, r) && hideNext(sizes, hidden, r) {
					changed = true
				}
			}
		}
		j := determined(hidden, rels)
		if j < 0 || !hideBeside(j, sizes, hidden, rels) {
			return hidden
		}
	}
}

// small reports whether any measure is between 1 and k−1.
func small(k int, s []int) bool {
	for _, v := range s {
		if v > 0 && v < k {
			return true
		}
	}
	return false
}

// exposes reports whether the relation lets a hidden cell, or a sum of
// hidden parts below k, be worked out from the published cells.
func exposes(k int, sizes [][]int, hidden []bool, r Relation) bool {
	count := 0
	if hidden[r.Total] {
		count++
	}
	var sum []int
	for _, p := range r.Parts {
		if !hidden[p] {
			continue
		}
		count++
		if sum == nil {
			sum = make([]int, len(sizes[p]))
		}
		for m, v := range sizes[p] {
			sum[m] += v
		}
	}
	switch {
	case count == 0:
		return false
	case count == 1:
		return true
	case hidden[r.Total]:
		return false
	}
	return small(k, sum)
}

// hideNext hides the smallest published non-zero part of the relation, or
// its total when there is none. It reports whether it hid anything.
func hideNext(sizes [][]int, hidden []bool, r Relation) bool {
	best := -1
	for _, p := range r.Parts {
		if hidden[p] || sizes[p][0] == 0 {
			continue
		}
		if best < 0 || sizes[p][0] < sizes[best][0] || (sizes[p][0] == sizes[best][0] && p < best) {
			best = p
		}
	}
	if best < 0 {
		best = r.Total
		if hidden[best] {
			best = firstPublished(hidden, r.Parts)
		}
	}
	if best < 0 {
		return false
	}
	hidden[best] = true
	return true
}

// firstPublished is the first part still published, or -1.
func firstPublished(hidden []bool, parts []int) int {
	for _, p := range parts {
		if !hidden[p] {
			return p
		}
	}
	return -1
}

// determined returns a hidden cell whose value the relations pin down
// given the published cells, or -1. Over the hidden cells the relations
// are linear equations (total − parts = published remainder); a hidden
// cell is determined exactly when its unit vector lies in their row
// space, which in reduced row echelon form means some row has that cell as
// its only non-zero entry.
func determined(hidden []bool, rels []Relation) int {
	col := map[int]int{}
	var vars []int
	for i, h := range hidden {
		if h {
			col[i] = len(vars)
			vars = append(vars, i)
		}
	}
	var rows [][]float64
	for _, r := range rels {
		row := make([]float64, len(vars))
		nonzero := false
		if j, ok := col[r.Total]; ok {
			row[j], nonzero = 1, true
		}
		for _, p := range r.Parts {
			if j, ok := col[p]; ok {
				row[j], nonzero = row[j]-1, true
			}
		}
		if nonzero {
			rows = append(rows, row)
		}
	}
	for _, row := range reduce(rows) {
		only := -1
		for j, v := range row {
			if math.Abs(v) > 1e-9 {
				if only >= 0 {
					only = -2
					break
				}
				only = j
			}
		}
		if only >= 0 {
			return vars[only]
		}
	}
	return -1
}

// reduce brings a small matrix to reduced row echelon form (Gauss–Jordan
// elimination) and returns its non-zero rows.
func reduce(a [][]float64) [][]float64 {
	rank := 0
	for c := 0; len(a) > 0 && c < len(a[0]); c++ {
		pivot := -1
		for r := rank; r < len(a); r++ {
			if math.Abs(a[r][c]) > 1e-9 {
				pivot = r
				break
			}
		}
		if pivot < 0 {
			continue
		}
		a[rank], a[pivot] = a[pivot], a[rank]
		lead := a[rank][c]
		for cc := range a[rank] {
			a[rank][cc] /= lead
		}
		for r := range a {
			if f := a[r][c]; r != rank && math.Abs(f) > 1e-9 {
				for cc := range a[r] {
					a[r][cc] -= f * a[rank][cc]
				}
			}
		}
		rank++
	}
	return a[:rank]
}

// hideBeside hides the smallest published non-zero cell of the relations
// that hold cell j (any published cell of them when all are zero). It
// reports whether it hid anything.
func hideBeside(j int, sizes [][]int, hidden []bool, rels []Relation) bool {
	best := -1
	better := func(c int) bool {
		if best < 0 {
			return true
		}
		zc, zb := sizes[c][0] == 0, sizes[best][0] == 0
		if zc != zb {
			return zb
		}
		return sizes[c][0] < sizes[best][0] || (sizes[c][0] == sizes[best][0] && c < best)
	}
	for _, r := range rels {
		cells := append([]int{r.Total}, r.Parts...)
		if !slices.Contains(cells, j) {
			continue
		}
		for _, c := range cells {
			if !hidden[c] && better(c) {
				best = c
			}
		}
	}
	if best < 0 {
		return false
	}
	hidden[best] = true
	return true
}
