package store

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/researchpulse/pulse/internal/survey"
)

// sameState reports how a cached state differs from one read from the
// database ("" when they agree).
func sameState(cached, read ResponseState) string {
	a, b := cached.Response, read.Response
	switch {
	case a.ID != b.ID || a.ReviewID != b.ReviewID || a.TrustID != b.TrustID || a.QuestionnaireHash != b.QuestionnaireHash:
		return fmt.Sprintf("identity %+v, database %+v", a, b)
	case a.Status != b.Status || a.Language != b.Language || a.Section != b.Section || a.Furthest != b.Furthest || a.Test != b.Test:
		return fmt.Sprintf("position %+v, database %+v", a, b)
	case !slices.Equal(a.Trail, b.Trail):
		return fmt.Sprintf("trail %q, database %q", a.Trail, b.Trail)
	case !a.CreatedHour.Equal(b.CreatedHour) || !a.UpdatedHour.Equal(b.UpdatedHour):
		return fmt.Sprintf("hours %v/%v, database %v/%v", a.CreatedHour, a.UpdatedHour, b.CreatedHour, b.UpdatedHour)
	case (a.SubmittedHour == nil) != (b.SubmittedHour == nil) || a.SubmittedHour != nil && !a.SubmittedHour.Equal(*b.SubmittedHour):
		return fmt.Sprintf("submitted %v, database %v", a.SubmittedHour, b.SubmittedHour)
	case cached.Review.ID != read.Review.ID || cached.Review.Status != read.Review.Status:
		return fmt.Sprintf("review %d %s, database %d %s", cached.Review.ID, cached.Review.Status, read.Review.ID, read.Review.Status)
	case len(cached.Answers) != len(read.Answers):
		return fmt.Sprintf("%d answers, database %d", len(cached.Answers), len(read.Answers))
	}
	for id, x := range cached.Answers {
		y, ok := read.Answers[id]
		if !ok || x.Text != y.Text || x.Other != y.Other || !slices.Equal(x.Codes, y.Codes) {
			return fmt.Sprintf("answer %s %+v, database %+v", id, x, y)
		}
	}
	return ""
}

// randomChange is a page save of random answers to items q1…q12.
func randomChange(rng *rand.Rand) PageSave {
	p := PageSave{Set: survey.Answers{}, Section: fmt.Sprintf("s%d", rng.IntN(5)), Language: []string{"", "en", "cy"}[rng.IntN(3)]}
	used := map[string]bool{}
	item := func() string {
		for {
			id := fmt.Sprintf("q%d", 1+rng.IntN(12))
			if !used[id] {
				used[id] = true
				return id
			}
		}
	}
	for range rng.IntN(4) {
		switch rng.IntN(3) {
		case 0:
			p.Set[item()] = survey.Answer{Codes: []string{fmt.Sprint(rng.IntN(9))}}
		case 1:
			p.Set[item()] = survey.Answer{Text: strings.Repeat("x", 1+rng.IntN(30)), Other: []string{"", "specified"}[rng.IntN(2)]}
		case 2:
			p.Set[item()] = survey.Answer{Codes: []string{"1", "3"}}
		}
	}
	for range rng.IntN(2) {
		p.Delete = append(p.Delete, item())
	}
	for range rng.IntN(2) {
		p.Clear = append(p.Clear, Cleared{ItemID: item(), CauseItem: "q0"})
	}
	if rng.IntN(3) == 0 {
		p.Trail = []string{"s0", p.Section}
	}
	p.Submit = rng.IntN(60) == 0
	return p
}

