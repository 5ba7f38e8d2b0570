package server

import (
	"strconv"
	"strings"
	"time"

	"github.com/researchpulse/pulse/internal/survey"
)

// answerMessage words an answer error for the respondent in lang, as the
// NHS error message pattern asks: it names the question ("Select your main
// job") using the item's error_name, or quotes the item's label when the
// questionnaire gives none. it is nil when the error is about an id that
// is no item of the questionnaire.
func (s *Server) answerMessage(lang string, it *survey.Item, e survey.AnswerError) string {
	if it == nil {
		return s.text.T(lang, "answer.unknown_item")
	}
	name := it.ErrorName.In(lang)
	switch e.Code {
	case survey.ErrRequired:
		return s.requiredMessage(lang, it, name)
	case survey.ErrExclusive:
		return s.text.T(lang, "answer.exclusive", exclusiveLabel(it, lang))
	case survey.ErrTooMany:
		return s.text.T(lang, "answer.too_many", it.MaxChoices)
	case survey.ErrNotNumber, survey.ErrWholeNumber, survey.ErrRange:
		return s.numberMessage(lang, it, e.Code, name)
	case survey.ErrTooLong:
		if name != "" {
			return s.text.T(lang, "answer.named.too_long", name, groupDigits(it.TextLimit()))
		}
		return s.text.T(lang, "answer.too_long", shortLabel(it, lang), groupDigits(it.TextLimit()))
	case survey.ErrOtherRequired:
		o, _ := it.OtherOption()
		return s.text.T(lang, "answer.other_required", o.Label.In(lang))
	case survey.ErrOtherTooLong:
		return s.text.T(lang, "answer.other_too_long", groupDigits(it.OtherLimit()))
	case survey.ErrOneOnly, survey.ErrUnknownOption, survey.ErrHidden, survey.ErrUnknownItem:
		return s.text.T(lang, "answer."+e.Code)
	}
	return s.text.T(lang, "answer.invalid")
}

// requiredMessage asks for a missing answer in the words that suit the
// control: select for choices, enter for typed answers.
func (s *Server) requiredMessage(lang string, it *survey.Item, name string) string {
	ex := ""
	if it.Type == survey.TypeMultiple {
		ex = exclusiveLabel(it, lang)
	}
	if name != "" {
		switch {
		case ex != "":
			return s.text.T(lang, "answer.named.select_or", name, ex)
		case it.Choice():
			return s.text.T(lang, "answer.named.select", name)
		}
		return s.text.T(lang, "answer.named.enter", name)
	}
	label := shortLabel(it, lang)
	kind := "choice"
	switch it.Type {
	case survey.TypeMultiple:
		if ex != "" {
			return s.text.T(lang, "answer.required.multiple_exclusive", label, ex)
		}
		kind = "multiple"
	case survey.TypeNumber:
		kind = "number"
	case survey.TypeText, survey.TypeTextarea:
		kind = "text"
	}
	return s.text.T(lang, "answer.required."+kind+"_named", label)
}

// numberMessage says which numbers are accepted: the range when the item
// has one, and an example of the form wanted when what was typed was not
// a number at all (say, a unit the item does not use).
func (s *Server) numberMessage(lang string, it *survey.Item, code, name string) string {
	kind := "number"
	if code == survey.ErrWholeNumber || (code == survey.ErrNotNumber && !it.Decimals) {
		kind = "whole"
	}
	if name != "" {
		return s.namedNumberMessage(lang, it, code, kind, name)
	}
	label := shortLabel(it, lang)
	switch {
	case it.Min != nil && it.Max != nil:
		return s.text.T(lang, "answer."+kind+".between", formatNumber(*it.Min), formatNumber(*it.Max), label)
	case it.Min != nil:
		return s.text.T(lang, "answer."+kind+".min", formatNumber(*it.Min), label)
	case it.Max != nil:
		return s.text.T(lang, "answer."+kind+".max", formatNumber(*it.Max), label)
	}
	return s.text.T(lang, "answer."+kind, label)
}

// shortLabel names an item in a message when it has no error_name.
func shortLabel(it *survey.Item, lang string) string {
	return strings.TrimSuffix(it.ShortLabel().In(lang), ".")
}

func (s *Server) namedNumberMessage(lang string, it *survey.Item, code, kind, name string) string {
	if code != survey.ErrRange {
		return s.text.T(lang, "answer.named."+kind, name, exampleNumber(it))
	}
	switch {
	case it.Min != nil && it.Max != nil:
		return s.text.T(lang, "answer.named.between", name, formatNumber(*it.Min), formatNumber(*it.Max))
	case it.Min != nil:
		return s.text.T(lang, "answer.named.min", name, formatNumber(*it.Min))
	}
	return s.text.T(lang, "answer.named.max", name, formatNumber(*it.Max))
}

// exampleNumber is a number of the kind an item takes, within its range:
// 8, or 7.5 where fractions are allowed.
func exampleNumber(it *survey.Item) string {
	ex := 8.0
	if it.Decimals {
		ex = 7.5
	}
	if it.Max != nil && ex > *it.Max {
		ex = *it.Max
	}
	if it.Min != nil && ex < *it.Min {
		ex = *it.Min
	}
	return formatNumber(ex)
}

func exclusiveLabel(it *survey.Item, lang string) string {
	for _, o := range it.Options {
		if o.Exclusive {
			return o.Label.In(lang)
		}
	}
	return ""
}

func formatNumber(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// groupDigits writes n with thousands separators, as in "2,000" (Welsh
// uses the same separator).
func groupDigits(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// londonTime is the zone dates are shown in; UTC if the zone database is
// missing.
var londonTime = func() *time.Location {
	if loc, err := time.LoadLocation("Europe/London"); err == nil {
		return loc
	}
	return time.UTC
}()

// formatDate writes a date as people in the UK read it: "22 November 2026",
// with the month named in lang.
func (s *Server) formatDate(lang string, t time.Time) string {
	t = t.In(londonTime)
	return strconv.Itoa(t.Day()) + " " + s.text.T(lang, "date.month."+strconv.Itoa(int(t.Month()))) + " " + strconv.Itoa(t.Year())
}

// lastDay is the last day answers are taken: a review closing at midnight
// closes at the end of the day before.
func lastDay(closes time.Time) time.Time { return closes.Add(-time.Second) }
