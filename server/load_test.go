package server_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/agency/portal/graph"
	"github.com/agency/portal/server"
)

// statements counts the SQL statements the store runs.
type statements struct{ n atomic.Int64 }

func (s *statements) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context { return ctx }
func (s *statements) AfterQuery(_ context.Context, _ *bun.QueryEvent)                    { s.n.Add(1) }

// Nested lists go through dataloaders: a page of projects or news with their partners,
// topics and news costs the same number of statements for 5 items as for 100.
func TestStatementsDoNotGrowWithThePage(t *testing.T) {
	// A generous batch window: on a busy machine (CI, other tests) 5 ms can close a batch
	// before the resolvers of 100 items have all asked; loading per item would still show.
	limits := graph.DefaultLimits
	limits.LoaderWait = 200 * time.Millisecond
	p := newPortalWith(t, true, server.Config{Limits: limits})
	bulk(t, p, 300) // 100 projects, 75 partners
	counter := &statements{}
	p.store.AddQueryHook(counter)
	queries := map[string]string{
		"projects": `query($n: Int) { projects(first: $n) { totalCount edges { node { title funders { name } implementers { name } cooperatingPartners { name }
			areas { name } news(first: 3) { totalCount edges { node { title topics { name } } } } } } } }`,
		"news": `query($n: Int) { news(first: $n, locale: SR_LATN) { edges { node { title topics { name } partners { name } projects { title funders { name } } } } } }`,
		"partners": `query($n: Int) { partners(first: $n) { edges { node { name projects(first: 2) { totalCount edges { node { title areas { name } } } }
			funded: projects(role: FUNDER) { totalCount } news(first: 2) { totalCount edges { node { title } } } } } } }`,
		"search": `query($n: Int) { search(query: "bulk", first: $n) { totalCount edges { node { title item {
			... on Project { funders { name } areas { name } } ... on NewsItem { topics { name } } ... on Partner { news(first: 1) { totalCount } } } } } } }`,
	}
	for name, q := range queries {
		t.Run(name, func(t *testing.T) {
			count := func(n int) int64 {
				counter.n.Store(0)
				if r := p.query(q, map[string]any{"n": n}); len(r.Errors) > 0 {
					t.Fatalf("first %d: %s", n, r.body)
				}
				return counter.n.Load()
			}
			small, large := count(5), count(100)
			for try := 0; try < 3 && large != small; try++ { // a stalled scheduler can split a batch
				small, large = min(small, count(5)), min(large, count(100))
			}
			t.Logf("%s: %d statements for 5 items, %d for 100", name, small, large)
			if small != large {
				t.Errorf("%d statements for 5 items but %d for 100: some nested list is loaded per item", small, large)
			}
			if large > 15 {
				t.Errorf("%d statements for one page", large)
			}
		})
	}
}

// Writers and readers at once: WAL, a single writer connection and busy_timeout mean no
// reader or writer ever sees "database is locked".
func TestConcurrentWritesDuringReads(t *testing.T) {
	p := newPortal(t, true)
	bulk(t, p, 40)
	deadline := time.Now().Add(2 * time.Second)
	var wg sync.WaitGroup
	var reads, writes atomic.Int64
	errs := make(chan string, 100)
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200 && time.Now().Before(deadline); i++ {
				js := fmt.Sprintf(`{"news":[{"slug":"concurrent-%d-%d","title":{"sr":"Конкурентна вест %d","en":"Concurrent %d"},"summary":{"sr":"","en":""},"body":{"sr":"","en":""},"publishedAt":"2024-05-01T10:00:00Z","updatedAt":null,"topics":["bulk"],"projects":[],"partners":["bulk-partner-001"]}]}`, w, i, i, i)
				c, err := decodeContent(js)
				if err == nil {
					err = p.store.Import(context.Background(), c)
				}
				if err != nil {
					errs <- "write: " + err.Error()
					return
				}
				writes.Add(1)
			}
		}()
	}
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 2000 && time.Now().Before(deadline); i++ {
				q := []string{`{ news(first: 20) { totalCount edges { node { title topics { name } partners { name } } } } }`,
					`{ search(query: "konkurentna", first: 5) { totalCount edges { node { title } } } }`}[i%2]
				r := p.query(q, nil)
				if len(r.Errors) > 0 || r.status != 200 {
					errs <- "read: " + r.body
					return
				}
				reads.Add(1)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		if strings.Contains(e, "locked") || strings.Contains(e, "busy") {
			t.Errorf("lock error: %s", e)
		} else {
			t.Error(e)
		}
	}
	t.Logf("%d reads and %d writes", reads.Load(), writes.Load())
	if reads.Load() == 0 || writes.Load() == 0 {
		t.Errorf("nothing ran: %d reads, %d writes", reads.Load(), writes.Load())
	}
}
