package server_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// A large answer (well over 1 KB) and a small one (well under).
const (
	largeQuery = `{ projects(first: 50, locale: EN) { totalCount edges { cursor node { id slug title summary status funders { name } implementers { name } } } } }`
	smallQuery = `{ news(first: 1, locale: EN) { totalCount } }`
)

// getGraphQL sends a GET /graphql with the query and the request headers given, and
// returns the recorded answer.
func (p *portal) getGraphQL(method, query string, headers map[string]string) *httptest.ResponseRecorder {
	p.t.Helper()
	req := httptest.NewRequest(method, "/graphql?query="+url.QueryEscape(query), nil)
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	p.handler.ServeHTTP(rec, req)
	return rec
}

// postGraphQL posts the query with the request headers given.
func (p *portal) postGraphQL(query string, headers map[string]string) *httptest.ResponseRecorder {
	p.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	p.handler.ServeHTTP(rec, req)
	return rec
}

// decoded is an answer's body with its Content-Encoding undone.
func decoded(t *testing.T, rec *httptest.ResponseRecorder) []byte {
	t.Helper()
	var r io.Reader
	switch enc := rec.Header().Get("Content-Encoding"); enc {
	case "":
		return rec.Body.Bytes()
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(rec.Body.Bytes()))
		if err != nil {
			t.Fatalf("gzip answer does not decompress: %v", err)
		}
		r = zr
	case "br":
		r = brotli.NewReader(bytes.NewReader(rec.Body.Bytes()))
	default:
		t.Fatalf("Content-Encoding %q, want gzip, br or none", enc)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("%s answer does not decompress: %v", rec.Header().Get("Content-Encoding"), err)
	}
	return b
}

func TestCompression(t *testing.T) {
	p := newPortal(t, true)
	plainGET := p.getGraphQL(http.MethodGet, largeQuery, nil)
	plainPOST := p.postGraphQL(largeQuery, nil)
	if plainGET.Code != http.StatusOK || plainGET.Body.Len() < 1024 || strings.Contains(plainGET.Body.String(), `"errors"`) {
		t.Fatalf("the large query: status %d, %d bytes: %.300s; want 200 and over 1 KB without errors", plainGET.Code, plainGET.Body.Len(), plainGET.Body.String())
	}
	tests := []struct {
		name, acceptEncoding string
		post, small          bool
		want                 string // the Content-Encoding wanted
	}{
		{name: "none asked", acceptEncoding: "", want: ""},
		{name: "gzip", acceptEncoding: "gzip", want: "gzip"},
		{name: "br", acceptEncoding: "br", want: "br"},
		{name: "both: br preferred", acceptEncoding: "gzip, deflate, br", want: "br"},
		{name: "gzip refused", acceptEncoding: "gzip;q=0", want: ""},
		{name: "br refused, gzip fine", acceptEncoding: "br;q=0, gzip", want: "gzip"},
		{name: "br less welcome", acceptEncoding: "br;q=0.5, gzip", want: "gzip"},
		{name: "gzip less welcome", acceptEncoding: "gzip;q=0.2, br;q=0.9", want: "br"},
		{name: "any", acceptEncoding: "*", want: "br"},
		{name: "any but br", acceptEncoding: "*, br;q=0", want: "gzip"},
		{name: "only identity", acceptEncoding: "identity", want: ""},
		{name: "bad q-value", acceptEncoding: "br;q=x, gzip;q=2", want: ""},
		{name: "POST gzip", acceptEncoding: "gzip", post: true, want: "gzip"},
		{name: "POST br", acceptEncoding: "br", post: true, want: "br"},
		{name: "small answer, gzip asked", acceptEncoding: "gzip", small: true, want: ""},
		{name: "small answer, br asked", acceptEncoding: "br, gzip", small: true, want: ""},
		{name: "small POST answer", acceptEncoding: "br, gzip", post: true, small: true, want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, plain := largeQuery, plainGET
			if tt.post {
				plain = plainPOST
			}
			if tt.small {
				q = smallQuery
				plain = p.getGraphQL(http.MethodGet, q, nil)
				if tt.post {
					plain = p.postGraphQL(q, nil)
				}
			}
			h := map[string]string{"Accept-Encoding": tt.acceptEncoding}
			rec := p.getGraphQL(http.MethodGet, q, h)
			if tt.post {
				rec = p.postGraphQL(q, h)
			}
			if got := rec.Header().Get("Content-Encoding"); got != tt.want {
				t.Fatalf("Accept-Encoding %q: Content-Encoding %q, want %q", tt.acceptEncoding, got, tt.want)
			}
			if rec.Code != plain.Code {
				t.Errorf("status %d, want %d as uncompressed", rec.Code, plain.Code)
			}
			if got := decoded(t, rec); !bytes.Equal(got, plain.Body.Bytes()) {
				t.Errorf("the answer decodes to %d bytes %.200q, want the %d uncompressed bytes %.200q", len(got), got, plain.Body.Len(), plain.Body.String())
			}
			if tt.want != "" && rec.Body.Len() >= plain.Body.Len() {
				t.Errorf("compressed %d bytes, no fewer than the %d uncompressed", rec.Body.Len(), plain.Body.Len())
			}
			if !strings.Contains(strings.Join(rec.Header().Values("Vary"), ","), "Accept-Encoding") {
				t.Errorf("Vary %q, want it to name Accept-Encoding", rec.Header().Values("Vary"))
			}
			if rec.Header().Get("Content-Length") != "" && tt.want != "" {
				t.Errorf("a compressed answer has Content-Length %q", rec.Header().Get("Content-Length"))
			}
		})
	}
}

// Over a real connection, a compressed answer decodes to a GraphQL answer.
func TestCompressionOverHTTP(t *testing.T) {
	p := newPortal(t, true)
	srv := httptest.NewServer(p.handler)
	defer srv.Close()
	for _, enc := range []string{"gzip", "br"} {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/graphql?query="+url.QueryEscape(largeQuery), nil)
		req.Header.Set("Accept-Encoding", enc)
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		rec := httptest.NewRecorder()
		rec.Body = bytes.NewBuffer(body)
		rec.Header().Set("Content-Encoding", resp.Header.Get("Content-Encoding"))
		if resp.Header.Get("Content-Encoding") != enc {
			t.Fatalf("over HTTP with %s: Content-Encoding %q", enc, resp.Header.Get("Content-Encoding"))
		}
		var r response
		if err := json.Unmarshal(decoded(t, rec), &r); err != nil || len(r.Errors) > 0 {
			t.Errorf("over HTTP with %s: the body decodes to no GraphQL answer (%v, %d errors)", enc, err, len(r.Errors))
		}
	}
}
