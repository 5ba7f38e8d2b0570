package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
)

// A migration is one numbered, forward-only schema change. Statements are
// written once with type placeholders that each dialect fills in:
//
//	{id}    auto-increment primary key
//	{int64} 64-bit integer (foreign keys to {id} columns)
//	{time}  timestamp (SQLite TIMESTAMP text, PostgreSQL TIMESTAMPTZ)
//	{bytes} binary (BLOB / BYTEA)
//	{real}  floating point
//
// Rules: append only; never edit or reorder an applied migration; never
// drop or rewrite data (a table rebuilt copies every row). Each migration
// runs in its own transaction together with the schema_migrations row that
// records it. A migration listed in rebuildsTables replaces tables that
// others refer to: on SQLite it runs with foreign keys off (they can only
// be switched outside a transaction) and checks them all before commit.
type migration struct {
	version int
	name    string
	stmts   []string
}

// Statements only one dialect can say (triggers) start with one of these
// markers and are skipped on the other.
const (
	sqliteOnly   = "-- sqlite only\n"
	postgresOnly = "-- postgres only\n"
)

// forDriver reports whether stmt runs on driver.
func forDriver(stmt, driver string) bool {
	switch {
	case strings.HasPrefix(stmt, sqliteOnly):
		return driver == DriverSQLite
	case strings.HasPrefix(stmt, postgresOnly):
		return driver == DriverPostgres
	}
	return true
}

