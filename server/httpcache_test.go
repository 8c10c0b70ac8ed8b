package server_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/agency/portal/graph"
	"github.com/agency/portal/server"
)

// exchange sends one request to the portal's handler and records the answer.
func (p *portal) exchange(method, target string, headers map[string]string, cookies ...*http.Cookie) *httptest.ResponseRecorder {
	p.t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	for _, c := range cookies {
		req.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	p.handler.ServeHTTP(rec, req)
	return rec
}

func getTarget(query string) string { return "/graphql?query=" + url.QueryEscape(query) }

// persistedTarget is the GET of a persisted query by its hash, with the text too when
// register is true.
func persistedTarget(query string, register bool) string {
	sum := sha256.Sum256([]byte(query))
	ext := `{"persistedQuery":{"version":1,"sha256Hash":"` + hex.EncodeToString(sum[:]) + `"}}`
	target := "/graphql?extensions=" + url.QueryEscape(ext)
	if register {
		target += "&query=" + url.QueryEscape(query)
	}
	return target
}

var strongETag = regexp.MustCompile(`^"[A-Za-z0-9_-]{22}(-gzip|-br)?"$`)

const wantPublicControl = "public, max-age=30, stale-while-revalidate=60"

// checkPublic fails the test unless the answer is cacheable by shared caches.
func checkPublic(t *testing.T, rec *httptest.ResponseRecorder) {
	t.Helper()
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d, want 200: %.300s", rec.Code, rec.Body.String())
	}
	if etag := rec.Header().Get("ETag"); !strongETag.MatchString(etag) {
		t.Errorf("ETag %q, want a strong tag of the answer's hash", etag)
	}
	if got := rec.Header().Get("Cache-Control"); got != wantPublicControl {
		t.Errorf("Cache-Control %q, want %q", got, wantPublicControl)
	}
	vary := strings.Join(rec.Header().Values("Vary"), ", ")
	for _, want := range []string{"Accept", "Accept-Encoding"} {
		if !regexp.MustCompile(`(^|, )` + want + `(,|$)`).MatchString(vary) {
			t.Errorf("Vary %q, want it to name %s", vary, want)
		}
	}
}

// checkPrivate fails the test unless the answer is private, no-store and has no ETag.
func checkPrivate(t *testing.T, rec *httptest.ResponseRecorder) {
	t.Helper()
	if got := rec.Header().Get("Cache-Control"); got != "private, no-store" {
		t.Errorf("Cache-Control %q, want private, no-store (status %d: %.200s)", got, rec.Code, rec.Body.String())
	}
	if etag := rec.Header().Get("ETag"); etag != "" {
		t.Errorf("ETag %q on an answer no shared cache may keep", etag)
	}
}

