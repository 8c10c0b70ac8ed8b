package server_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/agency/portal/graph"
	"github.com/agency/portal/server"
	"github.com/agency/portal/store"
)

const (
	editorEmail    = "ana.petrovic@example.gov.rs"
	editorPassword = "correct horse battery staple"
	loginMutation  = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { user { id email role } } }`
)

var itoa = strconv.Itoa

// newAuthPortal is a portal without content and with one editor.
func newAuthPortal(t *testing.T, cfg server.Config) *portal {
	t.Helper()
	cfg.Limits = graph.DefaultLimits
	p := newPortalWith(t, false, cfg)
	if _, err := p.store.CreateUser(context.Background(), editorEmail, editorPassword, store.RoleEditor); err != nil {
		t.Fatal(err)
	}
	return p
}

// call is one request to /graphql.
type call struct {
	query       string
	vars        map[string]any
	method      string // POST by default
	contentType string // application/json by default
	header      map[string]string
	remote      string // RemoteAddr; httptest's 192.0.2.1:1234 by default
	tls         bool
	cookies     []*http.Cookie
}

// send makes the request and returns the GraphQL response and the cookies set.
func (p *portal) send(c call) (*response, []*http.Cookie, http.Header) {
	p.t.Helper()
	rec := httptest.NewRecorder()
	p.handler.ServeHTTP(rec, c.request())
	r := &response{status: rec.Code, body: rec.Body.String()}
	if err := json.Unmarshal(rec.Body.Bytes(), r); err != nil {
		p.t.Fatalf("status %d, body is not JSON: %q", rec.Code, r.body)
	}
	return r, rec.Result().Cookies(), rec.Header()
}

// request is the HTTP request of a call.
func (c call) request() *http.Request {
	var req *http.Request
	if c.method == http.MethodGet {
		req = httptest.NewRequest(http.MethodGet, "/graphql?query="+url.QueryEscape(c.query), nil)
	} else {
		body, _ := json.Marshal(map[string]any{"query": c.query, "variables": c.vars})
		req = httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
		if c.contentType == "" {
			c.contentType = "application/json"
		}
		req.Header.Set("Content-Type", c.contentType)
	}
	for k, v := range c.header {
		req.Header.Set(k, v)
	}
	if c.remote != "" {
		req.RemoteAddr = c.remote
	}
	if c.tls {
		req.TLS = &tls.ConnectionState{}
	}
	for _, ck := range c.cookies {
		req.AddCookie(ck)
	}
	return req
}

// sendAtOnce sends the calls in parallel and returns their answers in the calls' order
// (an answer that is not JSON fails the test).
func (p *portal) sendAtOnce(calls []call) []*response {
	p.t.Helper()
	answers := make([]*response, len(calls))
	var wg sync.WaitGroup
	for i, c := range calls {
		wg.Go(func() {
			rec := httptest.NewRecorder()
			p.handler.ServeHTTP(rec, c.request())
			answers[i] = &response{status: rec.Code, body: rec.Body.String()}
			if err := json.Unmarshal(rec.Body.Bytes(), answers[i]); err != nil {
				p.t.Errorf("call %d: status %d, body is not JSON: %q", i, rec.Code, rec.Body.String())
			}
		})
	}
	wg.Wait()
	return answers
}

func loginCall(email, password string) call {
	return call{query: loginMutation, vars: map[string]any{"email": email, "password": password}}
}

// login signs the editor in and returns the session cookie.
func (p *portal) login() *http.Cookie {
	p.t.Helper()
	r, cookies, _ := p.send(loginCall(editorEmail, editorPassword))
	if r.status != 200 || len(r.Errors) > 0 || len(cookies) != 1 {
		p.t.Fatalf("login: status %d, cookies %v, body %s", r.status, cookies, r.body)
	}
	return cookies[0]
}

// me is the signed-in user's email, "" when signed out.
func (p *portal) me(cookies ...*http.Cookie) string {
	p.t.Helper()
	r, _, _ := p.send(call{query: `{ me { email } }`, cookies: cookies})
	if len(r.Errors) > 0 {
		p.t.Fatalf("me: %s", r.body)
	}
	var data struct{ Me *struct{ Email string } }
	json.Unmarshal(r.Data, &data)
	if data.Me == nil {
		return ""
	}
	return data.Me.Email
}

func TestLoginSetsCookie(t *testing.T) {
	tests := []struct {
		name       string
		publicURL  string
		tls        bool
		wantName   string
		wantSecure bool
	}{
		{"plain HTTP", "", false, "portal_session", false},
		{"TLS", "", true, "__Host-portal_session", true},
		{"plain HTTP behind a TLS proxy (https public URL)", "https://portal.example.gov.rs", false, "__Host-portal_session", true},
		{"http public URL", "http://portal.example.gov.rs", false, "portal_session", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newAuthPortal(t, server.Config{PublicURL: tt.publicURL})
			c := loginCall(" Ana.Petrovic@EXAMPLE.gov.rs", editorPassword)
			c.tls = tt.tls
			if tt.publicURL != "" {
				c.header = map[string]string{"Origin": tt.publicURL}
			}
			before := time.Now()
			r, cookies, _ := p.send(c)
			if r.status != 200 || len(r.Errors) > 0 {
				t.Fatalf("status %d: %s", r.status, r.body)
			}
			if !strings.Contains(string(r.Data), `"email":"`+editorEmail+`","role":"EDITOR"`) {
				t.Errorf("data %s", r.Data)
			}
			if len(cookies) != 1 {
				t.Fatalf("cookies %v", cookies)
			}
			ck := cookies[0]
			if ck.Name != tt.wantName || ck.Secure != tt.wantSecure || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/" || ck.Domain != "" {
				t.Errorf("cookie %s", ck.String())
			}
			if len(ck.Value) != 43 { // 32 random bytes, base64url
				t.Errorf("token %q", ck.Value)
			}
			if d := ck.Expires.Sub(before); d < store.SessionMax-time.Minute || d > store.SessionMax+time.Minute {
				t.Errorf("expires in %v, want the absolute expiry (%v)", d, store.SessionMax)
			}
			c = call{query: `{ me { email } }`, tls: tt.tls, cookies: cookies}
			if r, _, _ := p.send(c); !strings.Contains(string(r.Data), editorEmail) {
				t.Errorf("me with the new cookie: %s", r.body)
			}
		})
	}
}

func TestMe(t *testing.T) {
	p := newAuthPortal(t, server.Config{})
	ck := p.login()
	tests := []struct {
		name        string
		tls         bool
		cookies     []*http.Cookie
		want        string
		wantCleared bool
	}{
		{"no cookie", false, nil, "null", false},
		{"the session cookie", false, []*http.Cookie{ck}, `{"email":"` + editorEmail + `","role":"EDITOR"`, false},
		{"an unknown token", false, []*http.Cookie{{Name: "portal_session", Value: "bm9wZQ"}}, "null", true},
		{"an empty cookie", false, []*http.Cookie{{Name: "portal_session", Value: ""}}, "null", false},
		{"the plain name over TLS is not read", true, []*http.Cookie{ck}, "null", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, cookies, h := p.send(call{query: `{ me { email role id } }`, tls: tt.tls, cookies: tt.cookies})
			if r.status != 200 || len(r.Errors) > 0 || !strings.Contains(string(r.Data), tt.want) {
				t.Fatalf("status %d: %s; want %s", r.status, r.body, tt.want)
			}
			cleared := len(cookies) == 1 && cookies[0].MaxAge < 0
			if cleared != tt.wantCleared {
				t.Errorf("cookie cleared: %v, want %v (%v)", cleared, tt.wantCleared, cookies)
			}
			if tt.want != "null" && !strings.Contains(h.Get("Cache-Control"), "no-store") {
				t.Errorf("an answer to a signed-in browser may be cached: %v", h)
			}
		})
	}

	// A user's global ID is not resolved by node(id:), even for the user.
	var data struct{ Me struct{ ID string } }
	r, _, _ := p.send(call{query: `{ me { id } }`, cookies: []*http.Cookie{ck}})
	json.Unmarshal(r.Data, &data)
	if data.Me.ID == "" {
		t.Fatalf("me: %s", r.body)
	}
	for _, cookies := range [][]*http.Cookie{nil, {ck}} {
		r, _, _ := p.send(call{query: `query($id: ID!) { node(id: $id) { id } }`, vars: map[string]any{"id": data.Me.ID}, cookies: cookies})
		if string(r.Data) != `{"node":null}` || len(r.Errors) > 0 {
			t.Errorf("node(id: user): %s", r.body)
		}
	}
}

func TestLoginWrongCredentials(t *testing.T) {
	p := newAuthPortal(t, server.Config{})
	var bodies []string
	for _, c := range []call{
		loginCall(editorEmail, "wrong password here"),
		loginCall("nobody@example.gov.rs", "wrong password here"),
		loginCall("nobody@example.gov.rs", editorPassword),
		loginCall("", ""),
	} {
		r, cookies, _ := p.send(c)
		if r.code() != "UNAUTHENTICATED" || r.Errors[0].Message != "wrong email or password" || len(cookies) > 0 || r.status != 200 {
			t.Errorf("%v: status %d, cookies %v: %s", c.vars, r.status, cookies, r.body)
		}
		bodies = append(bodies, r.body)
	}
	for _, b := range bodies[1:] {
		if b != bodies[0] {
			t.Errorf("answers differ:\n%s\n%s", bodies[0], b)
		}
	}
}

// testClock is the store's clock in a test: it moves only when told, or, with
// advanceOnWait, by each wait the store makes for an account's turn (a client that waits
// for it). It records the waits.
type testClock struct {
	mu            sync.Mutex
	now           time.Time
	advanceOnWait bool
	waits         []time.Duration
}

func useTestClock(p *portal, advanceOnWait bool) *testClock {
	c := &testClock{now: time.Now().UTC().Truncate(time.Second), advanceOnWait: advanceOnWait}
	p.store.SetClock(c.Now)
	p.store.SetSleep(c.Sleep)
	return c
}

func (c *testClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

func (c *testClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.waits = append(c.waits, d)
	if c.advanceOnWait {
		c.now = c.now.Add(d)
	}
	return nil
}

func (c *testClock) advance(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.now = c.now.Add(d) }

// takeWaits returns the waits recorded since the last call.
func (c *testClock) takeWaits() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	w := c.waits
	c.waits = nil
	return w
}

// loginFrom is a sign-in call from a client address.
func loginFrom(email, password, addr string) call {
	c := loginCall(email, password)
	c.remote = addr + ":4000"
	if strings.Contains(addr, ":") {
		c.remote = "[" + addr + "]:4000"
	}
	return c
}

// retryAfter is the error's extensions.retryAfter in seconds, 0 without one.
func (r *response) retryAfter() float64 {
	if len(r.Errors) == 0 {
		return 0
	}
	v, _ := r.Errors[0].Extensions["retryAfter"].(float64)
	return v
}

func TestLoginRateLimits(t *testing.T) {
	t.Run("per account and network: the owner signs in from another network", func(t *testing.T) {
		p := newAuthPortal(t, server.Config{})
		clock := useTestClock(p, true)
		for i := range store.MaxAccountFailuresPerNetwork {
			c := loginFrom(editorEmail, "wrong password here", "198.51.100."+itoa(i+1)) // one /24
			if r, _, _ := p.send(c); r.code() != "UNAUTHENTICATED" {
				t.Fatalf("failure %d: %s", i, r.body)
			}
		}
		// From that network, even the right password waits.
		r, cookies, _ := p.send(loginFrom(strings.ToUpper(editorEmail), editorPassword, "198.51.100.200"))
		if r.code() != "RATE_LIMITED" || r.retryAfter() < 1 || r.retryAfter() > store.LoginWindow.Seconds() || len(cookies) > 0 {
			t.Fatalf("after %d failures, from their network: %s", store.MaxAccountFailuresPerNetwork, r.body)
		}
		// That network may still try other accounts.
		if r, _, _ := p.send(loginFrom("someone.else@example.gov.rs", "wrong password here", "198.51.100.1")); r.code() != "UNAUTHENTICATED" {
			t.Errorf("another account from the same network: %s", r.body)
		}
		// The owner, from another network, signs in.
		r, cookies, _ = p.send(loginFrom(editorEmail, editorPassword, "203.0.113.9"))
		if r.code() != "" || len(cookies) != 1 {
			t.Fatalf("the right password from another network: %s", r.body)
		}
		if p.me(cookies[0]) != editorEmail {
			t.Errorf("the owner's cookie does not sign in")
		}
		for _, w := range clock.takeWaits() {
			if w > store.MaxLoginDelay {
				t.Errorf("the owner waited %v, more than %v", w, store.MaxLoginDelay)
			}
		}
		// The first network's failures end with the window.
		clock.advance(store.LoginWindow)
		if r, _, _ := p.send(loginFrom(editorEmail, editorPassword, "198.51.100.200")); r.code() != "" {
			t.Errorf("after the window, from the network that failed: %s", r.body)
		}
	})
	t.Run("per network", func(t *testing.T) {
		p := newAuthPortal(t, server.Config{})
		for i := range store.MaxNetworkFailures {
			c := loginCall("user"+itoa(i)+"@example.gov.rs", "wrong password here")
			if r, _, _ := p.send(c); r.code() != "UNAUTHENTICATED" {
				t.Fatalf("failure %d: %s", i, r.body)
			}
		}
		if r, _, _ := p.send(loginCall(editorEmail, editorPassword)); r.code() != "RATE_LIMITED" {
			t.Errorf("the same address: %s", r.body)
		}
		if r, _, _ := p.send(loginFrom(editorEmail, editorPassword, "192.0.2.77")); r.code() != "RATE_LIMITED" {
			t.Errorf("another address of the same /24: %s", r.body)
		}
		if r, _, _ := p.send(loginFrom(editorEmail, editorPassword, "203.0.113.9")); r.code() != "" {
			t.Errorf("another network: %s", r.body)
		}
	})
	t.Run("a success clears the failures from its network", func(t *testing.T) {
		p := newAuthPortal(t, server.Config{})
		for range 2 {
			for i := range store.MaxAccountFailuresPerNetwork - 1 {
				if r, _, _ := p.send(loginCall(editorEmail, "wrong password here")); r.code() != "UNAUTHENTICATED" {
					t.Fatalf("failure %d: %s", i, r.body)
				}
			}
			p.login()
		}
	})
}

// TestLoginNetworks: a client counts by its network, IPv4 by /24 and IPv6 by /64.
func TestLoginNetworks(t *testing.T) {
	tests := []struct {
		name        string
		failedFrom  string // the address of the failures (the last part varies for IPv4)
		then        string // the address of the next attempt, with the right password
		wantLimited bool
	}{
		{"IPv4: the same /24", "198.51.100.", "198.51.100.254", true},
		{"IPv4: the next /24", "198.51.100.", "198.51.101.1", false},
		{"IPv4 written as IPv6", "198.51.100.", "::ffff:198.51.100.9", true},
		{"IPv6: the same /64", "2001:db8:1:2::", "2001:db8:1:2:ffff:ffff:ffff:fffe", true},
		{"IPv6: the next /64", "2001:db8:1:2::", "2001:db8:1:3::1", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newAuthPortal(t, server.Config{})
			useTestClock(p, true)
			for i := range store.MaxAccountFailuresPerNetwork {
				if r, _, _ := p.send(loginFrom(editorEmail, "wrong password here", tt.failedFrom+itoa(i+1))); r.code() != "UNAUTHENTICATED" {
					t.Fatalf("failure %d: %s", i, r.body)
				}
			}
			r, _, _ := p.send(loginFrom(editorEmail, editorPassword, tt.then))
			if got := r.code() == "RATE_LIMITED"; got != tt.wantLimited {
				t.Errorf("limited: %v, want %v: %s", got, tt.wantLimited, r.body)
			}
		})
	}
}

// TestLoginChecksSpacedOut: guessing one account from a new network each time (one
// attempt after the other, each waiting for its turn) gets its checks further and further
// apart: 1, 2, 4, 8, then MaxLoginDelay seconds, so about six a minute.
func TestLoginChecksSpacedOut(t *testing.T) {
	p := newAuthPortal(t, server.Config{})
	clock := useTestClock(p, true)
	start := clock.Now()
	const attempts = 14
	for i := range attempts {
		if r, _, _ := p.send(loginFrom(editorEmail, "wrong password here", "10."+itoa(i)+".0.1")); r.code() != "UNAUTHENTICATED" {
			t.Fatalf("attempt %d: %s", i, r.body)
		}
	}
	want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second}
	for len(want) < attempts-store.SlowAfterAccountFailures {
		want = append(want, store.MaxLoginDelay)
	}
	if got := clock.takeWaits(); !slices.Equal(got, want) {
		t.Errorf("waits %v, want %v", got, want)
	}
	elapsed := clock.Now().Sub(start)
	if perMinute := float64(attempts) / elapsed.Minutes(); perMinute > 15 {
		t.Errorf("%d checks in %v: %.1f a minute", attempts, elapsed, perMinute)
	}
}

// TestLoginDistributedGuessing: 50 networks (/24s) guessing one account at once, five
// attempts each, get only a few password checks, and a couple more a minute later. The
// owner still signs in: at once from a network they signed in from before, after a few
// seconds from a new one.
func TestLoginDistributedGuessing(t *testing.T) {
	p := newAuthPortal(t, server.Config{})
	clock := useTestClock(p, false) // frozen: the attempts arrive together
	const home, travelling = "203.0.113.9", "192.0.2.50"
	if r, _, _ := p.send(loginFrom(editorEmail, editorPassword, home)); r.code() != "" {
		t.Fatalf("the owner's usual sign-in: %s", r.body)
	}
	attack := func() (checks int) {
		var calls []call
		for n := range 50 {
			for range store.MaxAccountFailuresPerNetwork {
				calls = append(calls, loginFrom(editorEmail, "wrong password here", "198.51."+itoa(n)+".7"))
			}
		}
		for i, r := range p.sendAtOnce(calls) {
			switch r.code() {
			case "UNAUTHENTICATED":
				checks++
			case "RATE_LIMITED":
				if r.retryAfter() < 1 || r.retryAfter() > store.LoginWindow.Seconds() {
					t.Errorf("attempt %d: retryAfter %v", i, r.retryAfter())
				}
			default:
				t.Errorf("attempt %d: %s", i, r.body)
			}
		}
		for _, w := range clock.takeWaits() {
			if w > store.MaxLoginDelay {
				t.Errorf("an attempt waited %v, more than %v", w, store.MaxLoginDelay)
			}
		}
		return checks
	}
	// ownerFrom signs the owner in from addr and returns the seconds they were told to
	// wait (retrying after them) and the longest wait for a turn.
	ownerFrom := func(addr string) (told float64, waited time.Duration) {
		r, _, _ := p.send(loginFrom(editorEmail, editorPassword, addr))
		if r.code() == "RATE_LIMITED" {
			told = r.retryAfter()
			clock.advance(time.Duration(told) * time.Second)
			r, _, _ = p.send(loginFrom(editorEmail, editorPassword, addr))
		}
		if r.code() != "" {
			t.Fatalf("the owner from %s under attack: %s", addr, r.body)
		}
		for _, w := range clock.takeWaits() {
			waited = max(waited, w)
		}
		return told, waited
	}

	// Five checks at once, then turns 1, 3 and 7 s ahead; the next (15 s) is too far.
	if checks, want := attack(), store.SlowAfterAccountFailures+3; checks != want {
		t.Errorf("first burst: %d of 250 passwords checked, want %d", checks, want)
	}
	if told, waited := ownerFrom(home); told != 0 || waited != 0 {
		t.Errorf("the owner from a known network was told to wait %v s and waited %v, want neither", told, waited)
	}
	if told, waited := ownerFrom(travelling); told == 0 || told > store.MaxLoginDelay.Seconds() || waited > store.MaxLoginDelay {
		t.Errorf("the owner from a new network was told to wait %v s and waited %v; want a wait of at most %v", told, waited, store.MaxLoginDelay)
	}

	// A minute later, another burst: one check now, one in MaxLoginDelay.
	clock.advance(time.Minute)
	if checks := attack(); checks != 2 {
		t.Errorf("second burst: %d passwords checked, want 2", checks)
	}

	// A network is known for KnownNetworkFor after its last sign-in, no longer.
	clock.advance(store.KnownNetworkFor)
	attack()
	if r, _, _ := p.send(loginFrom(editorEmail, editorPassword, home)); r.code() != "RATE_LIMITED" {
		t.Errorf("%v after the last sign-in, during an attack: %s; want RATE_LIMITED", store.KnownNetworkFor, r.body)
	}
}

// TestLoginParallelAttempts: attempts sent together from one network count as failures
// from their start, so no more than the limit of them check a password.
func TestLoginParallelAttempts(t *testing.T) {
	p := newAuthPortal(t, server.Config{})
	calls := make([]call, 20)
	for i := range calls {
		calls[i] = loginCall(editorEmail, "wrong password here")
	}
	var checks, limited int
	for i, r := range p.sendAtOnce(calls) {
		switch r.code() {
		case "UNAUTHENTICATED":
			checks++
		case "RATE_LIMITED":
			limited++
		default:
			t.Errorf("attempt %d: %s", i, r.body)
		}
	}
	if checks != store.MaxAccountFailuresPerNetwork || limited != len(calls)-checks {
		t.Errorf("%d checked, %d refused; want %d checked", checks, limited, store.MaxAccountFailuresPerNetwork)
	}
}

func TestTrustedProxy(t *testing.T) {
	proxies := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	tests := []struct {
		name    string
		trusted []netip.Prefix
		remote  string
		xff     func(i int) string // the header of the i-th attempt
		limited bool               // whether the 21st attempt is limited
	}{
		{"X-Forwarded-For ignored without --trusted-proxy", nil, "10.0.0.5:5000", func(i int) string { return "203.0.113." + itoa(i) }, true},
		{"X-Forwarded-For ignored from an untrusted peer", proxies, "192.0.2.1:5000", func(i int) string { return "203.0.113." + itoa(i) }, true},
		{"a trusted proxy names each client", proxies, "10.0.0.5:5000", func(i int) string { return "203.0." + itoa(i) + ".7" }, false},
		{"the last hop counts, not what the client wrote", proxies, "10.0.0.5:5000", func(i int) string { return "198.51.100." + itoa(i) + ", 203.0.113.7" }, true},
		{"trusted hops are skipped", proxies, "10.0.0.5:5000", func(i int) string { return "203.0." + itoa(i) + ".7, 10.1.1.1" }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newAuthPortal(t, server.Config{TrustedProxies: tt.trusted})
			var last *response
			for i := range store.MaxNetworkFailures + 1 {
				c := loginCall("user"+itoa(i)+"@example.gov.rs", "wrong password here")
				c.remote = tt.remote
				c.header = map[string]string{"X-Forwarded-For": tt.xff(i)}
				last, _, _ = p.send(c)
			}
			if got := last.code() == "RATE_LIMITED"; got != tt.limited {
				t.Errorf("21st attempt limited: %v, want %v: %s", got, tt.limited, last.body)
			}
		})
	}
}

func TestLogout(t *testing.T) {
	p := newAuthPortal(t, server.Config{})
	ck := p.login()
	other := p.login() // another browser
	if p.me(ck) != editorEmail {
		t.Fatal("not signed in")
	}
	r, cookies, _ := p.send(call{query: `mutation { logout }`, cookies: []*http.Cookie{ck}})
	if string(r.Data) != `{"logout":true}` || len(cookies) != 1 || cookies[0].Name != ck.Name || cookies[0].MaxAge >= 0 || cookies[0].Value != "" {
		t.Fatalf("logout: cookies %v: %s", cookies, r.body)
	}
	if got := p.me(ck); got != "" {
		t.Errorf("the old cookie still signs in as %s", got)
	}
	if got := p.me(other); got != editorEmail {
		t.Errorf("another browser's session ended too: %q", got)
	}
	// Signed out already: still true.
	if r, _, _ := p.send(call{query: `mutation { logout }`}); string(r.Data) != `{"logout":true}` {
		t.Errorf("logout without a session: %s", r.body)
	}
	// Signing in again from a signed-in browser ends its previous session.
	r, cookies, _ = p.send(call{query: loginMutation, vars: map[string]any{"email": editorEmail, "password": editorPassword}, cookies: []*http.Cookie{other}})
	if len(r.Errors) > 0 || len(cookies) != 1 || p.me(other) != "" || p.me(cookies[0]) != editorEmail {
		t.Errorf("login over a session: %s", r.body)
	}
}

func TestSessionExpiry(t *testing.T) {
	tests := []struct {
		name   string
		waits  []time.Duration // uses of the session, each after this wait
		signed []bool
	}{
		{"used within the idle time", []time.Duration{time.Hour, time.Hour + 59*time.Minute}, []bool{true, true}},
		{"idle 2 h", []time.Duration{2 * time.Hour}, []bool{false}},
		{"idle, then never again", []time.Duration{2*time.Hour + time.Minute, time.Minute}, []bool{false, false}},
		{"12 h at most", []time.Duration{110 * time.Minute, 110 * time.Minute, 110 * time.Minute, 110 * time.Minute, 110 * time.Minute, 110 * time.Minute, 59 * time.Minute, time.Minute}, []bool{true, true, true, true, true, true, true, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newAuthPortal(t, server.Config{})
			var mu sync.Mutex
			now := time.Now()
			p.store.SetClock(func() time.Time { mu.Lock(); defer mu.Unlock(); return now })
			ck := p.login()
			for i, wait := range tt.waits {
				mu.Lock()
				now = now.Add(wait)
				mu.Unlock()
				if got := p.me(ck) != ""; got != tt.signed[i] {
					t.Fatalf("use %d: signed in %v, want %v", i, got, tt.signed[i])
				}
			}
		})
	}
}

// sqlLog records the SQL statements run.
type sqlLog struct {
	mu   sync.Mutex
	list []string
}

func (s *sqlLog) BeforeQuery(ctx context.Context, e *bun.QueryEvent) context.Context { return ctx }
func (s *sqlLog) AfterQuery(ctx context.Context, e *bun.QueryEvent) {
	if strings.Contains(e.Query, "content_generation") && strings.HasPrefix(e.Query, "SELECT") {
		return // the response cache's look at the content generation, before any operation runs
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.list = append(s.list, e.Query)
}

func TestCrossSiteMutations(t *testing.T) {
	const own = "http://example.com" // httptest's requests are for example.com
	tests := []struct {
		name      string
		publicURL string
		c         call
		status    int    // 0: 200 and signed in
		code      string // the error code of a refusal
	}{
		{"no Origin, no Sec-Fetch-Site (a script)", "", call{}, 0, ""},
		{"same origin", "", call{header: map[string]string{"Origin": own, "Sec-Fetch-Site": "same-origin"}}, 0, ""},
		{"Sec-Fetch-Site none (typed by the user)", "", call{header: map[string]string{"Sec-Fetch-Site": "none"}}, 0, ""},
		{"the public URL's origin", "https://portal.example.gov.rs", call{header: map[string]string{"Origin": "https://portal.example.gov.rs"}}, 0, ""},
		{"another origin", "", call{header: map[string]string{"Origin": "https://evil.example"}}, 403, "FORBIDDEN"},
		{"another port", "", call{header: map[string]string{"Origin": "http://example.com:8081"}}, 403, "FORBIDDEN"},
		{"another scheme", "", call{header: map[string]string{"Origin": "https://example.com"}}, 403, "FORBIDDEN"},
		{"Origin null", "", call{header: map[string]string{"Origin": "null"}}, 403, "FORBIDDEN"},
		{"Sec-Fetch-Site cross-site", "", call{header: map[string]string{"Sec-Fetch-Site": "cross-site"}}, 403, "FORBIDDEN"},
		{"Sec-Fetch-Site same-site", "", call{header: map[string]string{"Origin": own, "Sec-Fetch-Site": "same-site"}}, 403, "FORBIDDEN"},
		{"the request's host when a public URL is set", "https://portal.example.gov.rs", call{header: map[string]string{"Origin": own}}, 403, "FORBIDDEN"},
		{"over GET", "", call{method: http.MethodGet}, 403, "FORBIDDEN"},
		{"a form", "", call{contentType: "application/x-www-form-urlencoded"}, 415, "BAD_USER_INPUT"},
		{"text/plain", "", call{contentType: "text/plain"}, 415, "BAD_USER_INPUT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newAuthPortal(t, server.Config{PublicURL: tt.publicURL})
			rec := &sqlLog{}
			p.store.AddQueryHook(rec)
			c := tt.c
			c.query, c.vars = loginMutation, map[string]any{"email": editorEmail, "password": editorPassword}
			if c.method == http.MethodGet {
				c.query = `mutation { login(email: "` + editorEmail + `", password: "` + editorPassword + `") { user { id } } }`
			}
			r, cookies, _ := p.send(c)
			if tt.status == 0 {
				if r.status != 200 || len(r.Errors) > 0 || len(cookies) != 1 {
					t.Fatalf("status %d, cookies %v: %s", r.status, cookies, r.body)
				}
				return
			}
			if r.status != tt.status || r.code() != tt.code || len(cookies) > 0 || strings.Contains(r.body, `"data":{`) {
				t.Errorf("status %d, cookies %v: %s; want %d %s", r.status, cookies, r.body, tt.status, tt.code)
			}
			if len(rec.list) > 0 {
				t.Errorf("the refused mutation ran SQL: %q", rec.list)
			}
			// Queries stay open to every origin.
			q := c
			q.query, q.vars = `{ me { email } }`, nil
			if tt.status == 403 && c.method != http.MethodGet {
				if r, _, _ := p.send(q); r.status != 200 || len(r.Errors) > 0 {
					t.Errorf("a query with the same headers: %d %s", r.status, r.body)
				}
			}
		})
	}
}

func TestCORSNeverAllowsCredentials(t *testing.T) {
	for _, origins := range [][]string{nil, {"https://partner.example.org"}} {
		p := newAuthPortal(t, server.Config{CORSOrigins: origins})
		for _, method := range []string{"POST", "GET"} {
			pre := httptest.NewRequest(http.MethodOptions, "/graphql", nil)
			pre.Header.Set("Origin", "https://partner.example.org")
			pre.Header.Set("Access-Control-Request-Method", method)
			pre.Header.Set("Access-Control-Request-Headers", "content-type")
			rec := httptest.NewRecorder()
			p.handler.ServeHTTP(rec, pre)
			if rec.Header().Get("Access-Control-Allow-Origin") == "" {
				t.Errorf("origins %v, %s preflight: not allowed at all: %v", origins, method, rec.Header())
			}
			if v := rec.Header().Get("Access-Control-Allow-Credentials"); v != "" {
				t.Errorf("origins %v, %s preflight: Allow-Credentials %q", origins, method, v)
			}
		}
		// A signed-in editor's browser on a partner's page: the answer is never credentialed.
		ck := p.login()
		_, _, h := p.send(call{query: `{ me { email } }`, header: map[string]string{"Origin": "https://partner.example.org"}, cookies: []*http.Cookie{ck}})
		if h.Get("Access-Control-Allow-Credentials") != "" {
			t.Errorf("origins %v: a cross-origin answer allows credentials: %v", origins, h)
		}
	}
}

// TestPasswordNeverShown: no log line and no answer contains a password, whatever happens.
func TestPasswordNeverShown(t *testing.T) {
	var logs bytes.Buffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	t.Cleanup(func() { slog.SetDefault(old) })

	p := newAuthPortal(t, server.Config{})
	const wrong = "a wrong password, secret too"
	var bodies strings.Builder
	for _, c := range []call{
		loginCall(editorEmail, editorPassword),
		loginCall(editorEmail, wrong),
		loginCall(editorEmail, wrong),
		loginCall(editorEmail, wrong),
		loginCall(editorEmail, wrong),
		loginCall(editorEmail, wrong),
		loginCall(editorEmail, wrong), // rate limited
		{query: loginMutation, vars: map[string]any{"email": editorEmail, "password": editorPassword}, header: map[string]string{"Origin": "https://evil.example"}},
		{query: `mutation { login(email: "x", password: "` + wrong + `" }`}, // does not parse
	} {
		r, _, _ := p.send(c)
		bodies.WriteString(r.body)
	}
	p.store.Close() // the database fails: the attempt is refused and the trouble logged
	r, _, _ := p.send(loginCall("other@example.gov.rs", wrong))
	if r.code() != "RATE_LIMITED" {
		t.Errorf("with the database closed: %s", r.body)
	}
	bodies.WriteString(r.body)
	for _, pw := range []string{editorPassword, wrong} {
		if strings.Contains(logs.String(), pw) {
			t.Errorf("the logs show a password:\n%s", logs.String())
		}
		if strings.Contains(bodies.String(), pw) {
			t.Errorf("an answer shows a password:\n%s", bodies.String())
		}
	}
	if !strings.Contains(logs.String(), "login limits cannot be written") {
		t.Errorf("nothing was logged, so nothing was checked: %q", logs.String())
	}
}
