package loadgen

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	_ "github.com/mattn/go-sqlite3" // the SQLite driver the store uses
)

// Grow copies the responses of a SQLite database, with their answers,
// until it holds n responses, by plain INSERT … SELECT statements (each
// copy gets a new random id and resume hash). It makes a large database
// in seconds rather than the hours real saves would take, for measuring
// what depends on a file's size, such as the time to start. The file must
// not be in use.
func Grow(ctx context.Context, path string, n int) (int, error) {
	db, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=5000&_journal_mode=WAL&_synchronous=OFF&_cache_size=-500000")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1) // the temporary table lives on one connection
	have, err := count(ctx, db)
	if err != nil {
		return 0, err
	}
	if have == 0 {
		return 0, fmt.Errorf("grow %s: no responses to copy", path)
	}
	cols, err := columns(ctx, db, "responses")
	if err != nil {
		return 0, err
	}
	// The copy's select list: the new id and a new resume hash, every
	// other column as it is.
	var sel []string
	for _, c := range cols {
		switch c {
		case "id":
			sel = append(sel, "m.new")
		case "resume_hash":
			sel = append(sel, "randomblob(32)")
		default:
			sel = append(sel, "r."+c)
		}
	}
	ansCols, err := columns(ctx, db, "answers")
	if err != nil {
		return 0, err
	}
	var ansSel []string
	for _, c := range ansCols {
		if c == "response_id" {
			ansSel = append(ansSel, "m.new")
		} else {
			ansSel = append(ansSel, "a."+c)
		}
	}
	for have < n {
		batch := min(have, n-have)
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return have, err
		}
		stmts := []string{
			`DROP TABLE IF EXISTS temp.grow_map`,
			fmt.Sprintf(`CREATE TEMP TABLE grow_map AS SELECT id AS old, lower(hex(randomblob(13))) AS new FROM responses ORDER BY id LIMIT %d`, batch),
			fmt.Sprintf(`INSERT INTO answers (%s) SELECT %s FROM grow_map m JOIN answers a ON a.response_id = m.old`,
				strings.Join(ansCols, ", "), strings.Join(ansSel, ", ")),
			fmt.Sprintf(`INSERT INTO responses (%s) SELECT %s FROM grow_map m JOIN responses r ON r.id = m.old`,
				strings.Join(cols, ", "), strings.Join(sel, ", ")),
		}
		for _, s := range stmts {
			if _, err := tx.ExecContext(ctx, s); err != nil {
				tx.Rollback()
				return have, fmt.Errorf("grow %s: %w", path, err)
			}
		}
		if err := tx.Commit(); err != nil {
			return have, err
		}
		have += batch
	}
	if _, err := db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return have, err
	}
	return count(ctx, db)
}

func count(ctx context.Context, db *sql.DB) (int, error) {
	var n int
	err := db.QueryRowContext(ctx, `SELECT count(*) FROM responses`).Scan(&n)
	return n, err
}

func columns(ctx context.Context, db *sql.DB, table string) ([]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT name FROM pragma_table_info(?)`, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no table %s", table)
	}
	return out, rows.Err()
}
