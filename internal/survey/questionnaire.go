package survey

// Item types. Each YAML item has one of these in its type key.
const (
	TypeSingle   = "single"   // one option from a list (radios)
	TypeMultiple = "multiple" // any options from a list (checkboxes)
	TypeScale    = "scale"    // agreement scale: one statement, or a grid of statements
	TypeNumber   = "number"   // a number within a range
	TypeText     = "text"     // short free text
	TypeTextarea = "textarea" // long free text
)

// Analysis tags mark the items whose options (choice items) or agreement
// (scale items and grids) are reported as barriers, motivators, enablers
// or organisational support.
const (
	TagBarrier    = "barrier"
	TagMotivator  = "motivator"
	TagEnabler    = "enabler"
	TagOrgSupport = "org_support"
)

// Completion units: what one unit of the completion ratio is. With
// CountItems every grid statement counts (the default); with
// CountQuestions a grid counts once, as most survey tools number
// questions.
const (
	CountItems     = "items"
	CountQuestions = "questions"
)

// DimensionTrustActivity is the built-in breakdown dimension: the
// research-activity level of the respondent's trust, known from the review
// link rather than asked.
const DimensionTrustActivity = "trust_activity"

// DefaultCompletionThreshold is the completion ratio below which a partial
// response is excluded from analysis unless a questionnaire says otherwise.
const DefaultCompletionThreshold = 0.30

// Questionnaire is a questionnaire as its YAML file declares it, plus the
// indexes built when it is loaded. Load it with Parse or LoadFile; a
// Questionnaire value that did not come from them is not usable.
type Questionnaire struct {
	ID        string    `yaml:"id" validate:"required,code"`
	Version   string    `yaml:"version" validate:"required,max=40"`
	Languages []string  `yaml:"languages" validate:"omitempty,unique,dive,oneof=en cy"`
	Title     Text      `yaml:"title" validate:"required"`
	Intro     Text      `yaml:"intro"`
	Privacy   Text      `yaml:"privacy"`
	Minutes   int       `yaml:"minutes" validate:"omitempty,min=1,max=180"`
	Scales    []Scale   `yaml:"scales" validate:"dive"`
	Sections  []Section `yaml:"sections" validate:"required,min=1,dive"`
	Derived   []Derived `yaml:"derived" validate:"dive"`
	Analysis  Analysis  `yaml:"analysis"`
	Exclusion Exclusion `yaml:"exclusion"`

	// File is the name the questionnaire was loaded from; Hash is the
	// SHA-256 of its bytes in hex, which every response records; Source
	// is the bytes, which a review stores so it never needs the file again.
	File   string `yaml:"-"`
	Hash   string `yaml:"-"`
	Source []byte `yaml:"-"`

	items     []*Item          // answerable items in order (grid statements flattened)
	byID      map[string]*Item // answerable items by id
	indexOf   map[string]int   // answerable item id -> position in items
	sectionOf map[string]int   // answerable item id -> section index
	derived   map[string]*Derived
	conds     *conditions
}

// Scale is a named answer scale shared by agreement items, such as a
// five-point agree/disagree scale.
type Scale struct {
	ID      string   `yaml:"id" validate:"required,ident"`
	Options []Option `yaml:"options" validate:"required,min=2,dive"`
}

// Section is one page of the questionnaire.
type Section struct {
	ID     string `yaml:"id" validate:"required,ident"`
	Title  Text   `yaml:"title" validate:"required"`
	Intro  Text   `yaml:"intro"`
	ShowIf string `yaml:"show_if"`
	Items  []Item `yaml:"items" validate:"required,min=1,dive"`
}

