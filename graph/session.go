package graph

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/agency/portal/store"
)

// Auth is how the endpoint treats sessions, origins and client addresses.
type Auth struct {
	// PublicURL is the site's public origin, such as https://portal.example.gov.rs, or ""
	// for each request's own scheme and Host. When set, it is the one origin mutations are
	// accepted from; when it is https, the session cookie is Secure (and named
	// __Host-portal_session) even on the plain-HTTP hop from a TLS proxy.
	PublicURL string
	// TrustedProxies are the networks of the reverse proxies in front of the portal. Only
	// a request from one of them has its client's address taken from X-Forwarded-For.
	TrustedProxies []netip.Prefix
}

// The session cookie's names: under TLS the __Host- prefix makes browsers insist on
// Secure, Path=/ and no Domain.
const (
	CookieName       = "portal_session"
	SecureCookieName = "__Host-portal_session"
)

// request is what the resolvers know of the HTTP request they serve: the client, the
// session cookie and how to set or clear it, and whether it came from another site. The
// graph layer cannot set cookies on its own, so withSession puts one in every request's
// context.
type request struct {
	store     *store.Store
	w         http.ResponseWriter
	secure    bool   // TLS, or an https public URL
	post      bool   // the method is POST
	crossSite bool   // Origin or Sec-Fetch-Site say another site sent it
	client    string // the client's IP address
	userAgent string
	token     string // the session cookie's value, "" without one

	refused atomic.Bool // a mutation was refused: answer 403

	cookieMu sync.Mutex

	userOnce sync.Once
	user     *store.User
	userErr  error
}

type requestKey struct{}

func requestFrom(ctx context.Context) *request {
	r, _ := ctx.Value(requestKey{}).(*request)
	return r
}

// withSession puts a *request in each request's context, and answers 403 when the
// operation turns out to be a mutation from another site (see sameOriginMutations).
func withSession(s *store.Store, auth Auth, next http.Handler) http.Handler {
	var publicOrigin string
	if u, err := url.Parse(auth.PublicURL); err == nil && u.Host != "" {
		publicOrigin = u.Scheme + "://" + u.Host
	}
	publicHTTPS := strings.HasPrefix(publicOrigin, "https://")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		own := publicOrigin
		if own == "" {
			scheme := "http"
			if r.TLS != nil {
				scheme = "https"
			}
			own = scheme + "://" + r.Host
		}
		req := &request{
			store:     s,
			secure:    r.TLS != nil || publicHTTPS,
			post:      r.Method == http.MethodPost,
			crossSite: fromOtherSite(r, own),
			client:    clientAddr(r, auth.TrustedProxies),
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

func (req *request) cookieName() string {
	if req.secure {
		return SecureCookieName
	}
	return CookieName
}

// signIn sets the session cookie, valid until the session's absolute end.
func (req *request) signIn(sess *store.NewSession) {
	req.setCookie(&http.Cookie{Value: sess.Token, Expires: sess.ExpiresAt})
}

// signOut clears the session cookie.
func (req *request) signOut() {
	req.setCookie(&http.Cookie{MaxAge: -1})
}

func (req *request) setCookie(c *http.Cookie) {
	req.cookieMu.Lock()
	defer req.cookieMu.Unlock()
	c.Name, c.Path, c.HttpOnly, c.Secure, c.SameSite = req.cookieName(), "/", true, req.secure, http.SameSiteLaxMode
	http.SetCookie(req.w, c)
}

// signedIn is the user of the request's session, nil when there is none or it has
// ended (then the cookie is cleared). It asks the store once per request, and only when
// a resolver wants to know.
func (req *request) signedIn(ctx context.Context) (*store.User, error) {
	if req == nil {
		return nil, nil
	}
	req.userOnce.Do(func() {
		if req.token == "" {
			return
		}
		req.user, req.userErr = req.store.SessionUser(ctx, req.token)
		if errors.Is(req.userErr, store.ErrUnauthenticated) {
			req.user, req.userErr = nil, nil
			req.signOut()
		}
	})
	return req.user, req.userErr
}

// requireRole is the signed-in user when it has one of the roles (any role when none is
// given): ErrUnauthenticated when no one is signed in, ErrForbidden for another role. For
// the editors' resolvers.
func requireRole(ctx context.Context, roles ...store.Role) (*store.User, error) {
	u, err := requestFrom(ctx).signedIn(ctx)
	switch {
	case err != nil:
		return nil, err
	case u == nil:
		return nil, store.ErrUnauthenticated
	case len(roles) == 0:
		return u, nil
	}
	for _, r := range roles {
		if u.Role == r {
			return u, nil
		}
	}
	return nil, store.ErrForbidden
}

// fromOtherSite tells whether a browser says the request comes from a page of another
// origin: an Origin other than own (an opaque "null" included), or a Sec-Fetch-Site other
// than same-origin or none. Requests without these headers (scripts, curl) are not.
func fromOtherSite(r *http.Request, own string) bool {
	if origins := r.Header.Values("Origin"); len(origins) > 0 {
		if len(origins) > 1 || !sameOrigin(origins[0], own) {
			return true
		}
	}
	switch r.Header.Get("Sec-Fetch-Site") {
	case "", "same-origin", "none":
		return false
	}
	return true
}

// sameOrigin compares two origins (scheme://host[:port]), ignoring case and default ports.
func sameOrigin(a, b string) bool {
	norm := func(s string) string {
		u, err := url.Parse(strings.TrimSpace(s))
		if err != nil || u.Host == "" || (u.Path != "" && u.Path != "/") || u.User != nil {
			return ""
		}
		scheme, host := strings.ToLower(u.Scheme), strings.ToLower(u.Host)
		if (scheme == "http" && strings.HasSuffix(host, ":80")) || (scheme == "https" && strings.HasSuffix(host, ":443")) {
			host = host[:strings.LastIndexByte(host, ':')]
		}
		return scheme + "://" + host
	}
	na := norm(a)
	return na != "" && na == norm(b)
}

// clientAddr is the client's IP address: the connection's peer, or, when the peer is a
// trusted proxy, the last address in X-Forwarded-For that is not a trusted proxy (the one
// the proxies received the request from).
func clientAddr(r *http.Request, trusted []netip.Prefix) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	peer, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	peer = peer.Unmap()
	isTrusted := func(ip netip.Addr) bool {
		for _, p := range trusted {
			if p.Contains(ip) {
				return true
			}
		}
		return false
	}
	if !isTrusted(peer) {
		return peer.String()
	}
	var hops []string
	for _, v := range r.Header.Values("X-Forwarded-For") {
		for _, h := range strings.Split(v, ",") {
			hops = append(hops, strings.TrimSpace(h))
		}
	}
	client := peer
	for i := len(hops) - 1; i >= 0; i-- {
		ip, err := netip.ParseAddr(hops[i])
		if err != nil {
			break // not an address: keep the last good one
		}
		client = ip.Unmap()
		if !isTrusted(client) {
			break
		}
	}
	return client.String()
}

// statusWriter turns the status of a refused mutation into 403: gqlgen answers an error
// found before execution with 200 (or 4xx for a malformed query), and the refusal is
// decided in an extension (sameOriginMutations), after the request is parsed but before
// anything is written.
type statusWriter struct {
	http.ResponseWriter
	req   *request
	wrote bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.wrote = true
		if w.req.refused.Load() {
			code = http.StatusForbidden
		}
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
