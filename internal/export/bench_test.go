package export

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// benchDirEnv names the folder that keeps the benchmark's databases
// between runs (default: pulse-export-bench in the system's temporary
// folder). Building the 500,000-response one takes a few minutes.
const benchDirEnv = "PULSE_BENCH_DIR"

// BenchmarkExport exports reviews of 10,000, 100,000 and 500,000 responses
// to the bundled questionnaire as a workbook file, and reports the peak
// resident memory of the process during the exports (peak-RSS-MB), the
// processor time per export (cpu-s/op) and responses per second. The databases are made once and kept: run once
// with -benchtime 1x to make them, then measure, for example
//
//	go test ./internal/export -run '^$' -bench 'Export/100k' -benchtime 1x -count 5
//
// Each database is the pulse schema with two trusts and one review
// ("bench") of 2,000 generated respondents repeated, each copy started an
// hour later so that no copy is a duplicate of another; about a third
// stop part way, as in the seed report.
func BenchmarkExport(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 500_000} {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			f := openFixture(b, benchDatabase(b, n))
			qs := f.questionnaires()
			out := filepath.Join(b.TempDir(), "bench.xlsx")
			measureExport(b, n, func() error {
				return SaveWorkbook(f.ctx, f.st, qs, Options{Review: "bench", Software: "pulse bench"}, out)
			})
		})
	}
}

// BenchmarkDataFiles exports the same reviews of 10,000 and 100,000
// responses as the Data CSV with its codebook (csv), and as the files for
// each statistics package (CSV of numbers, codebook, script), reporting
// the same measures as BenchmarkExport, for example
//
//	go test ./internal/export -run '^$' -bench 'DataFiles/100k' -benchtime 1x -count 5
func BenchmarkDataFiles(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		for _, format := range []string{"csv", string(SPSS), string(Stata), string(R)} {
			b.Run(fmt.Sprintf("%dk/%s", n/1000, format), func(b *testing.B) {
				f := openFixture(b, benchDatabase(b, n))
				qs := f.questionnaires()
				opts := Options{Review: "bench", Software: "pulse bench"}
				base := filepath.Join(b.TempDir(), "bench")
				measureExport(b, n, func() error {
					if pk, ok := ParsePackage(format); ok {
						_, err := SaveStats(f.ctx, f.st, qs, opts, pk, base)
						return err
					}
					return SaveCSV(f.ctx, f.st, qs, opts, base+".csv")
				})
			})
		}
	}
}

// measureExport runs export b.N times, reporting the peak resident
// memory of the process during the exports (peak-RSS-MB), the processor
// time per export (cpu-s/op) and responses per second.
func measureExport(b *testing.B, n int, export func() error) {
	debug.FreeOSMemory()
	resetPeakRSS(b)
	cpu := cpuTime()
	b.ResetTimer()
	for b.Loop() {
		if err := export(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(peakRSS(b))/1024, "peak-RSS-MB")
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "responses/s")
}

// benchDatabase returns the path of a database holding a review of n
// responses, making it if it is not there yet.
func benchDatabase(b *testing.B, n int) string {
	b.Helper()
	dir := os.Getenv(benchDirEnv)
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "pulse-export-bench")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	q := loadQuestionnaire(b, bundledFile)
	path := filepath.Join(dir, fmt.Sprintf("export-v2-%d-%.8s.db", n, q.Hash))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	tmp := path + ".making"
	for _, suffix := range []string{"", "-wal", "-shm"} {
		_ = os.Remove(tmp + suffix)
	}
	f := openFixture(b, tmp)
	rev := f.review("bench", "Benchmark review", q, 10)
	base := newGenerator(q, 42, f.trusts).responses("r", 2000)
	for from := 0; from*len(base) < n; from += 10 {
		to := min(from+10, (n+len(base)-1)/len(base))
		f.load(copies(base, from, to), rev)
	}
	if err := f.st.Close(); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	return path
}

// cpuTime is the processor time (user and system) the process has used:
// on a shared machine it says what the export costs when the elapsed
// time also counts other people's work.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// resetPeakRSS starts the process's peak resident memory again from what
// it holds now (Linux: writing 5 to /proc/self/clear_refs).
func resetPeakRSS(b *testing.B) {
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		b.Logf("cannot reset the peak resident memory (%v): peak-RSS-MB includes the set-up", err)
	}
}

// peakRSS is the process's peak resident memory in KiB (VmHWM).
func peakRSS(b *testing.B) int {
	file, err := os.Open("/proc/self/status")
	if err != nil {
		b.Logf("no /proc/self/status: %v", err)
		return 0
	}
	defer file.Close()
	sc := bufio.NewScanner(file)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return kb
		}
	}
	return 0
}
