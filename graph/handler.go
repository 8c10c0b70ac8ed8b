package graph

import (
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/agency/portal/metrics"
	"github.com/agency/portal/store"
)

// Limits bound what one operation may ask for. The zero value is not useful: start from
// DefaultLimits.
type Limits struct {
	MaxDepth      int // fields nested in fields
	MaxAliases    int // aliased fields
	MaxComplexity int // every field costs 1; a connection costs its `first` times its fields
	MaxTokens     int // lexer tokens of the query text

	// LoaderWait is how long dataloaders collect keys (DefaultLoaderWait when 0).
	LoaderWait time.Duration
}

// DefaultLimits are the limits the portal runs with.
var DefaultLimits = Limits{MaxDepth: 10, MaxAliases: 20, MaxComplexity: 5000, MaxTokens: 5000, LoaderWait: DefaultLoaderWait}

// NewHandler is the /graphql endpoint: GraphQL over HTTP (GET for queries, POST with JSON)
// with the limits, a parsed-query cache and automatic persisted queries, per-request
// dataloaders, editors' sessions (a cookie; mutations only from the portal's own origin),
// and errors that carry a code and never show internals. m counts operations and cache
// lookups; nil counts nothing.
func NewHandler(s *store.Store, limits Limits, auth Auth, m *metrics.Metrics) http.Handler {
	cfg := Config{Resolvers: &Resolver{store: s}}
	setComplexity(&cfg.Complexity)
	srv := handler.New(NewExecutableSchema(cfg))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(countedCache[*ast.QueryDocument]{lru.New[*ast.QueryDocument](1000), "query", m})
	srv.SetParserTokenLimit(limits.MaxTokens)
	srv.Use(operationMetrics{m})
	srv.Use(sameOriginMutations{})
	srv.Use(extension.Introspection{})
	srv.Use(extension.AutomaticPersistedQuery{Cache: countedCache[string]{lru.New[string](1000), "apq", m}})
	srv.Use(shapeLimit{MaxDepth: limits.MaxDepth, MaxAliases: limits.MaxAliases})
	srv.Use(extension.FixedComplexityLimit(limits.MaxComplexity))
	srv.SetErrorPresenter(presentError)
	srv.SetRecoverFunc(recoverPanic)
	wait := limits.LoaderWait
	if wait <= 0 {
		wait = DefaultLoaderWait
	}
	return withSession(s, auth, withLoaders(s, wait, srv))
}
