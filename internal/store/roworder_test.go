package store

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/researchpulse/pulse/internal/survey"
	"gorm.io/gorm"
)

// Row order must not tell the order in which respondents saved: only the
// hour may. These tests save responses in a known order and read each
// table of respondents' data in its physical order (SQLite: a scan of the
// table's own b-tree; PostgreSQL: ctid order, after the CLUSTER the
// README documents), then require the two orders to be unrelated: the
// absolute Spearman rank correlation below rowOrderBound. For N = 200
// unrelated orders it has a standard deviation of about 0.07, so the
// bound is more than four of them; insertion order gives 1.
const (
	rowOrderN     = 200
	rowOrderBound = 0.3
)

// rowOrderQueries read each respondent table's response ids in physical
// order, one per row.
func rowOrderQueries(driver string) map[string]string {
	if driver == DriverPostgres {
		return map[string]string{
			"responses":  "SELECT id, ctid FROM responses ORDER BY ctid",
			"answers":    "SELECT response_id, ctid FROM answers ORDER BY ctid",
			"cleared":    "SELECT response_id, ctid FROM cleared ORDER BY ctid",
			"page_saves": "SELECT response_id, ctid FROM page_saves ORDER BY ctid",
		}
	}
	// A column no index holds makes SQLite scan the table itself.
	return map[string]string{
		"responses":  "SELECT id, trail FROM responses NOT INDEXED",
		"answers":    "SELECT response_id, codes FROM answers NOT INDEXED",
		"cleared":    "SELECT response_id, cause_item FROM cleared NOT INDEXED",
		"page_saves": "SELECT response_id, result FROM page_saves NOT INDEXED",
	}
}

// postgresRowOrder is what the README tells PostgreSQL operators to run
// before a dump leaves their hands: each respondent table rewritten in the
// order of its random key.
var postgresRowOrder = []string{
	"CLUSTER responses USING responses_pkey",
	"CLUSTER answers USING answers_pkey",
	"CLUSTER cleared USING cleared_pkey",
	"CLUSTER page_saves USING page_saves_pkey",
}