// Item is one question as written in YAML. Most items are answered under
// their own id; an agreement grid (a scale item with statements) is answered
// once per statement, and each statement counts as one item.
type Item struct {
	ID          string      `yaml:"id" validate:"required,ident"`
	Type        string      `yaml:"type" validate:"required,oneof=single multiple scale number text textarea"`
	Question    Text        `yaml:"question" validate:"required"`
	Label       Text        `yaml:"label"`
	ErrorName   Text        `yaml:"error_name"`
	Hint        Text        `yaml:"hint"`
	Optional    bool        `yaml:"optional"`
	ShowIf      string      `yaml:"show_if"`
	Tag         string      `yaml:"tag" validate:"omitempty,oneof=barrier motivator enabler org_support"`
	Options     []Option    `yaml:"options" validate:"dive"`
	OptionsFrom string      `yaml:"options_from"`
	Variants    []Variant   `yaml:"variants" validate:"dive"`
	MaxChoices  int         `yaml:"max_choices" validate:"omitempty,min=1"`
	Scale       string      `yaml:"scale"`
	Statements  []Statement `yaml:"statements" validate:"dive"`
	Min         *float64    `yaml:"min"`
	Max         *float64    `yaml:"max"`
	Decimals    bool        `yaml:"decimals"`
	Suffix      Text        `yaml:"suffix"`
	MaxLength   int         `yaml:"max_length" validate:"omitempty,min=1,max=32000"`
	OtherLength int         `yaml:"other_max_length" validate:"omitempty,min=1,max=2000"`

	// Set when loading: the grid an answerable statement belongs to, and
	// for an item with options_from the item its options are piped from
	// (its Options then hold the source's pipeable options, followed by
	// its own).
	Grid  *Item `yaml:"-"`
	Piped *Item `yaml:"-"`
}

// Variant is alternative wording for an item's question, used when its
// condition is true given earlier answers; the first true variant wins.
type Variant struct {
	If       string `yaml:"if" validate:"required"`
	Question Text   `yaml:"question" validate:"required"`
}

// Statement is one row of an agreement grid.
type Statement struct {
	ID     string `yaml:"id" validate:"required,ident"`
	Text   Text   `yaml:"text" validate:"required"`
	Label  Text   `yaml:"label"`
	ShowIf string `yaml:"show_if"`
}

// Option is one answer option of a choice or scale item. Its code is what the
// database and the data export store; labels may change between versions,
// codes must not.
//
// Other marks "other — please specify": choosing it asks for text, which
// is required unless OtherOptional is set. Group puts the option under a
// sub-heading, for long lists.
type Option struct {
	Code          string `yaml:"code" validate:"required,code"`
	Label         Text   `yaml:"label" validate:"required"`
	Hint          Text   `yaml:"hint"`
	Exclusive     bool   `yaml:"exclusive"`
	Other         bool   `yaml:"other"`
	OtherOptional bool   `yaml:"other_optional"`
	Group         Text   `yaml:"group"`
	// Missing marks a non-substantive answer such as "Don't know" or
	// "Prefer not to say": it counts as answered for completion but is kept
	// out of percentage denominators.
	Missing bool `yaml:"missing"`
}

// Derived is a variable computed from answers: either a categorical grouping
// of one single-choice item's options (from + groups), or a yes/no value
// given by a condition (if).
type Derived struct {
	ID     string  `yaml:"id" validate:"required,ident"`
	Label  Text    `yaml:"label" validate:"required"`
	From   string  `yaml:"from"`
	Groups []Group `yaml:"groups" validate:"dive"`
	If     string  `yaml:"if"`
}

// Group is one value of a categorical derived variable and the options of
// its source item that map to it.
type Group struct {
	Code    string   `yaml:"code" validate:"required,code"`
	Label   Text     `yaml:"label" validate:"required"`
	Options []string `yaml:"options" validate:"required,min=1"`
}

// Analysis names the breakdown dimensions used in reports: derived
// variables, or the built-in trust_activity.
type Analysis struct {
	Dimensions []string `yaml:"dimensions" validate:"unique"`
}

