// Package analysis turns a review's responses into what researchers read:
// an exclusion decision for every response, the exclusion flow (received →
// excluded, per reason → included, of which fully completed or partial),
// and breakdowns of every barrier, motivator, enabler and
// organisational-support item by each breakdown dimension, with 95%
// Wilson intervals, tests of difference between groups, rankings and
// small-cell suppression; and the comparison of two waves of a review.
//
// It is pure and deterministic: it imports survey and nothing that stores
// or serves, takes its own input type (Input, built from stored rows by
// the store), and gives the same Report for the same input whatever the
// order of the responses. An Analyser takes the responses one at a time in
// id order and keeps only counts, so a review of any size can be streamed
// from the store; Analyse and Decide feed one from a slice. The command line, the dashboard, the API and
// the workbook all call Analyse and Compare, so they publish the same
// numbers.
//
// # Files
//
//   - input.go     Input, Response, Trust and the trust activity rule.
//   - rules.go     Rules: the exclusion and disclosure parameters in force.
//   - analyser.go  Analyser: decides and counts responses one at a time.
//   - decide.go    Decide: one decision per response with every reason.
//   - flow.go      the exclusion flow overall, per trust, per dimension group.
//   - breakdown.go per-item, per-option counts, percentages and intervals.
//   - dimension.go the breakdown dimensions and their groups.
//   - stats.go     Wilson and Newcombe intervals, chi-square and Fisher tests.
//   - suppress.go  Suppress: primary and secondary small-cell suppression.
//   - report.go    Analyse and the Report document.
//   - waves.go     Compare: change between two waves, option by option.
package analysis
