package export

import (
	"fmt"
	"strings"
	"time"

	"github.com/researchpulse/pulse/internal/analysis"
	"github.com/researchpulse/pulse/internal/survey"
)

// sheetGuide says what each sheet holds, for the About sheet.
var sheetGuide = []struct{ sheet, what string }{
	{sheetAbout, "This sheet: the review, its trusts and window, the questionnaire, the exclusion rules and how the workbook was made."},
	{sheetFlow, "The exclusion flow: responses received, excluded (for each reason; a response excluded for several reasons counts under each), included, fully completed and partial. Overall, per trust, and per group of each breakdown dimension."},
	{sheetBarriers, "Every barrier item broken down by each dimension and overall. One row per option (or grid statement) per group: n choosing it (or agreeing), the denominator (respondents shown the item who gave a substantive answer), %, the 95% Wilson interval, the rank within the group (1 = highest), and the test of difference between the dimension's groups. Shown, Not answered and Don't know count those left out of the denominator. Each block has a bar chart of % by group."},
	{sheetMotivators, "As Barriers, for the motivator items."},
	{sheetEnablers, "As Barriers, for the enabler items."},
	{sheetSupport, "As Barriers, for the organisational-support items: the % agreeing with each statement."},
	{sheetWaves, "Only with a comparison: the change from the earlier wave in percentage points, with Newcombe's 95% interval and a test of equal proportions, overall and per group. A cell suppressed in either wave is unavailable."},
	{sheetData, "One row per included response: response columns, then one column per item (one 0/1 column per option of a multiple choice item) holding option codes, numbers or text, and the missing-value codes below where there is no answer. The Codebook describes every column."},
	{sheetLabels, "The Data sheet with option labels instead of codes, and the missing-value codes' labels. A multiple choice option's column shows the option's label when it was chosen and is empty when it was not."},
	{sheetCodebook, "One row per Data column: the item, its question, type, values with codes and labels, the missing-value codes it can hold, when it is shown (in words), its tag and notes."},
	{sheetExcluded, "One row per excluded response with every reason it was excluded; no answers."},
}

// aboutSheet writes the provenance of the workbook and how to read it.
func (b *book) aboutSheet(p *pass, cmp *analysis.Comparison) error {
	t, err := b.table(sheetAbout, []column{{"Section", 18, b.note}, {"Item", 30, b.note}, {"Value", 110, b.note}})
	if err != nil {
		return err
	}
	for _, r := range p.aboutRows(cmp) {
		if err := t.add(safe(r[0]), safe(r[1]), safe(r[2])); err != nil {
			return err
		}
	}
	return t.finish()
}

func (p *pass) aboutRows(cmp *analysis.Comparison) [][3]string {
	rev, q := p.r.rev, p.r.q
	lang := q.DefaultLanguage()
	rows := [][3]string{
		{"Review", "Title", rev.Title},
		{"Review", "Slug", rev.Slug},
		{"Review", "Status", rev.Status},
		{"Review", "Window opens (UTC)", rev.OpensAt.UTC().Format(time.RFC3339)},
		{"Review", "Window closes (UTC)", rev.ClosesAt.UTC().Format(time.RFC3339)},
	}
	for _, l := range p.links {
		level := levelLabel(levelCode(analysis.ActivityLevel(l.Trust.Quintile)))
		rows = append(rows, [3]string{"Trust", l.Trust.Code, fmt.Sprintf("%s; %s; CRN activity quintile %d: %s",
			l.Trust.Name, nationWords(l.Trust.Nation), l.Trust.Quintile, strings.ToLower(level))})
	}
	rows = append(rows,
		[3]string{"Questionnaire", "Id", q.ID},
		[3]string{"Questionnaire", "Version", q.Version},
		[3]string{"Questionnaire", "Title", q.Title.In(lang)},
		[3]string{"Questionnaire", "SHA-256 of the file", q.Hash},
		[3]string{"Questionnaire", "Items", fmt.Sprintf("%d (each grid statement counts as one)", len(q.Items()))},
	)
	rows = append(rows, p.ruleRows()...)
	rows = append(rows, flowRows(p.report.Flow.Overall)...)
	rows = append(rows,
		[3]string{"Export", "Data sheets hold", p.holds()},
		[3]string{"Export", "Exported at (UTC)", p.opts.exportTime().Format(time.RFC3339)},
		[3]string{"Export", "Software", p.report.Meta.Software},
		[3]string{"Export", "Analysis method version", p.report.Meta.Method},
	)
	if cmp != nil {
		rows = append(rows, [3]string{"Export", "Compared with", fmt.Sprintf("%s (questionnaire %s version %s)", cmp.Previous.Review, cmp.Previous.Questionnaire.ID, cmp.Previous.Questionnaire.Version)})
	}
	rows = append(rows, [3]string{"Export", "Cells that look like formulas",
		"Any text beginning with = + - @, a tab or a carriage return, from answers, questions, labels or the review's title, starts with an added apostrophe, so that no spreadsheet runs it as a formula. Nothing in this workbook is a formula."})
	if p.cut > 0 {
		rows = append(rows, [3]string{"Export", "Cells cut", fmt.Sprintf("%d text cells were longer than a spreadsheet cell holds (32,767 characters) and end with a mark saying they were cut.", p.cut)})
	}
	for _, c := range missingCodes {
		rows = append(rows, [3]string{"Missing-value codes", fmt.Sprintf("Code %d", c), missingLabels[c] + ": " + missingMeaning[c]})
	}
	rows = append(rows, [3]string{"Missing-value codes", fmt.Sprintf("Codes %d, %d, …", CodeDontKnow, CodeDontKnow-1),
		"Don't know: the item was answered with an option marked missing (Don't know, Not sure, Prefer not to say). An item's first such option is -5, its second -6; the Codebook names each. In Data (labels) they show the option's own label."})
	for _, g := range sheetGuide {
		if g.sheet != sheetWaves || cmp != nil {
			rows = append(rows, [3]string{"How to read", g.sheet, g.what})
		}
	}
	return rows
}

