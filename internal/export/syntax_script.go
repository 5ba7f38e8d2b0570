package export

import (
	"fmt"
	"io"
	"strings"
)

// scriptInfo is what a script says besides the variables: where the
// files are, and the provenance the workbook's About sheet gives.
type scriptInfo struct {
	pk                            Package
	title, slug                   string
	dataName, codebookName, saved string // file names, in the working folder
	rows, cut                     int
	vars                          []statVar
	about                         [][3]string
}

func (p *pass) scriptInfo(pk Package, dataName string, sink *statsSink) scriptInfo {
	si := scriptInfo{pk: pk, title: p.r.rev.Title, slug: p.r.rev.Slug, dataName: dataName,
		codebookName: CodebookPath(dataName), rows: p.written, cut: sink.cut, vars: sink.sl.vars}
	if ext := pk.savedExt(); ext != "" {
		si.saved = strings.TrimSuffix(dataName, ".csv") + ext
	}
	for _, r := range p.aboutRows(nil) {
		switch r[0] {
		case "How to read", "Missing-value codes":
			continue
		case "Export":
			switch r[1] {
			case "Data sheets hold":
				r[1] = "The data holds"
			case "Cells that look like formulas":
				continue
			}
		}
		si.about = append(si.about, r)
	}
	return si
}

// writeScript writes the package's script.
func (pk Package) writeScript(w io.Writer, si scriptInfo) error {
	var b strings.Builder
	switch pk {
	case SPSS:
		writeSPSS(&b, si)
	case Stata:
		writeStata(&b, si)
	case R:
		writeR(&b, si)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// header is the text every script begins with, as paragraphs of
// entries (each entry wrapped on its own): what the files are, how codes
// and missing values are given, how the package shows them, and the
// provenance of the data, as the workbook's About sheet gives it.
func (si scriptInfo) header() [][]string {
	out := [][]string{
		{fmt.Sprintf("Research Pulse: the data of the review “%s” (%s) for %s, with variable labels, value labels and missing values.", si.title, si.slug, si.pk.Name())},
		{usage[si.pk](si)},
		{fmt.Sprintf("%s holds one line per response (%d); %s one row per variable: its question, values, the Data sheet's code for each value, and its missing-value codes.", si.dataName, si.rows, si.codebookName)},
		{"Options are numbered by their position in the questionnaire's list of the item's options, from 1, and breakdown groups by their position in the dimension. A multiple choice item has one 0/1 variable per option. Text starting with = + - @ has an apostrophe added, as in the workbook, and line breaks in text are spaces."},
		{"Missing-value codes: -1 Not shown (routed away); -2 Shown, not answered; -3 Not reached (stopped before this page); -4 Cleared after a change of route; -5, -6… an option marked missing, such as Don't know (the codebook names each); -9 Not known, in the activity level and breakdown groups. A text, or a number that can be negative, is empty when there is no answer, and the variable after it, named …_why, holds the code."},
		{missingUse[si.pk]},
	}
	if si.cut > 0 {
		out = append(out, []string{fmt.Sprintf("%d texts were longer than SPSS holds (32,767 bytes) and end with a mark saying they were cut.", si.cut)})
	}
	var about []string
	for _, r := range si.about {
		about = append(about, fmt.Sprintf("%s, %s: %s", r[0], r[1], r[2]))
	}
	return append(out, about)
}

// headerLines are the header's lines of at most width bytes: an entry's
// later lines are indented two spaces, and paragraphs are separated by
// an empty line.
func (si scriptInfo) headerLines(width int, clean func(string) string) []string {
	var out []string
	for i, para := range si.header() {
		if i > 0 {
			out = append(out, "")
		}
		for _, entry := range para {
			for j, line := range wrap(clean(entry), width-2) {
				if j > 0 {
					line = "  " + line
				}
				out = append(out, line)
			}
		}
	}
	return out
}

// usage says how to run each package's script.
var usage = map[Package]func(scriptInfo) string{
	SPSS: func(si scriptInfo) string {
		return fmt.Sprintf("Run this file in SPSS or PSPP with %s in the working folder (or put the folder in front of the name on the GET DATA line). It saves %s there.", si.dataName, si.saved)
	},
	Stata: func(si scriptInfo) string {
		return fmt.Sprintf("Run this file in Stata 16 or later after cd to the folder holding %s. It saves %s there.", si.dataName, si.saved)
	},
	R: func(si scriptInfo) string {
		return fmt.Sprintf("Base R only, no packages to install. Run this file with source() or Rscript, with %s in the working folder (setwd): it makes the data frame responses.", si.dataName)
	},
}

// missingUse says how each package holds the missing-value codes.
var missingUse = map[Package]string{
	SPSS:  "Every code is declared a missing value (LO THRU -1), and labelled.",
	Stata: "The codes become extended missing values, labelled: -1 .a, -2 .b, -3 .c, -4 .d, -5 .e, -6 .f and so on; -9 (not known) .n.",
	R:     "Coded variables are factors with the questionnaire's order. The codes become NA, and each variable's attribute missing_reason (a factor) keeps why; its attributes label and question hold the variable label and the whole question.",
}
