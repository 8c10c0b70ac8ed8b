package graph

import (
	"context"
	"fmt"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
)

// costGuard bounds what a request may cost before gqlgen validates or runs it. gqlgen's
// validator, its complexity calculation and its executor all expand every fragment spread
// at each use, so a short document whose fragments spread each other twice per level costs
// twice as much per level. costGuard parses the document itself (with the same token
// limit), measures each operation and fragment once, with each fragment's measure
// memoised (linear time), and refuses with QUERY_TOO_COMPLEX a document that is too large
// once expanded, too deep, has too many aliases, asks for introspection too often, or
// (expanded then, within MaxFields) has too many fields answering one response path, which
// the validator compares in pairs.
//
// It is an OperationParameterMutator registered after the persisted-query extension, so it
// sees the query text that extension fills in, and it runs before gqlgen's parse and
// validation (OperationContextMutators run after them: too late). A document in the query
// cache passed it already and is not measured again. It also refuses, as BAD_USER_INPUT
// naming the argument, text arguments with characters no text may contain (badtext.go),
// and says plainly which operation operationName must name.
type costGuard struct {
	limits Limits
	schema *ast.Schema
	cache  graphql.Cache[*ast.QueryDocument]
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
} = costGuard{}

func (costGuard) ExtensionName() string                          { return "CostGuard" }
func (costGuard) Validate(schema graphql.ExecutableSchema) error { return nil }

func (g costGuard) MutateOperationParameters(ctx context.Context, params *graphql.RawParams) *gqlerror.Error {
	doc, cached := g.cache.Get(ctx, params.Query)
	if !cached {
		var err error
		doc, err = parser.ParseQueryWithTokenLimit(&ast.Source{Input: params.Query}, g.limits.MaxTokens)
		if err != nil {
			return parseError(err)
		}
		if err := g.measure(doc); err != nil {
			return err
		}
	}
	op, err := chooseOperation(doc, params.OperationName)
	if err != nil {
		return err
	}
	if err := checkVariables(g.schema, op, params.Variables); err != nil { // variables.go
		return err
	}
	return checkArguments(doc, op, params.Variables)
}

// measure refuses a document whose operations cost more than the limits. Fragments no
// operation uses, and fragments with the name of another, are refused here, as the
// validator would, because it works on them all the same.
func (g costGuard) measure(doc *ast.QueryDocument) *gqlerror.Error {
	m := measurer{fragments: doc.Fragments, done: map[string]shape{}, visiting: map[string]bool{}}
	for _, op := range doc.Operations {
		if err := g.check(m.selectionSet(op.SelectionSet), &m); err != nil {
			return err
		}
	}
	seen := map[string]bool{}
	for _, f := range doc.Fragments {
		if _, used := m.done[f.Name]; !used {
			return badInput("", "fragment %s is never used", shortName(f.Name))
		}
		if seen[f.Name] { // the second would be validated, unmeasured
			return badInput("", "there are several fragments named %s", shortName(f.Name))
		}
		seen[f.Name] = true
	}
	for _, op := range doc.Operations { // within MaxFields now, so cheap to expand
		if path, n := mostRepeated(doc.Fragments, op.SelectionSet); n > g.limits.MaxRepeats {
			return tooComplex("the query asks for %s %d times in one place (one field written again and again, or spread in again by fragments); at most %d are allowed", shortName(path), n, g.limits.MaxRepeats)
		}
	}
	return nil
}

func (g costGuard) check(s shape, m *measurer) *gqlerror.Error {
	l := g.limits
	switch {
	case m.cycle != "":
		return badInput("", "fragment %s spreads itself (through its own fields or other fragments)", shortName(m.cycle))
	case s.fields > l.MaxFields:
		return tooComplex("the query selects %s fields once its fragments are expanded (each fragment counted at every use); at most %d are allowed", atLeast(s.fields), l.MaxFields)
	case s.depth > l.MaxDepth:
		return tooComplex("the query is nested %d levels deep; at most %d are allowed", s.depth, l.MaxDepth)
	case s.aliases > l.MaxAliases:
		return tooComplex("the query has %s aliases (each fragment counted at every use); at most %d are allowed", atLeast(s.aliases), l.MaxAliases)
	case s.introspection > l.MaxIntrospection:
		return tooComplex("the query asks for __schema or __type %s times; at most %d are allowed in an operation", atLeast(s.introspection), l.MaxIntrospection)
	}
	return nil
}

// ceiling is where counts stop growing: a document can describe 2^1000 fields.
const ceiling = 1 << 40

func atLeast(n int) string {
	if n >= ceiling {
		return fmt.Sprintf("more than %d", ceiling)
	}
	return fmt.Sprint(n)
}

// shape is what a selection set costs once its fragment spreads are expanded.
type shape struct {
	fields        int // fields, a fragment's counted at each spread
	depth         int // deepest nesting of fields; introspection's own fields not counted
	aliases       int // aliased fields, introspection's included
	introspection int // __schema and __type fields
}

// include adds the cost of a selection beside the others in the same set.
func (s *shape) include(o shape) {
	s.fields = min(s.fields+o.fields, ceiling)
	s.aliases = min(s.aliases+o.aliases, ceiling)
	s.introspection = min(s.introspection+o.introspection, ceiling)
	s.depth = max(s.depth, o.depth)
}

