package store

import (
	"bytes"
	"testing"
	"time"
)

var allowanceCases = []storeCase{
	{"AllowanceBurstThenRefill", testAllowanceBurst},
	{"AllowanceSharedBetweenServers", testAllowanceShared},
	{"AllowanceStoresNoAddress", testAllowanceNoAddress},
}

// testAllowanceBurst: Burst tries at once, then one every Every; looking
// spends nothing; a refused try is told how long to wait.
func testAllowanceBurst(t *testing.T, e *env) {
	a := Allowance{Every: 20 * time.Second, Burst: 3}
	spend := func(want bool, wantWait time.Duration) {
		t.Helper()
		ok, wait, err := e.s.SpendAllowance(e.ctx, "192.0.2.1", a, true)
		errIs(t, "SpendAllowance", err, nil)
		if ok != want || wait != wantWait {
			t.Fatalf("at %s: allowed %v, wait %s; want %v, %s", e.clock.Now().Format(time.TimeOnly), ok, wait, want, wantWait)
		}
	}
	for range 10 { // looking costs nothing
		if ok, _, err := e.s.SpendAllowance(e.ctx, "192.0.2.1", a, false); !ok || err != nil {
			t.Fatalf("look at a new bucket: %v %v", ok, err)
		}
	}
	spend(true, 0)
	spend(true, 0)
	spend(true, 20*time.Second)
	spend(false, 20*time.Second)
	if ok, wait, _ := e.s.SpendAllowance(e.ctx, "192.0.2.1", a, false); ok || wait != 20*time.Second {
		t.Fatalf("look at an empty bucket: allowed %v, wait %s", ok, wait)
	}
	if ok, _, _ := e.s.SpendAllowance(e.ctx, "192.0.2.2", a, true); !ok {
		t.Fatal("another client was refused")
	}
	e.clock.Set(testNow.Add(15 * time.Second))
	spend(false, 5*time.Second)
	e.clock.Set(testNow.Add(20 * time.Second))
	spend(true, 20*time.Second)
	spend(false, 20*time.Second)
	e.clock.Set(testNow.Add(time.Hour))
	spend(true, 0)
	_, _, err := e.s.SpendAllowance(e.ctx, "x", Allowance{}, true)
	errIs(t, "SpendAllowance without a rate", err, ErrInvalid)
	// Buckets full again are swept.
	e.clock.Set(testNow.Add(2 * time.Hour))
	e.s.sweepAllowances(e.ctx, e.clock.Now())
	var n int64
	errIs(t, "count", e.s.reader.Table("client_allowances").Count(&n).Error, nil)
	if n != 0 {
		t.Errorf("%d buckets left after a sweep of full ones", n)
	}
}

// testAllowanceShared: two servers on one database draw on one bucket.
func testAllowanceShared(t *testing.T, e *env) {
	a := Allowance{Every: time.Minute, Burst: 4}
	other := e.open()
	allowed := 0
	for i := range 10 {
		s := e.s
		if i%2 == 1 {
			s = other
		}
		ok, _, err := s.SpendAllowance(e.ctx, "2001:db8::/64", a, true)
		errIs(t, "SpendAllowance", err, nil)
		if ok {
			allowed++
		}
	}
	if allowed != 4 {
		t.Fatalf("two servers allowed %d tries together; want the one bucket's 4", allowed)
	}
}

// testAllowanceNoAddress: the table holds 3-byte keyed hashes, not
// addresses, and the hashing key belongs to the database.
func testAllowanceNoAddress(t *testing.T, e *env) {
	a := Allowance{Every: time.Second, Burst: 5}
	for _, ip := range []string{"203.0.113.7", "198.51.100.23"} {
		if _, _, err := e.s.SpendAllowance(e.ctx, ip, a, true); err != nil {
			t.Fatal(err)
		}
	}
	var rows []allowanceRow
	errIs(t, "read", e.s.reader.Find(&rows).Error, nil)
	if len(rows) != 2 {
		t.Fatalf("%d rows, want 2", len(rows))
	}
	for _, r := range rows {
		if len(r.Client) != clientKeyBytes || bytes.Contains([]byte("203.0.113.7 198.51.100.23"), r.Client) {
			t.Errorf("stored client key %x: want %d bytes of a keyed hash", r.Client, clientKeyBytes)
		}
	}
	k1, err := e.s.clientKey(e.ctx, "203.0.113.7")
	errIs(t, "clientKey", err, nil)
	k2, err := e.open().clientKey(e.ctx, "203.0.113.7")
	errIs(t, "clientKey", err, nil)
	if !bytes.Equal(k1, k2) {
		t.Errorf("two servers on one database hash one address differently: %x, %x", k1, k2)
	}
	k3, err := openEnv(t, e.fresh(t)).s.clientKey(e.ctx, "203.0.113.7")
	errIs(t, "clientKey", err, nil)
	if bytes.Equal(k1, k3) {
		t.Errorf("two databases share a hashing key")
	}
}
