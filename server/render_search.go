package server

import (
	"context"
	"html/template"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// searchPageSize is SEARCH_PAGE_SIZE of web/src/lib/search.ts.
const searchPageSize = 20

var searchKinds = []string{"NEWS", "PROJECT", "PARTNER"}

// searchPage is the answer of the app's Search query, and what the page shows.
type searchPage struct {
	Search *struct {
		TotalCount  int     `json:"totalCount"`
		Suggestion  *string `json:"suggestion"`
		ExactCounts bool    `json:"exactCounts"`
		Facets      []struct {
			Kind  string `json:"kind"`
			Count int    `json:"count"`
		} `json:"facets"`
		TopicFacets []struct {
			Topic struct {
				Slug string `json:"slug"`
				Name string `json:"name"`
			} `json:"topic"`
			Count int `json:"count"`
		} `json:"topicFacets"`
		YearFacets []struct {
			Year  int `json:"year"`
			Count int `json:"count"`
		} `json:"yearFacets"`
		PageInfo struct {
			HasNextPage bool   `json:"hasNextPage"`
			EndCursor   string `json:"endCursor"`
		} `json:"pageInfo"`
		Edges []struct {
			Node struct {
				Kind    string        `json:"kind"`
				Title   string        `json:"title"`
				Snippet template.HTML `json:"snippet"` // the API's highlighted, escaped excerpt
				// SnippetLocale is the locale of the text the snippet is cut from.
				SnippetLocale string `json:"snippetLocale"`
				Item          struct {
					Slug        string `json:"slug"`
					PublishedAt string `json:"publishedAt"`
				} `json:"item"`
			} `json:"node"`
		} `json:"edges"`
	} `json:"search"`

	Q          string
	Kinds      []string // the kinds asked for (?kind=news…), in SEARCH_KINDS order
	Topic      string   // ?topic=, "" for none
	Year       int      // ?year=, 0 for none
	Status     string
	Facets     []searchFacet
	Topics     []searchFacet // search.ts facetToggles of the topic facets
	Years      []searchFacet // and of the year facets
	Suggestion string        // "did you mean": the suggested query, "" for none
	SuggestURL string        // its search page
	MoreURL    string        // the next page of results, "" when there is none
}

// searchFacet is one toggle: shown when it has results or is selected. Count is as shown:
// "1000+" where the API stopped counting (search.ts countText).
type searchFacet struct {
	Kind    string // a kind's, or the label of a topic or year
	Count   string
	Pressed bool
	Href    string // the search it makes: a link, so that it works without JavaScript
}

// renderSearch is the search page, with the results of ?q= when there is one.
func renderSearch(rd *renderer, ctx context.Context, v *view, _ string) ([]answer, string, error) {
	q := v.URL.Query()
	d := searchPage{Q: q.Get("q"), Topic: strings.TrimSpace(q.Get("topic"))}
	after := q.Get("after")                                         // a page after a cursor: the "More results" link
	if y, err := strconv.Atoi(q.Get("year")); err == nil && y > 0 { // search.ts filtersFromParams
		d.Year = y
	}
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
	kinds, topic, year := any(nil), any(nil), any(nil)
	if len(d.Kinds) > 0 {
		kinds = d.Kinds
	}
	if d.Topic != "" {
		topic = d.Topic
	}
	if d.Year > 0 {
		year = d.Year
	}
	afterVar := any(nil)
	if after != "" {
		afterVar = after
	}
	vars := map[string]any{"query": d.Q, "kinds": kinds, "topic": topic, "year": year, "first": searchPageSize, "after": afterVar, "locale": gqlLocale(v.L)}
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
	shown := func(n int) string { // search.ts countText
		if !d.Search.ExactCounts && n >= searchCountLimit {
			return rd.Formats[v.L].formatNumber(searchCountLimit) + "+"
		}
		return rd.Formats[v.L].formatNumber(n)
	}
	for _, k := range searchKinds {
		count := 0
		for _, x := range d.Search.Facets {
			if x.Kind == k {
				count = x.Count
			}
		}
		if count > 0 || wanted[k] {
			href := d.href(v.L, toggledKinds(d.Kinds, k), d.Topic, d.Year, "")
			d.Facets = append(d.Facets, searchFacet{Kind: k, Count: shown(count), Pressed: wanted[k], Href: href})
		}
	}
	var topics, years []facetOption
	for _, f := range d.Search.TopicFacets {
		topics = append(topics, facetOption{f.Topic.Slug, f.Topic.Name, f.Count})
	}
	for _, f := range d.Search.YearFacets {
		years = append(years, facetOption{strconv.Itoa(f.Year), strconv.Itoa(f.Year), f.Count})
	}
	yearValue := ""
	if d.Year > 0 {
		yearValue = strconv.Itoa(d.Year)
	}
	d.Topics = facetToggles(topics, d.Topic, shown, func(topic string) string {
		return d.href(v.L, d.Kinds, topic, d.Year, "")
	})
	d.Years = facetToggles(years, yearValue, shown, func(year string) string {
		y, _ := strconv.Atoi(year)
		return d.href(v.L, d.Kinds, d.Topic, y, "")
	})
	if s := d.Search.Suggestion; s != nil {
		d.Suggestion = *s
		d.SuggestURL = "/" + v.L + "/search" + searchParams(*s, d.Kinds, "", 0, "")
	}
	if d.Search.PageInfo.HasNextPage {
		d.MoreURL = d.href(v.L, d.Kinds, d.Topic, d.Year, d.Search.PageInfo.EndCursor)
	}
	return []answer{a}, "search", nil
}

// searchCountLimit is search.ts SEARCH_COUNT_LIMIT: where the API stops counting.
const searchCountLimit = 1000

// facetOption is a topic or year facet: its value in the URL, its label, its count.
type facetOption struct {
	value, label string
	count        int
}

// facetToggles is search.ts facetToggles: those with hits, in the API's order, and the one
// selected even at 0 (so that it can be turned off). hrefOf is the search a toggle of a
// value makes: that value, or none when it is the one selected.
func facetToggles(facets []facetOption, selected string, shown func(int) string, hrefOf func(value string) string) []searchFacet {
	var out []searchFacet
	pressed := false
	toggle := func(value, label string, count int) searchFacet {
		to := value
		if value == selected {
			to = ""
		}
		return searchFacet{Kind: label, Count: shown(count), Pressed: value == selected, Href: hrefOf(to)}
	}
	for _, f := range facets {
		if f.count > 0 || f.value == selected {
			out = append(out, toggle(f.value, f.label, f.count))
			pressed = pressed || f.value == selected
		}
	}
	if selected != "" && !pressed {
		out = append(out, toggle(selected, selected, 0))
	}
	return out
}

// href is the search page with the page's text, these kinds and filters, after a cursor.
func (d *searchPage) href(l string, kinds []string, topic string, year int, after string) string {
	return "/" + l + "/search" + searchParams(d.Q, kinds, topic, year, after)
}

// toggledKinds is search.ts toggledKinds: without kind when it was selected, else with it,
// in SEARCH_KINDS order.
func toggledKinds(kinds []string, kind string) []string {
	var out []string
	on := slices.Contains(kinds, kind)
	for _, k := range searchKinds {
		if (k == kind && !on) || (k != kind && slices.Contains(kinds, k)) {
			out = append(out, k)
		}
	}
	return out
}

// searchParams is search.ts searchParamsFor: ?q=…&kind=…&topic=…&year=…&after=…, in that
// order (URLSearchParams keeps the order it was given; url.Values would sort).
func searchParams(q string, kinds []string, topic string, year int, after string) string {
	var parts []string
	if strings.TrimSpace(q) != "" {
		parts = append(parts, "q="+url.QueryEscape(q))
	}
	for _, k := range kinds {
		parts = append(parts, "kind="+strings.ToLower(k))
	}
	if topic != "" {
		parts = append(parts, "topic="+url.QueryEscape(topic))
	}
	if year > 0 {
		parts = append(parts, "year="+strconv.Itoa(year))
	}
	if after != "" {
		parts = append(parts, "after="+url.QueryEscape(after))
	}
	if len(parts) == 0 {
		return ""
	}
	return "?" + strings.Join(parts, "&")
}

// hitPath is search.ts hitPath.
func hitPath(l, kind, slug string) string {
	section := map[string]string{"NEWS": "news", "PROJECT": "projects", "PARTNER": "partners"}[kind]
	return "/" + l + "/" + section + "/" + slug
}
