package store

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/uptrace/bun"
)

const goodPassword = "correct horse battery staple"

// clock is a test clock that only moves when told.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func withClock(s *Store) *clock {
	c := &clock{t: time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)}
	s.SetClock(c.now)
	return c
}

func TestCreateUser(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	if _, err := s.CreateUser(ctx, "Existing@Example.gov.rs", goodPassword, RoleEditor); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, email, password string
		role                  Role
		wantField             string // "" means it must succeed
		wantEmail             string
	}{
		{"editor, email lower-cased", "  Ana.Petrovic@Example.GOV.rs ", goodPassword, RoleEditor, "", "ana.petrovic@example.gov.rs"},
		{"admin", "admin@example.gov.rs", goodPassword, RoleAdmin, "", "admin@example.gov.rs"},
		{"12 Cyrillic letters are 12 characters", "cyr@example.gov.rs", "ђђђђђђђђђђђђ", RoleEditor, "", "cyr@example.gov.rs"},
		{"exactly 256 bytes", "long@example.gov.rs", strings.Repeat("a", 256), RoleEditor, "", "long@example.gov.rs"},
		{"duplicate in another case", "EXISTING@example.gov.rs", goodPassword, RoleEditor, "email", ""},
		{"not an address", "not-an-email", goodPassword, RoleEditor, "email", ""},
		{"display name", "Ana <ana@example.gov.rs>", goodPassword, RoleEditor, "email", ""},
		{"no domain dot", "ana@localhost", goodPassword, RoleEditor, "email", ""},
		{"empty email", "", goodPassword, RoleEditor, "email", ""},
		{"11 characters", "short@example.gov.rs", "elevenchars", RoleEditor, "password", ""},
		{"257 bytes", "huge@example.gov.rs", strings.Repeat("a", 257), RoleEditor, "password", ""},
		{"not UTF-8", "bin@example.gov.rs", strings.Repeat("\xff", 12), RoleEditor, "password", ""},
		{"unknown role", "role@example.gov.rs", goodPassword, Role("OWNER"), "role", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := s.CreateUser(ctx, tt.email, tt.password, tt.role)
			if tt.wantField != "" {
				var input *InputError
				if !errors.As(err, &input) || input.Field != tt.wantField {
					t.Fatalf("got %v, want an InputError on %q", err, tt.wantField)
				}
				if strings.Contains(err.Error(), tt.password) {
					t.Errorf("the error shows the password: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if u.Email != tt.wantEmail || u.Role != tt.role || u.ID == 0 {
				t.Errorf("got %+v", u)
			}
			if !strings.HasPrefix(u.PasswordHash, "$argon2id$v=19$m=19456,t=2,p=1$") || strings.Contains(u.PasswordHash, tt.password) {
				t.Errorf("hash %q", u.PasswordHash)
			}
			if got, err := s.Authenticate(ctx, strings.ToUpper(tt.wantEmail), tt.password); err != nil || got.ID != u.ID {
				t.Errorf("Authenticate: %v, %v", got, err)
			}
		})
	}
}