// physicalOrder reads, for each table, the save index of each row's
// response in physical order (a response's later rows count once).
func physicalOrder(t *testing.T, driver string, db *gorm.DB, saved map[string]int) map[string][]int {
	t.Helper()
	out := map[string][]int{}
	for table, q := range rowOrderQueries(driver) {
		ids, err := firstColumn(db, q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		seen := map[string]bool{}
		for _, id := range ids {
			i, ok := saved[id]
			if !ok || seen[id] {
				continue
			}
			seen[id] = true
			out[table] = append(out[table], i)
		}
		if len(out[table]) != len(saved) {
			t.Fatalf("%s: %d of %d responses found", table, len(out[table]), len(saved))
		}
	}
	return out
}

// firstColumn reads the first of two columns of every row of q, in the
// order the database returns them.
func firstColumn(db *gorm.DB, q string) ([]string, error) {
	rows, err := db.Raw(q).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		var other any
		if err := rows.Scan(&id, &other); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// spearman is the rank correlation between the position of each value
// and the value, for a permutation of 0..n-1.
func spearman(order []int) float64 {
	n := float64(len(order))
	var d2 float64
	for pos, v := range order {
		d := float64(pos - v)
		d2 += d * d
	}
	return 1 - 6*d2/(n*(n*n-1))
}

// ranks turns save indexes into a permutation of 0..n-1.
func ranks(order []int) []int {
	sorted := slices.Clone(order)
	slices.Sort(sorted)
	out := make([]int, len(order))
	for i, v := range order {
		out[i], _ = slices.BinarySearch(sorted, v)
	}
	return out
}

// testRowOrderHidesSaveOrder saves rowOrderN responses one after another
// (an answer, a second answer later cleared, a page save each) within one
// hour, and checks no table's physical order follows the saves.
func testRowOrderHidesSaveOrder(t *testing.T, e *env) {
	f := e.fixture()
	saved := map[string]int{}
	for i := range rowOrderN {
		r := e.response(f, i%2, fmt.Sprintf("secret-%d", i))
		saved[r.ID] = i
		e.save(PageSave{ResponseID: r.ID, Key: newToken(), Set: survey.Answers{"q": {Text: "1"}, "h": {Text: "2"}}})
		e.save(PageSave{ResponseID: r.ID, Key: newToken(), Clear: []Cleared{{ItemID: "h", CauseItem: "q"}}})
	}
	if e.cfg.Driver == DriverPostgres {
		for _, stmt := range postgresRowOrder {
			errIs(t, stmt, e.s.writer.WithContext(e.ctx).Exec(stmt).Error, nil)
		}
	}
	for table, order := range physicalOrder(t, e.cfg.Driver, e.s.reader, saved) {
		if rho := spearman(ranks(order)); rho > rowOrderBound || rho < -rowOrderBound {
			t.Errorf("%s: physical order follows save order (Spearman %.2f, bound %.2f)", table, rho, rowOrderBound)
		} else {
			t.Logf("%s: Spearman %.3f between physical and save order", table, rho)
		}
	}
	// No counter across responses: each response numbers its own clearings.
	var maxSeq int
	errIs(t, "max seq", e.s.reader.WithContext(e.ctx).Raw("SELECT MAX(seq) FROM cleared").Row().Scan(&maxSeq), nil)
	if maxSeq != 1 {
		t.Errorf("cleared.seq reaches %d over %d responses with one clearing each; want 1", maxSeq, rowOrderN)
	}
}

// testRowOrderMigration builds a database at the schema before rows were
// rekeyed, holding responses saved in a known order, shows that its
// physical order gives that order away (so the measure can see it), then
// opens it with the current code: every row is kept, clearings keep their
// order within each response, and (on SQLite at once, on PostgreSQL after
// the documented CLUSTER) the physical order no longer follows the saves.
func testRowOrderMigration(t *testing.T, e *env) {
	cfg := e.fresh(t)
	cfg.Now, cfg.Logger = e.cfg.Now, e.cfg.Logger
	old := rawDB(t, cfg)
	errIs(t, "migrate to 6", migrateTo(e.ctx, old, cfg.Driver, e.clock.Now, 6), nil)
	tx := old.Begin() // one transaction: rows keep their order, the seeding is quick
	exec := func(q string, args ...any) {
		t.Helper()
		errIs(t, q, tx.Exec(q, args...).Error, nil)
	}
	exec("INSERT INTO trusts (id, code, name, nation, quintile) VALUES (1, 'OLD1', 'Old Trust', 'wales', 5)")
	exec(`INSERT INTO reviews (id, slug, title, questionnaire_id, questionnaire_version, questionnaire_hash, opens_at, closes_at,
		status, completion_threshold, suppression_k, created_at) VALUES (1, 'old', 'Old', 'engagement', '1.0', ?, ?, ?, 'open', 0.5, 5, ?)`,
		testSource.Hash, testNow.Add(-time.Hour), testNow.Add(time.Hour), testHour)
	exec(`INSERT INTO review_links (review_id, trust_id, "key") VALUES (1, 1, 'oldkey')`)
	saved := map[string]int{}
	var ids []string
	for i := range rowOrderN {
		id := newToken()
		ids = append(ids, id)
		saved[id] = i
		exec(`INSERT INTO responses (id, review_id, trust_id, questionnaire_hash, status, language, section, furthest, trail, test,
			resume_hash, created_hour, updated_hour) VALUES (?, 1, 1, ?, 'in_progress', 'en', 's', 's', '[]', FALSE, ?, ?, ?)`,
			id, testSource.Hash, resumeHash(id), testHour, testHour)
		exec(`INSERT INTO answers (response_id, item_id, codes, text, other, saved_hour) VALUES (?, 'q', '["1"]', '', '', ?)`, id, testHour)
		exec(`INSERT INTO answers (response_id, item_id, codes, text, other, saved_hour) VALUES (?, 't', '[]', ?, '', ?)`, id, "text "+id, testHour)
		exec(`INSERT INTO cleared (response_id, item_id, cause_item, cleared_hour) VALUES (?, 'first', 'q', ?)`, id, testHour)
		exec(`INSERT INTO page_saves ("key", response_id, result, created_hour, operation) VALUES (?, ?, ?, ?, 'page')`, newToken(), id, []byte("r"), testHour)
	}
	for _, id := range ids { // a second clearing each, after every first one
		exec(`INSERT INTO cleared (response_id, item_id, cause_item, cleared_hour) VALUES (?, 'second', 'q', ?)`, id, testHour)
	}
	errIs(t, "commit", tx.Commit().Error, nil)
	before := physicalOrder(t, cfg.Driver, old, saved)
	if rho := spearman(ranks(before["responses"])); rho < 0.9 {
		t.Fatalf("old schema: responses' physical order has Spearman %.2f with save order; the measure cannot see insertion order", rho)
	}
	sqlDB, _ := old.DB()
	_ = sqlDB.Close()

	e.cfg = cfg
	e.s = e.open()
	want := map[string]int64{"responses": rowOrderN, "answers": 2 * rowOrderN, "cleared": 2 * rowOrderN, "page_saves": rowOrderN}
	got := e.counts()
	for table, n := range want {
		if got[table] != n {
			t.Errorf("after the upgrade %s has %d rows, want %d", table, got[table], n)
		}
	}
	for _, id := range ids[:20] {
		answers, err := e.s.Answers(e.ctx, id)
		errIs(t, "Answers", err, nil)
		if diff := cmp.Diff(survey.Answers{"q": {Codes: []string{"1"}}, "t": {Text: "text " + id}}, answers); diff != "" {
			t.Fatalf("answers of %s changed by the upgrade (-want +got):\n%s", id, diff)
		}
		cleared, err := e.s.ClearedItems(e.ctx, id)
		errIs(t, "ClearedItems", err, nil)
		if len(cleared) != 2 || cleared[0].ItemID != "first" || cleared[1].ItemID != "second" {
			t.Fatalf("clearings of %s after the upgrade: %+v; want first, then second", id, cleared)
		}
	}
	if cfg.Driver == DriverPostgres {
		for _, stmt := range postgresRowOrder {
			errIs(t, stmt, e.s.writer.WithContext(e.ctx).Exec(stmt).Error, nil)
		}
	}
	for table, order := range physicalOrder(t, e.cfg.Driver, e.s.reader, saved) {
		if rho := spearman(ranks(order)); rho > rowOrderBound || rho < -rowOrderBound {
			t.Errorf("%s after the upgrade: physical order follows save order (Spearman %.2f)", table, rho)
		}
	}
	if cfg.Driver == DriverSQLite {
		var fk int64
		errIs(t, "foreign_keys", e.s.writer.Raw("PRAGMA foreign_keys").Row().Scan(&fk), nil)
		if fk != 1 {
			t.Errorf("PRAGMA foreign_keys = %d after the upgrade, want 1", fk)
		}
	}
}
