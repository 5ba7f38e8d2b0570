package export

import (
	"fmt"
	"strings"

	"github.com/researchpulse/pulse/internal/analysis"
)

// reasonWords says what each exclusion reason means, for headers and the
// About sheet.
func reasonWords(reason string, rules analysis.Rules) string {
	switch reason {
	case analysis.ReasonTest:
		return "a preview or test response"
	case analysis.ReasonOutsideWindow:
		return "started or submitted outside the review window"
	case analysis.ReasonDuplicate:
		return "a duplicate of an earlier submitted response"
	case analysis.ReasonScreenedOut:
		return "screened out by the questionnaire's screening question"
	case analysis.ReasonRequiredMissing:
		return "a required item not answered (" + strings.Join(rules.RequiredItems, ", ") + ")"
	case analysis.ReasonBelowThreshold:
		return fmt.Sprintf("partial, below %s completion", percentWords(rules.Threshold))
	}
	return reason
}

func percentWords(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", 100*f), "0"), ".") + "%"
}

// flowSheet writes the exclusion flow: overall, per trust, and per group
// of each breakdown dimension, one row each.
func (b *book) flowSheet(rep analysis.Report) error {
	cols := []column{{"Level", 22, 0}, {"Code", 14, 0}, {"Name", 36, 0}, {"Activity level", 16, 0}, {"Received", 10, 0}, {"Excluded", 10, 0}}
	for _, r := range rep.Flow.Overall.Reasons {
		cols = append(cols, column{"Excluded: " + reasonWords(r.Reason, rep.Meta.Rules), 18, 0})
	}
	cols = append(cols, column{"Included", 10, 0}, column{"Fully completed", 10, 0}, column{"Partial", 10, 0})
	t, err := b.table(sheetFlow, cols)
	if err != nil {
		return err
	}
	add := func(level, code, name, activity string, fc analysis.FlowCounts) error {
		vals := []any{safe(level), safe(code), safe(name), activity, count(fc.Received), count(fc.Excluded)}
		for _, r := range fc.Reasons {
			vals = append(vals, count(r.N))
		}
		return t.add(append(vals, count(fc.Included), count(fc.Complete), count(fc.Partial))...)
	}
	if err := add("Overall", "", "All responses", "", rep.Flow.Overall); err != nil {
		return err
	}
	for _, g := range rep.Flow.ByTrust {
		if err := add("Trust", g.Code, g.Label, levelLabel(levelCode(g.Level)), g.FlowCounts); err != nil {
			return err
		}
	}
	for _, fd := range rep.Flow.ByDimension {
		label := fd.Dimension
		for _, d := range rep.Meta.Dimensions {
			if d.ID == fd.Dimension {
				label = d.Label
			}
		}
		for _, g := range fd.Groups {
			if err := add(label, g.Code, g.Label, "", g.FlowCounts); err != nil {
				return err
			}
		}
	}
	return t.finish()
}

// count is a published count, or the suppression mark.
func count(c analysis.Count) any {
	if c.Suppressed {
		return markSuppressed
	}
	return c.N
}
