package survey

import "fmt"

// Default length caps for free text; any cap is at most 32,000 characters
// so a cell never overflows a spreadsheet.
const (
	DefaultTextLength     = 200
	DefaultTextareaLength = 2000
	DefaultOtherLength    = 200
)

func (c *checker) checkItems() {
	for si := range c.q.Sections {
		for ii := range c.q.Sections[si].Items {
			c.checkItem(&c.q.Sections[si].Items[ii], fmt.Sprintf("sections[%d].items[%d]", si, ii))
		}
	}
}

func (c *checker) checkItem(it *Item, path string) {
	if !knownType(it.Type) {
		return // reported by the type rule; every check below depends on it
	}
	c.checkKeysForType(it, path)
	c.checkOptions(it, path)
	if it.Tag != "" && !it.Choice() {
		c.at(path+".tag", "tag %q is only for choice, scale and grid items, not %s", it.Tag, it.Type)
	}
	if it.Min != nil && it.Max != nil && *it.Min > *it.Max {
		c.at(path+".min", "min %g is greater than max %g", *it.Min, *it.Max)
	}
	if it.Type == TypeMultiple && it.MaxChoices > 0 && it.MaxChoices > countNonExclusive(it.Options) {
		c.at(path+".max_choices", "max_choices %d is more than the %d options that can be chosen together", it.MaxChoices, countNonExclusive(it.Options))
	}
}

func knownType(t string) bool {
	switch t {
	case TypeSingle, TypeMultiple, TypeScale, TypeNumber, TypeText, TypeTextarea:
		return true
	}
	return false
}

// checkKeysForType rejects keys that mean nothing for the item's type.
func (c *checker) checkKeysForType(it *Item, path string) {
	bad := func(key string, set bool, types string) {
		if set {
			c.at(path+"."+key, "%s applies only to %s items, not %s", key, types, it.Type)
		}
	}
	choice := it.Type == TypeSingle || it.Type == TypeMultiple
	isText := it.Type == TypeText || it.Type == TypeTextarea
	bad("options", len(it.Options) > 0 && !choice && it.Type != TypeScale, "choice and scale")
	bad("scale", it.Scale != "" && it.Type != TypeScale, "scale")
	bad("statements", len(it.Statements) > 0 && it.Type != TypeScale, "scale")
	bad("max_choices", it.MaxChoices > 0 && it.Type != TypeMultiple, "multiple choice")
	bad("min", it.Min != nil && it.Type != TypeNumber, "number")
	bad("max", it.Max != nil && it.Type != TypeNumber, "number")
	bad("decimals", it.Decimals && it.Type != TypeNumber, "number")
	bad("suffix", !it.Suffix.Empty() && it.Type != TypeNumber, "number")
	bad("max_length", it.MaxLength > 0 && !isText, "text and textarea")
	if !it.ErrorName.Empty() && len(it.Statements) > 0 {
		c.at(path+".error_name", "error_name does not apply to an agreement grid: its error messages name each statement")
	}
	if choice && len(it.Options) < 2 && it.OptionsFrom == "" {
		c.at(path, "%s item %q needs at least two options", it.Type, it.ID)
	}
	bad("options_from", it.OptionsFrom != "" && !choice, "single and multiple choice")
}

func (c *checker) checkOptions(it *Item, path string) {
	seen := map[string]bool{}
	others := 0
	for i, o := range it.Options {
		op := fmt.Sprintf("%s.options[%d]", path, i)
		if seen[o.Code] {
			c.at(op+".code", "duplicate option code %q in item %q", o.Code, it.ID)
		}
		seen[o.Code] = true
		if o.Exclusive && it.Type != TypeMultiple {
			c.at(op+".exclusive", "exclusive applies only to options of multiple choice items")
		}
		if o.Other {
			others++
			if it.Type != TypeSingle && it.Type != TypeMultiple {
				c.at(op+".other", "other applies only to options of single or multiple choice items")
			}
		}
		if o.OtherOptional && !o.Other {
			c.at(op+".other_optional", "other_optional applies only to an option marked other: true")
		}
		c.checkMissing(it, o, op)
	}
	if others > 1 {
		c.at(path, "item %q has %d options marked other; at most one may ask to please specify", it.ID, others)
	}
	c.checkOptionGroups(it, path)
}

