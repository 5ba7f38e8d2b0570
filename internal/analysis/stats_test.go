package analysis

import (
	"math"
	"testing"
)

func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol {
		t.Errorf("%s = %.10g, want %.10g (±%g)", what, got, want, tol)
	}
}

// z = 1.959963984540054, z² = 3.841458820694124.
func TestWilson(t *testing.T) {
	tests := []struct {
		n, d   int
		lo, hi float64
	}{
		// 3/10: p = 0.3; z²/2d = 0.19207294; centre = (0.3 + 0.19207294) / (1 + 0.38414588)
		// = 0.49207294 / 1.38414588 = 0.35550; half = z·√(0.3·0.7/10 + z²/400) / 1.38414588
		// = 1.95996·√(0.021 + 0.00960365) / 1.38414588 = 1.95996·0.17493899 / 1.38414588 = 0.24771.
		// 0.35550 ∓ 0.24771 = 0.10779 … 0.60322.
		{3, 10, 0.1077912674, 0.6032218525},
		// 0/10: centre = 0.19207294/1.38414588 = 0.13877 and half = z·√(0.00960365)/1.38414588
		// = 1.95996·0.09799820/1.38414588 = 0.13877: the interval is 0 … 0.27753.
		{0, 10, 0, 0.2775327999},
		// 10/10 mirrors 0/10: 0.72247 … 1.
		{10, 10, 0.7224672001, 1},
		// 30/45: p = 2/3; centre = (0.66667 + 0.04268131)/(1.08536575) = 0.65356;
		// half = z·√(0.22222/45 + 3.84146/8100)/1.08536575 = 1.95996·0.07364/1.08536575 = 0.13285.
		{30, 45, 0.5207048831, 0.7864112507},
	}
	for _, tc := range tests {
		lo, hi := wilson(tc.n, tc.d)
		near(t, "wilson low", lo, tc.lo, 1e-9)
		near(t, "wilson high", hi, tc.hi, 1e-9)
	}
}

// Newcombe (1998), Table II, example (a): 56/70 − 48/80 = 0.2 with the
// hybrid score interval 0.0524 to 0.3339. Wilson 48/80 = 0.4904 … 0.7014
// and 56/70 = 0.6917 … 0.8740, so the limits are
// 0.2 − √((0.8 − 0.6917)² + (0.7014 − 0.6)²) = 0.2 − √(0.01173 + 0.01028) = 0.0524 and
// 0.2 + √((0.8740 − 0.8)² + (0.6 − 0.4904)²) = 0.2 + √(0.00548 + 0.01201) = 0.3339.
func TestNewcombe(t *testing.T) {
	d, lo, hi := newcombe(48, 80, 56, 70)
	near(t, "difference", d, 0.2, 1e-12)
	near(t, "low", lo, 0.0524, 5e-5)
	near(t, "high", hi, 0.3339, 5e-5)
}

func TestIndependence(t *testing.T) {
	tests := []struct {
		name   string
		n, d   []int
		method string
		stat   float64
		df     int
		p      float64
	}{
		// 30/100 vs 50/100: 80 of 200 select, so each group expects 40 selecting
		// and 60 not. X² = 10²/40 + 10²/60 + 10²/40 + 10²/60 = 2.5 + 1.6667 + 2.5 + 1.6667
		// = 8.3333 on 1 df; p = erfc(√(8.3333/2)) = 0.0038924.
		{"chi-square 2×2", []int{30, 50}, []int{100, 100}, MethodChiSquare, 25.0 / 3, 1, 0.003892417123},
		// 5/20, 10/20, 15/20: 30 of 60 select, each group expects 10 and 10.
		// X² = (25 + 25)/10 + 0 + (25 + 25)/10 = 10 on 2 df; p = e^(−10/2) = 0.0067379.
		{"chi-square 2×3", []int{5, 10, 15}, []int{20, 20, 20}, MethodChiSquare, 10, 2, 0.006737947},
		// 3/4 vs 1/4 (the tea-tasting table): expected 2 < 5, so Fisher. Tables
		// with 4 of 8 selecting: x = 0…4 in the first group, probability
		// C(4,x)·C(4,4−x)/C(8,4) = 1, 16, 36, 16, 1 over 70. Observed x = 3 has 16/70;
		// no more probable are x = 0, 1, 3, 4: (1 + 16 + 16 + 1)/70 = 0.4857143.
		{"fisher 2×2", []int{3, 1}, []int{4, 4}, MethodFisher, 0, 0, 34.0 / 70},
		// 2/2, 0/2, 0/2 (Freeman–Halton): 2 of 6 select, C(6,2) = 15 tables' worth.
		// (2,0,0), (0,2,0), (0,0,2) have 1/15 each; (1,1,0), (1,0,1), (0,1,1) have 4/15.
		// The observed 1/15 is the least probable: p = 3/15 = 0.2.
		{"fisher 2×3", []int{2, 0, 0}, []int{2, 2, 2}, MethodFisher, 0, 0, 0.2},
		// A group with no denominator is left out: the same as 3/4 vs 1/4.
		{"empty group left out", []int{3, 0, 1}, []int{4, 0, 4}, MethodFisher, 0, 0, 34.0 / 70},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := independence(tc.n, tc.d)
			if got == nil || got.Method != tc.method || got.DF != tc.df {
				t.Fatalf("independence = %+v, want method %s df %d", got, tc.method, tc.df)
			}
			near(t, "statistic", got.Statistic, tc.stat, 1e-9)
			near(t, "p", got.P, tc.p, 1e-9)
		})
	}
	for _, none := range [][2][]int{
		{{3}, {10}},          // one group
		{{0, 0}, {10, 20}},   // nobody selects
		{{10, 20}, {10, 20}}, // everybody selects
		{{3, 0}, {10, 0}},    // one group with a denominator
	} {
		if got := independence(none[0], none[1]); got != nil {
			t.Errorf("independence(%v, %v) = %+v, want nil", none[0], none[1], got)
		}
	}
}

// TestFisherTooLarge: with an expected count below 5 but more tables than
// the exact test enumerates, chi-square is reported with a note.
func TestFisherTooLarge(t *testing.T) {
	d := []int{3, 20000, 20000, 20000, 20000, 20000}
	n := []int{0, 9000, 9100, 9200, 9300, 9400}
	got := independence(n, d)
	if got == nil || got.Method != MethodChiSquare || got.Note == "" {
		t.Fatalf("got %+v, want chi-square with a note", got)
	}
}

// TestTableCount: 2×2 tables with margins (4, 4) and 4 selecting: x = 0…4,
// five tables; 2×3 with (2, 2, 2) and 2 selecting: six tables (above).
func TestTableCount(t *testing.T) {
	if got := tableCount([]int{4, 4}, 4); got != 5 {
		t.Errorf("tableCount 2×2 = %v, want 5", got)
	}
	if got := tableCount([]int{2, 2, 2}, 2); got != 6 {
		t.Errorf("tableCount 2×3 = %v, want 6", got)
	}
}

func TestActivityLevel(t *testing.T) {
	for q, want := range map[int]string{0: "", 1: ActivityMore, 2: ActivityMore, 3: ActivityLess, 4: ActivityLess, 5: ActivityLess, 6: ""} {
		if got := ActivityLevel(q); got != want {
			t.Errorf("ActivityLevel(%d) = %q, want %q", q, got, want)
		}
	}
}
