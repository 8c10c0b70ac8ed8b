package graph

import (
	"context"
	"fmt"
	"math"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/agency/portal/store"
)

// Cost is what an operation may cost, reported in every answer's `extensions.cost`:
// Requested is the operation's cost (complexity.go: a connection costs its fields times
// its `first`, every other field 1 plus its children), Limit the most one may cost.
type Cost struct {
	Requested int `json:"requested"`
	Limit     int `json:"limit"`
}

// costLimit measures each operation's cost once its variables are known, refuses one
// that costs more than max with QUERY_TOO_COMPLEX naming the field that costs the most,
// and reports the cost in every answer. It replaces gqlgen's FixedComplexityLimit, which
// gives only the total.
type costLimit struct {
	max int
	es  graphql.ExecutableSchema
}

var (
	_ graphql.HandlerExtension        = (*costLimit)(nil)
	_ graphql.OperationContextMutator = (*costLimit)(nil)
	_ graphql.ResponseInterceptor     = (*costLimit)(nil)
)

const costStats = "cost"

func (*costLimit) ExtensionName() string { return "CostLimit" }

func (c *costLimit) Validate(es graphql.ExecutableSchema) error {
	c.es = es
	return nil
}

func (c *costLimit) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	w := costWalker{es: c.es, schema: c.es.Schema(), vars: oc.Variables}
	root := w.selections(ctx, oc.Operation.SelectionSet, "")
	cost := Cost{Requested: root.cost, Limit: c.max}
	oc.Stats.SetExtension(costStats, cost)
	if cost.Requested <= cost.Limit {
		return nil
	}
	e := gqlerror.Errorf("the operation would cost %d, more than the %d allowed%s: ask for fewer items with first, or fewer fields in them",
		cost.Requested, cost.Limit, root.blame())
	errcode.Set(e, CodeQueryTooComplex)
	e.Extensions["cost"] = cost
	if f, _ := root.costliest(); f != nil {
		e.Extensions["field"] = f.path
	}
	return e
}

// InterceptResponse adds `extensions.cost` to every answer of an operation that was
// measured (one refused before that, say unparsable, has no cost to report).
func (c *costLimit) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	if resp == nil || !graphql.HasOperationContext(ctx) {
		return resp
	}
	cost, ok := graphql.GetOperationContext(ctx).Stats.GetExtension(costStats).(Cost)
	if !ok {
		return resp
	}
	if resp.Extensions == nil {
		resp.Extensions = map[string]any{}
	}
	resp.Extensions["cost"] = cost
	return resp
}

// fieldCost is one selected field's cost and the costs of the fields inside it.
type fieldCost struct {
	path     string // the response path, such as projects.edges.node.news
	first    int    // how many items a list field may return (its `first`), 0 for any other field
	cost     int
	children []*fieldCost
}

// costliest is the field a refusal names: going down from the top through whichever
// field adds the most to the whole (its cost times the `first` of the lists around it),
// the deepest list on the way that still adds at least half of the whole cost. That is the
// `first` worth lowering.
// around is how many times it counts: the product of the `first` of the lists around it.
func (f *fieldCost) costliest() (found *fieldCost, around int) {
	times := 1 // the product of the `first` of the lists above at
	for at := f; ; {
		var top *fieldCost
		for _, c := range at.children {
			if top == nil || c.cost > top.cost {
				top = c
			}
		}
		if top == nil || float64(top.cost)*float64(times)*2 < float64(f.cost) {
			return found, around
		}
		if top.first > 0 {
			found, around = top, times
			times *= top.first
		}
		at = top
	}
}

// blame says which field costs the most, for the refusal's message.
func (f *fieldCost) blame() string {
	c, around := f.costliest()
	switch {
	case c == nil:
		return ""
	case around > 1:
		return fmt.Sprintf("; most of it is %s (first: %d), which costs %d for each of the %d items around it", c.path, c.first, c.cost, around)
	}
	return fmt.Sprintf("; most of it is %s (first: %d), which costs %d", c.path, c.first, c.cost)
}

// costWalker is gqlgen's complexity walk (github.com/99designs/gqlgen/complexity) keeping
// each field's cost, so that a refusal can say where the cost is. Fragments are walked at
// each use, as the cost guard (limits.go) has already bounded the expanded size.
type costWalker struct {
	es     graphql.ExecutableSchema
	schema *ast.Schema
	vars   map[string]any
}

func (w costWalker) selections(ctx context.Context, set ast.SelectionSet, path string) *fieldCost {
	into := &fieldCost{path: path}
	w.add(ctx, into, set)
	return into
}

func (w costWalker) add(ctx context.Context, into *fieldCost, set ast.SelectionSet) {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if f := w.field(ctx, s, into.path); f != nil {
				into.children = append(into.children, f)
				into.cost = saturatingAdd(into.cost, f.cost)
			}
		case *ast.FragmentSpread:
			w.add(ctx, into, s.Definition.SelectionSet)
		case *ast.InlineFragment:
			w.add(ctx, into, s.SelectionSet)
		}
	}
}

func (w costWalker) field(ctx context.Context, s *ast.Field, parent string) *fieldCost {
	def := w.schema.Types[s.Definition.Type.Name()]
	if def == nil || def.Name == "__Schema" {
		return nil // introspection is bounded by the cost guard
	}
	path := s.Alias
	if parent != "" {
		path = parent + "." + s.Alias
	}
	f := w.selections(ctx, s.SelectionSet, path)
	child := f.cost
	args := s.ArgumentMap(w.vars)
	f.cost = saturatingAdd(1, child) // gqlgen's default: 1 plus the children
	objects := []*ast.Definition{s.ObjectDefinition}
	if s.ObjectDefinition.Kind == ast.Interface || s.ObjectDefinition.Kind == ast.Union {
		objects = w.schema.GetPossibleTypes(s.ObjectDefinition) // the dearest implementation
	}
	listed := false // a list field, whose cost complexity.go sets
	for _, obj := range objects {
		if c, ok := w.es.Complexity(ctx, obj.Name, s.Name, child, args); ok && c >= 1 {
			if !listed || c > f.cost {
				f.cost = c
			}
			listed = true
		}
	}
	if listed {
		f.first = pageSize(args["first"])
	}
	return f
}

// pageSize is the number of items a list field's `first` asks for, as complexity.go counts
// it (store.DefaultFirst when not given).
func pageSize(first any) int {
	switch n := first.(type) {
	case int:
		if n >= 0 {
			return n
		}
	case int64:
		if n >= 0 && n <= math.MaxInt32 {
			return int(n)
		}
	}
	return store.DefaultFirst
}

// saturatingAdd adds two costs without overflowing: a sum past MaxInt is MaxInt.
func saturatingAdd(a, b int) int {
	if a > math.MaxInt-b {
		return math.MaxInt
	}
	return a + b
}
