package store

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/researchpulse/pulse/internal/survey"
)

// benchDir is where benchmark databases live: PULSE_BENCH_DIR if set (to
// measure a particular disk), else the test's temporary directory. fsync
// cost depends on the filesystem, so quote the directory with the numbers.
func benchDir(b *testing.B) string {
	if dir := os.Getenv("PULSE_BENCH_DIR"); dir != "" {
		d, err := os.MkdirTemp(dir, "pulse-bench-")
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { _ = os.RemoveAll(d) })
		return d
	}
	return b.TempDir()
}

// benchPage is a typical page: five answers, about 2 KB in all.
func benchPage(responseID, key string) PageSave {
	return PageSave{
		ResponseID: responseID, Key: key, Section: "barriers", Furthest: "barriers",
		Trail: []string{"about-you", "work"}, Result: []byte(`{"next":"motivators"}`),
		Set: survey.Answers{
			"role":     {Codes: []string{"nursing"}},
			"barriers": {Codes: []string{"time", "funding", "support", "other"}, Other: "Rota gaps"},
			"agree_1":  {Codes: []string{"4"}},
			"years":    {Text: "12"},
			"comment":  {Text: strings.Repeat("Protected research time would help. ", 50)},
		},
	}
}

// BenchmarkSavePage measures one committed page save on SQLite with
// WAL + synchronous=FULL (one fsync per commit): "serial" is one
// respondent at a time, "parallel" is GOMAXPROCS×4 respondents saving at
// once through the single writer connection.
func BenchmarkSavePage(b *testing.B) {
	b.Run("serial", func(b *testing.B) {
		e := openEnv(b, Config{Path: benchDir(b) + "/pulse.db"})
		r := e.response(e.fixture(), 0, "s")
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; b.Loop(); i++ {
			if _, _, err := e.s.SavePage(e.ctx, benchPage(r.ID, fmt.Sprint("k", i))); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("parallel", func(b *testing.B) {
		e := openEnv(b, Config{Path: benchDir(b) + "/pulse.db"})
		f := e.fixture()
		var seq atomic.Int64
		b.SetParallelism(4)
		b.ReportAllocs()
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			r := e.response(f, 0, fmt.Sprint("secret-", seq.Add(1)))
			for i := 0; pb.Next(); i++ {
				if _, _, err := e.s.SavePage(e.ctx, benchPage(r.ID, fmt.Sprint(r.ID, i))); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
}

// BenchmarkGroupCommit shows what group commit does on a slow disk: every
// commit sleeps 5 ms first (Config.CommitDelay, a disk of 200 fsyncs a
// second) and 64 respondents save pages at once. "one-per-commit" gives
// each save a transaction and a commit of its own, as before group
// commit; "grouped" lets the saves waiting share one. Compare saves/s
// side by side:
//
//	go test -run '^$' -bench GroupCommit -benchtime 3s ./internal/store
func BenchmarkGroupCommit(b *testing.B) {
	for _, mode := range []struct {
		name string
		one  bool
	}{{"one-per-commit", true}, {"grouped", false}} {
		b.Run(mode.name, func(b *testing.B) {
			cfg := Config{Path: benchDir(b) + "/pulse.db", CommitDelay: 5 * time.Millisecond, oneWritePerCommit: mode.one}
			e := openEnv(b, cfg)
			f := e.fixture()
			const respondents = 64
			ids := make([]string, respondents)
			for i := range ids {
				ids[i] = e.response(f, i%2, fmt.Sprint("secret-", i)).ID
			}
			var next atomic.Int64
			b.ResetTimer()
			start := time.Now()
			var wg sync.WaitGroup
			for i := range respondents {
				wg.Go(func() {
					for n := next.Add(1); n <= int64(b.N); n = next.Add(1) {
						if _, _, err := e.s.SavePage(e.ctx, benchPage(ids[i], fmt.Sprint(i, "-", n))); err != nil {
							b.Error(err)
							return
						}
					}
				})
			}
			wg.Wait()
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "saves/s")
		})
	}
}
