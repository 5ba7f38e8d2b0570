package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"gorm.io/gorm"
)

// The respondent's requests are the hot path: every one reads a response,
// its review and its answers, and a page save writes a handful of rows.
// Those run as prepared statements through database/sql, without GORM's
// reflection and without SQL being parsed again on every request;
// everything else keeps GORM.

// stmtCache prepares each query once per pool and keeps it. Queries are
// written with ? placeholders; on PostgreSQL they become $1, $2, ….
type stmtCache struct {
	db       *sql.DB
	postgres bool
	mu       sync.RWMutex
	byText   map[string]*sql.Stmt
}

func newStmtCache(db *sql.DB, driver string) *stmtCache {
	return &stmtCache{db: db, postgres: driver == DriverPostgres, byText: map[string]*sql.Stmt{}}
}

// prepare prepares queries on the pool and keeps them. It runs at open,
// before any transaction holds a connection: preparing on the pool needs
// a free one.
func (c *stmtCache) prepare(ctx context.Context, queries ...string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, q := range queries {
		if _, ok := c.byText[q]; ok {
			continue
		}
		st, err := c.db.PrepareContext(ctx, c.text(q))
		if err != nil {
			return fmt.Errorf("prepare %.40q: %w", q, err)
		}
		c.byText[q] = st
	}
	return nil
}

func (c *stmtCache) text(q string) string {
	if c.postgres {
		return dollarPlaceholders(q)
	}
	return q
}

// get returns query as prepared at open, or nil.
func (c *stmtCache) get(query string) *sql.Stmt {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.byText[query]
}

// in returns query bound to tx: the statement prepared at open, or one
// prepared now on the transaction's connection for the transaction alone.
func (c *stmtCache) in(ctx context.Context, tx *sql.Tx, query string) (*sql.Stmt, error) {
	if st := c.get(query); st != nil {
		return tx.StmtContext(ctx, st), nil
	}
	return tx.PrepareContext(ctx, c.text(query))
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.byText {
		_ = st.Close()
	}
	c.byText = map[string]*sql.Stmt{}
}

// dollarPlaceholders numbers ? placeholders for PostgreSQL. The hot
// path's queries hold no ? inside literals.
func dollarPlaceholders(q string) string {
	var b strings.Builder
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

// sqlTx is the database/sql transaction under a GORM transaction, so the
// hot path's statements join a transaction GORM began.
func sqlTx(tx *gorm.DB) (*sql.Tx, error) {
	t, ok := tx.Statement.ConnPool.(*sql.Tx)
	if !ok {
		return nil, errors.New("not inside a database/sql transaction")
	}
	return t, nil
}

// sqlErr maps a database/sql error onto the store's sentinels as wrap
// does for GORM's: no row is ErrNotFound, constraint violations are
// translated by the dialect.
func (s *Store) sqlErr(op string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, sql.ErrNoRows):
		return wrap(op, gorm.ErrRecordNotFound)
	}
	if tr, ok := s.writer.Dialector.(gorm.ErrorTranslator); ok {
		err = tr.Translate(err)
	}
	return wrap(op, err)
}
