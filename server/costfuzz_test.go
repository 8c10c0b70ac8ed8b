package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/agency/portal/graph"
	"github.com/agency/portal/server"
	"github.com/agency/portal/store"
)

// FuzzQueryCost sends documents built from the fuzz input (fragments that spread later
// ones once or twice, so the expansion can double per level; aliases; __schema and __type;
// nesting through introspection types; now and then a fragment that spreads itself)
// through the real handler, and checks that the answer comes within a security bound and
// is at most a small multiple of the request's size. Introspection is the known exception:
// each __schema or __type the limits let through may add up to twice the size of GraphiQL's
// full introspection answer.
func FuzzQueryCost(f *testing.F) {
	for _, seed := range [][]byte{
		{},
		{3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3},
		{4, 4, 4, 4, 4, 12, 12, 20, 20, 28, 1, 1, 1, 1, 1, 1},
		{5, 2, 10, 18, 3, 11, 19, 27, 35, 43, 4, 5, 6, 7},
		{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
		{7, 15, 23, 31, 39, 47, 55, 63, 6, 6, 6, 6, 0, 2, 4, 6},
		{15, 31, 47, 63, 79, 95, 111, 127, 143, 159},
		[]byte("the quick brown fox jumps over the lazy dog, twice over: the quick brown fox"),
	} {
		f.Add(seed)
	}
	p := fuzzPortal(f)
	full, err := os.ReadFile("testdata/introspection-full.graphql")
	if err != nil {
		f.Fatal(err)
	}
	rec := httptest.NewRecorder()
	body, _ := json.Marshal(map[string]string{"query": string(full)})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	p.handler.ServeHTTP(rec, req)
	introspection := rec.Body.Len()
	allowance := graph.DefaultLimits.MaxIntrospection * 2 * introspection
	f.Fuzz(func(t *testing.T, in []byte) {
		p.t = t
		doc := fuzzDocument(in)
		start := time.Now()
		r := p.query(doc, nil)
		took := time.Since(start)
		if took > attackBound {
			t.Errorf("took %v, want under %v, for %q", took, attackBound, doc)
		}
		if limit := 50*len(doc) + 16<<10 + allowance; len(r.body) > limit {
			t.Errorf("a request of %d bytes got an answer of %d bytes, more than %d: %q", len(doc), len(r.body), limit, doc)
		}
		t.Logf("%d bytes -> %d bytes, %q", len(doc), len(r.body), r.code())
		if r.status >= 500 || r.code() == "INTERNAL" {
			t.Errorf("status %d, %.300s, for %q", r.status, r.body, doc)
		}
	})
}

// fuzzPortal is newPortal for a fuzz target: the demo content in a real SQLite file.
func fuzzPortal(f *testing.F) *portal {
	st, err := store.Open(context.Background(), filepath.Join(f.TempDir(), "portal.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { st.Close() })
	if _, err := st.LoadDemo(context.Background()); err != nil {
		f.Fatal(err)
	}
	return &portal{store: st, handler: server.New(st, server.Config{Limits: graph.DefaultLimits})}
}

// fuzzDocument builds a document from fuzz input: fragments Q0…Q7 on Query and T0…T3 on
// __Type are each made of pieces the input's bytes choose; the operation spreads them all
// (so none is unused).
func fuzzDocument(in []byte) string {
	next := func() byte {
		if len(in) == 0 {
			return 0
		}
		b := in[0]
		in = in[1:]
		return b
	}
	const queries, types = 8, 4
	alias := 0
	later := func(i, n int, b byte) int { // a later fragment, or now and then this one (a cycle)
		if b&0x80 != 0 && b&0x70 == 0x70 {
			return i
		}
		if i+1 >= n {
			return -1
		}
		return i + 1 + int(b>>3)%(n-i-1)
	}
	var b strings.Builder
	b.WriteString(`{ ...Q0 ...Q1 ...Q2 ...Q3 ...Q4 ...Q5 ...Q6 ...Q7 t: __type(name: "NewsItem") { ...T0 ...T1 ...T2 ...T3 } }` + "\n")
	for i := range queries {
		fmt.Fprintf(&b, "fragment Q%d on Query { __typename", i)
		for range next() % 8 {
			c := next()
			j := later(i, queries, c)
			switch {
			case c%8 == 0:
				b.WriteString(" __typename")
			case c%8 == 1:
				alias++
				fmt.Fprintf(&b, " a%d: __typename", alias)
			case c%8 == 2 && j >= 0:
				fmt.Fprintf(&b, " ...Q%d", j)
			case c%8 == 3 && j >= 0:
				fmt.Fprintf(&b, " ...Q%d ...Q%d", j, j)
			case c%8 == 4:
				alias++
				fmt.Fprintf(&b, " s%d: __schema { types { ...T0 } }", alias)
			case c%8 == 5:
				fmt.Fprintf(&b, ` __type(name: "Query") { ...T%d }`, int(c>>3)%types)
			case c%8 == 6:
				b.WriteString(" topics(locale: EN) { slug }")
			case c%8 == 7 && j >= 0:
				fmt.Fprintf(&b, " ... on Query { ...Q%d }", j)
			}
		}
		b.WriteString(" }\n")
	}
	for i := range types {
		fmt.Fprintf(&b, "fragment T%d on __Type { name", i)
		for range next() % 6 {
			c := next()
			j := later(i, types, c)
			switch {
			case c%6 == 0:
				b.WriteString(" kind")
			case c%6 == 1:
				alias++
				fmt.Fprintf(&b, " n%d: name", alias)
			case c%6 == 2 && j >= 0:
				fmt.Fprintf(&b, " ofType { ...T%d }", j)
			case c%6 == 3 && j >= 0:
				fmt.Fprintf(&b, " fields { name type { ...T%d } }", j)
			case c%6 == 4 && j >= 0:
				fmt.Fprintf(&b, " ...T%d ...T%d", j, j)
			case c%6 == 5:
				b.WriteString(" interfaces { name } enumValues { name }")
			}
		}
		b.WriteString(" }\n")
	}
	return b.String()
}
