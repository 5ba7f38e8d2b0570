package admin

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/researchpulse/pulse/internal/pgtest"
	"github.com/researchpulse/pulse/internal/store"
)

// TestUnknownAddressThrottledAcrossServers: with two servers on one
// PostgreSQL database, failed sign-ins to an address with no account are
// counted together, so alternating between the servers meets the lock at
// the same failure as an account would, and the answers do not tell
// whether the account exists.
func TestUnknownAddressThrottledAcrossServers(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.Schema(t, "pulse_admin")
	now := time.Date(2026, 11, 22, 14, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	var servers []*Service
	for range 2 {
		st, err := store.Open(ctx, store.Config{Driver: store.DriverPostgres, DSN: dsn, Now: clock})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		servers = append(servers, New(Config{Store: st, Now: clock, PasswordCost: testCost}))
	}
	if _, _, err := servers[0].CreateUser(ctx, CommandLine, NewUser{Email: "office@example.nhs.uk", Role: RolePlatformAdmin, Password: "correct horse battery"}); err != nil {
		t.Fatal(err)
	}
	outcomes := func(email string) []error {
		var out []error
		for i := range freeSignins + 1 {
			_, err := servers[i%2].SignIn(ctx, email, "wrong password")
			out = append(out, err)
		}
		return out
	}
	known, unknown := outcomes("office@example.nhs.uk"), outcomes("nobody@example.nhs.uk")
	for i := range known {
		if !errors.Is(unknown[i], known[i]) {
			t.Errorf("attempt %d: an account gives %v, an address with none %v", i+1, known[i], unknown[i])
		}
	}
	if !errors.Is(unknown[freeSignins-1], ErrThrottled) {
		t.Errorf("address with no account after %d failures over two servers: %v, want throttled", freeSignins, unknown[freeSignins-1])
	}
	now = now.Add(2 * time.Minute) // the first lock is a minute
	if _, err := servers[1].SignIn(ctx, "nobody@example.nhs.uk", "x"); !errors.Is(err, ErrThrottled) {
		t.Errorf("after the first lock, the next failure locks again (as for an account): %v", err)
	}
}
