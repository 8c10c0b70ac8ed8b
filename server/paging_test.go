package server_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/agency/portal/store"
)

// bulk adds n news items (many sharing a publication time, to test ties), n/3 projects
// (some without a start date) and n/4 partners, all linked, to the portal.
func bulk(t *testing.T, p *portal, n int) {
	t.Helper()
	c := &store.Content{Topics: []store.TopicDoc{{Slug: "bulk", Name: store.Localized{Sr: "Гомила", En: "Bulk"}}}}
	for i := range n / 4 {
		c.Partners = append(c.Partners, store.PartnerDoc{Slug: fmt.Sprintf("bulk-partner-%03d", i), Kind: store.NGO,
			Name: store.Localized{En: fmt.Sprintf("Bulk partner %d", i)}})
	}
	for i := range n / 3 {
		pr := store.ProjectDoc{Slug: fmt.Sprintf("bulk-project-%03d", i), Status: store.Ongoing, Areas: []string{"bulk"},
			Title:   store.Localized{Sr: fmt.Sprintf("Пројекат %d", i), En: fmt.Sprintf("Project %d", i)},
			Funders: []string{fmt.Sprintf("bulk-partner-%03d", i%(n/4))}, Implementers: []string{fmt.Sprintf("bulk-partner-%03d", (i+1)%(n/4))}}
		if i%5 != 0 {
			d := time.Date(2020, 1, 1+i%7, 0, 0, 0, 0, time.UTC).Format(time.DateOnly) // ties on purpose
			pr.StartDate = &d
		}
		c.Projects = append(c.Projects, pr)
	}
	for i := range n {
		c.News = append(c.News, store.NewsDoc{Slug: fmt.Sprintf("bulk-news-%03d", i),
			Title:       store.Localized{Sr: fmt.Sprintf("Вест %d", i), En: fmt.Sprintf("News %d", i)},
			PublishedAt: time.Date(2022, 3, 1+i%9, 10, 0, 0, 0, time.UTC), // ties on purpose
			Topics:      []string{"bulk"},
			Projects:    []string{fmt.Sprintf("bulk-project-%03d", i%(n/3))},
			Partners:    []string{fmt.Sprintf("bulk-partner-%03d", i%(n/4)), fmt.Sprintf("bulk-partner-%03d", (i+2)%(n/4))}})
	}
	if err := p.store.Import(context.Background(), c); err != nil {
		t.Fatal(err)
	}
}

// walk pages through a connection with first=size and returns every slug in order.
func walk(t *testing.T, p *portal, query string, path func(any) conn, size int) []string {
	t.Helper()
	var all []string
	var after any
	for page := 0; ; page++ {
		if page > 1000 {
			t.Fatal("more than 1000 pages")
		}
		r := p.query(query, map[string]any{"first": size, "after": after})
		if len(r.Errors) > 0 {
			t.Fatalf("page %d: %s", page, r.body)
		}
		c := path([]byte(r.Data))
		if len(c.Edges) > size {
			t.Fatalf("page %d has %d edges, asked for %d", page, len(c.Edges), size)
		}
		if c.PageInfo.HasPreviousPage != (page > 0) {
			t.Errorf("page %d: hasPreviousPage %v", page, c.PageInfo.HasPreviousPage)
		}
		all = append(all, c.slugs()...)
		if !c.PageInfo.HasNextPage {
			if len(all) != c.TotalCount {
				t.Errorf("walked %d items, totalCount says %d", len(all), c.TotalCount)
			}
			return all
		}
		if c.PageInfo.EndCursor == nil || *c.PageInfo.EndCursor != c.Edges[len(c.Edges)-1].Cursor {
			t.Fatalf("page %d: endCursor %v is not the last edge's cursor", page, c.PageInfo.EndCursor)
		}
		after = *c.PageInfo.EndCursor
	}
}

func TestWalkEveryPage(t *testing.T) {
	p := newPortal(t, true)
	bulk(t, p, 60)
	pick := func(path ...string) func(any) conn {
		return func(data any) conn {
			raw := data.([]byte)
			return decodePath(t, raw, path...)
		}
	}
	tests := []struct {
		name  string
		query string
		path  []string
		want  int
	}{
		{"news newest first", `query($first: Int, $after: String) { news(first: $first, after: $after) { ` + connFields + ` } }`, []string{"news"}, 62},
		{"news oldest first", `query($first: Int, $after: String) { news(first: $first, after: $after, orderBy: PUBLISHED_AT_ASC) { ` + connFields + ` } }`, []string{"news"}, 62},
		{"news of a topic", `query($first: Int, $after: String) { news(first: $first, after: $after, filter: {topic: "bulk"}) { ` + connFields + ` } }`, []string{"news"}, 60},
		{"projects latest first", `query($first: Int, $after: String) { projects(first: $first, after: $after) { ` + connFields + ` } }`, []string{"projects"}, 30},
		{"projects earliest first", `query($first: Int, $after: String) { projects(first: $first, after: $after, orderBy: START_DATE_ASC) { ` + connFields + ` } }`, []string{"projects"}, 30},
		{"partners", `query($first: Int, $after: String) { partners(first: $first, after: $after) { ` + connFields + ` } }`, []string{"partners"}, 34},
		{"a partner's news", `query($first: Int, $after: String) { partner(slug: "bulk-partner-003") { news(first: $first, after: $after) { ` + connFields + ` } } }`, []string{"partner", "news"}, 8},
		{"a partner's projects", `query($first: Int, $after: String) { partner(slug: "bulk-partner-003") { projects(first: $first, after: $after) { ` + connFields + ` } } }`, []string{"partner", "projects"}, 4},
		{"a project's news", `query($first: Int, $after: String) { project(slug: "bulk-project-004") { news(first: $first, after: $after) { ` + connFields + ` } } }`, []string{"project", "news"}, 3},
	}
	for _, tt := range tests {
		for _, size := range []int{1, 3, 7, 100} {
			t.Run(fmt.Sprintf("%s by %d", tt.name, size), func(t *testing.T) {
				got := walk(t, p, tt.query, pick(tt.path...), size)
				seen := map[string]bool{}
				for _, s := range got {
					if seen[s] {
						t.Errorf("%s appears twice", s)
					}
					seen[s] = true
				}
				if len(got) != tt.want {
					t.Errorf("walked %d items, want %d", len(got), tt.want)
				}
			})
		}
	}
}

