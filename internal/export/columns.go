package export

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/researchpulse/pulse/internal/analysis"
	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

// What the 0/1 columns of multiple choice options mean, for the codebook.
// In Data (labels) a chosen option shows its label and one not chosen is
// left empty, as most survey tools' label exports do: the sheet reads at
// a glance, and the many empty cells cost nothing to write.
const (
	labelSelected    = "Selected"
	labelNotSelected = "Not selected"
)

// Names of the response columns that open the Data sheets.
const (
	colResponseID = "response_id"
	colTrust      = "trust_code"
	colActivity   = "activity_level"
	colStatus     = "status"
	colRatio      = "completion_ratio"
	colIncluded   = "included"
	colReasons    = "exclusion_reasons"
)

// Statuses in the status column.
const (
	statusComplete = "complete"
	statusPartial  = "partial"
)

// itemColumns are the Data columns of one answerable item: one column, or
// one 0/1 column per option of a multiple choice item; and the "please
// specify" text when an option asks for it.
type itemColumns struct {
	it      *survey.Item
	names   []string // the item's columns, then the specify column if any
	other   bool
	options map[string]optionCells
}

// layout is the Data sheets' columns: response columns, then the items'.
type layout struct {
	q        *survey.Questionnaire
	dims     []analysis.Dimension // the dimensions with a column of their own (all but trust activity)
	withFlag bool                 // the included and exclusion_reasons columns
	names    []string             // every column, in order
	items    []itemColumns
}

// newLayout names every column. Names are the item ids, option codes
// joined with a double underscore; characters other than letters, digits
// and _ become _, and a name already taken gets _2, _3….
func newLayout(q *survey.Questionnaire, dims []analysis.Dimension, withFlag bool) *layout {
	l := &layout{q: q, withFlag: withFlag}
	taken := map[string]bool{}
	name := func(s string) string {
		s = variableName(s)
		n := s
		for i := 2; taken[n]; i++ {
			n = s + "_" + strconv.Itoa(i)
		}
		taken[n] = true
		l.names = append(l.names, n)
		return n
	}
	for _, n := range []string{colResponseID, colTrust, colActivity} {
		name(n)
	}
	for _, d := range dims {
		if d.ID != survey.DimensionTrustActivity {
			l.dims = append(l.dims, d)
			name(d.ID)
		}
	}
	name(colStatus)
	name(colRatio)
	if withFlag {
		name(colIncluded)
		name(colReasons)
	}
	for _, it := range q.Items() {
		ic := itemColumns{it: it, options: newOptionCells(it, q.DefaultLanguage())}
		if it.Type == survey.TypeMultiple {
			for _, o := range it.Options {
				ic.names = append(ic.names, name(it.ID+"__"+o.Code))
			}
		} else {
			ic.names = append(ic.names, name(it.ID))
		}
		if _, ok := it.OtherOption(); ok {
			ic.other = true
			ic.names = append(ic.names, name(it.ID+"__other_text"))
		}
		l.items = append(l.items, ic)
	}
	return l
}

// variableName keeps letters, digits and _ and turns anything else into _.
func variableName(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			return r
		}
		return '_'
	}, s)
}

// row is one response's Data row in codes and in labels, ready to write.
type row struct {
	codes, labels []any
}

// rowOf fills the Data rows of one response.
func (l *layout) rowOf(r respondent, d analysis.Decision, trusts map[string]store.Trust, out *row) {
	out.codes, out.labels = out.codes[:0], out.labels[:0]
	add := func(code, label any) {
		out.codes, out.labels = append(out.codes, code), append(out.labels, label)
	}
	sr := r.stored
	add(sr.ID, sr.ID)
	add(safe(sr.Trust), safe(trusts[sr.Trust].Name))
	level := levelCode(sr.Level)
	add(level, levelLabel(level))
	for _, dim := range l.dims {
		g := d.Groups[dim.ID]
		add(safe(g), safe(groupLabel(dim, g)))
	}
	if sr.Submitted {
		add(statusComplete, "Fully completed")
	} else {
		add(statusPartial, "Partial")
	}
	add(d.Ratio, d.Ratio)
	if l.withFlag {
		if d.Included {
			add(1, "Included")
		} else {
			add(0, "Excluded")
		}
		reasons := strings.Join(d.Reasons, "; ")
		add(reasons, reasons)
	}
	for _, ic := range l.items {
		a, code := r.answer(l.q, ic.it)
		ic.values(a, code, add)
	}
}

