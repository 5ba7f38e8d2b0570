package main

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/researchpulse/pulse/internal/admin"
	"github.com/researchpulse/pulse/internal/export"
	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/server"
	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

// exportDir is where exports go when no file is named.
const exportDir = "exports"

type exportFlags struct {
	db, review, compare, out, format string
	includeExcluded                  bool
}

func parseExportFlags(env *cliEnv, args []string) (exportFlags, error) {
	var f exportFlags
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.StringVar(&f.db, "db", "", "SQLite database `file` (or set PULSE_DATABASE_URL)")
	fs.StringVar(&f.review, "review", "", "`slug` of the review to export")
	fs.StringVar(&f.out, "out", "", "output `file` (default: exports/SLUG-TIME.xlsx, or .csv); for spss, stata and r, the folder (default: exports)")
	fs.StringVar(&f.format, "format", "xlsx", "`format`: xlsx (the workbook), csv (Data and codebook), or spss, stata or r (CSV, codebook and script)")
	fs.StringVar(&f.compare, "compare", "", "`slug` of an earlier wave to compare with (xlsx only)")
	fs.BoolVar(&f.includeExcluded, "include-excluded", false, "put excluded responses in the Data sheets too, flagged")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "Usage: pulse export --db FILE --review SLUG [--out FILE] [--format xlsx|csv] [--compare SLUG] [--include-excluded]")
		fmt.Fprintln(env.stderr, "       pulse export --db FILE --review SLUG --format spss|stata|r [--out DIR] [--include-excluded]")
		fmt.Fprintln(env.stderr, "\nWrites the researcher's workbook of a review: provenance, the exclusion flow,")
		fmt.Fprintln(env.stderr, "breakdowns with charts, the data with missing-value codes, the codebook and the")
		fmt.Fprintln(env.stderr, "excluded responses. --format csv writes the data and its codebook as CSV.")
		fmt.Fprintln(env.stderr, "--format spss, stata or r writes the data as numbers, its codebook and a script")
		fmt.Fprintln(env.stderr, "(.sps, .do, .R) that reads it with labels and missing values, into DIR.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return f, errUsage
	}
	_, stats := export.ParsePackage(f.format)
	if fs.NArg() > 0 || f.review == "" || (f.format != "xlsx" && f.format != "csv" && !stats) || (f.format != "xlsx" && f.compare != "") {
		fs.Usage()
		return f, errUsage
	}
	return f, nil
}

func runExport(ctx context.Context, env *cliEnv, args []string) error {
	f, err := parseExportFlags(env, args)
	if err != nil {
		return err
	}
	st, err := openStoreURL(ctx, f.db, env.getenv(databaseURLEnv))
	if err != nil {
		return err
	}
	defer st.Close()
	qs, problems, err := respond.StoredQuestionnaires(ctx, st)
	if err != nil {
		return err
	}
	for _, p := range problems {
		fmt.Fprintln(env.stderr, p)
	}
	now := time.Now().UTC()
	rows, show := 0, progressLine(env.stderr, f.review)
	opts := export.Options{Review: f.review, Compare: f.compare, IncludeExcluded: f.includeExcluded,
		Software: "pulse " + version, Now: now, Progress: func(done, total int) {
			rows = total
			if show != nil {
				show(done, total)
			}
		}}
	if pk, ok := export.ParsePackage(f.format); ok {
		return exportStats(ctx, env, st, f, qs, opts, pk, &rows)
	}
	path := f.out
	if path == "" {
		if err := os.MkdirAll(exportDir, 0o755); err != nil {
			return err
		}
		path = export.DefaultPath(exportDir, f.review, now, "."+f.format)
	}
	if f.format == "csv" {
		if err := export.SaveCSV(ctx, st, qs, opts, path); err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "wrote %s\nwrote %s\n", path, export.CodebookPath(path))
		return auditExport(ctx, st, f, path, rows)
	}
	if err := export.SaveWorkbook(ctx, st, qs, opts, path); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "wrote %s\n", path)
	return auditExport(ctx, st, f, path, rows)
}

