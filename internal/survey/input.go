package survey

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Answer error codes. Each names one way an answer can be wrong; pages and
// the API turn them into messages in the respondent's language.
const (
	ErrRequired      = "required"       // a required item was left blank
	ErrOneOnly       = "one_only"       // more than one option for a single choice
	ErrUnknownOption = "unknown_option" // a code that is not one of the item's options
	ErrExclusive     = "exclusive"      // an exclusive option with another option
	ErrTooMany       = "too_many"       // more options than max_choices
	ErrNotNumber     = "not_number"     // not a number
	ErrWholeNumber   = "whole_number"   // a fraction where a whole number is needed
	ErrRange         = "range"          // a number outside min..max
	ErrTooLong       = "too_long"       // text over the item's length cap
	ErrOtherTooLong  = "other_too_long" // "please specify" text over its cap
	ErrOtherRequired = "other_required" // an option asking to please specify chosen without the text
	ErrHidden        = "hidden"         // an answer to an item that is not shown
	ErrUnknownItem   = "unknown_item"   // an id that is not an item on this page
)

// AnswerError says what is wrong with one item's answer.
type AnswerError struct {
	ItemID string
	Code   string
	Value  string // the offending value, where there is one
}

func (e *AnswerError) Error() string {
	if e.Value != "" {
		return e.ItemID + ": " + e.Code + " (" + e.Value + ")"
	}
	return e.ItemID + ": " + e.Code
}

// ParseInput turns what a respondent sent for an item (the values of a form
// field or a JSON answer, as text) into an Answer, or says what is wrong.
// Blank values are dropped, so an untouched field gives an empty answer.
// The same parsing serves the pages and the API.
func (it *Item) ParseInput(values []string, other string) (Answer, *AnswerError) {
	values = cleanValues(values)
	var a Answer
	var err *AnswerError
	switch it.Type {
	case TypeSingle, TypeScale:
		a, err = it.parseSingle(values)
	case TypeMultiple:
		a, err = it.parseMultiple(values)
	case TypeNumber:
		a, err = it.parseNumber(values)
	default:
		a, err = it.parseText(values)
	}
	if err != nil {
		return Answer{}, err
	}
	return it.withOther(a, other)
}