// measurer measures selection sets, each fragment once.
type measurer struct {
	fragments ast.FragmentDefinitionList
	done      map[string]shape
	visiting  map[string]bool
	cycle     string // a fragment that spreads itself, once one is found
}

func (m *measurer) selectionSet(set ast.SelectionSet) shape {
	var s shape
	for _, sel := range set {
		switch x := sel.(type) {
		case *ast.Field:
			s.include(m.field(x))
		case *ast.InlineFragment:
			s.include(m.selectionSet(x.SelectionSet))
		case *ast.FragmentSpread:
			s.include(m.fragment(x.Name))
		}
	}
	return s
}

func (m *measurer) field(f *ast.Field) shape {
	s := m.selectionSet(f.SelectionSet)
	s.include(shape{fields: 1})
	if f.Alias != "" && f.Alias != f.Name {
		s.include(shape{aliases: 1})
	}
	if f.Name == "__schema" || f.Name == "__type" {
		s.include(shape{introspection: 1})
		s.depth = 0 // GraphiQL's own introspection query is deep; its size is bounded by fields
	} else {
		s.depth++
	}
	return s
}

// fragment is the memoised measure of a fragment; an unknown one (the validator names it)
// costs nothing, and one met again while it is being measured is a cycle.
func (m *measurer) fragment(name string) shape {
	if s, ok := m.done[name]; ok {
		return s
	}
	def := m.fragments.ForName(name)
	if def == nil {
		return shape{}
	}
	if m.visiting[name] {
		m.cycle = name
		return shape{}
	}
	m.visiting[name] = true
	s := m.selectionSet(def.SelectionSet)
	m.visiting[name] = false
	m.done[name] = s
	return s
}

// mostRepeated expands a selection set and counts the fields that answer each response
// path (news.edges.node.title): gqlparser's OverlappingFieldsCanBeMerged compares those in
// pairs, so its work grows with the square of these counts. It returns the path with the
// most fields, and their number. The fragments must have no cycle.
func mostRepeated(fragments ast.FragmentDefinitionList, set ast.SelectionSet) (string, int) {
	counts := map[string]int{}
	var most string
	var walk func(set ast.SelectionSet, path string)
	walk = func(set ast.SelectionSet, path string) {
		for _, sel := range set {
			switch x := sel.(type) {
			case *ast.Field:
				p := path + "." + x.Alias
				counts[p]++
				if counts[p] > counts[most] {
					most = p
				}
				walk(x.SelectionSet, p)
			case *ast.InlineFragment:
				walk(x.SelectionSet, path)
			case *ast.FragmentSpread:
				if def := fragments.ForName(x.Name); def != nil {
					walk(def.SelectionSet, path)
				}
			}
		}
	}
	walk(set, "")
	return strings.TrimPrefix(most, "."), counts[most]
}

// chooseOperation is the operation operationName names, or the document's only one; the
// errors say which operations there are.
func chooseOperation(doc *ast.QueryDocument, name string) (*ast.OperationDefinition, *gqlerror.Error) {
	if len(doc.Operations) == 0 {
		return nil, nil // gqlgen answers "no operation provided"
	}
	if name == "" {
		if len(doc.Operations) == 1 {
			return doc.Operations[0], nil
		}
		return nil, badInput("operationName", "the document has %d operations (%s): operationName must name the one to run", len(doc.Operations), operationNames(doc))
	}
	if op := doc.Operations.ForName(name); op != nil {
		return op, nil
	}
	return nil, badInput("operationName", "operationName %q names no operation of the document; it has %s", shortName(name), operationNames(doc))
}

// operationNames lists a document's operations for a message, shortened.
func operationNames(doc *ast.QueryDocument) string {
	const shown = 5
	var names []string
	for i, op := range doc.Operations {
		if i == shown {
			names = append(names, fmt.Sprintf("and %d more", len(doc.Operations)-shown))
			break
		}
		if op.Name == "" {
			names = append(names, "one without a name")
		} else {
			names = append(names, shortName(op.Name))
		}
	}
	return strings.Join(names, ", ")
}

// shortName cuts a client's name to a length that is fine to repeat in a message.
func shortName(s string) string {
	const max = 40
	if r := []rune(s); len(r) > max {
		return string(r[:max]) + "…"
	}
	return s
}

// parseError is a parse failure as gqlgen would present it.
func parseError(err error) *gqlerror.Error {
	e, ok := err.(*gqlerror.Error)
	if !ok {
		e = gqlerror.Errorf("the query could not be parsed")
	}
	errcode.Set(e, errcode.ParseFailed)
	return e
}

// badInput is a refusal of a request that is not valid, naming the argument at fault when
// field is not empty. Its code is gqlgen's for validation errors, so that its HTTP status
// is theirs (422, or 400 for application/graphql-response+json); presentError makes it
// BAD_USER_INPUT.
func badInput(field, format string, args ...any) *gqlerror.Error {
	e := gqlerror.Errorf(format, args...)
	errcode.Set(e, errcode.ValidationFailed)
	if field != "" {
		e.Extensions["field"] = field
	}
	return e
}
