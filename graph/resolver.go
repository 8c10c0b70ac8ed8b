// Package graph is the GraphQL layer: the generated executor (generated.go, never edited),
// thin resolvers that call the store, per-request dataloaders for nested lists, the query
// limits and the error presenter.
package graph

import "github.com/agency/portal/store"

//go:generate go tool gqlgen generate

// Resolver is the root resolver. It holds the store and nothing else.
type Resolver struct {
	store *store.Store
}
