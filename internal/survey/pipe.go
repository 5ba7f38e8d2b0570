package survey

import "fmt"

// Piping: an item with options_from offers only the options chosen at an
// earlier multiple choice item ("which of these matters most?"), followed
// by any options of its own (such as "Don't know"). It is shown only when
// at least one option was piped into it.

// resolvePipes links each item with options_from to its source and gives
// it the source's pipeable options followed by its own. The source must be
// a multiple choice item on an earlier page, so the options are settled
// before the page that uses them is drawn.
func (c *checker) resolvePipes() {
	for si := range c.q.Sections {
		for ii := range c.q.Sections[si].Items {
			it := &c.q.Sections[si].Items[ii]
			if it.OptionsFrom == "" {
				continue
			}
			c.resolvePipe(si, it, fmt.Sprintf("sections[%d].items[%d]", si, ii))
		}
	}
}

func (c *checker) resolvePipe(si int, it *Item, path string) {
	src, ok := c.q.byID[it.OptionsFrom]
	switch {
	case it.Type != TypeSingle && it.Type != TypeMultiple:
		return // reported with the keys that do not fit the type
	case !ok:
		c.at(path+".options_from", "options_from refers to unknown item %q", it.OptionsFrom)
		return
	case src.Type != TypeMultiple:
		c.at(path+".options_from", "options_from must name a multiple choice item, and %q is %s", src.ID, src.Type)
		return
	case c.q.sectionOf[src.ID] >= si:
		c.at(path+".options_from", "options_from must name an item on an earlier page, and %q is not", src.ID)
		return
	}
	var opts []Option
	for _, o := range src.Options {
		if pipeable(o) {
			o.Other = false // the specified text stays with the source
			opts = append(opts, o)
		}
	}
	it.Options = append(opts, it.Options...)
	if a, ok := c.q.byID[it.ID]; ok {
		a.Options, a.Piped = it.Options, src
	}
	it.Piped = src
}

// Offered lists the options an item offers given the answers so far: for
// a piped item, the options chosen at its source and then its own; for any
// other item, all its options.
func (q *Questionnaire) Offered(it *Item, answers Answers) []Option {
	if it.Piped == nil {
		return it.Options
	}
	chosen := answers[it.Piped.ID]
	var out []Option
	for i, o := range it.Options {
		if i >= q.pipedCount(it) || chosen.Has(o.Code) {
			out = append(out, o)
		}
	}
	return out
}

// pipedCount is how many of a piped item's options come from its source.
func (q *Questionnaire) pipedCount(it *Item) int {
	n := 0
	for _, o := range it.Piped.Options {
		if pipeable(o) {
			n++
		}
	}
	return n
}

// NotOffered returns the first code of an answer that the item does not
// offer given the answers so far, or "".
func (q *Questionnaire) NotOffered(it *Item, a Answer, answers Answers) string {
	if it.Piped == nil {
		return ""
	}
	offered := q.Offered(it, answers)
	for _, code := range a.Codes {
		found := false
		for _, o := range offered {
			found = found || o.Code == code
		}
		if !found {
			return code
		}
	}
	return ""
}
