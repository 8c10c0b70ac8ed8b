package server_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/andybalholm/brotli"

	"github.com/agency/portal/graph"
	"github.com/agency/portal/metrics"
	"github.com/agency/portal/server"
	"github.com/agency/portal/store"
	"github.com/agency/portal/store/storetest"
)

// cachedPortal is a portal with the demo content, the response cache on, an editor and an
// admin signed in, and the metrics that count the cache's hits and misses.
type cachedPortal struct {
	*editors
	dsn     string
	metrics *metrics.Metrics
}

func newCachedPortal(t *testing.T) *cachedPortal {
	t.Helper()
	dsn := storetest.DSN(t)
	m := metrics.New()
	p := newPortalAt(t, dsn, true, server.Config{Limits: graph.DefaultLimits, Metrics: m})
	if _, err := p.store.CreateUser(context.Background(), editorEmail, editorPassword, store.RoleEditor); err != nil {
		t.Fatal(err)
	}
	return &cachedPortal{editors: signInEditors(t, p), dsn: dsn, metrics: m}
}

// lookups is how many hits and misses the response cache has counted so far.
func (c *cachedPortal) lookups() (hits, misses float64) {
	families := scrape(c.t, c.metrics)
	hits, _ = sample(families, "portal_cache_lookups_total", map[string]string{"cache": "response", "result": "hit"})
	misses, _ = sample(families, "portal_cache_lookups_total", map[string]string{"cache": "response", "result": "miss"})
	return hits, misses
}

// getQuery is the GET target of a query with variables.
func getQuery(query string, vars map[string]any) string {
	target := "/graphql?query=" + url.QueryEscape(query)
	if vars != nil {
		js, _ := json.Marshal(vars)
		target += "&variables=" + url.QueryEscape(string(js))
	}
	return target
}

// cachedView is what the public sees through a cached GET: a news item by slug, a search
// and the news list with its count.
type cachedView struct {
	title      string // "" when the item is not public
	searchHits int
	listed     int
	firstSlugs string
}

const viewQuery = `query($slug: String!, $word: String!) { newsItem(slug: $slug, locale: EN) { title }
	search(query: $word) { totalCount } news(first: 20) { totalCount edges { node { slug topics { slug } partners { slug } } } } }`

// view GETs viewQuery twice as the public: the second answer must be a hit, and the same.
func (c *cachedPortal) view(slug, word string) cachedView {
	c.t.Helper()
	target := getQuery(viewQuery, map[string]any{"slug": slug, "word": word})
	first := c.exchange(http.MethodGet, target, nil)
	hits, _ := c.lookups()
	second := c.exchange(http.MethodGet, target, nil)
	if again, _ := c.lookups(); again != hits+1 {
		c.t.Errorf("a repeated GET: %v hits, want %v", again, hits+1)
	}
	if !bytes.Equal(first.Body.Bytes(), second.Body.Bytes()) {
		c.t.Errorf("a hit answered %s, the miss %s", second.Body, first.Body)
	}
	var out struct {
		Data struct {
			NewsItem *struct{ Title string }
			Search   struct{ TotalCount int }
			News     struct {
				TotalCount int
				Edges      []struct{ Node struct{ Slug string } }
			}
		}
		Errors []any
	}
	if err := json.Unmarshal(first.Body.Bytes(), &out); err != nil || len(out.Errors) > 0 {
		c.t.Fatalf("view: %v %s", err, first.Body)
	}
	v := cachedView{searchHits: out.Data.Search.TotalCount, listed: out.Data.News.TotalCount}
	if out.Data.NewsItem != nil {
		v.title = out.Data.NewsItem.Title
	}
	for _, e := range out.Data.News.Edges {
		v.firstSlugs += e.Node.Slug + " "
	}
	return v
}