// A cursor stays valid when items are added: the next page goes on after the same item.
func TestCursorSurvivesInserts(t *testing.T) {
	p := newPortal(t, false)
	bulk(t, p, 20)
	var first struct{ News conn }
	p.data(`{ news(first: 5) { `+connFields+` } }`, nil, &first)
	var before struct{ News conn }
	p.data(`query($a: String) { news(first: 5, after: $a) { `+connFields+` } }`, map[string]any{"a": first.News.PageInfo.EndCursor}, &before)
	// Newer and older items arrive.
	mustImport(t, p, `{"news":[{"slug":"newer","title":{"sr":"","en":"Newer"},"summary":{"sr":"","en":""},"body":{"sr":"","en":""},"publishedAt":"2026-01-01T00:00:00Z","updatedAt":null,"topics":[],"projects":[],"partners":[]},
		{"slug":"older","title":{"sr":"","en":"Older"},"summary":{"sr":"","en":""},"body":{"sr":"","en":""},"publishedAt":"2001-01-01T00:00:00Z","updatedAt":null,"topics":[],"projects":[],"partners":[]}]}`)
	var after struct{ News conn }
	p.data(`query($a: String) { news(first: 5, after: $a) { `+connFields+` } }`, map[string]any{"a": first.News.PageInfo.EndCursor}, &after)
	if fmt.Sprint(before.News.slugs()) != fmt.Sprint(after.News.slugs()) {
		t.Errorf("the page after a cursor changed when items were added: %v, then %v", before.News.slugs(), after.News.slugs())
	}
	if after.News.TotalCount != 22 {
		t.Errorf("totalCount %d, want 22", after.News.TotalCount)
	}
}

func TestBadCursorsAndPageSizes(t *testing.T) {
	p := newPortal(t, true)
	var projects struct{ Projects conn }
	p.data(`{ projects(first: 1) { `+connFields+` } }`, nil, &projects)
	tests := []struct {
		name, query string
		vars        map[string]any
		code        string
	}{
		{"first above 100", `{ news(first: 101) { totalCount } }`, nil, "BAD_USER_INPUT"},
		{"first negative", `{ partners(first: -1) { totalCount } }`, nil, "BAD_USER_INPUT"},
		{"nested first above 100", `{ partner(slug: "iom") { news(first: 500) { totalCount } } }`, nil, "BAD_USER_INPUT"},
		{"search first above 100", `{ search(query: "azil", first: 1000) { totalCount } }`, nil, "BAD_USER_INPUT"},
		{"garbage cursor", `{ news(after: "%%%") { totalCount } }`, nil, "BAD_USER_INPUT"},
		{"cursor of another list", `query($a: String) { news(after: $a) { totalCount } }`, map[string]any{"a": projects.Projects.Edges[0].Cursor}, "BAD_USER_INPUT"},
		{"cursor of another order", `query($a: String) { projects(after: $a, orderBy: START_DATE_ASC) { totalCount } }`, map[string]any{"a": projects.Projects.Edges[0].Cursor}, "BAD_USER_INPUT"},
		{"bad date", `{ news(filter: {from: "2021-13-45"}) { totalCount } }`, nil, "BAD_USER_INPUT"},
		{"bad date variable", `query($d: Date) { projects(filter: {activeOn: $d}) { totalCount } }`, map[string]any{"d": "yesterday"}, "BAD_USER_INPUT"},
		{"bad enum", `{ projects(filter: {status: [FINISHED]}) { totalCount } }`, nil, "BAD_USER_INPUT"},
		{"unknown field", `{ news { nope } }`, nil, "BAD_USER_INPUT"},
		{"syntax error", `{ news { `, nil, "BAD_USER_INPUT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := p.query(tt.query, tt.vars)
			if r.code() != tt.code {
				t.Errorf("got %s, want code %s", r.body, tt.code)
			}
			if r.status >= 500 {
				t.Errorf("status %d", r.status)
			}
		})
	}
	// first: 0 is allowed and gives the count alone.
	var zero struct{ News conn }
	p.data(`{ news(first: 0) { `+connFields+` } }`, nil, &zero)
	if len(zero.News.Edges) != 0 || zero.News.TotalCount != 2 || !zero.News.PageInfo.HasNextPage {
		t.Errorf("first 0: %+v", zero.News)
	}
}
