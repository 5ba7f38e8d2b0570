// Package turns lets request handlers take turns on the processors, page
// renders before saves.
//
// Go's scheduler runs every runnable goroutine in turn, first come first
// served. On a busy server that means a respondent waiting for a page
// waits behind every save that happens to be runnable: each group commit
// wakes tens of saves at once, and a render arriving just after them
// queues behind all of their remaining work. A Queue hands out a fixed
// number of turns (one per processor): a handler runs its work while it
// holds one, and a turn set free goes to the longest-waiting render first,
// then to the longest-waiting save. A handler that blocks for something
// other than the processor (a save waiting for its commit) gives its turn
// back for that time (Away), so a turn is never held by a goroutine that
// is not running, and is woken only once it has a turn again (Back).
//
// Nothing is dropped or reordered within a class: renders take turns in
// the order they asked, and so do saves. Under load saves wait longer,
// and a render waits in the queue only for the work already running.
package turns

import (
	"context"
	"sync"
)

// Class is the kind of work a handler does, in order of priority.
type Class int

const (
	Render Class = iota // reads a page to show: runs first
	Save                // changes something: runs when no render waits
	classes
)

// Queue hands out turns.
type Queue struct {
	mu      sync.Mutex
	free    int
	waiting [classes][]*waiter
}

type waiter struct {
	turn    *Turn
	ch      chan struct{} // closed when the turn is handed over, or
	then    func()        // called instead, when set
	granted bool
}

// New returns a queue of n turns (at least 1).
func New(n int) *Queue {
	return &Queue{free: max(n, 1)}
}

// Turn is one handler's claim on a queue.
type Turn struct {
	q     *Queue
	class Class
	held  bool
}

// Take waits for a turn of class c; it returns the context's error, and
// no turn, if the context ends first. Release gives the turn back.
func (q *Queue) Take(ctx context.Context, c Class) (*Turn, error) {
	t := &Turn{q: q, class: c}
	if err := t.take(ctx); err != nil {
		return nil, err
	}
	return t, nil
}

func (t *Turn) take(ctx context.Context) error {
	q := t.q
	q.mu.Lock()
	if q.free > 0 {
		q.free--
		q.mu.Unlock()
		t.held = true
		return nil
	}
	w := &waiter{turn: t, ch: make(chan struct{})}
	q.waiting[t.class] = append(q.waiting[t.class], w)
	q.mu.Unlock()
	select {
	case <-w.ch:
		return nil
	case <-ctx.Done():
	}
	q.mu.Lock()
	if w.granted {
		// Handed over as the context ended: pass it on.
		q.mu.Unlock()
		t.Release()
		return ctx.Err()
	}
	list := q.waiting[t.class]
	for i, x := range list {
		if x == w {
			q.waiting[t.class] = append(list[:i:i], list[i+1:]...)
			break
		}
	}
	q.mu.Unlock()
	return ctx.Err()
}

// give hands a turn to the first render waiting, else the first save
// waiting, else keeps it free.
func (q *Queue) give() {
	q.mu.Lock()
	var w *waiter
	for c := range q.waiting {
		if list := q.waiting[c]; len(list) > 0 {
			w = list[0]
			list[0] = nil
			q.waiting[c] = list[1:]
			break
		}
	}
	if w == nil {
		q.free++
		q.mu.Unlock()
		return
	}
	w.granted = true
	w.turn.held = true
	q.mu.Unlock()
	if w.then != nil {
		w.then()
		return
	}
	close(w.ch)
}

// Release gives the turn back, if it is held.
func (t *Turn) Release() {
	if t != nil && t.held {
		t.held = false
		t.q.give()
	}
}

// Waiting reports how many handlers wait for a turn, by class.
func (q *Queue) Waiting() (renders, saves int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.waiting[Render]), len(q.waiting[Save])
}

type turnKey struct{}

// With returns ctx carrying t, for Away.
func With(ctx context.Context, t *Turn) context.Context {
	return context.WithValue(ctx, turnKey{}, t)
}

// Away gives back the turn ctx carries while its caller waits for
// another goroutine's work (a save waiting for its commit), so that the
// turn is not held by a goroutine that is not running. It returns nil if
// ctx carries no turn.
//
// The goroutine whose work ends calls Back with the function that wakes
// the caller: that function is called only once the caller has a turn
// again. So a commit that ends many saves' waits at once does not make
// them all runnable at once, ahead of renders; they are woken one turn at
// a time.
func Away(ctx context.Context) *Turn {
	t, _ := ctx.Value(turnKey{}).(*Turn)
	if t == nil || !t.held {
		return nil
	}
	t.Release()
	return t
}

// Back queues t, given back by Away, for a turn again and calls wake once
// it has one; with t nil it calls wake at once. wake must not block.
func (t *Turn) Back(wake func()) {
	if t == nil {
		wake()
		return
	}
	q := t.q
	q.mu.Lock()
	if q.free > 0 {
		q.free--
		t.held = true
		q.mu.Unlock()
		wake()
		return
	}
	q.waiting[t.class] = append(q.waiting[t.class], &waiter{turn: t, then: wake})
	q.mu.Unlock()
}