// TestStateCacheFollowsDatabase runs random saves, failed saves, language
// changes and reads of a few responses from several goroutines at once,
// with a cache small enough to evict, and then requires every response
// as the cache gives it to equal the response read from the file.
func TestStateCacheFollowsDatabase(t *testing.T) {
	for _, size := range []int{cacheResponses, 3} {
		t.Run(fmt.Sprintf("cache of %d", size), func(t *testing.T) {
			e := openEnv(t, sqliteConfig(t))
			if e.s.cache == nil {
				t.Fatal("a SQLite store has no response-state cache")
			}
			e.s.cache.max = size
			f := e.fixture()
			var rs []Response
			for i := range 8 {
				rs = append(rs, e.response(f, i%2, fmt.Sprintf("secret-%d", i)))
			}
			var (
				wg    sync.WaitGroup
				mu    sync.Mutex
				fails []string
			)
			fail := func(format string, args ...any) {
				mu.Lock()
				defer mu.Unlock()
				fails = append(fails, fmt.Sprintf(format, args...))
			}
			for g := range 8 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					rng := rand.New(rand.NewPCG(uint64(g), uint64(size)))
					for n := range 150 {
						i := rng.IntN(len(rs))
						r := rs[i]
						key := fmt.Sprintf("g%d-%d", g, n)
						var err error
						switch op := rng.IntN(10); {
						case op < 5:
							p := randomChange(rng)
							p.ResponseID, p.Key = r.ID, key
							_, _, err = e.s.SavePage(e.ctx, p)
						case op == 5: // a change its decision abandons
							_, _, err = e.s.ChangeResponse(e.ctx, Request{ResponseID: r.ID, Key: key}, func(Snapshot) (*PageSave, error) {
								return nil, errors.New("abandoned")
							})
							if err == nil {
								fail("an abandoned change succeeded")
							}
							err = nil
						case op == 6:
							err = e.s.SetLanguage(e.ctx, r.ID, []string{"en", "cy"}[rng.IntN(2)])
						case op < 9:
							_, err = e.s.ResponseState(e.ctx, r.ID)
						default:
							_, err = e.s.ResponseStateByResume(e.ctx, resumeHash(fmt.Sprintf("secret-%d", i)))
						}
						if err != nil && !errors.Is(err, ErrSubmitted) {
							fail("%s: %v", key, err)
						}
					}
				}()
			}
			wg.Wait()
			for _, m := range fails {
				t.Error(m)
			}
			for i, r := range rs {
				read, err := e.s.readResponseState(e.ctx, r.ID, nil)
				if err != nil {
					t.Fatal(err)
				}
				for _, got := range []func() (ResponseState, error){
					func() (ResponseState, error) { return e.s.ResponseState(e.ctx, r.ID) },
					func() (ResponseState, error) {
						return e.s.ResponseStateByResume(e.ctx, resumeHash(fmt.Sprintf("secret-%d", i)))
					},
				} {
					cached, err := got()
					if err != nil {
						t.Fatal(err)
					}
					if d := sameState(cached, read); d != "" {
						t.Errorf("response %d: cache has %s", i, d)
					}
				}
			}
			if hits, _ := e.s.CacheStats(); hits == 0 {
				t.Error("no read was answered from the cache")
			}
		})
	}
}

