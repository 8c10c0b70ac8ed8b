package server_test

import (
	"slices"
	"testing"
	"time"
)

// syncState is what a partner's sync sees: the slugs updatedSince lists per kind, and the
// global IDs removedSince lists.
type syncState struct {
	news, projects, partners []string
	removed                  []string
}

const syncQuery = `query($since: DateTime!) {
	news(first: 100, orderBy: UPDATED_AT, filter: {updatedSince: $since}) { edges { node { slug updatedAt publishedAt } } }
	projects(first: 100, orderBy: UPDATED_AT, filter: {updatedSince: $since}) { edges { node { slug updatedAt } } }
	partners(first: 100, orderBy: UPDATED_AT, filter: {updatedSince: $since}) { edges { node { slug updatedAt } } }
	removedSince(since: $since, first: 100) { totalCount edges { node { itemId kind removedAt } } }
}`

type syncEdges struct {
	Edges []struct {
		Node struct{ Slug, UpdatedAt, PublishedAt string }
	}
}

// syncSince runs a partner's sync query for changes at or after since, and checks that
// every item listed changed at or after since.
func (e *editors) syncSince(since time.Time) syncState {
	e.t.Helper()
	var out struct {
		News, Projects, Partners syncEdges
		RemovedSince             struct {
			TotalCount int
			Edges      []struct {
				Node struct{ ItemID, Kind, RemovedAt string }
			}
		}
	}
	e.ok(nil, syncQuery, map[string]any{"since": since.Format(time.RFC3339)}, &out)
	slugs := func(c syncEdges) []string {
		list := []string{}
		for _, edge := range c.Edges {
			at, err := time.Parse(time.RFC3339, edge.Node.UpdatedAt)
			if err != nil || at.Before(since) {
				e.t.Errorf("%s: updatedAt %q, asked for changes since %s", edge.Node.Slug, edge.Node.UpdatedAt, since)
			}
			list = append(list, edge.Node.Slug)
		}
		slices.Sort(list)
		return list
	}
	s := syncState{news: slugs(out.News), projects: slugs(out.Projects), partners: slugs(out.Partners), removed: []string{}}
	for _, edge := range out.RemovedSince.Edges {
		s.removed = append(s.removed, edge.Node.ItemID)
	}
	slices.Sort(s.removed)
	if out.RemovedSince.TotalCount != len(s.removed) {
		e.t.Errorf("removedSince: totalCount %d, %d edges", out.RemovedSince.TotalCount, len(s.removed))
	}
	return s
}

// demoItem is the global ID, slug and version of the first item of a public list (news, projects, partners).
func (e *editors) demoItem(list string) (id, slug string, version int) {
	e.t.Helper()
	var out map[string]struct {
		Edges []struct{ Node struct{ ID, Slug string } }
	}
	e.ok(nil, `{ `+list+`(first: 10) { edges { node { id slug } } } }`, nil, &out)
	node := out[list].Edges[0].Node
	var src struct{ Source struct{ Editorial editorial } }
	e.ok(e.editor, `query($id: ID!) { source(id: $id) { editorial { state version } } }`, map[string]any{"id": node.ID}, &src)
	return node.ID, node.Slug, src.Source.Editorial.Version
}