func TestHTTPCachePublicAnswers(t *testing.T) {
	p := newPortal(t, true)
	if rec := p.exchange(http.MethodGet, persistedTarget(smallQuery, true), nil); rec.Code != http.StatusOK {
		t.Fatalf("registering the persisted query: status %d: %s", rec.Code, rec.Body.String())
	}
	tests := []struct {
		name, target string
		headers      map[string]string
		wantSuffix   string // of the ETag
	}{
		{name: "GET small", target: getTarget(smallQuery)},
		{name: "GET large, plain", target: getTarget(largeQuery)},
		{name: "GET large, gzip", target: getTarget(largeQuery), headers: map[string]string{"Accept-Encoding": "gzip"}, wantSuffix: "-gzip"},
		{name: "GET large, br", target: getTarget(largeQuery), headers: map[string]string{"Accept-Encoding": "br, gzip"}, wantSuffix: "-br"},
		{name: "GET small, br: not encoded", target: getTarget(smallQuery), headers: map[string]string{"Accept-Encoding": "br"}},
		{name: "persisted GET by hash", target: persistedTarget(smallQuery, false)},
		{name: "graphql-response+json", target: getTarget(smallQuery), headers: map[string]string{"Accept": "application/graphql-response+json"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := p.exchange(http.MethodGet, tt.target, tt.headers)
			checkPublic(t, rec)
			etag := rec.Header().Get("ETag")
			if gotSuffix := strongETag.FindStringSubmatch(etag); gotSuffix == nil || gotSuffix[1] != tt.wantSuffix {
				t.Errorf("ETag %q, want the suffix %q for Content-Encoding %q", etag, tt.wantSuffix, rec.Header().Get("Content-Encoding"))
			}
			again := p.exchange(http.MethodGet, tt.target, tt.headers)
			if got := again.Header().Get("ETag"); got != etag {
				t.Errorf("the same answer again has ETag %q, want %q", got, etag)
			}

			// Revalidation: the tag as sent, weak, in a list, or of another coding.
			bare := strings.TrimSuffix(strings.TrimSuffix(strings.Trim(etag, `"`), "-gzip"), "-br")
			for _, inm := range []string{etag, "W/" + etag, `"other", ` + etag, `"` + bare + `-gzip"`, `"` + bare + `"`, "*"} {
				h := map[string]string{"If-None-Match": inm}
				for k, v := range tt.headers {
					h[k] = v
				}
				rec := p.exchange(http.MethodGet, tt.target, h)
				if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 {
					t.Errorf("If-None-Match %s: status %d with %d bytes, want 304 without a body", inm, rec.Code, rec.Body.Len())
				}
				if got := rec.Header().Get("ETag"); got != etag {
					t.Errorf("If-None-Match %s: 304 with ETag %q, want %q", inm, got, etag)
				}
				if got := rec.Header().Get("Cache-Control"); got != wantPublicControl {
					t.Errorf("If-None-Match %s: 304 with Cache-Control %q, want %q", inm, got, wantPublicControl)
				}
			}
			h := map[string]string{"If-None-Match": `"AAAAAAAAAAAAAAAAAAAAAA"`}
			for k, v := range tt.headers {
				h[k] = v
			}
			if rec := p.exchange(http.MethodGet, tt.target, h); rec.Code != http.StatusOK || rec.Body.Len() == 0 {
				t.Errorf("If-None-Match of another answer: status %d with %d bytes, want 200 with the answer", rec.Code, rec.Body.Len())
			}

			// HEAD: the GET's headers, no body.
			head := p.exchange(http.MethodHead, tt.target, tt.headers)
			if head.Code != http.StatusOK || head.Body.Len() != 0 {
				t.Errorf("HEAD: status %d with %d bytes, want 200 without a body", head.Code, head.Body.Len())
			}
			for _, name := range []string{"ETag", "Cache-Control", "Content-Type", "Content-Encoding"} {
				if got, want := head.Header().Get(name), rec.Header().Get(name); got != want {
					t.Errorf("HEAD: %s %q, want the GET's %q", name, got, want)
				}
			}
			if rec.Header().Get("Content-Encoding") == "" {
				if got, want := head.Header().Get("Content-Length"), itoa(rec.Body.Len()); got != want {
					t.Errorf("HEAD: Content-Length %q, want the GET's length %s", got, want)
				}
			}
			inm := map[string]string{"If-None-Match": etag}
			for k, v := range tt.headers {
				inm[k] = v
			}
			if rec := p.exchange(http.MethodHead, tt.target, inm); rec.Code != http.StatusNotModified {
				t.Errorf("HEAD with If-None-Match: status %d, want 304", rec.Code)
			}
		})
	}
}

// An answer that changes gets another ETag, and the old one no longer gets a 304.
func TestHTTPCacheETagFollowsContent(t *testing.T) {
	p := newPortal(t, true)
	q := `{ news(first: 1, locale: EN) { totalCount } }`
	before := p.exchange(http.MethodGet, getTarget(q), nil)
	checkPublic(t, before)
	mustImport(t, p, `{"news":[{"slug":"etag-test","title":{"sr":"","en":"ETag test"},"summary":{"sr":"","en":""},"body":{"sr":"","en":""},"publishedAt":"2024-01-02T10:00:00Z","updatedAt":null,"topics":[],"projects":[],"partners":[]}]}`)
	after := p.exchange(http.MethodGet, getTarget(q), map[string]string{"If-None-Match": before.Header().Get("ETag")})
	if after.Code != http.StatusOK || bytes.Equal(after.Body.Bytes(), before.Body.Bytes()) {
		t.Fatalf("after an import: status %d, body %s; want 200 with a new count (before: %s)", after.Code, after.Body.String(), before.Body.String())
	}
	if after.Header().Get("ETag") == before.Header().Get("ETag") {
		t.Errorf("a changed answer kept the ETag %s", before.Header().Get("ETag"))
	}
}

