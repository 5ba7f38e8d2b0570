package survey

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	goccy "github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/parser"
	"go.yaml.in/yaml/v3"
)

// MaxFileSize is the largest questionnaire file accepted. The bundled
// 42-item questionnaire is about a thirtieth of it.
const MaxFileSize = 1 << 20

// LoadFile reads and parses one questionnaire file. The problems it reports
// are named by the file's base name.
func LoadFile(path string) (*Questionnaire, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load questionnaire: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("load questionnaire %s: %w", path, err)
	}
	return Parse(filepath.Base(path), data)
}

// Parse parses and validates a questionnaire. On failure the error is a
// Problems value listing every problem found, each with its line and column.
func Parse(file string, data []byte) (*Questionnaire, error) {
	if p, ok := checkBytes(file, data); !ok {
		return nil, Problems{p}
	}
	root, p := parseNode(file, data)
	if p != nil {
		return nil, Problems{*p}
	}
	q := &Questionnaire{File: file}
	d := &decoder{file: file, lang: defaultLanguage(root), pos: map[string]Pos{}}
	d.decode(root, reflect.ValueOf(q).Elem(), "", 0)
	if len(d.problems) > 0 {
		return nil, d.problems.sorted()
	}
	sum := sha256.Sum256(data)
	q.Hash = hex.EncodeToString(sum[:])
	c := &checker{q: q, file: file, pos: d.pos}
	if ps := c.run(); len(ps) > 0 {
		return nil, ps.sorted()
	}
	return q, nil
}

// checkBytes rejects what must never reach the YAML parser: oversized
// files and invalid UTF-8.
func checkBytes(file string, data []byte) (Problem, bool) {
	if len(data) > MaxFileSize {
		return Problem{File: file, Msg: fmt.Sprintf("file is larger than %d bytes", MaxFileSize)}, false
	}
	if len(data) == 0 {
		return Problem{File: file, Msg: "file is empty"}, false
	}
	if !utf8.Valid(data) {
		return Problem{File: file, Pos: invalidUTF8Pos(data), Msg: "file is not valid UTF-8 text"}, false
	}
	return Problem{}, true
}

func invalidUTF8Pos(data []byte) Pos {
	pos := Pos{Line: 1, Column: 1}
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			return pos
		}
		if r == '\n' {
			pos.Line, pos.Column = pos.Line+1, 1
		} else {
			pos.Column++
		}
		data = data[size:]
	}
	return pos
}

// parseNode parses YAML into a node tree. A syntax check with a parser that
// reports columns runs first so that malformed YAML is reported at its line
// and column.
func parseNode(file string, data []byte) (*yaml.Node, *Problem) {
	// Duplicate keys are left to the decoder, which reports them together
	// with every other problem instead of stopping at the first.
	if _, err := parser.ParseBytes(data, 0, parser.AllowDuplicateMapKey()); err != nil {
		return nil, syntaxProblem(file, err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlProblem(file, err)
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, &Problem{File: file, Pos: Pos{1, 1}, Msg: "a questionnaire must be a mapping with id, version, title and sections"}
	}
	return doc.Content[0], nil
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlProblem places an error from the node parser, which knows the line
// but not the column. It reports parser (not scanner) errors with a 0-based
// line, and none at all on the first line. The syntax check has passed by
// then, so the usual cause is a '?' in unquoted text inside { } or [ ],
// which this parser reads as a key indicator.
func yamlProblem(file string, err error) *Problem {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 1
	if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
		if strings.HasPrefix(msg, "did not find expected ") && !yamlScannerMsgs[msg] {
			line++
		}
	}
	if strings.HasPrefix(msg, "did not find expected ',' or ") {
		msg += `; text inside { } or [ ] that contains "?" must be in quotes`
	}
	return &Problem{File: file, Pos: Pos{Line: line, Column: 1}, Msg: "invalid YAML: " + msg}
}

// yamlScannerMsgs are the "did not find expected" errors of the scanner,
// whose lines are already 1-based; the parser's are not.
var yamlScannerMsgs = map[string]bool{
	"did not find expected alphabetic or numeric character": true,
	"did not find expected comment or line break":           true,
	"did not find expected digit or '.' character":          true,
	"did not find expected hexdecimal number":               true,
	"did not find expected version number":                  true,
	"did not find expected whitespace or line break":        true,
	"did not find expected whitespace":                      true,
}

func syntaxProblem(file string, err error) *Problem {
	var se *goccy.SyntaxError
	if errors.As(err, &se) && se.GetToken() != nil {
		tk := se.GetToken()
		return &Problem{File: file, Pos: Pos{tk.Position.Line, tk.Position.Column}, Msg: "invalid YAML: " + se.GetMessage()}
	}
	return &Problem{File: file, Msg: "invalid YAML: " + err.Error()}
}

// defaultLanguage finds the first entry of the top-level languages list,
// which plain-string texts are written in.
func defaultLanguage(root *yaml.Node) string {
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Value == "languages" && v.Kind == yaml.SequenceNode && len(v.Content) > 0 {
			if l := v.Content[0].Value; l == "en" || l == "cy" {
				return l
			}
		}
	}
	return "en"
}
