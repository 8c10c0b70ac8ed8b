package server

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"testing"

	"github.com/agency/portal/auth"
	"github.com/agency/portal/graph"
	"github.com/agency/portal/store"
	"github.com/agency/portal/store/storetest"
)

// The cache never holds more bytes than its bound, however many distinct queries come.
func TestResponseCacheBound(t *testing.T) {
	st, err := store.Open(context.Background(), storetest.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.LoadDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	const bound = 64 << 10
	api := jsonOnly(limitBody(DefaultMaxBodyBytes, graph.NewHandler(st, graph.DefaultLimits, auth.Config{}, nil)))
	cache := newResponseCache(st, nil, bound)
	h := cache.handler(DefaultHTTPCache, api, compress(httpCache(DefaultHTTPCache, api)))
	largest := int64(0)
	for i := range 2000 {
		q := "{ news(first: 20) { totalCount edges { node { slug title summary } } } } # " + strconv.Itoa(i)
		req := httptest.NewRequest(http.MethodGet, "/graphql?query="+url.QueryEscape(q), nil)
		req.Header.Set("Accept-Encoding", []string{"", "gzip", "br"}[i%3])
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("query %d: status %d: %s", i, rec.Code, rec.Body)
		}
		largest = max(largest, cache.Size())
	}
	if largest > bound || largest == 0 {
		t.Errorf("the cache held at most %d bytes, want some and at most %d", largest, bound)
	}
	cache.mu.Lock()
	defer cache.mu.Unlock()
	sum := int64(0)
	for el := cache.lru.Front(); el != nil; el = el.Next() {
		sum += el.Value.(*cachedAnswer).bytes()
	}
	if len(cache.entries) != cache.lru.Len() || sum != cache.size {
		t.Errorf("%d keys, %d entries of %d bytes in the LRU list, size %d; want as many keys as entries, their bytes the size",
			len(cache.entries), cache.lru.Len(), sum, cache.size)
	}
}

// BenchmarkNewsListCache serves the news list with its count, topics and partners over
// a loopback listener, with the response cache off (cold: every request executes) and on
// (warm). Not asserted: run it with go test -bench NewsListCache -run ^$ ./server/.
func BenchmarkNewsListCache(b *testing.B) {
	st, err := store.Open(context.Background(), storetest.DSN(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if _, err := st.LoadDemo(context.Background()); err != nil {
		b.Fatal(err)
	}
	q := `{ news(first: 20) { totalCount edges { node { slug title summary publishedAt topics { slug name } partners { slug name } } } } }`
	for _, tt := range []struct {
		name  string
		bytes int64
	}{{"cold", -1}, {"warm", DefaultResponseCacheBytes}} {
		b.Run(tt.name, func(b *testing.B) {
			srv := httptest.NewServer(New(st, Config{Limits: graph.DefaultLimits, ResponseCacheBytes: tt.bytes}))
			defer srv.Close()
			target := srv.URL + "/graphql?query=" + url.QueryEscape(q)
			b.SetParallelism(8)
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					resp, err := srv.Client().Get(target)
					if err != nil {
						b.Error(err)
						return
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != http.StatusOK {
						b.Errorf("status %d", resp.StatusCode)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
		})
	}
}
