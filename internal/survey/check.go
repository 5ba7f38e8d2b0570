package survey

import (
	"fmt"
	"reflect"
	"strings"
)

// reserved names cannot be ids: they are words of the condition language,
// built-in names, or the names of the fields every page form carries.
var reserved = map[string]bool{
	"key": true, "shown": true, "csrf": true, "from": true, "lang": true,
	"and": true, "or": true, "not": true, "in": true, "matches": true, "contains": true,
	"startsWith": true, "endsWith": true, "true": true, "false": true, "nil": true,
	"let": true, "if": true, "else": true, "answered": true, "len": true,
	DimensionTrustActivity: true,
}

// checker runs the semantic checks on a decoded questionnaire and builds
// its indexes. Each check adds problems and carries on.
type checker struct {
	q        *Questionnaire
	file     string
	pos      map[string]Pos
	problems Problems

	names     map[string]string // every id -> path where it was declared
	itemPath  map[string]string // answerable item id -> path
	itemIndex map[string]int    // answerable item id -> position in q.items
	available map[string]int    // condition name -> first item position it may be used before
}

func (c *checker) at(path, format string, args ...any) {
	p := path
	for {
		if pos, ok := c.pos[p]; ok {
			c.problems = append(c.problems, Problem{File: c.file, Pos: pos, Msg: fmt.Sprintf(format, args...)})
			return
		}
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			c.problems = append(c.problems, Problem{File: c.file, Pos: c.pos[""], Msg: fmt.Sprintf(format, args...)})
			return
		}
		p = p[:i]
	}
}

// Size limits far above any real questionnaire (the bundled one has 42
// items and 3 derived variables) that keep branching evaluation cheap.
const (
	MaxItems   = 300
	MaxDerived = 50
)

func (c *checker) run() Problems {
	c.structureProblems()
	if c.tooLarge() {
		return c.problems
	}
	c.checkLanguages()
	c.index()
	c.resolvePipes()
	c.checkItems()
	c.checkDerived()
	c.checkAnalysis()
	c.checkExclusion()
	c.compileConditions()
	if len(c.problems) == 0 {
		c.checkReachability()
	}
	return c.problems
}

// declare registers an id in the one namespace shared by sections, items,
// statements and derived variables.
func (c *checker) declare(id, path string) {
	if id == "" {
		return
	}
	if reserved[id] {
		c.at(path+".id", "id %q is a reserved word", id)
		return
	}
	if prev, ok := c.names[id]; ok {
		c.at(path+".id", "duplicate id %q (first declared at line %d)", id, c.pos[prev+".id"].Line)
		return
	}
	c.names[id] = path
}

// index flattens the sections into answerable items (each grid statement is
// one) and records where each id was declared.
func (c *checker) index() {
	q := c.q
	c.names, c.itemPath, c.itemIndex = map[string]string{}, map[string]string{}, map[string]int{}
	q.byID, q.sectionOf, q.derived, q.indexOf = map[string]*Item{}, map[string]int{}, map[string]*Derived{}, map[string]int{}
	for si := range q.Sections {
		sp := fmt.Sprintf("sections[%d]", si)
		c.declare(q.Sections[si].ID, sp)
		for ii := range q.Sections[si].Items {
			c.indexItem(si, &q.Sections[si].Items[ii], fmt.Sprintf("%s.items[%d]", sp, ii))
		}
	}
	for i := range q.Derived {
		c.declare(q.Derived[i].ID, fmt.Sprintf("derived[%d]", i))
		q.derived[q.Derived[i].ID] = &q.Derived[i]
	}
}

func (c *checker) indexItem(si int, it *Item, path string) {
	c.declare(it.ID, path)
	c.resolveScale(it, path)
	if len(it.Statements) == 0 {
		c.addAnswerable(si, it, path)
		return
	}
	for i, st := range it.Statements {
		sp := fmt.Sprintf("%s.statements[%d]", path, i)
		c.declare(st.ID, sp)
		c.addAnswerable(si, &Item{
			ID: st.ID, Type: it.Type, Question: st.Text, Label: st.Label, Hint: it.Hint, Tag: it.Tag,
			Optional: it.Optional, ShowIf: st.ShowIf, Options: it.Options, Scale: it.Scale, Grid: it,
		}, sp)
	}
}

func (c *checker) addAnswerable(si int, it *Item, path string) {
	if _, dup := c.q.byID[it.ID]; dup || it.ID == "" {
		return
	}
	c.itemIndex[it.ID] = len(c.q.items)
	c.q.indexOf[it.ID] = len(c.q.items)
	c.itemPath[it.ID] = path
	c.q.items = append(c.q.items, it)
	c.q.byID[it.ID] = it
	c.q.sectionOf[it.ID] = si
}

// resolveScale gives a scale item the options of its named scale.
func (c *checker) resolveScale(it *Item, path string) {
	if it.Type != TypeScale {
		return
	}
	switch {
	case it.Scale != "" && len(it.Options) > 0:
		c.at(path+".scale", "give either scale or options, not both")
	case it.Scale != "":
		for _, s := range c.q.Scales {
			if s.ID == it.Scale {
				it.Options = s.Options
				return
			}
		}
		c.at(path+".scale", "unknown scale %q (%s)", it.Scale, c.scaleList())
	case len(it.Options) < 2:
		c.at(path, "scale item %q needs a scale or at least two options", it.ID)
	}
}

// scaleList names the declared scales for a message.
func (c *checker) scaleList() string {
	if len(c.q.Scales) == 0 {
		return "no scales are declared"
	}
	ids := make([]string, len(c.q.Scales))
	for i, s := range c.q.Scales {
		ids[i] = s.ID
	}
	return "declared scales: " + strings.Join(ids, ", ")
}

// checkLanguages requires every user-facing text in every declared
// language, and no text in an undeclared one.
func (c *checker) checkLanguages() {
	walkTexts(reflect.ValueOf(c.q).Elem(), "", func(path string, t Text) {
		if t.Empty() {
			return
		}
		for _, l := range c.q.langs() {
			if strings.TrimSpace(t[l]) == "" {
				c.at(path, "%s has no %s text; every text needs one for each declared language", lastKey(path), languageName(l))
			}
		}
		for l := range t {
			if !c.q.HasLanguage(l) {
				c.at(path, "%s has %s text but languages does not declare %q", lastKey(path), languageName(l), l)
			}
		}
	})
}

func languageName(l string) string {
	if l == "cy" {
		return "Welsh (cy)"
	}
	return "English (en)"
}

func walkTexts(v reflect.Value, path string, fn func(string, Text)) {
	switch {
	case v.Type() == textType:
		fn(path, v.Interface().(Text))
	case v.Kind() == reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if f.IsExported() && name != "" && name != "-" {
				walkTexts(v.Field(i), joinPath(path, name), fn)
			}
		}
	case v.Kind() == reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			walkTexts(v.Index(i), fmt.Sprintf("%s[%d]", path, i), fn)
		}
	}
}

// tooLarge reports a questionnaire with more items or derived variables
// than the limits; nothing else is checked then.
func (c *checker) tooLarge() bool {
	n := 0
	for _, s := range c.q.Sections {
		for _, it := range s.Items {
			n += max(1, len(it.Statements))
		}
	}
	switch {
	case n > MaxItems:
		c.at("sections", "the questionnaire has %d items; at most %d are allowed", n, MaxItems)
	case len(c.q.Derived) > MaxDerived:
		c.at("derived", "the questionnaire has %d derived variables; at most %d are allowed", len(c.q.Derived), MaxDerived)
	default:
		return false
	}
	return true
}
