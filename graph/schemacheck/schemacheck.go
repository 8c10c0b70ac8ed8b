// Package schemacheck finds the changes between two versions of a GraphQL schema that
// would break a client written against the older one: a type, field, argument, input
// field, enum value, union member or interface removed; a field's type made looser or
// different; an argument's or input field's type made stricter or different; a required
// argument or input field added. Additions and descriptions never break a client.
//
// The portal keeps the schema partners last saw in schema.published.graphql; a test
// fails when schema.graphql breaks it, until the snapshot is updated on purpose (see the
// README's change policy).
package schemacheck

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// Load parses a schema's SDL (the GraphQL built-in types are added).
func Load(name, sdl string) (*ast.Schema, error) {
	s, err := gqlparser.LoadSchema(&ast.Source{Name: name, Input: sdl})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// Breaking lists the changes from old to new that break a client of old, sorted, as of
// today (a removal announced for before today is not one).
func Breaking(old, new *ast.Schema, today time.Time) []string {
	var found []string
	gone := func(d ast.DirectiveList) bool { return removable(d, today) }
	add := func(format string, args ...any) { found = append(found, fmt.Sprintf(format, args...)) }
	for name, o := range old.Types {
		if o.BuiltIn {
			continue
		}
		n := new.Types[name]
		switch {
		case n == nil:
			add("type %s was removed", name)
			continue
		case n.Kind != o.Kind:
			add("type %s changed from %s to %s", name, strings.ToLower(string(o.Kind)), strings.ToLower(string(n.Kind)))
			continue
		}
		switch o.Kind {
		case ast.Object, ast.Interface:
			outputFields(name, o, n, gone, add)
			for _, i := range o.Interfaces {
				if !slices.Contains(n.Interfaces, i) {
					add("type %s no longer implements %s", name, i)
				}
			}
		case ast.InputObject:
			inputFields(name, o, n, add)
		case ast.Enum:
			for _, v := range o.EnumValues {
				if n.EnumValues.ForName(v.Name) == nil && !gone(v.Directives) {
					add("enum value %s.%s was removed", name, v.Name)
				}
			}
		case ast.Union:
			for _, m := range o.Types {
				if !slices.Contains(n.Types, m) {
					add("union %s no longer includes %s", name, m)
				}
			}
		}
	}
	sort.Strings(found)
	return found
}

// outputFields: a client reads these, so each must stay, with a type that gives it
// nothing it could not get before (the same, or non-null where it was nullable).
func outputFields(typ string, o, n *ast.Definition, gone func(ast.DirectiveList) bool, add func(string, ...any)) {
	for _, of := range o.Fields {
		if strings.HasPrefix(of.Name, "__") {
			continue
		}
		nf := n.Fields.ForName(of.Name)
		if nf == nil {
			if !gone(of.Directives) {
				add("field %s.%s was removed", typ, of.Name)
			}
			continue
		}
		if !outputCompatible(of.Type, nf.Type) {
			add("field %s.%s changed type from %s to %s", typ, of.Name, of.Type, nf.Type)
		}
		for _, oa := range of.Arguments {
			na := nf.Arguments.ForName(oa.Name)
			switch {
			case na == nil:
				add("argument %s.%s(%s) was removed", typ, of.Name, oa.Name)
			case !inputCompatible(oa.Type, na.Type):
				add("argument %s.%s(%s) changed type from %s to %s", typ, of.Name, oa.Name, oa.Type, na.Type)
			}
		}
		for _, na := range nf.Arguments {
			if of.Arguments.ForName(na.Name) == nil && na.Type.NonNull && na.DefaultValue == nil {
				add("argument %s.%s(%s) was added and is required", typ, of.Name, na.Name)
			}
		}
	}
}

// inputFields: a client writes these, so each must stay and accept what it accepted, and
// no new one may be required.
func inputFields(typ string, o, n *ast.Definition, add func(string, ...any)) {
	for _, of := range o.Fields {
		nf := n.Fields.ForName(of.Name)
		switch {
		case nf == nil:
			add("input field %s.%s was removed", typ, of.Name)
		case !inputCompatible(of.Type, nf.Type):
			add("input field %s.%s changed type from %s to %s", typ, of.Name, of.Type, nf.Type)
		}
	}
	for _, nf := range n.Fields {
		if o.Fields.ForName(nf.Name) == nil && nf.Type.NonNull && nf.DefaultValue == nil {
			add("input field %s.%s was added and is required", typ, nf.Name)
		}
	}
}

// outputCompatible: a value of type n is one a reader of type o can read.
func outputCompatible(o, n *ast.Type) bool {
	if o.NonNull && !n.NonNull {
		return false
	}
	if (o.Elem == nil) != (n.Elem == nil) {
		return false
	}
	if o.Elem != nil {
		return outputCompatible(o.Elem, n.Elem)
	}
	return o.NamedType == n.NamedType
}

// inputCompatible: every value a writer of type o sends is one of type n.
func inputCompatible(o, n *ast.Type) bool {
	if n.NonNull && !o.NonNull {
		return false
	}
	if (o.Elem == nil) != (n.Elem == nil) {
		return false
	}
	if o.Elem != nil {
		return inputCompatible(o.Elem, n.Elem)
	}
	return o.NamedType == n.NamedType
}

// removalDate finds the day a deprecation's reason says the field goes after:
// @deprecated(reason: "Use title. Removed after 2027-06-30.").
var removalDate = regexp.MustCompile(`Removed after (\d{4}-\d{2}-\d{2})`)

// RemovalDate is the day the reason of a @deprecated says the item may be removed after;
// ok is false when it says none.
func RemovalDate(reason string) (day time.Time, ok bool) {
	m := removalDate.FindStringSubmatch(reason)
	if m == nil {
		return time.Time{}, false
	}
	day, err := time.Parse(time.DateOnly, m[1])
	return day, err == nil
}

// Deprecations lists every deprecated field, argument, input field and enum value, with
// its reason.
func Deprecations(s *ast.Schema) map[string]string {
	found := map[string]string{}
	note := func(where string, d ast.DirectiveList) {
		if dep := d.ForName("deprecated"); dep != nil {
			reason := ""
			if a := dep.Arguments.ForName("reason"); a != nil && a.Value != nil {
				reason = a.Value.Raw
			}
			found[where] = reason
		}
	}
	for name, t := range s.Types {
		if t.BuiltIn {
			continue
		}
		for _, f := range t.Fields {
			note(name+"."+f.Name, f.Directives)
			for _, a := range f.Arguments {
				note(name+"."+f.Name+"("+a.Name+")", a.Directives)
			}
		}
		for _, v := range t.EnumValues {
			note(name+"."+v.Name, v.Directives)
		}
	}
	return found
}

// removable: deprecated with a removal day before today.
func removable(d ast.DirectiveList, today time.Time) bool {
	dep := d.ForName("deprecated")
	if dep == nil {
		return false
	}
	a := dep.Arguments.ForName("reason")
	if a == nil || a.Value == nil {
		return false
	}
	day, ok := RemovalDate(a.Value.Raw)
	return ok && today.After(day.AddDate(0, 0, 1))
}
