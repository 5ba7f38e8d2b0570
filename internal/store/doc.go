// Package store keeps Research Pulse's data: trusts, reviews and their
// per-trust links, responses, answers, clearing records and page-save
// idempotency keys. It is the only package that imports gorm; every other
// package works with the plain structs defined here.
//
// # Structure
//
//   - store.go      Config, Open, Close, Ready, Pragmas and the transaction helpers.
//   - sqlite.go     the two SQLite pools (one writer, a query-only reader pool)
//     and the startup checks that refuse an unsafe database.
//   - postgres.go   the PostgreSQL pool and its startup checks.
//   - migrations.go the numbered schema migrations and their runner.
//   - errors.go     sentinel errors and the mapping of gorm's errors onto them.
//   - tokens.go     random identifiers and hour truncation.
//   - trusts.go, reviews.go, links.go, responses.go, answers.go: one file per
//     table group, each with its exported type, its row type and its methods.
//   - pagesave.go   SavePage, the idempotent, atomic save of one page.
//   - reports.go    counts and whole-review reads for dashboards.
//   - accounts.go, sessions.go: users with their trusts and review grants,
//     and server-side sessions (only token hashes are kept).
//   - audit.go      the append-only, hash-chained audit log.
//   - reviewread.go ReadReview: one snapshot of a review, its responses read
//     in batches, so an analysis or export never holds a whole review.
//   - analysisrows.go AnalysisInput: a whole review as analysis input.
//   - import.go     ImportResponses: whole responses written in batches.
//
// Exported types are plain structs; the gorm row types stay unexported, so
// callers never depend on gorm. Writes go through the writer, reads through
// the reader; on PostgreSQL both are the same pool.
//
// # Durability
//
// On SQLite all writes go through a single writer connection opened with
// WAL, synchronous=FULL and BEGIN IMMEDIATE transactions; reads go through a
// separate query-only pool, so a long export never delays a save. Open reads
// the settings back and refuses to run when any of them is not what it must
// be. A method that writes returns only after its transaction has committed:
// a nil error means the data is on disk.
//
// # Anonymity
//
// Responses carry no exact timestamps: created, updated, submitted, saved and
// cleared times are truncated to the hour (UTC). Resume secrets never reach
// the database; only their SHA-256 is stored. Nothing links a review link key
// to a response beyond the (review, trust) pair every respondent of that
// trust shares.
package store