// missingMeaning explains each missing-value code.
var missingMeaning = map[int]string{
	CodeNotShown:    "the branching did not show the item to this respondent, given their earlier answers; it is not a non-response.",
	CodeNotAnswered: "the item was shown and left blank: on a page the respondent went past, or in a submitted response.",
	CodeNotReached:  "the response was not submitted and the item is on the page where the respondent stopped, or a later one.",
	CodeCleared:     "the respondent answered the item, then changed an earlier answer so that it was no longer shown, which removed the answer.",
}

// ruleRows are the exclusion and disclosure rules in force.
func (p *pass) ruleRows() [][3]string {
	rules, q := p.r.rev.Rules, p.r.q
	unit := "items: each grid statement counts as one"
	if rules.Unit == survey.CountQuestions {
		unit = "questions: a grid counts once, as answered when any of its shown statements is"
	}
	rows := [][3]string{
		{"Rules", "Exclusion rules version", fmt.Sprint(rules.Version)},
		{"Rules", "Completion unit", unit},
		{"Rules", "Completion threshold", percentWords(rules.Threshold) + ": a response not submitted is kept when its completion ratio is at or above it"},
		{"Rules", "Required items", strings.Join(rules.RequiredItems, ", ")},
		{"Rules", "Exclude preview and test responses", yesNo(rules.ExcludeTest)},
		{"Rules", "Exclude duplicates", yesNo(rules.ExcludeDuplicates)},
		{"Rules", "Exclude responses outside the window", yesNo(rules.ExcludeOutsideWindow)},
		{"Rules", "Screen out", screenWords(q, rules)},
		{"Rules", "Suppression k", fmt.Sprintf("%d: a published cell rests on at least %d respondents, and further cells are hidden so that no hidden value can be worked out", rules.K, rules.K)},
	}
	for _, r := range rules.Reasons() {
		rows = append(rows, [3]string{"Rules", "Reason " + r, reasonWords(r, rules)})
	}
	return rows
}

func screenWords(q *survey.Questionnaire, rules analysis.Rules) string {
	if !rules.ScreenOut || q.Exclusion.ScreenOutIf == "" {
		return "no"
	}
	return "yes, when " + q.InWords(q.Exclusion.ScreenOutIf)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// flowRows summarise the overall flow.
func flowRows(fc analysis.FlowCounts) [][3]string {
	c := func(x analysis.Count) string { return fmt.Sprint(count(x)) }
	return [][3]string{
		{"Flow", "Received", c(fc.Received)},
		{"Flow", "Excluded", c(fc.Excluded)},
		{"Flow", "Included", c(fc.Included)},
		{"Flow", "Fully completed", c(fc.Complete)},
		{"Flow", "Partial, at or above the threshold", c(fc.Partial)},
	}
}

func (p *pass) holds() string {
	if p.opts.IncludeExcluded {
		return fmt.Sprintf("every response, %d rows, with the included and exclusion_reasons columns", p.written)
	}
	return fmt.Sprintf("the included responses, %d rows", p.written)
}

func nationWords(n string) string {
	return strings.ReplaceAll(n, "_", " ")
}

// summarySheets writes the sheets made from the analysis once every
// response has been read.
func (b *book) summarySheets(p *pass, cmp *analysis.Comparison) error {
	if err := b.aboutSheet(p, cmp); err != nil {
		return err
	}
	if err := b.flowSheet(p.report); err != nil {
		return err
	}
	if err := b.breakdownSheets(p.r.q, p.report); err != nil {
		return err
	}
	if cmp != nil {
		if err := b.wavesSheet(*cmp); err != nil {
			return err
		}
	}
	return b.codebookSheet(p.codebook())
}
