// Package auth is the editors' side of HTTP: who is signed in (the session cookie, resolved
// through the store), whether a request may act (the same-origin rule for mutations and
// uploads), where it comes from (the client's address behind trusted proxies), and what a
// role may do. The GraphQL endpoint and the server's upload route both go through Sessions,
// so they treat editors the same way. Accounts, sessions and login limits are data: they
// stay in the store; this package is the policy and the HTTP around them.
package auth

import (
	"context"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/agency/portal/store"
)

// Config is how sessions, origins and client addresses are treated.
type Config struct {
	// PublicURL is the site's public origin, such as https://portal.example.gov.rs, or ""
	// for each request's own scheme and Host. When set, it is the one origin mutations are
	// accepted from; when it is https, the session cookie is Secure (and named
	// __Host-portal_session) even on the plain-HTTP hop from a TLS proxy.
	PublicURL string
	// TrustedProxies are the networks of the reverse proxies in front of the portal. Only
	// a request from one of them has its client's address taken from X-Forwarded-For.
	TrustedProxies []netip.Prefix
}

// request is what this package knows of one HTTP request: the client, the session cookie
// and how to set or clear it, and whether it came from another site. Sessions puts one in
// every request's context.
type request struct {
	store     *store.Store
	w         http.ResponseWriter
	secure    bool   // TLS, or an https public URL
	post      bool   // the method is POST
	crossSite bool   // Origin or Sec-Fetch-Site say another site sent it
	client    string // the client's IP address
	userAgent string
	token     string // the session cookie's value, "" without one

	refused atomic.Bool // Refuse was called: answer 403

	cookieMu sync.Mutex

	userOnce sync.Once
	user     *store.User
	userErr  error
}

type requestKey struct{}

// from is the request's state, nil when the request did not go through Sessions.
func from(ctx context.Context) *request {
	r, _ := ctx.Value(requestKey{}).(*request)
	return r
}

// Sessions wraps a handler so that the functions of this package work in it: the session
// cookie is read (and cleared when its session has ended), the request's origin is judged,
// and an answer to a request with a cookie is marked private (Cache-Control: private,
// no-store).
func Sessions(s *store.Store, cfg Config, next http.Handler) http.Handler {
	publicOrigin := originOf(cfg.PublicURL)
	publicHTTPS := strings.HasPrefix(publicOrigin, "https://")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req := &request{
			store:     s,
			secure:    r.TLS != nil || publicHTTPS,
			post:      r.Method == http.MethodPost,
			crossSite: fromOtherSite(r, ownOrigin(r, publicOrigin)),
			client:    clientAddr(r, cfg.TrustedProxies),
			userAgent: r.UserAgent(),
		}
		if c, err := r.Cookie(req.cookieName()); err == nil && c.Value != "" {
			req.token = c.Value
			w.Header().Set("Cache-Control", "private, no-store") // an answer for this editor only
		}
		req.w = &statusWriter{ResponseWriter: w, req: req}
		next.ServeHTTP(req.w, r.WithContext(context.WithValue(r.Context(), requestKey{}, req)))
	})
}

// originOf is a URL's origin (scheme://host), "" when it has none.
func originOf(publicURL string) string {
	u, err := url.Parse(publicURL)
	if err != nil || u.Host == "" {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

// ownOrigin is the portal's own origin for a request: the public URL's when set, else the
// request's scheme and Host.
func ownOrigin(r *http.Request, publicOrigin string) string {
	if publicOrigin != "" {
		return publicOrigin
	}
	if r.TLS != nil {
		return "https://" + r.Host
	}
	return "http://" + r.Host
}
