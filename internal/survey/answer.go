package survey

// Answer is what a respondent recorded for one item. Choice and scale items
// use Codes (option codes, never labels); number and text items use Text
// (a number is kept as the canonical decimal text it was parsed into). Other
// holds the "please specify" text that goes with an option marked other.
type Answer struct {
	Codes []string `json:"codes,omitempty"`
	Text  string   `json:"text,omitempty"`
	Other string   `json:"other,omitempty"`
}

// Empty reports whether the answer records nothing.
func (a Answer) Empty() bool {
	return len(a.Codes) == 0 && a.Text == ""
}

// Has reports whether code is among the answer's codes.
func (a Answer) Has(code string) bool {
	for _, c := range a.Codes {
		if c == code {
			return true
		}
	}
	return false
}

// Answers maps item ids to the answers recorded for them. Items with no
// answer are absent.
type Answers map[string]Answer
