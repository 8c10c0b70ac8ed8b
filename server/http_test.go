package server_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

func TestGraphQLOverHTTP(t *testing.T) {
	p := newPortal(t, true)
	get := func(q string, accept string) *http.Request {
		r := httptest.NewRequest(http.MethodGet, "/graphql?query="+url.QueryEscape(q), nil)
		if accept != "" {
			r.Header.Set("Accept", accept)
		}
		return r
	}
	post := func(body, contentType, accept string) *http.Request {
		r := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
		if contentType != "" {
			r.Header.Set("Content-Type", contentType)
		}
		if accept != "" {
			r.Header.Set("Accept", accept)
		}
		return r
	}
	tests := []struct {
		name        string
		req         *http.Request
		wantStatus  func(int) bool
		wantType    string
		wantData    bool
		wantErrCode string
	}{
		{"GET query", get(`{ topics { slug } }`, ""), is(200), "application/json", true, ""},
		{"GET query, graphql-response+json", get(`{ topics { slug } }`, "application/graphql-response+json"), is(200), "application/graphql-response+json", true, ""},
		{"POST query", post(`{"query":"{ topics { slug } }"}`, "application/json", ""), is(200), "application/json", true, ""},
		{"POST query, graphql-response+json", post(`{"query":"{ topics { slug } }"}`, "application/json", "application/graphql-response+json"), is(200), "application/graphql-response+json", true, ""},
		{"GET mutation is refused", get(`mutation { logout }`, ""), is4xx, "", false, ""},
		{"malformed JSON body", post(`{"query": "{ topics`, "application/json", ""), is4xx, "application/json", false, ""},
		{"body that is not an object", post(`[1,2,3]`, "application/json", ""), is4xx, "application/json", false, ""},
		{"empty body", post(``, "application/json", ""), is4xx, "application/json", false, ""},
		{"no query", post(`{"variables":{}}`, "application/json", ""), is4xx, "application/json", false, ""},
		{"malformed query, graphql-response+json", post(`{"query":"{ topics {"}`, "application/json", "application/graphql-response+json"), is4xx, "application/graphql-response+json", false, "BAD_USER_INPUT"},
		{"invalid query, graphql-response+json", post(`{"query":"{ nope }"}`, "application/json", "application/graphql-response+json"), is4xx, "application/graphql-response+json", false, "BAD_USER_INPUT"},
		{"malformed query, application/json", post(`{"query":"{ topics {"}`, "application/json", ""), is(200), "application/json", false, "BAD_USER_INPUT"},
		{"invalid query, application/json", post(`{"query":"{ nope }"}`, "application/json", ""), is(200), "application/json", false, "BAD_USER_INPUT"},
		{"unsupported content type", post(`{ topics { slug } }`, "text/plain", ""), is(415), "application/json", false, "BAD_USER_INPUT"},
		{"form content type", post(`query=x`, "application/x-www-form-urlencoded", ""), is(415), "application/json", false, "BAD_USER_INPUT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			p.handler.ServeHTTP(rec, tt.req)
			body := rec.Body.String()
			if !tt.wantStatus(rec.Code) {
				t.Errorf("status %d, body %s", rec.Code, body)
			}
			if ct := rec.Header().Get("Content-Type"); tt.wantType != "" && !strings.HasPrefix(ct, tt.wantType) {
				t.Errorf("Content-Type %q, want %q", ct, tt.wantType)
			}
			if got := strings.Contains(body, `"data":{`); got != tt.wantData {
				t.Errorf("has data: %v, want %v: %s", got, tt.wantData, body)
			}
			if tt.wantErrCode != "" && !strings.Contains(body, `"code":"`+tt.wantErrCode+`"`) {
				t.Errorf("want code %s: %s", tt.wantErrCode, body)
			}
			if !tt.wantData && !strings.Contains(body, `"errors"`) {
				t.Errorf("no JSON errors in the refusal: %s", body)
			}
			if strings.HasPrefix(rec.Header().Get("Content-Type"), "application/graphql-response+json") && rec.Code >= 400 && strings.Contains(body, `"data"`) {
				t.Errorf("a refusal in application/graphql-response+json has a data entry: %s", body)
			}
		})
	}
}

func is(code int) func(int) bool { return func(c int) bool { return c == code } }
func is4xx(c int) bool           { return c >= 400 && c < 500 }
func isNot5xx(c int) bool        { return c < 500 }

func TestLimits(t *testing.T) {
	p := newPortal(t, true)
	deep := `{ partner(slug: "iom") { projects { edges { node { funders { projects { edges { node { news { edges { node { title } } } } } } } } } } } }`
	var many strings.Builder
	many.WriteString("{ ")
	for i := range 21 {
		many.WriteString("t" + string(rune('a'+i)) + ": topics { slug } ")
	}
	many.WriteString("}")
	var okAliases strings.Builder
	okAliases.WriteString("{ ")
	for i := range 20 {
		okAliases.WriteString("t" + string(rune('a'+i)) + ": topics { slug } ")
	}
	okAliases.WriteString("}")
	tests := []struct {
		name, query string
		code        string // "" means it must succeed
	}{
		{"depth 11", deep, "QUERY_TOO_COMPLEX"},
		{"depth 10", `{ partner(slug: "iom") { projects { edges { node { funders { projects { edges { node { title } } } } } } } } }`, ""},
		{"21 aliases", many.String(), "QUERY_TOO_COMPLEX"},
		{"20 aliases", okAliases.String(), ""},
		{"complexity: 100 × 100 nested", `{ projects(first: 100) { edges { node { news(first: 100) { edges { node { title summary topics { name } } } } } } } }`, "QUERY_TOO_COMPLEX"},
		{"complexity: a big but fair page", `{ news(first: 100) { edges { node { title summary topics { name } partners { name } projects { title } } } } }`, ""},
		{"introspection is not limited by depth", `{ __schema { types { name fields { name type { name kind ofType { name kind ofType { name kind ofType { name kind ofType { name kind ofType { name kind } } } } } } } } } }`, ""},
		{"token limit", "{ " + strings.Repeat("topics { slug } ", 2000) + "}", "BAD_USER_INPUT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := p.query(tt.query, nil)
			if r.code() != tt.code {
				t.Errorf("got code %q, want %q: %.300s", r.code(), tt.code, r.body)
			}
			if r.status >= 500 {
				t.Errorf("status %d", r.status)
			}
		})
	}
}

