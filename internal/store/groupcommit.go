package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"gorm.io/gorm"

	"github.com/researchpulse/pulse/internal/turns"
)

// Group commit for SQLite's single writer.
//
// With synchronous=FULL every commit waits for an fsync, so one write per
// transaction caps throughput at the disk's fsyncs per second. Instead,
// writes queue in the order they arrive (first in, first out, however many
// wait), and the writer takes every write waiting, up to maxBatch, into
// one transaction: each runs inside a savepoint of its own, so one that
// fails (a conflict, a constraint) is rolled back alone and the others go
// on; then the transaction commits, with one fsync, and only after that is
// each write answered. Nothing is acknowledged before the commit that
// holds it is durable.
//
// If the transaction itself fails (the disk is full, the commit fails), no
// write in it was made: each is then run again in a transaction of its
// own, so each gets its own outcome.

// maxBatch bounds the writes in one transaction, so one commit's latency
// stays bounded however long the queue grows.
const maxBatch = 128

// committer runs every write transaction of a SQLite store.
type committer struct {
	db       *gorm.DB
	mu       sync.RWMutex // held to send; Lock marks closed
	closed   bool
	queue    chan *writeOp
	stop     chan struct{}
	stopped  chan struct{}
	maxBatch int
	// delay is slept before each commit: a stand-in for a slow disk's
	// fsync, for benchmarks only (Config.CommitDelay).
	delay time.Duration
	// commits counts transactions committed, for tests.
	commits atomic.Int64
}

// writeOp is one write waiting for the writer.
type writeOp struct {
	ctx context.Context
	fn  func(tx *gorm.DB) error
	// after, when set, is told in the writer's goroutine, in commit
	// order, whether fn's change committed; a write never run is not told.
	after func(committed bool)
	err   error
	done  chan error
	turn  *turns.Turn  // the caller's turn, given back while it waits
	state atomic.Int32 // opWaiting, then opStarted or opGaveUp
}

// A write's state: the writer starts it, or its caller gives up waiting,
// whichever comes first; a write run again after its shared transaction
// failed is already started.
const (
	opWaiting int32 = iota
	opStarted
	opGaveUp
)

// errStoreClosed answers writes sent after Close.
var errStoreClosed = errors.New("store closed")

func newCommitter(db *gorm.DB, batch int, delay time.Duration) *committer {
	c := &committer{db: db, queue: make(chan *writeOp, 4096), stop: make(chan struct{}), stopped: make(chan struct{}),
		maxBatch: batch, delay: delay}
	go c.loop()
	return c
}

// write queues fn and waits until the transaction holding it has
// committed (nil) or it has failed. A write not begun within wait (queued
// behind others, or the writer waiting for a lock another process holds)
// is given up with ErrBusy and never runs; one begun is waited for. A
// write whose context ends while it waits is not run either.
func (c *committer) write(ctx context.Context, wait time.Duration, fn func(tx *gorm.DB) error, after func(committed bool)) error {
	op := &writeOp{ctx: ctx, fn: fn, after: after, done: make(chan error, 1)}
	// Waiting here takes no processor: the caller's turn goes to others
	// until its write is answered (finish).
	op.turn = turns.Away(ctx)
	timer := time.NewTimer(wait)
	defer timer.Stop()
	c.mu.RLock()
	if c.closed {
		c.mu.RUnlock()
		return errStoreClosed
	}
	select {
	case c.queue <- op:
	case <-ctx.Done():
		c.mu.RUnlock()
		return ctx.Err()
	case <-timer.C:
		c.mu.RUnlock()
		return fmt.Errorf("%w: the write queue stayed full for %s", ErrBusy, wait)
	}
	c.mu.RUnlock()
	select {
	case err := <-op.done:
		return err
	case <-timer.C:
		if op.state.CompareAndSwap(opWaiting, opGaveUp) {
			return fmt.Errorf("%w: no write lock within %s", ErrBusy, wait)
		}
		return <-op.done
	}
}

