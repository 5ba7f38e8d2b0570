package export

import (
	"github.com/researchpulse/pulse/internal/analysis"
)

// wavesSheet writes the change from the earlier wave, option by option,
// overall and per group.
func (b *book) wavesSheet(c analysis.Comparison) error {
	cols := []column{{"Item", 7, 0}, {"Label", 24, 0}, {"Breakdown", 20, 0}, {"Group", 24, 0}, {"Option or statement", 40, 0}, {"Code", 16, 0},
		{"Earlier n", 9, 0}, {"Earlier denominator", 11, 0}, {"Earlier %", 9, b.percent},
		{"Now n", 9, 0}, {"Now denominator", 11, 0}, {"Now %", 9, b.percent},
		{"Change (percentage points)", 12, b.percent}, {"95% CI low", 10, b.percent}, {"95% CI high", 10, b.percent},
		{"Test of difference", 18, 0}, {"Statistic", 10, b.statistic}, {"df", 5, 0}, {"p", 9, b.pvalue}}
	t, err := b.table(sheetWaves, cols)
	if err != nil {
		return err
	}
	dimLabel := map[string]string{}
	for _, d := range c.Current.Dimensions {
		dimLabel[d.ID] = d.Label
	}
	for _, it := range c.Items {
		for r, row := range it.Rows {
			code := row.Code
			if it.Measure == analysis.MeasureAgree {
				code = row.ID
			}
			lead := func(breakdown, group string) []any {
				return []any{safe(it.Item), safe(it.Label), safe(breakdown), safe(group), safe(row.Label), safe(code)}
			}
			if err := t.add(append(lead("Overall", "All included respondents"), changeValues(it.Overall[r])...)...); err != nil {
				return err
			}
			for _, dc := range it.Dimensions {
				for _, g := range dc.Groups {
					if err := t.add(append(lead(dimLabel[dc.Dimension], g.Label), changeValues(g.Changes[r])...)...); err != nil {
						return err
					}
				}
			}
		}
	}
	return t.finish()
}

// changeValues are one change's cells: both waves, the change with its
// interval, and the test.
func changeValues(ch analysis.Change) []any {
	if ch.Unavailable {
		out := make([]any, 13)
		for i := range out {
			out[i] = markNoChange
		}
		return out
	}
	out := []any{ch.PreviousN, ch.PreviousDenominator, ch.Previous, ch.CurrentN, ch.CurrentDenominator, ch.Current, ch.Points, ch.Low, ch.High}
	switch t := ch.Test; {
	case t == nil:
		return append(out, markNotTested, "", "", "")
	case t.Method == analysis.MethodFisher:
		return append(out, "Fisher's exact", "", "", t.P)
	default:
		return append(out, "Pearson's chi-square", t.Statistic, t.DF, t.P)
	}
}
