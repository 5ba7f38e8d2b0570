package survey

import (
	"fmt"
	"strings"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"
)

// compileConditions compiles every show_if, derived if, variant if and
// screening condition against an environment typed from the items, and
// checks that each refers only to items and derived variables asked before
// it, comparing them only with option codes that exist.
func (c *checker) compileConditions() {
	q := c.q
	q.conds = &conditions{zero: map[string]any{}, slots: map[string]int{}, sections: map[string]*condition{},
		items: map[string]condList{}, derived: map[string]*condition{}, variants: map[string][]*condition{},
		strings: map[string]bool{}, counted: map[string]bool{}}
	c.available = map[string]int{}
	for i, it := range q.items {
		q.conds.zero[it.ID] = typeZero(it)
		q.conds.slots[it.ID] = i
		c.available[it.ID] = i + 1
	}
	for i := range q.Derived {
		q.conds.slots[q.Derived[i].ID] = len(q.items) + i
	}
	for i := range q.Derived {
		c.compileDerived(&q.Derived[i], fmt.Sprintf("derived[%d]", i))
	}
	for si := range q.Sections {
		c.compileSection(si)
	}
	for si := range q.Sections {
		for ii := range q.Sections[si].Items {
			c.compileItem(&q.Sections[si].Items[ii], fmt.Sprintf("sections[%d].items[%d]", si, ii))
		}
	}
	if src := q.Exclusion.ScreenOutIf; src != "" {
		q.conds.screen = c.compileAt(src, "exclusion.screen_out_if", "screen_out_if", len(q.items)+1)
	}
	q.conds.index(q)
}

// index lays out, per answerable item in order, its conditions, its
// section and whether a derived variable reads it, so that evaluating the
// branching needs no map lookups.
func (c *conditions) index(q *Questionnaire) {
	c.byIndex = make([]condList, len(q.items))
	c.section = make([]int, len(q.items))
	c.feeds = make([]bool, len(q.items))
	for i, it := range q.items {
		c.byIndex[i] = c.items[it.ID]
		c.section[i] = q.sectionOf[it.ID]
	}
	for _, d := range q.Derived {
		refs := []string{d.From}
		if dc := c.derived[d.ID]; dc != nil {
			refs = dc.refs
		}
		for _, r := range refs {
			if it, ok := q.byID[r]; ok {
				c.feeds[c.slots[it.ID]] = true
			}
		}
	}
}

func (c *checker) compileDerived(d *Derived, path string) {
	if d.From != "" {
		c.q.conds.zero[d.ID] = ""
		c.available[d.ID] = c.available[d.From]
		return
	}
	c.q.conds.zero[d.ID] = false
	cond := c.compileAt(d.If, path+".if", "if", len(c.q.items))
	if cond == nil {
		c.available[d.ID] = len(c.q.items) + 1
		return
	}
	c.q.conds.derived[d.ID] = cond
	latest := 0
	for _, r := range cond.refs {
		latest = max(latest, c.available[r])
	}
	c.available[d.ID] = latest
}

func (c *checker) compileSection(si int) {
	s := &c.q.Sections[si]
	if s.ShowIf == "" {
		return
	}
	first := len(c.q.items)
	for i, it := range c.q.items {
		if c.q.sectionOf[it.ID] == si {
			first = i
			break
		}
	}
	if cond := c.compileAt(s.ShowIf, fmt.Sprintf("sections[%d].show_if", si), "show_if", first); cond != nil {
		c.q.conds.sections[s.ID] = cond
	}
}

func (c *checker) compileItem(it *Item, path string) {
	var gridCond *condition
	at := c.firstIndex(it)
	if it.ShowIf != "" {
		gridCond = c.compileAt(it.ShowIf, path+".show_if", "show_if", at)
	}
	for i, v := range it.Variants {
		if cond := c.compileAt(v.If, fmt.Sprintf("%s.variants[%d].if", path, i), "if", at); cond != nil {
			c.q.conds.variants[it.ID] = append(c.q.conds.variants[it.ID], cond)
		}
	}
	for _, a := range c.q.Answerables(it) {
		if a == nil {
			continue
		}
		var list condList
		if gridCond != nil {
			list = append(list, gridCond)
		}
		if a.Grid != nil && a.ShowIf != "" {
			sp := c.itemPath[a.ID] + ".show_if"
			if cond := c.compileAt(a.ShowIf, sp, "show_if", c.itemIndex[a.ID]); cond != nil {
				list = append(list, cond)
			}
		}
		if a.Piped != nil {
			list = append(list, c.pipeCondition(a))
		}
		c.q.conds.items[a.ID] = list
	}
}

// pipeCondition is the implicit condition of an item with options_from:
// it is shown only when at least one option is piped into it.
func (c *checker) pipeCondition(it *Item) *condition {
	src := it.Piped
	var codes []string
	for _, o := range src.Options {
		if pipeable(o) {
			codes = append(codes, o.Code)
		}
	}
	root := pipeNode{slot: c.q.conds.slots[src.ID], codes: codes}
	return &condition{source: "options_from " + src.ID, root: root, refs: []string{src.ID}, nodes: 1}
}

