package survey

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseInput(t *testing.T) {
	q := loadMini(t)
	item := func(id string) *Item { it, _ := q.Item(id); return it }
	long := strings.Repeat("é", DefaultTextareaLength+1)
	tests := []struct {
		name    string
		item    string
		values  []string
		other   string
		want    Answer
		wantErr string
	}{
		{"single", "A01", []string{"nurse"}, "", codes("nurse"), ""},
		{"single blank is empty", "A01", []string{" "}, "", Answer{}, ""},
		{"single unknown code", "A01", []string{"surgeon"}, "", Answer{}, ErrUnknownOption},
		{"single two values", "A01", []string{"nurse", "doctor"}, "", Answer{}, ErrOneOnly},
		{"multiple kept in option order", "B01", []string{"recruit", "pi", "pi"}, "", codes("pi", "recruit"), ""},
		{"exclusive none with another", "B01", []string{"none", "pi"}, "", Answer{}, ErrExclusive},
		{"exclusive none alone", "B01", []string{"none"}, "", codes("none"), ""},
		{"other text kept when other chosen", "B01", []string{"other"}, "  audit  ", Answer{Codes: []string{"other"}, Other: "audit"}, ""},
		{"other text required when other chosen", "B01", []string{"other"}, "  ", Answer{}, ErrOtherRequired},
		{"other text invisible characters only", "B01", []string{"other"}, "\u200b\u202e", Answer{}, ErrOtherRequired},
		{"textarea bidi overrides and zero-width characters stripped", "C01", []string{"a\u202eb\u2066c\u2069\u200bd\ufeff"}, "", Answer{Text: "abcd"}, ""},
		{"other text dropped when other not chosen", "B01", []string{"pi"}, "audit", codes("pi"), ""},
		{"number canonical", "A02", []string{" 010 "}, "", Answer{Text: "10"}, ""},
		{"number with a decimal comma is a fraction", "A02", []string{"1,5"}, "", Answer{}, ErrWholeNumber},
		{"number with a comma before three digits is ambiguous", "A02", []string{"1,000"}, "", Answer{}, ErrNotNumber},
		{"number split by spaces", "A02", []string{" 1 2 "}, "", Answer{}, ErrNotNumber},
		{"number in hexadecimal", "A02", []string{"0x1p4"}, "", Answer{}, ErrNotNumber},
		{"number with an exponent", "A02", []string{"1e1"}, "", Answer{}, ErrNotNumber},
		{"number with a unit the item does not have", "A02", []string{"8 hours"}, "", Answer{}, ErrNotNumber},
		{"number negative below min", "A02", []string{"-1"}, "", Answer{}, ErrRange},
		{"number not a number", "A02", []string{"ten"}, "", Answer{}, ErrNotNumber},
		{"number fraction", "A02", []string{"2.5"}, "", Answer{}, ErrWholeNumber},
		{"number out of range", "A02", []string{"61"}, "", Answer{}, ErrRange},
		{"number at max", "A02", []string{"60"}, "", Answer{Text: "60"}, ""},
		{"textarea CRLF and control characters", "C01", []string{"a\r\nb\x00c"}, "", Answer{Text: "a\nbc"}, ""},
		{"textarea too long", "C01", []string{long}, "", Answer{}, ErrTooLong},
		{"scale code", "B02a", []string{"2"}, "", codes("2"), ""},
		{"scale unknown code", "B02a", []string{"9"}, "", Answer{}, ErrUnknownOption},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := item(tt.item).ParseInput(tt.values, tt.other)
			gotErr := ""
			if err != nil {
				gotErr = err.Code
			}
			if gotErr != tt.wantErr {
				t.Fatalf("ParseInput(%q) error = %q; want %q", tt.values, gotErr, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseInput(%q) (-want +got):\n%s", tt.values, diff)
			}
		})
	}
}

// TestParseNumberForms: plain decimals, a decimal comma, and the item's
// own unit after the number are understood; nothing else is guessed at.
func TestParseNumberForms(t *testing.T) {
	lo, hi := 0.0, 300.0
	hours := &Item{ID: "B04", Type: TypeNumber, Decimals: true, Min: &lo, Max: &hi, Suffix: Text{"en": "hours", "cy": "awr"}}
	tests := []struct {
		in      string
		want    string
		wantErr string
	}{
		{"8", "8", ""},
		{"7.5", "7.5", ""},
		{"7,5", "7.5", ""},
		{".5", "0.5", ""},
		{"8 hours", "8", ""},
		{"8hours", "8", ""},
		{"1 hour", "1", ""},
		{"8 HOURS", "8", ""},
		{"3 awr", "3", ""},
		{"8 hrs", "", ErrNotNumber},
		{"about 8", "", ErrNotNumber},
		{"1,5,0", "", ErrNotNumber},
		{"1.5.0", "", ErrNotNumber},
		{"1,500", "", ErrNotNumber},
		{"Inf", "", ErrNotNumber},
		{"NaN", "", ErrNotNumber},
		{"٣", "", ErrNotNumber},
		{"301", "", ErrRange},
	}
	for _, tt := range tests {
		got, err := hours.ParseInput([]string{tt.in}, "")
		gotErr := ""
		if err != nil {
			gotErr = err.Code
		}
		if gotErr != tt.wantErr || got.Text != tt.want {
			t.Errorf("ParseInput(%q) = %q, %q; want %q, %q", tt.in, got.Text, gotErr, tt.want, tt.wantErr)
		}
	}
}

func TestValidInput(t *testing.T) {
	for s, want := range map[string]bool{"nurse": true, "Cymraeg ŵ ŷ": true, "a\x00b": false, "\xff\xfe": false, "": true} {
		if got := ValidInput(s); got != want {
			t.Errorf("ValidInput(%q) = %v, want %v", s, got, want)
		}
	}
}
