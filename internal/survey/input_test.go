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
		{"other text dropped when other not chosen", "B01", []string{"pi"}, "audit", codes("pi"), ""},
		{"number canonical", "A02", []string{"1,0"}, "", Answer{Text: "10"}, ""},
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
