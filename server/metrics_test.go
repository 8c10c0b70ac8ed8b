package server_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/agency/portal/graph"
	"github.com/agency/portal/metrics"
	"github.com/agency/portal/server"
)

// newMetricsPortal is the demo portal with a front end, counting into a registry of its own.
func newMetricsPortal(t *testing.T) (*portal, *metrics.Metrics) {
	t.Helper()
	m := metrics.New()
	p := newPortalWith(t, true, server.Config{Limits: graph.DefaultLimits, Site: fixtureSite(), Metrics: m})
	return p, m
}

// scrape GETs /metrics from the metrics handler and parses the exposition.
func scrape(t *testing.T, m *metrics.Metrics) map[string]*dto.MetricFamily {
	t.Helper()
	rec := siteGet(m.Handler(), http.MethodGet, "/metrics")
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /metrics: status %d, want 200: %s", rec.Code, rec.Body)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(rec.Body)
	if err != nil {
		t.Fatalf("parse /metrics: %v", err)
	}
	return families
}

// sample is the value of the series of a family with the given labels (and any others),
// summed: a counter's or gauge's value, a histogram's count. found is false when no
// series has those labels.
func sample(families map[string]*dto.MetricFamily, name string, labels map[string]string) (v float64, found bool) {
	f := families[name]
	if f == nil {
		return 0, false
	}
	for _, s := range f.GetMetric() {
		if !hasLabels(s, labels) {
			continue
		}
		found = true
		switch {
		case s.Counter != nil:
			v += s.GetCounter().GetValue()
		case s.Gauge != nil:
			v += s.GetGauge().GetValue()
		case s.Histogram != nil:
			v += float64(s.GetHistogram().GetSampleCount())
		}
	}
	return v, found
}

func hasLabels(s *dto.Metric, want map[string]string) bool {
	have := map[string]string{}
	for _, l := range s.GetLabel() {
		have[l.GetName()] = l.GetValue()
	}
	for k, v := range want {
		if have[k] != v {
			return false
		}
	}
	return true
}

// labelValues lists the values one label takes in a family.
func labelValues(families map[string]*dto.MetricFamily, name, label string) []string {
	var out []string
	for _, s := range families[name].GetMetric() {
		for _, l := range s.GetLabel() {
			if l.GetName() == label {
				out = append(out, l.GetValue())
			}
		}
	}
	return out
}

// persisted posts a query by its APQ hash, with or without its text.
func persisted(p *portal, query string, withText bool) *response {
	p.t.Helper()
	sum := sha256.Sum256([]byte(query))
	body := map[string]any{"extensions": map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hex.EncodeToString(sum[:])}}}
	if withText {
		body["query"] = query
	}
	b, _ := json.Marshal(body)
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	return p.do(req)
}

