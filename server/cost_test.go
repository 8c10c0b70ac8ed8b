package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/agency/portal/graph"
	"github.com/agency/portal/server"
)

// A security bound, not a speed goal: an attack must be answered within it instead of never.
const attackBound = 2 * time.Second

// fanOut is the fragment fan-out: each of levels fragments spreads the next twice,
// so the document is small and its expansion 2^levels fields.
func fanOut(levels int, typename string) string {
	var b strings.Builder
	b.WriteString("{ ...F0 }\n")
	for i := range levels {
		fmt.Fprintf(&b, "fragment F%d on %s { __typename ...F%d ...F%d }\n", i, typename, i+1, i+1)
	}
	fmt.Fprintf(&b, "fragment F%d on %s { __typename }\n", levels, typename)
	return b.String()
}

// aliased repeats a field n times, each with its own alias.
func aliased(n int, field string) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "a%d: %s ", i, field)
	}
	return b.String()
}

// typeRef is a deep fragment on __Type, as GraphiQL's TypeRef.
const typeRef = `fragment T on __Type { name kind ofType { name kind ofType { name kind ofType { name kind ofType { name kind ofType { name kind ofType { name kind } } } } } } }`

func TestCostAttacks(t *testing.T) {
	p := newPortal(t, true)
	introspectionFanOut := "{ __schema { types { ...I0 } } }\n"
	for i := range 30 {
		introspectionFanOut += fmt.Sprintf("fragment I%d on __Type { name ...I%d ...I%d }\n", i, i+1, i+1)
	}
	introspectionFanOut += "fragment I30 on __Type { kind }"
	tests := []struct {
		name, query string
		code        string
		message     string // a piece of the message that says what is wrong
	}{
		{"fan-out, 20 levels", fanOut(20, "Query"), "QUERY_TOO_COMPLEX", "fragments are expanded"},
		{"fan-out, 30 levels", fanOut(30, "Query"), "QUERY_TOO_COMPLEX", "fragments are expanded"},
		{"fan-out, 40 levels", fanOut(40, "Query"), "QUERY_TOO_COMPLEX", "fragments are expanded"},
		{"fan-out, 200 levels", fanOut(200, "Query"), "QUERY_TOO_COMPLEX", "more than"},
		{"fan-out in a fragment no operation uses", "{ __typename }\n" + strings.TrimPrefix(fanOut(30, "Query"), "{ ...F0 }\n"), "BAD_USER_INPUT", "fragment F0 is never used"},
		{"fan-out inside introspection", introspectionFanOut, "QUERY_TOO_COMPLEX", "fragments are expanded"},
		{"21 aliased __schema", "{ " + aliased(21, "__schema { __typename }") + "}", "QUERY_TOO_COMPLEX", ""},
		{"3 aliased __schema", "{ " + aliased(3, "__schema { __typename }") + "}", "QUERY_TOO_COMPLEX", "__schema or __type 3 times"},
		{"3 aliased __type", "{ " + aliased(3, `__type(name: "Query") { name }`) + "}", "QUERY_TOO_COMPLEX", "__schema or __type 3 times"},
		{"600 aliased __schema with a deep fragment", "{ " + aliased(600, "__schema { ...S }") + "}\nfragment S on __Schema { types { ...T } }\n" + typeRef, "QUERY_TOO_COMPLEX", ""},
		{"21 aliases inside introspection", "{ __schema { " + aliased(21, "queryType { name }") + "} }", "QUERY_TOO_COMPLEX", "21 aliases"},
		{"aliases hidden in a fragment used 3 times", "{ ...A ...A ...A } fragment A on Query { " + aliased(8, "__typename") + "}", "QUERY_TOO_COMPLEX", "24 aliases"},
		{"aliases hidden in a fragment, fanned out", fanOut(10, "Query") + "fragment B on Query { x: __typename }", "QUERY_TOO_COMPLEX", ""},
		{"fan-out of aliased fields", strings.Replace(fanOut(12, "Query"), "__typename", "x: __typename", -1), "QUERY_TOO_COMPLEX", ""},
		{"fan-out with aliased __schema", strings.Replace(fanOut(25, "Query"), "{ __typename ...", "{ s: __schema { types { ...T } } ...", -1) + typeRef, "QUERY_TOO_COMPLEX", ""},
		{"a fragment that spreads itself through fields", `{ ...D } fragment D on Query { partner(slug: "iom") { ...P } } fragment P on Partner { projects { edges { node { funders { ...P } } } } }`, "BAD_USER_INPUT", "spreads itself"},
		{"depth 12 through fragments", `{ ...D } fragment D on Query { partner(slug: "iom") { ...P } } fragment P on Partner { projects { edges { node { funders { ...Q } } } } } fragment Q on Partner { projects { edges { node { news { edges { node { title } } } } } } }`, "QUERY_TOO_COMPLEX", "levels deep; at most 10"},
		{"a second fragment of the same name", "{ ...A } fragment A on Query { __typename } fragment A on Query { " + strings.Repeat("topics { slug } ", 249) + "}", "BAD_USER_INPUT", "several fragments named A"},
		{"a fragment cycle", "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }", "BAD_USER_INPUT", "spreads itself"},
		{"two operations, each fanned out", strings.TrimPrefix(fanOut(15, "Query"), "{ ...F0 }\n") + "query A { ...F0 } query B { ...F0 }", "QUERY_TOO_COMPLEX", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			r := p.query(tt.query, nil)
			took := time.Since(start)
			t.Logf("%d bytes answered in %v with %d bytes", len(tt.query), took, len(r.body))
			if r.code() != tt.code || !strings.Contains(r.body, tt.message) {
				t.Errorf("got code %q, body %.400s; want %s saying %q", r.code(), r.body, tt.code, tt.message)
			}
			if took > attackBound {
				t.Errorf("took %v, want under %v", took, attackBound)
			}
			if len(r.body) > 1000 {
				t.Errorf("answer is %d bytes, want a short error", len(r.body))
			}
		})
	}
}

