package main

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func runExportCmd(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), append([]string{"export"}, args...), noEnv, &stdout, &stderr)
	return stdout.String() + stderr.String(), err
}

// sheetNames reads the sheet names of a workbook file from its
// workbook.xml, in order.
func sheetNames(t *testing.T, path string) []string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("open %s as a workbook: %v", path, err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name != "xl/workbook.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		var names []string
		for _, m := range regexp.MustCompile(`<sheet name="([^"]+)"`).FindAllStringSubmatch(string(b), -1) {
			names = append(names, m[1])
		}
		return names
	}
	t.Fatalf("%s has no xl/workbook.xml", path)
	return nil
}

// TestExportEndToEnd: a review simulated through the real flow exports as
// a workbook (into exports/ by default, with the slug and time in the
// name), with a Waves sheet when compared, as CSV with its codebook, and
// for SPSS, Stata and R.
func TestExportEndToEnd(t *testing.T) {
	db := simulateDB(t)
	if _, errOut, err := runSim(t, "--db", db, "--review", "wave-1", "--responses", "60", "--seed", "4", "--stop-rate", "0.3"); err != nil {
		t.Fatalf("simulate: %v\n%s", err, errOut)
	}
	t.Chdir(t.TempDir())
	out, err := runExportCmd(t, "--db", db, "--review", "wave-1")
	if err != nil {
		t.Fatalf("export: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`^wrote (exports/wave-1-\d{8}T\d{6}Z\.xlsx)\n$`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("output %q does not name a file in exports/", out)
	}
	want := []string{"About", "Flow", "Barriers", "Motivators", "Enablers", "Organisational support", "Data", "Data (labels)", "Codebook", "Excluded"}
	if got := sheetNames(t, m[1]); !slices.Equal(got, want) {
		t.Errorf("sheets %q, want %q", got, want)
	}

	waves := filepath.Join(t.TempDir(), "waves.xlsx")
	if out, err := runExportCmd(t, "--db", db, "--review", "wave-1", "--compare", "wave-1", "--include-excluded", "--out", waves); err != nil {
		t.Fatalf("export --compare: %v\n%s", err, out)
	}
	if got := sheetNames(t, waves); !slices.Contains(got, "Waves") {
		t.Errorf("compared workbook has sheets %q, no Waves", got)
	}

	data := filepath.Join(t.TempDir(), "wave-1.csv")
	if out, err := runExportCmd(t, "--db", db, "--review", "wave-1", "--format", "csv", "--out", data); err != nil {
		t.Fatalf("export --format csv: %v\n%s", err, out)
	}
	for _, p := range []string{data, strings.TrimSuffix(data, ".csv") + "-codebook.csv"} {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, []byte("\uFEFF")) || bytes.Count(b, []byte("\n")) < 2 {
			t.Errorf("%s: want a byte-order mark, a header and rows; got %.80q", p, b)
		}
	}

	// The statistics packages' files go into exports/, or the folder named.
	for _, tc := range []struct{ format, dir, ext string }{{"spss", "", ".sps"}, {"stata", "stats", ".do"}, {"r", "stats", ".R"}} {
		args := []string{"--db", db, "--review", "wave-1", "--format", tc.format}
		dir := "exports"
		if tc.dir != "" {
			args, dir = append(args, "--out", tc.dir), tc.dir
		}
		out, err := runExportCmd(t, args...)
		if err != nil {
			t.Fatalf("export --format %s: %v\n%s", tc.format, err, out)
		}
		base := regexp.QuoteMeta(dir) + `/wave-1-\d{8}T\d{6}Z-` + tc.format
		m := regexp.MustCompile(`^wrote (` + base + `\.csv)\nwrote (` + base + `-codebook\.csv)\nwrote (` + base + regexp.QuoteMeta(tc.ext) + `)\n$`).FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("export --format %s: output %q does not name the CSV, codebook and script in %s", tc.format, out, dir)
		}
		script, err := os.ReadFile(m[3])
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(script), filepath.Base(m[1])) {
			t.Errorf("%s does not read %s", m[3], filepath.Base(m[1]))
		}
	}
}

func TestExportErrors(t *testing.T) {
	db := simulateDB(t)
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no review", []string{"--db", db}, ""},
		{"bad format", []string{"--db", db, "--review", "wave-1", "--format", "ods"}, ""},
		{"csv cannot compare", []string{"--db", db, "--review", "wave-1", "--format", "csv", "--compare", "wave-1"}, ""},
		{"spss cannot compare", []string{"--db", db, "--review", "wave-1", "--format", "spss", "--compare", "wave-1"}, ""},
		{"unknown review", []string{"--db", db, "--review", "nope", "--out", filepath.Join(t.TempDir(), "x.xlsx")}, `review "nope": no such review`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := runExportCmd(t, tc.args...)
			switch {
			case tc.want == "" && !errors.Is(err, errUsage):
				t.Errorf("err = %v, want a usage error", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("err = %v, want %q", err, tc.want)
			}
		})
	}
}
