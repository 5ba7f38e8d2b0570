package server

import (
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/researchpulse/pulse/web"
)

// Interface languages. English is complete by definition; every other
// catalogue must have every English key (a test checks it).
var uiLanguages = []string{"en", "cy"}

// catalog is the interface text (buttons, errors, progress) per language,
// loaded from web/locales/LANG.yaml: flat keys to fmt-style strings.
type catalog struct {
	msgs map[string]map[string]string
}

func loadCatalog() (*catalog, error) {
	c := &catalog{msgs: map[string]map[string]string{}}
	for _, lang := range uiLanguages {
		data, err := fs.ReadFile(web.FS, "locales/"+lang+".yaml")
		if err != nil {
			return nil, fmt.Errorf("load %s messages: %w", lang, err)
		}
		m := map[string]string{}
		if err := yaml.Unmarshal(data, &m); err != nil {
			return nil, fmt.Errorf("parse %s messages: %w", lang, err)
		}
		c.msgs[lang] = m
	}
	return c, nil
}

// T returns the message for key in lang (falling back to English) with
// args substituted. A missing key shows as the key itself, which tests
// catch.
func (c *catalog) T(lang, key string, args ...any) string {
	msg, ok := c.msgs[lang][key]
	if !ok {
		msg, ok = c.msgs["en"][key]
	}
	if !ok {
		return key
	}
	if len(args) > 0 {
		return fmt.Sprintf(msg, args...)
	}
	return msg
}

// missing lists the keys lang lacks compared with English.
func (c *catalog) missing(lang string) []string {
	var out []string
	for k := range c.msgs["en"] {
		if strings.TrimSpace(c.msgs[lang][k]) == "" {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}
