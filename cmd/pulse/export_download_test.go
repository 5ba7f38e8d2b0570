package main

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/researchpulse/pulse/internal/store"
)

// TestDownloads: the workbook, the zipped CSV and the zipped files for
// SPSS, Stata and R the admin pages and the API offer are written by
// package export for the review asked for, and report how many responses
// they read.
func TestDownloads(t *testing.T) {
	db := simulateDB(t)
	if _, errOut, err := runSim(t, "--db", db, "--review", "wave-1", "--responses", "40", "--seed", "5"); err != nil {
		t.Fatalf("simulate: %v\n%s", err, errOut)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, store.Config{Path: db})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rev, err := st.ReviewBySlug(ctx, "wave-1")
	if err != nil {
		t.Fatal(err)
	}
	d := downloads{st: st}
	for _, tc := range []struct {
		format string
		files  []string
	}{
		{"xlsx", []string{"xl/workbook.xml", "xl/worksheets/sheet1.xml"}},
		{"csv", []string{"wave-1.csv", "wave-1-codebook.csv"}},
		{"spss", []string{"wave-1.csv", "wave-1-codebook.csv", "wave-1.sps"}},
		{"stata", []string{"wave-1.csv", "wave-1-codebook.csv", "wave-1.do"}},
		{"r", []string{"wave-1.csv", "wave-1-codebook.csv", "wave-1.R"}},
	} {
		var buf bytes.Buffer
		rows, err := d.Export(ctx, &buf, rev, tc.format)
		if err != nil {
			t.Fatalf("%s: %v", tc.format, err)
		}
		if rows != 40 {
			t.Errorf("%s: %d rows reported; want the 40 responses", tc.format, rows)
		}
		zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatalf("%s: not a zip: %v", tc.format, err)
		}
		names := map[string]*zip.File{}
		for _, f := range zr.File {
			names[f.Name] = f
		}
		for _, want := range tc.files {
			if names[want] == nil {
				t.Errorf("%s: no %s in the download", tc.format, want)
			}
		}
		if tc.format != "xlsx" && len(zr.File) != len(tc.files) {
			t.Errorf("%s: %d files in the download, want %q", tc.format, len(zr.File), tc.files)
		}
		if f := names[tc.files[len(tc.files)-1]]; len(tc.files) == 3 && f != nil {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			if !strings.Contains(string(b), `wave-1.csv`) {
				t.Errorf("%s: the script does not read wave-1.csv", tc.format)
			}
		}
		if f := names["wave-1.csv"]; f != nil {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			if lines := strings.Count(string(b), "\n"); lines < 2 || !strings.Contains(string(b), "response_id") {
				t.Errorf("csv data: %d lines", lines)
			}
		}
	}
	if _, err := d.Export(ctx, io.Discard, rev, "pdf"); err == nil {
		t.Error("an unknown format was written")
	}
}

// TestExportIsAudited: an export made at the command line is recorded in
// the audit trail with its rows and the SHA-256 of the file written.
func TestExportIsAudited(t *testing.T) {
	db := simulateDB(t)
	if _, errOut, err := runSim(t, "--db", db, "--review", "wave-1", "--responses", "12", "--seed", "2"); err != nil {
		t.Fatalf("simulate: %v\n%s", err, errOut)
	}
	out := filepath.Join(t.TempDir(), "w.xlsx")
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"export", "--db", db, "--review", "wave-1", "--out", out}, noEnv, &stdout, &stderr); err != nil {
		t.Fatalf("export: %v\n%s", err, stderr.String())
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	st, err := store.Open(context.Background(), store.Config{Path: db})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	entries, err := st.ListAudit(context.Background(), 0, 10)
	if err != nil || len(entries) == 0 {
		t.Fatalf("audit: %v, %v", entries, err)
	}
	e := entries[0]
	if e.FileSHA256 != hex.EncodeToString(sum[:]) || e.Rows != 12 || !strings.Contains(e.Detail, "xlsx") {
		t.Errorf("audit entry %+v; want the file's hash, 12 rows, xlsx", e)
	}
}
