package survey

import (
	"bytes"
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
	"github.com/goccy/go-yaml/token"
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
	q.Source = append([]byte(nil), data...)
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

// maxNesting bounds how deeply YAML may nest; a questionnaire needs about
// eight levels. The column-reporting parser's cost grows with the square of
// the depth, so it only reads files known to be shallower than this.
const maxNesting = 100

// maxOpeners bounds the bytes that may open a collection ([, {, -, ?) in a
// file whose nesting is unknown, which bounds its depth and so the cost of
// reading it again for a column.
const maxOpeners = 20_000

// parseNode parses YAML into a node tree. A second parser, which reports
// columns, also checks the syntax so that malformed YAML is reported at its
// line and column; it runs only once the nesting is known to be shallow.
func parseNode(file string, data []byte) (*yaml.Node, *Problem) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil && err != io.EOF {
		return nil, nodeParseProblem(file, data, err)
	}
	if n := tooDeep(&doc, 0); n != nil {
		return nil, &Problem{File: file, Pos: nodePos(n), Msg: nestingMsg}
	}
	if p := extraDocument(file, data, dec); p != nil {
		return nil, p
	}
	// Duplicate keys are left to the decoder, which reports them together
	// with every other problem instead of stopping at the first.
	if _, err := parser.ParseBytes(data, 0, parser.AllowDuplicateMapKey()); err != nil {
		return nil, syntaxProblem(file, err)
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, &Problem{File: file, Pos: Pos{1, 1}, Msg: "a questionnaire must be a mapping with id, version, title and sections"}
	}
	return doc.Content[0], nil
}

// extraDocument reports a document after the first that has content (an
// empty one, from a stray --- at the end, is harmless). It
// would otherwise be ignored, and read unchecked by the column-reporting
// parser.
func extraDocument(file string, data []byte, dec *yaml.Decoder) *Problem {
	for {
		var extra yaml.Node
		switch err := dec.Decode(&extra); {
		case err == io.EOF:
			return nil
		case err != nil:
			return nodeParseProblem(file, data, err)
		case len(extra.Content) > 0 && !isNull(extra.Content[0]):
			return &Problem{File: file, Pos: nodePos(&extra), Msg: "a questionnaire file holds one YAML document; remove the --- line and what follows it, or put it in a file of its own"}
		}
	}
}

var nestingMsg = fmt.Sprintf("nesting deeper than %d levels", maxNesting)

// tooDeep returns the first node nested deeper than maxNesting, or nil.
func tooDeep(n *yaml.Node, depth int) *yaml.Node {
	if depth > maxNesting {
		return n
	}
	for _, c := range n.Content {
		if d := tooDeep(c, depth+1); d != nil {
			return d
		}
	}
	return nil
}

// nodeParseProblem reports a node parser error, at its line and column when
// the column-reporting parser can cheaply find them.
func nodeParseProblem(file string, data []byte, err error) *Problem {
	p := yamlProblem(file, err)
	if strings.Contains(p.Msg, "exceeded max depth") {
		p.Msg = nestingMsg
		return p
	}
	if countOpeners(data) > maxOpeners {
		return p
	}
	if _, gerr := parser.ParseBytes(data, 0, parser.AllowDuplicateMapKey()); gerr != nil {
		return syntaxProblem(file, gerr)
	}
	return p
}

func countOpeners(data []byte) int {
	n := 0
	for _, b := range data {
		if b == '[' || b == '{' || b == '-' || b == '?' {
			n++
		}
	}
	return n
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlProblem places an error from the node parser, which knows the line
// but not the column. It reports parser (not scanner) errors with a 0-based
// line, and none at all on the first line. When the column-reporting parser
// accepts the file, the usual cause is a '?' in unquoted text inside { } or
// [ ], which this parser alone reads as a key indicator.
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
		return &Problem{File: file, Pos: tokenPos(se.GetToken()), Msg: "invalid YAML: " + se.GetMessage()}
	}
	return &Problem{File: file, Msg: "invalid YAML: " + err.Error()}
}

func tokenPos(tk *token.Token) Pos {
	if tk == nil || tk.Position == nil {
		return Pos{}
	}
	return Pos{tk.Position.Line, tk.Position.Column}
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
