package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// sameOriginMutations refuses, before anything runs, a mutation that is not a POST or that
// a browser says comes from another site (Origin, Sec-Fetch-Site): a page elsewhere can
// never act with an editor's cookie, whatever the browser's SameSite rules. Queries are
// not concerned: the read API is open to every origin, without credentials. The HTTP
// status becomes 403 (withSession's statusWriter). It runs after parsing, so it knows the
// operation type exactly, even for a persisted query sent by hash.
type sameOriginMutations struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = sameOriginMutations{}

func (sameOriginMutations) ExtensionName() string                          { return "SameOriginMutations" }
func (sameOriginMutations) Validate(schema graphql.ExecutableSchema) error { return nil }

func (sameOriginMutations) MutateOperationContext(ctx context.Context, op *graphql.OperationContext) *gqlerror.Error {
	if op.Operation == nil || op.Operation.Operation != ast.Mutation {
		return nil
	}
	req := requestFrom(ctx)
	if req != nil && req.post && !req.crossSite {
		return nil
	}
	if req != nil {
		req.refused.Store(true)
	}
	e := gqlerror.Errorf("mutations are accepted only as POST with JSON from the portal's own origin")
	setCode(e, CodeForbidden)
	return e
}
