package server

import (
	"bytes"
	"container/list"
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/agency/portal/metrics"
	"github.com/agency/portal/store"
)

// DefaultResponseCacheBytes bounds the response cache: 64 MB.
const DefaultResponseCacheBytes = 64 << 20

// responseCache keeps the public answers to GET queries (as httpCache defines them) so a
// repeat costs no GraphQL execution and no compression. An entry holds the answer's
// bytes, its hash (the ETag's) and, made on first need, its gzip and brotli forms. It is
// valid only at the content generation it was made at and until the next scheduled
// publication known then; the cache is bounded by bytes and evicts the least recently
// used entries.
type responseCache struct {
	store   *store.Store
	metrics *metrics.Metrics
	max     int64
	flight  singleflight.Group

	mu      sync.Mutex
	size    int64
	entries map[string]*list.Element // of *cachedAnswer
	lru     list.List                // front: the most recently used
}

// cachedAnswer is one public answer.
type cachedAnswer struct {
	key         string
	generation  int64
	expires     time.Time // zero: no scheduled publication to wait for
	contentType string
	body        []byte
	hash        string
	encoded     map[string][]byte // "gzip", "br": made on first need
}

func (a *cachedAnswer) bytes() int64 {
	n := len(a.key) + len(a.body) + 256
	for _, e := range a.encoded {
		n += len(e)
	}
	return int64(n)
}

func newResponseCache(s *store.Store, m *metrics.Metrics, maxBytes int64) *responseCache {
	return &responseCache{store: s, metrics: m, max: maxBytes, entries: map[string]*list.Element{}}
}

// Size is the bytes the cache holds now.
func (c *responseCache) Size() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.size
}

// handler answers cacheable requests from the cache, computing a missing answer once
// with api (the GraphQL handler behind the body checks); every other request goes to
// next (compress and httpCache in front of api).
func (c *responseCache) handler(hc HTTPCache, api, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		head := r.Method == http.MethodHead
		if (r.Method != http.MethodGet && !head) || hasSession(r) {
			next.ServeHTTP(w, r)
			return
		}
		generation, err := c.store.Generation(r.Context())
		if err != nil {
			next.ServeHTTP(w, r)
			return
		}
		key := requestKey(r)
		if a := c.lookup(key, generation); a != nil {
			c.metrics.CacheLookup("response", true)
			c.serve(w, r, hc, a)
			return
		}
		c.metrics.CacheLookup("response", false)
		a, answer := c.compute(r, api, key, generation)
		if a != nil {
			c.serve(w, r, hc, a)
			return
		}
		if answer == nil { // another request's computing failed: compute for this one
			next.ServeHTTP(w, r)
			return
		}
		compress(httpCache(hc, replay(answer))).ServeHTTP(w, r) // not public: sent as it came, private
	})
}

// compute runs the request once for all requests waiting on the same key and generation,
// and stores a public answer. It returns the entry, or (for the request that ran it) the
// answer that may not be stored; a request that waited on another's non-public answer
// gets neither.
func (c *responseCache) compute(r *http.Request, api http.Handler, key string, generation int64) (*cachedAnswer, *bufferedAnswer) {
	var own *bufferedAnswer
	v, _, _ := c.flight.Do(strconv.FormatInt(generation, 10)+"\x00"+key, func() (any, error) {
		madeAt := c.store.Now()
		get := r.Clone(r.Context())
		get.Method = http.MethodGet
		own = &bufferedAnswer{header: http.Header{}, status: http.StatusOK}
		api.ServeHTTP(own, get)
		if !own.public() || r.Context().Err() != nil {
			return nil, nil
		}
		expires, err := c.expiry(r.Context(), madeAt)
		if err != nil {
			return nil, nil
		}
		a := &cachedAnswer{key: key, generation: generation, expires: expires,
			contentType: own.header.Get("Content-Type"), body: bytes.Clone(own.body.Bytes()),
			hash: contentHash(own.body.Bytes()), encoded: map[string][]byte{}}
		c.add(a)
		return a, nil
	})
	a, _ := v.(*cachedAnswer)
	return a, own
}

