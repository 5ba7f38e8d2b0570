package survey

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/vm"
)

// maxConditionNodes bounds the size of one condition; real ones have a
// handful of nodes.
const maxConditionNodes = 200

// A condition is a compiled show_if or derived if, with the names it reads.
type condition struct {
	source string
	prog   *vm.Program
	refs   []string // identifiers read, in order of first use
}

// conditions holds every compiled condition of a questionnaire and the
// typed environment they were compiled against.
type conditions struct {
	zero     map[string]any        // name -> zero value of its type
	sections map[string]*condition // section id -> show_if
	items    map[string]condList   // answerable item id -> its show_if and its grid's
	derived  map[string]*condition // derived id -> if
	strings  map[string]bool       // every string literal in any condition
	counted  map[string]bool       // names a condition passes to len
	numbers  []float64             // every number literal in any condition
}

// envValue is the value a condition sees for an answer: option code for
// single choice and scales, a list of codes for multiple choice, a number
// (NaN when unanswered, so every comparison with it is false) or text.
func envValue(it *Item, a Answer, ok bool) any {
	switch it.Type {
	case TypeMultiple:
		if !ok {
			return []string{}
		}
		return a.Codes
	case TypeNumber:
		if !ok {
			return math.NaN()
		}
		f, err := strconv.ParseFloat(a.Text, 64)
		if err != nil {
			return math.NaN()
		}
		return f
	case TypeSingle, TypeScale:
		if !ok || len(a.Codes) == 0 {
			return ""
		}
		return a.Codes[0]
	default:
		return a.Text
	}
}

// answered is the condition language's answered(x): whether x has a value.
func answered(params ...any) (any, error) {
	switch v := params[0].(type) {
	case string:
		return v != "", nil
	case []string:
		return len(v) > 0, nil
	case float64:
		return !math.IsNaN(v), nil
	case bool:
		return v, nil
	}
	return false, fmt.Errorf("answered: unsupported value %T", params[0])
}

// compile compiles a condition that reads the given names. It is typed
// against those names only: typing costs a step per name in the
// environment, so with every name a questionnaire of n conditions took n²
// steps, minutes for a 1 MB file.
func (c *conditions) compile(source string, names []string) (*condition, error) {
	env := make(map[string]any, len(names))
	for _, n := range names {
		if v, ok := c.zero[n]; ok {
			env[n] = v
		}
	}
	prog, err := expr.Compile(source,
		expr.Env(env),
		expr.AsBool(),
		expr.MaxNodes(maxConditionNodes),
		expr.Function("answered", answered,
			new(func(string) bool), new(func([]string) bool), new(func(float64) bool), new(func(bool) bool)),
	)
	if err != nil {
		return nil, conditionError(err)
	}
	cond := &condition{source: source, prog: prog}
	c.collect(cond, prog.Node())
	return cond, nil
}

// conditionError keeps the first line of a compile error, the message and
// where in the condition it is, in an author's words: "number" rather than
// "float64", "at character 5" rather than "(1:5)".
func conditionError(err error) error {
	msg, _, _ := strings.Cut(err.Error(), "\n")
	if got, ok := strings.CutPrefix(msg, "expected bool, but got "); ok {
		if w, ok := resultWords[got]; ok {
			got = w
		}
		msg = "it gives " + got + ", not true or false"
	}
	msg = goTypeRE.ReplaceAllStringFunc(msg, func(t string) string {
		m := goTypeRE.FindStringSubmatch(t)
		return m[1] + goTypeWords[m[2]]
	})
	msg = conditionPosRE.ReplaceAllStringFunc(msg, func(p string) string {
		m := conditionPosRE.FindStringSubmatch(p)
		if m[1] == "1" {
			return "(at character " + m[2] + ")"
		}
		return "(at line " + m[1] + ", character " + m[2] + ")"
	})
	return fmt.Errorf("%s", msg)
}

var (
	goTypeRE       = regexp.MustCompile(`\b((?:types?|and|use|got) )(\[\]string|float64|int|string|bool)\b`)
	goTypeWords    = map[string]string{"[]string": "list of codes", "float64": "number", "int": "number", "string": "text", "bool": "true/false"}
	resultWords    = map[string]string{"[]string": "a list of codes", "float64": "a number", "int": "a number", "string": "text", "interface {}": "an unknown value"}
	conditionPosRE = regexp.MustCompile(`\((\d+):(\d+)\)$`)
)

type literalVisitor struct {
	c    *conditions
	cond *condition
	seen map[string]bool
}

func (v *literalVisitor) Visit(node *ast.Node) {
	switch n := (*node).(type) {
	case *ast.IdentifierNode:
		if !v.seen[n.Value] {
			v.seen[n.Value] = true
			v.cond.refs = append(v.cond.refs, n.Value)
		}
	case *ast.BuiltinNode:
		if id, ok := lenArg(n); ok {
			v.c.counted[id] = true
		}
	case *ast.StringNode:
		v.c.strings[n.Value] = true
	case *ast.IntegerNode:
		v.c.numbers = append(v.c.numbers, float64(n.Value))
	case *ast.FloatNode:
		v.c.numbers = append(v.c.numbers, n.Value)
	}
}

// lenArg is the name in len(name).
func lenArg(n *ast.BuiltinNode) (string, bool) {
	if n.Name != "len" || len(n.Arguments) != 1 {
		return "", false
	}
	id, ok := n.Arguments[0].(*ast.IdentifierNode)
	if !ok {
		return "", false
	}
	return id.Value, true
}

func (c *conditions) collect(cond *condition, node ast.Node) {
	ast.Walk(&node, &literalVisitor{c: c, cond: cond, seen: map[string]bool{}})
}

// size is the number of instructions in the condition, which bounds the
// cost of evaluating it.
func (cond *condition) size() int {
	if cond == nil {
		return 0
	}
	return len(cond.prog.Bytecode)
}

func (cond *condition) eval(env map[string]any) bool {
	if cond == nil {
		return true
	}
	out, err := vm.Run(cond.prog, env)
	if err != nil {
		return false
	}
	b, _ := out.(bool)
	return b
}

// condList is true when every condition in it is true.
type condList []*condition

func (cl condList) eval(env map[string]any) bool {
	for _, c := range cl {
		if !c.eval(env) {
			return false
		}
	}
	return true
}
