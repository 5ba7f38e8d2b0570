package server

import (
	"html/template"
	"strconv"
	"strings"
)

// The question controls of a page (radios, checkboxes, inputs,
// textareas, agreement grids), following the nhsuk-frontend v10 macros'
// markup, written in Go for the reason options are (optionmarkup.go).
// Every question sits in a box naming the items it draws, so the page
// script can reveal or hide follow-ups in place; a follow-up not shown now
// is drawn hidden with its controls disabled. TestFieldMarkupMatchesTemplate
// proves the bytes equal to the templates this replaced
// (testdata/fields.html) for random fields of every kind.

// fields is the markup of a page's questions (template function).
func (m controlMarkup) fields(fs []field) template.HTML {
	var b strings.Builder
	b.Grow(16 << 10)
	for i := range fs {
		m.field(&b, &fs[i])
	}
	return template.HTML(b.String())
}

func (m controlMarkup) field(b *strings.Builder, f *field) {
	b.WriteString("\n<div class=\"pulse-item\" id=\"")
	escapeHTML(b, f.ID)
	b.WriteString("-item\" data-items=\"")
	escapeHTML(b, f.Items)
	b.WriteByte('"')
	if f.Hidden {
		b.WriteString(" hidden")
	}
	b.WriteByte('>')
	if f.Added {
		b.WriteString("\n<strong class=\"nhsuk-tag nhsuk-tag--blue pulse-added\">")
		escapeHTML(b, m.text.T(f.Lang, "field.added"))
		b.WriteString("</strong>")
	}
	switch f.Kind {
	case kindRadios:
		m.choices(b, f, "radios")
	case kindCheckboxes:
		m.choices(b, f, "checkboxes")
	case kindGrid:
		m.grid(b, f)
	case kindTextarea:
		m.textarea(b, f)
	default:
		m.input(b, f)
	}
	b.WriteString("\n</div>\n")
}

// questionText is the question with its caption, "(optional)" and the
// suffix read to screen readers.
func (m controlMarkup) questionText(b *strings.Builder, f *field) {
	if f.Caption != "" {
		b.WriteString("<span class=\"nhsuk-caption-l\">")
		escapeHTML(b, f.Caption)
		b.WriteString("<span class=\"nhsuk-u-visually-hidden\"> - </span></span>")
	}
	escapeHTML(b, f.Question)
	if f.Optional {
		b.WriteByte(' ')
		escapeHTML(b, m.text.T(f.Lang, "field.optional"))
	}
	if f.Suffix != "" {
		b.WriteString("<span class=\"nhsuk-u-visually-hidden\"> (")
		escapeHTML(b, f.Suffix)
		b.WriteString(")</span>")
	}
}

// heading gives the size class and the element of a question that heads
// the page (level 1: h1) or one of several (2: h2); ok is false for a
// grid statement (level 0), which is no heading.
func heading(level int) (size, h string, ok bool) {
	switch level {
	case 1:
		return "l", "h1", true
	case 2:
		return "m", "h2", true
	}
	return "", "", false
}

// legend is a fieldset's legend, a heading unless the field is a grid
// statement.
func (m controlMarkup) legend(b *strings.Builder, f *field) {
	if size, h, ok := heading(f.Level); ok {
		b.WriteString("\n<legend class=\"nhsuk-fieldset__legend nhsuk-fieldset__legend--" + size + "\">\n  <" + h + " class=\"nhsuk-fieldset__heading\">")
		m.questionText(b, f)
		b.WriteString("</" + h + ">\n</legend>\n")
		return
	}
	b.WriteString("\n<legend class=\"nhsuk-fieldset__legend nhsuk-fieldset__legend--s\">")
	m.questionText(b, f)
	b.WriteString("</legend>\n")
}

// label is a single control's label, at the field's heading level.
func (m controlMarkup) label(b *strings.Builder, f *field) {
	size, h, ok := heading(f.Level)
	if ok {
		b.WriteString("\n<" + h + " class=\"nhsuk-label-wrapper\"><label class=\"nhsuk-label nhsuk-label--" + size + "\" for=\"")
	} else {
		b.WriteString("\n<label class=\"nhsuk-label\" for=\"")
	}
	escapeHTML(b, f.ID)
	b.WriteString("\">")
	m.questionText(b, f)
	b.WriteString("</label>")
	if ok {
		b.WriteString("</" + h + ">")
	}
	b.WriteByte('\n')
}

// hintError is the hint and the error message under a question.
func (m controlMarkup) hintError(b *strings.Builder, f *field) {
	if f.Hint != "" {
		b.WriteString("\n<div class=\"nhsuk-hint\" id=\"")
		escapeHTML(b, f.ID)
		b.WriteString("-hint\">")
		escapeHTML(b, f.Hint)
		b.WriteString("</div>")
	}
	if f.Error != "" {
		m.errorMessage(b, "", f.Lang, f.ID, f.Error)
	}
	b.WriteByte('\n')
}

