package export

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestPackageNames: names valid in SPSS, Stata and R, kept when they
// already are, and otherwise mapped the same way every time.
func TestPackageNames(t *testing.T) {
	long := strings.Repeat("abcdefghij", 4) // a 40-character item id
	tests := []struct{ columns, want []string }{
		{[]string{"A01", "B02__chief_investigator", "D01a"}, []string{"A01", "B02__chief_investigator", "D01a"}},
		{[]string{"A01", "a01", "A01_2"}, []string{"A01", "a01_2", "A01_2_2"}},
		{[]string{"to", "BY", "If", "NA", "TRUE", "function", "strL", "str12", "str", "string"},
			[]string{"v_to", "v_BY", "v_If", "v_NA", "v_TRUE", "v_function", "v_strL", "v_str12", "str", "string"}},
		{[]string{"x__", "Q1.a-b"}, []string{"x", "Q1_a_b"}},
		// The first 27 characters, then the first 4 hexadecimal digits of the
		// SHA-256 of the whole name (printf %s NAME | sha256sum).
		{[]string{long, long + "__yes", long + "__no"}, []string{"abcdefghijabcdefghijabcdefg_96b2", "abcdefghijabcdefghijabcdefg_4323", "abcdefghijabcdefghijabcdefg_e966"}},
	}
	for _, tc := range tests {
		pn := newPackageNames()
		for i, c := range tc.columns {
			got := pn.name(c)
			if got != tc.want[i] {
				t.Errorf("%q → %q, want %q", c, got, tc.want[i])
			}
			if !stataNameRE.MatchString(got) || !isLetter(got[0]) || reserved(got) || strings.HasSuffix(got, "_") {
				t.Errorf("%q → %q, which some package refuses", c, got)
			}
		}
	}
	// A long name that collides gets a suffix and stays within 32.
	pn := newPackageNames()
	first := pn.name(long)
	if again := pn.name(strings.ToUpper(first)); again != strings.ToUpper(first)[:30]+"_2" {
		t.Errorf("collision: %q", again)
	}
}

// TestLabelsShortened: labels are on one line and fit the packages,
// cut at a word where one is near, with an ellipsis.
func TestLabelsShortened(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Which staff group are you in?", "Which staff group are you in?"},
		{"  line one\nline two\r\n\tthree  ", "line one line two three"},
		{"Do you think more research training would help staff like you take part in research?",
			"Do you think more research training would help staff like you take part in…"},
		{strings.Repeat("x", 100), strings.Repeat("x", 79) + "…"},
		{strings.Repeat("ŵ", 200), strings.Repeat("ŵ", 79) + "…"},
		{strings.Repeat("🙂", 100), strings.Repeat("🙂", 63) + "…"},
	}
	for _, tc := range tests {
		got := varLabel(tc.in)
		if got != tc.want {
			t.Errorf("varLabel(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if utf8.RuneCountInString(got) > maxVarLabelChars || len(got) > maxVarLabelBytes {
			t.Errorf("varLabel(%q) is too long: %d characters, %d bytes", tc.in, utf8.RuneCountInString(got), len(got))
		}
	}
	if got := valueLabelText(strings.Repeat("Ŵŷ ", 40)); len(got) > maxValueLabelBytes || !strings.HasSuffix(got, "ŷ…") {
		t.Errorf("value label %q (%d bytes)", got, len(got))
	}
	if got := partLabel(strings.Repeat("Barriers ", 20), "No protected time"); !strings.HasSuffix(got, "…: No protected time") || utf8.RuneCountInString(got) > maxVarLabelChars {
		t.Errorf("partLabel keeps the part: %q", got)
	}
}
