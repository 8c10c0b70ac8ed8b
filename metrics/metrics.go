// Package metrics is what the portal tells Prometheus: requests by route and status,
// their latency, GraphQL operations by name and error code, cache hits and misses, the
// database pools, search latency and failed writes.
//
// It owns its own registry (never Prometheus's global one), so each test can make its
// own, and it imports nothing of the portal's, so the server, graph and store packages
// may all call it. A nil *Metrics is valid and records nothing.
package metrics

import (
	"database/sql"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// MaxOperationNames is how many distinct GraphQL operation names get a series of their
// own; names seen after that count as "other". Clients choose the names, so without a
// bound any client could create series without end.
const MaxOperationNames = 100

// The operation label of operations without a usable name.
const (
	AnonymousOperation = "anonymous" // no operation name
	OtherOperation     = "other"     // a name beyond MaxOperationNames, or not a plain name
)

// WriteFailureReasons are the values of portal_store_write_failures_total's reason label.
var WriteFailureReasons = []string{"full", "busy", "io", "readonly", "corrupt", "timeout", "other"}

// Metrics holds the registry and the collectors.
type Metrics struct {
	registry *prometheus.Registry

	httpRequests   *prometheus.CounterVec
	httpDuration   *prometheus.HistogramVec
	operations     *prometheus.CounterVec
	cacheLookups   *prometheus.CounterVec
	searchDuration prometheus.Histogram
	writeFailures  *prometheus.CounterVec

	namesMu sync.Mutex
	names   map[string]bool // operation names that have a series of their own
}

// New makes a registry with the portal's collectors, Go's runtime and the process's.
func New() *Metrics {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		names:    map[string]bool{},
		httpRequests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "portal_http_requests_total",
			Help: "HTTP requests answered, by route (the pattern that matched, never the path) and status code.",
		}, []string{"route", "code"}),
		httpDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "portal_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"route"}),
		operations: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "portal_graphql_operations_total",
			Help: "GraphQL operations answered, by operation name (bounded: anonymous, other) and the first error's extensions.code (OK without errors).",
		}, []string{"operation", "code"}),
		cacheLookups: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "portal_cache_lookups_total",
			Help: "Cache lookups by cache (query: parsed GraphQL documents, apq: persisted queries) and result (hit, miss).",
		}, []string{"cache", "result"}),
		searchDuration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "portal_search_duration_seconds",
			Help:    "Time the store takes to answer a search.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
		}),
		writeFailures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "portal_store_write_failures_total",
			Help: "Database writes that failed, by reason (full, busy, io, readonly, corrupt, timeout, other). Refused input is not counted.",
		}, []string{"reason"}),
	}
	for _, reason := range WriteFailureReasons {
		m.writeFailures.WithLabelValues(reason) // every reason is a series from the start, at 0
	}
	m.registry.MustRegister(
		m.httpRequests, m.httpDuration, m.operations, m.cacheLookups, m.searchDuration, m.writeFailures,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	return m
}

// Handler serves the metrics in Prometheus's text format at GET /metrics; every other
// path is a 404. It belongs on a listener of its own, never on the public one.
func (m *Metrics) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{}))
	return mux
}

// Registry is the registry, for tests that gather from it directly.
func (m *Metrics) Registry() *prometheus.Registry { return m.registry }

// AddDBPool reports a connection pool's use (open, in use, idle, waits and their time)
// as the go_sql_* metrics with db_name set to name. Call it once per pool.
func (m *Metrics) AddDBPool(name string, db *sql.DB) {
	if m == nil {
		return
	}
	m.registry.MustRegister(collectors.NewDBStatsCollector(db, name))
}

// HTTPRequest records one answered request. route is the pattern that matched (a small
// fixed set), never the request's path.
func (m *Metrics) HTTPRequest(route string, status int, took time.Duration) {
	if m == nil {
		return
	}
	m.httpRequests.WithLabelValues(route, strconv.Itoa(status)).Inc()
	m.httpDuration.WithLabelValues(route).Observe(took.Seconds())
}

// GraphQLOperation records one answered operation by its name and the code of its first
// error ("" when it had none, recorded as OK).
func (m *Metrics) GraphQLOperation(name, code string) {
	if m == nil {
		return
	}
	if code == "" {
		code = "OK"
	} else if !errorCode.MatchString(code) {
		code = "OTHER"
	}
	m.operations.WithLabelValues(m.operationLabel(name), code).Inc()
}

var (
	operationName = regexp.MustCompile(`^[_A-Za-z][_0-9A-Za-z]{0,63}$`)
	errorCode     = regexp.MustCompile(`^[A-Z][A-Z_]{0,39}$`)
)

// operationLabel bounds the names clients choose: a plain GraphQL name of at most 64
// characters, and at most MaxOperationNames distinct ones; the rest are "other".
func (m *Metrics) operationLabel(name string) string {
	switch {
	case name == "":
		return AnonymousOperation
	case !operationName.MatchString(name) || name == AnonymousOperation || name == OtherOperation:
		return OtherOperation
	}
	m.namesMu.Lock()
	defer m.namesMu.Unlock()
	if m.names[name] {
		return name
	}
	if len(m.names) >= MaxOperationNames {
		return OtherOperation
	}
	m.names[name] = true
	return name
}

// CacheLookup records a lookup in the named cache and whether it was a hit.
func (m *Metrics) CacheLookup(cache string, hit bool) {
	if m == nil {
		return
	}
	result := "miss"
	if hit {
		result = "hit"
	}
	m.cacheLookups.WithLabelValues(cache, result).Inc()
}

// Search records how long a search took.
func (m *Metrics) Search(took time.Duration) {
	if m == nil {
		return
	}
	m.searchDuration.Observe(took.Seconds())
}

// WriteFailed records a failed database write; reason is one of WriteFailureReasons
// (anything else is recorded as "other").
func (m *Metrics) WriteFailed(reason string) {
	if m == nil {
		return
	}
	if !slices.Contains(WriteFailureReasons, reason) {
		reason = "other"
	}
	m.writeFailures.WithLabelValues(reason).Inc()
}