var migrations = []migration{
	{1, "core schema", []string{
		`CREATE TABLE trusts (
			id {id},
			code TEXT NOT NULL UNIQUE,
			name TEXT NOT NULL,
			nation TEXT NOT NULL CHECK (nation IN ('england', 'scotland', 'wales', 'northern_ireland')),
			quintile INTEGER NOT NULL CHECK (quintile BETWEEN 1 AND 5)
		)`,
		`CREATE TABLE reviews (
			id {id},
			slug TEXT NOT NULL UNIQUE,
			title TEXT NOT NULL,
			questionnaire_id TEXT NOT NULL,
			questionnaire_version TEXT NOT NULL,
			questionnaire_hash TEXT NOT NULL,
			opens_at {time} NOT NULL,
			closes_at {time} NOT NULL,
			status TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed')),
			completion_threshold {real} NOT NULL,
			suppression_k INTEGER NOT NULL,
			created_at {time} NOT NULL
		)`,
		`CREATE TABLE review_links (
			review_id {int64} NOT NULL REFERENCES reviews (id),
			trust_id {int64} NOT NULL REFERENCES trusts (id),
			"key" TEXT NOT NULL UNIQUE,
			PRIMARY KEY (review_id, trust_id)
		)`,
		// A response belongs to a review link's (review, trust) pair, not to
		// the link key, and carries only hour-truncated times.
		`CREATE TABLE responses (
			id TEXT NOT NULL PRIMARY KEY,
			review_id {int64} NOT NULL,
			trust_id {int64} NOT NULL,
			questionnaire_hash TEXT NOT NULL,
			status TEXT NOT NULL CHECK (status IN ('in_progress', 'submitted')),
			language TEXT NOT NULL,
			section TEXT NOT NULL,
			furthest TEXT NOT NULL,
			trail TEXT NOT NULL,
			test BOOLEAN NOT NULL,
			resume_hash {bytes} NOT NULL UNIQUE,
			created_hour {time} NOT NULL,
			updated_hour {time} NOT NULL,
			submitted_hour {time},
			FOREIGN KEY (review_id, trust_id) REFERENCES review_links (review_id, trust_id)
		)`,
		`CREATE TABLE answers (
			response_id TEXT NOT NULL REFERENCES responses (id),
			item_id TEXT NOT NULL,
			codes TEXT NOT NULL,
			text TEXT NOT NULL,
			other TEXT NOT NULL,
			saved_hour {time} NOT NULL,
			PRIMARY KEY (response_id, item_id)
		)`,
		`CREATE TABLE cleared (
			id {id},
			response_id TEXT NOT NULL REFERENCES responses (id),
			item_id TEXT NOT NULL,
			cause_item TEXT NOT NULL,
			cleared_hour {time} NOT NULL
		)`,
		`CREATE TABLE page_saves (
			"key" TEXT NOT NULL PRIMARY KEY,
			response_id TEXT NOT NULL REFERENCES responses (id),
			result {bytes} NOT NULL,
			created_hour {time} NOT NULL
		)`,
	}},
	{2, "lookup indexes", []string{
		`CREATE INDEX review_links_trust ON review_links (trust_id)`,
		`CREATE INDEX responses_review ON responses (review_id, trust_id, status)`,
		`CREATE INDEX cleared_response ON cleared (response_id, id)`,
		`CREATE INDEX page_saves_response ON page_saves (response_id)`,
	}},
	// A review keeps the questionnaire it was launched with: its source is
	// stored by content hash, so editing or deleting the file never
	// changes or stops a running review.
	{3, "questionnaire sources", []string{
		`CREATE TABLE questionnaire_sources (
			hash TEXT NOT NULL PRIMARY KEY,
			questionnaire_id TEXT NOT NULL,
			version TEXT NOT NULL,
			file TEXT NOT NULL,
			source {bytes} NOT NULL,
			stored_at {time} NOT NULL
		)`,
	}},
	// The exclusion rules in force are kept with the review (the threshold
	// and k already were). Reviews created before this get the rules of an
	// empty exclusion block.
	{4, "review exclusion rules", []string{
		`ALTER TABLE reviews ADD COLUMN exclusion_version INTEGER NOT NULL DEFAULT 0`,
		`ALTER TABLE reviews ADD COLUMN completion_unit TEXT NOT NULL DEFAULT 'items' CHECK (completion_unit IN ('items', 'questions'))`,
		`ALTER TABLE reviews ADD COLUMN required_items TEXT NOT NULL DEFAULT '[]'`,
		`ALTER TABLE reviews ADD COLUMN exclude_test BOOLEAN NOT NULL DEFAULT TRUE`,
		`ALTER TABLE reviews ADD COLUMN exclude_duplicates BOOLEAN NOT NULL DEFAULT TRUE`,
		`ALTER TABLE reviews ADD COLUMN exclude_outside_window BOOLEAN NOT NULL DEFAULT TRUE`,
		`ALTER TABLE reviews ADD COLUMN screen_out BOOLEAN NOT NULL DEFAULT FALSE`,
	}},
	// An idempotency key answers only a retry of the request it was first
	// sent with: what the request did and a hash of its content are kept
	// with the key. Rows from before keep an empty operation and no hash.
	{5, "idempotency keys scoped to operation and request", []string{
		`ALTER TABLE page_saves ADD COLUMN operation TEXT NOT NULL DEFAULT ''`,
		`ALTER TABLE page_saves ADD COLUMN request_hash {bytes}`,
	}},
	// R&D office administration: the kind of each trust, waves linked to
	// the review they follow, accounts with their trusts and the reviews
	// researchers were granted, server-side sessions, and the audit log,
	// which the database itself keeps append-only.
	{6, "administration", []string{
		`ALTER TABLE trusts ADD COLUMN kind TEXT NOT NULL DEFAULT ''`,
		`ALTER TABLE reviews ADD COLUMN previous_id {int64} REFERENCES reviews (id)`,
		`CREATE TABLE users (
			id {id},
			email TEXT NOT NULL UNIQUE,
			role TEXT NOT NULL CHECK (role IN ('platform_admin', 'rd_admin', 'researcher')),
			password_hash TEXT NOT NULL,
			must_change_password BOOLEAN NOT NULL,
			failed_signins INTEGER NOT NULL DEFAULT 0,
			locked_until {time},
			created_at {time} NOT NULL
		)`,
		`CREATE TABLE user_trusts (
			user_id {int64} NOT NULL REFERENCES users (id),
			trust_id {int64} NOT NULL REFERENCES trusts (id),
			PRIMARY KEY (user_id, trust_id)
		)`,
		`CREATE TABLE review_grants (
			user_id {int64} NOT NULL REFERENCES users (id),
			review_id {int64} NOT NULL REFERENCES reviews (id),
			granted_at {time} NOT NULL,
			PRIMARY KEY (user_id, review_id)
		)`,
		`CREATE TABLE sessions (
			token_hash {bytes} NOT NULL PRIMARY KEY,
			user_id {int64} NOT NULL REFERENCES users (id),
			csrf TEXT NOT NULL,
			created_at {time} NOT NULL,
			seen_at {time} NOT NULL
		)`,
		`CREATE INDEX sessions_user ON sessions (user_id)`,
		`CREATE TABLE audit_log (
			id {id},
			at {time} NOT NULL,
			user_id {int64},
			actor TEXT NOT NULL,
			action TEXT NOT NULL,
			review_id {int64},
			detail TEXT NOT NULL,
			row_count INTEGER,
			file_sha256 TEXT NOT NULL,
			prev_hash TEXT NOT NULL,
			hash TEXT NOT NULL
		)`,
		sqliteOnly + `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
			BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
		sqliteOnly + `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
			BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
		postgresOnly + `CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`,
		postgresOnly + `CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
			FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`,
		postgresOnly + `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
			FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`,
	}},
	// Rows must not tell the order in which respondents saved. On SQLite a
	// table with a rowid keeps its rows in insertion order, so the tables
	// of respondents' data are rebuilt WITHOUT ROWID: each is stored in the
	// order of its random key. The clearing records lose their global
	// counter for a number within their response, on both databases.
	// (A PostgreSQL heap keeps insertion order until CLUSTER rewrites it
	// by key; the README says when to run it.)
	{7, "respondent rows in random-key order", []string{
		sqliteOnly + `CREATE TABLE responses_rekeyed (
			id TEXT NOT NULL PRIMARY KEY,
			review_id {int64} NOT NULL,
			trust_id {int64} NOT NULL,
			questionnaire_hash TEXT NOT NULL,
			status TEXT NOT NULL CHECK (status IN ('in_progress', 'submitted')),
			language TEXT NOT NULL,
			section TEXT NOT NULL,
			furthest TEXT NOT NULL,
			trail TEXT NOT NULL,
			test BOOLEAN NOT NULL,
			resume_hash {bytes} NOT NULL UNIQUE,
			created_hour {time} NOT NULL,
			updated_hour {time} NOT NULL,
			submitted_hour {time},
			FOREIGN KEY (review_id, trust_id) REFERENCES review_links (review_id, trust_id)
		) WITHOUT ROWID`,
		sqliteOnly + `INSERT INTO responses_rekeyed (id, review_id, trust_id, questionnaire_hash, status, language,
			section, furthest, trail, test, resume_hash, created_hour, updated_hour, submitted_hour)
			SELECT id, review_id, trust_id, questionnaire_hash, status, language,
			section, furthest, trail, test, resume_hash, created_hour, updated_hour, submitted_hour FROM responses`,
		sqliteOnly + `DROP TABLE responses`,
		sqliteOnly + `ALTER TABLE responses_rekeyed RENAME TO responses`,
		sqliteOnly + `CREATE INDEX responses_review ON responses (review_id, trust_id, status)`,

		sqliteOnly + `CREATE TABLE answers_rekeyed (
			response_id TEXT NOT NULL REFERENCES responses (id),
			item_id TEXT NOT NULL,
			codes TEXT NOT NULL,
			text TEXT NOT NULL,
			other TEXT NOT NULL,
			saved_hour {time} NOT NULL,
			PRIMARY KEY (response_id, item_id)
		) WITHOUT ROWID`,
		sqliteOnly + `INSERT INTO answers_rekeyed (response_id, item_id, codes, text, other, saved_hour)
			SELECT response_id, item_id, codes, text, other, saved_hour FROM answers`,
		sqliteOnly + `DROP TABLE answers`,
		sqliteOnly + `ALTER TABLE answers_rekeyed RENAME TO answers`,

		sqliteOnly + `CREATE TABLE cleared_rekeyed (
			response_id TEXT NOT NULL REFERENCES responses (id),
			seq INTEGER NOT NULL,
			item_id TEXT NOT NULL,
			cause_item TEXT NOT NULL,
			cleared_hour {time} NOT NULL,
			PRIMARY KEY (response_id, seq)
		) WITHOUT ROWID`,
		sqliteOnly + `INSERT INTO cleared_rekeyed (response_id, seq, item_id, cause_item, cleared_hour)
			SELECT response_id, row_number() OVER (PARTITION BY response_id ORDER BY id), item_id, cause_item, cleared_hour
			FROM cleared`,
		sqliteOnly + `DROP TABLE cleared`,
		sqliteOnly + `ALTER TABLE cleared_rekeyed RENAME TO cleared`,

		sqliteOnly + `CREATE TABLE page_saves_rekeyed (
			"key" TEXT NOT NULL PRIMARY KEY,
			response_id TEXT NOT NULL REFERENCES responses (id),
			result {bytes} NOT NULL,
			created_hour {time} NOT NULL,
			operation TEXT NOT NULL DEFAULT '',
			request_hash {bytes}
		) WITHOUT ROWID`,
		sqliteOnly + `INSERT INTO page_saves_rekeyed ("key", response_id, result, created_hour, operation, request_hash)
			SELECT "key", response_id, result, created_hour, operation, request_hash FROM page_saves`,
		sqliteOnly + `DROP TABLE page_saves`,
		sqliteOnly + `ALTER TABLE page_saves_rekeyed RENAME TO page_saves`,
		sqliteOnly + `CREATE INDEX page_saves_response ON page_saves (response_id)`,

		postgresOnly + `ALTER TABLE cleared ADD COLUMN seq INTEGER`,
		postgresOnly + `UPDATE cleared SET seq = n.seq FROM (
			SELECT id, row_number() OVER (PARTITION BY response_id ORDER BY id) AS seq FROM cleared) n
			WHERE cleared.id = n.id`,
		postgresOnly + `ALTER TABLE cleared ALTER COLUMN seq SET NOT NULL`,
		postgresOnly + `DROP INDEX cleared_response`,
		postgresOnly + `ALTER TABLE cleared DROP COLUMN id`,
		postgresOnly + `ALTER TABLE cleared ADD PRIMARY KEY (response_id, seq)`,
	}},
	// Allowances of client addresses shared by every server on one
	// database (see allowance.go): a keyed hash cut to 3 bytes, never an
	// address, and when its bucket is next full, as microseconds since
	// 1970. The key of that hash is made once per database.
	{8, "shared client allowances", []string{
		`CREATE TABLE client_allowances (
			client {bytes} NOT NULL PRIMARY KEY,
			full_at {int64} NOT NULL
		)`,
		`CREATE INDEX client_allowances_full ON client_allowances (full_at)`,
		`CREATE TABLE server_secrets (
			name TEXT NOT NULL PRIMARY KEY,
			secret {bytes} NOT NULL
		)`,
	}},
	// Failed sign-ins to e-mail addresses with no account, shared by the
	// servers on one database so that they are throttled as an account
	// would be (see unknownsignins.go): keyed by a keyed hash of the
	// address, times in microseconds since 1970.
	{9, "shared sign-in failures of unknown addresses", []string{
		`CREATE TABLE unknown_signins (
			address {bytes} NOT NULL PRIMARY KEY,
			failures INTEGER NOT NULL,
			locked_until {int64} NOT NULL,
			seen {int64} NOT NULL
		)`,
		`CREATE INDEX unknown_signins_seen ON unknown_signins (seen)`,
	}},
}

