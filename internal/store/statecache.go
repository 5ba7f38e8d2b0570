package store

import (
	"crypto/sha256"
	"maps"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/researchpulse/pulse/internal/survey"
)

// The response-state cache.
//
// Every respondent request starts by reading its response, review and
// answers. On SQLite that read is most of a request's cost: each commit
// by the writer makes every reader connection drop its page cache, so
// under load each read goes back to the file. But on SQLite this process
// is the only writer of a response once it exists (responses are created
// and changed by the respondent path alone), so it can keep what it last
// wrote and answer from memory.
//
// The rules that keep memory and the database the same:
//   - The writer updates an entry only after the transaction holding the
//     change has committed, in the writer's goroutine, so entries change
//     in commit order. A write whose outcome is an error drops the entry.
//   - A reader that missed inserts what it read only when there is no
//     entry and nothing has been written or dropped since it began
//     reading (the epoch): a read that raced a write never replaces what
//     the write left, even if the write's entry was evicted since.
//   - The write path never trusts the cache: a change is decided against
//     the answers read inside its own transaction.
//
// Reviews are kept for reviewTTL: a review changed by this process is
// dropped at once; one changed by another process on the same file (say
// `pulse review close`) is seen within reviewTTL. PostgreSQL, where
// several servers may share the database, does not use the cache.

// cacheResponses bounds the responses kept (about 5 KB each with a full
// questionnaire's answers); reviewTTL is how long a review is trusted.
const (
	cacheResponses = 8192
	reviewTTL      = time.Second
)

type stateCache struct {
	mu sync.Mutex
	// epoch counts writes and drops of responses; reviewEpoch drops of
	// reviews.
	epoch, reviewEpoch uint64
	byID               map[string]cachedResponse
	byResume           map[[sha256.Size]byte]string
	reviews            map[int64]cachedReview
	links              map[string]cachedLink // by lower-case key
	max                int
	now                func() time.Time
	closed             bool // the store is closed: nothing is answered from memory
	// hits and misses count lookups, for tests and benchmarks.
	hits, misses atomic.Int64
}

type cachedResponse struct {
	resp    Response
	answers survey.Answers
}

type cachedReview struct {
	review Review
	at     time.Time
}

type cachedLink struct {
	link ReviewLink
	at   time.Time
}

func newStateCache(max int, now func() time.Time) *stateCache {
	return &stateCache{
		byID: map[string]cachedResponse{}, byResume: map[[sha256.Size]byte]string{},
		reviews: map[int64]cachedReview{}, links: map[string]cachedLink{}, max: max, now: now,
	}
}

// lookup returns the cached state of the response id (or, when id is
// empty, of the response whose resume secret hashes to hash).
func (c *stateCache) lookup(id string, hash []byte) (ResponseState, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return ResponseState{}, false
	}
	if id == "" {
		id = c.byResume[[sha256.Size]byte(hash)]
	}
	e, ok := c.byID[id]
	var rev cachedReview
	if ok {
		rev, ok = c.reviews[e.resp.ReviewID]
		ok = ok && c.now().Sub(rev.at) < reviewTTL
	}
	if !ok {
		c.misses.Add(1)
		return ResponseState{}, false
	}
	c.hits.Add(1)
	return ResponseState{Response: e.resp.clone(), Review: rev.review, Answers: cloneAnswers(e.answers)}, true
}

// link returns the review link with key and its review, both read
// within reviewTTL (a link's trust may be renamed, its review closed).
func (c *stateCache) link(key string) (Review, ReviewLink, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	l, ok := c.links[key]
	if c.closed || !ok || c.now().Sub(l.at) >= reviewTTL {
		return Review{}, ReviewLink{}, false
	}
	rev, ok := c.reviews[l.link.ReviewID]
	if !ok || c.now().Sub(rev.at) >= reviewTTL {
		return Review{}, ReviewLink{}, false
	}
	return rev.review, l.link, true
}

// fillLink keeps a link and its review read by a read that began at
// start, unless a review was dropped since.
func (c *stateCache) fillLink(start readStart, key string, rev Review, link ReviewLink) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if start.reviewEpoch != c.reviewEpoch {
		return
	}
	now := c.now()
	c.reviews[rev.ID] = cachedReview{review: rev, at: now}
	c.links[key] = cachedLink{link: link, at: now}
}

// readStart is when a read of the database began, for fill.
type readStart struct{ epoch, reviewEpoch uint64 }

