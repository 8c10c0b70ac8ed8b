package graph

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// checkVariables refuses, with a message that says which operation and which variable and
// what it must be, the variables gqlparser would refuse with a bare "must be defined" or
// "X is not a valid T": a required variable not given or null, a wrong enum value (the
// valid ones listed), and an input object missing a required field or having one the type
// lacks. extensions.field is the variable's path, as variables.filter.status. Scalars are
// left to gqlparser and our scalars, whose messages say what they want.
func checkVariables(schema *ast.Schema, op *ast.OperationDefinition, vars map[string]any) *gqlerror.Error {
	if schema == nil || op == nil {
		return nil
	}
	in, of := "the operation", "" // the operation, named when it has a name
	if op.Name != "" {
		in = "operation " + shortName(op.Name)
		of = in + ", "
	}
	for _, def := range op.VariableDefinitions {
		path := "variables." + def.Variable
		v, given := vars[def.Variable]
		switch {
		case !given && def.DefaultValue == nil && def.Type.NonNull:
			return badInput(path, "%s needs variable $%s (%s), and the request's variables have none", in, shortName(def.Variable), def.Type)
		case given:
			if err := checkValue(schema, path, def.Type, v); err != nil {
				return badInput(path+err.at, "%svariable $%s: %s", of, shortName(def.Variable), err.msg)
			}
		}
	}
	return nil
}

// valueError is what is wrong with a variable's value, at a path inside it.
type valueError struct{ at, msg string }

func checkValue(schema *ast.Schema, at string, t *ast.Type, v any) *valueError {
	if v == nil {
		if t.NonNull {
			return &valueError{"", fmt.Sprintf("%s may not be null (%s)", describe(at), t)}
		}
		return nil
	}
	if t.Elem != nil {
		list, ok := v.([]any)
		if !ok { // a single value stands for a list of one
			return checkValue(schema, at, t.Elem, v)
		}
		for _, e := range list {
			if err := checkValue(schema, at, t.Elem, e); err != nil {
				return err
			}
		}
		return nil
	}
	def := schema.Types[t.NamedType]
	if def == nil {
		return nil
	}
	switch def.Kind {
	case ast.Enum:
		if s, ok := v.(string); !ok || def.EnumValues.ForName(s) == nil {
			return &valueError{"", fmt.Sprintf("%s is not a %s; the valid values are %s", shown(v), def.Name, enumValues(def))}
		}
	case ast.InputObject:
		fields, ok := v.(map[string]any)
		if !ok {
			return &valueError{"", fmt.Sprintf("%s must be an object with the fields of %s (%s)", describe(at), def.Name, fieldNames(def))}
		}
		for name := range fields {
			if def.Fields.ForName(name) == nil {
				return &valueError{"", fmt.Sprintf("%s has no field %s; its fields are %s", def.Name, shortName(name), fieldNames(def))}
			}
		}
		for _, f := range def.Fields {
			fv, given := fields[f.Name]
			if !given && f.Type.NonNull && f.DefaultValue == nil {
				return &valueError{"." + f.Name, fmt.Sprintf("%s.%s must be given (%s)", def.Name, f.Name, f.Type)}
			}
			if given {
				if err := checkValue(schema, at+"."+f.Name, f.Type, fv); err != nil {
					return &valueError{"." + f.Name + err.at, err.msg}
				}
			}
		}
	}
	return nil
}

// describe names a place in a variable for a message: "the value" for the variable
// itself, "filter.status" inside it (at is variables.filter.status).
func describe(at string) string {
	if parts := strings.SplitN(at, ".", 3); len(parts) == 3 {
		return shortName(parts[2])
	}
	return "the value"
}

// shown is a value of a variable as a message repeats it: JSON-like, cut short.
func shown(v any) string {
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", shortName(s))
	}
	return shortName(fmt.Sprint(v))
}

func enumValues(def *ast.Definition) string {
	names := make([]string, len(def.EnumValues))
	for i, v := range def.EnumValues {
		names[i] = v.Name
	}
	return strings.Join(names, ", ")
}

func fieldNames(def *ast.Definition) string {
	names := make([]string, len(def.Fields))
	for i, f := range def.Fields {
		names[i] = f.Name
	}
	return strings.Join(names, ", ")
}

// enumRefusal is gqlparser's message for an enum value written in the query that the enum
// lacks.
var enumRefusal = regexp.MustCompile(`^Value "([^"]*)" does not exist in "([A-Za-z_][A-Za-z0-9_]*)" enum\.`)

// listEnumValues adds the valid values to gqlparser's refusal of an enum value written in
// the query, which suggests at most a few similar ones.
func listEnumValues(schema *ast.Schema, e *gqlerror.Error) {
	m := enumRefusal.FindStringSubmatch(e.Message)
	if m == nil || schema == nil {
		return
	}
	def := schema.Types[m[2]]
	if def == nil || def.Kind != ast.Enum {
		return
	}
	e.Message = fmt.Sprintf("%s is not a %s; the valid values are %s", m[1], def.Name, enumValues(def))
}
