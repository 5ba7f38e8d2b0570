package server

import (
	"slices"
	"strconv"

	"github.com/researchpulse/pulse/internal/survey"
)

// The branching of the two test questionnaires written out by hand, as a
// reader of the YAML would apply it, for the property tests to compare the
// server with. They do not use package survey's evaluator. Blank answers
// follow the documented rule: a condition that compares a blank answer is
// not true, so it shows nothing.

func code(a survey.Answers, id string) string {
	if c := a[id].Codes; len(c) > 0 {
		return c[0]
	}
	return ""
}

func chose(a survey.Answers, id string, codes ...string) bool {
	for _, c := range a[id].Codes {
		if slices.Contains(codes, c) {
			return true
		}
	}
	return false
}

// bundledRules lists the items questionnaires/research-engagement.yaml
// shows for the answers, in order.
func bundledRules(a survey.Answers) []string {
	out := []string{"A01", "A02", "A03", "A04", "A05", "A06", "B01"}
	b01 := code(a, "B01")
	if b01 == "yes" {
		out = append(out, "B02", "B03", "B04", "B05")
	}
	out = append(out, "B06", "B07", "B08", "B09")
	if b01 == "no" || b01 == "not_sure" { // not research_active, known once B01 is answered
		out = append(out, "B10")
		if b10 := code(a, "B10"); b10 == "yes" || b10 == "maybe" {
			out = append(out, "B11")
		}
	}
	out = append(out, "C01", "C02", "C03", "C04", "C05")
	for _, s := range "abcdefgh" {
		out = append(out, "D01"+string(s))
	}
	out = append(out, "D02", "D03", "D04", "D05")
	switch code(a, "A02") {
	case "band_8b_8d", "band_9", "consultant", "clinical_director", "executive_director":
		out = append(out, "E01", "E02", "E03", "E04", "E05", "E06", "E07", "E08")
	}
	return out
}

// careersRules lists the items internal/survey/testdata/valid/careers.yaml
// shows for the answers, in order.
func careersRules(a survey.Answers) []string {
	out := []string{"R01"}
	shown := map[string]bool{"R01": true}
	add := func(id string) { out, shown[id] = append(out, id), true }
	r01 := code(a, "R01")
	if r01 == "doctor" {
		add("R02")
	}
	if r01 == "nurse" || r01 == "ahp" || r01 == "scientist" {
		add("R03")
	}
	add("R04")
	if years, err := strconv.ParseFloat(a["R04"].Text, 64); err == nil && years >= 10 {
		add("R05")
	}
	s01 := ""
	if r01 != "" && r01 != "admin" {
		add("S01")
		s01 = code(a, "S01")
	}
	if s01 == "yes" {
		add("S02")
		if chose(a, "S02", "pi", "ci") {
			add("S03")
			if code(a, "S03") == "six_plus" {
				add("S04")
			}
		}
	}
	senior := (shown["R02"] && code(a, "R02") == "consultant") || (shown["R03"] && code(a, "R03") == "band8")
	if s03 := code(a, "S03"); shown["S03"] && (s03 == "two_to_five" || s03 == "six_plus") && senior {
		add("L01")
		if hours, err := strconv.ParseFloat(a["S04"].Text, 64); shown["S04"] && err == nil && hours > 20 {
			add("L02")
		}
	}
	add("M01")
	if !a["M01"].Empty() && !chose(a, "M01", "none", "dont_know") && chose(a, "M01", "patients", "learning", "career", "curiosity", "team") {
		add("M02")
	}
	add("G01a")
	add("G01b")
	add("G01c")
	if s01 == "yes" {
		add("G01d")
	}
	if s01 != "" && s01 != "yes" {
		add("G02")
	}
	add("B01")
	if chose(a, "B01", "other", "culture") {
		add("B02")
	}
	return out
}
