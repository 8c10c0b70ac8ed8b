package server_test

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// The role table: every field of Query and Mutation that the schema guards with
// @hasRole(role:), found in the schema the portal serves (not in a list of this test's),
// is asked as signed-out, as an editor and as an admin, with an argument of the right type
// for each one it requires. Signed out, the answer must be UNAUTHENTICATED; with a role
// the field's role does not allow (an editor at an admin's field), FORBIDDEN; with one
// that allows it, no refusal: data, or an error about the dummy arguments (BAD_USER_INPUT,
// NOT_FOUND, CONFLICT) shows the field was let through.
func TestRoleTable(t *testing.T) {
	e := newEditors(t)
	schema := servedSchema(t, e.portal)
	fields := guardedFields(schema)
	if len(fields) == 0 {
		t.Fatal("no field of Query or Mutation has @hasRole")
	}
	for _, f := range fields {
		askedAs := []struct {
			who    string
			cookie *http.Cookie
			want   string // the code wanted, or letThrough
		}{
			{"signed out", nil, "UNAUTHENTICATED"},
			{"editor", e.editor, map[string]string{"EDITOR": letThrough, "ADMIN": "FORBIDDEN"}[f.role]},
			{"admin", e.admin, letThrough},
		}
		for _, as := range askedAs {
			t.Run(f.name+"/"+as.who, func(t *testing.T) {
				r := e.as(as.cookie, f.query, nil, nil)
				got := r.code()
				if as.want == letThrough {
					if !slices.Contains([]string{"", "BAD_USER_INPUT", "NOT_FOUND", "CONFLICT"}, got) {
						t.Errorf("%s (@hasRole(role: %s)) as %s: code %q, want the field let through (no code, or one about the dummy arguments)\nquery: %s\nbody: %s",
							f.name, f.role, as.who, got, f.query, r.body)
					}
					return
				}
				if got != as.want {
					t.Errorf("%s (@hasRole(role: %s)) as %s: code %q, want %s\nquery: %s\nbody: %s",
						f.name, f.role, as.who, got, as.want, f.query, r.body)
				}
			})
		}
	}
}

// letThrough marks an answer that must not be a refusal.
const letThrough = "let through"

// Every editors' field carries @hasRole, and no public field does. A field of Query or
// Mutation is the editors' when:
//   - it is a mutation other than login and logout (signing in and out is for everyone);
//   - its description says it is for editors or for admins ("For editors", "For admins");
//   - what it returns, through lists and connections, is the editors' view of an item (a
//     Source), the audit log (AuditEntry) or an account (User), except `me`, which tells
//     anyone whether they are signed in (null when not).
//
// Its role is ADMIN exactly when its description says it is for admins.
func TestEveryEditorsFieldHasRole(t *testing.T) {
	schema := servedSchema(t, newPortal(t, false))
	for _, root := range []*ast.Definition{schema.Query, schema.Mutation} {
		for _, f := range root.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			name := root.Name + "." + f.Name
			role, guarded := roleOf(f)
			why := editorsField(schema, root, f)
			switch {
			case why != "" && !guarded:
				t.Errorf("%s has no @hasRole, but it is an editors' field: %s", name, why)
			case why == "" && guarded:
				t.Errorf("%s has @hasRole(role: %s), but by the rule it is public: describe it as for editors, or remove the directive", name, role)
			}
			forAdmins := strings.HasPrefix(f.Description, "For admins")
			if guarded && forAdmins != (role == "ADMIN") {
				t.Errorf("%s has @hasRole(role: %s); its description begins %q", name, role, firstWords(f.Description))
			}
		}
	}
}

// editorsField says why a root field is the editors' by the rule of
// TestEveryEditorsFieldHasRole, "" when it is public.
func editorsField(schema *ast.Schema, root *ast.Definition, f *ast.FieldDefinition) string {
	switch {
	case root == schema.Mutation && f.Name != "login" && f.Name != "logout":
		return "a mutation"
	case strings.HasPrefix(f.Description, "For editors") || strings.HasPrefix(f.Description, "For admins"):
		return "its description says so"
	case f.Name == "me":
		return ""
	}
	switch t := resultType(schema, f.Type); {
	case t.Name == "Source" || slices.Contains(t.Interfaces, "Source"):
		return "it returns items as editors write them (" + t.Name + ")"
	case t.Name == "AuditEntry" || t.Name == "User":
		return "it returns " + t.Name
	}
	return ""
}

