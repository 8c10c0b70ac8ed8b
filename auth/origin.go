package auth

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
)

// ErrOtherSite: a request that changes something (a mutation, an upload) was not POSTed
// from the portal's own pages.
var ErrOtherSite = errors.New("not POSTed from the portal's own origin")

// SameOrigin is the rule for every request that changes something: nil for a POST that
// no browser says comes from another site (by Origin or Sec-Fetch-Site), ErrOtherSite
// otherwise. A page elsewhere can so never act with an editor's cookie, whatever the
// browser's SameSite rules. Requests without these headers (scripts, curl) are not from
// another site. Reading is not concerned: the read API is open to every origin.
func SameOrigin(ctx context.Context) error {
	req := from(ctx)
	if req == nil || !req.post || req.crossSite {
		return ErrOtherSite
	}
	return nil
}

// Refuse makes the request's answer 403 Forbidden, whatever status the handler writes:
// for a refusal decided where the status is out of reach (in a GraphQL extension, before
// the answer is written).
func Refuse(ctx context.Context) {
	if req := from(ctx); req != nil {
		req.refused.Store(true)
	}
}

// fromOtherSite tells whether a browser says the request comes from a page of another
// origin: an Origin other than own (an opaque "null" included), or a Sec-Fetch-Site other
// than same-origin or none.
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
	na := normalOrigin(a)
	return na != "" && na == normalOrigin(b)
}

// normalOrigin is an origin lower-cased and without its scheme's default port, "" when s
// is not an origin.
func normalOrigin(s string) string {
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

// statusWriter turns the status of a refused request into 403: gqlgen answers an error
// found before execution with 200 (or 4xx for a malformed query), and the refusal is
// decided in an extension, after the request is parsed but before anything is written.
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