// Every kind of write shows on the very next request, cached or not.
func TestResponseCacheFollowsWrites(t *testing.T) {
	c := newCachedPortal(t)
	ctx := context.Background()
	before := c.view("cache-follows-writes", "pelican")

	item := c.createDraft(map[string]any{"title": map[string]any{"en": "Cache follows writes"},
		"summary": map[string]any{"en": "A pelican."}, "body": map[string]any{"en": "Text about a pelican."}})
	version := 1
	mutate := func(cookie *http.Cookie, op string) {
		t.Helper()
		c.ok(cookie, `mutation($id: ID!, $v: Int!) { `+op+`(id: $id, version: $v) { id } }`, map[string]any{"id": item.ID, "v": version}, nil)
		version++
	}
	if got := c.view(item.Slug, "pelican"); got != before {
		t.Fatalf("a draft shows: %+v, want %+v", got, before)
	}
	mutate(c.editor, "publish")
	shown := c.view(item.Slug, "pelican")
	if shown.title != "Cache follows writes" || shown.searchHits != 1 || shown.listed != before.listed+1 {
		t.Fatalf("after publishing: %+v (before %+v)", shown, before)
	}

	c.ok(c.editor, `mutation($id: ID!, $v: Int!, $in: NewsInput!) { updateNewsItem(id: $id, version: $v, input: $in) { id } }`,
		map[string]any{"id": item.ID, "v": version, "in": map[string]any{"slug": item.Slug, "title": map[string]any{"en": "Cache follows updates"},
			"summary": map[string]any{"en": "A pelican."}, "body": map[string]any{"en": "Text about a pelican."}}}, nil)
	version++
	if got := c.view(item.Slug, "pelican"); got.title != "Cache follows updates" {
		t.Fatalf("after an update: %+v", got)
	}

	mutate(c.editor, "unpublish")
	if got := c.view(item.Slug, "pelican"); got != before {
		t.Fatalf("after unpublishing: %+v, want %+v", got, before)
	}
	mutate(c.editor, "publish")
	if got := c.view(item.Slug, "pelican"); got.title == "" || got.listed != before.listed+1 {
		t.Fatalf("published again: %+v", got)
	}
	mutate(c.editor, "deleteItem")
	if got := c.view(item.Slug, "pelican"); got != before {
		t.Fatalf("after deleting: %+v, want %+v", got, before)
	}
	// A restored item is a draft: the public sees the same, but the answer is made anew.
	_, misses := c.lookups()
	mutate(c.admin, "restoreItem")
	if got := c.view(item.Slug, "pelican"); got != before {
		t.Fatalf("after restoring: %+v, want %+v", got, before)
	}
	if _, after := c.lookups(); after != misses+1 {
		t.Errorf("after restoring: %v misses, want %v (the answer made anew)", after, misses+1)
	}

	// An import through another store handle on the same database (another process).
	other := c.store
	if storetest.Postgres() {
		var err error
		if other, err = store.Open(ctx, c.dsn); err != nil {
			t.Fatal(err)
		}
		defer other.Close()
	}
	imported, err := decodeContent(`{"news": [{"slug": "imported-pelican", "publishedAt": "2020-01-01T00:00:00Z",
		"title": {"en": "Imported pelican"}, "summary": {"en": "A pelican."}, "body": {"en": "Imported."}}]}`)
	if err != nil {
		t.Fatal(err)
	}
	beforeImport := c.view("imported-pelican", "pelican")
	if err := other.Import(ctx, imported); err != nil {
		t.Fatal(err)
	}
	if got := c.view("imported-pelican", "pelican"); got.title != "Imported pelican" || got.firstSlugs == beforeImport.firstSlugs || got.searchHits != 1 {
		t.Fatalf("after an import: %+v (before it %+v)", got, beforeImport)
	}
}

// A scheduled item shows when its time comes, by the store's clock, with no write at all.
func TestResponseCacheFollowsTheClock(t *testing.T) {
	c := newCachedPortal(t)
	now := time.Now().UTC().Truncate(time.Second)
	clock := now
	c.store.SetClock(func() time.Time { return clock })
	item := c.createDraft(map[string]any{"title": map[string]any{"en": "Scheduled pelican"}})
	c.ok(c.editor, `mutation($id: ID!, $at: DateTime!) { schedule(id: $id, version: 1, at: $at) { id } }`,
		map[string]any{"id": item.ID, "at": now.Add(30 * time.Minute).Format(time.RFC3339)}, nil)
	before := c.view(item.Slug, "pelican")
	if before.title != "" {
		t.Fatalf("public before its time: %+v", before)
	}
	clock = now.Add(31 * time.Minute)
	if got := c.view(item.Slug, "pelican"); got.title != "Scheduled pelican" || got.listed != before.listed+1 {
		t.Fatalf("after its time: %+v, want it shown and listed (before %+v)", got, before)
	}
}