// expiry is when an answer made at madeAt stops being valid by the clock alone: the next
// scheduled publication after it, or zero for never.
func (c *responseCache) expiry(ctx context.Context, madeAt time.Time) (time.Time, error) {
	next, ok, err := c.store.NextPublication(ctx, madeAt)
	if err != nil || !ok {
		return time.Time{}, err
	}
	return next, nil
}

// lookup is the entry for key made at the generation and not expired, or nil.
func (c *responseCache) lookup(key string, generation int64) *cachedAnswer {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[key]
	if !ok {
		return nil
	}
	a := el.Value.(*cachedAnswer)
	if a.generation != generation || (!a.expires.IsZero() && !c.store.Now().Before(a.expires)) {
		c.remove(el)
		return nil
	}
	c.lru.MoveToFront(el)
	return a
}

// add stores an entry, evicting the least recently used ones to stay within the bound.
func (c *responseCache) add(a *cachedAnswer) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if a.bytes() > c.max {
		return
	}
	if el, ok := c.entries[a.key]; ok {
		c.remove(el)
	}
	c.entries[a.key] = c.lru.PushFront(a)
	c.size += a.bytes()
	c.evict()
}

func (c *responseCache) evict() {
	for c.size > c.max && c.lru.Len() > 0 {
		c.remove(c.lru.Back())
	}
}

func (c *responseCache) remove(el *list.Element) {
	a := el.Value.(*cachedAnswer)
	c.lru.Remove(el)
	if c.entries[a.key] == el {
		delete(c.entries, a.key)
	}
	c.size -= a.bytes()
}

// encodedBody is the answer in the encoding, compressed on first need and kept while
// the entry is in the cache.
func (c *responseCache) encodedBody(a *cachedAnswer, encoding string) []byte {
	c.mu.Lock()
	body, ok := a.encoded[encoding]
	c.mu.Unlock()
	if ok {
		return body
	}
	var buf bytes.Buffer
	e := getEncoder(encoding, &buf)
	e.Write(a.body)
	e.Close()
	putEncoder(encoding, e)
	body = buf.Bytes()
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, again := a.encoded[encoding]; again {
		return body
	}
	if el, cached := c.entries[a.key]; cached && el.Value == a {
		c.size -= a.bytes()
		a.encoded[encoding] = body
		c.size += a.bytes()
		c.evict()
	}
	return body
}

// replay sends an answer already made.
func replay(answer *bufferedAnswer) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for name, values := range answer.header {
			w.Header()[name] = values
		}
		w.WriteHeader(answer.status)
		w.Write(answer.body.Bytes())
	})
}

// serve sends a cached answer as httpCache and compress would have sent it.
func (c *responseCache) serve(w http.ResponseWriter, r *http.Request, hc HTTPCache, a *cachedAnswer) {
	h := w.Header()
	h.Add("Vary", "Accept-Encoding")
	h.Add("Vary", "Accept")
	encoding := encodingFor(r, len(a.body))
	h.Set("ETag", entityTag(a.hash, encoding))
	h.Set("Cache-Control", hc.publicControl())
	if ifNoneMatchNames(r.Header.Get("If-None-Match"), a.hash) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", a.contentType)
	body := a.body
	if encoding != "" {
		body = c.encodedBody(a, encoding)
		h.Set("Content-Encoding", encoding) // no Content-Length, as compress sends it
	} else {
		h.Set("Content-Length", strconv.Itoa(len(body)))
	}
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// requestKey is what makes a public answer, whatever the method: the query (or the
// persisted query's hash in extensions), the operation's name, the variables and
// extensions in canonical JSON, and the Accept header (the answer's media type follows
// it). The locale is an argument, so it is in the query or the variables.
func requestKey(r *http.Request) string {
	q := r.URL.Query()
	return q.Get("query") + "\x00" + q.Get("operationName") + "\x00" +
		canonicalJSON(q.Get("variables")) + "\x00" + canonicalJSON(q.Get("extensions")) + "\x00" +
		r.Header.Get("Accept")
}

// canonicalJSON is s re-encoded with sorted keys and no spaces, or s itself when it is
// not JSON (its answer is an error, which is never stored).
func canonicalJSON(s string) string {
	if s == "" {
		return ""
	}
	var v any
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber() // large integers stay as they were written
	if err := d.Decode(&v); err != nil || d.More() {
		return s
	}
	b, err := json.Marshal(v)
	if err != nil {
		return s
	}
	return string(b)
}
