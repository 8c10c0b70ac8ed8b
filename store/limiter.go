package store

import (
	"fmt"
	"net/netip"
	"sync"
	"time"
)

// The login limits: an account may fail MaxAccountFailures times, and a client address
// MaxClientFailures times, in any LoginWindow. A successful login clears the account's
// failures. An IPv6 client counts by its /64, the block one subscriber usually holds.
const (
	LoginWindow        = 15 * time.Minute
	MaxAccountFailures = 5
	MaxClientFailures  = 20
)

// RateLimitError refuses a login attempt over a limit: try again after RetryAfter.
type RateLimitError struct {
	RetryAfter time.Duration
}

func (e *RateLimitError) Error() string {
	return fmt.Sprintf("too many failed sign-in attempts: try again in %d seconds", e.Seconds())
}

// Seconds is RetryAfter in whole seconds, rounded up, at least 1.
func (e *RateLimitError) Seconds() int {
	return max(1, int((e.RetryAfter+time.Second-1)/time.Second))
}

// loginLimiter counts failed logins in memory: one binary serves the portal, so there is
// nothing to share, and a failed attempt costs no database write. A restart forgets the
// counts; the hashing cost still bounds guessing. Each key keeps at most its limit of
// times, all within the window, and keys with nothing recent are swept once a minute.
//
// An attempt counts as a failure from its start (begin) until it is known to have
// succeeded, so parallel attempts cannot slip past a limit.
type loginLimiter struct {
	mu        sync.Mutex
	accounts  map[string][]time.Time
	clients   map[string][]time.Time
	lastSweep time.Time
}

func newLoginLimiter() *loginLimiter {
	return &loginLimiter{accounts: map[string][]time.Time{}, clients: map[string][]time.Time{}}
}

// clientKey is the key a client address counts under: IPv6 by /64.
func clientKey(addr string) string {
	ip, err := netip.ParseAddr(addr)
	if err != nil {
		return addr
	}
	ip = ip.Unmap()
	if ip.Is6() {
		p, _ := ip.Prefix(64)
		return p.String()
	}
	return ip.String()
}

// begin counts an attempt against the account and the client, or refuses it with a
// *RateLimitError when either has used up its failures.
func (l *loginLimiter) begin(now time.Time, account, client string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sweep(now)
	a := recent(l.accounts[account], now)
	c := recent(l.clients[client], now)
	var wait time.Duration
	if len(a) >= MaxAccountFailures {
		wait = max(wait, a[len(a)-MaxAccountFailures].Add(LoginWindow).Sub(now))
	}
	if len(c) >= MaxClientFailures {
		wait = max(wait, c[len(c)-MaxClientFailures].Add(LoginWindow).Sub(now))
	}
	if wait > 0 {
		l.set(l.accounts, account, a)
		l.set(l.clients, client, c)
		return &RateLimitError{RetryAfter: wait}
	}
	l.accounts[account] = append(a, now)
	l.clients[client] = append(c, now)
	return nil
}

// succeeded clears the account's failures and takes back the client's count of this
// attempt.
func (l *loginLimiter) succeeded(account, client string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.accounts, account)
	l.set(l.clients, client, dropLast(l.clients[client]))
}

// undo takes back an attempt that neither failed nor succeeded (the database failed).
func (l *loginLimiter) undo(account, client string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.set(l.accounts, account, dropLast(l.accounts[account]))
	l.set(l.clients, client, dropLast(l.clients[client]))
}

func (l *loginLimiter) set(m map[string][]time.Time, key string, times []time.Time) {
	if len(times) == 0 {
		delete(m, key)
	} else {
		m[key] = times
	}
}

// sweep forgets the keys with no failure in the window, at most once a minute.
func (l *loginLimiter) sweep(now time.Time) {
	if now.Sub(l.lastSweep) < time.Minute {
		return
	}
	l.lastSweep = now
	for _, m := range []map[string][]time.Time{l.accounts, l.clients} {
		for k, times := range m {
			if len(recent(times, now)) == 0 {
				delete(m, k)
			}
		}
	}
}

// recent is the times within the window before now (times are in order).
func recent(times []time.Time, now time.Time) []time.Time {
	i := 0
	for i < len(times) && !times[i].After(now.Add(-LoginWindow)) {
		i++
	}
	return times[i:]
}

func dropLast(times []time.Time) []time.Time {
	if len(times) == 0 {
		return times
	}
	return times[:len(times)-1]
}
