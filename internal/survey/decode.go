package survey

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// maxDepth bounds YAML nesting; a questionnaire needs about eight levels.
const maxDepth = 24

// Length caps, in characters. A text is read by respondents and a plain
// value (an id, a code, a condition) by authors; anything longer is a
// mistake or an attack, and would otherwise be echoed into error messages.
const (
	MaxTextLength  = 5000
	MaxValueLength = 1000
)

var textType = reflect.TypeFor[Text]()

// decoder turns a YAML node tree into questionnaire structs strictly: every
// unknown key, duplicate key, wrong kind of value and alias is a problem,
// and decoding carries on so that all problems are reported together. It
// records where each value was written, keyed by its path
// ("sections[1].items[0].show_if"), for later checks to point at.
type decoder struct {
	file     string
	lang     string // the default language, for plain-string texts
	problems Problems
	pos      map[string]Pos
}

func (d *decoder) addf(n *yaml.Node, format string, args ...any) {
	d.problems = append(d.problems, Problem{File: d.file, Pos: nodePos(n), Msg: fmt.Sprintf(format, args...)})
}

func nodePos(n *yaml.Node) Pos {
	if n == nil {
		return Pos{}
	}
	return Pos{Line: n.Line, Column: n.Column}
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func (d *decoder) decode(n *yaml.Node, v reflect.Value, path string, depth int) {
	d.pos[path] = nodePos(n)
	switch {
	case depth > maxDepth:
		d.addf(n, "nesting deeper than %d levels", maxDepth)
	case n.Kind == yaml.AliasNode || n.Anchor != "":
		d.addf(n, "anchors and aliases are not supported; write the value out or use a named scale")
	case v.Type() == textType:
		d.decodeText(n, v, path)
	default:
		d.decodeKind(n, v, path, depth)
	}
}

func (d *decoder) decodeKind(n *yaml.Node, v reflect.Value, path string, depth int) {
	switch v.Kind() {
	case reflect.Struct:
		d.decodeStruct(n, v, path, depth)
	case reflect.Slice:
		d.decodeSlice(n, v, path, depth)
	case reflect.Pointer:
		if isNull(n) {
			return
		}
		p := reflect.New(v.Type().Elem())
		d.decode(n, p.Elem(), path, depth)
		v.Set(p)
	default:
		d.decodeScalar(n, v, path)
	}
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, path string, depth int) {
	if n.Kind != yaml.MappingNode {
		d.addf(n, "%s must be a mapping of keys to values", describe(path))
		return
	}
	fields := yamlFields(v.Type())
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		idx, ok := fields[k.Value]
		switch {
		case !ok:
			d.addf(k, "unknown key %q in %s (known keys: %s)", clip(k.Value), describe(path), knownKeys(fields))
		case seen[k.Value]:
			d.addf(k, "key %q appears twice in %s", k.Value, describe(path))
		default:
			seen[k.Value] = true
			d.decode(val, v.Field(idx), joinPath(path, k.Value), depth+1)
		}
	}
}

func (d *decoder) decodeSlice(n *yaml.Node, v reflect.Value, path string, depth int) {
	if isNull(n) {
		return
	}
	if n.Kind != yaml.SequenceNode {
		d.addf(n, "%s must be a list", describe(path))
		return
	}
	s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, el := range n.Content {
		d.decode(el, s.Index(i), fmt.Sprintf("%s[%d]", path, i), depth+1)
	}
	v.Set(s)
}

// decodeScalar sets a plain value. Messages name the key, since the value
// alone ("lots") does not say what was wanted.
func (d *decoder) decodeScalar(n *yaml.Node, v reflect.Value, path string) {
	key := lastKey(path)
	switch {
	case isNull(n):
		d.addf(n, "%s has no value", key)
		return
	case n.Kind != yaml.ScalarNode:
		d.addf(n, "%s must be a single value, not %s", key, kindName(n))
		return
	}
	if utf8.RuneCountInString(n.Value) > MaxValueLength {
		d.addf(n, "%s is longer than %d characters", key, MaxValueLength)
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(n.Value)
	case reflect.Bool:
		b, err := strconv.ParseBool(n.Value)
		if err != nil || n.Tag != "!!bool" {
			d.addf(n, "%s must be true or false, not %q", key, n.Value)
		}
		v.SetBool(b)
	case reflect.Int:
		i, err := strconv.Atoi(n.Value)
		if err != nil {
			d.addf(n, "%s must be a whole number, not %q", key, n.Value)
		}
		v.SetInt(int64(i))
	case reflect.Float64:
		f, err := strconv.ParseFloat(n.Value, 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			d.addf(n, "%s must be a number, not %q", key, n.Value)
		}
		v.SetFloat(f)
	default:
		d.addf(n, "%s has an unsupported type", key)
	}
}

// decodeText accepts a plain string (the default language) or a mapping of
// language codes to strings. Blank strings are left out, and a text with
// none is left nil, so that required fields written as "" are reported as
// missing rather than accepted empty.
func (d *decoder) decodeText(n *yaml.Node, v reflect.Value, path string) {
	t := Text{}
	switch n.Kind {
	case yaml.ScalarNode:
		if !isNull(n) {
			d.setText(t, d.lang, n, path)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			switch {
			case k.Value != "en" && k.Value != "cy":
				d.addf(k, "unknown language %q (use en or cy)", clip(k.Value))
			case val.Kind != yaml.ScalarNode:
				d.addf(val, "text for %q must be a string", k.Value)
			default:
				d.setText(t, k.Value, val, path)
			}
		}
	default:
		d.addf(n, "%s must be text or a mapping of languages (en, cy) to text", lastKey(path))
	}
	if len(t) > 0 {
		v.Set(reflect.ValueOf(t))
	}
}

func (d *decoder) setText(t Text, lang string, n *yaml.Node, path string) {
	switch {
	case utf8.RuneCountInString(n.Value) > MaxTextLength:
		d.addf(n, "%s is longer than %d characters", lastKey(path), MaxTextLength)
	case strings.TrimSpace(n.Value) != "":
		t[lang] = n.Value
	}
}

// clip shortens a value echoed in a message.
func clip(s string) string {
	const n = 40
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

func yamlFields(t reflect.Type) map[string]int {
	m := map[string]int{}
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if name != "" && name != "-" {
			m[name] = i
		}
	}
	return m
}

func knownKeys(fields map[string]int) string {
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return strings.Join(keys, ", ")
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	default:
		return "an empty value"
	}
}

// describe names a path for a message: "the questionnaire", or its last key.
func describe(path string) string {
	if path == "" {
		return "the questionnaire"
	}
	return path
}
