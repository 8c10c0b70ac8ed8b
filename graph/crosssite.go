package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/agency/portal/auth"
)

// sameOriginMutations refuses, before anything runs, a mutation that breaks the rule of
// auth.SameOrigin (a POST from the portal's own pages), with FORBIDDEN and HTTP status 403.
// Queries are not concerned: the read API is open to every origin, without credentials. It
// runs after parsing, so it knows the operation type exactly, even for a persisted query
// sent by hash.
type sameOriginMutations struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = sameOriginMutations{}

func (sameOriginMutations) ExtensionName() string                          { return "SameOriginMutations" }
func (sameOriginMutations) Validate(schema graphql.ExecutableSchema) error { return nil }

func (sameOriginMutations) MutateOperationContext(ctx context.Context, op *graphql.OperationContext) *gqlerror.Error {
	if op.Operation == nil || op.Operation.Operation != ast.Mutation || auth.SameOrigin(ctx) == nil {
		return nil
	}
	auth.Refuse(ctx)
	e := gqlerror.Errorf("mutations are accepted only as POST with JSON from the portal's own origin")
	setCode(e, CodeForbidden)
	return e
}
