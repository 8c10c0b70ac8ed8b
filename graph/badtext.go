package graph

import (
	"encoding/json"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/agency/portal/store"
	"github.com/agency/portal/translit"
)

// checkArguments refuses, before anything reads the database, text that no text of the
// portal may contain (translit.Invalid: NUL, control characters, invalid UTF-8,
// non-characters) in any argument of the document, written in it or passed as a variable
// (with a variable's default): BAD_USER_INPUT naming the argument, as filter.funder for a
// field of an input object. It also says plainly that an Int variable must be a whole
// number (gqlparser would say "cannot use value 0 as Int"). Each selection set of the
// document is read once: fragments are not expanded here.
func checkArguments(doc *ast.QueryDocument, op *ast.OperationDefinition, vars map[string]any) *gqlerror.Error {
	c := argChecker{vars: vars}
	if op != nil {
		c.defs = op.VariableDefinitions
	}
	for _, o := range doc.Operations {
		if err := c.selectionSet(o.SelectionSet); err != nil {
			return err
		}
	}
	for _, f := range doc.Fragments {
		if err := c.selectionSet(f.SelectionSet); err != nil {
			return err
		}
	}
	return nil
}

type argChecker struct {
	vars map[string]any
	defs ast.VariableDefinitionList
}

func (c argChecker) selectionSet(set ast.SelectionSet) *gqlerror.Error {
	for _, sel := range set {
		var err *gqlerror.Error
		switch x := sel.(type) {
		case *ast.Field:
			for _, a := range x.Arguments {
				if err = c.value(a.Name, a.Value); err != nil {
					return err
				}
			}
			err = c.selectionSet(x.SelectionSet)
		case *ast.InlineFragment:
			err = c.selectionSet(x.SelectionSet)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// value checks a value written in the document, at path.
func (c argChecker) value(path string, v *ast.Value) *gqlerror.Error {
	if v == nil {
		return nil
	}
	switch v.Kind {
	case ast.StringValue, ast.BlockValue:
		return checkText(path, v.Raw)
	case ast.Variable:
		return c.variable(path, v.Raw)
	case ast.ListValue:
		for _, child := range v.Children {
			if err := c.value(path, child.Value); err != nil {
				return err
			}
		}
	case ast.ObjectValue:
		for _, child := range v.Children {
			if err := c.value(path+"."+child.Name, child.Value); err != nil {
				return err
			}
		}
	}
	return nil
}

// variable checks the value of the variable name, given as the argument at path.
func (c argChecker) variable(path, name string) *gqlerror.Error {
	def := c.defs.ForName(name)
	raw, given := c.vars[name]
	if !given {
		if def != nil {
			return c.value(path, def.DefaultValue)
		}
		return nil
	}
	if n, ok := raw.(json.Number); ok && def != nil && def.Type.NamedType == "Int" {
		if _, err := n.Int64(); err != nil {
			return notWhole(path, n)
		}
	}
	return checkJSON(path, raw)
}

// checkJSON checks the text in a variable's value, as decoded from JSON.
func checkJSON(path string, v any) *gqlerror.Error {
	switch x := v.(type) {
	case string:
		return checkText(path, x)
	case []any:
		for _, e := range x {
			if err := checkJSON(path, e); err != nil {
				return err
			}
		}
	case map[string]any:
		for k, e := range x {
			if err := checkText(path, k); err != nil {
				return err
			}
			if err := checkJSON(path+"."+k, e); err != nil {
				return err
			}
		}
	}
	return nil
}

func checkText(path, s string) *gqlerror.Error {
	if r, bad := translit.Invalid(s); bad {
		return badInput(path, "%s: contains %s, a character that text may not contain (NUL, control characters, invalid UTF-8 and Unicode non-characters are refused)", shortName(path), translit.Describe(r))
	}
	return nil
}

func notWhole(path string, n json.Number) *gqlerror.Error {
	if path == "first" {
		return badInput(path, "first: must be a whole number from 0 to %d, got %s", store.MaxFirst, shortName(n.String()))
	}
	return badInput(path, "%s: must be a whole number, got %s", shortName(path), shortName(n.String()))
}
