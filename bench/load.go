package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
)

// Bounds of a run, whatever the flags say.
const (
	maxRequestsPerWorker = 5_000_000
	requestTimeout       = 30 * time.Second
	maxResponseBytes     = 16 << 20
	newsPages            = 5 // pages a news-list client reads before starting over
	maxErrorsShown       = 3
)

// The words searched for. Common: "миграције" is in most items (the agency's name);
// rare: "Дивљана" is in about one in a thousand; prefix: what a user has typed so far.
var (
	commonQueries = []string{"миграције", "migracije"}
	rareQueries   = []string{"Дивљана", "Divljana"}
	prefixQueries = []string{"миг", "mig"}
)

// newsQuery is the news list: the first page of 20, with the total count, each
// item's topics and partners.
const newsQuery = `query NewsList {
  news(first: 20, locale: SR_LATN) {
    totalCount
    edges { node { id slug title summary publishedAt topics { name } partners { name acronym } } }
    pageInfo { endCursor }
  }
}`

const projectQuery = `query ProjectPage($slug: String!) {
  project(slug: $slug, locale: EN) {
    id slug locale title officialTitle summary descriptionHtml status startDate endDate datePrecision
    locations expectedResults objectives specificObjectives targetGroups url
    budget { amount currency }
    funders { name } implementers { name } areas { name }
    news(first: 10) { totalCount edges { node { title publishedAt } } }
  }
}`

const searchQuery = `query Search($q: String!) {
  search(query: $q, first: 20, locale: SR_CYRL) {
    totalCount
    facets { kind count }
    edges { node { kind title snippet score } }
  }
}`

// client is one simulated user of a scenario: it says what to ask next and reads the
// answer (to follow a cursor, or to check the data).
type client interface {
	next() (query string, vars map[string]any)
	done(data json.RawMessage) error
}

// scenario makes the clients of one workload.
type scenario struct {
	name      string
	newClient func(r *rand.Rand, worker int) client
	// describe summarises one answer, printed once before the run as a sanity check.
	describe func(data json.RawMessage) string
}

func scenarios(projectSlugs []string) []scenario {
	search := func(name string, queries []string) scenario {
		return scenario{
			name: name,
			newClient: func(r *rand.Rand, worker int) client {
				return &searchClient{queries: queries, i: worker}
			},
			describe: describeSearch,
		}
	}
	return []scenario{
		{
			name:      "news list",
			newClient: func(*rand.Rand, int) client { return &newsClient{} },
			describe: func(data json.RawMessage) string {
				var d newsData
				json.Unmarshal(data, &d)
				return fmt.Sprintf("%d edges, totalCount %d", len(d.News.Edges), d.News.TotalCount)
			},
		},
		{
			name: "project page",
			newClient: func(r *rand.Rand, _ int) client {
				return &projectClient{r: r, slugs: projectSlugs}
			},
			describe: func(data json.RawMessage) string {
				var d projectData
				json.Unmarshal(data, &d)
				if d.Project == nil {
					return "null project"
				}
				return fmt.Sprintf("%q: %d funders, %d implementers, news totalCount %d", d.Project.Slug,
					len(d.Project.Funders), len(d.Project.Implementers), d.Project.News.TotalCount)
			},
		},
		search("search common", commonQueries),
		search("search rare", rareQueries),
		search("search prefix", prefixQueries),
	}
}

type newsData struct {
	News struct {
		TotalCount int
		Edges      []struct {
			Node struct{ ID string }
		}
	}
}

// newsClient reads the newest news page, again and again: the same answer every time.
type newsClient struct{}

func (c *newsClient) next() (string, map[string]any) { return newsQuery, nil }

func (c *newsClient) done(data json.RawMessage) error {
	var d newsData
	if err := json.Unmarshal(data, &d); err != nil {
		return err
	}
	if len(d.News.Edges) == 0 || d.News.TotalCount == 0 {
		return errors.New("news: empty page")
	}
	return nil
}

type projectData struct {
	Project *struct {
		Slug         string
		Funders      []struct{ Name string }
		Implementers []struct{ Name string }
		News         struct{ TotalCount int }
	}
}

// projectClient opens the pages of random projects.
type projectClient struct {
	r     *rand.Rand
	slugs []string
	slug  string
}

func (c *projectClient) next() (string, map[string]any) {
	c.slug = c.slugs[c.r.IntN(len(c.slugs))]
	return projectQuery, map[string]any{"slug": c.slug}
}

func (c *projectClient) done(data json.RawMessage) error {
	var d projectData
	if err := json.Unmarshal(data, &d); err != nil {
		return err
	}
	if d.Project == nil {
		return fmt.Errorf("project %q: null", c.slug)
	}
	return nil
}

// searchClient searches for its words in turn (Cyrillic, then Latin, …).
type searchClient struct {
	queries []string
	i       int
}

func (c *searchClient) next() (string, map[string]any) {
	q := c.queries[c.i%len(c.queries)]
	c.i++
	return searchQuery, map[string]any{"q": q}
}

func (c *searchClient) done(json.RawMessage) error { return nil }