// dialectTypes fills the placeholders of migration statements.
var dialectTypes = map[string]*strings.Replacer{
	DriverSQLite: strings.NewReplacer(
		"{id}", "INTEGER PRIMARY KEY", "{int64}", "INTEGER", "{time}", "TIMESTAMP",
		"{bytes}", "BLOB", "{real}", "REAL"),
	DriverPostgres: strings.NewReplacer(
		"{id}", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "{int64}", "BIGINT",
		"{time}", "TIMESTAMPTZ", "{bytes}", "BYTEA", "{real}", "DOUBLE PRECISION"),
}

// migrationLock is the PostgreSQL advisory lock key that serialises
// concurrent migrators (SQLite's BEGIN IMMEDIATE does that by itself).
const migrationLock = 0x70756c7365 // "pulse"

// schemaMigrationRow records one applied migration.
type schemaMigrationRow struct {
	Version   int `gorm:"primaryKey;autoIncrement:false"`
	Name      string
	AppliedAt time.Time
}

func (schemaMigrationRow) TableName() string { return "schema_migrations" }

// migrate applies every pending migration.
func migrate(ctx context.Context, db *gorm.DB, driver string, now func() time.Time) error {
	return migrateTo(ctx, db, driver, now, migrations[len(migrations)-1].version)
}

