package export

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/researchpulse/pulse/internal/analysis"
	"github.com/researchpulse/pulse/internal/survey"
)

// codebookHeaders are the Codebook's columns, in the sheet and the CSV.
var codebookHeaders = []string{"Variable", "Item", "Section", "Question", "Label", "Type", "Values", "Missing-value codes", "Shown when", "Tag", "Notes"}

// entry is one codebook row: one Data column.
type entry struct {
	variable, item, section, question, label, kind, values, missing, shownWhen, tag, notes string
}

func (e entry) cells() []string {
	return []string{e.variable, e.item, e.section, e.question, e.label, e.kind, e.values, e.missing, e.shownWhen, e.tag, e.notes}
}

// codebook describes every column of the Data sheets, in order.
func (p *pass) codebook() []entry {
	l, q := p.layout, p.r.q
	out := p.responseEntries()
	for _, ic := range l.items {
		out = append(out, itemEntries(q, ic)...)
	}
	return out
}

// responseEntries describe the columns that open each row.
func (p *pass) responseEntries() []entry {
	rules := p.r.rev.Rules
	var trusts []string
	for _, l := range p.links {
		trusts = append(trusts, l.Trust.Code+" = "+l.Trust.Name)
	}
	levels := "more = More research-active\nless = Less research-active\nnot_known = Not known"
	out := []entry{
		{variable: colResponseID, label: "Response id", kind: "text", values: "a random identifier, one per response"},
		{variable: colTrust, label: "Trust code", kind: "text", values: strings.Join(trusts, "\n"),
			notes: "The trust whose review link the response came through; never asked."},
		{variable: colActivity, label: "Trust research activity", kind: "code", values: levels,
			notes: "NIHR Clinical Research Network activity quintile of the trust: 1–2 more research-active, 3–5 less."},
	}
	for _, d := range p.layout.dims {
		out = append(out, dimensionEntry(p.r.q, d))
	}
	out = append(out,
		entry{variable: colStatus, label: "Status", kind: "code",
			values: "complete = Fully completed (submitted)\npartial = Partial (not submitted)"},
		entry{variable: colRatio, label: "Completion ratio", kind: "number from 0 to 1",
			values: fmt.Sprintf("answered applicable items ÷ applicable items, counted in %s", rules.Unit),
			notes:  "Applicable items are those the branching showed given the answers. Options marked missing count as answered."},
	)
	if p.layout.withFlag {
		var reasons []string
		for _, r := range p.reasons {
			reasons = append(reasons, r+" = "+reasonWords(r, rules))
		}
		out = append(out,
			entry{variable: colIncluded, label: "Included in the analysis", kind: "0/1", values: "1 = Included\n0 = Excluded"},
			entry{variable: colReasons, label: "Exclusion reasons", kind: "text", values: strings.Join(reasons, "\n"),
				notes: "Every reason that applies, separated by semicolons; empty when included."})
	}
	return out
}

// dimensionEntry describes the column of a breakdown dimension.
func dimensionEntry(q *survey.Questionnaire, d analysis.Dimension) entry {
	var values []string
	for _, g := range d.Groups {
		values = append(values, g.Code+" = "+g.Label)
	}
	if !strings.Contains(strings.Join(values, "\n"), analysis.NotKnown+" = ") {
		values = append(values, analysis.NotKnown+" = Not known")
	}
	e := entry{variable: d.ID, label: d.Label, kind: "code (derived)", values: strings.Join(values, "\n"),
		notes: "A breakdown dimension, as the analysis grouped the response. Not known: what it rests on was not answered."}
	if dv, ok := q.DerivedVar(d.ID); ok {
		if dv.From != "" {
			e.question = "Groups of the answer to " + dv.From
		} else {
			e.question = "yes when " + q.InWords(dv.If)
		}
	}
	return e
}

// itemEntries describe the columns of one item.
func itemEntries(q *survey.Questionnaire, ic itemColumns) []entry {
	it, lang := ic.it, q.DefaultLanguage()
	sec := q.Sections[q.SectionIndex(it.ID)]
	base := entry{item: it.ID, section: sec.ID + ": " + sec.Title.In(lang), question: itemQuestion(it, lang),
		label: it.ShortLabel().In(lang), kind: describe(it), missing: missingWords(it, lang),
		shownWhen: shownWhen(q, it.ID), tag: itemTag(it), notes: itemNotes(q, it, lang)}
	var out []entry
	if it.Type == survey.TypeMultiple {
		for i, o := range it.Options {
			e := base
			e.variable, e.label = ic.names[i], o.Label.In(lang)
			e.kind = "0/1: option of a multiple choice item"
			e.values = "1 = " + labelSelected + " (Data (labels): the option's label)\n0 = " + labelNotSelected + " (Data (labels): empty)"
			if !o.Missing {
				e.values += dontKnowInstead(it, lang)
			}
			out = append(out, e)
		}
	} else {
		e := base
		e.variable, e.values = ic.names[0], itemValues(it, lang)
		out = append(out, e)
	}
	if ic.other {
		o, _ := it.OtherOption()
		e := base
		e.variable, e.label, e.kind = ic.names[len(ic.names)-1], "Please specify: "+o.Label.In(lang), "text"
		e.values = fmt.Sprintf("what the respondent wrote on choosing “%s”", o.Label.In(lang))
		e.missing = fmt.Sprintf("“%s” not chosen, so the box was not shown: %d\nChosen, nothing written: %d\n", o.Label.In(lang), CodeNotShown, CodeNotAnswered) + e.missing
		out = append(out, e)
	}
	return out
}

