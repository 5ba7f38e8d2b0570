package store

import (
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"testing"

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
