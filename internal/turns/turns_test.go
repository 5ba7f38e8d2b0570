package turns

import (
	"context"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// waitFor polls until cond holds, failing after a few seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

// queued starts a goroutine taking a turn of class c and returns a
// channel that receives the turn once it has it.
func queued(t *testing.T, q *Queue, c Class) <-chan *Turn {
	t.Helper()
	got := make(chan *Turn, 1)
	r0, s0 := q.Waiting()
	go func() {
		tu, err := q.Take(context.Background(), c)
		if err != nil {
			t.Error(err)
		}
		got <- tu
	}()
	waitFor(t, "the taker to queue", func() bool {
		r, s := q.Waiting()
		return r+s == r0+s0+1
	})
	return got
}

// A turn set free goes to the first render waiting before any save, and
// within a class to the one that asked first.
func TestRendersFirstThenInOrder(t *testing.T) {
	q := New(1)
	first, err := q.Take(context.Background(), Save)
	if err != nil {
		t.Fatal(err)
	}
	save1 := queued(t, q, Save)
	save2 := queued(t, q, Save)
	render1 := queued(t, q, Render)
	render2 := queued(t, q, Render)
	if r, s := q.Waiting(); r != 2 || s != 2 {
		t.Fatalf("waiting %d renders, %d saves; want 2, 2", r, s)
	}
	order := []<-chan *Turn{render1, render2, save1, save2}
	names := []string{"render 1", "render 2", "save 1", "save 2"}
	held := first
	for i, ch := range order {
		held.Release()
		select {
		case held = <-ch:
		case <-time.After(5 * time.Second):
			t.Fatalf("turn %d did not go to %s", i+1, names[i])
		}
		for j, other := range order[i+1:] {
			select {
			case <-other:
				t.Fatalf("%s got a turn while %s held the only one", names[i+1+j], names[i])
			default:
			}
		}
	}
	held.Release()
	if r, s := q.Waiting(); r != 0 || s != 0 || q.free != 1 {
		t.Fatalf("after all: waiting %d, %d; free %d", r, s, q.free)
	}
}

// A taker whose context ends leaves the queue and holds nothing; a turn
// is never lost to it.
func TestTakeCancelled(t *testing.T) {
	q := New(1)
	held, _ := q.Take(context.Background(), Render)
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() {
		_, err := q.Take(ctx, Render)
		errc <- err
	}()
	waitFor(t, "the taker to queue", func() bool { r, _ := q.Waiting(); return r == 1 })
	cancel()
	if err := <-errc; err != context.Canceled {
		t.Fatalf("cancelled take: %v", err)
	}
	if r, _ := q.Waiting(); r != 0 {
		t.Fatalf("a cancelled taker still waits")
	}
	held.Release()
	again, err := q.Take(context.Background(), Save)
	if err != nil || !again.held {
		t.Fatalf("the turn was lost: %v", err)
	}
	again.Release()
	again.Release() // a second release gives nothing back
	if q.free != 1 {
		t.Fatalf("free %d after release twice, want 1", q.free)
	}
}

// Away gives the turn back at once; Back wakes the caller only once it
// has a turn again, and queues it as its class.
func TestAwayAndBack(t *testing.T) {
	q := New(1)
	tu, _ := q.Take(context.Background(), Save)
	ctx := With(context.Background(), tu)
	if Away(ctx) != tu || tu.held {
		t.Fatal("Away did not give the turn back")
	}
	if Away(ctx) != nil {
		t.Fatal("Away of a turn not held returned it")
	}
	// Someone else runs meanwhile.
	other, err := q.Take(context.Background(), Render)
	if err != nil {
		t.Fatal(err)
	}
	woken := make(chan struct{})
	tu.Back(func() { close(woken) })
	select {
	case <-woken:
		t.Fatal("woken while the only turn was held by another")
	case <-time.After(20 * time.Millisecond):
	}
	render := queued(t, q, Render)
	other.Release() // the render waiting goes first
	select {
	case <-woken:
		t.Fatal("a save came back before a render waiting")
	case r := <-render:
		r.Release()
	}
	<-woken
	if !tu.held {
		t.Fatal("woken without the turn")
	}
	tu.Release()

	// With a turn free, Back wakes at once; with no turn, Back is a plain
	// call.
	tu2, _ := q.Take(context.Background(), Save)
	Away(With(context.Background(), tu2))
	called := false
	tu2.Back(func() { called = true })
	if !called || !tu2.held {
		t.Fatal("Back with a turn free did not wake at once")
	}
	tu2.Release()
	called = false
	(*Turn)(nil).Back(func() { called = true })
	if !called {
		t.Fatal("Back of no turn did not wake")
	}
	if Away(context.Background()) != nil {
		t.Fatal("Away of a context without a turn")
	}
}

// Many goroutines taking, giving back while they wait, coming back and
// cancelling never hold more than n turns at once, all finish, and every
// turn is free at the end.
func TestNeverMoreThanN(t *testing.T) {
	for _, n := range []int{1, 2, 3} {
		q := New(n)
		var running, most atomic.Int32
		enter := func() {
			now := running.Add(1)
			for {
				m := most.Load()
				if now <= m || most.CompareAndSwap(m, now) {
					break
				}
			}
			time.Sleep(time.Duration(rand.IntN(200)) * time.Microsecond)
			running.Add(-1)
		}
		var wg sync.WaitGroup
		for g := range 40 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				rng := rand.New(rand.NewPCG(uint64(g), 1))
				for range 50 {
					ctx, cancel := context.WithTimeout(context.Background(), time.Duration(rng.IntN(3000))*time.Microsecond)
					tu, err := q.Take(ctx, Class(rng.IntN(int(classes))))
					if err != nil {
						cancel()
						continue
					}
					enter()
					if rng.IntN(2) == 0 {
						away := Away(With(ctx, tu))
						done := make(chan struct{})
						go func() { // the work it waits for, then its wake-up
							time.Sleep(time.Duration(rng.IntN(100)) * time.Microsecond)
							away.Back(func() { close(done) })
						}()
						<-done
						enter()
					}
					tu.Release()
					cancel()
				}
			}()
		}
		wg.Wait()
		if m := most.Load(); m > int32(n) || m < 1 {
			t.Errorf("n=%d: %d ran at once", n, m)
		}
		if r, s := q.Waiting(); r+s != 0 || q.free != n {
			t.Errorf("n=%d: at the end %d+%d waiting, %d free", n, r, s, q.free)
		}
	}
}
