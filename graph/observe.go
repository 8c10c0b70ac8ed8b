package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/agency/portal/metrics"
)

// operationMetrics counts every answered operation by its name and the code of its first
// error (metrics.GraphQLOperation bounds the names). It sees errors found before the
// operation runs (parsing, validation, limits) as well as the resolvers'.
type operationMetrics struct{ m *metrics.Metrics }

var _ interface {
	graphql.HandlerExtension
	graphql.ResponseInterceptor
} = operationMetrics{}

func (operationMetrics) ExtensionName() string                          { return "OperationMetrics" }
func (operationMetrics) Validate(schema graphql.ExecutableSchema) error { return nil }

func (o operationMetrics) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	if resp != nil {
		o.m.GraphQLOperation(operationName(ctx), firstCode(resp))
	}
	return resp
}

// operationName is the name of the operation the document chose, or else the one the
// client asked for (when the document did not parse or has no such operation).
func operationName(ctx context.Context) string {
	if !graphql.HasOperationContext(ctx) {
		return "" // the request itself was malformed
	}
	op := graphql.GetOperationContext(ctx)
	if op.Operation != nil {
		return op.Operation.Name
	}
	return op.OperationName
}

// firstCode is the extensions.code of a response's first error, "" without errors.
func firstCode(resp *graphql.Response) string {
	if len(resp.Errors) == 0 {
		return ""
	}
	code, _ := resp.Errors[0].Extensions["code"].(string)
	if code == "" {
		return CodeInternal
	}
	return code
}

// countedCache is a gqlgen cache that counts its hits and misses under a name.
type countedCache[T any] struct {
	graphql.Cache[T]
	name string
	m    *metrics.Metrics
}

func (c countedCache[T]) Get(ctx context.Context, key string) (T, bool) {
	v, ok := c.Cache.Get(ctx, key)
	c.m.CacheLookup(c.name, ok)
	return v, ok
}
