package survey

import (
	"fmt"
	"math"
	"strconv"

	"github.com/expr-lang/expr/ast"
)

// Conditions are evaluated in three-valued logic, as SQL treats NULL: a
// comparison that involves an unanswered item (or an item that is not
// shown) is unknown, not false, and an item or section is shown only when
// its condition is true. So "A04 != 'doctor'" does not show anything while
// A04 is blank, and neither does "not research_active" while the answer it
// is derived from is blank.
//
//	a        b        a and b  a or b   not a
//	true     unknown  unknown  true     false
//	false    unknown  false    unknown  true
//	unknown  unknown  unknown  unknown  unknown
//
// answered(X) is never unknown.

// tri is a truth value: false, true or unknown.
type tri uint8

const (
	triFalse tri = iota
	triTrue
	triUnknown
)

func triOf(b bool) tri {
	if b {
		return triTrue
	}
	return triFalse
}

func (t tri) not() tri {
	switch t {
	case triTrue:
		return triFalse
	case triFalse:
		return triTrue
	}
	return triUnknown
}

// String names the truth value for messages and tests.
func (t tri) String() string {
	return [...]string{"false", "true", "unknown"}[t]
}

// kind is the type of a value a condition sees.
type kind uint8

const (
	kindUnknown kind = iota // unanswered, not shown, or a yes/no that is unknown
	kindText                // an option code or typed text
	kindNumber
	kindList // the codes of a multiple choice answer
	kindBool // a derived yes/no, or the result of a test
)

// value is what a name or sub-expression of a condition stands for.
type value struct {
	kind kind
	text string
	num  float64
	list []string
	b    bool
}

var unknown = value{}

func textValue(s string) value    { return value{kind: kindText, text: s} }
func numberValue(f float64) value { return value{kind: kindNumber, num: f} }
func listValue(l []string) value  { return value{kind: kindList, list: l} }
func boolValue(b bool) value      { return value{kind: kindBool, b: b} }

func triValue(t tri) value {
	if t == triUnknown {
		return unknown
	}
	return boolValue(t == triTrue)
}

// truth reads a value as a condition result.
func (v value) truth() tri {
	if v.kind != kindBool {
		return triUnknown
	}
	return triOf(v.b)
}

// key is a compact, comparable form of the value, for memoising searches.
func (v value) key() string {
	switch v.kind {
	case kindText:
		return "t" + v.text
	case kindNumber:
		return "n" + strconv.FormatFloat(v.num, 'g', -1, 64)
	case kindList:
		return fmt.Sprintf("l%q", v.list)
	case kindBool:
		return "b" + strconv.FormatBool(v.b)
	}
	return "?"
}

// member is the form a value takes inside a list: a code as it is, any
// other value in its key form.
func (v value) member() string {
	if v.kind == kindText {
		return v.text
	}
	return v.key()
}

// answerValue is the value a condition sees for an answer to item it:
// unknown when there is none.
func answerValue(it *Item, a Answer, ok bool) value {
	if !ok || a.Empty() {
		return unknown
	}
	switch it.Type {
	case TypeMultiple:
		return listValue(a.Codes)
	case TypeNumber:
		f, err := strconv.ParseFloat(a.Text, 64)
		if err != nil || math.IsNaN(f) {
			return unknown
		}
		return numberValue(f)
	case TypeSingle, TypeScale:
		return textValue(a.Codes[0])
	}
	return textValue(a.Text)
}

// env is what conditions see: one value per name, indexed by slot.
type env []value

// node is one compiled piece of a condition.
type node interface {
	eval(e env) value
}

type (
	slotNode struct{ slot int }
	litNode  struct{ v value }
	listNode struct{ v value }
	notNode  struct{ x node }
	andNode  struct{ l, r node }
	orNode   struct{ l, r node }
	negNode  struct{ x node }
	cmpNode  struct {
		op   string
		l, r node
	}
	inNode struct {
		l, r   node
		negate bool
	}
	answeredNode struct{ slot int }
	lenNode      struct{ slot int }
)

func (n slotNode) eval(e env) value { return e[n.slot] }
func (n litNode) eval(env) value    { return n.v }

func (n listNode) eval(env) value { return n.v }

func (n notNode) eval(e env) value { return triValue(n.x.eval(e).truth().not()) }