func (c *checker) firstIndex(it *Item) int {
	if as := c.q.Answerables(it); len(as) > 0 && as[0] != nil {
		return c.itemIndex[as[0].ID]
	}
	return 0
}

// compileAt checks and compiles one condition that must only use names
// available before item position at. It returns nil after reporting a
// problem.
func (c *checker) compileAt(src, path, key string, at int) *condition {
	tree, err := parser.Parse(src)
	if err != nil {
		c.at(path, "%s is not a valid condition: %v", key, conditionError(err))
		return nil
	}
	ok := c.checkRefs(tree.Node, path, key, at)
	ok = c.checkBuiltins(tree.Node, path, key) && ok
	ok = c.checkLiterals(tree.Node, path, key) && ok
	if !ok {
		return nil
	}
	cond, err := c.q.conds.compile(src, tree.Node, identifiers(tree.Node))
	if err != nil {
		c.at(path, "%s is not a valid condition: %v", key, err)
		return nil
	}
	return cond
}

func (c *checker) checkRefs(node ast.Node, path, key string, at int) bool {
	ok := true
	for _, name := range identifiers(node) {
		avail, known := c.available[name]
		switch {
		case !known:
			c.at(path, "%s refers to unknown item %q", key, name)
			ok = false
		case avail > at:
			c.at(path, "%s refers to %q, which is not asked before this point", key, name)
			ok = false
		}
	}
	return ok
}

// checkBuiltins allows len as the only built-in function. The others are
// not part of the condition language, and some are loops (all, any, map,
// reduce, ...): nested in one short condition they can run for hours, and
// checking routes evaluates every condition many times.
func (c *checker) checkBuiltins(node ast.Node, path, key string) bool {
	v := &builtinVisitor{}
	ast.Walk(&node, v)
	for _, name := range v.names {
		c.at(path, "%s uses %s(), which conditions do not support (functions: answered, len)", key, name)
	}
	return len(v.names) == 0
}

type builtinVisitor struct{ names []string }

func (v *builtinVisitor) Visit(node *ast.Node) {
	if b, ok := (*node).(*ast.BuiltinNode); ok && b.Name != "len" {
		v.names = append(v.names, b.Name)
	}
}

// identifiers lists the variable names a condition reads (not the
// functions it calls).
func identifiers(node ast.Node) []string {
	v := &nameVisitor{callees: map[ast.Node]bool{}}
	ast.Walk(&node, v)
	var out []string
	seen := map[string]bool{}
	for _, n := range v.idents {
		if !v.callees[n] && !seen[n.Value] {
			seen[n.Value] = true
			out = append(out, n.Value)
		}
	}
	return out
}

type nameVisitor struct {
	idents  []*ast.IdentifierNode
	callees map[ast.Node]bool
}

func (v *nameVisitor) Visit(node *ast.Node) {
	switch n := (*node).(type) {
	case *ast.IdentifierNode:
		v.idents = append(v.idents, n)
	case *ast.CallNode:
		v.callees[n.Callee] = true
	}
}

// checkLiterals reports string literals compared with a choice item or a
// grouped derived variable that are not among its codes.
func (c *checker) checkLiterals(node ast.Node, path, key string) bool {
	v := &compareVisitor{c: c}
	ast.Walk(&node, v)
	for _, bad := range v.bad {
		c.at(path, "%s compares %s with %q, which is not one of its codes (%s)", key, bad[0], bad[1], strings.Join(c.codesOf(bad[0]), ", "))
	}
	return len(v.bad) == 0
}

type compareVisitor struct {
	c   *checker
	bad [][2]string
}

func (v *compareVisitor) Visit(node *ast.Node) {
	b, ok := (*node).(*ast.BinaryNode)
	if !ok {
		return
	}
	switch b.Operator {
	case "==", "!=":
		v.pair(b.Left, b.Right)
		v.pair(b.Right, b.Left)
	case "in", "not in":
		v.pair(b.Right, b.Left)
		if arr, ok := b.Right.(*ast.ArrayNode); ok {
			for _, el := range arr.Nodes {
				v.pair(b.Left, el)
			}
		}
	}
}

func (v *compareVisitor) pair(ident, lit ast.Node) {
	id, ok1 := ident.(*ast.IdentifierNode)
	s, ok2 := lit.(*ast.StringNode)
	if !ok1 || !ok2 {
		return
	}
	codes := v.c.codesOf(id.Value)
	if codes == nil {
		return
	}
	for _, code := range codes {
		if code == s.Value {
			return
		}
	}
	v.bad = append(v.bad, [2]string{id.Value, s.Value})
}

// codesOf lists the codes a name can take, or nil when it is not coded.
func (c *checker) codesOf(name string) []string {
	var codes []string
	if it, ok := c.q.byID[name]; ok && it.Choice() {
		for _, o := range it.Options {
			codes = append(codes, o.Code)
		}
	}
	if d, ok := c.q.derived[name]; ok {
		for _, g := range d.Groups {
			codes = append(codes, g.Code)
		}
	}
	return codes
}