// After each kind of change, updatedSince lists exactly the items the public saw change
// and removedSince exactly those that left its view.
func TestSyncAfterEachChange(t *testing.T) {
	e := newEditors(t)
	start := time.Now().UTC().Truncate(time.Second)
	clock := start.Add(time.Minute)
	e.store.SetClock(func() time.Time { return clock })
	t1 := clock

	if got := e.syncSince(t1); len(got.news)+len(got.projects)+len(got.partners)+len(got.removed) != 0 {
		t.Fatalf("nothing changed since the demo was loaded, got %+v", got)
	}

	newsID, _, newsVersion := e.demoItem("news")
	projectID, _, projectVersion := e.demoItem("projects")
	partnerID, partnerSlug, partnerVersion := e.demoItem("partners")

	// A new item, published: listed from its publication on.
	fresh := e.createDraft(map[string]any{"title": map[string]any{"en": "Fresh sync item"}})
	e.ok(e.editor, `mutation($id: ID!) { publish(id: $id, version: 1) { id } }`, map[string]any{"id": fresh.ID}, nil)
	// Another, scheduled for later: not yet listed.
	later := e.createDraft(map[string]any{"title": map[string]any{"en": "Later sync item"}})
	e.ok(e.editor, `mutation($id: ID!, $at: DateTime!) { schedule(id: $id, version: 1, at: $at) { id } }`,
		map[string]any{"id": later.ID, "at": t1.Add(10 * time.Minute).Format(time.RFC3339)}, nil)
	// A demo news item unpublished, a project deleted, a partner unpublished and published again.
	e.ok(e.editor, `mutation($id: ID!, $v: Int!) { unpublish(id: $id, version: $v) { id } }`, map[string]any{"id": newsID, "v": newsVersion}, nil)
	e.ok(e.editor, `mutation($id: ID!, $v: Int!) { deleteItem(id: $id, version: $v) { id } }`, map[string]any{"id": projectID, "v": projectVersion}, nil)
	e.ok(e.editor, `mutation($id: ID!, $v: Int!) { unpublish(id: $id, version: $v) { id } }`, map[string]any{"id": partnerID, "v": partnerVersion}, nil)

	removedBoth := []string{newsID, partnerID, projectID}
	slices.Sort(removedBoth)
	checks := []struct {
		name  string
		since time.Time
		want  syncState
	}{
		{"after publish, schedule, unpublish, delete", t1,
			syncState{news: []string{fresh.Slug}, projects: []string{}, partners: []string{}, removed: removedBoth}},
	}
	for _, c := range checks {
		if got := e.syncSince(c.since); !equalSync(got, c.want) {
			t.Errorf("%s: got %+v, want %+v", c.name, got, c.want)
		}
	}

	// Later: the partner comes back, the fresh item is updated, the scheduled item's time arrives.
	clock = t1.Add(5 * time.Minute)
	t2 := clock
	e.ok(e.editor, `mutation($id: ID!, $v: Int!) { publish(id: $id, version: $v) { id } }`, map[string]any{"id": partnerID, "v": partnerVersion + 1}, nil)
	e.ok(e.editor, `mutation($id: ID!, $in: NewsInput!) { updateNewsItem(id: $id, version: 2, input: $in) { id } }`,
		map[string]any{"id": fresh.ID, "in": map[string]any{"slug": fresh.Slug, "title": map[string]any{"en": "Fresh sync item, revised"}}}, nil)
	removedNewsProject := []string{newsID, projectID}
	slices.Sort(removedNewsProject)
	checks = []struct {
		name  string
		since time.Time
		want  syncState
	}{
		{"a partner back and an update, before the scheduled time", t2,
			syncState{news: []string{fresh.Slug}, projects: []string{}, partners: []string{partnerSlug}, removed: []string{}}},
		{"everything since the first sync", t1,
			syncState{news: []string{fresh.Slug}, projects: []string{}, partners: []string{partnerSlug}, removed: removedNewsProject}},
	}
	for _, c := range checks {
		if got := e.syncSince(c.since); !equalSync(got, c.want) {
			t.Errorf("%s: got %+v, want %+v", c.name, got, c.want)
		}
	}

	clock = t1.Add(10 * time.Minute)
	t3 := clock
	if got, want := e.syncSince(t3), (syncState{news: []string{later.Slug}, projects: []string{}, partners: []string{}, removed: []string{}}); !equalSync(got, want) {
		t.Errorf("the scheduled item's time arrived: got %+v, want %+v", got, want)
	}

	// A published item whose publication is moved into the future again leaves the view.
	clock = t1.Add(15 * time.Minute)
	t4 := clock
	e.ok(e.editor, `mutation($id: ID!, $at: DateTime!) { schedule(id: $id, version: 3, at: $at) { id } }`,
		map[string]any{"id": fresh.ID, "at": t4.Add(time.Hour).Format(time.RFC3339)}, nil)
	if got, want := e.syncSince(t4), (syncState{news: []string{}, projects: []string{}, partners: []string{}, removed: []string{fresh.ID}}); !equalSync(got, want) {
		t.Errorf("rescheduled into the future: got %+v, want %+v", got, want)
	}
}

func equalSync(a, b syncState) bool {
	return slices.Equal(a.news, b.news) && slices.Equal(a.projects, b.projects) &&
		slices.Equal(a.partners, b.partners) && slices.Equal(a.removed, b.removed)
}

