package export

import (
	"strconv"
	"unicode/utf8"

	"github.com/researchpulse/pulse/internal/analysis"
	"github.com/researchpulse/pulse/internal/survey"
)

// statKind is what a variable of the statistics-package files holds.
type statKind int

const (
	// kindCoded: whole numbers with value labels (options, groups, 0/1).
	kindCoded statKind = iota
	// kindNumber: a number as answered, or the completion ratio.
	kindNumber
	// kindText: text, empty when there is none.
	kindText
	// kindReason: why the variable before it is empty: 0 when it is
	// not, or a missing-value code. It follows text, and numbers that
	// may be negative, whose own values could look like the codes.
	kindReason
)

// Measurement levels, as SPSS names them.
const (
	levelNominal = "nominal"
	levelOrdinal = "ordinal"
	levelScale   = "scale"
)

// codeNotKnown is the code of "not known" in the columns of the
// activity level and the breakdown dimensions: declared missing, as the
// analysis leaves it out of its tests.
const codeNotKnown = -9

// valueLabel is one labelled value; data is the code the Data sheet
// holds for it when that is not the number itself (an option's code, a
// group's, not_known).
type valueLabel struct {
	code  int
	label string
	data  string
}

// statVar is one variable of the statistics-package files: the data CSV
// and the scripts.
type statVar struct {
	name     string // in every package
	column   string // the Data column it comes from
	kind     statKind
	label    string // the variable label, shortened to fit every package
	question string // the whole question, for R's attributes, Stata's notes and an SPSS attribute
	level    string
	values   []valueLabel // substantive values, in the questionnaire's order
	missing  []valueLabel // missing-value codes (negative)
	decimals int          // numbers: decimals shown
	width    int          // numbers: digits shown; text: longest value in bytes (from the data)
	entry    entry        // the Data column's codebook entry
	of       string       // a reason variable: the name of the variable it explains
}

// statColumn turns one Data column's cell into the CSV fields of its
// variable and, when it has one, its reason variable.
type statColumn struct {
	main, reason int            // variable indexes; reason is -1 when there is none
	codes        map[string]int // coded variables: the Data sheet's codes
}

// statLayout is the variables of the statistics-package files and how
// each Data column fills them.
type statLayout struct {
	vars    []statVar
	columns []statColumn // one per Data column, in order
}

// statLayout describes the statistics-package variables of a pass's Data
// columns.
func (p *pass) statLayout() *statLayout {
	entries := p.codebook()
	sl := &statLayout{}
	names := newPackageNames()
	add := func(v statVar, codes map[string]int) {
		v.entry = entries[len(sl.columns)]
		v.column = v.entry.variable
		v.name = names.name(v.column)
		if v.question == "" {
			v.question = v.entry.question
		}
		sl.columns = append(sl.columns, statColumn{main: len(sl.vars), reason: -1, codes: codes})
		sl.vars = append(sl.vars, v)
	}
	for _, v := range p.responseVars() {
		add(v.statVar, v.codes)
	}
	lang := p.r.q.DefaultLanguage()
	for _, ic := range p.layout.items {
		for _, v := range itemVars(ic, lang) {
			add(v.statVar, v.codes)
			if v.withReason {
				sl.addReason(names)
			}
		}
	}
	return sl
}

// addReason adds the reason variable of the last variable added.
func (sl *statLayout) addReason(names *packageNames) {
	of := sl.vars[len(sl.vars)-1]
	v := statVar{kind: kindReason, column: of.column, label: "Why empty: " + shorten(of.label, maxVarLabelChars-11, maxVarLabelBytes-11), level: levelNominal,
		values: []valueLabel{{code: 0, label: "Not empty: see " + of.name}}, missing: of.missing, width: 2, entry: of.entry, of: of.name}
	v.name = names.name(of.name + "_why")
	sl.columns[len(sl.columns)-1].reason = len(sl.vars)
	sl.vars = append(sl.vars, v)
	sl.vars[len(sl.vars)-2].missing = nil
}

// newVar is a variable being described, with how its Data codes map.
type newVar struct {
	statVar
	codes      map[string]int
	withReason bool
}

// responseVars describe the columns that open each row.
func (p *pass) responseVars() []newVar {
	out := []newVar{
		{statVar: statVar{kind: kindText, label: "Response id", level: levelNominal}},
		{statVar: statVar{kind: kindText, label: "Trust code", level: levelNominal}},
		groupVar("Trust research activity", []analysis.Group{
			{Code: analysis.ActivityMore, Label: levelLabel(analysis.ActivityMore)},
			{Code: analysis.ActivityLess, Label: levelLabel(analysis.ActivityLess)},
		}),
	}
	for _, d := range p.layout.dims {
		out = append(out, groupVar(d.Label, d.Groups))
	}
	status := newVar{statVar: statVar{kind: kindCoded, label: "Status", level: levelNominal, values: []valueLabel{
		{1, "Fully completed (submitted)", statusComplete}, {2, "Partial (not submitted)", statusPartial}}},
		codes: map[string]int{statusComplete: 1, statusPartial: 2}}
	ratio := newVar{statVar: statVar{kind: kindNumber, label: "Completion ratio", level: levelScale, decimals: 4, width: 6}}
	out = append(out, status, ratio)
	if p.layout.withFlag {
		out = append(out,
			newVar{statVar: statVar{kind: kindCoded, label: "Included in the analysis", level: levelNominal,
				values: []valueLabel{{code: 0, label: "Excluded"}, {code: 1, label: "Included"}}}},
			newVar{statVar: statVar{kind: kindText, label: "Exclusion reasons", level: levelNominal}})
	}
	return out
}