// Editors' requests neither read nor fill the cache; answers with errors are not kept.
func TestResponseCachePublicOnly(t *testing.T) {
	c := newCachedPortal(t)
	target := getQuery(`{ news(first: 3) { totalCount edges { node { slug } } } }`, nil)
	tests := []struct {
		name         string
		target       string
		cookie       *http.Cookie
		hits, misses float64 // what the request adds to the counters
	}{
		{"an editor first", target, c.editor, 0, 0},
		{"the public after the editor: a miss", target, nil, 0, 1},
		{"the public again: a hit", target, nil, 1, 0},
		{"an editor after the public", target, c.editor, 0, 0},
		{"an answer with errors", getQuery(`{ news(first: 3) { nope } }`, nil), nil, 0, 1},
		{"the same errors again: not kept", getQuery(`{ news(first: 3) { nope } }`, nil), nil, 0, 1},
	}
	for _, tt := range tests {
		hits, misses := c.lookups()
		var cookies []*http.Cookie
		if tt.cookie != nil {
			cookies = append(cookies, tt.cookie)
		}
		rec := c.exchange(http.MethodGet, tt.target, nil, cookies...)
		h, m := c.lookups()
		if h-hits != tt.hits || m-misses != tt.misses {
			t.Errorf("%s: %v hits and %v misses, want %v and %v", tt.name, h-hits, m-misses, tt.hits, tt.misses)
		}
		if tt.cookie != nil && rec.Header().Get("Cache-Control") != "private, no-store" {
			t.Errorf("%s: Cache-Control %q, want private, no-store", tt.name, rec.Header().Get("Cache-Control"))
		}
	}
}

// Locales and variables never share an entry; variables written differently do.
func TestResponseCacheKeys(t *testing.T) {
	c := newCachedPortal(t)
	const q = `query($slug: String!, $locale: Locale) { newsItem(slug: $slug, locale: $locale) { title } }`
	var slugs struct {
		News struct {
			Edges []struct{ Node struct{ Slug string } }
		}
	}
	c.data(`{ news(first: 2) { edges { node { slug } } } }`, nil, &slugs)
	one, two := slugs.News.Edges[0].Node.Slug, slugs.News.Edges[1].Node.Slug
	answers := map[string]string{}
	for _, vars := range []string{
		`{"slug":"` + one + `","locale":"EN"}`, `{"slug":"` + one + `","locale":"SR_LATN"}`,
		`{"slug":"` + one + `","locale":"SR_CYRL"}`, `{"slug":"` + two + `","locale":"EN"}`,
	} {
		rec := c.exchange(http.MethodGet, "/graphql?query="+url.QueryEscape(q)+"&variables="+url.QueryEscape(vars), nil)
		direct := c.query(q, decodeVars(t, vars))
		if rec.Body.String() != direct.body {
			t.Errorf("variables %s: GET answered %s, want %s", vars, rec.Body, direct.body)
		}
		answers[rec.Body.String()] = vars
	}
	if len(answers) != 4 {
		t.Errorf("four locales and slugs gave %d different answers, want 4", len(answers))
	}
	hits, _ := c.lookups()
	spaced := `{ "locale": "EN",  "slug": "` + one + `" }`
	c.exchange(http.MethodGet, "/graphql?query="+url.QueryEscape(q)+"&variables="+url.QueryEscape(spaced), nil)
	if h, _ := c.lookups(); h != hits+1 {
		t.Errorf("the same variables spaced and ordered otherwise: %v hits, want %v", h, hits+1)
	}
}

