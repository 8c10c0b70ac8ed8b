package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/agency/portal/auth"
	"github.com/agency/portal/store"
)

// hasRole is schema.graphql's @hasRole(role:) directive, the one place the editors'
// fields are guarded: the field resolves only for a signed-in user whose role allows role
// (auth.Require); otherwise its error is UNAUTHENTICATED or FORBIDDEN (presentError).
func hasRole(ctx context.Context, _ any, next graphql.Resolver, role store.Role) (any, error) {
	if _, err := auth.Require(ctx, role); err != nil {
		return nil, err
	}
	return next(ctx)
}