func TestBodyLimit(t *testing.T) {
	p := newPortal(t, false)
	pad := strings.Repeat(" ", 256<<10)
	for _, tt := range []struct {
		name    string
		body    string
		chunked bool
		want    int
	}{
		{"just under 256 KiB", `{"query":"{ topics { slug } }"` + pad[:256<<10-40] + `}`, false, 200},
		{"over 256 KiB", `{"query":"{ topics { slug } }"` + pad + `}`, false, 413},
		{"over 256 KiB without Content-Length", `{"query":"{ topics { slug } }"` + pad + `}`, true, 413},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(tt.body))
			req.Header.Set("Content-Type", "application/json")
			if tt.chunked {
				req.ContentLength = -1
			}
			rec := httptest.NewRecorder()
			p.handler.ServeHTTP(rec, req)
			if rec.Code != tt.want {
				t.Errorf("status %d, want %d: %.200s", rec.Code, tt.want, rec.Body.String())
			}
			if tt.want == 413 && !strings.Contains(rec.Body.String(), `"BAD_USER_INPUT"`) {
				t.Errorf("413 without a JSON error: %s", rec.Body.String())
			}
		})
	}
}

func TestCORS(t *testing.T) {
	p := newPortal(t, false)
	pre := httptest.NewRequest(http.MethodOptions, "/graphql", nil)
	pre.Header.Set("Origin", "https://partner.example.org")
	pre.Header.Set("Access-Control-Request-Method", "POST")
	pre.Header.Set("Access-Control-Request-Headers", "content-type")
	rec := httptest.NewRecorder()
	p.handler.ServeHTTP(rec, pre)
	h := rec.Header()
	if rec.Code >= 300 || h.Get("Access-Control-Allow-Origin") != "*" || !strings.Contains(strings.ToLower(h.Get("Access-Control-Allow-Headers")), "content-type") {
		t.Errorf("preflight: status %d, headers %v", rec.Code, h)
	}
	if h.Get("Access-Control-Allow-Credentials") != "" {
		t.Errorf("preflight allows credentials: %v", h)
	}

	// A real request from another origin, with cookies: readable, but never with credentials.
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":"{ topics { slug } }"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", "https://partner.example.org")
	req.Header.Set("Cookie", "session=abc")
	rec = httptest.NewRecorder()
	p.handler.ServeHTTP(rec, req)
	if rec.Header().Get("Access-Control-Allow-Origin") != "*" || rec.Header().Get("Access-Control-Allow-Credentials") != "" {
		t.Errorf("cross-origin POST headers: %v", rec.Header())
	}

	// Configured origins: only those.
	st := p.store
	h2 := newHandlerWithOrigins(t, st, []string{"https://allowed.example"})
	for origin, want := range map[string]string{"https://allowed.example": "https://allowed.example", "https://other.example": ""} {
		pre := httptest.NewRequest(http.MethodOptions, "/graphql", nil)
		pre.Header.Set("Origin", origin)
		pre.Header.Set("Access-Control-Request-Method", "POST")
		rec := httptest.NewRecorder()
		h2.ServeHTTP(rec, pre)
		if got := rec.Header().Get("Access-Control-Allow-Origin"); got != want {
			t.Errorf("origin %s: Allow-Origin %q, want %q", origin, got, want)
		}
	}
}

func TestPersistedQueries(t *testing.T) {
	p := newPortal(t, true)
	q := `{ topics(locale: EN) { slug } }`
	sum := sha256.Sum256([]byte(q))
	ext := `"extensions":{"persistedQuery":{"version":1,"sha256Hash":"` + hex.EncodeToString(sum[:]) + `"}}`
	send := func(body string) *response {
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewBufferString(body))
		req.Header.Set("Content-Type", "application/json")
		return p.do(req)
	}
	if r := send(`{` + ext + `}`); len(r.Errors) == 0 || r.Errors[0].Message != "PersistedQueryNotFound" {
		t.Fatalf("unknown hash: %s", r.body)
	}
	if r := send(`{"query":` + quote(q) + `,` + ext + `}`); len(r.Errors) > 0 {
		t.Fatalf("register: %s", r.body)
	}
	if r := send(`{` + ext + `}`); len(r.Errors) > 0 || !strings.Contains(string(r.Data), "asylum") {
		t.Fatalf("by hash: %s", r.body)
	}
}

func TestHealthAndSchema(t *testing.T) {
	p := newPortal(t, false)
	for _, tt := range []struct{ path, want, ctype string }{
		{"/healthz", `"ok"`, "application/json"},
		{"/schema.graphql", "type Query", "text/plain"},
		{"/graphiql", "", ""},
	} {
		rec := httptest.NewRecorder()
		p.handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tt.path, nil))
		if tt.want == "" {
			continue // the explorer is tested in its own package
		}
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), tt.want) || !strings.HasPrefix(rec.Header().Get("Content-Type"), tt.ctype) {
			t.Errorf("%s: %d %s %.100s", tt.path, rec.Code, rec.Header().Get("Content-Type"), rec.Body.String())
		}
		if rec.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no nosniff", tt.path)
		}
	}
}