// GraphiQL's own introspection query (graphql-js getIntrospectionQuery, with every
// option and without) works, and so does a large realistic partner query; their sizes
// once expanded are well inside the limit.
func TestIntrospectionAndLargeQueriesPass(t *testing.T) {
	p := newPortal(t, true)
	full, err := os.ReadFile("testdata/introspection-full.graphql")
	if err != nil {
		t.Fatal(err)
	}
	plain, err := os.ReadFile("testdata/introspection-default.graphql")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, query, want string }{
		{"IntrospectionQuery with every option", string(full), `"queryType":{"name":"Query"`},
		{"IntrospectionQuery", string(plain), `"queryType":{"name":"Query"`},
		{"a partner's large query", partnerQuery, `"news":{"totalCount"`},
		{"two __type lookups", `{ a: __type(name: "NewsItem") { name fields { name } } b: __type(name: "Project") { name fields { name } } }`, `"b":{"name":"Project"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := p.query(tt.query, nil)
			if len(r.Errors) > 0 || !strings.Contains(string(r.Data), tt.want) {
				t.Errorf("got status %d, %.400s; want data with %s", r.status, r.body, tt.want)
			}
		})
	}
}

// partnerQuery is a large query a partner's page might send: every root list with the
// nested lists it shows, in one request, through fragments.
const partnerQuery = `query Home($first: Int = 10) {
  news(first: $first, locale: EN) { totalCount pageInfo { ...Page } edges { cursor node { ...News } } }
  projects(first: $first, locale: EN) { totalCount pageInfo { ...Page } edges { node { ...Project } } }
  partners(first: 50, locale: EN) { totalCount edges { node { ...Partner projects(role: IMPLEMENTER) { totalCount } news(first: 3) { edges { node { title } } } } } }
  topics(locale: EN) { slug name }
  search(query: "azil", first: 5, locale: EN) { totalCount facets { kind count } edges { node { kind title snippet item { ... on NewsItem { slug } ... on Project { slug } ... on Partner { slug } } } } }
}
fragment Page on PageInfo { hasNextPage hasPreviousPage startCursor endCursor }
fragment News on NewsItem { id slug locale title summary bodyHtml publishedAt updatedAt topics { slug name } partners { ...Partner } projects { slug title } }
fragment Project on Project { id slug locale title summary descriptionHtml status startDate endDate datePrecision budget { amount currency }
  funders { ...Partner } implementers { ...Partner } areas { slug name } news(first: 5) { edges { node { slug title publishedAt } } } }
fragment Partner on Partner { id slug name acronym kind website }`

// The validator's work at the limits stays small. OverlappingFieldsCanBeMerged compares
// the fields that answer one response path in pairs, so these are its worst cases: within
// MaxFields and MaxRepeats they pass, and beyond MaxRepeats they are refused.
func TestValidationAtTheLimits(t *testing.T) {
	p := newPortal(t, false)
	n := graph.DefaultLimits.MaxRepeats
	max := graph.DefaultLimits.MaxFields
	repeat := func(s string, n int) string { return strings.Repeat(s+" ", n) }
	half1 := repeat("topics { slug }", n) + repeat("news { totalCount }", n)
	half2 := repeat("projects { totalCount }", n) + repeat("partners { totalCount }", n)
	roots := half1 + half2
	for _, tt := range []struct{ name, query, code string }{
		{"four fields with a child, MaxRepeats times each", "{ " + roots + "}", ""},
		{"the same, through a fragment spread twice", "{ ...A ...A } fragment A on Query { " + repeat("topics { slug }", n/2) + repeat("news { totalCount }", n/2) + repeat("projects { totalCount }", n/2) + repeat("partners { totalCount }", n/2) + "}", ""},
		{"the same, in inline fragments", "{ ... on Query { " + half1 + "} ... on Query { " + half2 + "} }", ""},
		{"one field, MaxFields-2 times, through a fragment spread twice", "{ ...A ...A } fragment A on Query { " + repeat("__typename", max/2-1) + "}", "QUERY_TOO_COMPLEX"},
		{"one field with a child, MaxFields/2-1 times", "{ " + repeat("topics { slug }", max/2-1) + "}", "QUERY_TOO_COMPLEX"},
		{"one field with a child through fragments spread 8 times", "{ ...A ...A } fragment A on Query { ...B ...B } fragment B on Query { ...C ...C } fragment C on Query { " + repeat("topics { slug }", max/16-1) + "}", "QUERY_TOO_COMPLEX"},
		{"one field with a child in 10 inline fragments", "{ " + repeat("... on Query { "+repeat("topics { slug }", n/2)+"}", 10) + "}", "QUERY_TOO_COMPLEX"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			r := p.query(tt.query, nil)
			took := time.Since(start)
			t.Logf("%d bytes answered in %v with %d bytes", len(tt.query), took, len(r.body))
			if r.code() != tt.code || (tt.code != "" && !strings.Contains(r.body, "times in one place")) {
				t.Errorf("got code %q, %.300s; want %q", r.code(), r.body, tt.code)
			}
			if took > attackBound {
				t.Errorf("took %v, want under %v", took, attackBound)
			}
		})
	}
}

// slowStore makes every SQL statement wait, while slow is set, until its context is done
// (as SQLite stops a statement when its context is cancelled), and records why it ended.
type slowStore struct {
	slow  atomic.Bool
	ended chan error
}

func (s *slowStore) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context {
	if s.slow.Load() {
		select {
		case <-ctx.Done():
			s.ended <- ctx.Err()
		case <-time.After(10 * time.Second):
			s.ended <- nil
		}
	}
	return ctx
}
func (s *slowStore) AfterQuery(context.Context, *bun.QueryEvent) {}

// costLogs captures the log for the rest of the test.
func costLogs(t *testing.T) *bytes.Buffer {
	var logs bytes.Buffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	t.Cleanup(func() { slog.SetDefault(old) })
	return &logs
}

// A request's context reaches the store's statements: a client that goes away and a
// request over its time budget stop the work, and neither is logged as an error.
func TestRequestTimeBudget(t *testing.T) {
	logs := costLogs(t)
	// serve is a portal whose statements wait until their context ends, with a budget.
	serve := func(budget time.Duration) (*httptest.Server, *slowStore) {
		limits := graph.DefaultLimits
		limits.Timeout = budget
		p := newPortalWith(t, true, server.Config{Limits: limits})
		hook := &slowStore{ended: make(chan error, 100)}
		p.store.AddQueryHook(hook)
		hook.slow.Store(true)
		t.Cleanup(func() { hook.slow.Store(false) })
		srv := httptest.NewServer(p.handler) // 127.0.0.1
		t.Cleanup(srv.Close)
		return srv, hook
	}
	body := `{"query":"{ news(first: 1) { totalCount } }"}`

	t.Run("the client goes away", func(t *testing.T) {
		// A budget far longer than the wait below: only the client's going can stop it.
		srv, hook := serve(time.Minute)
		client := &http.Client{Timeout: 100 * time.Millisecond}
		if _, err := client.Post(srv.URL+"/graphql", "application/json", strings.NewReader(body)); err == nil {
			t.Fatal("the request finished before the client gave up")
		}
		select {
		case err := <-hook.ended:
			if err != context.Canceled {
				t.Errorf("the statement ended with %v, want context.Canceled", err)
			}
		case <-time.After(attackBound):
			t.Fatal("the statement did not stop when the client left")
		}
	})

	t.Run("the time budget runs out", func(t *testing.T) {
		srv, hook := serve(500 * time.Millisecond)
		start := time.Now()
		resp, err := http.Post(srv.URL+"/graphql", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var r response
		json.NewDecoder(resp.Body).Decode(&r)
		took := time.Since(start)
		if r.code() != "QUERY_TOO_COMPLEX" || !strings.Contains(r.Errors[0].Message, "time budget") {
			t.Errorf("got %+v; want QUERY_TOO_COMPLEX about the time budget", r.Errors)
		}
		if took < 500*time.Millisecond || took > attackBound {
			t.Errorf("answered after %v, want soon after the budget of 500ms", took)
		}
		if err := <-hook.ended; err != context.DeadlineExceeded {
			t.Errorf("the statement ended with %v, want context.DeadlineExceeded", err)
		}
	})
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("stopped requests were logged as errors:\n%s", logs)
	}
	if !strings.Contains(logs.String(), `level=WARN msg="graphql: a request ran out of its time budget"`) {
		t.Errorf("the spent budget was not logged as a warning:\n%s", logs)
	}
}