func (n andNode) eval(e env) value {
	l := n.l.eval(e).truth()
	if l == triFalse {
		return boolValue(false)
	}
	r := n.r.eval(e).truth()
	switch {
	case r == triFalse:
		return boolValue(false)
	case l == triTrue && r == triTrue:
		return boolValue(true)
	}
	return unknown
}

func (n orNode) eval(e env) value {
	l := n.l.eval(e).truth()
	if l == triTrue {
		return boolValue(true)
	}
	r := n.r.eval(e).truth()
	switch {
	case r == triTrue:
		return boolValue(true)
	case l == triFalse && r == triFalse:
		return boolValue(false)
	}
	return unknown
}

func (n negNode) eval(e env) value {
	v := n.x.eval(e)
	if v.kind != kindNumber {
		return unknown
	}
	return numberValue(-v.num)
}

func (n cmpNode) eval(e env) value {
	l, r := n.l.eval(e), n.r.eval(e)
	if l.kind == kindUnknown || r.kind == kindUnknown {
		return unknown
	}
	c, ok := compare(l, r)
	if !ok {
		if n.op == "!=" {
			return boolValue(l.key() != r.key())
		}
		return boolValue(n.op == "==" && l.key() == r.key())
	}
	switch n.op {
	case "==":
		return boolValue(c == 0)
	case "!=":
		return boolValue(c != 0)
	case "<":
		return boolValue(c < 0)
	case "<=":
		return boolValue(c <= 0)
	case ">":
		return boolValue(c > 0)
	}
	return boolValue(c >= 0) // ">="
}