// TestMetrics: after GraphQL queries (answered, refused, unparsable, persisted), a search,
// site pages, a 404 and a health check, the scraped series moved as they should.
func TestMetrics(t *testing.T) {
	p, m := newMetricsPortal(t)

	const latest = `query LatestNews { news(first: 1) { totalCount } }`
	for range 2 { // the second time from the parsed-query cache
		if r := p.query(latest, nil); r.code() != "" {
			t.Fatalf("LatestNews: %s", r.body)
		}
	}
	if r := p.query(`query Broken { news(first: 1000) { totalCount } }`, nil); r.code() != "BAD_USER_INPUT" {
		t.Fatalf("Broken: got %s, want BAD_USER_INPUT", r.body)
	}
	if r := p.query(`{ news(`, nil); r.code() != "BAD_USER_INPUT" {
		t.Fatalf("unparsable: got %s, want BAD_USER_INPUT", r.body)
	}
	if r := p.query(`query Find { search(query: "asylum") { totalCount } }`, nil); r.code() != "" {
		t.Fatalf("Find: %s", r.body)
	}
	const saved = `query Saved { partners(first: 1) { totalCount } }`
	if r := persisted(p, saved, false); r.code() != "PERSISTED_QUERY_NOT_FOUND" {
		t.Fatalf("an unknown hash: got %s, want PERSISTED_QUERY_NOT_FOUND", r.body)
	}
	if r := persisted(p, saved, true); r.code() != "" {
		t.Fatalf("a hash with its query: %s", r.body)
	}
	if r := persisted(p, saved, false); r.code() != "" {
		t.Fatalf("a known hash: %s", r.body)
	}
	for _, tt := range []struct {
		path string
		want int
	}{
		{"/en/", http.StatusOK},
		{"/en/news/no-such-slug", http.StatusNotFound},
		{"/no-such-file.js", http.StatusNotFound},
		{"/healthz", http.StatusOK},
	} {
		if rec := siteGet(p.handler, http.MethodGet, tt.path); rec.Code != tt.want {
			t.Fatalf("GET %s: status %d, want %d", tt.path, rec.Code, tt.want)
		}
	}

	families := scrape(t, m)
	tests := []struct {
		name   string
		labels map[string]string
		want   float64
	}{
		{"portal_http_requests_total", map[string]string{"route": "/graphql", "code": "200"}, 8}, // the unparsable one too: application/json
		{"portal_http_requests_total", map[string]string{"route": "/", "code": "200"}, 1},
		{"portal_http_requests_total", map[string]string{"route": "/", "code": "404"}, 2},
		{"portal_http_requests_total", map[string]string{"route": "GET /healthz", "code": "200"}, 1},
		{"portal_http_request_duration_seconds", map[string]string{"route": "/graphql"}, 8},
		{"portal_http_request_duration_seconds", map[string]string{"route": "/"}, 3},
		{"portal_graphql_operations_total", map[string]string{"operation": "LatestNews", "code": "OK"}, 2},
		{"portal_graphql_operations_total", map[string]string{"operation": "Broken", "code": "BAD_USER_INPUT"}, 1},
		{"portal_graphql_operations_total", map[string]string{"operation": "anonymous", "code": "BAD_USER_INPUT"}, 1},
		{"portal_graphql_operations_total", map[string]string{"operation": "Find", "code": "OK"}, 1},
		{"portal_graphql_operations_total", map[string]string{"operation": "anonymous", "code": "PERSISTED_QUERY_NOT_FOUND"}, 1},
		{"portal_graphql_operations_total", map[string]string{"operation": "Saved", "code": "OK"}, 2},
		// Parsed queries: LatestNews, Broken, the unparsable one, Find and Saved are misses;
		// LatestNews again and Saved by its hash are hits.
		{"portal_cache_lookups_total", map[string]string{"cache": "query", "result": "miss"}, 5},
		{"portal_cache_lookups_total", map[string]string{"cache": "query", "result": "hit"}, 2},
		{"portal_cache_lookups_total", map[string]string{"cache": "apq", "result": "miss"}, 1},
		{"portal_cache_lookups_total", map[string]string{"cache": "apq", "result": "hit"}, 1},
		{"portal_search_duration_seconds", nil, 1},
		{"portal_store_write_failures_total", map[string]string{"reason": "full"}, 0},
		{"go_sql_max_open_connections", map[string]string{"db_name": "write"}, 1},
	}
	for _, tt := range tests {
		got, found := sample(families, tt.name, tt.labels)
		if !found || got != tt.want {
			t.Errorf("%s%v = %v (found: %v), want %v", tt.name, tt.labels, got, found, tt.want)
		}
	}
	if got, _ := sample(families, "go_sql_max_open_connections", map[string]string{"db_name": "read"}); got < 4 {
		t.Errorf("the read pool's max_open_connections = %v, want at least 4", got)
	}
	for _, route := range labelValues(families, "portal_http_requests_total", "route") {
		if strings.Contains(route, "no-such") || strings.Contains(route, "/en") {
			t.Errorf("a route label holds a request's path: %q", route)
		}
	}
}

// TestMetricsOperationNames: clients choose operation names, so only the first
// MaxOperationNames plain names get a series of their own; the rest are "other".
func TestMetricsOperationNames(t *testing.T) {
	p, m := newMetricsPortal(t)
	const extra = 20
	for i := range metrics.MaxOperationNames + extra {
		if r := p.query(fmt.Sprintf("query Op%d { __typename }", i), nil); r.code() != "" {
			t.Fatalf("Op%d: %s", i, r.body)
		}
	}
	long := "Q" + strings.Repeat("x", 200) // a valid GraphQL name, but too long to be a label
	if r := p.query("query "+long+" { __typename }", nil); r.code() != "" {
		t.Fatalf("a long name: %s", r.body)
	}

	families := scrape(t, m)
	names := labelValues(families, "portal_graphql_operations_total", "operation")
	if len(names) != metrics.MaxOperationNames+1 {
		t.Errorf("%d operation series, want %d (the first names and other): %v", len(names), metrics.MaxOperationNames+1, names)
	}
	for _, tt := range []struct {
		operation string
		want      float64
	}{
		{"Op0", 1},
		{fmt.Sprintf("Op%d", metrics.MaxOperationNames-1), 1},
		{"other", extra + 1},
	} {
		if got, _ := sample(families, "portal_graphql_operations_total", map[string]string{"operation": tt.operation}); got != tt.want {
			t.Errorf("operations named %s: %v, want %v", tt.operation, got, tt.want)
		}
	}
}

