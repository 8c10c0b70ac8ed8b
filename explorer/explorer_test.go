package explorer

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// fullFS is laid out like the embedded FS after copy-assets.sh has run.
func fullFS() fstest.MapFS {
	return fstest.MapFS{
		"assets/README.txt":                  {Data: []byte("filled by explorer/copy-assets.sh")},
		"assets/graphiql.min.js":             {Data: []byte("window.GraphiQL = function () {};")},
		"assets/graphiql.min.css":            {Data: []byte(".graphiql-container { display: flex; }")},
		"assets/react.production.min.js":     {Data: []byte("window.React = {};")},
		"assets/react-dom.production.min.js": {Data: []byte("window.ReactDOM = {};")},
		"static/explorer.js":                 {Data: []byte("(function () {})();")},
	}
}

// missingFS is a fresh clone: only README.txt and the committed bootstrap.
func missingFS() fstest.MapFS {
	return fstest.MapFS{
		"assets/README.txt":  {Data: []byte("filled by explorer/copy-assets.sh")},
		"static/explorer.js": {Data: []byte("(function () {})();")},
	}
}

func do(t *testing.T, h http.Handler, method, path string, hdr map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, "http://portal.test"+path, nil)
	if path == "" {
		req.URL.Path = "" // as seen behind http.StripPrefix("/graphiql", h)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

var refRE = regexp.MustCompile(`(?:src|href)="([^"]*)"`)

func TestPage(t *testing.T) {
	h := newHandler(fullFS(), "/graphql")
	for _, tc := range []struct {
		method, path string
	}{
		{"GET", "/graphiql"},
		{"GET", "/graphiql/"},
		{"HEAD", "/graphiql"},
		{"HEAD", "/graphiql/"},
		{"GET", ""}, // behind http.StripPrefix
		{"GET", "/"},
	} {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			rec := do(t, h, tc.method, tc.path, nil)
			if rec.Code != http.StatusOK {
				t.Fatalf("status = %d, want 200", rec.Code)
			}
			for k, want := range map[string]string{
				"Content-Type":            "text/html; charset=utf-8",
				"Cache-Control":           "no-cache",
				"X-Content-Type-Options":  "nosniff",
				"Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'",
			} {
				if got := rec.Header().Get(k); got != want {
					t.Errorf("%s = %q, want %q", k, got, want)
				}
			}
			if tc.method == "HEAD" {
				if rec.Body.Len() != 0 {
					t.Errorf("HEAD returned a body of %d bytes", rec.Body.Len())
				}
				if rec.Header().Get("Content-Length") == "" {
					t.Error("HEAD without Content-Length")
				}
			}
		})
	}
}

