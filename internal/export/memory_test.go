package export

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"sync"
	"testing"
	"time"

	"github.com/researchpulse/pulse/internal/store"
)

// copies makes copies from..to-1 of base responses: ids prefixed with the
// copy number, started (and submitted) copy hours later so that no copy
// is a duplicate of another.
func copies(base []store.ImportedResponse, from, to int) []store.ImportedResponse {
	out := make([]store.ImportedResponse, 0, len(base)*(to-from))
	for c := from; c < to; c++ {
		shift := time.Duration(c) * time.Hour
		for _, r := range base {
			r.ID = fmt.Sprintf("%03d%s", c, r.ID)
			r.Created = r.Created.Add(shift)
			if !r.Submitted.IsZero() {
				r.Submitted = r.Submitted.Add(shift)
			}
			out = append(out, r)
		}
	}
	return out
}

// peakHeap runs fn and returns the most heap memory in use at any of the
// samples taken every few milliseconds while it ran.
func peakHeap(t *testing.T, fn func() error) uint64 {
	t.Helper()
	runtime.GC()
	debug.FreeOSMemory()
	var (
		peak uint64
		mu   sync.Mutex
		done = make(chan struct{})
		wg   sync.WaitGroup
	)
	sample := func() {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		mu.Lock()
		peak = max(peak, ms.HeapInuse)
		mu.Unlock()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				sample()
			}
		}
	}()
	err := fn()
	close(done)
	wg.Wait()
	sample()
	if err != nil {
		t.Fatal(err)
	}
	return peak
}

// TestExportStreams: exporting five times the responses takes about the
// same memory. The Data sheets stream from the store in batches, the
// analysis keeps counts, and the workbook's rows go to excelize's stream
// writer, so 40,000 more responses (about 7 million more cells) must not
// add more than a few megabytes.
func TestExportStreams(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 50,000 responses: skipped with -short")
	}
	f := newFixture(t)
	q := loadQuestionnaire(t, bundledFile)
	rev := f.review("big", "Big review", q, 10)
	base := newGenerator(q, 21, f.trusts).responses("r", 1000)
	export := func() error {
		return Workbook(f.ctx, f.st, f.questionnaires(), Options{Review: "big", Software: "pulse test"}, io.Discard)
	}
	f.load(copies(base, 0, 10), rev)
	small := peakHeap(t, export)
	f.load(copies(base, 10, 50), rev)
	large := peakHeap(t, export)
	t.Logf("peak heap in use: %.1f MB at 10,000 responses, %.1f MB at 50,000", float64(small)/1e6, float64(large)/1e6)
	const allowed = 24 << 20
	if large > small+allowed {
		t.Errorf("peak heap grew by %.1f MB from 10,000 to 50,000 responses; streaming allows %d MB", float64(large-small)/1e6, allowed>>20)
	}
}