// TestMetricsNotPublic: the metrics are served only by their own handler, never on the
// public site.
func TestMetricsNotPublic(t *testing.T) {
	p, m := newMetricsPortal(t)
	for _, tt := range []struct {
		name    string
		handler http.Handler
		path    string
		want    int
	}{
		{"public /metrics", p.handler, "/metrics", http.StatusNotFound},
		{"public /metrics/", p.handler, "/metrics/", http.StatusNotFound},
		{"metrics handler /metrics", m.Handler(), "/metrics", http.StatusOK},
		{"metrics handler /", m.Handler(), "/", http.StatusNotFound},
		{"metrics handler /graphql", m.Handler(), "/graphql", http.StatusNotFound},
	} {
		rec := siteGet(tt.handler, http.MethodGet, tt.path)
		if rec.Code != tt.want {
			t.Errorf("%s: status %d, want %d", tt.name, rec.Code, tt.want)
		}
		if hasMetrics := strings.Contains(rec.Body.String(), "portal_store_write_failures_total"); hasMetrics != (tt.want == http.StatusOK) {
			t.Errorf("%s: body shows metrics: %v, want %v", tt.name, hasMetrics, tt.want == http.StatusOK)
		}
	}
}

// TestRequestID: a safe X-Request-Id from a proxy is kept, anything else replaced by a
// fresh id; the answer carries it.
func TestRequestID(t *testing.T) {
	p := newPortal(t, false)
	generated := regexp.MustCompile(`^[0-9a-f]{32}$`)
	tests := []struct {
		name, sent string
		kept       bool
	}{
		{"none", "", false},
		{"a proxy's", "7f3e2a9c-1b4d-4e8f-9a2b-3c4d5e6f7a8b", true},
		{"dots and underscores", "edge_01.request-9", true},
		{"64 characters", strings.Repeat("a", 64), true},
		{"65 characters", strings.Repeat("a", 65), false},
		{"spaces", "an id with spaces", false},
		{"markup", "<script>", false},
		{"a new line", "abc\ninjected=1", false},
		{"Cyrillic", "захтев", false},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var header []string
			if tt.sent != "" {
				header = []string{"X-Request-Id", tt.sent}
			}
			got := siteGet(p.handler, http.MethodGet, "/healthz", header...).Header().Get("X-Request-Id")
			switch {
			case tt.kept && got != tt.sent:
				t.Errorf("sent %q, got %q back, want it kept", tt.sent, got)
			case !tt.kept && !generated.MatchString(got):
				t.Errorf("sent %q, got %q, want a new 32-hex-digit id", tt.sent, got)
			case !tt.kept && seen[got]:
				t.Errorf("the generated id %q was given before", got)
			}
			seen[got] = true
		})
	}
}

// TestRequestIDInLogs: what is logged while serving a request, here a failing database,
// carries the request's id.
func TestRequestIDInLogs(t *testing.T) {
	var logs bytes.Buffer
	old := slog.Default()
	slog.SetDefault(slog.New(server.LogRequestIDs(slog.NewTextHandler(&logs, nil))))
	t.Cleanup(func() { slog.SetDefault(old) })

	p := newPortal(t, false)
	p.store.Close() // the database fails: errors are logged
	rec := siteGet(p.handler, http.MethodGet, "/healthz", "X-Request-Id", "probe-42")
	if rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("healthz with the database closed: status %d, want 503", rec.Code)
	}
	req := httptest.NewRequest(http.MethodGet, "/graphql?query="+`%7B%20news%20%7B%20totalCount%20%7D%20%7D`, nil)
	req.Header.Set("X-Request-Id", "query-43")
	if r := p.do(req); r.code() != "INTERNAL" {
		t.Fatalf("a query with the database closed: got %s, want INTERNAL", r.body)
	}

	for _, want := range []struct{ message, id string }{
		{"healthz: database", "probe-42"},
		{"graphql: internal error", "query-43"},
	} {
		found := false
		for _, line := range strings.Split(logs.String(), "\n") {
			if strings.Contains(line, want.message) {
				found = true
				if !strings.Contains(line, "request_id="+want.id) {
					t.Errorf("the log line %q lacks request_id=%s", line, want.id)
				}
			}
		}
		if !found {
			t.Errorf("no log line says %q:\n%s", want.message, logs.String())
		}
	}
}
