package server

import (
	"fmt"
	"math"
	"net/http"
	"net/netip"
	"strconv"
	"sync"
	"time"

	"github.com/agency/portal/auth"
)

// RateLimit is the fair use of /graphql by other sites and programs: each client address
// (an IPv6 address by its /64) may send Requests in each Window; past that it gets 429 and
// RATE_LIMITED until the window ends. The portal's own pages are not counted.
type RateLimit struct {
	Requests int // 0 or less turns the limit off
	Window   time.Duration
}

// DefaultRateLimit is generous: a partner's sync that pages through 100 items a request
// reads 60,000 items a minute.
var DefaultRateLimit = RateLimit{Requests: 600, Window: time.Minute}

// apiLimiter counts requests per client in fixed windows of the wall clock, which is what
// the RateLimit-* headers describe: a limit, what is left of it, and when it starts again.
// Each instance counts its own clients, in memory: a restart forgets.
type apiLimiter struct {
	limit   RateLimit
	trusted []netip.Prefix
	now     func() time.Time

	mu    sync.Mutex
	start time.Time      // the current window's start
	used  map[string]int // requests per client in the current window
}

func newAPILimiter(limit RateLimit, trusted []netip.Prefix) *apiLimiter {
	return &apiLimiter{limit: limit, trusted: trusted, now: time.Now, used: map[string]int{}}
}

// take counts one request of client: whether it is allowed, how many are left in the
// window, and how long until the window ends. The map is emptied when a window starts, so
// it holds at most the clients of one window.
func (l *apiLimiter) take(client string) (ok bool, left int, reset time.Duration) {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if start := now.Truncate(l.limit.Window); !start.Equal(l.start) {
		l.start = start
		clear(l.used)
	}
	reset = l.start.Add(l.limit.Window).Sub(now)
	n := l.used[client]
	if n >= l.limit.Requests {
		return false, 0, reset
	}
	l.used[client] = n + 1
	return true, l.limit.Requests - n - 1, reset
}

// handler counts the requests to next of every client but the portal's own pages (a
// browser says Sec-Fetch-Site: same-origin) and CORS preflights, answers each with
// RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset (seconds), and refuses one past
// the limit with 429, Retry-After and RATE_LIMITED.
func (l *apiLimiter) handler(next http.Handler) http.Handler {
	if l.limit.Requests <= 0 || l.limit.Window <= 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodOptions || r.Header.Get("Sec-Fetch-Site") == "same-origin" {
			next.ServeHTTP(w, r)
			return
		}
		ok, left, reset := l.take(clientKey(auth.ClientAddr(r, l.trusted)))
		secs := int(math.Ceil(reset.Seconds()))
		h := w.Header()
		h.Set("RateLimit-Limit", strconv.Itoa(l.limit.Requests))
		h.Set("RateLimit-Remaining", strconv.Itoa(left))
		h.Set("RateLimit-Reset", strconv.Itoa(secs))
		h.Set("RateLimit-Policy", fmt.Sprintf("%d;w=%d", l.limit.Requests, int(l.limit.Window.Seconds())))
		if !ok {
			h.Set("Retry-After", strconv.Itoa(secs))
			h.Set("Cache-Control", "private, no-store")
			writeJSON(w, http.StatusTooManyRequests, map[string]any{"errors": []map[string]any{{
				"message": fmt.Sprintf("this address sent more than %d requests in %s to the API; try again in %d s (see the README's fair-use limits)",
					l.limit.Requests, l.limit.Window, secs),
				"extensions": map[string]any{"code": codeRateLimited, "retryAfter": secs},
			}}})
			return
		}
		next.ServeHTTP(w, r)
	})
}

// clientKey is what a client counts as: an IPv4 address itself, an IPv6 address by the
// /64 one subscriber usually holds.
func clientKey(addr string) string {
	ip, err := netip.ParseAddr(addr)
	if err != nil || ip.Is4() {
		return addr
	}
	p, err := ip.Prefix(64)
	if err != nil {
		return addr
	}
	return p.String()
}
