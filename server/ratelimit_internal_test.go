package server

import (
	"testing"
	"time"
)

// TestRateLimitWindows: the count starts again when the wall clock's window turns, and
// Reset says how long until then.
func TestRateLimitWindows(t *testing.T) {
	l := newAPILimiter(RateLimit{Requests: 2, Window: time.Minute}, nil)
	now := time.Date(2026, 11, 30, 10, 0, 15, 0, time.UTC)
	l.now = func() time.Time { return now }
	steps := []struct {
		at        time.Duration // after 10:00:15
		wantOK    bool
		wantLeft  int
		wantReset time.Duration
	}{
		{0, true, 1, 45 * time.Second},
		{10 * time.Second, true, 0, 35 * time.Second},
		{20 * time.Second, false, 0, 25 * time.Second},
		{45 * time.Second, true, 1, 60 * time.Second}, // 10:01:00, a new window
		{46 * time.Second, true, 0, 59 * time.Second},
	}
	start := now
	for _, s := range steps {
		now = start.Add(s.at)
		ok, left, reset := l.take("client")
		if ok != s.wantOK || left != s.wantLeft || reset != s.wantReset {
			t.Errorf("at %s: got %v, %d left, reset %s; want %v, %d, %s", now.Format("15:04:05"), ok, left, reset, s.wantOK, s.wantLeft, s.wantReset)
		}
	}
	if n := len(l.used); n != 1 {
		t.Errorf("%d clients remembered, want the one of this window", n)
	}
}
