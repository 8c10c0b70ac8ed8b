package server_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/agency/portal/graph"
	"github.com/agency/portal/server"
)

// TestCostOfAnswers: a donor report (100 projects with every field, each with its 10
// latest news items with every field) fits the cost limit; a deliberately absurd query
// does not, and its refusal names the field that costs the most; every answer reports its
// cost in extensions.cost.
func TestCostOfAnswers(t *testing.T) {
	p := newPortal(t, true)
	donor, err := os.ReadFile("testdata/donor-report.graphql")
	if err != nil {
		t.Fatal(err)
	}
	type cost struct{ Requested, Limit int }
	costOf := func(r *response) cost {
		var ext struct {
			Extensions struct{ Cost *cost }
		}
		if err := json.Unmarshal([]byte(r.body), &ext); err != nil || ext.Extensions.Cost == nil {
			t.Fatalf("no extensions.cost in %.300s", r.body)
		}
		return *ext.Extensions.Cost
	}
	tests := []struct {
		name      string
		query     string
		vars      map[string]any
		wantCode  string
		wantField string
		wantSay   string
		atLeast   int // the cost it must report at least
	}{
		{name: "the donor report", query: string(donor), atLeast: 30000},
		{name: "a small list", query: `{ news(first: 5) { totalCount edges { node { title } } } }`, atLeast: 6},
		{name: "totalCount alone", query: `{ news(first: 0) { totalCount } }`, atLeast: 1},
		{name: "100 projects with 100 news items each", query: `{ projects(first: 100) { edges { node { title news(first: 100) { edges { node { id title summary bodyHtml publishedAt topics { slug name } partners { slug name } } } } } } } }`,
			wantCode: "QUERY_TOO_COMPLEX", wantField: "projects.edges.node.news", wantSay: "most of it is projects.edges.node.news (first: 100)", atLeast: 100000},
		{name: "the cost of a variable's first", query: `query($n: Int) { projects(first: $n) { edges { node { title news(first: $n) { edges { node { id title summary bodyHtml } } } } } } }`, vars: map[string]any{"n": 100},
			wantCode: "QUERY_TOO_COMPLEX", wantField: "projects.edges.node.news", wantSay: "for each of the 100 items around it", atLeast: 50000},
		{name: "aliased lists", query: `{ a: news(first: 100) { edges { node { title summary bodyHtml publishedAt slug id topics { slug name id } partners { slug name id } projects { slug title id } } } } b: news(first: 100) { edges { node { title summary bodyHtml publishedAt slug id topics { slug name id } partners { slug name id } projects { slug title id } } } } c: news(first: 100) { edges { node { title summary bodyHtml publishedAt slug id topics { slug name id } partners { slug name id } projects { slug title id } } } } }`,
			atLeast: 6000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := p.query(tt.query, tt.vars)
			c := costOf(r)
			if c.Limit != graph.DefaultLimits.MaxComplexity || c.Requested < tt.atLeast {
				t.Errorf("extensions.cost %+v, want at least %d of %d", c, tt.atLeast, graph.DefaultLimits.MaxComplexity)
			}
			if r.code() != tt.wantCode {
				t.Fatalf("code %q, want %q: %.400s", r.code(), tt.wantCode, r.body)
			}
			if tt.wantCode == "" {
				if r.status != http.StatusOK || c.Requested > c.Limit {
					t.Errorf("status %d, cost %+v: want 200 within the limit", r.status, c)
				}
				return
			}
			e := r.Errors[0]
			if e.Extensions["field"] != tt.wantField || !strings.Contains(e.Message, tt.wantSay) || !strings.Contains(e.Message, strconv.Itoa(c.Requested)) {
				t.Errorf("got %q naming %v; want it to name %s, say %q and the cost %d", e.Message, e.Extensions["field"], tt.wantField, tt.wantSay, c.Requested)
			}
		})
	}
}

// TestRateLimit: other sites' and programs' use of /graphql is counted per client address
// (an IPv6 address by its /64), with the RateLimit-* headers on every answer and 429 with
// RATE_LIMITED past the limit; the portal's own pages are not counted.
func TestRateLimit(t *testing.T) {
	p := newPortalWith(t, true, server.Config{Limits: graph.DefaultLimits, RateLimit: server.RateLimit{Requests: 3, Window: time.Minute}})
	send := func(addr string, header map[string]string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, "/graphql?query="+strings.ReplaceAll("{ topics { slug } }", " ", "%20"), nil)
		req.RemoteAddr = addr
		for k, v := range header {
			req.Header.Set(k, v)
		}
		rec := httptest.NewRecorder()
		p.handler.ServeHTTP(rec, req)
		return rec
	}
	const partner = "203.0.113.7:4000"
	for i, wantLeft := range []string{"2", "1", "0"} {
		rec := send(partner, nil)
		h := rec.Header()
		reset, _ := strconv.Atoi(h.Get("RateLimit-Reset"))
		if rec.Code != http.StatusOK || h.Get("RateLimit-Limit") != "3" || h.Get("RateLimit-Remaining") != wantLeft || reset < 1 || reset > 60 || h.Get("RateLimit-Policy") != "3;w=60" {
			t.Errorf("request %d: status %d, RateLimit %q/%q/%q, policy %q; want 200, 3/%s/1…60, 3;w=60",
				i+1, rec.Code, h.Get("RateLimit-Limit"), h.Get("RateLimit-Remaining"), h.Get("RateLimit-Reset"), h.Get("RateLimit-Policy"), wantLeft)
		}
	}
	rec := send(partner, nil)
	var body response
	json.Unmarshal(rec.Body.Bytes(), &body)
	retry, _ := strconv.Atoi(rec.Header().Get("Retry-After"))
	if rec.Code != http.StatusTooManyRequests || body.code() != "RATE_LIMITED" || retry < 1 || body.Errors[0].Extensions["retryAfter"] != float64(retry) {
		t.Errorf("past the limit: status %d, Retry-After %q, body %s; want 429, RATE_LIMITED with retryAfter", rec.Code, rec.Header().Get("Retry-After"), rec.Body)
	}
	if rec := send(partner, map[string]string{"Sec-Fetch-Site": "same-origin"}); rec.Code != http.StatusOK || rec.Header().Get("RateLimit-Limit") != "" {
		t.Errorf("the portal's own page: status %d, RateLimit-Limit %q; want 200, not counted", rec.Code, rec.Header().Get("RateLimit-Limit"))
	}
	if rec := send("198.51.100.9:5000", nil); rec.Code != http.StatusOK || rec.Header().Get("RateLimit-Remaining") != "2" {
		t.Errorf("another address: status %d, remaining %q; want 200 and its own count", rec.Code, rec.Header().Get("RateLimit-Remaining"))
	}
	for i, addr := range []string{"[2001:db8:1:2::1]:80", "[2001:db8:1:2::ffff]:80", "[2001:db8:1:2:aaaa::5]:80"} {
		if got, want := send(addr, nil).Header().Get("RateLimit-Remaining"), strconv.Itoa(2-i); got != want {
			t.Errorf("IPv6 %s: remaining %q, want %s (one /64 counts as one client)", addr, got, want)
		}
	}
}