// begin is called before a read of the database; its result goes to fill.
func (c *stateCache) begin() readStart {
	c.mu.Lock()
	defer c.mu.Unlock()
	return readStart{c.epoch, c.reviewEpoch}
}

// fill keeps a state read from the database by a read that began at
// start: the review if no review was dropped since, the response if no
// response was written or dropped since and none is cached.
func (c *stateCache) fill(start readStart, st ResponseState, hash []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if start.reviewEpoch == c.reviewEpoch {
		c.reviews[st.Review.ID] = cachedReview{review: st.Review, at: c.now()}
	}
	c.resumes(hash, st.Response.ID)
	if _, ok := c.byID[st.Response.ID]; ok || start.epoch != c.epoch {
		return
	}
	c.make(st.Response.ID)
	c.byID[st.Response.ID] = cachedResponse{resp: st.Response.clone(), answers: cloneAnswers(st.Answers)}
}

// committed records what a committed write left; the writer calls it in
// commit order.
func (c *stateCache) committed(s Snapshot, hash []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.epoch++
	c.make(s.Response.ID)
	c.byID[s.Response.ID] = cachedResponse{resp: s.Response.clone(), answers: cloneAnswers(s.Answers)}
	c.resumes(hash, s.Response.ID)
}

// resumes records that the resume secret hashing to hash (if given) opens
// response id: that never changes. Called with mu held; the map is
// emptied when it reaches twice the responses kept, and links are found
// again on the next miss.
func (c *stateCache) resumes(hash []byte, id string) {
	if len(hash) != sha256.Size {
		return
	}
	if len(c.byResume) >= 2*c.max {
		clear(c.byResume)
	}
	c.byResume[[sha256.Size]byte(hash)] = id
}

// make makes room for id, evicting an arbitrary entry when full.
// Called with mu held. An eviction needs no epoch of its own: a write
// that an evicted entry held has moved the epoch already, so no read
// that began before it can fill the place.
func (c *stateCache) make(id string) {
	if _, ok := c.byID[id]; ok || len(c.byID) < c.max {
		return
	}
	for old := range c.byID {
		delete(c.byID, old)
		break
	}
}

// drop forgets response id: a write to it failed or changed what the
// cache cannot follow.
func (c *stateCache) drop(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.epoch++
	delete(c.byID, id)
}

// dropReview forgets review id after this process changed it.
func (c *stateCache) dropReview(id int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.reviewEpoch++
	delete(c.reviews, id)
}

// close empties the cache and answers nothing from it any more.
func (c *stateCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	clear(c.byID)
	clear(c.byResume)
	clear(c.reviews)
	clear(c.links)
}

// cloneAnswers copies answers with their codes, so the cache and its
// callers never share a slice.
func cloneAnswers(in survey.Answers) survey.Answers {
	out := make(survey.Answers, len(in))
	for id, a := range in {
		a.Codes = slices.Clone(a.Codes)
		out[id] = a
	}
	return out
}

// clone copies the response's trail, so callers never share it with the
// cache.
func (r Response) clone() Response {
	r.Trail = slices.Clone(r.Trail)
	if r.SubmittedHour != nil {
		h := *r.SubmittedHour
		r.SubmittedHour = &h
	}
	return r
}

// After is the snapshot a committed change leaves: this snapshot with p
// applied, as applyPage writes it. The write transaction held the
// response, so this is what the database then holds.
func (s Snapshot) After(p PageSave, hour time.Time) Snapshot {
	answers := make(survey.Answers, len(s.Answers)+len(p.Set))
	maps.Copy(answers, s.Answers)
	maps.Copy(answers, p.Set)
	for _, id := range p.Delete {
		delete(answers, id)
	}
	for _, c := range p.Clear {
		delete(answers, c.ItemID)
	}
	r := s.Response.clone()
	for dst, v := range map[*string]string{&r.Section: p.Section, &r.Furthest: p.Furthest, &r.Language: p.Language} {
		if v != "" {
			*dst = v
		}
	}
	if p.Trail != nil {
		r.Trail = slices.Clone(p.Trail)
	}
	r.UpdatedHour = hour
	if p.Submit {
		r.Status, r.SubmittedHour = ResponseSubmitted, &hour
	}
	return Snapshot{Response: r, Answers: answers}
}

// CacheStats reports the response-state cache's hits and misses since the
// store opened (zero without a cache).
func (s *Store) CacheStats() (hits, misses int64) {
	if s.cache == nil {
		return 0, 0
	}
	return s.cache.hits.Load(), s.cache.misses.Load()
}
