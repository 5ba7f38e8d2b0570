package analysis

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// z95 is the 97.5th percentile of the standard normal distribution, for
// two-sided 95% intervals.
const z95 = 1.959963984540054

// Test methods.
const (
	MethodChiSquare = "chi_square"   // Pearson's chi-square, no continuity correction
	MethodFisher    = "fisher_exact" // Fisher's exact test (Freeman–Halton for more than two groups)
)

// minExpected is Cochran's rule: when any expected count is below it, the
// chi-square approximation is not trusted and the exact test is used.
const minExpected = 5

// maxExactTables bounds the tables the exact test enumerates; beyond it
// the chi-square test is reported, with Note saying why.
const maxExactTables = 2_000_000

// Test is a test of difference between groups: whether the share choosing
// an option (or agreeing) is the same in every group.
type Test struct {
	Method    string  `json:"method"`
	Statistic float64 `json:"statistic,omitempty"` // chi-square statistic (chi_square only)
	DF        int     `json:"df,omitempty"`        // degrees of freedom (chi_square only)
	P         float64 `json:"p"`
	Note      string  `json:"note,omitempty"`
}

// wilson is the 95% Wilson score interval of the proportion n/d (d > 0).
func wilson(n, d int) (lo, hi float64) {
	p, nn := float64(n)/float64(d), float64(d)
	z2 := z95 * z95
	centre := (p + z2/(2*nn)) / (1 + z2/nn)
	half := z95 * math.Sqrt(p*(1-p)/nn+z2/(4*nn*nn)) / (1 + z2/nn)
	return math.Max(0, centre-half), math.Min(1, centre+half)
}

// newcombe is the difference p2 − p1 of two independent proportions with
// its 95% interval by Newcombe's hybrid score method (method 10 of
// Newcombe 1998), built from the two Wilson intervals.
func newcombe(n1, d1, n2, d2 int) (diff, lo, hi float64) {
	p1, p2 := float64(n1)/float64(d1), float64(n2)/float64(d2)
	l1, u1 := wilson(n1, d1)
	l2, u2 := wilson(n2, d2)
	diff = p2 - p1
	lo = diff - math.Sqrt((p2-l2)*(p2-l2)+(u1-p1)*(u1-p1))
	hi = diff + math.Sqrt((u2-p2)*(u2-p2)+(p1-l1)*(p1-l1))
	return diff, lo, hi
}

// independence tests whether n[g] of d[g] is the same share in every
// group: Pearson's chi-square on the 2×G table when every expected count
// is at least 5, else Fisher's exact test. Groups with d[g] == 0 are left
// out. It returns nil when there is nothing to test: fewer than two
// groups, or nobody (or everybody) selecting.
func independence(n, d []int) *Test {
	var ns, ds []int
	total, sel := 0, 0
	for g := range d {
		if d[g] > 0 {
			ns, ds = append(ns, n[g]), append(ds, d[g])
			total += d[g]
			sel += n[g]
		}
	}
	if len(ds) < 2 || sel == 0 || sel == total {
		return nil
	}
	if minExpectedCount(ds, sel, total) >= minExpected {
		return chiSquare(ns, ds, sel, total)
	}
	if p, ok := fisher(ns, ds, sel, total); ok {
		return &Test{Method: MethodFisher, P: p}
	}
	t := chiSquare(ns, ds, sel, total)
	t.Note = "expected counts below 5, exact test too large"
	return t
}

// minExpectedCount is the smallest expected count of the 2×G table.
func minExpectedCount(ds []int, sel, total int) float64 {
	smallest := math.Inf(1)
	for _, d := range ds {
		e1 := float64(d) * float64(sel) / float64(total)
		e0 := float64(d) * float64(total-sel) / float64(total)
		smallest = math.Min(smallest, math.Min(e1, e0))
	}
	return smallest
}

// chiSquare is Pearson's chi-square test of the 2×G table, G−1 degrees
// of freedom.
func chiSquare(ns, ds []int, sel, total int) *Test {
	x2 := 0.0
	for g := range ds {
		e1 := float64(ds[g]) * float64(sel) / float64(total)
		e0 := float64(ds[g]) * float64(total-sel) / float64(total)
		o1, o0 := float64(ns[g]), float64(ds[g]-ns[g])
		x2 += (o1-e1)*(o1-e1)/e1 + (o0-e0)*(o0-e0)/e0
	}
	df := len(ds) - 1
	return &Test{Method: MethodChiSquare, Statistic: x2, DF: df, P: distuv.ChiSquared{K: float64(df)}.Survival(x2)}
}

// fisher is the two-sided exact test of the 2×G table with its margins
// fixed (Fisher's for two groups, Freeman–Halton's for more): the sum of
// the probabilities of every table no more probable than the one
// observed. A table's probability is Π C(d_g, x_g) / C(total, sel). It
// reports false when there are more than maxExactTables tables.
func fisher(ns, ds []int, sel, total int) (float64, bool) {
	if tableCount(ds, sel) > maxExactTables {
		return 0, false
	}
	base := logChoose(total, sel)
	obs := -base
	for g := range ds {
		obs += logChoose(ds[g], ns[g])
	}
	// Tables as probable as the observed one, within rounding, count as
	// "no more probable" (the relative tolerance R's fisher.test uses).
	limit := obs + math.Log1p(1e-7)
	rest := make([]int, len(ds)+1) // rest[g] = ds[g] + … + ds[G-1]
	for g := len(ds) - 1; g >= 0; g-- {
		rest[g] = rest[g+1] + ds[g]
	}
	p := 0.0
	var walk func(g, left int, logp float64)
	walk = func(g, left int, logp float64) {
		if g == len(ds)-1 {
			lp := logp + logChoose(ds[g], left) - base
			if lp <= limit {
				p += math.Exp(lp)
			}
			return
		}
		for x := max(0, left-rest[g+1]); x <= min(ds[g], left); x++ {
			walk(g+1, left-x, logp+logChoose(ds[g], x))
		}
	}
	walk(0, sel, 0)
	return math.Min(p, 1), true
}

// tableCount is the number of 2×G tables with column totals ds and sel in
// the first row (as a float, to compare with a bound without overflow).
// Choosing x_g of d_g is the same count as leaving d_g − x_g, so it counts
// with whichever row is smaller.
func tableCount(ds []int, sel int) float64 {
	total := 0
	for _, d := range ds {
		total += d
	}
	sel = min(sel, total-sel)
	ways := make([]float64, sel+1) // ways[s]: tables of the groups so far with s selecting
	ways[0] = 1
	prefix := make([]float64, sel+2)
	for _, d := range ds {
		for s := range ways {
			prefix[s+1] = prefix[s] + ways[s]
		}
		for s := range ways { // next[s] = ways[s-d] + … + ways[s]
			// Capped far above maxExactTables so that sums never overflow.
			ways[s] = min(prefix[s+1]-prefix[max(0, s-d)], 1e15)
		}
	}
	return ways[sel]
}

// logChoose is log C(n, k) from log-gamma.
func logChoose(n, k int) float64 {
	a, _ := math.Lgamma(float64(n + 1))
	b, _ := math.Lgamma(float64(k + 1))
	c, _ := math.Lgamma(float64(n - k + 1))
	return a - b - c
}