func TestPageContent(t *testing.T) {
	h := newHandler(fullFS(), "/graphql")
	body := do(t, h, "GET", "/graphiql", nil).Body.String()

	for _, want := range []string{
		"<title>Portal GraphQL explorer</title>",
		`data-endpoint="/graphql"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// No inline script: every <script> has a src.
	if n, m := strings.Count(body, "<script"), strings.Count(body, "<script defer src="); n != m || n == 0 {
		t.Errorf("page has %d <script> tags, %d with src", n, m)
	}

	refs := refRE.FindAllStringSubmatch(body, -1)
	wantRefs := map[string]bool{
		"/graphiql/assets/graphiql.min.css":            false,
		"/graphiql/assets/graphiql.min.js":             false,
		"/graphiql/assets/react.production.min.js":     false,
		"/graphiql/assets/react-dom.production.min.js": false,
		"/graphiql/assets/explorer.js":                 false,
	}
	for _, m := range refs {
		ref := m[1]
		if ref == "data:," { // empty favicon, avoids a /favicon.ico request
			continue
		}
		if _, ok := wantRefs[ref]; !ok {
			t.Errorf("unexpected reference %q (only same-origin /graphiql/assets/ expected)", ref)
			continue
		}
		wantRefs[ref] = true
		if rec := do(t, h, "GET", ref, nil); rec.Code != http.StatusOK {
			t.Errorf("GET %s = %d, want 200", ref, rec.Code)
		}
	}
	for ref, seen := range wantRefs {
		if !seen {
			t.Errorf("page does not reference %s", ref)
		}
	}
}

func TestPageEscapesEndpoint(t *testing.T) {
	h := newHandler(fullFS(), `/graphql?a="><script>`)
	body := do(t, h, "GET", "/graphiql", nil).Body.String()
	if strings.Contains(body, `"><script>`) {
		t.Fatalf("endpoint not escaped:\n%s", body)
	}
}

func TestAssets(t *testing.T) {
	fsys := fullFS()
	h := newHandler(fsys, "/graphql")
	for _, tc := range []struct {
		path, file, ctype string
	}{
		{"/graphiql/assets/graphiql.min.js", "assets/graphiql.min.js", "text/javascript; charset=utf-8"},
		{"/graphiql/assets/graphiql.min.css", "assets/graphiql.min.css", "text/css; charset=utf-8"},
		{"/graphiql/assets/react.production.min.js", "assets/react.production.min.js", "text/javascript; charset=utf-8"},
		{"/graphiql/assets/react-dom.production.min.js", "assets/react-dom.production.min.js", "text/javascript; charset=utf-8"},
		{"/graphiql/assets/explorer.js", "static/explorer.js", "text/javascript; charset=utf-8"},
		{"/assets/explorer.js", "static/explorer.js", "text/javascript; charset=utf-8"}, // behind StripPrefix
	} {
		t.Run(tc.path, func(t *testing.T) {
			rec := do(t, h, "GET", tc.path, nil)
			if rec.Code != http.StatusOK {
				t.Fatalf("status = %d, want 200", rec.Code)
			}
			for k, want := range map[string]string{
				"Content-Type":           tc.ctype,
				"Cache-Control":          "public, max-age=86400",
				"X-Content-Type-Options": "nosniff",
			} {
				if got := rec.Header().Get(k); got != want {
					t.Errorf("%s = %q, want %q", k, got, want)
				}
			}
			if got, want := rec.Body.String(), string(fsys[tc.file].Data); got != want {
				t.Errorf("body = %q, want %q", got, want)
			}
			etag := rec.Header().Get("ETag")
			if etag == "" {
				t.Fatal("no ETag")
			}
			if rec := do(t, h, "GET", tc.path, map[string]string{"If-None-Match": etag}); rec.Code != http.StatusNotModified {
				t.Errorf("conditional GET = %d, want 304", rec.Code)
			}
			if rec := do(t, h, "HEAD", tc.path, nil); rec.Code != http.StatusOK || rec.Body.Len() != 0 {
				t.Errorf("HEAD = %d with %d body bytes, want 200 and none", rec.Code, rec.Body.Len())
			}
		})
	}
}

func TestNotFoundAndMethods(t *testing.T) {
	h := newHandler(fullFS(), "/graphql")
	for _, tc := range []struct {
		method, path string
		want         int
	}{
		{"GET", "/graphiql/assets/README.txt", http.StatusNotFound},
		{"GET", "/graphiql/assets/nope.js", http.StatusNotFound},
		{"GET", "/graphiql/assets/", http.StatusNotFound},
		{"GET", "/graphiql/assets", http.StatusNotFound},
		{"GET", "/graphiql/assets/sub/graphiql.min.js", http.StatusNotFound},
		{"GET", "/graphiql/index.html", http.StatusNotFound},
		{"GET", "/graphiql/static/explorer.js", http.StatusNotFound},
		{"GET", "/graphiqlx", http.StatusNotFound},
		{"POST", "/graphiql", http.StatusMethodNotAllowed},
		{"PUT", "/graphiql/", http.StatusMethodNotAllowed},
		{"DELETE", "/graphiql/assets/graphiql.min.js", http.StatusMethodNotAllowed},
		{"OPTIONS", "/graphiql", http.StatusMethodNotAllowed},
	} {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			rec := do(t, h, tc.method, tc.path, nil)
			if rec.Code != tc.want {
				t.Fatalf("status = %d, want %d", rec.Code, tc.want)
			}
			if tc.want == http.StatusMethodNotAllowed {
				if got := rec.Header().Get("Allow"); got != "GET, HEAD" {
					t.Errorf("Allow = %q, want %q", got, "GET, HEAD")
				}
			}
		})
	}
}

func TestMissingAssets(t *testing.T) {
	h := newHandler(missingFS(), "/graphql")
	for _, tc := range []struct {
		method, path string
		want         int
	}{
		{"GET", "/graphiql", http.StatusServiceUnavailable},
		{"GET", "/graphiql/", http.StatusServiceUnavailable},
		{"HEAD", "/graphiql", http.StatusServiceUnavailable},
		{"GET", "/graphiql/assets/graphiql.min.js", http.StatusNotFound},
		{"GET", "/graphiql/assets/README.txt", http.StatusNotFound},
		{"GET", "/graphiql/assets/explorer.js", http.StatusOK},
		{"POST", "/graphiql", http.StatusMethodNotAllowed},
	} {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			rec := do(t, h, tc.method, tc.path, nil)
			if rec.Code != tc.want {
				t.Fatalf("status = %d, want %d", rec.Code, tc.want)
			}
			if tc.want != http.StatusServiceUnavailable {
				return
			}
			if got := rec.Header().Get("Content-Type"); got != "text/html; charset=utf-8" {
				t.Errorf("Content-Type = %q", got)
			}
			if got := rec.Header().Get("Cache-Control"); got != "no-cache" {
				t.Errorf("Cache-Control = %q", got)
			}
			if tc.method == "GET" {
				body := rec.Body.String()
				for _, want := range []string{"make explorer", "make build", "copy-assets.sh"} {
					if !strings.Contains(body, want) {
						t.Errorf("503 page lacks %q", want)
					}
				}
			}
		})
	}
}

// TestEmbedded checks the real embedded FS, whether or not copy-assets.sh
// has run: the page is either served or reported missing, never a panic.
func TestEmbedded(t *testing.T) {
	h := Handler("/graphql")
	rec := do(t, h, "GET", "/graphiql", nil)
	switch rec.Code {
	case http.StatusOK, http.StatusServiceUnavailable:
	default:
		t.Fatalf("status = %d, want 200 or 503", rec.Code)
	}
	t.Logf("embedded assets present: %v", rec.Code == http.StatusOK)
	if rec := do(t, h, "GET", "/graphiql/assets/explorer.js", nil); rec.Code != http.StatusOK {
		t.Errorf("explorer.js = %d, want 200", rec.Code)
	}
}
