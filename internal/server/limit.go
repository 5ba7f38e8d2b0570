package server

import (
	"log/slog"
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"golang.org/x/time/rate"

	"github.com/researchpulse/pulse/internal/store"
)

// One limit covers every way of trying a resume code (the form, the
// resume link, the API's resume and its bearer codes) and every way of
// starting a response (the start button and the API). It counts what
// could be abuse: each response started, and each code that matched
// nothing. Successful resumes cost nothing, so staff resuming their own
// answers are never held back by it.
//
// It is per client address and generous, because a trust's staff often
// share one address behind its network's NAT: by default each address may
// start or fail DefaultClientLimit times at once, then that many a minute
// (one a second). 200 staff at one trust starting within about two and a
// half minutes all get through; one client creating responses as fast as
// it can gets 60, then one a second. Resume codes are 130-bit secrets, so
// the limit is not what stops guessing; it stops a client filling the
// database or using the resume form as a free oracle. Addresses are held
// in memory only, and forgotten once their allowance is full again; servers
// sharing a database keep hashed allowances in it (limit_shared.go).
// Behind a reverse proxy every client shares the proxy's address unless
// serve --trusted-proxies names the proxy (clientip.go).
const DefaultClientLimit = 60

// clientLimiter is a token bucket per client address: burst at once,
// refilled at burst a minute. A nil clientLimiter limits nothing.
type clientLimiter struct {
	mu      sync.Mutex
	now     func() time.Time
	burst   int
	clients map[string]*rate.Limiter
	calls   int
	// shared, when set, keeps the buckets in the database instead
	// (limit_shared.go).
	shared *store.Store
	log    *slog.Logger
}

// newClientLimiter limits each address to perMinute (0: the default); a
// negative perMinute is no limit at all.
func newClientLimiter(now func() time.Time, perMinute int) *clientLimiter {
	switch {
	case perMinute < 0:
		return nil
	case perMinute == 0:
		perMinute = DefaultClientLimit
	}
	return &clientLimiter{now: now, burst: perMinute, clients: map[string]*rate.Limiter{}}
}

func (l *clientLimiter) perSecond() float64 { return float64(l.burst) / 60 }

// bucket returns ip's bucket; l.mu is held.
func (l *clientLimiter) bucket(ip string) *rate.Limiter {
	b, ok := l.clients[ip]
	if !ok {
		b = rate.NewLimiter(rate.Limit(l.perSecond()), l.burst)
		l.clients[ip] = b
	}
	l.calls++
	if l.calls%1000 == 0 {
		l.forget()
	}
	return b
}

// forget drops full buckets, which are no different from new ones.
func (l *clientLimiter) forget() {
	now := l.now()
	for ip, b := range l.clients {
		if b.TokensAt(now) >= float64(l.burst) {
			delete(l.clients, ip)
		}
	}
}

// take spends one of ip's allowance, reporting false when none is left.
func (l *clientLimiter) take(ip string) bool {
	if l == nil {
		return true
	}
	if l.shared != nil {
		ok, _ := l.sharedTry(ip, true)
		return ok
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.bucket(clientKey(ip)).AllowN(l.now(), 1)
}

// fail records a code that matched nothing.
func (l *clientLimiter) fail(ip string) { l.take(ip) }

// blocked reports whether ip has used its allowance up.
func (l *clientLimiter) blocked(ip string) bool {
	if l == nil {
		return false
	}
	if l.shared != nil {
		ok, _ := l.sharedTry(ip, false)
		return !ok
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.bucket(clientKey(ip)).TokensAt(l.now()) < 1
}

// wait is how long ip must wait for its next try, in whole seconds.
func (l *clientLimiter) wait(ip string) int {
	if l == nil {
		return 1
	}
	if l.shared != nil {
		return l.sharedWait(ip)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	missing := 1 - l.bucket(clientKey(ip)).TokensAt(l.now())
	return max(1, int(math.Ceil(missing/l.perSecond())))
}

// limitStarts spends one of the client's allowance on each start.
func (s *Server) limitStarts(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if !s.limit.take(c.RealIP()) {
			return s.tooMany(c)
		}
		return next(c)
	}
}

// tooMany answers a client over the limit: 429 with Retry-After, as JSON
// under /api/ and as a page (the resume form, on resume routes) elsewhere.
func (s *Server) tooMany(c echo.Context) error {
	c.Response().Header().Set("Retry-After", strconv.Itoa(s.limit.wait(c.RealIP())))
	if isAPI(c.Request().URL.Path) {
		return problem(http.StatusTooManyRequests, "rate_limited", "Too many requests from this address. Wait for the number of seconds in Retry-After, then try again.")
	}
	if isResumePath(c.Path()) {
		return s.renderResume(c, http.StatusTooManyRequests, "", "resume.error.too_many")
	}
	return echo.NewHTTPError(http.StatusTooManyRequests)
}

func isResumePath(route string) bool { return route == "/resume" || route == "/resume/:code" }