// migrateTo applies every migration up to and including version target
// that the database has not recorded. Pending migrations are found by
// version rather than by counting, so a migration numbered below one
// already applied (two branches developed side by side, merged later)
// still runs.
func migrateTo(ctx context.Context, db *gorm.DB, driver string, now func() time.Time, target int) error {
	db = db.WithContext(ctx)
	if err := createMigrationsTable(db, driver); err != nil {
		return fmt.Errorf("migrate: create schema_migrations: %w", err)
	}
	applied, err := appliedVersions(db)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	known := map[int]bool{}
	for _, m := range migrations {
		known[m.version] = true
	}
	for _, v := range applied {
		if !known[v] {
			return fmt.Errorf("migrate: database has schema migration %d, which this program does not know (it is newer)", v)
		}
	}
	for _, m := range migrations {
		if m.version > target || slices.Contains(applied, m.version) {
			continue
		}
		if err := applyMigration(db, driver, m, now().UTC()); err != nil {
			return fmt.Errorf("migrate: %d %s: %w", m.version, m.name, err)
		}
	}
	return nil
}

// createMigrationsTable creates schema_migrations if it is missing.
func createMigrationsTable(db *gorm.DB, driver string) error {
	create := dialectTypes[driver].Replace(`CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at {time} NOT NULL)`)
	return db.Transaction(func(tx *gorm.DB) error {
		if err := lockMigrations(tx, driver); err != nil {
			return err
		}
		return tx.Exec(create).Error
	})
}

