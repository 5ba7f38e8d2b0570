package survey

// Text is a user-facing string in one or more languages, keyed by language
// code ("en", "cy"). In YAML it is either a plain string, meaning the
// questionnaire's default language, or a mapping such as
// {en: "Your role", cy: "Eich rôl"}.
type Text map[string]string

// In returns the text in lang, falling back to English and then to any
// language present, so a page never shows an empty heading.
func (t Text) In(lang string) string {
	if s, ok := t[lang]; ok && s != "" {
		return s
	}
	if s, ok := t["en"]; ok && s != "" {
		return s
	}
	for _, s := range t {
		if s != "" {
			return s
		}
	}
	return ""
}

// Empty reports whether no language has any text.
func (t Text) Empty() bool {
	for _, s := range t {
		if s != "" {
			return false
		}
	}
	return true
}
