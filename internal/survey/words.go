package survey

import (
	"strconv"
	"strings"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"
)

// ShownWhen says in words when an answerable item is shown, for codebooks:
// its section's condition, its grid's, its own and, for a piped item, that
// something it offers was chosen at its source, joined by "and". It is ""
// for an item that is always shown.
func (q *Questionnaire) ShownWhen(itemID string) string {
	it, ok := q.byID[itemID]
	if !ok {
		return ""
	}
	var (
		parts []string
		ors   []bool
	)
	add := func(cond string) {
		if cond != "" {
			words, or := q.inWords(cond)
			parts, ors = append(parts, words), append(ors, or)
		}
	}
	add(q.Sections[q.sectionOf[itemID]].ShowIf)
	if it.Grid != nil {
		add(it.Grid.ShowIf)
	}
	add(it.ShowIf)
	if it.Piped != nil {
		parts, ors = append(parts, "something that can be offered here was chosen at "+q.nameInWords(it.Piped.ID)), append(ors, false)
	}
	for i := range parts {
		if ors[i] && len(parts) > 1 {
			parts[i] = "(" + parts[i] + ")"
		}
	}
	return strings.Join(parts, " and ")
}

// InWords says a condition in words: items named by id and label, option
// codes by their labels. A condition that does not parse comes back as
// written.
func (q *Questionnaire) InWords(condition string) string {
	words, _ := q.inWords(condition)
	return words
}

// inWords is InWords, also reporting whether the condition is an "or" at
// its top, which needs parentheses when joined to others by "and".
func (q *Questionnaire) inWords(condition string) (string, bool) {
	tree, err := parser.Parse(condition)
	if err != nil {
		return condition, false
	}
	b, isBinary := tree.Node.(*ast.BinaryNode)
	return (&wording{q: q, lang: q.DefaultLanguage()}).node(tree.Node), isBinary && (b.Operator == "or" || b.Operator == "||")
}

type wording struct {
	q    *Questionnaire
	lang string
}

func (w *wording) node(n ast.Node) string {
	switch n := n.(type) {
	case *ast.IdentifierNode:
		if w.yesNo(n.Value) {
			return w.q.nameInWords(n.Value) + " is yes"
		}
		return w.q.nameInWords(n.Value)
	case *ast.StringNode:
		return strconv.Quote(n.Value)
	case *ast.IntegerNode:
		return strconv.Itoa(n.Value)
	case *ast.FloatNode:
		return strconv.FormatFloat(n.Value, 'g', -1, 64)
	case *ast.BoolNode:
		return strconv.FormatBool(n.Value)
	case *ast.ArrayNode:
		var els []string
		for _, el := range n.Nodes {
			els = append(els, w.node(el))
		}
		return strings.Join(els, ", ")
	case *ast.UnaryNode:
		return w.unary(n)
	case *ast.BinaryNode:
		return w.binary(n)
	case *ast.CallNode:
		if len(n.Arguments) == 1 {
			return w.node(n.Arguments[0]) + " is answered"
		}
	case *ast.BuiltinNode:
		if len(n.Arguments) == 1 {
			return "the number of options chosen at " + w.node(n.Arguments[0])
		}
	}
	return n.String()
}

func (w *wording) unary(n *ast.UnaryNode) string {
	switch n.Operator {
	case "not", "!":
		if id, ok := n.Node.(*ast.IdentifierNode); ok && w.yesNo(id.Value) {
			return w.q.nameInWords(id.Value) + " is no"
		}
		if b, ok := n.Node.(*ast.BinaryNode); ok && b.Operator == "in" {
			return w.membership(b, true)
		}
		return "not (" + w.node(n.Node) + ")"
	case "-":
		return "-" + w.node(n.Node)
	}
	return w.node(n.Node)
}

var comparisonWords = map[string]string{
	"==": "is", "!=": "is not", "<": "is less than", "<=": "is at most", ">": "is more than", ">=": "is at least",
}

func (w *wording) binary(n *ast.BinaryNode) string {
	switch n.Operator {
	case "and", "&&", "or", "||":
		op := " and "
		if n.Operator == "or" || n.Operator == "||" {
			op = " or "
		}
		return w.operand(n.Left, op) + op + w.operand(n.Right, op)
	case "in", "not in":
		return w.membership(n, n.Operator == "not in")
	}
	if words, ok := comparisonWords[n.Operator]; ok {
		return w.node(n.Left) + " " + words + " " + w.value(n.Left, n.Right)
	}
	return n.String()
}

// operand words one side of "and" or "or", in parentheses when it is the
// other of the two.
func (w *wording) operand(n ast.Node, op string) string {
	s := w.node(n)
	if b, ok := n.(*ast.BinaryNode); ok {
		other := map[string]bool{" and ": b.Operator == "or" || b.Operator == "||", " or ": b.Operator == "and" || b.Operator == "&&"}
		if other[op] {
			return "(" + s + ")"
		}
	}
	return s
}

// membership words "x in [list]" and "'code' in multiple-choice item".
func (w *wording) membership(n *ast.BinaryNode, neg bool) string {
	if id, ok := n.Right.(*ast.IdentifierNode); ok {
		verb := " is chosen at "
		if neg {
			verb = " is not chosen at "
		}
		return w.value(n.Right, n.Left) + verb + w.q.nameInWords(id.Value)
	}
	verb := " is one of "
	if neg {
		verb = " is none of "
	}
	return w.node(n.Left) + verb + w.value(n.Left, n.Right)
}

// value words a literal that a name is compared with: an option code as
// its label (with the code), a list as its members.
func (w *wording) value(name, lit ast.Node) string {
	switch l := lit.(type) {
	case *ast.StringNode:
		if id, ok := name.(*ast.IdentifierNode); ok {
			if label := w.q.codeLabel(id.Value, l.Value, w.lang); label != "" {
				return "“" + label + "” (" + l.Value + ")"
			}
		}
	case *ast.ArrayNode:
		var els []string
		for _, el := range l.Nodes {
			els = append(els, w.value(name, el))
		}
		return strings.Join(els, ", ")
	}
	return w.node(lit)
}

// yesNo reports whether name is a derived yes/no variable.
func (w *wording) yesNo(name string) bool {
	d, ok := w.q.derived[name]
	return ok && d.From == ""
}

// nameInWords names an item by id and label, a derived variable by label
// and id.
func (q *Questionnaire) nameInWords(name string) string {
	lang := q.DefaultLanguage()
	if it, ok := q.byID[name]; ok {
		return name + " (" + it.ShortLabel().In(lang) + ")"
	}
	if d, ok := q.derived[name]; ok {
		return d.Label.In(lang) + " (" + name + ")"
	}
	return name
}

// codeLabel is the label of an option code of an item, or of a group code
// of a derived variable; "" when there is none.
func (q *Questionnaire) codeLabel(name, code, lang string) string {
	if it, ok := q.byID[name]; ok {
		if o, ok := it.Option(code); ok {
			return o.Label.In(lang)
		}
		return ""
	}
	if d, ok := q.derived[name]; ok {
		for _, g := range d.Groups {
			if g.Code == code {
				return g.Label.In(lang)
			}
		}
	}
	return ""
}
