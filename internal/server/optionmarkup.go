package server

import (
	"html/template"
	"strings"
)

// Options are most of a question page's markup (the first page of the
// bundled questionnaire has 33), and html/template spends a reflective
// call on every value it escapes: drawn by templates, the option lists
// were three quarters of a page's render time. So radio and checkbox
// options, with their "please specify" boxes, are written here, escaping
// every value exactly as html/template escapes a text node or a quoted
// attribute value. TestOptionMarkupMatchesTemplate renders random
// options, hostile text included, both here and with the templates this
// replaced (testdata/fields.html) and requires the same bytes.

// controlMarkup writes question controls and option lists; text gives
// interface strings.
type controlMarkup struct {
	text *catalog
}

// radioItems is the markup of radio options (template function).
func (m controlMarkup) radioItems(opts []option) template.HTML {
	var b strings.Builder
	m.items(&b, opts, "radios")
	return template.HTML(b.String())
}

// checkboxItems is the markup of checkbox options and the "or" divider
// before an exclusive one (template function).
func (m controlMarkup) checkboxItems(opts []option) template.HTML {
	var b strings.Builder
	m.items(&b, opts, "checkboxes")
	return template.HTML(b.String())
}

// items writes the options of an nhsuk-radios or nhsuk-checkboxes list.
func (m controlMarkup) items(b *strings.Builder, opts []option, list string) {
	b.Grow(512 * len(opts))
	for i := range opts {
		o := &opts[i]
		switch {
		case list == "radios":
			m.item(b, o, list, "radio")
		case o.Divider:
			b.WriteString("\n<div class=\"nhsuk-checkboxes__divider\">")
			escapeHTML(b, m.text.T(o.Lang, "field.or"))
			b.WriteString("</div>\n")
		default:
			m.item(b, o, list, "checkbox")
		}
	}
}

// item writes one option of an nhsuk-radios or nhsuk-checkboxes list.
func (m controlMarkup) item(b *strings.Builder, o *option, list, inputType string) {
	b.WriteString("\n<div class=\"nhsuk-")
	b.WriteString(list)
	b.WriteString("__item\">\n  <input class=\"nhsuk-")
	b.WriteString(list)
	b.WriteString("__input\"")
	controlAttrs(b, o.ID, o.Name, inputType, o.Value)
	if o.Checked {
		b.WriteString(" checked")
	}
	if o.Disabled {
		b.WriteString(" disabled")
	}
	if o.Exclusive && inputType == "checkbox" {
		b.WriteString(" data-behaviour=\"exclusive\"")
	}
	if o.Hint != "" {
		b.WriteString(" aria-describedby=\"")
		escapeHTML(b, o.ID)
		b.WriteString("-item-hint\"")
	}
	if o.Other != nil {
		b.WriteString(" data-aria-controls=\"conditional-")
		escapeHTML(b, o.ID)
		b.WriteByte('"')
	}
	b.WriteString(">\n  <label class=\"nhsuk-label nhsuk-")
	b.WriteString(list)
	b.WriteString("__label\" for=\"")
	escapeHTML(b, o.ID)
	b.WriteString("\">")
	escapeHTML(b, o.Label)
	b.WriteString("</label>")
	if o.Hint != "" {
		b.WriteString("\n  <div class=\"nhsuk-hint nhsuk-")
		b.WriteString(list)
		b.WriteString("__hint\" id=\"")
		escapeHTML(b, o.ID)
		b.WriteString("-item-hint\">")
		escapeHTML(b, o.Hint)
		b.WriteString("</div>")
	}
	b.WriteString("\n</div>")
	if o.Other != nil {
		b.WriteString("\n<div class=\"nhsuk-")
		b.WriteString(list)
		b.WriteString("__conditional")
		if !o.Checked {
			b.WriteString(" nhsuk-")
			b.WriteString(list)
			b.WriteString("__conditional--hidden")
		}
		b.WriteString("\" id=\"conditional-")
		escapeHTML(b, o.ID)
		b.WriteString("\">\n  ")
		m.other(b, o.Other)
		b.WriteString("\n</div>")
	}
	b.WriteByte('\n')
}

// other writes the "please specify" text box an option reveals.
func (m controlMarkup) other(b *strings.Builder, o *otherInput) {
	b.WriteString("\n<div class=\"nhsuk-form-group")
	if o.Error != "" {
		b.WriteString(" nhsuk-form-group--error")
	}
	b.WriteString("\">\n  <label class=\"nhsuk-label\" for=\"")
	escapeHTML(b, o.ID)
	b.WriteString("\">")
	escapeHTML(b, o.Label)
	b.WriteString("</label>")
	if o.Error != "" {
		m.errorMessage(b, "  ", o.Lang, o.ID, o.Error)
	}
	b.WriteString("\n  <input class=\"nhsuk-input")
	if o.Error != "" {
		b.WriteString(" nhsuk-input--error")
	}
	b.WriteByte('"')
	controlAttrs(b, o.ID, o.Name, "text", o.Value)
	b.WriteString(" autocomplete=\"off\"")
	if o.Disabled {
		b.WriteString(" disabled")
	}
	if o.Error != "" {
		b.WriteString(" aria-describedby=\"")
		escapeHTML(b, o.ID)
		b.WriteString("-error\"")
	}
	b.WriteString(">\n</div>\n")
}

// controlAttrs writes the id, name, type and value attributes of a form
// control.
func controlAttrs(b *strings.Builder, id, name, typ, value string) {
	b.WriteString(" id=\"")
	escapeHTML(b, id)
	b.WriteString("\" name=\"")
	escapeHTML(b, name)
	b.WriteString("\" type=\"" + typ + "\" value=\"")
	escapeHTML(b, value)
	b.WriteByte('"')
}

// errorMessage writes the error message of a question or a box with id,
// on a new line after indent.
func (m controlMarkup) errorMessage(b *strings.Builder, indent, lang, id, text string) {
	b.WriteString("\n" + indent + "<span class=\"nhsuk-error-message\" id=\"")
	escapeHTML(b, id)
	b.WriteString("-error\"><span class=\"nhsuk-u-visually-hidden\">")
	escapeHTML(b, m.text.T(lang, "field.error_prefix"))
	b.WriteString("</span>")
	escapeHTML(b, text)
	b.WriteString("</span>")
}

// escapeHTML writes s escaped as html/template escapes a string in a text
// node or a quoted attribute value: NUL becomes U+FFFD and " & ' + < >
// character references; every other byte, valid UTF-8 or not, is kept.
func escapeHTML(b *strings.Builder, s string) {
	start := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		b.WriteString(s[start:i])
		b.WriteString(repl)
		start = i + 1
	}
	b.WriteString(s[start:])
}