// close stops taking writes, finishes those queued and stops the writer.
func (c *committer) close() {
	c.mu.Lock()
	already := c.closed
	c.closed = true
	c.mu.Unlock()
	if !already {
		close(c.stop)
	}
	<-c.stopped
}

func (c *committer) loop() {
	defer close(c.stopped)
	batch := make([]*writeOp, 0, c.maxBatch)
	for {
		select {
		case op := <-c.queue:
			batch = append(batch[:0], op)
		case <-c.stop:
			for {
				select {
				case op := <-c.queue:
					c.run([]*writeOp{op})
				default:
					return
				}
			}
		}
	fill:
		for len(batch) < c.maxBatch {
			select {
			case op := <-c.queue:
				batch = append(batch, op)
			default:
				break fill
			}
		}
		c.run(batch)
		clear(batch)
	}
}

// run commits a batch and answers each of its writes.
func (c *committer) run(batch []*writeOp) {
	live := batch[:0:0]
	for _, op := range batch {
		if op.state.Load() == opGaveUp {
			op.done <- errGaveUp // its caller has gone with ErrBusy
			continue
		}
		if err := op.ctx.Err(); err != nil {
			op.finish(err)
			continue
		}
		live = append(live, op)
	}
	switch {
	case len(live) == 1:
		live[0].err = c.alone(live[0])
	case len(live) > 1:
		if err := c.together(live); err != nil {
			for _, op := range live {
				if errors.Is(classify(err), ErrUnavailable) {
					// Full or locked: alone they would wait and fail the
					// same way, one after another.
					op.err = err
					continue
				}
				op.err = c.alone(op)
			}
		}
	}
	for _, op := range live {
		if op.after != nil {
			op.after(op.err == nil)
		}
		op.finish(op.err)
	}
}

// finish answers a write its caller waits for, once the caller has a turn
// again (turns.Turn.Back): a commit answering many writes does not wake
// them all at once.
func (op *writeOp) finish(err error) {
	op.turn.Back(func() { op.done <- err })
}

// ctx is the context writes run under once taken: not the request's, so
// a client going away cannot interrupt a transaction others share.
func (c *committer) ctx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), time.Minute)
}

// alone runs one write in a transaction of its own.
func (c *committer) alone(op *writeOp) error {
	ctx, cancel := c.ctx()
	defer cancel()
	err := c.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := op.call(tx); err != nil {
			return err
		}
		c.beforeCommit()
		return nil
	})
	if err == nil {
		c.commits.Add(1)
	}
	return err
}

// together runs writes in one transaction, each in a savepoint, and
// commits once. It sets each write's own error; an error returned means
// the transaction failed and none of them was made.
func (c *committer) together(ops []*writeOp) error {
	ctx, cancel := c.ctx()
	defer cancel()
	err := c.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		t, err := sqlTx(tx)
		if err != nil {
			return err
		}
		for _, op := range ops {
			if _, err := t.ExecContext(ctx, "SAVEPOINT w"); err != nil {
				return err
			}
			if op.err = op.call(tx); op.err != nil {
				if err := rollbackTo(ctx, t); err != nil {
					return err
				}
			}
			if _, err := t.ExecContext(ctx, "RELEASE w"); err != nil {
				return err
			}
		}
		c.beforeCommit()
		return nil
	})
	if err == nil {
		c.commits.Add(1)
	}
	return err
}

// call runs the write; a panic in it fails that write alone rather than
// the writer.
func (op *writeOp) call(tx *gorm.DB) (err error) {
	if !op.state.CompareAndSwap(opWaiting, opStarted) && op.state.Load() != opStarted {
		return errGaveUp
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("write panicked: %v", r)
		}
	}()
	return op.fn(tx)
}

// rollbackTo undoes the current write. SQLite rolls back the whole
// transaction after some errors (a full disk, an I/O error); then there
// is no savepoint left and the batch has failed.
func rollbackTo(ctx context.Context, t *sql.Tx) error {
	_, err := t.ExecContext(ctx, "ROLLBACK TO w")
	return err
}

func (c *committer) beforeCommit() {
	if c.delay > 0 {
		time.Sleep(c.delay)
	}
}