func TestPasswordHash(t *testing.T) {
	h1, _ := hashPassword(goodPassword)
	h2, _ := hashPassword(goodPassword)
	if h1 == h2 {
		t.Error("two hashes of one password are equal: no salt")
	}
	parts := strings.Split(h1, "$")
	if len(parts) != 6 || len(parts[4]) != 22 || len(parts[5]) != 43 { // 16 and 32 bytes, unpadded base64
		t.Errorf("hash %q: want a 16-byte salt and a 32-byte key", h1)
	}
	for _, tt := range []struct {
		name, hash, password string
		want                 bool
	}{
		{"right", h1, goodPassword, true},
		{"wrong", h1, goodPassword + "!", false},
		{"empty", h1, "", false},
		{"argon2i", strings.Replace(h1, "argon2id", "argon2i", 1), goodPassword, false},
		{"other version", strings.Replace(h1, "v=19", "v=16", 1), goodPassword, false},
		{"huge memory", strings.Replace(h1, "m=19456", "m=99999999", 1), goodPassword, false},
		{"truncated", h1[:len(h1)-10], goodPassword, false},
		{"garbage", "$argon2id$", goodPassword, false},
		{"empty hash", "", goodPassword, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := verifyPassword(tt.hash, tt.password); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestAuthenticate(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	u, err := s.CreateUser(ctx, "ana@example.gov.rs", goodPassword, RoleEditor)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateUser(ctx, "gone@example.gov.rs", goodPassword, RoleEditor); err != nil {
		t.Fatal(err)
	}
	if _, err := s.write.ExecContext(ctx, "UPDATE users SET disabled_at = '2025-01-01 00:00:00+00:00' WHERE email = 'gone@example.gov.rs'"); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, email, password string
		ok                    bool
	}{
		{"right", "ana@example.gov.rs", goodPassword, true},
		{"email in another case, with spaces", " ANA@example.gov.rs", goodPassword, true},
		{"wrong password", "ana@example.gov.rs", "wrong password here", false},
		{"password in another case", "ana@example.gov.rs", strings.ToUpper(goodPassword), false},
		{"unknown email", "nobody@example.gov.rs", goodPassword, false},
		{"disabled account", "gone@example.gov.rs", goodPassword, false},
		{"empty", "", "", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Authenticate(ctx, tt.email, tt.password)
			if tt.ok {
				if err != nil || got.ID != u.ID {
					t.Errorf("got %v, %v", got, err)
				}
				return
			}
			if !errors.Is(err, ErrBadCredentials) || got != nil {
				t.Errorf("got %v, %v; want ErrBadCredentials", got, err)
			}
		})
	}
}

// TestAuthenticateTakesAsLong: an unknown email costs a hash too, of the same cost, so
// timing does not tell which emails have accounts. The work is counted, not timed: the
// test runs alone in its package (not parallel), so the count is its own.
func TestAuthenticateTakesAsLong(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	if _, err := s.CreateUser(ctx, "ana@example.gov.rs", goodPassword, RoleEditor); err != nil {
		t.Fatal(err)
	}
	dummyHash() // computed once, before counting
	cost := func(email string) uint64 {
		before := hashCosts.Load()
		s.Authenticate(ctx, email, "wrong password here")
		return hashCosts.Load() - before
	}
	known, unknown := cost("ana@example.gov.rs"), cost("nobody@example.gov.rs")
	if known == 0 || unknown != known {
		t.Errorf("an unknown email cost %d of hashing, a known one %d; want the same, more than 0", unknown, known)
	}
}

func TestCreateFirstAdmin(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	if _, err := s.CreateFirstAdmin(ctx, "admin@example.gov.rs", "short"); err == nil {
		t.Fatal("a password outside the policy was accepted")
	}
	for i, want := range []bool{true, false, false} {
		created, err := s.CreateFirstAdmin(ctx, "admin"+string(rune('a'+i))+"@example.gov.rs", goodPassword)
		if err != nil || created != want {
			t.Fatalf("call %d: created %v, %v; want %v", i, created, err, want)
		}
	}
	if n, _ := s.CountUsers(ctx); n != 1 {
		t.Errorf("%d users, want 1", n)
	}
	u, err := s.Authenticate(ctx, "admina@example.gov.rs", goodPassword)
	if err != nil || u.Role != RoleAdmin {
		t.Errorf("the first admin: %v, %v", u, err)
	}
}

// writes counts the statements that change the sessions table.
type writes struct{ n int }

func (w *writes) BeforeQuery(ctx context.Context, e *bun.QueryEvent) context.Context { return ctx }
func (w *writes) AfterQuery(ctx context.Context, e *bun.QueryEvent) {
	q := strings.ToUpper(e.Query)
	if strings.Contains(q, `"SESSIONS"`) && (strings.HasPrefix(q, "UPDATE") || strings.HasPrefix(q, "DELETE") || strings.HasPrefix(q, "INSERT")) {
		w.n++
	}
}

func TestSessions(t *testing.T) {
	ctx := context.Background()
	type step struct {
		wait       time.Duration // the clock moves on by this much, then the session is used
		ok         bool
		wantWrites int // statements that changed sessions in this step
	}
	tests := []struct {
		name  string
		steps []step
	}{
		{"used at once", []step{{0, true, 0}}},
		{"touched at most once a minute", []step{{10 * time.Second, true, 0}, {40 * time.Second, true, 0}, {10 * time.Second, true, 1}, {30 * time.Second, true, 0}}},
		{"idle just under 2 h", []step{{SessionIdle - time.Second, true, 1}}},
		{"idle 2 h", []step{{SessionIdle, false, 1}, {0, false, 0}}},
		{"use keeps it alive", []step{{SessionIdle - time.Minute, true, 1}, {SessionIdle - time.Minute, true, 1}, {SessionIdle - time.Minute, true, 1}}},
		{"ends 12 h after it began however used", []step{
			{100 * time.Minute, true, 1}, {100 * time.Minute, true, 1}, {100 * time.Minute, true, 1}, {100 * time.Minute, true, 1},
			{100 * time.Minute, true, 1}, {100 * time.Minute, true, 1}, {100 * time.Minute, true, 1}, {19 * time.Minute, true, 1},
			{time.Minute, false, 1},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTemp(t)
			c := withClock(s)
			u, err := s.CreateUser(ctx, "ana@example.gov.rs", goodPassword, RoleEditor)
			if err != nil {
				t.Fatal(err)
			}
			sess, err := s.CreateSession(ctx, u.ID, "Mozilla/5.0")
			if err != nil {
				t.Fatal(err)
			}
			if !sess.ExpiresAt.Equal(c.now().Add(SessionMax)) || len(sess.Token) != 43 {
				t.Fatalf("session %+v", sess)
			}
			w := &writes{}
			s.AddQueryHook(w)
			for i, st := range tt.steps {
				c.advance(st.wait)
				w.n = 0
				got, err := s.SessionUser(ctx, sess.Token)
				switch {
				case st.ok && (err != nil || got == nil || got.ID != u.ID):
					t.Fatalf("step %d (%v later): %v, %v", i, st.wait, got, err)
				case !st.ok && !errors.Is(err, ErrUnauthenticated):
					t.Fatalf("step %d (%v later): got %v, %v; want ErrUnauthenticated", i, st.wait, got, err)
				}
				if w.n != st.wantWrites {
					t.Errorf("step %d: %d writes, want %d", i, w.n, st.wantWrites)
				}
			}
		})
	}
}

func TestSessionRevokeAndCascade(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	u, _ := s.CreateUser(ctx, "ana@example.gov.rs", goodPassword, RoleEditor)
	a, _ := s.CreateSession(ctx, u.ID, "")
	b, _ := s.CreateSession(ctx, u.ID, strings.Repeat("ж", 300)+"\x00")
	if err := s.RevokeSession(ctx, a.Token); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SessionUser(ctx, a.Token); !errors.Is(err, ErrUnauthenticated) {
		t.Errorf("a revoked session: %v", err)
	}
	if _, err := s.SessionUser(ctx, b.Token); err != nil {
		t.Errorf("the other session: %v", err)
	}
	for _, token := range []string{"", "nope", strings.Repeat("x", 10000), b.Token + "x"} {
		if _, err := s.SessionUser(ctx, token); !errors.Is(err, ErrUnauthenticated) {
			t.Errorf("token %.20q: %v", token, err)
		}
	}
	var ua string
	s.read.QueryRowContext(ctx, "SELECT user_agent FROM sessions").Scan(&ua)
	if len(ua) > maxUserAgent || strings.ContainsRune(ua, 0) || !strings.HasPrefix(ua, "жж") {
		t.Errorf("stored user agent %q (%d bytes)", ua, len(ua))
	}
	if _, err := s.write.ExecContext(ctx, "DELETE FROM users"); err != nil {
		t.Fatal(err)
	}
	var n int
	s.read.QueryRowContext(ctx, "SELECT count(*) FROM sessions").Scan(&n)
	if n != 0 {
		t.Errorf("%d sessions outlive their user", n)
	}
}

func TestLoginLimits(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	c := withClock(s)
	if _, err := s.CreateUser(ctx, "ana@example.gov.rs", goodPassword, RoleEditor); err != nil {
		t.Fatal(err)
	}
	login := func(email, password, client string) error {
		_, _, err := s.Login(ctx, LoginRequest{Email: email, Password: password, Client: client})
		return err
	}
	limited := func(err error) bool {
		var rl *RateLimitError
		return errors.As(err, &rl) && rl.Seconds() >= 1 && rl.RetryAfter <= LoginWindow
	}

	// Per account: 5 failures, then even the right password waits; from any address.
	for i := range MaxAccountFailuresPerNetwork {
		if err := login("ana@example.gov.rs", "wrong password here", "198.51.100.1"); !errors.Is(err, ErrBadCredentials) {
			t.Fatalf("failure %d: %v", i, err)
		}
	}
	if err := login("ANA@example.gov.rs", goodPassword, "198.51.100.2"); !limited(err) {
		t.Fatalf("after 5 failures: %v, want a RateLimitError", err)
	}
	c.advance(LoginWindow)
	if err := login("ana@example.gov.rs", goodPassword, "198.51.100.2"); err != nil {
		t.Fatalf("after the window: %v", err)
	}

	// A success clears the account's failures.
	for range MaxAccountFailuresPerNetwork - 1 {
		login("ana@example.gov.rs", "wrong password here", "198.51.100.3")
	}
	if err := login("ana@example.gov.rs", goodPassword, "198.51.100.3"); err != nil {
		t.Fatal(err)
	}
	for i := range MaxAccountFailuresPerNetwork - 1 {
		if err := login("ana@example.gov.rs", "wrong password here", "198.51.100.3"); !errors.Is(err, ErrBadCredentials) {
			t.Fatalf("failure %d after a success: %v", i, err)
		}
	}

	// Per address: 20 failures on any accounts; an IPv6 client counts by its /64.
	c.advance(LoginWindow)
	for i := range MaxNetworkFailures {
		if err := login("user"+string(rune('a'+i))+"@example.gov.rs", "wrong password here", "2001:db8:1:2::"+string(rune('a'+i%6))); !errors.Is(err, ErrBadCredentials) {
			t.Fatalf("failure %d: %v", i, err)
		}
	}
	if err := login("ana@example.gov.rs", goodPassword, "2001:db8:1:2:ffff::1"); !limited(err) {
		t.Errorf("the 21st attempt from the /64: %v", err)
	}
	if err := login("ana@example.gov.rs", goodPassword, "2001:db8:1:3::1"); err != nil {
		t.Errorf("another /64: %v", err)
	}
}
