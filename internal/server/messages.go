package server

import (
	"strconv"
	"strings"
	"time"

	"github.com/researchpulse/pulse/internal/survey"
)

// answerMessage words an answer error for the respondent, GOV.UK style, in
// lang. named adds the question's label to messages that would otherwise
// be ambiguous on a page of several questions. it is nil when the error is
// about an id that is no item of the questionnaire.
func (s *Server) answerMessage(lang string, it *survey.Item, e survey.AnswerError, named bool) string {
	if it == nil {
		return s.text.T(lang, "answer.unknown_item")
	}
	switch e.Code {
	case survey.ErrRequired:
		return s.requiredMessage(lang, it, named)
	case survey.ErrExclusive:
		return s.text.T(lang, "answer.exclusive", exclusiveLabel(it, lang))
	case survey.ErrTooMany:
		return s.text.T(lang, "answer.too_many", it.MaxChoices)
	case survey.ErrNotNumber, survey.ErrWholeNumber, survey.ErrRange:
		return s.numberMessage(lang, it, e.Code)
	case survey.ErrTooLong:
		return s.text.T(lang, "answer.too_long", groupDigits(it.TextLimit()))
	case survey.ErrOtherTooLong:
		return s.text.T(lang, "answer.other_too_long", groupDigits(it.OtherLimit()))
	case survey.ErrOneOnly, survey.ErrUnknownOption, survey.ErrHidden, survey.ErrUnknownItem:
		return s.text.T(lang, "answer."+e.Code)
	}
	return s.text.T(lang, "answer.invalid")
}

// requiredMessage asks for a missing answer in the words that suit the
// control: select for choices, enter for typed answers.
func (s *Server) requiredMessage(lang string, it *survey.Item, named bool) string {
	label := strings.TrimSuffix(it.ShortLabel().In(lang), ".")
	if it.Grid != nil {
		label = strings.TrimSuffix(it.Question.In(lang), ".")
		named = true
	}
	kind := "choice"
	switch it.Type {
	case survey.TypeMultiple:
		if ex := exclusiveLabel(it, lang); ex != "" {
			return s.text.T(lang, "answer.required.multiple_exclusive", ex)
		}
		kind = "multiple"
	case survey.TypeNumber:
		kind = "number"
	case survey.TypeText, survey.TypeTextarea:
		kind = "text"
	}
	if named {
		return s.text.T(lang, "answer.required."+kind+"_named", label)
	}
	return s.text.T(lang, "answer.required."+kind)
}

// numberMessage says which numbers are accepted, naming the range when the
// item has one.
func (s *Server) numberMessage(lang string, it *survey.Item, code string) string {
	kind := "number"
	if code == survey.ErrWholeNumber || (code == survey.ErrNotNumber && !it.Decimals) {
		kind = "whole"
	}
	switch {
	case it.Min != nil && it.Max != nil:
		return s.text.T(lang, "answer."+kind+".between", formatNumber(*it.Min), formatNumber(*it.Max))
	case it.Min != nil:
		return s.text.T(lang, "answer."+kind+".min", formatNumber(*it.Min))
	case it.Max != nil:
		return s.text.T(lang, "answer."+kind+".max", formatNumber(*it.Max))
	}
	return s.text.T(lang, "answer."+kind)
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