// Paging in the UPDATED_AT order, one item a page, through items that all changed in the same second (the
// demo content is imported at once) neither skips nor repeats an item.
func TestSyncPagingWithEqualTimes(t *testing.T) {
	p := newPortal(t, true)
	for _, list := range []string{"news", "projects", "partners"} {
		t.Run(list, func(t *testing.T) {
			var all map[string]conn
			p.data(`{ `+list+`(first: 100) { totalCount edges { node { slug } } } }`, nil, &all)
			want := []string{}
			for _, e := range all[list].Edges {
				want = append(want, e.Node.Slug)
			}
			if len(want) < 2 {
				t.Fatalf("the demo has %d %s, want at least 2", len(want), list)
			}
			var got []string
			after := ""
			for pages := 0; ; pages++ {
				if pages > len(want) {
					t.Fatalf("paging does not end: %v", got)
				}
				var out map[string]conn
				p.data(`query($after: String) { `+list+`(first: 1, after: $after, orderBy: UPDATED_AT) { edges { node { slug } } pageInfo { hasNextPage endCursor } } }`,
					map[string]any{"after": nullable(after)}, &out)
				for _, e := range out[list].Edges {
					got = append(got, e.Node.Slug)
				}
				if !out[list].PageInfo.HasNextPage {
					break
				}
				after = *out[list].PageInfo.EndCursor
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("paged by UPDATED_AT, 1 at a time: got %v, want each of %v once", got, want)
			}
		})
	}
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// An import that takes a public item back to a draft records its removal too.
func TestSyncImportRemoval(t *testing.T) {
	p := newPortal(t, false)
	item := func(draft bool) string {
		d := ""
		if draft {
			d = `"draft":true,`
		}
		return `{"news":[{` + d + `"slug":"imported","title":{"sr":"","en":"Imported"},"summary":{"sr":"","en":""},"body":{"sr":"","en":""},"publishedAt":"2024-01-02T10:00:00Z","updatedAt":null,"topics":[],"projects":[],"partners":[]}]}`
	}
	since := p.store.Now()
	mustImport(t, p, item(false))
	var out struct {
		RemovedSince conn
	}
	p.data(`query($s: DateTime!) { removedSince(since: $s) { totalCount } }`, map[string]any{"s": since.Format(time.RFC3339)}, &out)
	if out.RemovedSince.TotalCount != 0 {
		t.Fatalf("removed after a first import: %d, want 0", out.RemovedSince.TotalCount)
	}
	mustImport(t, p, item(true))
	p.data(`query($s: DateTime!) { removedSince(since: $s) { totalCount } }`, map[string]any{"s": since.Format(time.RFC3339)}, &out)
	if out.RemovedSince.TotalCount != 1 {
		t.Fatalf("removed after importing it as a draft: %d, want 1", out.RemovedSince.TotalCount)
	}
}

// removedSince pages one removal at a time without skipping or repeating one, and a cursor
// of another list or order is refused.
func TestSyncRemovalPagingAndCursors(t *testing.T) {
	e := newEditors(t)
	since := e.store.Now()
	var removed []string
	for _, list := range []string{"news", "projects", "partners"} {
		id, _, version := e.demoItem(list)
		e.ok(e.editor, `mutation($id: ID!, $v: Int!) { deleteItem(id: $id, version: $v) { id } }`, map[string]any{"id": id, "v": version}, nil)
		removed = append(removed, id)
	}
	var got []string
	after := ""
	for range removed {
		var page struct {
			RemovedSince struct {
				PageInfo struct{ EndCursor *string }
				Edges    []struct{ Node struct{ ItemID string } }
			}
		}
		e.ok(nil, `query($s: DateTime!, $after: String) { removedSince(since: $s, first: 1, after: $after) { pageInfo { endCursor } edges { node { itemId } } } }`,
			map[string]any{"s": since.Format(time.RFC3339), "after": nullable(after)}, &page)
		for _, edge := range page.RemovedSince.Edges {
			got = append(got, edge.Node.ItemID)
		}
		if page.RemovedSince.PageInfo.EndCursor != nil {
			after = *page.RemovedSince.PageInfo.EndCursor
		}
	}
	slices.Sort(got)
	slices.Sort(removed)
	if !slices.Equal(got, removed) {
		t.Errorf("removedSince one a page: got %v, want each of %v once", got, removed)
	}

	var other struct{ News conn }
	e.ok(nil, `{ news(first: 1) { pageInfo { endCursor } } }`, nil, &other)
	refusals := []struct{ name, query string }{
		{"a PUBLISHED_AT_DESC cursor in UPDATED_AT", `query($c: String) { news(orderBy: UPDATED_AT, after: $c) { totalCount } }`},
		{"a news cursor in removedSince", `query($c: String) { removedSince(since: "2000-01-01T00:00:00Z", after: $c) { totalCount } }`},
		{"a news cursor in projects by UPDATED_AT", `query($c: String) { projects(orderBy: UPDATED_AT, after: $c) { totalCount } }`},
	}
	for _, r := range refusals {
		res := e.as(nil, r.query, map[string]any{"c": *other.News.PageInfo.EndCursor}, nil)
		if res.code() != "BAD_USER_INPUT" || res.Errors[0].Extensions["field"] != "after" {
			t.Errorf("%s: %s; want BAD_USER_INPUT on field after", r.name, res.body)
		}
	}
}
