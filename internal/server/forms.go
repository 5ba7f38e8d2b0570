package server

import (
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"regexp"
	"strings"

	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/survey"
)

// Form field names. Every other field of a question page is an answer:
// its name is the item id, and "please specify" text goes in ID__other.
const (
	fieldCSRF    = "csrf"
	fieldKey     = "key"
	fieldShown   = "shown"
	fieldFrom    = "from"
	fieldAction  = "action"        // which button: actionLater, or Continue
	fieldConfirm = "confirm_clear" // "1" when the respondent agreed to clear answers
	otherSuffix  = "__other"
	fromCheck    = "check"
	actionLater  = "later"
)

// pageInput turns a posted question page into what respond.Save takes.
// Nothing is checked here: an unknown name becomes an unknown item, which
// respond reports.
func pageInput(form url.Values) respond.Input {
	in := respond.Input{
		Key:          form.Get(fieldKey),
		Values:       map[string][]string{},
		Other:        map[string]string{},
		Shown:        form[fieldShown],
		Partial:      form.Get(fieldAction) == actionLater,
		ConfirmClear: form.Get(fieldConfirm) == "1",
	}
	for name, vals := range form {
		switch name {
		case fieldCSRF, fieldKey, fieldShown, fieldFrom, fieldAction, fieldConfirm:
			continue
		}
		if id, ok := strings.CutSuffix(name, otherSuffix); ok {
			in.Other[id] = strings.Join(vals, "\n")
			continue
		}
		in.Values[name] = vals
	}
	return in
}

// entered is what a page's controls show: what was just posted (kept as
// typed, even when invalid) or the saved answers.
type entered struct {
	values map[string][]string
	other  map[string]string
}

func enteredFromInput(in respond.Input) entered {
	return entered{values: in.Values, other: in.Other}
}

func enteredFromAnswers(answers survey.Answers) entered {
	e := entered{values: map[string][]string{}, other: map[string]string{}}
	for id, a := range answers {
		switch {
		case len(a.Codes) > 0:
			e.values[id] = a.Codes
		case a.Text != "":
			e.values[id] = []string{a.Text}
		}
		if a.Other != "" {
			e.other[id] = a.Other
		}
	}
	return e
}

func (e entered) text(id string) string { return strings.Join(e.values[id], "\n") }

func (e entered) has(id, code string) bool {
	for _, v := range e.values[id] {
		if v == code {
			return true
		}
	}
	return false
}

// newIdemKey is a fresh idempotency key for one rendering of a form: a
// retried post of that rendering is recognised and not saved twice.
func newIdemKey() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // never fails on supported platforms
	return hex.EncodeToString(b)
}

// safeReturn reports whether a language switcher's return path is a page
// of the same review link, so the switch cannot redirect anywhere else.
func safeReturn(key, ret string) bool {
	return returnPattern.MatchString(ret) &&
		(ret == linkPath(key) || strings.HasPrefix(ret, linkPath(key)+"/") || strings.HasPrefix(ret, linkPath(key)+"?"))
}

var returnPattern = regexp.MustCompile(`^/r/[A-Za-z0-9_-]+(/[a-z]+(/[A-Za-z0-9_]+)?)?(\?from=check)?$`)