func cleanValues(values []string) []string {
	out := values[:0:0]
	for _, v := range values {
		if v = cleanText(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// ValidInput reports whether s can be taken as an answer at all: valid
// UTF-8 with no NUL character. Anything else is a broken or hostile
// client, to be refused rather than repaired.
func ValidInput(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0)
}

// cleanText makes text safe to store and to export: valid UTF-8, no
// control characters but newlines and tabs, no invisible formatting
// characters, Windows line ends folded, outer space trimmed.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.Map(func(r rune) rune {
		if (unicode.IsControl(r) && r != '\n' && r != '\t') || invisible(r) {
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// invisible reports the characters that change how text is displayed
// without showing themselves: bidirectional embeddings, overrides and
// isolates, which can make an exported cell read differently from what
// it holds, and zero-width characters, which make equal-looking answers
// differ.
func invisible(r rune) bool {
	switch {
	case r >= 0x200B && r <= 0x200F: // zero-width space, non-joiner, joiner; LRM, RLM
		return true
	case r >= 0x202A && r <= 0x202E: // LRE, RLE, PDF, LRO, RLO
		return true
	case r >= 0x2060 && r <= 0x2064: // word joiner and invisible operators
		return true
	case r >= 0x2066 && r <= 0x2069: // LRI, RLI, FSI, PDI
		return true
	}
	return r == 0xFEFF || r == 0x061C || r == 0x180E // zero-width no-break space, Arabic letter mark, Mongolian vowel separator
}

func (it *Item) parseSingle(values []string) (Answer, *AnswerError) {
	switch {
	case len(values) == 0:
		return Answer{}, nil
	case len(values) > 1:
		return Answer{}, &AnswerError{ItemID: it.ID, Code: ErrOneOnly}
	}
	if _, ok := it.Option(values[0]); !ok {
		return Answer{}, &AnswerError{ItemID: it.ID, Code: ErrUnknownOption, Value: values[0]}
	}
	return Answer{Codes: values}, nil
}

func (it *Item) parseMultiple(values []string) (Answer, *AnswerError) {
	var codes []string
	seen := map[string]bool{}
	exclusive := false
	for _, v := range values {
		o, ok := it.Option(v)
		if !ok {
			return Answer{}, &AnswerError{ItemID: it.ID, Code: ErrUnknownOption, Value: v}
		}
		if !seen[v] {
			seen[v] = true
			codes = append(codes, v)
			exclusive = exclusive || o.Exclusive
		}
	}
	if exclusive && len(codes) > 1 {
		return Answer{}, &AnswerError{ItemID: it.ID, Code: ErrExclusive}
	}
	if it.MaxChoices > 0 && len(codes) > it.MaxChoices {
		return Answer{}, &AnswerError{ItemID: it.ID, Code: ErrTooMany}
	}
	return Answer{Codes: it.inOptionOrder(codes)}, nil
}

// inOptionOrder sorts codes as the options are listed, so the same choice
// is always stored the same way.
func (it *Item) inOptionOrder(codes []string) []string {
	out := make([]string, 0, len(codes))
	for _, o := range it.Options {
		for _, c := range codes {
			if c == o.Code {
				out = append(out, c)
			}
		}
	}
	return out
}

func (it *Item) parseNumber(values []string) (Answer, *AnswerError) {
	if len(values) == 0 {
		return Answer{}, nil
	}
	f, ok := it.readNumber(values[0])
	if len(values) > 1 || !ok {
		return Answer{}, &AnswerError{ItemID: it.ID, Code: ErrNotNumber, Value: values[0]}
	}
	if !it.Decimals && f != math.Trunc(f) {
		return Answer{}, &AnswerError{ItemID: it.ID, Code: ErrWholeNumber, Value: values[0]}
	}
	if (it.Min != nil && f < *it.Min) || (it.Max != nil && f > *it.Max) {
		return Answer{}, &AnswerError{ItemID: it.ID, Code: ErrRange, Value: values[0]}
	}
	return Answer{Text: strconv.FormatFloat(f, 'f', -1, 64)}, nil
}

// plainNumber is a decimal as people write one: digits, with an optional
// sign and decimal part. A comma may stand for the decimal point.
var plainNumber = regexp.MustCompile(`^[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)$`)

// readNumber reads a plain decimal, allowing the item's own unit after it
// ("8 hours" for an item whose suffix is "hours"). It refuses anything
// that could be misread: digits split by spaces ("1 2"), a comma followed
// by exactly three digits ("1,500", which may be a thousands separator),
// hexadecimal or exponents ("0x1p4", "1e3"), and text.
func (it *Item) readNumber(s string) (float64, bool) {
	s = strings.TrimSpace(it.withoutUnit(s))
	if !plainNumber.MatchString(s) {
		return 0, false
	}
	if whole, frac, ok := strings.Cut(s, ","); ok {
		if len(frac) == 3 {
			return 0, false
		}
		s = whole + "." + frac
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// withoutUnit removes the item's suffix (in any language, singular or
// plural, any case) from the end of s.
func (it *Item) withoutUnit(s string) string {
	lower := strings.ToLower(s)
	for _, unit := range it.Suffix {
		unit = strings.ToLower(strings.TrimSpace(unit))
		for _, u := range []string{unit, strings.TrimSuffix(unit, "s")} {
			if u != "" && strings.HasSuffix(lower, u) {
				return s[:len(s)-len(u)]
			}
		}
	}
	return s
}

func (it *Item) parseText(values []string) (Answer, *AnswerError) {
	text := strings.Join(values, "\n")
	if utf8.RuneCountInString(text) > it.TextLimit() {
		return Answer{}, &AnswerError{ItemID: it.ID, Code: ErrTooLong}
	}
	return Answer{Text: text}, nil
}

// withOther keeps "please specify" text only when the option that asks for
// it is chosen, and requires it then unless the option says it is
// optional.
func (it *Item) withOther(a Answer, other string) (Answer, *AnswerError) {
	other = cleanText(other)
	chosen, optional := it.otherChosen(a)
	if !chosen {
		return a, nil
	}
	if other == "" {
		if optional {
			return a, nil
		}
		return Answer{}, &AnswerError{ItemID: it.ID, Code: ErrOtherRequired}
	}
	if utf8.RuneCountInString(other) > it.OtherLimit() {
		return Answer{}, &AnswerError{ItemID: it.ID, Code: ErrOtherTooLong}
	}
	a.Other = other
	return a, nil
}

// otherChosen reports whether the answer chose the option asking to
// please specify, and whether that option's text is optional.
func (it *Item) otherChosen(a Answer) (chosen, optional bool) {
	for _, o := range it.Options {
		if o.Other && a.Has(o.Code) {
			return true, o.OtherOptional
		}
	}
	return false, false
}

// OtherOption returns the option that asks to please specify, if any.
func (it *Item) OtherOption() (Option, bool) {
	for _, o := range it.Options {
		if o.Other {
			return o, true
		}
	}
	return Option{}, false
}
