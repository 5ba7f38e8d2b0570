package server

import (
	"context"
	"log/slog"
	"math"
	"net"
	"time"

	"github.com/researchpulse/pulse/internal/store"
)

// Servers sharing one database (PostgreSQL) keep the client limit's
// buckets in it, so the limit is one limit however many servers a load
// balancer spreads a client over: a resume code guessed at, or responses
// started, through any of them all count. A server alone with its SQLite
// file keeps them in memory, which is exact there and costs no writes.
// Either way the rule is the same token bucket; only where it is kept
// differs. The database never sees an address, only a keyed hash of it
// cut to 3 bytes (store.SpendAllowance).

// sharedTimeout bounds a look at the shared buckets: a database too slow
// to answer lets the request through to fail or succeed on its own.
const sharedTimeout = 2 * time.Second

// shareThrough keeps l's buckets in st when several servers may use it.
func (l *clientLimiter) shareThrough(st *store.Store, log *slog.Logger) {
	if l == nil || st == nil || !st.Shared() {
		return
	}
	l.shared, l.log = st, log
}

// allowance is l's rule as the store keeps it.
func (l *clientLimiter) allowance() store.Allowance {
	return store.Allowance{Every: time.Minute / time.Duration(l.burst), Burst: l.burst}
}

// sharedTry spends one try (spend) or looks, in the database.
func (l *clientLimiter) sharedTry(ip string, spend bool) (bool, time.Duration) {
	ctx, cancel := context.WithTimeout(context.Background(), sharedTimeout)
	defer cancel()
	ok, wait, err := l.shared.SpendAllowance(ctx, clientKey(ip), l.allowance(), spend)
	if err != nil {
		l.log.Warn("client limit unavailable; request let through", "error", err)
		return true, 0
	}
	return ok, wait
}

// sharedWait is sharedTry's wait in whole seconds, at least one.
func (l *clientLimiter) sharedWait(ip string) int {
	_, wait := l.sharedTry(ip, false)
	return max(1, int(math.Ceil(wait.Seconds())))
}

// clientKey is what a limit counts: an IPv4 address, or an IPv6 address's
// /64 network, since one client is usually given a whole /64.
func clientKey(ip string) string {
	a := net.ParseIP(ip)
	if a == nil || a.To4() != nil {
		return ip
	}
	return a.Mask(net.CIDRMask(64, 128)).String() + "/64"
}

// sharedRateStore is Echo's rate limiter store over the database's shared
// allowances, for the sign-in form's per-address limit. Its identifiers
// are kept apart from the respondent limit's by a prefix.
type sharedRateStore struct {
	st     *store.Store
	prefix string
	rule   store.Allowance
	log    *slog.Logger
}

func (r sharedRateStore) Allow(ip string) (bool, error) {
	ctx, cancel := context.WithTimeout(context.Background(), sharedTimeout)
	defer cancel()
	ok, _, err := r.st.SpendAllowance(ctx, r.prefix+clientKey(ip), r.rule, true)
	if err != nil {
		r.log.Warn("sign-in limit unavailable; request let through", "error", err)
		return true, nil
	}
	return ok, nil
}
