package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/researchpulse/pulse/internal/analysis"
)

// The table format: suppressed cells print as "*", cells without a
// denominator as "-".

func printReport(w io.Writer, r analysis.Report) {
	m := r.Meta
	fmt.Fprintf(w, "Review %s: questionnaire %s v%s (%.12s), rules v%d, method %s, %s\n", m.Review, m.Questionnaire.ID,
		m.Questionnaire.Version, m.Questionnaire.Hash, m.Rules.Version, m.Method, m.Software)
	fmt.Fprintf(w, "Rules: completion ≥ %.2f counted in %s, required %v, exclude test %v, duplicates %v, outside window %v, screening %v; cells below k=%d suppressed (*)\n\n",
		m.Rules.Threshold, m.Rules.Unit, m.Rules.RequiredItems, m.Rules.ExcludeTest, m.Rules.ExcludeDuplicates,
		m.Rules.ExcludeOutsideWindow, m.Rules.ScreenOut, m.Rules.K)
	printFlow(w, r.Flow)
	for _, b := range r.Breakdowns {
		printBreakdown(w, b, m.Dimensions)
	}
}

func count(c analysis.Count) string {
	if c.Suppressed {
		return "*"
	}
	return fmt.Sprint(c.N)
}

func printFlow(w io.Writer, f analysis.Flow) {
	fmt.Fprintln(w, "EXCLUSION FLOW")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	head := "\treceived\texcluded\tincluded\tcomplete\tpartial"
	for _, r := range f.Overall.Reasons {
		head += "\t" + r.Reason
	}
	fmt.Fprintln(tw, head+"\t")
	line := func(label string, c analysis.FlowCounts) {
		cells := []string{label, count(c.Received), count(c.Excluded), count(c.Included), count(c.Complete), count(c.Partial)}
		for _, r := range c.Reasons {
			cells = append(cells, count(r.N))
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t")+"\t")
	}
	line("overall", f.Overall)
	for _, t := range f.ByTrust {
		line("trust "+t.Code+" ("+t.Level+")", t.FlowCounts)
	}
	for _, d := range f.ByDimension {
		for _, g := range d.Groups {
			line(d.Dimension+": "+g.Label, g.FlowCounts)
		}
	}
	tw.Flush()
	fmt.Fprintln(w)
}

func pct(c analysis.Cell) string {
	switch {
	case c.Suppressed:
		return "*"
	case c.Denominator == 0:
		return "-"
	}
	return fmt.Sprintf("%.1f (%d/%d)", c.Percent, c.N, c.Denominator)
}

func pval(t *analysis.Test) string {
	if t == nil {
		return ""
	}
	m := "χ²"
	if t.Method == analysis.MethodFisher {
		m = "exact"
	}
	return fmt.Sprintf("p=%.3g %s", t.P, m)
}

func printBreakdown(w io.Writer, b analysis.Breakdown, dims []analysis.Dimension) {
	measure := "% selecting (n/denominator)"
	if b.Measure == analysis.MeasureAgree {
		measure = "% agreeing (" + strings.Join(b.AgreeCodes, ", ") + ")"
	}
	fmt.Fprintf(w, "%s %s — %s: %s\n", strings.ToUpper(b.Tag), b.Item, b.Label, measure)
	for di, d := range b.Dimensions {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		head := "  by " + dims[di].Label + "\toverall"
		for _, g := range d.Groups {
			head += "\t" + g.Label
		}
		fmt.Fprintln(tw, head+"\ttest")
		for r, row := range b.Rows {
			cells := []string{"  " + row.Label, pct(b.Overall.Cells[r])}
			for _, g := range d.Groups {
				cells = append(cells, pct(g.Cells[r]))
			}
			fmt.Fprintln(tw, strings.Join(append(cells, pval(d.Tests[r])), "\t"))
		}
		tw.Flush()
	}
	printTop(w, b)
	fmt.Fprintln(w)
}

// printTop lists the five highest-ranked rows overall, as the report's
// "top five" view.
func printTop(w io.Writer, b analysis.Breakdown) {
	var top []string
	for rank := 1; rank <= 5 && len(top) < 5; rank++ {
		for r, c := range b.Overall.Cells {
			if c.Rank == rank && len(top) < 5 {
				top = append(top, fmt.Sprintf("%d. %s %.1f%%", rank, b.Rows[r].Label, c.Percent))
			}
		}
	}
	if len(top) > 0 {
		fmt.Fprintln(w, "  top five overall: "+strings.Join(top, "; "))
	}
}

func printComparison(w io.Writer, c analysis.Comparison) {
	fmt.Fprintf(w, "CHANGE FROM %s TO %s (percentage points, 95%% interval)\n", c.Previous.Review, c.Current.Review)
	for _, it := range c.Items {
		fmt.Fprintf(w, "%s %s — %s\n", strings.ToUpper(it.Tag), it.Item, it.Label)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  \tprevious\tcurrent\tchange\t95% interval\ttest")
		for r, row := range it.Rows {
			ch := it.Overall[r]
			if ch.Unavailable {
				fmt.Fprintf(tw, "  %s\t*\t*\t\t\t\n", row.Label)
				continue
			}
			fmt.Fprintf(tw, "  %s\t%.1f\t%.1f\t%+.1f\t%+.1f to %+.1f\t%s\n", row.Label, ch.Previous, ch.Current, ch.Points, ch.Low, ch.High, pval(ch.Test))
		}
		tw.Flush()
	}
}