// lockMigrations serialises migrators on PostgreSQL until the transaction
// ends; on SQLite the writer's BEGIN IMMEDIATE already does.
func lockMigrations(tx *gorm.DB, driver string) error {
	if driver != DriverPostgres {
		return nil
	}
	if err := tx.Exec("SELECT pg_advisory_xact_lock(?)", migrationLock).Error; err != nil {
		return fmt.Errorf("lock migrations: %w", err)
	}
	return nil
}

// appliedVersions lists the migrations the database has recorded.
func appliedVersions(db *gorm.DB) ([]int, error) {
	var vs []int
	if err := db.Model(&schemaMigrationRow{}).Order("version").Pluck("version", &vs).Error; err != nil {
		return nil, fmt.Errorf("read applied migrations: %w", err)
	}
	return vs, nil
}

// applyMigration runs one migration and records it, all in one transaction.
// A migration another process applied meanwhile is skipped.
func applyMigration(db *gorm.DB, driver string, m migration, at time.Time) error {
	if driver == DriverSQLite && rebuildsTables[m.version] {
		return withoutForeignKeys(db, func(conn *gorm.DB) error { return applyTx(conn, driver, m, at) })
	}
	return applyTx(db, driver, m, at)
}

func applyTx(db *gorm.DB, driver string, m migration, at time.Time) error {
	return db.Transaction(func(tx *gorm.DB) error {
		if err := lockMigrations(tx, driver); err != nil {
			return err
		}
		var done int64
		if err := tx.Model(&schemaMigrationRow{}).Where("version = ?", m.version).Count(&done).Error; err != nil {
			return err
		}
		if done > 0 {
			return nil
		}
		for _, stmt := range m.stmts {
			if !forDriver(stmt, driver) {
				continue
			}
			if err := tx.Exec(dialectTypes[driver].Replace(stmt)).Error; err != nil {
				return err
			}
		}
		if driver == DriverSQLite && rebuildsTables[m.version] {
			if err := checkForeignKeys(tx); err != nil {
				return err
			}
		}
		return tx.Create(&schemaMigrationRow{Version: m.version, Name: m.name, AppliedAt: at}).Error
	})
}