func decodeVars(t *testing.T, js string) map[string]any {
	var v map[string]any
	if err := json.Unmarshal([]byte(js), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// A hit answers the bytes and ETag of the miss, in every encoding; 304 and HEAD work on hits.
func TestResponseCacheHitsAnswerAsMisses(t *testing.T) {
	c := newCachedPortal(t)
	target := getQuery(`{ news(first: 20) { totalCount edges { node { slug title summary topics { slug name } partners { slug name } } } } }`, nil)
	for _, encoding := range []string{"", "gzip", "br"} {
		headers := map[string]string{"Accept-Encoding": encoding}
		miss := c.exchange(http.MethodGet, target+"&e="+encoding, headers) // a key of its own: a miss
		hit := c.exchange(http.MethodGet, target+"&e="+encoding, headers)
		if miss.Code != 200 || hit.Code != 200 {
			t.Fatalf("%q: status %d then %d", encoding, miss.Code, hit.Code)
		}
		if plainBody(t, hit) != plainBody(t, miss) || hit.Header().Get("ETag") != miss.Header().Get("ETag") ||
			hit.Header().Get("Content-Encoding") != encoding || miss.Header().Get("Content-Encoding") != encoding {
			t.Errorf("%q: the hit answered ETag %s, %s, %d bytes; the miss %s, %s, %d bytes", encoding,
				hit.Header().Get("ETag"), hit.Header().Get("Content-Encoding"), hit.Body.Len(),
				miss.Header().Get("ETag"), miss.Header().Get("Content-Encoding"), miss.Body.Len())
		}
		for _, h := range []string{"Cache-Control", "Content-Type", "Vary"} {
			if hit.Header().Get(h) != miss.Header().Get(h) {
				t.Errorf("%q: %s %q on the hit, %q on the miss", encoding, h, hit.Header().Get(h), miss.Header().Get(h))
			}
		}
		notModified := c.exchange(http.MethodGet, target+"&e="+encoding, map[string]string{"Accept-Encoding": encoding, "If-None-Match": hit.Header().Get("ETag")})
		if notModified.Code != http.StatusNotModified || notModified.Body.Len() != 0 {
			t.Errorf("%q: If-None-Match on a hit: status %d, %d bytes; want 304, none", encoding, notModified.Code, notModified.Body.Len())
		}
		head := c.exchange(http.MethodHead, target+"&e="+encoding, headers)
		if head.Code != 200 || head.Body.Len() != 0 || head.Header().Get("ETag") != hit.Header().Get("ETag") {
			t.Errorf("%q: HEAD on a hit: status %d, %d bytes, ETag %s; want 200, none, %s", encoding, head.Code, head.Body.Len(),
				head.Header().Get("ETag"), hit.Header().Get("ETag"))
		}
	}
}

// plainBody is an answer's body without its content coding.
func plainBody(t *testing.T, rec *httptest.ResponseRecorder) string {
	t.Helper()
	var r io.Reader = bytes.NewReader(rec.Body.Bytes())
	switch rec.Header().Get("Content-Encoding") {
	case "gzip":
		zr, err := gzip.NewReader(r)
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	case "br":
		r = brotli.NewReader(r)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Requests that arrive at once for one missing answer all get it, the same bytes; each
// is counted once, as a hit or a miss.
func TestResponseCacheAtOnce(t *testing.T) {
	c := newCachedPortal(t)
	calls := make([]call, 20)
	for i := range calls {
		calls[i] = call{method: http.MethodGet, query: `{ news(first: 5) { totalCount edges { node { slug } } } }`}
	}
	hits, misses := c.lookups()
	answers := c.sendAtOnce(calls)
	for i, a := range answers {
		if a.status != 200 || len(a.Errors) > 0 || a.body != answers[0].body {
			t.Errorf("answer %d: status %d, %s; want 200 and %s", i, a.status, a.body, answers[0].body)
		}
	}
	h, m := c.lookups()
	if h-hits+m-misses != 20 || m-misses < 1 {
		t.Errorf("%v hits and %v misses for 20 requests, want 20 lookups, at least one a miss", h-hits, m-misses)
	}
}