// TestStateCacheAfterEveryWrite compares the cache with the file after
// every single write, one at a time: each kind of change must leave in
// memory exactly what it left on disk.
func TestStateCacheAfterEveryWrite(t *testing.T) {
	e := openEnv(t, sqliteConfig(t))
	f := e.fixture()
	rng := rand.New(rand.NewPCG(7, 7))
	for i := range 4 {
		r := e.response(f, i%2, fmt.Sprintf("secret-%d", i))
		for n := range 40 {
			p := randomChange(rng)
			p.ResponseID, p.Key = r.ID, fmt.Sprintf("%d-%d", i, n)
			p.Submit = n == 39
			if n%10 == 9 {
				if err := e.s.SetLanguage(e.ctx, r.ID, "cy"); err != nil {
					t.Fatal(err)
				}
			} else {
				e.save(p)
			}
			cached, err := e.s.ResponseState(e.ctx, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			read, err := e.s.readResponseState(e.ctx, r.ID, nil)
			if err != nil {
				t.Fatal(err)
			}
			if d := sameState(cached, read); d != "" {
				t.Fatalf("response %d after write %d: cache has %s", i, n, d)
			}
		}
	}
	if hits, misses := e.s.CacheStats(); hits < 100 {
		t.Errorf("%d hits, %d misses: the cache was hardly used", hits, misses)
	}
}

// TestStateCacheStaleReadNeverWins plays the races between a read that
// missed and a write: what the write committed is never replaced by what
// the read saw before it, even when the write's entry was evicted.
func TestStateCacheStaleReadNeverWins(t *testing.T) {
	now := func() time.Time { return testNow }
	state := func(id, section string) ResponseState {
		return ResponseState{Response: Response{ID: id, ReviewID: 1, Section: section}, Review: Review{ID: 1}, Answers: survey.Answers{}}
	}
	snap := func(st ResponseState) Snapshot { return Snapshot{Response: st.Response, Answers: st.Answers} }
	section := func(c *stateCache, id string) string {
		st, ok := c.lookup(id, nil)
		if !ok {
			return "(none)"
		}
		return st.Response.Section
	}

	c := newStateCache(10, now)
	start := c.begin()
	c.committed(snap(state("a", "written")), nil)
	c.fill(start, state("a", "read before"), nil)
	if got := section(c, "a"); got != "written" {
		t.Errorf("read that raced a write: cache has %q", got)
	}

	c = newStateCache(1, now)
	c.fill(c.begin(), state("b", "b"), nil) // review 1 cached, b fills the one place
	start = c.begin()
	c.committed(snap(state("a", "written")), nil) // evicts b
	c.committed(snap(state("b", "b again")), nil) // evicts a
	c.fill(start, state("a", "read before"), nil)
	if got := section(c, "a"); got != "(none)" {
		t.Errorf("read that raced a write since evicted: cache has %q", got)
	}

	c = newStateCache(10, now)
	start = c.begin()
	c.drop("a")
	c.fill(start, state("a", "read before"), nil)
	if got := section(c, "a"); got != "(none)" {
		t.Errorf("read that raced a failed write: cache has %q", got)
	}
	c.fill(c.begin(), state("a", "read after"), nil)
	if got := section(c, "a"); got != "read after" {
		t.Errorf("a read with nothing racing it was not kept: %q", got)
	}
}

// TestStateCacheCallerCannotChangeIt: what a read returns, and what a
// save was given, are the caller's own: changing them changes nothing
// cached.
func TestStateCacheCallerCannotChangeIt(t *testing.T) {
	e := openEnv(t, sqliteConfig(t))
	f := e.fixture()
	r := e.response(f, 0, "s")
	set := survey.Answers{"q1": {Codes: []string{"2"}}}
	e.save(PageSave{ResponseID: r.ID, Key: "k1", Set: set, Trail: []string{"a"}})
	set["q1"].Codes[0] = "8" // the saver's own map, changed after the save
	// A first read keeps the review, so the second is answered from memory.
	if _, err := e.s.ResponseState(e.ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	hits, _ := e.s.CacheStats()
	st, err := e.s.ResponseState(e.ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if now, _ := e.s.CacheStats(); now != hits+1 {
		t.Fatal("the second read was not answered from the cache")
	}
	st.Answers["q1"].Codes[0] = "9"
	st.Answers["q2"] = survey.Answer{Text: "added"}
	st.Response.Trail[0] = "changed"
	again, err := e.s.ResponseState(e.ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	read, _ := e.s.readResponseState(e.ctx, r.ID, nil)
	if d := sameState(again, read); d != "" {
		t.Fatalf("a caller's change reached the cache: %s", d)
	}
}

// TestStateCacheFailedWriteDropsEntry: a write that does not commit (the
// disk is full) leaves the cache as the database is.
func TestStateCacheFailedWriteDropsEntry(t *testing.T) {
	cfg := sqliteConfig(t)
	cfg.MaxPageCount = 64
	e := openEnv(t, cfg)
	f := e.fixture()
	r := e.response(f, 0, "s")
	e.save(PageSave{ResponseID: r.ID, Key: "small", Set: survey.Answers{"q1": {Text: "kept"}}})
	if _, err := e.s.ResponseState(e.ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	_, _, err := e.s.SavePage(e.ctx, PageSave{ResponseID: r.ID, Key: "huge", Section: "next",
		Set: survey.Answers{"q2": {Text: strings.Repeat("long answer text ", 20000)}}})
	errIs(t, "huge save", err, ErrFull)
	cached, err := e.s.ResponseState(e.ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	read, _ := e.s.readResponseState(e.ctx, r.ID, nil)
	if d := sameState(cached, read); d != "" || len(cached.Answers) != 1 || cached.Response.Section == "next" {
		t.Fatalf("after a failed save the cache has %s (answers %v, section %q)", d, cached.Answers, cached.Response.Section)
	}
}

// TestStateCacheSeesReviewChanges: a review closed by this process shows
// at once, to a response and to its link; one closed by another process
// on the same file within reviewTTL; and a store opened with
// NoStateCache always reads the file.
func TestStateCacheSeesReviewChanges(t *testing.T) {
	e := openEnv(t, sqliteConfig(t))
	f := e.fixture()
	r := e.response(f, 0, "s")
	status := func() string {
		t.Helper()
		st, err := e.s.ResponseState(e.ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		rev, link, err := e.s.ReviewLinkByKey(e.ctx, strings.ToUpper(f.links[0].Key))
		if err != nil || link.Key != f.links[0].Key {
			t.Fatalf("link %+v, %v", link, err)
		}
		if rev.Status != st.Review.Status {
			t.Fatalf("the link's review is %s, the response's %s", rev.Status, st.Review.Status)
		}
		return st.Review.Status
	}
	if got := status(); got != ReviewOpen {
		t.Fatalf("status %q", got)
	}
	if err := e.s.ChangeReviewStatus(e.ctx, f.review.ID, ReviewOpen, ReviewClosed); err != nil {
		t.Fatal(err)
	}
	if got := status(); got != ReviewClosed {
		t.Fatalf("after closing here the cache gives %q", got)
	}
	other := e.open() // another process on the same file
	if err := other.SetReviewStatus(e.ctx, f.review.ID, ReviewOpen); err != nil {
		t.Fatal(err)
	}
	e.clock.Set(testNow.Add(reviewTTL))
	if got := status(); got != ReviewOpen {
		t.Fatalf("%s after another process reopened the review, the cache gives %q", reviewTTL, got)
	}

	cfg := e.cfg
	cfg.NoStateCache = true
	plain, err := Open(e.ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	if plain.cache != nil {
		t.Fatal("NoStateCache left a cache")
	}
	if err := other.SetReviewStatus(e.ctx, f.review.ID, ReviewClosed); err != nil {
		t.Fatal(err)
	}
	st, err := plain.ResponseState(e.ctx, r.ID)
	if err != nil || st.Review.Status != ReviewClosed {
		t.Fatalf("without a cache: %q, %v", st.Review.Status, err)
	}
}

// TestStateCacheFindsResumeCodesAgain: once the map from resume secrets
// has been emptied (it is bounded), the next read by resume secret links
// it again, even though the response itself is still cached.
func TestStateCacheFindsResumeCodesAgain(t *testing.T) {
	c := newStateCache(4, func() time.Time { return testNow })
	hash := resumeHash("secret")
	st := ResponseState{Response: Response{ID: "a", ReviewID: 1, Section: "s1"}, Review: Review{ID: 1}, Answers: survey.Answers{}}
	c.committed(Snapshot{Response: st.Response, Answers: st.Answers}, hash)
	c.fill(c.begin(), st, nil) // caches review 1
	if _, ok := c.lookup("", hash); !ok {
		t.Fatal("a response just made is not found by its resume secret")
	}
	for i := range 2 * c.max { // other responses fill the map of secrets until it is emptied
		c.committed(Snapshot{Response: Response{ID: fmt.Sprint(i), ReviewID: 1}}, resumeHash(fmt.Sprint(i)))
	}
	c.committed(Snapshot{Response: st.Response, Answers: st.Answers}, nil) // "a" cached again, by id only
	if _, ok := c.lookup("", hash); ok {
		t.Fatal("expected the secret to have been forgotten")
	}
	c.fill(c.begin(), st, hash) // the read by secret that missed
	if got, ok := c.lookup("", hash); !ok || got.Response.ID != "a" {
		t.Fatalf("after a read by secret: %+v, %v", got.Response, ok)
	}
	if n := len(c.byResume); n > 2*c.max {
		t.Fatalf("%d resume secrets kept, bound %d", n, 2*c.max)
	}
}