// compare orders two values of the same ordered kind.
func compare(l, r value) (int, bool) {
	switch {
	case l.kind == kindNumber && r.kind == kindNumber:
		switch {
		case l.num < r.num:
			return -1, true
		case l.num > r.num:
			return 1, true
		}
		return 0, true
	case l.kind == kindText && r.kind == kindText:
		switch {
		case l.text < r.text:
			return -1, true
		case l.text > r.text:
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

func (n inNode) eval(e env) value {
	l, r := n.l.eval(e), n.r.eval(e)
	if l.kind == kindUnknown || r.kind != kindList {
		return unknown
	}
	k := l.member()
	found := false
	for _, s := range r.list {
		if s == k {
			found = true
			break
		}
	}
	return boolValue(found != n.negate)
}

func (n answeredNode) eval(e env) value { return boolValue(e[n.slot].kind != kindUnknown) }

func (n lenNode) eval(e env) value {
	v := e[n.slot]
	switch v.kind {
	case kindList:
		return numberValue(float64(len(v.list)))
	case kindText:
		return numberValue(float64(len([]rune(v.text))))
	}
	return unknown
}

// builder turns a parsed condition into nodes, naming what the condition
// language does not support.
type builder struct {
	slots map[string]int
}

func (b *builder) build(n ast.Node) (node, error) {
	switch n := n.(type) {
	case *ast.IdentifierNode:
		return b.slot(n.Value)
	case *ast.StringNode:
		return litNode{textValue(n.Value)}, nil
	case *ast.IntegerNode:
		return litNode{numberValue(float64(n.Value))}, nil
	case *ast.FloatNode:
		return litNode{numberValue(n.Value)}, nil
	case *ast.BoolNode:
		return litNode{boolValue(n.Value)}, nil
	case *ast.ArrayNode:
		return b.array(n)
	case *ast.UnaryNode:
		return b.unary(n)
	case *ast.BinaryNode:
		return b.binary(n)
	case *ast.CallNode:
		return b.call(n)
	case *ast.BuiltinNode:
		return b.builtin(n)
	case *ast.NilNode:
		return nil, fmt.Errorf("nil is not a value in conditions; use answered(X) to test for an answer")
	}
	return nil, fmt.Errorf("this kind of expression is not part of the condition language (use ==, !=, <, <=, >, >=, in, not, and, or, answered and len)")
}

func (b *builder) slot(name string) (node, error) {
	s, ok := b.slots[name]
	if !ok {
		return nil, fmt.Errorf("unknown name %q", name)
	}
	return slotNode{s}, nil
}

// array builds a list literal. Its members are kept in the form inNode
// compares with: codes as they are, numbers in value.key form.
func (b *builder) array(n *ast.ArrayNode) (node, error) {
	members := make([]string, 0, len(n.Nodes))
	for _, el := range n.Nodes {
		lit, err := b.build(el)
		if err != nil {
			return nil, err
		}
		l, ok := lit.(litNode)
		if !ok || l.v.kind == kindBool {
			return nil, fmt.Errorf("lists in conditions may hold only codes and numbers")
		}
		members = append(members, l.v.member())
	}
	return listNode{listValue(members)}, nil
}

func (b *builder) unary(n *ast.UnaryNode) (node, error) {
	x, err := b.build(n.Node)
	if err != nil {
		return nil, err
	}
	switch n.Operator {
	case "not", "!":
		return notNode{x}, nil
	case "-":
		return negNode{x}, nil
	case "+":
		return x, nil
	}
	return nil, fmt.Errorf("operator %q is not part of the condition language", n.Operator)
}

func (b *builder) binary(n *ast.BinaryNode) (node, error) {
	l, err := b.build(n.Left)
	if err != nil {
		return nil, err
	}
	r, err := b.build(n.Right)
	if err != nil {
		return nil, err
	}
	switch n.Operator {
	case "and", "&&":
		return andNode{l, r}, nil
	case "or", "||":
		return orNode{l, r}, nil
	case "==", "!=", "<", "<=", ">", ">=":
		return cmpNode{op: n.Operator, l: l, r: r}, nil
	case "in":
		return inNode{l: l, r: r}, nil
	case "not in":
		return inNode{l: l, r: r, negate: true}, nil
	}
	return nil, fmt.Errorf("operator %q is not part of the condition language (use ==, !=, <, <=, >, >=, in, not, and, or)", n.Operator)
}

func (b *builder) call(n *ast.CallNode) (node, error) {
	callee, ok := n.Callee.(*ast.IdentifierNode)
	if !ok || callee.Value != "answered" {
		return nil, fmt.Errorf("the only functions are answered and len")
	}
	return b.oneName(n.Arguments, "answered", func(s int) node { return answeredNode{s} })
}

func (b *builder) builtin(n *ast.BuiltinNode) (node, error) {
	if n.Name != "len" {
		return nil, fmt.Errorf("%s() is not supported (functions: answered, len)", n.Name)
	}
	return b.oneName(n.Arguments, "len", func(s int) node { return lenNode{s} })
}

func (b *builder) oneName(args []ast.Node, fn string, mk func(int) node) (node, error) {
	if len(args) != 1 {
		return nil, fmt.Errorf("%s takes one item", fn)
	}
	id, ok := args[0].(*ast.IdentifierNode)
	if !ok {
		return nil, fmt.Errorf("%s takes the id of an item, such as %s(A01)", fn, fn)
	}
	s, ok := b.slots[id.Value]
	if !ok {
		return nil, fmt.Errorf("unknown name %q", id.Value)
	}
	return mk(s), nil
}

// countNodes is the number of nodes in a compiled condition, which bounds
// the cost of evaluating it: conditions have no loops.
func countNodes(n node) int {
	switch n := n.(type) {
	case notNode:
		return 1 + countNodes(n.x)
	case negNode:
		return 1 + countNodes(n.x)
	case andNode:
		return 1 + countNodes(n.l) + countNodes(n.r)
	case orNode:
		return 1 + countNodes(n.l) + countNodes(n.r)
	case cmpNode:
		return 1 + countNodes(n.l) + countNodes(n.r)
	case inNode:
		return 1 + countNodes(n.l) + countNodes(n.r)
	}
	return 1
}

// pipeNode is the implicit condition of an item whose options are piped
// from a multiple choice item: true when at least one pipeable option was
// chosen there.
type pipeNode struct {
	slot  int
	codes []string
}

func (n pipeNode) eval(e env) value {
	v := e[n.slot]
	if v.kind != kindList {
		return unknown
	}
	for _, got := range v.list {
		for _, c := range n.codes {
			if got == c {
				return boolValue(true)
			}
		}
	}
	return boolValue(false)
}

// pipeable reports whether an option of a source item can be piped into a
// follow-up: "None of these" and "Don't know" cannot.
func pipeable(o Option) bool { return !o.Exclusive && !o.Missing }