// itemQuestion is the item's question; a grid statement's is the grid's
// question and the statement.
func itemQuestion(it *survey.Item, lang string) string {
	if it.Grid != nil {
		return it.Grid.Question.In(lang) + " — " + it.Question.In(lang)
	}
	return it.Question.In(lang)
}

func itemTag(it *survey.Item) string {
	if it.Grid != nil {
		return it.Grid.Tag
	}
	return it.Tag
}

// itemValues lists what a single column can hold.
func itemValues(it *survey.Item, lang string) string {
	switch it.Type {
	case survey.TypeSingle, survey.TypeScale:
		var lines []string
		for _, o := range it.Options {
			if dk := dontKnowCode(it, o.Code); dk != 0 {
				lines = append(lines, fmt.Sprintf("%s = %s (marked missing: %d in Data)", o.Code, o.Label.In(lang), dk))
			} else {
				lines = append(lines, o.Code+" = "+o.Label.In(lang))
			}
		}
		return strings.Join(lines, "\n")
	case survey.TypeNumber:
		return numberWords(it, lang)
	}
	limit := it.MaxLength
	if limit == 0 {
		limit = map[string]int{survey.TypeText: 200, survey.TypeTextarea: 2000}[it.Type]
	}
	return fmt.Sprintf("free text, up to %d characters", limit)
}

func numberWords(it *survey.Item, lang string) string {
	s := "a number"
	if it.Min != nil && it.Max != nil {
		s += " from " + num(*it.Min) + " to " + num(*it.Max)
	}
	if !it.Decimals {
		s += ", whole"
	}
	if suffix := it.Suffix.In(lang); suffix != "" {
		s += ", in " + suffix
	}
	return s
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// dontKnowInstead says which code a substantive option's column holds
// when the respondent answered only with an option marked missing.
func dontKnowInstead(it *survey.Item, lang string) string {
	var lines []string
	for _, o := range it.Options {
		if dk := dontKnowCode(it, o.Code); dk != 0 {
			lines = append(lines, fmt.Sprintf("\n%d = answered “%s” (%s) instead", dk, o.Label.In(lang), o.Code))
		}
	}
	return strings.Join(lines, "")
}

// missingWords lists the missing-value codes an item's columns can hold,
// each after its label (a cell starting with a minus sign would read as
// a formula).
func missingWords(it *survey.Item, lang string) string {
	var lines []string
	for _, c := range missingCodes {
		lines = append(lines, fmt.Sprintf("%s: %d", missingLabels[c], c))
	}
	for _, o := range it.Options {
		if dk := dontKnowCode(it, o.Code); dk != 0 {
			lines = append(lines, fmt.Sprintf("Don't know, “%s” (%s): %d", o.Label.In(lang), o.Code, dk))
		}
	}
	return strings.Join(lines, "\n")
}

func shownWhen(q *survey.Questionnaire, id string) string {
	if w := q.ShownWhen(id); w != "" {
		return w
	}
	return "always"
}

// itemNotes adds what else a researcher needs: optional, exclusive
// options, piping, other wordings.
func itemNotes(q *survey.Questionnaire, it *survey.Item, lang string) string {
	var notes []string
	owner := it
	if it.Grid != nil {
		owner = it.Grid
	}
	if it.Optional {
		notes = append(notes, "Optional.")
	}
	if it.Piped != nil {
		notes = append(notes, "Offers only the options chosen at "+it.Piped.ID+", then its own.")
	}
	if it.Type == survey.TypeNumber && (it.Min == nil || *it.Min < 0) {
		notes = append(notes, "Accepts negative numbers, which look like missing-value codes here: Data (labels) tells them apart.")
	}
	for _, o := range it.Options {
		if o.Exclusive {
			notes = append(notes, fmt.Sprintf("“%s” cannot be combined with other options.", o.Label.In(lang)))
		}
	}
	for _, v := range owner.Variants {
		notes = append(notes, fmt.Sprintf("Worded “%s” when %s.", v.Question.In(lang), q.InWords(v.If)))
	}
	return strings.Join(notes, " ")
}

// codebookSheet writes the Codebook sheet.
func (b *book) codebookSheet(entries []entry) error {
	widths := []float64{24, 7, 24, 48, 28, 18, 44, 36, 40, 11, 40}
	cols := make([]column, len(codebookHeaders))
	for i, h := range codebookHeaders {
		cols[i] = column{h, widths[i], b.note}
	}
	t, err := b.table(sheetCodebook, cols)
	if err != nil {
		return err
	}
	for _, e := range entries {
		cells := e.cells()
		vals := make([]any, len(cells))
		for i, c := range cells {
			vals[i] = safe(c)
		}
		if err := t.add(vals...); err != nil {
			return err
		}
	}
	return t.finish()
}