// checkOptionGroups requires option groups on choice items only, on every
// option or none, each group's options next to each other.
func (c *checker) checkOptionGroups(it *Item, path string) {
	grouped, seen := 0, map[string]bool{}
	prev := ""
	for i, o := range it.Options {
		if o.Group.Empty() {
			continue
		}
		grouped++
		op := fmt.Sprintf("%s.options[%d].group", path, i)
		if it.Type != TypeSingle && it.Type != TypeMultiple {
			c.at(op, "group applies only to options of single or multiple choice items")
			return
		}
		key := o.Group.In("en") + "\x00" + o.Group.In("cy")
		if key != prev && seen[key] {
			c.at(op, "option %q is in group %q, but that group's other options are not next to it; list each group's options together", o.Code, o.Group.In(c.q.DefaultLanguage()))
		}
		seen[key], prev = true, key
	}
	if grouped > 0 && grouped < len(it.Options) {
		c.at(path, "item %q gives a group to %d of its %d options; give every option a group, or none", it.ID, grouped, len(it.Options))
	}
}

// checkMissing checks an option marked missing ("Don't know"): it cannot
// ask to please specify, and on a multiple choice item it must be
// exclusive, since it cannot be combined with a substantive answer.
func (c *checker) checkMissing(it *Item, o Option, path string) {
	switch {
	case !o.Missing:
	case o.Other:
		c.at(path+".missing", "option %q cannot be both missing and other", o.Code)
	case it.Type == TypeMultiple && !o.Exclusive:
		c.at(path+".missing", "option %q of multiple choice item %q is marked missing, so it must also be exclusive", o.Code, it.ID)
	}
}

func countNonExclusive(opts []Option) int {
	n := 0
	for _, o := range opts {
		if !o.Exclusive {
			n++
		}
	}
	return n
}

// TextLimit is the largest number of characters a text answer may have.
func (it *Item) TextLimit() int {
	switch {
	case it.MaxLength > 0:
		return it.MaxLength
	case it.Type == TypeTextarea:
		return DefaultTextareaLength
	}
	return DefaultTextLength
}

// OtherLimit is the largest number of characters of "please specify" text.
func (it *Item) OtherLimit() int {
	if it.OtherLength > 0 {
		return it.OtherLength
	}
	if it.Grid != nil && it.Grid.OtherLength > 0 {
		return it.Grid.OtherLength
	}
	return DefaultOtherLength
}

func (c *checker) checkDerived() {
	for i := range c.q.Derived {
		d := &c.q.Derived[i]
		path := fmt.Sprintf("derived[%d]", i)
		switch {
		case (d.From == "") == (d.If == ""):
			c.at(path, "derived %q needs exactly one of from (with groups) or if", d.ID)
		case d.From != "":
			c.checkGroups(d, path)
		case len(d.Groups) > 0:
			c.at(path+".groups", "groups go with from, not with if")
		}
	}
}

// checkGroups requires the groups of a derived variable to cover every
// option of its source item exactly once.
func (c *checker) checkGroups(d *Derived, path string) {
	src, ok := c.q.byID[d.From]
	if !ok || (src.Type != TypeSingle && src.Type != TypeScale) {
		c.at(path+".from", "from must name a single choice or scale item, and %q is not one", d.From)
		return
	}
	if len(d.Groups) == 0 {
		c.at(path, "derived %q needs groups", d.ID)
	}
	owner := map[string]string{}
	codes := map[string]bool{}
	for gi, g := range d.Groups {
		gp := fmt.Sprintf("%s.groups[%d]", path, gi)
		if codes[g.Code] {
			c.at(gp+".code", "duplicate group code %q", g.Code)
		}
		codes[g.Code] = true
		for oi, code := range g.Options {
			op := fmt.Sprintf("%s.options[%d]", gp, oi)
			if _, ok := src.Option(code); !ok {
				c.at(op, "%q is not an option code of %s", code, src.ID)
			} else if prev, dup := owner[code]; dup {
				c.at(op, "option %q of %s is already in group %q", code, src.ID, prev)
			}
			owner[code] = g.Code
		}
	}
	for _, o := range src.Options {
		if _, ok := owner[o.Code]; !ok {
			c.at(path+".groups", "derived %q does not cover option %q of %s; put it in a group", d.ID, o.Code, src.ID)
		}
	}
}

func (c *checker) checkAnalysis() {
	for i, dim := range c.q.Analysis.Dimensions {
		if dim == DimensionTrustActivity {
			continue
		}
		if _, ok := c.q.derived[dim]; !ok {
			c.at(fmt.Sprintf("analysis.dimensions[%d]", i), "dimension %q is not a derived variable or %s", dim, DimensionTrustActivity)
		}
	}
}

func (c *checker) checkExclusion() {
	for i, id := range c.q.Exclusion.RequiredItems {
		if _, ok := c.q.byID[id]; !ok {
			c.at(fmt.Sprintf("exclusion.required_items[%d]", i), "required_items names unknown item %q", id)
		}
	}
}
