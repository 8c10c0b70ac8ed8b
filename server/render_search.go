package server

import (
	"context"
	"html/template"
	"strings"
)

// searchPageSize is SEARCH_PAGE_SIZE of web/src/lib/search.ts.
const searchPageSize = 20

var searchKinds = []string{"NEWS", "PROJECT", "PARTNER"}

// searchPage is the answer of the app's Search query, and what the page shows.
type searchPage struct {
	Search *struct {
		TotalCount int `json:"totalCount"`
		Facets     []struct {
			Kind  string `json:"kind"`
			Count int    `json:"count"`
		} `json:"facets"`
		PageInfo struct {
			HasNextPage bool `json:"hasNextPage"`
		} `json:"pageInfo"`
		Edges []struct {
			Node struct {
				Kind    string        `json:"kind"`
				Title   string        `json:"title"`
				Snippet template.HTML `json:"snippet"` // the API's highlighted, escaped excerpt
				Item    struct {
					Slug        string `json:"slug"`
					PublishedAt string `json:"publishedAt"`
				} `json:"item"`
			} `json:"node"`
		} `json:"edges"`
	} `json:"search"`

	Q      string
	Kinds  []string // the kinds asked for (?kind=news…), in SEARCH_KINDS order
	Status string
	Facets []searchFacet
}

// searchFacet is one kind's toggle: shown when it has results or is selected.
type searchFacet struct {
	Kind    string
	Count   int
	Pressed bool
}

// renderSearch is the search page, with the results of ?q= when there is one.
func renderSearch(rd *renderer, ctx context.Context, v *view, _ string) ([]answer, string, error) {
	q := v.URL.Query()
	d := searchPage{Q: q.Get("q")}
	wanted := map[string]bool{}
	for _, k := range q["kind"] {
		wanted[strings.ToUpper(k)] = true
	}
	for _, k := range searchKinds {
		if wanted[k] {
			d.Kinds = append(d.Kinds, k)
		}
	}
	v.Page = &d
	if strings.TrimSpace(d.Q) == "" {
		return nil, "search", nil
	}
	kinds := any(nil)
	if len(d.Kinds) > 0 {
		kinds = d.Kinds
	}
	vars := map[string]any{"query": d.Q, "kinds": kinds, "first": searchPageSize, "after": nil, "locale": gqlLocale(v.L)}
	a, err := rd.run(ctx, "Search", vars, &d)
	if err != nil {
		return nil, "", err
	}
	t := v.T["search"].(map[string]any)
	if n := d.Search.TotalCount; n > 0 {
		forms := t["count"].(map[string]any)
		form, _ := forms[pluralCategory(v.L, n)].(string)
		d.Status = fmtText(t["countFor"].(string), "count", fmtText(form, "n", rd.Formats[v.L].formatNumber(n)), "q", d.Q)
	} else {
		d.Status = fmtText(t["none"].(string), "q", d.Q)
	}
	for _, k := range searchKinds {
		f := searchFacet{Kind: k, Pressed: wanted[k]}
		for _, x := range d.Search.Facets {
			if x.Kind == k {
				f.Count = x.Count
			}
		}
		if f.Count > 0 || f.Pressed {
			d.Facets = append(d.Facets, f)
		}
	}
	return []answer{a}, "search", nil
}

// hitPath is search.ts hitPath.
func hitPath(l, kind, slug string) string {
	section := map[string]string{"NEWS": "news", "PROJECT": "projects", "PARTNER": "partners"}[kind]
	return "/" + l + "/" + section + "/" + slug
}
