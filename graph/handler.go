package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/agency/portal/auth"
	"github.com/agency/portal/metrics"
	"github.com/agency/portal/store"
)

// Limits bound what one operation may ask for. Start from DefaultLimits: of a zero value,
// only MaxFields, MaxRepeats, MaxIntrospection, Timeout and LoaderWait fall back to their
// defaults.
type Limits struct {
	MaxDepth         int // fields nested in fields (introspection's own fields not counted)
	MaxAliases       int // aliased fields, a fragment's counted at each use
	MaxFields        int // fields once fragments are expanded, a fragment's counted at each use
	MaxRepeats       int // fields answering one response path, which validation compares in pairs
	MaxIntrospection int // __schema and __type fields in an operation
	MaxComplexity    int // every field costs 1 plus its children; a connection its `first` times its fields (cost.go)
	MaxTokens        int // lexer tokens of the query text

	// Timeout is the time budget of one request: its context is cancelled then, which stops
	// the store's queries (DefaultTimeout when 0).
	Timeout time.Duration

	// LoaderWait is how long dataloaders collect keys (DefaultLoaderWait when 0).
	LoaderWait time.Duration
}

// DefaultLimits are the limits the portal runs with.
var DefaultLimits = Limits{
	MaxDepth:         10,
	MaxAliases:       20,
	MaxFields:        500,
	MaxRepeats:       50,
	MaxIntrospection: 2,
	MaxComplexity:    50000,
	MaxTokens:        5000,
	Timeout:          DefaultTimeout,
	LoaderWait:       DefaultLoaderWait,
}

// DefaultTimeout is the time budget of a request when Limits.Timeout is 0. It leaves room
// for a sign-in that waits its turn (store.MaxLoginDelay, 10 s) and then checks the
// password, and stays under the server's 30 s write timeout.
const DefaultTimeout = 15 * time.Second

// NewHandler is the /graphql endpoint: GraphQL over HTTP (GET for queries, POST with JSON)
// with the limits, a parsed-query cache and automatic persisted queries, per-request
// dataloaders, editors' sessions (a cookie; mutations only from the portal's own origin),
// and errors that carry a code and never show internals. m counts operations and cache
// lookups; nil counts nothing.
func NewHandler(s *store.Store, limits Limits, sessions auth.Config, m *metrics.Metrics) http.Handler {
	limits = limits.orDefaults()
	cfg := Config{Resolvers: &Resolver{store: s}}
	setComplexity(&cfg.Complexity)
	cfg.Directives.HasRole = hasRole
	es := NewExecutableSchema(cfg)
	srv := handler.New(es)
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	// The cost guard looks every query up first, so its lookups are the ones counted.
	queries := lru.New[*ast.QueryDocument](1000)
	srv.SetQueryCache(queries)
	srv.SetParserTokenLimit(limits.MaxTokens)
	srv.Use(operationMetrics{m})
	srv.Use(sameOriginMutations{})
	srv.Use(extension.Introspection{})
	srv.Use(extension.AutomaticPersistedQuery{Cache: countedCache[string]{lru.New[string](1000), "apq", m}})
	srv.Use(costGuard{limits: limits, schema: es.Schema(), cache: countedCache[*ast.QueryDocument]{queries, "query", m}}) // after APQ, which fills in the query
	srv.Use(&costLimit{max: limits.MaxComplexity})                                                                        // cost.go
	srv.SetErrorPresenter(presenter(es.Schema()))
	srv.SetRecoverFunc(recoverPanic)
	return withTimeout(limits.Timeout, wellFormedBody(auth.Sessions(s, sessions, withLoaders(s, limits.LoaderWait, okForJSON(srv)))))
}

// orDefaults fills in the limits that have a default for zero, so that a configuration
// written before they existed keeps working.
func (l Limits) orDefaults() Limits {
	if l.MaxFields <= 0 {
		l.MaxFields = DefaultLimits.MaxFields
	}
	if l.MaxRepeats <= 0 {
		l.MaxRepeats = DefaultLimits.MaxRepeats
	}
	if l.MaxIntrospection <= 0 {
		l.MaxIntrospection = DefaultLimits.MaxIntrospection
	}
	if l.Timeout <= 0 {
		l.Timeout = DefaultTimeout
	}
	if l.LoaderWait <= 0 {
		l.LoaderWait = DefaultLoaderWait
	}
	return l
}

// withTimeout gives each request a time budget: its context is cancelled when the budget
// runs out, as it is when the client goes away, and the store's queries stop with it. A
// request stopped so is logged once, as a warning when it ran out of time.
func withTimeout(d time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
		switch ctx.Err() {
		case context.DeadlineExceeded:
			slog.WarnContext(ctx, "graphql: a request ran out of its time budget", "budget", d)
		case context.Canceled:
			slog.InfoContext(ctx, "graphql: the client went away before the answer")
		}
	})
}

// okForJSON answers 200, not gqlgen's 422, to a request refused before it ran (a query
// that does not parse or validate, a variable of the wrong type) when the answer is
// application/json: GraphQL over HTTP asks for 200 there, so that typed clients read the
// errors and their codes instead of failing on the HTTP status. An answer in
// application/graphql-response+json keeps its 4xx, as that media type asks, and then has no
// "data" entry (gqlgen writes "data": null), as it asks too.
func okForJSON(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(&jsonStatusWriter{ResponseWriter: w}, r)
	})
}

type jsonStatusWriter struct {
	http.ResponseWriter
	refused bool // a 4xx in application/graphql-response+json
}

func (w *jsonStatusWriter) WriteHeader(code int) {
	ct := w.Header().Get("Content-Type")
	switch {
	case code == http.StatusUnprocessableEntity && strings.HasPrefix(ct, "application/json"):
		code = http.StatusOK
	case code >= 400 && code < 500 && strings.HasPrefix(ct, "application/graphql-response+json"):
		w.refused = true
	}
	w.ResponseWriter.WriteHeader(code)
}

// Write drops "data": null from a refusal. gqlgen encodes a response in one Write, and the
// bytes cannot occur inside a message, whose quotes JSON escapes.
func (w *jsonStatusWriter) Write(b []byte) (int, error) {
	if w.refused {
		if _, err := w.ResponseWriter.Write(bytes.Replace(b, []byte(`,"data":null`), nil, 1)); err != nil {
			return 0, err
		}
		return len(b), nil
	}
	return w.ResponseWriter.Write(b)
}

func (w *jsonStatusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// wellFormedBody refuses a POST body that is not a GraphQL request in JSON with 400 and a
// short message of its own: gqlgen's would repeat the whole body and name Go types.
func wellFormedBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.Body == nil {
			next.ServeHTTP(w, r)
			return
		}
		body, err := io.ReadAll(r.Body)
		var params graphql.RawParams
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		if err != nil || dec.Decode(&params) != nil || (params.Query == "" && params.Extensions["persistedQuery"] == nil) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusBadRequest)
			json.NewEncoder(w).Encode(graphql.Response{Errors: gqlerror.List{{
				Message:    "the request body must be a JSON object with a string query (or a persisted query's hash), and optionally a string operationName and objects variables and extensions",
				Extensions: map[string]any{"code": CodeBadUserInput},
			}}})
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r)
	})
}
