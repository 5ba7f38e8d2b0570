package server

import "strings"

// Typed data for the respondent pages. Templates get every text already in
// the page's language; they only add interface strings from the catalogue.

// errorLink is one entry of an error summary. Href is empty when there is
// no field to go to (an answer to a question the page does not show).
type errorLink struct {
	Href string
	Text string
}

// homePage is the data of GET /.
type homePage struct {
	Page
}

// introPage is the start page of a review link.
type introPage struct {
	Page
	Trust       string
	Heading     string // the questionnaire title
	Intro       []string
	Minutes     int
	Privacy     []string
	Closes      string // date the review closes
	StartAction string
	StartLang   string
	ContinueURL string // set when this browser has a response in progress
	Idle        bool   // this browser's response in progress has gone idle: ask for the code
}

// takenPartPage is a review link's page in a browser that has submitted
// answers there.
type takenPartPage struct {
	Page
	Caption     string
	Heading     string
	StartAction string
	StartLang   string
}

// resumeConfirmPage asks before a resume code's answers are opened in
// this browser.
type resumeConfirmPage struct {
	Page
	Caption  string // the trust
	Heading  string
	Review   string // the questionnaire title
	Code     string // formatted, sent back with the confirmation
	Replaces bool   // the browser has other answers in progress at the same link
}

// noticePage is a page that only tells the respondent something: a closed
// review, one not open yet, or answers already submitted.
type noticePage struct {
	Page
	Caption string
	Heading string
	Paras   []string
}

// questionPage is one section of the questionnaire.
type questionPage struct {
	Page
	BackHref  string
	Column    string // grid column class: wide for agreement grids
	Caption   string // shown with the page heading
	Heading   string // the page h1, when no single question carries it
	Intro     []string
	Progress  string
	Errors    []errorLink
	Action    string
	IdemKey   string
	Shown     []string
	FromCheck bool
	Fields    []field
	Resume    resumeBox
	RevealURL string // where the page script asks which items the answers show
	Added     string // why the page is shown again: the answers added questions
}

// Field kinds, each drawn by the partial of the same name.
const (
	kindRadios     = "radios"
	kindCheckboxes = "checkboxes"
	kindGrid       = "grid"
	kindInput      = "input"
	kindTextarea   = "textarea"
)

// field is one question on a page: a group of radios or checkboxes, a text
// or number input, a textarea, or an agreement grid whose Rows are radios.
type field struct {
	Lang     string
	Kind     string
	ID       string // id of the first control: error summaries link here
	Name     string
	Question string
	Caption  string // only when the question is the page heading
	Level    int    // 1: the page h1; 2: a question among several; 0: a grid statement
	Optional bool
	Hint     string
	Error    string
	Options  []option
	Groups   []optionGroup // the options under sub-headings, when the item groups them
	Value    string
	Suffix   string
	Numeric  bool
	Decimal  bool
	Width    string
	Limit    int    // characters, for the character count
	LimitTxt string // the same, formatted
	Rows     []field
	// Items lists the answerable ids the field draws, for the script that
	// reveals follow-ups; Hidden draws it hidden (a follow-up not shown
	// now) and Disabled disables its controls; Added marks a question that
	// the last save added to the page.
	Items    string
	Hidden   bool
	Disabled bool
	Added    bool
}

// DescribedBy is the aria-describedby list of the field's control or
// fieldset: hint first, then error.
func (f field) DescribedBy() string {
	var ids []string
	if f.Hint != "" {
		ids = append(ids, f.ID+"-hint")
	}
	if f.Error != "" {
		ids = append(ids, f.ID+"-error")
	}
	return strings.Join(ids, " ")
}

// TextareaDescribedBy puts the character count message first, as the NHS
// character count does.
func (f field) TextareaDescribedBy() string {
	if d := f.DescribedBy(); d != "" {
		return f.ID + "-info " + d
	}
	return f.ID + "-info"
}

// option is one radio or checkbox, or the "or" divider before exclusive
// options.
type option struct {
	Lang      string
	Divider   bool
	ID        string
	Name      string // the item's field name
	Disabled  bool   // the option's question is a follow-up not shown now
	Value     string
	Label     string
	Hint      string
	Checked   bool
	Exclusive bool
	Other     *otherInput // the "please specify" box this option reveals
}

// optionGroup is one sub-heading of a long list of options, shown as a
// disclosure so the list is short on a phone. It is open when one of its
// options is chosen or the question has an error (so the error summary's
// link has something to go to), and the page script opens every group on
// wide screens.
type optionGroup struct {
	Label   string
	Open    bool
	Options []option
}

// otherInput is the text box for an option marked other.
type otherInput struct {
	Lang     string
	ID       string
	Name     string
	Label    string
	Value    string
	Error    string
	Disabled bool
}

// resumeBox tells the respondent how to come back: on every page.
type resumeBox struct {
	Lang  string
	Code  string // formatted for reading
	Link  string
	Until string
	Open  bool // shown expanded, as on the page after "Save and come back later"
}

// checkPage is the check-your-answers page.
type checkPage struct {
	Page
	BackHref string
	Progress string
	Heading  string
	Errors   []errorLink
	Sections []checkSection
	Action   string
	IdemKey  string
	Resume   resumeBox
}

type checkSection struct {
	Title string
	Rows  []checkRow
}

type checkRow struct {
	Key         string
	Values      []string
	NotAnswered bool
	ChangeHref  string
}

// donePage is the confirmation page.
type donePage struct {
	Page
	Heading string
	Trust   string
}

// resumePage is the form for entering a resume code.
type resumePage struct {
	Page
	Errors []errorLink
	Error  string
	Code   string
	Saved  bool // a page left open past the idle time was just saved
}
