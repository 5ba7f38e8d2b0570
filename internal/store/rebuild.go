package store

import (
	"fmt"

	"gorm.io/gorm"
)

// rebuildsTables lists the migrations that rebuild, on SQLite, tables
// other tables refer to (see migration).
var rebuildsTables = map[int]bool{7: true}

// withoutForeignKeys runs fn on one connection with foreign keys off,
// then on again, as SQLite's procedure for rebuilding a table asks.
// PRAGMA foreign_keys is a no-op inside a transaction, so it is switched
// here, around fn's transaction.
func withoutForeignKeys(db *gorm.DB, fn func(conn *gorm.DB) error) error {
	return db.Connection(func(conn *gorm.DB) error {
		if err := conn.Exec("PRAGMA foreign_keys = OFF").Error; err != nil {
			return err
		}
		err := fn(conn)
		if on := conn.Exec("PRAGMA foreign_keys = ON").Error; on != nil && err == nil {
			err = on
		}
		return err
	})
}

// checkForeignKeys fails when any row refers to one that does not exist.
func checkForeignKeys(tx *gorm.DB) error {
	rows, err := tx.Raw("PRAGMA foreign_key_check").Rows()
	if err != nil {
		return fmt.Errorf("foreign key check: %w", err)
	}
	defer rows.Close()
	if rows.Next() {
		var table string
		var rowid any
		var parent string
		var fkid int
		_ = rows.Scan(&table, &rowid, &parent, &fkid)
		return fmt.Errorf("foreign key check: a row of %s refers to a missing row of %s", table, parent)
	}
	return rows.Err()
}

// recordCleared stores a clearing as the next of its response. The caller
// holds the response (ChangeResponse locks it), so no other transaction
// numbers clearings of the same response at once.
func recordCleared(tx *gorm.DB, rec clearedRow) error {
	var last int
	if err := tx.Raw("SELECT COALESCE(MAX(seq), 0) FROM cleared WHERE response_id = ?", rec.ResponseID).Row().Scan(&last); err != nil {
		return err
	}
	rec.Seq = last + 1
	return tx.Create(&rec).Error
}