// Exclusion declares the rules that decide which received responses are
// analysed. Version is bumped whenever the rules change so reports can say
// which rules they applied.
type Exclusion struct {
	Version             int      `yaml:"version" validate:"omitempty,min=1"`
	CompletionThreshold *float64 `yaml:"completion_threshold" validate:"omitempty,gte=0,lte=1"`
	RequiredItems       []string `yaml:"required_items" validate:"unique"`
	ExcludeTest         *bool    `yaml:"exclude_test"`
	ExcludeDuplicates   *bool    `yaml:"exclude_duplicates"`
	// Count is the completion unit: CountItems (default) or CountQuestions.
	Count string `yaml:"count" validate:"omitempty,oneof=items questions"`
	// ScreenOutIf excludes the responses for which it is true (for example
	// staff outside the review's scope).
	ScreenOutIf string `yaml:"screen_out_if"`
}

// Unit is the completion unit, defaulting to CountItems.
func (e Exclusion) Unit() string {
	if e.Count == "" {
		return CountItems
	}
	return e.Count
}

// Threshold is the completion threshold, defaulting to 0.30.
func (e Exclusion) Threshold() float64 {
	if e.CompletionThreshold == nil {
		return DefaultCompletionThreshold
	}
	return *e.CompletionThreshold
}

// Items returns the answerable items in questionnaire order, with grid
// statements as items of their own.
func (q *Questionnaire) Items() []*Item { return q.items }

// Item returns the answerable item with the given id.
func (q *Questionnaire) Item(id string) (*Item, bool) {
	it, ok := q.byID[id]
	return it, ok
}

// SectionIndex returns the index of the section holding the answerable item.
func (q *Questionnaire) SectionIndex(itemID string) int { return q.sectionOf[itemID] }

// SectionByID returns the index of the section with the given id, or -1.
func (q *Questionnaire) SectionByID(id string) int {
	for i := range q.Sections {
		if q.Sections[i].ID == id {
			return i
		}
	}
	return -1
}

// DerivedVar returns the derived variable with the given id.
func (q *Questionnaire) DerivedVar(id string) (*Derived, bool) {
	d, ok := q.derived[id]
	return d, ok
}

// DefaultLanguage is the first declared language, or English.
func (q *Questionnaire) DefaultLanguage() string {
	if len(q.Languages) == 0 {
		return "en"
	}
	return q.Languages[0]
}

// HasLanguage reports whether the questionnaire is written in lang.
func (q *Questionnaire) HasLanguage(lang string) bool {
	for _, l := range q.langs() {
		if l == lang {
			return true
		}
	}
	return false
}

func (q *Questionnaire) langs() []string {
	if len(q.Languages) == 0 {
		return []string{"en"}
	}
	return q.Languages
}

// Choice reports whether the item is answered by picking option codes.
func (it *Item) Choice() bool {
	return it.Type == TypeSingle || it.Type == TypeMultiple || it.Type == TypeScale
}

// Option returns the option with the given code.
func (it *Item) Option(code string) (Option, bool) {
	for _, o := range it.Options {
		if o.Code == code {
			return o, true
		}
	}
	return Option{}, false
}

// Answerables returns the items answered on behalf of this YAML item: the
// statements of a grid, or the item itself.
func (q *Questionnaire) Answerables(it *Item) []*Item {
	if len(it.Statements) == 0 {
		if a, ok := q.byID[it.ID]; ok {
			return []*Item{a}
		}
		return nil
	}
	out := make([]*Item, 0, len(it.Statements))
	for _, st := range it.Statements {
		out = append(out, q.byID[st.ID])
	}
	return out
}

// ShortLabel is the item's label for check-answers rows and codebooks,
// falling back to the question.
func (it *Item) ShortLabel() Text {
	if !it.Label.Empty() {
		return it.Label
	}
	return it.Question
}

// LanguageList returns the declared languages, default first.
func (q *Questionnaire) LanguageList() []string { return q.langs() }
