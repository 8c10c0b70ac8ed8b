package graph

import (
	"context"
	"net/http"

	"github.com/agency/portal/store"
)

// The editors' session outside /graphql: the server's other editors' endpoints (the media
// upload) treat cookies, origins and client addresses exactly as the GraphQL endpoint
// does, because they go through the same code.

// Sessions wraps a handler so that Editor works in it: the session cookie is read (and
// cleared when its session has ended), the request's origin is judged, and an answer to
// a request with a cookie is marked private, as on /graphql.
func (a Auth) Sessions(s *store.Store, next http.Handler) http.Handler {
	return withSession(s, a, next)
}

// Editor is the signed-in editor or admin of a request that went through Sessions. It
// returns store.ErrForbidden when a browser says another site sent the request (Origin or
// Sec-Fetch-Site, the rule mutations follow), and store.ErrUnauthenticated when no one is
// signed in or the session has ended.
func Editor(ctx context.Context) (*store.User, error) {
	req := requestFrom(ctx)
	if req == nil {
		return nil, store.ErrUnauthenticated // not behind Sessions: no session to read
	}
	if req.crossSite {
		return nil, store.ErrForbidden
	}
	return requireRole(ctx, store.RoleAdmin, store.RoleEditor)
}
