package loadgen_test

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/researchpulse/pulse/internal/loadgen"
	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/server"
	"github.com/researchpulse/pulse/internal/server/servertest"
	"github.com/researchpulse/pulse/internal/store"
)

// loadTarget serves the router over a real SQLite fixture whose clock is
// now, with the per-address limit off (every respondent here comes from
// 127.0.0.1), logging into logs when given.
func loadTarget(t *testing.T, logs *servertest.Buffer) (*servertest.Fixture, string) {
	t.Helper()
	f := servertest.New(t)
	f.SetNow(time.Now())
	cfg := server.Config{Store: f.Store, Flow: f.Flow, BaseURL: "http://pulse.test", ClientLimit: -1, Turns: 2}
	if logs != nil {
		cfg.Logger = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	srv, err := server.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return f, ts.URL
}

// TestRunAndVerify loads a real server (the router over a real SQLite
// file) with respondents on the bundled and the careers questionnaires,
// half through the forms, and verifies every acknowledged save; then it
// damages the database and an acknowledgement to show Verify sees loss.
func TestRunAndVerify(t *testing.T) {
	f, url := loadTarget(t, nil)
	ctx := context.Background()
	res, err := loadgen.Run(ctx, loadgen.Config{BaseURL: url, Links: []string{f.KeyMore, f.KeyLess, f.KeyCareers},
		Clients: 4, Duration: 3 * time.Second, Requests: 2000, HTML: 0.5, Seed: 7, Probe: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 || res.Saves < 20 || res.Submitted < 1 {
		t.Fatalf("run: %d saves, %d submitted, errors %v", res.Saves, res.Submitted, res.Errors)
	}
	// The probe ran beside the respondents, and stopped with them.
	if len(res.Probe) < 5 || len(res.Probe) > int(res.Elapsed/(10*time.Millisecond))+1 {
		t.Errorf("probe: %d requests in %s", len(res.Probe), res.Elapsed)
	}
	check, err := loadgen.Verify(ctx, f.Store, res.Acks)
	if err != nil || !check.OK() || check.Acknowledged != len(res.Acks) {
		t.Fatalf("verify: %+v, %v", check, err)
	}

	// A save acknowledged but never stored, and an answer that changed.
	lost := append(res.Acks, loadgen.Ack{Key: "0000", Section: "your_role", Answers: map[string][]string{"A01": {"nurse"}}})
	var page loadgen.Ack
	for _, a := range res.Acks {
		if a.Response != "" && a.Section != "" && len(a.Answers) > 0 {
			page = a
			break
		}
	}
	for item := range page.Answers {
		page.Answers[item] = []string{"not-what-was-stored"}
		break
	}
	check, err = loadgen.Verify(ctx, f.Store, append(lost, page))
	if err != nil || len(check.Missing) != 1 || len(check.Wrong) == 0 {
		t.Errorf("verify after damage: missing %v, wrong %v, %v", check.Missing, check.Wrong, err)
	}

	// Now the database itself: one acknowledged save deleted, and another
	// recorded twice (in a copy of the table without its key constraint,
	// as a store that lost it would).
	var gone, twice string
	for _, a := range res.Acks {
		switch {
		case a.Section != "" && gone == "":
			gone = a.Key
		case a.Section != "" && twice == "":
			twice = a.Key
		}
	}
	tamper(t, f.DBPath,
		`DELETE FROM page_saves WHERE "key" = '`+gone+`'`,
		`CREATE TABLE page_saves_loose AS SELECT * FROM page_saves`,
		`DROP TABLE page_saves`,
		`ALTER TABLE page_saves_loose RENAME TO page_saves`,
		`INSERT INTO page_saves SELECT * FROM page_saves WHERE "key" = '`+twice+`'`)
	check, err = loadgen.Verify(ctx, f.Store, res.Acks)
	if err != nil || !slices.Equal(check.Missing, []string{gone}) || !slices.Equal(check.Duplicated, []string{twice}) || check.OK() {
		t.Errorf("verify after tampering with the database: missing %v (want %s), duplicated %v (want %s), %v",
			check.Missing, gone, check.Duplicated, twice, err)
	}
}

// tamper runs statements on a SQLite file behind the store's back.
func tamper(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// TestGrow copies a loaded database's responses to reach a larger count:
// every copy is a response of its own, with its answers, that the store
// reads.
func TestGrow(t *testing.T) {
	f, url := loadTarget(t, nil)
	ctx := context.Background()
	res, err := loadgen.Run(ctx, loadgen.Config{BaseURL: url, Links: []string{f.KeyMore}, Clients: 2,
		Duration: time.Second, Requests: 200, Seed: 5})
	if err != nil || res.Started < 2 {
		t.Fatalf("load: %d started, %v", res.Started, err)
	}
	var before, answers int
	db, err := sql.Open("sqlite3", f.DBPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.QueryRow(`SELECT count(*) FROM responses`).Scan(&before)
	originals := map[string]bool{}
	if rows, err := db.Query(`SELECT id FROM responses`); err == nil {
		for rows.Next() {
			var id string
			rows.Scan(&id)
			originals[id] = true
		}
		rows.Close()
	}
	db.QueryRow(`SELECT count(*) FROM answers`).Scan(&answers)
	want := 5*before + 1
	n, err := loadgen.Grow(ctx, f.DBPath, want)
	if err != nil || n != want {
		t.Fatalf("grow to %d: got %d, %v", want, n, err)
	}
	var ids, copiedAnswers int
	db.QueryRow(`SELECT count(DISTINCT id) FROM responses`).Scan(&ids)
	db.QueryRow(`SELECT count(*) FROM answers`).Scan(&copiedAnswers)
	if ids != want || copiedAnswers < 4*answers {
		t.Errorf("after growing: %d distinct responses (want %d), %d answers (had %d)", ids, want, copiedAnswers, answers)
	}
	var copy string
	if rows, err := db.Query(`SELECT DISTINCT response_id FROM answers`); err == nil {
		for rows.Next() {
			var id string
			rows.Scan(&id)
			if !originals[id] {
				copy = id
			}
		}
		rows.Close()
	}
	if got, err := f.Store.Answers(ctx, copy); err != nil || len(got) == 0 {
		t.Errorf("the store cannot read the answers of copy %q: %d answers, %v", copy, len(got), err)
	}
}

func TestLoopbackOnly(t *testing.T) {
	for _, base := range []string{"http://example.org", "http://10.0.0.5:8080", "http://[2001:db8::1]:80"} {
		_, err := loadgen.Run(context.Background(), loadgen.Config{BaseURL: base, Links: []string{"x"}, Clients: 1, Duration: time.Second})
		if !errors.Is(err, loadgen.ErrNotLoopback) {
			t.Errorf("%s: %v; want ErrNotLoopback", base, err)
		}
	}
}

func TestLatencyQuantiles(t *testing.T) {
	var l loadgen.Latencies
	for i := 1; i <= 100; i++ {
		l = append(l, time.Duration(i)*time.Millisecond)
	}
	// Nearest rank: the 50th, 99th and 100th of 100 sorted values.
	if l.Quantile(0.5) != 50*time.Millisecond || l.Quantile(0.99) != 99*time.Millisecond || l.Quantile(1) != 100*time.Millisecond {
		t.Errorf("quantiles %v %v %v", l.Quantile(0.5), l.Quantile(0.99), l.Quantile(1))
	}
}

// TestBackupUnderLoad takes a backup while respondents are saving and
// checks that the copy holds every save acknowledged before the backup
// began, and that an existing file is never overwritten.
func TestBackupUnderLoad(t *testing.T) {
	f, url := loadTarget(t, nil)
	f.NeedSQLiteFile(t)
	ctx := context.Background()
	done := make(chan loadgen.Result, 1)
	go func() {
		res, err := loadgen.Run(ctx, loadgen.Config{BaseURL: url, Links: []string{f.KeyMore, f.KeyCareers},
			Clients: 4, Duration: 3 * time.Second, HTML: 0.5, Seed: 3})
		if err != nil {
			t.Error(err)
		}
		done <- res
	}()
	time.Sleep(1500 * time.Millisecond)
	began := time.Now()
	out := filepath.Join(t.TempDir(), "backup.db")
	info, err := store.Backup(ctx, f.DBPath, out)
	if err != nil {
		t.Fatal(err)
	}
	res := <-done
	var before []loadgen.Ack
	for _, a := range res.Acks {
		if a.At.Before(began) {
			before = append(before, a)
		}
	}
	if len(before) < 10 || info.Responses == 0 {
		t.Fatalf("only %d saves acknowledged before the backup (%d responses in it)", len(before), info.Responses)
	}
	copyStore, err := store.Open(ctx, store.Config{Path: out})
	if err != nil {
		t.Fatal(err)
	}
	defer copyStore.Close()
	check, err := loadgen.Verify(ctx, copyStore, before)
	if err != nil || !check.OK() {
		t.Errorf("backup lacks saves acknowledged before it began: %d missing, %d duplicated, %d wrong, %v",
			len(check.Missing), len(check.Duplicated), len(check.Wrong), err)
	}
	if _, err := store.Backup(ctx, f.DBPath, out); err == nil {
		t.Error("a second backup overwrote the first")
	}
}

// TestPrivacyAfterLoad runs respondents that send a client address and a
// user agent, then searches the database file (and its WAL), a backup
// and the server's log for them and for every resume code handed out.
func TestPrivacyAfterLoad(t *testing.T) {
	var logs servertest.Buffer
	f, url := loadTarget(t, &logs)
	f.NeedSQLiteFile(t)
	ctx := context.Background()
	const ip, agent = "203.0.113.77", "PrivacyProbe/1.0"
	res, err := loadgen.Run(ctx, loadgen.Config{BaseURL: url, Links: []string{f.KeyMore, f.KeyCareers}, Clients: 4,
		Duration: 2 * time.Second, HTML: 0.5, Seed: 11,
		Header: http.Header{"X-Forwarded-For": {ip}, "X-Real-Ip": {ip}, "User-Agent": {agent}}})
	if err != nil || res.Saves < 10 || len(res.Codes) < 4 {
		t.Fatalf("load: %d saves, %d codes, %v", res.Saves, len(res.Codes), err)
	}
	backup := filepath.Join(t.TempDir(), "copy.db")
	if _, err := store.Backup(ctx, f.DBPath, backup); err != nil {
		t.Fatal(err)
	}
	places := map[string]string{"log": logs.String()}
	for _, p := range []string{f.DBPath, f.DBPath + "-wal", backup} {
		if b, err := os.ReadFile(p); err == nil {
			places[filepath.Base(p)] = string(b)
		}
	}
	secrets := []string{ip, agent, "127.0.0.1"}
	for _, c := range res.Codes {
		secrets = append(secrets, c, respond.FormatCode(c), strings.ToLower(c))
	}
	for place, text := range places {
		for _, s := range secrets {
			if strings.Contains(text, s) {
				t.Errorf("%s contains %q", place, s)
			}
		}
	}
	t.Logf("searched %d places for %d secrets after %d saves", len(places), len(secrets), res.Saves)
}
