package server_test

import (
	"testing"
)

// Every value of the SearchKind enum is a kind the store knows, for every operation the
// API offers on kinds: the editors' list, node(id:), search with its kind filter and facets,
// slug suggestions, state changes and the audit log. A value the schema has and the store's registry
// lacks fails here instead of being answered as some other kind.
func TestEveryKindThroughTheAPI(t *testing.T) {
	e := newEditors(t)
	var enum struct {
		Type struct{ EnumValues []struct{ Name string } } `json:"__type"`
	}
	e.ok(nil, `{ __type(name: "SearchKind") { enumValues { name } } }`, nil, &enum)
	if len(enum.Type.EnumValues) == 0 {
		t.Fatal("the schema has no SearchKind values")
	}
	for _, v := range enum.Type.EnumValues {
		kind := v.Name
		t.Run(kind, func(t *testing.T) {
			var list struct {
				Sources struct {
					TotalCount int
					Edges      []struct {
						Node struct {
							ID, Kind, Label string
							Editorial       editorial
						}
					}
				}
				SuggestSlug string
			}
			e.ok(e.editor, `query($k: SearchKind!) { sources(kind: $k, first: 1) { totalCount edges { node { id kind label editorial { version } } } }
				suggestSlug(kind: $k, title: "Нова ставка") }`, map[string]any{"k": kind}, &list)
			if list.Sources.TotalCount == 0 || len(list.Sources.Edges) != 1 {
				t.Fatalf("sources(kind: %s) lists %d items, want the demo's", kind, list.Sources.TotalCount)
			}
			item := list.Sources.Edges[0].Node
			if item.Kind != kind || list.SuggestSlug != "nova-stavka" {
				t.Errorf("sources(kind: %s) gives a %s, suggestSlug %q", kind, item.Kind, list.SuggestSlug)
			}

			var public struct {
				Node   *struct{ ID string }
				Search struct {
					Facets []struct {
						Kind  string
						Count int
					}
					Edges []struct {
						Node struct {
							Kind string
							Item struct{ ID string }
						}
					}
				}
			}
			e.ok(nil, `query($id: ID!, $q: String!, $k: SearchKind!) { node(id: $id) { id }
				search(query: $q, kinds: [$k], first: 100) { facets { kind count }
					edges { node { kind item { ... on NewsItem { id } ... on Project { id } ... on Partner { id } } } } } }`,
				map[string]any{"id": item.ID, "q": item.Label, "k": kind}, &public)
			if public.Node == nil || public.Node.ID != item.ID {
				t.Errorf("node(id: %s) of a published %s: %+v", item.ID, kind, public.Node)
			}
			found, faceted := false, false
			for _, edge := range public.Search.Edges {
				found = found || edge.Node.Item.ID == item.ID
				if edge.Node.Kind != kind {
					t.Errorf("search(kinds: [%s]) gives a %s", kind, edge.Node.Kind)
				}
			}
			for _, f := range public.Search.Facets {
				faceted = faceted || (f.Kind == kind && f.Count > 0)
			}
			if !found || !faceted {
				t.Errorf("searching %q: the %s found %v, in the facets %v", item.Label, kind, found, faceted)
			}

			var changed struct{ Unpublish struct{ Kind string } }
			e.ok(e.editor, `mutation($id: ID!, $v: Int!) { unpublish(id: $id, version: $v) { kind } }`,
				map[string]any{"id": item.ID, "v": item.Editorial.Version}, &changed)
			var after struct {
				Node     *struct{ ID string }
				AuditLog struct {
					Edges []struct {
						Node struct{ Action, ItemID string }
					}
				}
			}
			e.ok(e.admin, `query($id: ID!) { node(id: $id) { id } auditLog(item: $id) { edges { node { action itemId } } } }`,
				map[string]any{"id": item.ID}, &after)
			if changed.Unpublish.Kind != kind || after.Node != nil {
				t.Errorf("unpublishing the %s gives a %s, and node(id:) %+v", kind, changed.Unpublish.Kind, after.Node)
			}
			if log := after.AuditLog.Edges; len(log) != 1 || log[0].Node.Action != "UNPUBLISH" || log[0].Node.ItemID != item.ID {
				t.Errorf("auditLog(item: %s) = %+v, want its UNPUBLISH", item.ID, log)
			}
		})
	}
}
