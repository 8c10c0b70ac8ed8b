package server

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/agency/portal/auth"
)

// HTTPCache is how long partners' caches and proxies may keep a public /graphql answer to
// a GET: fresh for MaxAge, then served stale for up to StaleWhileRevalidate while they
// revalidate it with If-None-Match.
type HTTPCache struct {
	MaxAge               time.Duration
	StaleWhileRevalidate time.Duration
}

// DefaultHTTPCache keeps answers short: 30 s fresh, 60 s more while revalidating.
var DefaultHTTPCache = HTTPCache{MaxAge: 30 * time.Second, StaleWhileRevalidate: 60 * time.Second}

// publicControl is the Cache-Control of a public answer.
func (c HTTPCache) publicControl() string {
	return fmt.Sprintf("public, max-age=%d, stale-while-revalidate=%d", int(c.MaxAge.Seconds()), int(c.StaleWhileRevalidate.Seconds()))
}

// noStore is the Cache-Control of every answer no shared cache may keep.
const noStore = "private, no-store"

// httpCache makes public answers to GET queries cacheable: a strong ETag of the answer's
// bytes, Cache-Control public with c's times, and a 304 without a body when the request's
// If-None-Match names it. Every other answer (POST, an editor's request, an answer with
// errors or another status than 200) is "private, no-store" and has no ETag. A HEAD
// request is answered as the GET would be, without the body.
//
// The ETag depends on the content coding compress gives the answer: "<hash>" plain,
// "<hash>-gzip" or "<hash>-br" encoded. RFC 9110 (8.8.3) wants a strong validator to
// differ between content codings, since the bytes on the wire differ and a cache may
// combine ranges of them; If-None-Match compares weakly, so any of the three matches the
// same answer.
func httpCache(c HTTPCache, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept")
		head := r.Method == http.MethodHead
		if head {
			r = r.Clone(r.Context())
			r.Method = http.MethodGet // gqlgen's GET transport answers it
		}
		if r.Method != http.MethodGet || hasSession(r) {
			w.Header().Set("Cache-Control", noStore)
			next.ServeHTTP(w, r)
			return
		}
		answer := &bufferedAnswer{header: w.Header(), status: http.StatusOK}
		next.ServeHTTP(answer, r)
		h := w.Header()
		if !answer.public() {
			h.Set("Cache-Control", noStore)
			h.Del("ETag")
			w.WriteHeader(answer.status)
			if !head {
				w.Write(answer.body.Bytes())
			}
			return
		}
		hash := contentHash(answer.body.Bytes())
		encoding := encodingFor(r, answer.body.Len())
		h.Set("ETag", entityTag(hash, encoding))
		h.Set("Cache-Control", c.publicControl())
		switch {
		case ifNoneMatchNames(r.Header.Get("If-None-Match"), hash):
			h.Del("Content-Type")
			w.WriteHeader(http.StatusNotModified)
		case head:
			if encoding != "" {
				h.Set("Content-Encoding", encoding) // as the GET's; its encoded length is unknown
			} else {
				h.Set("Content-Length", strconv.Itoa(answer.body.Len()))
			}
			w.WriteHeader(answer.status)
		default:
			w.WriteHeader(answer.status)
			w.Write(answer.body.Bytes())
		}
	})
}

// hasSession reports whether the request carries an editor's session cookie: its answer
// may hold what only editors see, so no shared cache keeps it.
func hasSession(r *http.Request) bool {
	for _, name := range []string{auth.CookieName, auth.SecureCookieName} {
		if _, err := r.Cookie(name); err == nil {
			return true
		}
	}
	return false
}

// bufferedAnswer holds an answer whole, to hash it before it is sent. GET answers are
// bounded by the operation limits.
type bufferedAnswer struct {
	header http.Header
	status int
	body   bytes.Buffer
	wrote  bool
}

func (b *bufferedAnswer) Header() http.Header { return b.header }

func (b *bufferedAnswer) WriteHeader(status int) {
	if !b.wrote {
		b.status, b.wrote = status, true
	}
}

func (b *bufferedAnswer) Write(p []byte) (int, error) {
	b.wrote = true
	return b.body.Write(p)
}

// public reports whether a shared cache may keep the answer: a 200 without GraphQL
// errors (gqlgen writes "errors" first when there are any) and without a cookie set.
func (b *bufferedAnswer) public() bool {
	return b.status == http.StatusOK &&
		!bytes.HasPrefix(bytes.TrimSpace(b.body.Bytes()), []byte(`{"errors"`)) &&
		b.header.Get("Set-Cookie") == ""
}
