package graph

import (
	"context"
	"errors"

	"github.com/agency/portal/auth"
	"github.com/agency/portal/store"
)

// or is an optional argument's value, or its default when the client sent null.
func or[T any](v *T, def T) T {
	if v == nil {
		return def
	}
	return *v
}

// orNil turns "not found" into a null result, as single-item root fields answer.
func orNil[T any](v T, err error) (T, error) {
	if errors.Is(err, store.ErrNotFound) {
		var zero T
		return zero, nil
	}
	return v, err
}

// partnersIn loads a project's partners in one role.
func (r *projectResolver) partnersIn(ctx context.Context, p *store.Project, role store.PartnerRole) ([]*store.Partner, error) {
	byRole, err := loadersFrom(ctx).partnersOfProjects.Load(ctx, key{p.ID, p.Requested()})
	return byRole[role], err
}

// signedIn is the signed-in user of a field that @hasRole let through. (Elsewhere it may be
// nil, which the store refuses as store.ErrUnauthenticated.)
func signedIn(ctx context.Context) *store.User {
	u, _ := auth.UserFrom(ctx) // the error, if any, stopped the field in @hasRole already
	return u
}

// changeState runs a state change as the signed-in user.
func (r *mutationResolver) changeState(ctx context.Context, id string, version int, t store.Transition) (store.Source, error) {
	return r.store.ChangeState(ctx, signedIn(ctx), id, version, t)
}
