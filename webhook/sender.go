package webhook

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	"github.com/agency/portal/store"
)

// Options configure a Sender.
type Options struct {
	// AllowPrivate lets deliveries go to loopback, private, link-local and other
	// non-public addresses (serve's --webhook-allow-private): for endpoints inside the
	// agency's own network, and for tests.
	AllowPrivate bool
	// Timeout bounds one attempt, from dialling to the end of the answer; 0 means 10 s.
	Timeout time.Duration
}

// DefaultTimeout bounds one attempt when Options.Timeout is 0.
const DefaultTimeout = 10 * time.Second

// maxAnswer is how much of an endpoint's answer is read: the log keeps its start only.
const maxAnswer = 4 << 10

// Sender makes delivery attempts over HTTP: POST, signed, no redirects followed, no
// proxy, only to public addresses unless allowed, within a timeout.
type Sender struct {
	client *http.Client
}

// New makes a Sender.
func New(o Options) *Sender {
	timeout := o.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	dialer := &net.Dialer{Timeout: timeout}
	if !o.AllowPrivate {
		dialer.Control = refusePrivate // after DNS: the address actually dialled
	}
	transport := &http.Transport{
		Proxy:                  nil, // a proxy would dial for us, past the check
		DialContext:            dialer.DialContext,
		TLSHandshakeTimeout:    timeout,
		ResponseHeaderTimeout:  timeout,
		MaxResponseHeaderBytes: 16 << 10,
		MaxIdleConnsPerHost:    2,
		IdleConnTimeout:        90 * time.Second,
	}
	return &Sender{client: &http.Client{
		Transport: transport,
		Timeout:   timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse // a 3xx is the endpoint's answer, not a new address
		},
	}}
}

// Send makes one attempt: the store's WebhookSender.
func (s *Sender) Send(ctx context.Context, m store.WebhookMessage) store.WebhookResult {
	start := time.Now()
	res := s.send(ctx, m, start)
	res.Duration = time.Since(start)
	return res
}

func (s *Sender) send(ctx context.Context, m store.WebhookMessage, now time.Time) store.WebhookResult {
	sig, err := Sign(m.Secret, m.ID, now, m.Body)
	if err != nil {
		return store.WebhookResult{Err: err, Final: true}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, m.URL, bytes.NewReader(m.Body))
	if err != nil {
		return store.WebhookResult{Err: errors.New("the URL is not valid"), Final: true}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "portal-webhooks/1")
	req.Header.Set(HeaderID, m.ID)
	req.Header.Set(HeaderTimestamp, strconv.FormatInt(now.Unix(), 10))
	req.Header.Set(HeaderSignature, sig)
	resp, err := s.client.Do(req)
	if err != nil {
		return failure(err)
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	out := store.WebhookResult{Code: resp.StatusCode}
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
	case resp.StatusCode >= 300 && resp.StatusCode < 400:
		out.Err = fmt.Errorf("the endpoint answered %d (redirects are not followed; register the final URL)", resp.StatusCode)
	default:
		out.Err = fmt.Errorf("the endpoint answered %d%s", resp.StatusCode, excerpt(answer))
	}
	return out
}

// failure describes an attempt that got no answer.
func failure(err error) store.WebhookResult {
	var refused *refusedError
	if errors.As(err, &refused) {
		return store.WebhookResult{Err: refused, Final: true}
	}
	var netErr net.Error
	if errors.As(err, &netErr) && netErr.Timeout() {
		return store.WebhookResult{Err: errors.New("no answer within the timeout")}
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		err = urlErr.Err // without the method and URL: the log shows the endpoint already
	}
	return store.WebhookResult{Err: fmt.Errorf("no answer: %v", err)}
}

// excerpt is the start of an answer's body for the log, ": …", or "" when it is empty.
func excerpt(body []byte) string {
	const n = 200
	text := strings.Join(strings.Fields(strings.ToValidUTF8(string(body), "")), " ")
	if text == "" {
		return ""
	}
	if utf8.RuneCountInString(text) > n {
		text = string([]rune(text)[:n]) + "…"
	}
	return ": " + text
}

// refusedError is a delivery refused because of the address it would go to.
type refusedError struct{ addr netip.Addr }

func (e *refusedError) Error() string {
	return fmt.Sprintf("refused: %s is not a public address (an operator may allow it with --webhook-allow-private)", e.addr)
}

// refusePrivate is the dialer's Control: it refuses the connection to an address that
// is not public, after DNS resolution, so a name that resolves to one is refused too.
func refusePrivate(_, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("refused: %q is not an IP address and port", address)
	}
	if a := ap.Addr().Unmap(); !Public(a) {
		return &refusedError{a}
	}
	return nil
}

// nonPublic are the special-purpose ranges netip's predicates do not name.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),   // shared address space (carrier-grade NAT)
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, and the broadcast address
	netip.MustParsePrefix("64:ff9b:1::/48"),  // local-use IPv4/IPv6 translation
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
	netip.MustParsePrefix("192.0.2.0/24"),    // documentation
	netip.MustParsePrefix("198.51.100.0/24"), // documentation
	netip.MustParsePrefix("203.0.113.0/24"),  // documentation
}

// Public tells whether a is an address on the public internet: not loopback, private,
// link-local, unspecified, multicast or another special-purpose range.
func Public(a netip.Addr) bool {
	a = a.Unmap()
	if !a.IsValid() || a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() ||
		a.IsInterfaceLocalMulticast() || a.IsMulticast() || a.IsUnspecified() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(a) {
			return false
		}
	}
	return true
}