// formGroup opens a question's form group.
func formGroup(b *strings.Builder, f *field, extraClass string) {
	b.WriteString("\n<div class=\"nhsuk-form-group")
	if f.Error != "" {
		b.WriteString(" nhsuk-form-group--error")
	}
	b.WriteString(extraClass)
	b.WriteString("\" id=\"")
	escapeHTML(b, f.ID)
	b.WriteString("-question\"")
}

// choices is a fieldset of radios or checkboxes, its options under
// disclosures when the item groups them.
func (m controlMarkup) choices(b *strings.Builder, f *field, list string) {
	formGroup(b, f, "")
	b.WriteString(">\n  <fieldset class=\"nhsuk-fieldset\"")
	if d := f.DescribedBy(); d != "" {
		b.WriteString(" aria-describedby=\"")
		escapeHTML(b, d)
		b.WriteByte('"')
	}
	b.WriteString(">\n    ")
	m.legend(b, f)
	b.WriteString("\n    ")
	m.hintError(b, f)
	b.WriteString("\n    <div class=\"nhsuk-" + list + "\" data-module=\"nhsuk-" + list + "\">")
	if len(f.Groups) > 0 {
		for _, g := range f.Groups {
			b.WriteString("\n      <details class=\"nhsuk-details pulse-option-group\"")
			if g.Open {
				b.WriteString(" open")
			}
			b.WriteString(">\n        <summary class=\"nhsuk-details__summary\"><span class=\"nhsuk-details__summary-text\">")
			escapeHTML(b, g.Label)
			b.WriteString("</span></summary>\n        <div class=\"nhsuk-details__text\">\n          ")
			m.items(b, g.Options, list)
			b.WriteString("\n        </div>\n      </details>")
		}
	} else {
		b.WriteString("\n      ")
		m.items(b, f.Options, list)
	}
	b.WriteString("\n    </div>\n  </fieldset>\n</div>\n")
}

// input is a text or number box, with a suffix such as "hours".
func (m controlMarkup) input(b *strings.Builder, f *field) {
	formGroup(b, f, "")
	b.WriteString(">\n  ")
	m.label(b, f)
	b.WriteString("\n  ")
	m.hintError(b, f)
	if f.Suffix != "" {
		b.WriteString("\n  <div class=\"nhsuk-input-wrapper\">")
	}
	b.WriteString("\n  <input class=\"nhsuk-input ")
	escapeHTML(b, f.Width)
	if f.Error != "" {
		b.WriteString(" nhsuk-input--error")
	}
	b.WriteByte('"')
	controlAttrs(b, f.ID, f.Name, "text", f.Value)
	if f.Numeric {
		mode := "numeric"
		if f.Decimal {
			mode = "decimal"
		}
		b.WriteString(" inputmode=\"" + mode + "\" spellcheck=\"false\"")
	}
	b.WriteString(" autocomplete=\"off\"")
	if f.Disabled {
		b.WriteString(" disabled")
	}
	if d := f.DescribedBy(); d != "" {
		b.WriteString(" aria-describedby=\"")
		escapeHTML(b, d)
		b.WriteByte('"')
	}
	b.WriteByte('>')
	if f.Suffix != "" {
		b.WriteString("\n    <div class=\"nhsuk-input-wrapper__suffix\" aria-hidden=\"true\">")
		escapeHTML(b, f.Suffix)
		b.WriteString("</div>\n  </div>")
	}
	b.WriteString("\n</div>\n")
}

// characterCount lists the NHS character count's messages, in order, as
// data-i18n attribute names and catalogue keys.
var characterCount = [][2]string{
	{"characters-under-limit.zero", "count.under"},
	{"characters-under-limit.one", "count.under_one"},
	{"characters-under-limit.two", "count.under"},
	{"characters-under-limit.few", "count.under"},
	{"characters-under-limit.many", "count.under"},
	{"characters-under-limit.other", "count.under"},
	{"characters-at-limit", "count.at"},
	{"characters-over-limit.zero", "count.over"},
	{"characters-over-limit.one", "count.over_one"},
	{"characters-over-limit.two", "count.over"},
	{"characters-over-limit.few", "count.over"},
	{"characters-over-limit.many", "count.over"},
	{"characters-over-limit.other", "count.over"},
}

