package analysis

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func sizes1(vs ...int) [][]int {
	out := make([][]int, len(vs))
	for i, v := range vs {
		out[i] = []int{v}
	}
	return out
}

func TestSuppress(t *testing.T) {
	parts := func(n int) []Relation { // cell 0 = cells 1..n
		r := Relation{Total: 0}
		for i := 1; i <= n; i++ {
			r.Parts = append(r.Parts, i)
		}
		return []Relation{r}
	}
	tests := []struct {
		name  string
		sizes [][]int
		rels  []Relation
		want  []bool
	}{
		// 5 < 10 is hidden; alone it would be 30 − 12 − 13, so the smallest
		// other part (12) goes too: hidden parts add up to 17 ≥ 10.
		{"one small part", sizes1(30, 5, 12, 13), parts(3), []bool{false, true, true, false}},
		// 3 and 4 are hidden but add up to 7 < 10, which 30 − 23 would tell:
		// 23 goes too (3 + 4 + 23 = 30).
		{"small parts add up to less than k", sizes1(30, 3, 4, 23), parts(3), []bool{false, true, true, true}},
		// a zero part hides nobody, so the next part hidden is 15, not 0.
		{"zero parts are skipped", sizes1(20, 5, 0, 15), parts(3), []bool{false, true, false, true}},
		// 5 and 7 are both small and add up to 12 ≥ 10: nothing more.
		{"two small parts of at least k together", sizes1(12, 5, 0, 7), parts(3), []bool{false, true, false, true}},
		// a small total: it and its small part are hidden (two cells), enough.
		{"small total", sizes1(7, 7, 0), parts(2), []bool{true, true, false}},
		// nothing small: nothing hidden.
		{"nothing small", sizes1(40, 10, 30), parts(2), []bool{false, false, false}},
		// zeros are published.
		{"zeros", sizes1(0, 0, 0), parts(2), []bool{false, false, false}},
		// the second measure (answered, 4 of 12 shown) is small: the cell goes,
		// and so does the other part (18 shown, 21 answered).
		{"second measure", [][]int{{30, 25}, {12, 4}, {18, 21}}, parts(2), []bool{false, true, true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Suppress(10, tc.sizes, tc.rels); !slices.Equal(got, tc.want) {
				t.Errorf("Suppress = %v, want %v", got, tc.want)
			}
		})
	}
}

// randomTable is a grid of counts with row totals, column totals and a
// grand total, as the flow and the breakdowns have: cell (r, c) of an
// (R+1)×(C+1) grid, row 0 and column 0 holding the totals.
func randomTable(rng *rand.Rand) ([][]int, []Relation) {
	R, C := 1+rng.IntN(5), 1+rng.IntN(5)
	w := C + 1
	grid := make([]int, (R+1)*w)
	for r := 1; r <= R; r++ {
		for c := 1; c <= C; c++ {
			v := rng.IntN(25)
			if rng.IntN(4) == 0 {
				v = 0
			}
			grid[r*w+c] = v
			grid[r*w] += v
			grid[c] += v
			grid[0] += v
		}
	}
	var rels []Relation
	for r := 0; r <= R; r++ {
		rel := Relation{Total: r * w}
		for c := 1; c <= C; c++ {
			rel.Parts = append(rel.Parts, r*w+c)
		}
		rels = append(rels, rel)
	}
	for c := 0; c <= C; c++ {
		rel := Relation{Total: c}
		for r := 1; r <= R; r++ {
			rel.Parts = append(rel.Parts, r*w+c)
		}
		rels = append(rels, rel)
	}
	return sizes1(grid...), rels
}

// TestSuppressProperties: over random tables, every published cell rests
// on 0 or at least k respondents, and no hidden cell can be worked out
// from the published ones through the relations (it is not determined by
// the linear system the relations form over the hidden cells).
func TestSuppressProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 3000 {
		sizes, rels := randomTable(rng)
		k := 5 + rng.IntN(8)
		hidden := Suppress(k, sizes, rels)
		for i, h := range hidden {
			if !h && small(k, sizes[i]) {
				t.Fatalf("trial %d: cell %d (%v) published below k=%d", trial, i, sizes[i], k)
			}
		}
		if i := recoverable(hidden, rels); i >= 0 {
			t.Fatalf("trial %d: hidden cell %d can be worked out; sizes %v hidden %v", trial, i, sizes, hidden)
		}
	}
}

// recoverable returns a hidden cell whose value the relations determine
// given the published cells, or -1. Cell i is determined exactly when the
// unit vector of i lies in the row space of the relations restricted to
// the hidden cells.
func recoverable(hidden []bool, rels []Relation) int {
	var vars []int
	col := map[int]int{}
	for i, h := range hidden {
		if h {
			col[i] = len(vars)
			vars = append(vars, i)
		}
	}
	var rows [][]float64
	for _, r := range rels {
		row := make([]float64, len(vars))
		if j, ok := col[r.Total]; ok {
			row[j] = 1
		}
		for _, p := range r.Parts {
			if j, ok := col[p]; ok {
				row[j] = -1
			}
		}
		rows = append(rows, row)
	}
	base := rankOf(rows)
	for j, cell := range vars {
		unit := make([]float64, len(vars))
		unit[j] = 1
		if rankOf(append(slices.Clone(rows), unit)) == base {
			return cell
		}
	}
	return -1
}

// rankOf is the rank of a small matrix by Gaussian elimination.
func rankOf(m [][]float64) int {
	a := make([][]float64, len(m))
	for i := range m {
		a[i] = slices.Clone(m[i])
	}
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
		for r := range a {
			if r != rank && math.Abs(a[r][c]) > 1e-9 {
				f := a[r][c] / a[rank][c]
				for cc := c; cc < len(a[r]); cc++ {
					a[r][cc] -= f * a[rank][cc]
				}
			}
		}
		rank++
	}
	return rank
}
