package survey

import (
	"fmt"
	"sort"
	"strings"
)

// Pos is a position in a questionnaire file, 1-based.
type Pos struct {
	Line, Column int
}

// Problem is one thing wrong with a questionnaire, located in its file.
type Problem struct {
	File string
	Pos  Pos
	Msg  string
}

func (p Problem) Error() string {
	if p.Pos.Line == 0 {
		return fmt.Sprintf("%s: %s", p.File, p.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", p.File, p.Pos.Line, p.Pos.Column, p.Msg)
}

// Problems is every problem found in one questionnaire file. Loading reports
// all of them at once so an author can fix a file in one pass.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// sorted returns the problems in file order, without exact duplicates.
func (ps Problems) sorted() Problems {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i].Pos, ps[j].Pos
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	out := ps[:0]
	for i, p := range ps {
		if i > 0 && p == ps[i-1] {
			continue
		}
		out = append(out, p)
	}
	return out
}
