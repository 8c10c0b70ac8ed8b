package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// shapeLimit refuses operations nested deeper than MaxDepth fields or with more than
// MaxAliases aliased fields, before anything runs. Introspection (__schema, __type) is not
// counted, so that GraphiQL's own deep introspection query works.
type shapeLimit struct {
	MaxDepth   int
	MaxAliases int
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = shapeLimit{}

func (shapeLimit) ExtensionName() string                          { return "ShapeLimit" }
func (shapeLimit) Validate(schema graphql.ExecutableSchema) error { return nil }

func (l shapeLimit) MutateOperationContext(ctx context.Context, op *graphql.OperationContext) *gqlerror.Error {
	w := walker{limit: l, fragments: op.Doc.Fragments}
	w.walk(op.Operation.SelectionSet, 1)
	switch {
	case w.depth > l.MaxDepth:
		return tooComplex("the query is nested %d levels deep; at most %d are allowed", w.depth, l.MaxDepth)
	case w.aliases > l.MaxAliases:
		return tooComplex("the query has more than %d aliases", l.MaxAliases)
	}
	return nil
}

type walker struct {
	limit     shapeLimit
	fragments ast.FragmentDefinitionList
	depth     int
	aliases   int
}

// walk measures a selection set at a depth, stopping as soon as a limit is passed (so a
// query built to be expensive to walk is cut short).
func (w *walker) walk(set ast.SelectionSet, depth int) {
	for _, sel := range set {
		if w.depth > w.limit.MaxDepth || w.aliases > w.limit.MaxAliases {
			return
		}
		switch s := sel.(type) {
		case *ast.Field:
			if s.Name == "__schema" || s.Name == "__type" {
				continue
			}
			if s.Alias != "" && s.Alias != s.Name {
				w.aliases++
			}
			w.depth = max(w.depth, depth)
			w.walk(s.SelectionSet, depth+1)
		case *ast.InlineFragment:
			w.walk(s.SelectionSet, depth)
		case *ast.FragmentSpread:
			if f := w.fragments.ForName(s.Name); f != nil {
				w.walk(f.SelectionSet, depth)
			}
		}
	}
}
