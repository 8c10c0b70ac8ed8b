package webhook_test

import (
	"net/netip"
	"testing"
	"time"

	"github.com/agency/portal/webhook"
)

// The Standard Webhooks libraries' own test vector.
func TestSignMatchesTheStandardVector(t *testing.T) {
	const (
		secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
		id     = "msg_p5jXN8AQM9LWM0D4loKWxJek"
		body   = `{"test": 2432232314}`
		want   = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
	)
	at := time.Unix(1614265330, 0)
	got, err := webhook.Sign(secret, id, at, []byte(body))
	if err != nil || got != want {
		t.Fatalf("Sign: got %q, %v; want %q", got, err, want)
	}
	if err := webhook.Verify(secret, id, "1614265330", "v1,bm90IGl0 "+got, []byte(body), at.Add(time.Minute), 5*time.Minute); err != nil {
		t.Errorf("Verify of the right signature among two: %v", err)
	}
	for _, c := range []struct {
		name, ts, body string
		now            time.Time
	}{
		{"changed body", "1614265330", `{"test": 1}`, at},
		{"replayed an hour later", "1614265330", body, at.Add(time.Hour)},
		{"timestamp not a number", "yesterday", body, at},
	} {
		if err := webhook.Verify(secret, id, c.ts, got, []byte(c.body), c.now, 5*time.Minute); err == nil {
			t.Errorf("Verify, %s: got no error, want one", c.name)
		}
	}
}

func TestPublicAddresses(t *testing.T) {
	for _, c := range []struct {
		addr   string
		public bool
	}{
		{"93.184.215.14", true},
		{"2606:2800:21f:cb07:6820:80da:af6b:8b2c", true},
		{"127.0.0.1", false},
		{"::1", false},
		{"10.1.2.3", false},
		{"172.16.0.1", false},
		{"192.168.1.1", false},
		{"169.254.169.254", false}, // cloud metadata
		{"fe80::1", false},
		{"fd00::1", false},
		{"0.0.0.0", false},
		{"::", false},
		{"224.0.0.1", false},
		{"ff02::1", false},
		{"100.64.0.1", false},
		{"255.255.255.255", false},
		{"::ffff:127.0.0.1", false},
		{"::ffff:10.0.0.1", false},
	} {
		if got := webhook.Public(netip.MustParseAddr(c.addr)); got != c.public {
			t.Errorf("Public(%s): got %v, want %v", c.addr, got, c.public)
		}
	}
}
