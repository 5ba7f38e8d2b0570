package export

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
)

// maxNameLen is the longest variable name the statistics packages all
// accept: Stata's 32 characters (SPSS takes 64 bytes, R any length).
const maxNameLen = 32

// reservedNames are words no package accepts as a variable name, in lower
// case: SPSS's reserved keywords (SPSS compares names without regard to
// case), Stata's reserved names, and R's reserved words.
var reservedNames = map[string]bool{
	// SPSS
	"all": true, "and": true, "by": true, "eq": true, "ge": true, "gt": true, "le": true,
	"lt": true, "ne": true, "not": true, "or": true, "to": true, "with": true,
	// Stata (str1 … str2045 are checked apart)
	"byte": true, "double": true, "float": true, "if": true, "in": true, "int": true,
	"long": true, "strl": true, "using": true,
	// R
	"else": true, "repeat": true, "while": true, "function": true, "for": true, "next": true,
	"break": true, "true": true, "false": true, "null": true, "inf": true, "nan": true,
	"na": true, "na_integer_": true, "na_real_": true, "na_character_": true, "na_complex_": true,
}

// reserved reports whether a name is a reserved word in some package.
func reserved(name string) bool {
	lower := strings.ToLower(name)
	if reservedNames[lower] {
		return true
	}
	if digits, ok := strings.CutPrefix(lower, "str"); ok && digits != "" {
		_, err := strconv.Atoi(digits)
		return err == nil
	}
	return false
}

// packageNames gives the Data columns names that SPSS, Stata and R all
// accept, the same in all three: letters, digits and underscores, starting
// with a letter, at most 32 characters, no reserved word, and unique
// without regard to case (SPSS does not tell A01 from a01). A Data column
// name that already qualifies is kept. Otherwise the mapping is
// deterministic, so the same questionnaire always gives the same names:
//
//   - a reserved word gets "v_" in front (to becomes v_to);
//   - a name longer than 32 characters keeps its first 27, and then "_"
//     and the first 4 hexadecimal digits of the SHA-256 of the whole name
//     (so two long names that start alike still differ);
//   - a name taken already, in any case, gets _2, _3… (shortened to fit).
//
// Names are given in column order; the codebook records each mapping.
type packageNames struct {
	taken map[string]bool // lower case
}

func newPackageNames() *packageNames { return &packageNames{taken: map[string]bool{}} }

// name returns the package name for a Data column name (already made of
// letters, digits and underscores by variableName) and reserves it.
func (pn *packageNames) name(column string) string {
	s := strings.TrimRight(variableName(column), "_")
	if s == "" || !isLetter(s[0]) {
		s = "v_" + s
	}
	if reserved(s) {
		s = "v_" + s
	}
	if len(s) > maxNameLen {
		sum := sha256.Sum256([]byte(column))
		s = strings.TrimRight(s[:maxNameLen-5], "_") + "_" + hex.EncodeToString(sum[:2])
	}
	n := s
	for i := 2; pn.taken[strings.ToLower(n)]; i++ {
		suffix := "_" + strconv.Itoa(i)
		n = s[:min(len(s), maxNameLen-len(suffix))] + suffix
	}
	pn.taken[strings.ToLower(n)] = true
	return n
}

func isLetter(b byte) bool { return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') }
