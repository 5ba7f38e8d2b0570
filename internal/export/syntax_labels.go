package export

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Label lengths every package takes: a variable label fits Stata's 80
// characters and SPSS's 255 bytes, and a value label SPSS's 120 bytes.
// One label serves all three packages, and the codebook shows it.
const (
	maxVarLabelChars   = 80
	maxVarLabelBytes   = 255
	maxValueLabelChars = 120
	maxValueLabelBytes = 120
	ellipsis           = "…"
)

// oneLine makes text fit on one line of a script: line breaks, tabs and
// other control characters become spaces, runs of white space one space,
// and the ends are trimmed. Invalid UTF-8 becomes U+FFFD.
func oneLine(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// shorten returns s on one line, cut to at most maxChars characters and
// maxBytes bytes of UTF-8 when it is longer: at the last space of the
// part that fits when there is one in its second half (so words stay
// whole), without trailing punctuation, and ending with an ellipsis.
func shorten(s string, maxChars, maxBytes int) string {
	s = oneLine(s)
	if utf8.RuneCountInString(s) <= maxChars && len(s) <= maxBytes {
		return s
	}
	chars, bytes := maxChars-1, maxBytes-len(ellipsis)
	end, n := 0, 0
	for i, r := range s {
		if n == chars || i+utf8.RuneLen(r) > bytes {
			break
		}
		end, n = i+utf8.RuneLen(r), n+1
	}
	cut := s[:end]
	if sp := strings.LastIndexByte(cut, ' '); sp > len(cut)/2 {
		cut = cut[:sp]
	}
	return strings.TrimRight(cut, " ,;:-–—") + ellipsis
}

// varLabel is a variable label for every package.
func varLabel(s string) string { return shorten(s, maxVarLabelChars, maxVarLabelBytes) }

// valueLabelText is a value label for every package.
func valueLabelText(s string) string { return shorten(s, maxValueLabelChars, maxValueLabelBytes) }

// chunks splits s into pieces of at most n bytes, each whole characters,
// for scripts that keep lines short.
func chunks(s string, n int) []string {
	var out []string
	for len(s) > n {
		end := 0
		for i, r := range s {
			if i+utf8.RuneLen(r) > n {
				break
			}
			end = i + utf8.RuneLen(r)
		}
		if end == 0 { // n is smaller than one character
			_, end = utf8.DecodeRuneInString(s)
		}
		out = append(out, s[:end])
		s = s[end:]
	}
	return append(out, s)
}

// wrap breaks text into lines of at most width bytes at spaces (a word
// longer than a line is split), for comments.
func wrap(s string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(oneLine(s)) {
		for _, piece := range chunks(word, width) {
			switch {
			case line == "":
				line = piece
			case len(line)+1+len(piece) <= width:
				line += " " + piece
			default:
				lines = append(lines, line)
				line = piece
			}
		}
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}