// resultType is what a field returns, through lists and connections (edges { node }).
func resultType(schema *ast.Schema, t *ast.Type) *ast.Definition {
	def := schema.Types[t.Name()]
	if edges := def.Fields.ForName("edges"); edges != nil {
		if node := schema.Types[edges.Type.Name()].Fields.ForName("node"); node != nil {
			return schema.Types[node.Type.Name()]
		}
	}
	return def
}

// guarded is a root field with @hasRole, and a request that asks it.
type guarded struct {
	name  string // Query.sources
	role  string // EDITOR or ADMIN
	query string
}

// guardedFields are the fields of Query and Mutation that have @hasRole, each with an
// operation asking it.
func guardedFields(schema *ast.Schema) []guarded {
	var out []guarded
	for _, root := range []*ast.Definition{schema.Query, schema.Mutation} {
		for _, f := range root.Fields {
			role, ok := roleOf(f)
			if !ok {
				continue
			}
			op := "query"
			if root == schema.Mutation {
				op = "mutation"
			}
			out = append(out, guarded{name: root.Name + "." + f.Name, role: role, query: op + " { " + askField(schema, f) + " }"})
		}
	}
	return out
}

// roleOf is the role of a field's @hasRole, and whether it has one.
func roleOf(f *ast.FieldDefinition) (string, bool) {
	d := f.Directives.ForName("hasRole")
	if d == nil {
		return "", false
	}
	if a := d.Arguments.ForName("role"); a != nil {
		return a.Value.Raw, true
	}
	return "", true
}

// askField writes a field with a value for each argument it requires and, when it returns
// an object, __typename.
func askField(schema *ast.Schema, f *ast.FieldDefinition) string {
	var args []string
	for _, a := range f.Arguments {
		if a.Type.NonNull && a.DefaultValue == nil {
			args = append(args, a.Name+": "+dummyValue(schema, a.Type))
		}
	}
	s := f.Name
	if len(args) > 0 {
		s += "(" + strings.Join(args, ", ") + ")"
	}
	switch schema.Types[f.Type.Name()].Kind {
	case ast.Object, ast.Interface, ast.Union:
		s += " { __typename }"
	}
	return s
}

// dummyScalars are values of every scalar of the schema that parse: a field must be
// refused for its role, not for an argument it could not read.
var dummyScalars = map[string]string{
	"ID":       `"dummy"`,
	"String":   `"dummy text"`,
	"Int":      `1`,
	"Float":    `1.5`,
	"Boolean":  `false`,
	"Date":     `"2030-01-02"`,
	"DateTime": `"2030-01-02T03:04:05Z"`,
	"Decimal":  `"1.00"`,
}

// dummyValue is a GraphQL literal of type t: its first enum value, an input object with
// its required fields, a list of one.
func dummyValue(schema *ast.Schema, t *ast.Type) string {
	if t.Elem != nil {
		return "[" + dummyValue(schema, t.Elem) + "]"
	}
	def := schema.Types[t.NamedType]
	switch def.Kind {
	case ast.Enum:
		return def.EnumValues[0].Name
	case ast.InputObject:
		var fields []string
		for _, f := range def.Fields {
			if f.Type.NonNull && f.DefaultValue == nil {
				fields = append(fields, f.Name+": "+dummyValue(schema, f.Type))
			}
		}
		return "{" + strings.Join(fields, ", ") + "}"
	}
	v, ok := dummyScalars[t.NamedType]
	if !ok {
		panic("roles_test: no dummy value for the scalar " + t.NamedType + ": add one to dummyScalars")
	}
	return v
}

// servedSchema is the schema the portal serves at /schema.graphql, parsed.
func servedSchema(t *testing.T, p *portal) *ast.Schema {
	t.Helper()
	rec := httptest.NewRecorder()
	p.handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/schema.graphql", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /schema.graphql: status %d, want 200", rec.Code)
	}
	schema, err := gqlparser.LoadSchema(&ast.Source{Name: "schema.graphql", Input: rec.Body.String()})
	if err != nil {
		t.Fatalf("the served schema does not load: %v", err)
	}
	return schema
}

func firstWords(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}
