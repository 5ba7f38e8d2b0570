package survey

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
)

// maxConditionNodes bounds the size of one condition; real ones have a
// handful of nodes.
const maxConditionNodes = 200

// A condition is a compiled show_if, derived if or variant if, with the
// names it reads. It is type-checked by expr when the file loads and
// evaluated by this package in three-valued logic (see logic.go).
type condition struct {
	source string
	root   node
	refs   []string // identifiers read, in order of first use
	nodes  int      // size, which bounds the cost of evaluating it
}

// conditions holds every compiled condition of a questionnaire and the
// typed environment they were compiled against.
type conditions struct {
	zero     map[string]any        // name -> zero value of its type, for type checking
	slots    map[string]int        // name -> its slot in an env
	sections map[string]*condition // section id -> show_if
	items    map[string]condList   // answerable item id -> its show_if and its grid's
	derived  map[string]*condition // derived id -> if
	variants map[string][]*condition
	screen   *condition      // exclusion.screen_out_if
	strings  map[string]bool // every string literal in any condition
	counted  map[string]bool // names a condition passes to len
	numbers  []float64       // every number literal in any condition

	// By answerable item index: its conditions, its section, and whether
	// some derived variable reads it directly.
	byIndex []condList
	section []int
	feeds   []bool
}

// typeZero is the value of a name's type that expr type-checks a
// condition against: an option code or text is a string, a multiple choice
// answer a list of codes, a number a float64, a derived yes/no a bool.
func typeZero(it *Item) any {
	switch it.Type {
	case TypeMultiple:
		return []string{}
	case TypeNumber:
		return 0.0
	}
	return ""
}

// answeredType gives answered() its signatures for type checking; the
// function itself is evaluated by answeredNode.
func answeredType(params ...any) (any, error) { return params != nil, nil }

// compile type-checks a condition that reads the given names and builds
// its evaluator. It is typed against those names only: typing costs a step
// per name in the environment, so with every name a questionnaire of n
// conditions took n² steps, minutes for a 1 MB file.
func (c *conditions) compile(source string, tree ast.Node, names []string) (*condition, error) {
	env := make(map[string]any, len(names))
	for _, n := range names {
		if v, ok := c.zero[n]; ok {
			env[n] = v
		}
	}
	_, err := expr.Compile(source,
		expr.Env(env),
		expr.AsBool(),
		expr.MaxNodes(maxConditionNodes),
		expr.Function("answered", answeredType,
			new(func(string) bool), new(func([]string) bool), new(func(float64) bool), new(func(bool) bool)),
	)
	if err != nil {
		return nil, conditionError(err)
	}
	root, err := (&builder{slots: c.slots}).build(tree)
	if err != nil {
		return nil, err
	}
	cond := &condition{source: source, root: root, nodes: countNodes(root)}
	c.collect(cond, tree)
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

// size bounds the cost of evaluating the condition.
func (cond *condition) size() int {
	if cond == nil {
		return 0
	}
	return cond.nodes
}

// eval evaluates the condition; no condition is true.
func (cond *condition) eval(e env) tri {
	if cond == nil {
		return triTrue
	}
	return cond.root.eval(e).truth()
}

// condList is the conjunction of its conditions.
type condList []*condition

func (cl condList) eval(e env) tri {
	out := triTrue
	for _, c := range cl {
		switch c.eval(e) {
		case triFalse:
			return triFalse
		case triUnknown:
			out = triUnknown
		}
	}
	return out
}
