package schemacheck_test

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/agency/portal/graph/schemacheck"
)

// TestPublishedSchemaStillHolds: the schema the portal serves (schema.graphql, from which
// gqlgen generates the server) breaks nothing a partner wrote against the published
// snapshot (schema.published.graphql). When a change must break it, after the deprecation
// period the change policy promises, update the snapshot on purpose: make schema-snapshot.
func TestPublishedSchemaStillHolds(t *testing.T) {
	live := load(t, "../../schema.graphql")
	published := load(t, "../../schema.published.graphql")
	if broken := schemacheck.Breaking(published, live, time.Now()); len(broken) > 0 {
		t.Errorf("schema.graphql breaks what partners were promised in schema.published.graphql:\n  %s\n"+
			"Deprecate instead (see CHANGELOG.md, \"Change policy\"), or, if this is the announced removal, run make schema-snapshot and say so in CHANGELOG.md.",
			strings.Join(broken, "\n  "))
	}
}

// TestDeprecationsSayWhen: every deprecation says what to use and the day after which it
// may be removed, at least six months after it was made (the change policy).
func TestDeprecationsSayWhen(t *testing.T) {
	for where, reason := range schemacheck.Deprecations(load(t, "../../schema.graphql")) {
		if _, ok := schemacheck.RemovalDate(reason); !ok {
			t.Errorf("%s is deprecated with reason %q; say what to use instead and \"Removed after YYYY-MM-DD\"", where, reason)
		}
	}
}

func load(t *testing.T, path string) *ast.Schema {
	t.Helper()
	sdl, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := schemacheck.Load(path, string(sdl))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return s
}

// TestBreaking: each kind of change, breaking or not.
func TestBreaking(t *testing.T) {
	const base = `
type Query { news(first: Int, filter: Filter): [News!]! item(slug: String!): News }
interface Node { id: ID! }
type News implements Node { id: ID! title: String! summary: String old: String @deprecated(reason: "Use title. Removed after 2020-01-31.") later: String @deprecated(reason: "Use title. Removed after 2999-01-31.") }
input Filter { topic: String status: [Status!] }
enum Status { OPEN CLOSED }
union Hit = News
`
	today := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		from string
		to   string
		want []string
	}{
		{"nothing changed", "", "", nil},
		{"a field added", "summary: String", "summary: String\n extra: Int", nil},
		{"an optional argument added", "news(first: Int,", "news(first: Int, last: Int,", nil},
		{"an optional input field added", "input Filter { topic: String", "input Filter { topic: String year: Int", nil},
		{"an enum value added", "OPEN CLOSED", "OPEN CLOSED DRAFT", nil},
		{"a nullable field made non-null", "summary: String", "summary: String!", nil},
		{"a required argument made optional", "item(slug: String!)", "item(slug: String)", nil},
		{"a field removed", "summary: String", "", []string{"field News.summary was removed"}},
		{"a field whose announced removal day has passed, removed", `old: String @deprecated(reason: "Use title. Removed after 2020-01-31.")`, "", nil},
		{"a field removed before its announced day", `later: String @deprecated(reason: "Use title. Removed after 2999-01-31.")`, "", []string{"field News.later was removed"}},
		{"a non-null field made nullable", "title: String!", "title: String", []string{"field News.title changed type from String! to String"}},
		{"a field's type changed", "summary: String", "summary: Int", []string{"field News.summary changed type from String to Int"}},
		{"a list made a single value", "[News!]!", "News!", []string{"field Query.news changed type from [News!]! to News!"}},
		{"an argument removed", "news(first: Int, filter: Filter)", "news(filter: Filter)", []string{"argument Query.news(first) was removed"}},
		{"an argument made required", "news(first: Int,", "news(first: Int!,", []string{"argument Query.news(first) changed type from Int to Int!"}},
		{"a required argument added", "news(first: Int,", "news(first: Int, locale: String!,", []string{"argument Query.news(locale) was added and is required"}},
		{"a required argument with a default added", "news(first: Int,", `news(first: Int, locale: String! = "en",`, nil},
		{"an input field removed", "input Filter { topic: String", "input Filter {", []string{"input field Filter.topic was removed"}},
		{"an input field made stricter", "status: [Status!]", "status: [Status!]!", []string{"input field Filter.status changed type from [Status!] to [Status!]!"}},
		{"a required input field added", "input Filter { topic: String", "input Filter { topic: String year: Int!", []string{"input field Filter.year was added and is required"}},
		{"an enum value removed", "OPEN CLOSED", "OPEN", []string{"enum value Status.CLOSED was removed"}},
		{"a union member removed", "union Hit = News", "union Hit = Other\ntype Other { x: Int }", []string{"union Hit no longer includes News"}},
		{"an interface dropped", "type News implements Node {", "type News {", []string{"type News no longer implements Node"}},
		{"a type removed", "union Hit = News", "", []string{"type Hit was removed"}},
		{"a type's kind changed", "enum Status { OPEN CLOSED }", "scalar Status", []string{"type Status changed from enum to scalar"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			changed := strings.Replace(base, tt.from, tt.to, 1)
			if tt.from != "" && changed == base {
				t.Fatalf("the test's change %q is not in the base schema", tt.from)
			}
			old, err := schemacheck.Load("old", base)
			if err != nil {
				t.Fatal(err)
			}
			new, err := schemacheck.Load("new", changed)
			if err != nil {
				t.Fatalf("the changed schema: %v", err)
			}
			if got := schemacheck.Breaking(old, new, today); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
