package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/agency/portal/store/storetest"
)

func TestNetworkOf(t *testing.T) {
	tests := []struct{ addr, want string }{
		{"198.51.100.7", "198.51.100.0/24"},
		{"198.51.100.254", "198.51.100.0/24"},
		{"198.51.101.7", "198.51.101.0/24"},
		{"::ffff:198.51.100.7", "198.51.100.0/24"}, // IPv4 in IPv6 counts as IPv4
		{"2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"},
		{"2001:db8:1:2:ffff::1", "2001:db8:1:2::/64"},
		{"2001:db8:1:3::1", "2001:db8:1:3::/64"},
		{"fe80::1%eth0", "fe80::/64"},
		{"@", "@"}, // not an address (a Unix socket's peer): itself
	}
	for _, tt := range tests {
		if got := networkOf(tt.addr); got != tt.want {
			t.Errorf("networkOf(%q) = %q, want %q", tt.addr, got, tt.want)
		}
	}
}

func TestLoginDelay(t *testing.T) {
	tests := []struct {
		failures int
		want     time.Duration
	}{
		{0, 0}, {SlowAfterAccountFailures - 1, 0},
		{SlowAfterAccountFailures, time.Second},
		{SlowAfterAccountFailures + 1, 2 * time.Second},
		{SlowAfterAccountFailures + 2, 4 * time.Second},
		{SlowAfterAccountFailures + 3, 8 * time.Second},
		{SlowAfterAccountFailures + 4, MaxLoginDelay},
		{1000, MaxLoginDelay},
	}
	for _, tt := range tests {
		if got := loginDelay(tt.failures); got != tt.want {
			t.Errorf("loginDelay(%d) = %v, want %v", tt.failures, got, tt.want)
		}
	}
}

// TestLoginLimitsSurviveReopen: the counts are in the database, so a restart (or another
// instance on the same database) keeps them.
func TestLoginLimitsSurviveReopen(t *testing.T) {
	ctx := context.Background()
	path := storetest.DSN(t)
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateUser(ctx, "ana@example.gov.rs", goodPassword, RoleEditor); err != nil {
		t.Fatal(err)
	}
	for i := range MaxAccountFailuresPerNetwork {
		if _, _, err := s.Login(ctx, LoginRequest{Email: "ana@example.gov.rs", Password: "wrong password here", Client: "198.51.100.1"}); !errors.Is(err, ErrBadCredentials) {
			t.Fatalf("failure %d: %v", i, err)
		}
	}
	s.Close()

	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var limited *RateLimitError
	if _, _, err := s.Login(ctx, LoginRequest{Email: "ana@example.gov.rs", Password: goodPassword, Client: "198.51.100.2"}); !errors.As(err, &limited) {
		t.Errorf("after a reopen, from the network that failed: %v, want a RateLimitError", err)
	}
	s.SetSleep(func(context.Context, time.Duration) error { return nil }) // the account's turn: at once
	if _, _, err := s.Login(ctx, LoginRequest{Email: "ana@example.gov.rs", Password: goodPassword, Client: "203.0.113.9"}); err != nil {
		t.Errorf("after a reopen, from another network: %v, want a session", err)
	}
}

// TestLoginLimitsWhenWritesFail: when a failure cannot be written, no password is
// checked (the right one included), the answer is a RateLimitError, and the trouble is
// logged once, not once per attempt.
func TestLoginLimitsWhenWritesFail(t *testing.T) {
	var logs bytes.Buffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&logs, nil)))
	t.Cleanup(func() { slog.SetDefault(old) })

	ctx := context.Background()
	s := openTemp(t)
	if _, err := s.CreateUser(ctx, "ana@example.gov.rs", goodPassword, RoleEditor); err != nil {
		t.Fatal(err)
	}
	// A disk that refuses this table's writes, while reads still work.
	full := `CREATE TRIGGER full BEFORE INSERT ON login_failures BEGIN SELECT RAISE(FAIL, 'database or disk is full'); END`
	if storetest.Postgres() {
		full = `CREATE FUNCTION full_disk() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RAISE EXCEPTION ''no space left''; END';
			CREATE TRIGGER refuse_writes BEFORE INSERT ON login_failures FOR EACH ROW EXECUTE FUNCTION full_disk()`
	}
	if _, err := s.write.ExecContext(ctx, full); err != nil {
		t.Fatal(err)
	}
	// Hold every hashing slot: an attempt that checked a password would wait forever.
	for range cap(hashing) {
		hashing <- struct{}{}
	}
	defer func() {
		for range cap(hashing) {
			<-hashing
		}
	}()
	done := make(chan error, 1)
	go func() {
		for i := range 50 {
			password := "wrong password here"
			if i%2 == 0 {
				password = goodPassword
			}
			_, sess, err := s.Login(ctx, LoginRequest{Email: "ana@example.gov.rs", Password: password, Client: "198.51.100.1"})
			var limited *RateLimitError
			if !errors.As(err, &limited) || !limited.Unavailable || sess != nil {
				done <- fmt.Errorf("attempt %d: %v, session %v; want an Unavailable RateLimitError", i, err, sess)
				return
			}
			if strings.Contains(err.Error(), "full") || strings.Contains(err.Error(), "login_failures") {
				done <- fmt.Errorf("the answer shows the database's error: %v", err)
				return
			}
		}
		done <- nil
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no answer in 5 s: a password was being checked")
	}
	if n := strings.Count(logs.String(), "login limits"); n != 1 {
		t.Errorf("%d log lines for 50 attempts, want 1:\n%s", n, logs.String())
	}
}

// TestLoginWaitEndsWithTheClient: an attempt waiting for its turn stops when its request's
// context ends, checks no password, and is not counted as a failure.
func TestLoginWaitEndsWithTheClient(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	withClock(s) // frozen: the turns stay ahead; the waits are real
	for i := range SlowAfterAccountFailures {
		client := "198.51." + strconv.Itoa(i) + ".1" // a network each
		if _, _, err := s.Login(ctx, LoginRequest{Email: "ana@example.gov.rs", Password: "wrong password here", Client: client}); !errors.Is(err, ErrBadCredentials) {
			t.Fatalf("failure %d: %v", i, err)
		}
	}
	count := func() (n int) {
		s.read.QueryRowContext(ctx, "SELECT count(*) FROM login_failures").Scan(&n)
		return n
	}
	before := count()
	gone, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, _, err := s.Login(gone, LoginRequest{Email: "ana@example.gov.rs", Password: goodPassword, Client: "203.0.113.9"})
	var limited *RateLimitError
	if !errors.As(err, &limited) {
		t.Errorf("a client that went: %v, want a RateLimitError", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("the attempt waited %v after its client went", d)
	}
	if after := count(); after != before {
		t.Errorf("%d failures before, %d after: the abandoned attempt still counts", before, after)
	}
}
