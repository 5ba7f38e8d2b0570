// Package export writes the researcher's workbook of a review, its Data
// sheet and codebook as CSV, and the files for SPSS, Stata and R (a CSV
// of numbers, its codebook and a script that labels it): the only
// package that imports excelize.
//
// It reads a review once, from one snapshot of the store, in batches: each
// response goes through the analysis (analysis.Analyser, in id order) and,
// as soon as it is decided, its row goes to the streamed Data, Data
// (labels) and Excluded sheets. Once every response is read, the sheets
// made from the analysis's report follow: About, Flow, the four breakdown
// sheets with their charts, Waves, Codebook. Memory does not grow with
// the number of responses, and every number comes from the analysis
// package: the export counts nothing itself.
//
// Every text cell, headers included, goes through safe: text that would
// start a formula gets a leading apostrophe, and nothing the export
// writes is a formula.
//
// # Files
//
//   - export.go    Options, Workbook, the pass over a review.
//   - csv.go       CSV: the Data sheet and codebook as UTF-8 CSV.
//   - files.go     SaveWorkbook and SaveCSV: temporary file, then rename.
//   - book.go      the workbook, its styles, tables and streamed tables.
//   - cells.go     safe: formula-injection and cell-length rules.
//   - missing.go   the missing-value codes and which applies to an item.
//   - columns.go   the Data columns and one response's row.
//   - streamed.go  the Data, Data (labels) and Excluded sheets.
//   - about.go     the About sheet and the sheets made after the pass.
//   - flow.go      the Flow sheet.
//   - breakdowns.go the Barriers, Motivators, Enablers and Organisational
//     support sheets and their charts.
//   - waves.go     the Waves sheet.
//   - codebook.go  the Codebook.
//
// For the statistics packages (Stats, SaveStats):
//
//   - syntax.go          Package, Stats, SaveStats, the CSV of numbers.
//   - syntax_vars.go     the variables: numeric codes, labels, levels,
//     missing values, the _why variables of text.
//   - syntax_names.go    names every package accepts.
//   - syntax_labels.go   labels on one line, shortened to fit.
//   - syntax_codebook.go their codebook.
//   - syntax_script.go   what every script says: files, codes, provenance.
//   - syntax_spss.go, syntax_stata.go, syntax_r.go  the three scripts.
package export
