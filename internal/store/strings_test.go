package store

import (
	"encoding/json"
	"slices"
	"testing"
)

// TestStringListsAsJSON: the direct path for plain codes writes exactly
// what encoding/json writes, and reads back what it reads, for plain and
// awkward lists alike.
func TestStringListsAsJSON(t *testing.T) {
	lists := [][]string{
		nil, {}, {""}, {"a"}, {"nursing", "medical"}, {"a,b", "c"}, {`say "hi"`}, {`back\slash`},
		{"<script>", "a&b"}, {"Cymraeg: ŵ ŷ"}, {"tab\there"}, {"\u2028"}, {"", ""}, {"x", "", "y"}, {`","`},
	}
	for _, list := range lists {
		want := "[]"
		if len(list) > 0 {
			b, _ := json.Marshal(list)
			want = string(b)
		}
		got := encodeStrings(list)
		if got != want {
			t.Errorf("encodeStrings(%q) = %s, want %s", list, got, want)
		}
		back, err := decodeStrings(got)
		if err != nil || !slices.Equal(back, list) || (len(list) == 0) != (back == nil) {
			t.Errorf("decodeStrings(%s) = %q, %v; want %q", got, back, err, list)
		}
	}
	for _, text := range []string{`[ "a" ]`, `["a", "b"]`, "[\"a\\u0022\"]", `["\/"]`} {
		var want []string
		_ = json.Unmarshal([]byte(text), &want)
		got, err := decodeStrings(text)
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("decodeStrings(%s) = %q, %v; want %q", text, got, err, want)
		}
	}
	if _, err := decodeStrings(`["a"`); err == nil {
		t.Error("decodeStrings accepted a broken array")
	}
}