// auditExport records an export made at the command line in the audit
// trail, as the admin pages record downloads: which review, the format and
// options, the rows and the SHA-256 of the file written.
func auditExport(ctx context.Context, st *store.Store, f exportFlags, path string, rows int) error {
	rev, err := st.ReviewBySlug(ctx, f.review)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	opts := "command line: " + filepath.Base(path)
	if f.compare != "" {
		opts += " compare " + f.compare
	}
	if f.includeExcluded {
		opts += " include-excluded"
	}
	d := admin.Download{ReviewID: rev.ID, Format: f.format, Options: opts, Rows: rows, SHA256: hex.EncodeToString(sum[:])}
	if err := newAdmin(st, nil, nil).RecordDownload(ctx, admin.CommandLine, d); err != nil {
		return fmt.Errorf("export written, but not recorded in the audit trail: %w", err)
	}
	return nil
}

// exportStats writes the files for a statistics package into dir
// (default exports), named after the review, the time and the package.
func exportStats(ctx context.Context, env *cliEnv, st *store.Store, f exportFlags, qs []*survey.Questionnaire, opts export.Options, pk export.Package, rows *int) error {
	dir := f.out
	if dir == "" {
		dir = exportDir
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	base := export.DefaultPath(dir, opts.Review, opts.Now, "-"+string(pk))
	paths, err := export.SaveStats(ctx, st, qs, opts, pk, base)
	if err != nil {
		return err
	}
	for _, p := range paths {
		fmt.Fprintf(env.stdout, "wrote %s\n", p)
	}
	if len(paths) == 0 {
		return nil
	}
	return auditExport(ctx, st, f, paths[0], *rows) // the data file's hash
}

// progressLine reports progress on one line that rewrites itself, when w
// is a terminal; elsewhere (a log, a pipe) it says nothing.
func progressLine(w io.Writer, slug string) func(done, total int) {
	file, ok := w.(*os.File)
	if !ok {
		return nil
	}
	if fi, err := file.Stat(); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	start := time.Now()
	return func(done, total int) {
		fmt.Fprintf(w, "\rexporting %s: %d of %d responses read (%s)", slug, done, total, time.Since(start).Round(time.Second))
		if done == total {
			fmt.Fprintln(w, "; writing the file")
		}
	}
}

// downloads serves the workbook and CSV downloads of the admin pages and
// the API: package export writes them straight to the response.
type downloads struct {
	st *store.Store
}

func (downloads) Formats() []server.ExportFormat {
	out := []server.ExportFormat{
		{Code: "xlsx", Label: "Workbook (Excel)", ContentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Extension: "xlsx"},
		{Code: "csv", Label: "Data and codebook (CSV, zipped)", ContentType: "application/zip", Extension: "zip"},
	}
	for _, pk := range export.Packages {
		out = append(out, server.ExportFormat{Code: string(pk), Label: pk.Name() + ": data, codebook and script (zipped)", ContentType: "application/zip", Extension: "zip"})
	}
	return out
}

// Export writes review r: the workbook; or a zip holding the Data CSV and
// its codebook CSV; or, for a statistics package, a zip of the CSV of
// numbers, its codebook and the package's script. It returns the number
// of responses read.
func (d downloads) Export(ctx context.Context, w io.Writer, r store.Review, format string) (int, error) {
	qs, _, err := respond.StoredQuestionnaires(ctx, d.st)
	if err != nil {
		return 0, err
	}
	rows := 0
	opts := export.Options{Review: r.Slug, Software: "pulse " + version, Progress: func(_, total int) { rows = total }}
	if format == "xlsx" {
		return rows, export.Workbook(ctx, d.st, qs, opts, w)
	}
	pk, stats := export.ParsePackage(format)
	if format != "csv" && !stats {
		return 0, fmt.Errorf("export format %q", format)
	}
	zw := zip.NewWriter(w)
	data, err := zw.Create(r.Slug + ".csv")
	if err != nil {
		return 0, err
	}
	var codebook, script bytes.Buffer
	if stats {
		err = export.Stats(ctx, d.st, qs, opts, pk, r.Slug+".csv", data, &codebook, &script)
	} else {
		err = export.CSV(ctx, d.st, qs, opts, data, &codebook)
	}
	if err != nil {
		return 0, err
	}
	rest := map[string]*bytes.Buffer{r.Slug + "-codebook.csv": &codebook}
	if stats {
		rest[r.Slug+pk.ScriptExt()] = &script
	}
	for _, name := range slices.Sorted(maps.Keys(rest)) {
		fw, err := zw.Create(name)
		if err != nil {
			return 0, err
		}
		if _, err := rest[name].WriteTo(fw); err != nil {
			return 0, err
		}
	}
	return rows, zw.Close()
}