func describeSearch(data json.RawMessage) string {
	var d struct {
		Search struct {
			TotalCount int
			Facets     []struct {
				Kind  string
				Count int
			}
			Edges []struct {
				Node struct {
					Title   string
					Snippet string
				}
			}
		}
	}
	json.Unmarshal(data, &d)
	var facets []string
	for _, f := range d.Search.Facets {
		facets = append(facets, fmt.Sprintf("%s %d", f.Kind, f.Count))
	}
	s := fmt.Sprintf("totalCount %d (%s), %d edges", d.Search.TotalCount, strings.Join(facets, ", "), len(d.Search.Edges))
	if len(d.Search.Edges) > 0 {
		s += fmt.Sprintf("; first: %q", d.Search.Edges[0].Node.Title)
	}
	return s
}

// gqlResponse is what every answer must be: data, and no errors.
type gqlResponse struct {
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

// get sends one GraphQL query by GET (the only requests the response cache and HTTP
// caches answer) and returns its data, or why it failed.
func get(ctx context.Context, hc *http.Client, base, query string, vars map[string]any) (json.RawMessage, error) {
	raw, err := fetch(ctx, hc, base, query, vars)
	if err != nil {
		return nil, err
	}
	return dataOf(raw)
}

// fetch sends a GET query and reads its answer's body: what a request's latency is timed
// over (reading the JSON is the client's work, done after).
func fetch(ctx context.Context, hc *http.Client, base, query string, vars map[string]any) ([]byte, error) {
	params := url.Values{"query": {query}}
	if vars != nil {
		v, err := json.Marshal(vars)
		if err != nil {
			return nil, err
		}
		params.Set("variables", string(v))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"?"+params.Encode(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes))
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("HTTP %d: %.200s", resp.StatusCode, raw)
	}
	return raw, nil
}

// dataOf is a GraphQL answer's data, or an error when it has errors or no data.
func dataOf(raw []byte) (json.RawMessage, error) {
	var r gqlResponse
	if err := json.Unmarshal(raw, &r); err != nil {
		return nil, fmt.Errorf("bad JSON: %w", err)
	}
	if len(r.Errors) > 0 {
		return nil, fmt.Errorf("GraphQL error: %s %v", r.Errors[0].Message, r.Errors[0].Extensions["code"])
	}
	if len(r.Data) == 0 || string(r.Data) == "null" {
		return nil, errors.New("no data")
	}
	return r.Data, nil
}

// rawGet fetches the body of a GET query as it is: the static ceiling's bytes.
func rawGet(ctx context.Context, hc *http.Client, base, query string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"?"+url.Values{"query": {query}}.Encode(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	return io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes))
}

// result is what one scenario measured.
type result struct {
	phase     string // cold, warm, c=1 cold
	name      string
	requests  int
	elapsed   time.Duration
	latencies []time.Duration
	errors    int
	samples   []string      // the first few errors
	gap       time.Duration // the longest the process went without running a 5 ms ticker
}

func (r *result) rate() float64 { return float64(r.requests) / r.elapsed.Seconds() }

func (r *result) percentile(p float64) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	i := int(float64(len(r.latencies))*p+0.999999) - 1
	return r.latencies[min(max(i, 0), len(r.latencies)-1)]
}

// run drives a scenario with c workers for d (or until the count bound) and measures
// every request.
func run(ctx context.Context, hc *http.Client, url string, sc scenario, c int, seed uint64, d time.Duration) *result {
	res := &result{name: sc.name}
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(d)
	stopGaps := watchGaps()
	for w := range c {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cl := sc.newClient(randFor(seed, w), w)
			lat := make([]time.Duration, 0, 1024)
			var errs int
			var samples []string
			for i := 0; i < maxRequestsPerWorker && ctx.Err() == nil && time.Now().Before(deadline); i++ {
				query, vars := cl.next()
				t0 := time.Now()
				raw, err := fetch(ctx, hc, url, query, vars)
				lat = append(lat, time.Since(t0)) // the answer, not the driver's reading of it
				var data json.RawMessage
				if err == nil {
					data, err = dataOf(raw)
				}
				if err == nil {
					err = cl.done(data)
				}
				if err != nil && ctx.Err() == nil {
					errs++
					if len(samples) < maxErrorsShown {
						samples = append(samples, err.Error())
					}
				}
			}
			mu.Lock()
			defer mu.Unlock()
			res.latencies = append(res.latencies, lat...)
			res.errors += errs
			for _, s := range samples {
				if len(res.samples) < maxErrorsShown {
					res.samples = append(res.samples, s)
				}
			}
		}()
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	res.gap = stopGaps()
	res.requests = len(res.latencies)
	slices.Sort(res.latencies)
	return res
}

// randFor is a deterministic random source for one stream of a seed.
func randFor(seed uint64, stream int) *rand.Rand { return rand.New(rand.NewPCG(seed, uint64(stream))) }

// watchGaps measures, until the function it returns is called, the longest gap between
// the ticks of a 5 ms ticker: how long the process (server and workers alike) went
// unscheduled. A latency outlier about as long as the gap comes from the machine (other
// processes, the hypervisor), not from the portal. The function returns the gap.
func watchGaps() func() time.Duration {
	stop, result := make(chan struct{}), make(chan time.Duration)
	go func() {
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		last, worst := time.Now(), time.Duration(0)
		for {
			select {
			case <-stop:
				result <- worst
				return
			case now := <-t.C:
				worst, last = max(worst, now.Sub(last)), now
			}
		}
	}()
	return func() time.Duration {
		close(stop)
		return <-result
	}
}
