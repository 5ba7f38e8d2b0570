package export

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

// Package is a statistics package the export writes a script for.
type Package string

// The packages: each gets the same data CSV and codebook, and a script
// of its own.
const (
	SPSS  Package = "spss"
	Stata Package = "stata"
	R     Package = "r"
)

// Packages lists the packages in the order they are offered.
var Packages = []Package{SPSS, Stata, R}

// ParsePackage reads a package's name as given to --format.
func ParsePackage(s string) (Package, bool) {
	for _, p := range Packages {
		if strings.EqualFold(s, string(p)) {
			return p, true
		}
	}
	return "", false
}

// ScriptExt is the extension of the package's script, with its dot.
func (pk Package) ScriptExt() string {
	return map[Package]string{SPSS: ".sps", Stata: ".do", R: ".R"}[pk]
}

// Name is the package's name as people write it.
func (pk Package) Name() string {
	return map[Package]string{SPSS: "SPSS", Stata: "Stata", R: "R"}[pk]
}

// savedExt is the extension of the file the script saves, if it saves one.
func (pk Package) savedExt() string {
	return map[Package]string{SPSS: ".sav", Stata: ".dta"}[pk]
}

// Stats writes a review for a statistics package: to data, the Data
// sheet as CSV with every code a number (options numbered by their
// position in the questionnaire, missing-value codes as in the Data
// sheet) and names every package accepts; then to codebook, the codebook
// of those variables; then to script, the package's script, which reads
// the CSV under the name dataName (a file in the working folder) and
// applies variable labels, value labels, missing values and provenance.
// The script is written last because it records what the data holds (the
// longest text of each column, for SPSS's formats).
func Stats(ctx context.Context, st *store.Store, qs []*survey.Questionnaire, opts Options, pk Package, dataName string, data, codebook, script io.Writer) error {
	if pk.ScriptExt() == "" {
		return fmt.Errorf("export: no script for %q", pk)
	}
	r, err := findReview(ctx, st, qs, opts.Review)
	if err != nil {
		return err
	}
	p := &pass{r: r, opts: opts}
	var sink *statsSink
	err = p.run(ctx, st, func(p *pass) (rowSink, error) {
		var err error
		sink, err = newStatsSink(data, p.statLayout())
		return sink, err
	})
	if err == nil {
		err = sink.flush()
	}
	if err == nil {
		err = writeStatsCodebook(codebook, sink.sl.vars)
	}
	if err == nil {
		err = pk.writeScript(script, p.scriptInfo(pk, dataName, sink))
	}
	if err != nil {
		return fmt.Errorf("export review %s for %s: %w", r.rev.Slug, pk.Name(), err)
	}
	return nil
}

// StatsPaths are the files SaveStats writes for base: base.csv,
// base-codebook.csv and the script, base.sps, base.do or base.R.
func StatsPaths(pk Package, base string) []string {
	data := base + ".csv"
	return []string{data, CodebookPath(data), base + pk.ScriptExt()}
}

// SaveStats writes the files of StatsPaths(pk, base), each renamed into
// place only once all three are complete, and returns their paths.
func SaveStats(ctx context.Context, st *store.Store, qs []*survey.Questionnaire, opts Options, pk Package, base string) ([]string, error) {
	paths := StatsPaths(pk, base)
	err := atomically(paths, func(ws []io.Writer) error {
		return Stats(ctx, st, qs, opts, pk, filepath.Base(paths[0]), ws[0], ws[1], ws[2])
	})
	return paths, err
}

// maxTextBytes is the longest text an SPSS string variable holds.
const maxTextBytes = 32767

// textCutMark ends a text cut to fit SPSS.
const textCutMark = " […cut: longer than SPSS holds]"

// statsSink writes Data rows as the statistics packages' CSV: one line
// per response, no byte-order mark (Stata would read it into the first
// name).
type statsSink struct {
	w      *csv.Writer
	sl     *statLayout
	row    row
	record []string
	cut    int // texts cut to fit
}

func newStatsSink(w io.Writer, sl *statLayout) (*statsSink, error) {
	s := &statsSink{w: csv.NewWriter(w), sl: sl, record: make([]string, len(sl.vars))}
	for i, v := range sl.vars {
		s.record[i] = v.name
	}
	return s, s.w.Write(s.record)
}

func (s *statsSink) slot() *row { return &s.row }

func (s *statsSink) excluded([]any) error { return nil }

func (s *statsSink) data() error {
	for i, c := range s.sl.columns {
		s.fill(c, s.row.codes[i])
	}
	return s.w.Write(s.record)
}

// fill writes a Data cell to its variable's field, and its reason
// variable's when it has one.
func (s *statsSink) fill(c statColumn, cell any) {
	v := &s.sl.vars[c.main]
	value, reason := "", "0"
	switch x := cell.(type) {
	case int:
		if c.reason >= 0 && x < 0 {
			reason = itoa(x)
		} else {
			value = itoa(x)
		}
	case float64:
		value = strconv.FormatFloat(x, 'f', -1, 64)
	case string:
		switch v.kind {
		case kindCoded:
			if n, ok := c.codes[x]; ok {
				value = itoa(n)
			}
		case kindText:
			value = s.text(x)
			v.width = max(v.width, len(value))
		}
	}
	s.record[c.main] = value
	if c.reason >= 0 {
		s.record[c.reason] = reason
	}
}

// smallInts are the codes as text, made once: the CSV of a large review
// holds millions of them.
var smallInts = func() [128]string {
	var out [128]string
	for i := range out {
		out[i] = strconv.Itoa(i - 64)
	}
	return out
}()

func itoa(i int) string {
	if i >= -64 && i < 64 {
		return smallInts[i+64]
	}
	return strconv.Itoa(i)
}

// text is a text on one line (SPSS reads a line per case), no longer
// than SPSS holds.
func (s *statsSink) text(t string) string {
	if strings.ContainsAny(t, "\r\n") {
		t = strings.NewReplacer("\r\n", " ", "\r", " ", "\n", " ").Replace(t)
	}
	if len(t) > maxTextBytes {
		t = chunks(t, maxTextBytes-len(textCutMark))[0] + textCutMark
		s.cut++
	}
	return t
}

func (s *statsSink) flush() error {
	s.w.Flush()
	return s.w.Error()
}
