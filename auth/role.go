package auth

import (
	"context"
	"errors"

	"github.com/agency/portal/store"
)

// ErrForbidden: the signed-in user's role may not do this. Its message is what clients see.
var ErrForbidden = errors.New("forbidden")

// Require is the signed-in user when their role allows what needs role:
// store.ErrUnauthenticated when no one is signed in (or the session has ended), ErrForbidden
// for a role that does not allow it. It is the one check behind the schema's @hasRole.
func Require(ctx context.Context, role store.Role) (*store.User, error) {
	u, err := UserFrom(ctx)
	switch {
	case err != nil:
		return nil, err
	case u == nil:
		return nil, store.ErrUnauthenticated
	case !Allows(u.Role, role):
		return nil, ErrForbidden
	}
	return u, nil
}

// Allows tells whether a user of role has may do what needs role need: an admin may do
// everything, an editor what editors may.
func Allows(has, need store.Role) bool {
	return has == need || has == store.RoleAdmin
}
