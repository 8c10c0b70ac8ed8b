package graph

import (
	"context"
	"errors"

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

// changeState runs a state change for a signed-in editor (of one of roles, when given).
func (r *mutationResolver) changeState(ctx context.Context, id string, version int, t store.Transition, roles ...store.Role) (store.Source, error) {
	u, err := requireRole(ctx, roles...)
	if err != nil {
		return nil, err
	}
	return r.store.ChangeState(ctx, u, id, version, t)
}