// textarea is a free-text answer with the NHS character count.
func (m controlMarkup) textarea(b *strings.Builder, f *field) {
	formGroup(b, f, " nhsuk-character-count")
	b.WriteString(" data-module=\"nhsuk-character-count\" data-maxlength=\"")
	b.WriteString(strconv.Itoa(f.Limit))
	b.WriteByte('"')
	for i, c := range characterCount {
		b.WriteString("\n  data-i18n." + c[0] + "=\"")
		escapeHTML(b, m.text.T(f.Lang, c[1]))
		b.WriteByte('"')
		if i == len(characterCount)-1 {
			b.WriteByte('>')
		}
	}
	b.WriteString("\n  ")
	m.label(b, f)
	b.WriteString("\n  ")
	m.hintError(b, f)
	b.WriteString("\n  <textarea class=\"nhsuk-textarea")
	if f.Error != "" {
		b.WriteString(" nhsuk-textarea--error")
	}
	b.WriteString(" nhsuk-js-character-count\" id=\"")
	escapeHTML(b, f.ID)
	b.WriteString("\" name=\"")
	escapeHTML(b, f.Name)
	b.WriteString("\" rows=\"5\" autocomplete=\"off\"")
	if f.Disabled {
		b.WriteString(" disabled")
	}
	b.WriteString(" aria-describedby=\"")
	escapeHTML(b, f.TextareaDescribedBy())
	b.WriteString("\">")
	escapeHTML(b, f.Value)
	b.WriteString("</textarea>\n  <div class=\"nhsuk-hint nhsuk-character-count__message\" id=\"")
	escapeHTML(b, f.ID)
	b.WriteString("-info\">")
	escapeHTML(b, m.text.T(f.Lang, "count.limit", f.LimitTxt))
	b.WriteString("</div>\n</div>\n")
}

// grid is an agreement grid: one fieldset of radios (a card on a phone, a
// compact row on a desktop) per statement, under the grid's question.
func (m controlMarkup) grid(b *strings.Builder, f *field) {
	b.WriteString("\n<div class=\"pulse-grid\" role=\"group\" aria-labelledby=\"")
	escapeHTML(b, f.ID)
	b.WriteString("-heading\"")
	if f.Hint != "" {
		b.WriteString(" aria-describedby=\"")
		escapeHTML(b, f.ID)
		b.WriteString("-hint\"")
	}
	b.WriteByte('>')
	size, h, ok := heading(f.Level)
	if !ok {
		size, h, _ = heading(2)
	}
	b.WriteString("\n  <" + h + " class=\"nhsuk-heading-" + size + "\" id=\"")
	escapeHTML(b, f.ID)
	b.WriteString("-heading\">")
	m.questionText(b, f)
	b.WriteString("</" + h + ">")
	if f.Hint != "" {
		b.WriteString("\n  <div class=\"nhsuk-hint\" id=\"")
		escapeHTML(b, f.ID)
		b.WriteString("-hint\">")
		escapeHTML(b, f.Hint)
		b.WriteString("</div>")
	}
	b.WriteString("\n  ")
	for i := range f.Rows {
		row := &f.Rows[i]
		b.WriteString("\n  <div class=\"pulse-grid__statement\" data-items=\"")
		escapeHTML(b, row.Items)
		b.WriteByte('"')
		if row.Hidden {
			b.WriteString(" hidden")
		}
		b.WriteString(">\n    ")
		m.choices(b, row, "radios")
		b.WriteString("\n  </div>\n  ")
	}
	b.WriteString("\n</div>\n")
}

// resumeBox tells the respondent how to come back, on every question
// page (template function); nothing before there is a code.
func (m controlMarkup) resumeBox(r resumeBox) template.HTML {
	if r.Code == "" {
		return ""
	}
	var b strings.Builder
	para := func(key string, args ...any) {
		b.WriteString("\n    <p>")
		escapeHTML(&b, m.text.T(r.Lang, key, args...))
		b.WriteString("</p>")
	}
	b.WriteString("\n<details class=\"nhsuk-details pulse-resume\"")
	if r.Open {
		b.WriteString(" open")
	}
	b.WriteString(">\n  <summary class=\"nhsuk-details__summary\">\n    <span class=\"nhsuk-details__summary-text\">")
	escapeHTML(&b, m.text.T(r.Lang, "resume_box.summary"))
	b.WriteString("</span>\n  </summary>\n  <div class=\"nhsuk-details__text\">")
	para("resume_box.saved")
	para("resume_box.code_intro")
	b.WriteString("\n    <p class=\"pulse-code\" id=\"resume-code\">")
	escapeHTML(&b, r.Code)
	b.WriteString("</p>\n    <p>")
	escapeHTML(&b, m.text.T(r.Lang, "resume_box.link_intro"))
	b.WriteString("<br><span class=\"pulse-break\" id=\"resume-link\">")
	escapeHTML(&b, r.Link)
	b.WriteString("</span></p>")
	para("resume_box.until", r.Until)
	para("resume_box.private")
	b.WriteString("\n  </div>\n</details>\n")
	return template.HTML(b.String())
}