func levelCode(level string) string {
	if level == "" {
		return analysis.NotKnown
	}
	return level
}

func levelLabel(code string) string {
	switch code {
	case analysis.ActivityMore:
		return "More research-active"
	case analysis.ActivityLess:
		return "Less research-active"
	}
	return "Not known"
}

func groupLabel(d analysis.Dimension, code string) string {
	for _, g := range d.Groups {
		if g.Code == code {
			return g.Label
		}
	}
	if code == analysis.NotKnown {
		return "Not known"
	}
	return code
}

// values adds the item's cells given its answer or missing-value code.
func (ic itemColumns) values(a survey.Answer, code int, add func(code, label any)) {
	it := ic.it
	switch {
	case code != 0:
		c, label := missingCells(code)
		for range ic.names {
			add(c, label)
		}
		return
	case it.Type == survey.TypeMultiple:
		ic.multiple(a, add)
	case (it.Type == survey.TypeSingle || it.Type == survey.TypeScale) && len(a.Codes) > 0:
		if o, ok := ic.options[a.Codes[0]]; ok {
			add(o.code, o.label)
		} else {
			add(safe(a.Codes[0]), safe(a.Codes[0]))
		}
	case it.Type == survey.TypeNumber:
		if f, err := strconv.ParseFloat(a.Text, 64); err == nil {
			add(f, f)
		} else {
			add(safe(a.Text), safe(a.Text))
		}
	default:
		add(safe(a.Text), safe(a.Text))
	}
	if ic.other {
		ic.otherText(a, add)
	}
}

// multiple adds one 0/1 cell per option; when the answer is only options
// marked missing, the other options hold that option's code.
func (ic itemColumns) multiple(a survey.Answer, add func(code, label any)) {
	dk, dontKnow := optionCells{}, false
	if code, ok := onlyMissing(ic.it, a); ok {
		dk, dontKnow = ic.options[a.Codes[0]], true
		dk.code = boxInt(code)
	}
	for _, o := range ic.it.Options {
		switch {
		case a.Has(o.Code):
			add(1, ic.options[o.Code].label)
		case dontKnow && !o.Missing:
			add(dk.code, dk.label)
		default:
			add(0, nil)
		}
	}
}

// optionCells are an option's cells, made once: its code (for an option
// marked missing, its missing-value code) and its label.
type optionCells struct{ code, label any }

func newOptionCells(it *survey.Item, lang string) map[string]optionCells {
	out := make(map[string]optionCells, len(it.Options))
	for _, o := range it.Options {
		c := optionCells{code: safe(o.Code), label: safe(o.Label.In(lang))}
		if dk := dontKnowCode(it, o.Code); dk != 0 {
			c.code = boxInt(dk)
		}
		out[o.Code] = c
	}
	return out
}

// missingCells are the cells of a missing-value code and its label.
func missingCells(code int) (any, any) {
	return boxInt(code), missingLabelCells[code]
}

var missingLabelCells = func() map[int]any {
	out := map[int]any{}
	for c, l := range missingLabels {
		out[c] = l
	}
	return out
}()

// boxedInts are small numbers already in interface form: the Data sheets
// write millions of codes, and boxing a negative number allocates.
var boxedInts = func() [128]any {
	var out [128]any
	for i := range out {
		out[i] = i - 64
	}
	return out
}()

func boxInt(i int) any {
	if i >= -64 && i < 64 {
		return boxedInts[i+64]
	}
	return i
}

// otherText adds the "please specify" cell of an answered item: the text,
// or why there is none (the option was not chosen, so the box was not
// shown; or it was chosen and the box left blank).
func (ic itemColumns) otherText(a survey.Answer, add func(code, label any)) {
	o, _ := ic.it.OtherOption()
	switch {
	case !a.Has(o.Code):
		add(missingCells(CodeNotShown))
	case a.Other == "":
		add(missingCells(CodeNotAnswered))
	default:
		add(safe(a.Other), safe(a.Other))
	}
}

// describe is a plain description of an item's type for the codebook.
func describe(it *survey.Item) string {
	switch it.Type {
	case survey.TypeSingle:
		return "single choice"
	case survey.TypeMultiple:
		return "multiple choice (one 0/1 column per option)"
	case survey.TypeScale:
		return "agreement scale"
	case survey.TypeNumber:
		return "number"
	case survey.TypeText:
		return "short text"
	case survey.TypeTextarea:
		return "long text"
	}
	return fmt.Sprint(it.Type)
}