// groupVar is the variable of a breakdown dimension (or the activity
// level): its groups numbered from 1 in order, and "not known" -9.
func groupVar(label string, groups []analysis.Group) newVar {
	v := newVar{statVar: statVar{kind: kindCoded, label: varLabel(label), level: levelNominal,
		missing: []valueLabel{{codeNotKnown, "Not known", analysis.NotKnown}}},
		codes: map[string]int{analysis.NotKnown: codeNotKnown}}
	for i, g := range groups {
		v.values = append(v.values, valueLabel{i + 1, valueLabelText(g.Label), g.Code})
		v.codes[g.Code] = i + 1
	}
	return v
}

// itemVars describe the variables of one item's Data columns.
func itemVars(ic itemColumns, lang string) []newVar {
	it := ic.it
	var out []newVar
	switch it.Type {
	case survey.TypeMultiple:
		for _, o := range it.Options {
			v := newVar{statVar: statVar{kind: kindCoded, level: levelNominal,
				label:  partLabel(it.ShortLabel().In(lang), o.Label.In(lang)),
				values: []valueLabel{{code: 0, label: labelNotSelected}, {code: 1, label: labelSelected}},
				missing: missingValues(it, lang, func(code int) bool {
					return code > CodeDontKnow || !o.Missing
				})}}
			out = append(out, v)
		}
	case survey.TypeSingle, survey.TypeScale:
		out = append(out, choiceVar(it, lang))
	case survey.TypeNumber:
		out = append(out, numberVar(it, lang))
	default:
		out = append(out, newVar{statVar: statVar{kind: kindText, level: levelNominal, label: itemLabel(it, lang),
			missing: missingValues(it, lang, nil)}, withReason: true})
	}
	if ic.other {
		o, _ := it.OtherOption()
		out = append(out, newVar{statVar: statVar{kind: kindText, level: levelNominal,
			label:   partLabel(it.ShortLabel().In(lang), oneLine(o.Label.In(lang))+" (please specify)"),
			missing: missingValues(it, lang, func(code int) bool { return code > CodeDontKnow })}, withReason: true})
	}
	return out
}

// partLabel is the variable label "whole: part", such as "Barriers: No
// funding": when it is too long, the whole is shortened first, so that
// the part, which tells the variable from its neighbours, stays.
func partLabel(whole, part string) string {
	whole, part = oneLine(whole), oneLine(part)
	room := maxVarLabelChars - len(": ") - utf8.RuneCountInString(part)
	if utf8.RuneCountInString(whole) > room {
		whole = shorten(whole, max(room, 16), maxVarLabelBytes/2)
	}
	return varLabel(whole + ": " + part)
}

// itemLabel is the variable label of an item with one column: its
// question (a grid statement's own text), shortened to fit.
func itemLabel(it *survey.Item, lang string) string {
	return varLabel(it.Question.In(lang))
}

// choiceVar numbers a single choice or scale item's options by their
// position in the item's list, from 1; an option marked missing keeps its
// missing-value code (-5, -6…) instead.
func choiceVar(it *survey.Item, lang string) newVar {
	level := levelNominal
	if it.Type == survey.TypeScale {
		level = levelOrdinal
	}
	v := newVar{statVar: statVar{kind: kindCoded, level: level, label: itemLabel(it, lang), missing: missingValues(it, lang, nil)},
		codes: map[string]int{}}
	for i, o := range it.Options {
		if dk := dontKnowCode(it, o.Code); dk != 0 {
			v.codes[o.Code] = dk
			continue
		}
		v.values = append(v.values, valueLabel{i + 1, valueLabelText(o.Label.In(lang)), o.Code})
		v.codes[o.Code] = i + 1
	}
	return v
}

// numberVar is a number item's variable. A number that cannot be
// negative holds the missing-value codes itself; one that can keeps them
// in a reason variable, so that no answer is taken for a code.
func numberVar(it *survey.Item, lang string) newVar {
	v := newVar{statVar: statVar{kind: kindNumber, level: levelScale, label: itemLabel(it, lang), missing: missingValues(it, lang, nil)}}
	if it.Decimals {
		v.decimals = 2
	}
	v.width = 8
	if it.Max != nil {
		v.width = max(v.width, len(strconv.FormatFloat(*it.Max, 'f', 0, 64))+v.decimals+2)
	}
	v.withReason = it.Min == nil || *it.Min < 0
	return v
}

// missingValues are the missing-value codes an item's variable can hold,
// with their labels: the four codes every item has, then its options
// marked missing; keep, when given, chooses among them.
func missingValues(it *survey.Item, lang string, keep func(code int) bool) []valueLabel {
	var out []valueLabel
	for _, c := range missingCodes {
		if keep == nil || keep(c) {
			out = append(out, valueLabel{code: c, label: missingLabels[c]})
		}
	}
	for _, o := range it.Options {
		if dk := dontKnowCode(it, o.Code); dk != 0 && (keep == nil || keep(dk)) {
			out = append(out, valueLabel{code: dk, label: valueLabelText(o.Label.In(lang))})
		}
	}
	return out
}

// codeWidth is the digits (and sign) an SPSS format needs to show every
// labelled value of a coded variable.
func (v statVar) codeWidth() int {
	w := 1
	for _, vl := range append(append([]valueLabel(nil), v.values...), v.missing...) {
		w = max(w, len(strconv.Itoa(vl.code)))
	}
	return w
}