func TestHTTPCachePrivateAnswers(t *testing.T) {
	p := newAuthPortal(t, server.Config{})
	cookie := p.login()
	stale := &http.Cookie{Name: cookie.Name, Value: "no-such-session"}
	post := func(q string, cookies ...*http.Cookie) *httptest.ResponseRecorder {
		c := call{query: q, cookies: cookies}
		rec := httptest.NewRecorder()
		p.handler.ServeHTTP(rec, c.request())
		return rec
	}
	tests := []struct {
		name string
		rec  func() *httptest.ResponseRecorder
	}{
		{"POST query", func() *httptest.ResponseRecorder { return post(smallQuery) }},
		{"POST by an editor", func() *httptest.ResponseRecorder { return post(`{ me { email } }`, cookie) }},
		{"GET by an editor", func() *httptest.ResponseRecorder {
			return p.exchange(http.MethodGet, getTarget(smallQuery), nil, cookie)
		}},
		{"HEAD by an editor", func() *httptest.ResponseRecorder {
			return p.exchange(http.MethodHead, getTarget(smallQuery), nil, cookie)
		}},
		{"GET with an ended session's cookie", func() *httptest.ResponseRecorder {
			return p.exchange(http.MethodGet, getTarget(smallQuery), nil, stale)
		}},
		{"GET by an editor with If-None-Match *", func() *httptest.ResponseRecorder {
			return p.exchange(http.MethodGet, getTarget(smallQuery), map[string]string{"If-None-Match": "*"}, cookie)
		}},
		{"GET of a mutation", func() *httptest.ResponseRecorder {
			return p.exchange(http.MethodGet, getTarget(`mutation { logout }`), nil)
		}},
		{"GET that does not parse", func() *httptest.ResponseRecorder {
			return p.exchange(http.MethodGet, getTarget(`{ news(`), nil)
		}},
		{"GET with a bad argument", func() *httptest.ResponseRecorder {
			return p.exchange(http.MethodGet, getTarget(`{ news(first: 500) { totalCount } }`), nil)
		}},
		{"GET of an unknown persisted query", func() *httptest.ResponseRecorder {
			return p.exchange(http.MethodGet, persistedTarget(`{ topics { slug } }`, false), nil)
		}},
		{"GET of editors' fields, signed out", func() *httptest.ResponseRecorder {
			return p.exchange(http.MethodGet, getTarget(`{ me { email } users { email } }`), map[string]string{"If-None-Match": "*"})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := tt.rec()
			if rec.Code == http.StatusNotModified {
				t.Errorf("status 304 on an answer no shared cache may keep")
			}
			checkPrivate(t, rec)
		})
	}
}

func TestHTTPCacheCORSAndSettings(t *testing.T) {
	p := newPortalWith(t, true, server.Config{
		Limits:    graph.DefaultLimits,
		HTTPCache: &server.HTTPCache{MaxAge: 5 * time.Second, StaleWhileRevalidate: 0},
	})
	rec := p.exchange(http.MethodGet, getTarget(smallQuery), map[string]string{"Origin": "https://partner.example.org"})
	if got := rec.Header().Get("Cache-Control"); got != "public, max-age=5, stale-while-revalidate=0" {
		t.Errorf("Cache-Control %q, want the configured public, max-age=5, stale-while-revalidate=0", got)
	}
	if got := rec.Header().Get("Access-Control-Expose-Headers"); !strings.Contains(got, "Etag") && !strings.Contains(got, "ETag") {
		t.Errorf("Access-Control-Expose-Headers %q, want ETag in it", got)
	}
	head := p.exchange(http.MethodHead, getTarget(smallQuery), map[string]string{"Origin": "https://partner.example.org"})
	if got := head.Header().Get("Access-Control-Allow-Origin"); got != "*" {
		t.Errorf("HEAD from another origin: Access-Control-Allow-Origin %q, want *", got)
	}
	pre := httptest.NewRequest(http.MethodOptions, "/graphql", nil)
	pre.Header.Set("Origin", "https://partner.example.org")
	pre.Header.Set("Access-Control-Request-Method", http.MethodGet)
	pre.Header.Set("Access-Control-Request-Headers", "if-none-match")
	prec := httptest.NewRecorder()
	p.handler.ServeHTTP(prec, pre.WithContext(context.Background()))
	if got := prec.Header().Get("Access-Control-Allow-Headers"); !strings.Contains(strings.ToLower(got), "if-none-match") {
		t.Errorf("preflight for If-None-Match: Access-Control-Allow-Headers %q, want it allowed", got)
	}
}
