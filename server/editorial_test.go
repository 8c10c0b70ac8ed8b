package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/agency/portal/server"
	"github.com/agency/portal/store"
)

const (
	adminEmail    = "admin@example.gov.rs"
	adminPassword = "a long admin passphrase"
)

// editors is a portal with the demo content, an editor and an admin, both signed in.
type editors struct {
	*portal
	editor, admin *http.Cookie
}

func newEditors(t *testing.T) *editors {
	t.Helper()
	p := newAuthPortal(t, server.Config{})
	if _, err := p.store.LoadDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	return signInEditors(t, p)
}

// signInEditors adds an admin to a portal that has the editor's account, and signs both in.
func signInEditors(t *testing.T, p *portal) *editors {
	t.Helper()
	if _, err := p.store.CreateUser(context.Background(), adminEmail, adminPassword, store.RoleAdmin); err != nil {
		t.Fatal(err)
	}
	e := &editors{portal: p, editor: p.login()}
	r, cookies, _ := p.send(loginCall(adminEmail, adminPassword))
	if len(r.Errors) > 0 || len(cookies) != 1 {
		t.Fatalf("admin login: %s", r.body)
	}
	e.admin = cookies[0]
	return e
}

// as sends a query with a session cookie (nil: signed out) and decodes data into out
// when it is not nil and there is no error.
func (e *editors) as(cookie *http.Cookie, q string, vars map[string]any, out any) *response {
	e.t.Helper()
	c := call{query: q, vars: vars}
	if cookie != nil {
		c.cookies = []*http.Cookie{cookie}
	}
	r, _, _ := e.send(c)
	if out != nil && len(r.Errors) == 0 {
		if err := json.Unmarshal(r.Data, out); err != nil {
			e.t.Fatalf("decode %s: %v", r.Data, err)
		}
	}
	return r
}

// ok is as, failing the test on any error.
func (e *editors) ok(cookie *http.Cookie, q string, vars map[string]any, out any) {
	e.t.Helper()
	if r := e.as(cookie, q, vars, out); r.status != 200 || len(r.Errors) > 0 {
		e.t.Fatalf("status %d, body %s\nquery: %s", r.status, r.body, q)
	}
}

type editorial struct {
	State     string
	Version   int
	PublishAt *string
	ChangedBy *string
}

type sourceResult struct {
	ID        string
	Slug      string
	Label     string
	Editorial editorial
}

const sourceFields = `id slug label editorial { state version publishAt changedBy }`

const createNews = `mutation($in: NewsInput!) { createNewsItem(input: $in) { ` + sourceFields + ` } }`

// createDraft creates a news item and returns it.
func (e *editors) createDraft(in map[string]any) sourceResult {
	e.t.Helper()
	var out struct{ CreateNewsItem sourceResult }
	e.ok(e.editor, createNews, map[string]any{"in": in}, &out)
	return out.CreateNewsItem
}

// publicView is what the public sees of a news item: by slug, by node, in search, in the list.
type publicView struct {
	bySlug, byNode bool
	searchHits     int
	listed         int
}

func (e *editors) public(slug, id, word string) publicView {
	e.t.Helper()
	var out struct {
		NewsItem *struct{ Slug string }
		Node     *struct{ ID string }
		Search   struct{ TotalCount int }
		News     struct{ TotalCount int }
	}
	e.ok(nil, `query($slug: String!, $id: ID!, $word: String!) {
		newsItem(slug: $slug) { slug } node(id: $id) { id }
		search(query: $word) { totalCount } news(first: 0) { totalCount } }`,
		map[string]any{"slug": slug, "id": id, "word": word}, &out)
	return publicView{bySlug: out.NewsItem != nil, byNode: out.Node != nil, searchHits: out.Search.TotalCount, listed: out.News.TotalCount}
}

func TestNewsLifecycle(t *testing.T) {
	e := newEditors(t)
	before := e.public("x", "TmV3c0l0ZW06MQ", "x")

	item := e.createDraft(map[string]any{
		"title":   map[string]any{"sr": "Ђурђевдански сусрет у Суботици"},
		"summary": map[string]any{"sr": "Кратко о сусрету."},
		"body":    map[string]any{"sr": "Текст **вести**."},
		"topics":  []string{"asylum"},
	})
	if item.Slug != "djurdjevdanski-susret-u-subotici" || item.Editorial.State != "DRAFT" || item.Editorial.Version != 1 ||
		item.Editorial.ChangedBy == nil || *item.Editorial.ChangedBy != editorEmail || item.Editorial.PublishAt != nil {
		t.Fatalf("created: %+v", item)
	}
	hidden := publicView{listed: before.listed}
	if got := e.public(item.Slug, item.ID, "djurdjevdanski"); got != hidden {
		t.Fatalf("a draft is public: %+v", got)
	}

	// Editors see it and its preview, in Latin.
	var src struct {
		Source struct {
			Preview struct{ Title, Locale string }
			Topics  []string
		}
	}
	e.ok(e.editor, `query($id: ID!) { source(id: $id) { ... on NewsSource { topics preview(locale: SR_LATN) { title locale } } } }`,
		map[string]any{"id": item.ID}, &src)
	if src.Source.Preview.Title != "Đurđevdanski susret u Subotici" || len(src.Source.Topics) != 1 {
		t.Fatalf("preview: %+v", src)
	}

	// Publish: everyone sees it, in every way.
	var pub struct{ Publish sourceResult }
	e.ok(e.editor, `mutation($id: ID!) { publish(id: $id, version: 1) { `+sourceFields+` } }`, map[string]any{"id": item.ID}, &pub)
	if pub.Publish.Editorial.State != "PUBLISHED" || pub.Publish.Editorial.Version != 2 {
		t.Fatalf("published: %+v", pub.Publish)
	}
	shown := publicView{bySlug: true, byNode: true, searchHits: 1, listed: before.listed + 1}
	if got := e.public(item.Slug, item.ID, "ĐURĐEVDANSKI"); got != shown {
		t.Fatalf("after publishing: %+v, want %+v", got, shown)
	}

	// A stale version is a conflict and changes nothing.
	update := `mutation($id: ID!, $v: Int!, $in: NewsInput!) { updateNewsItem(id: $id, version: $v, input: $in) { ` + sourceFields + ` } }`
	in := map[string]any{"slug": item.Slug, "title": map[string]any{"sr": "Ђурђевдански сусрет у Суботици 2026"}, "topics": []string{"asylum"},
		"summary": map[string]any{"sr": "Кратко о сусрету."}, "body": map[string]any{"sr": "Текст **вести**."}}
	r := e.as(e.admin, update, map[string]any{"id": item.ID, "v": 1, "in": in}, nil)
	if r.code() != "CONFLICT" || r.Errors[0].Extensions["currentVersion"] != float64(2) {
		t.Fatalf("stale update: %s", r.body)
	}
	var upd struct{ UpdateNewsItem sourceResult }
	e.ok(e.admin, update, map[string]any{"id": item.ID, "v": 2, "in": in}, &upd)
	if upd.UpdateNewsItem.Editorial.Version != 3 || *upd.UpdateNewsItem.Editorial.ChangedBy != adminEmail || upd.UpdateNewsItem.Slug != item.Slug {
		t.Fatalf("updated: %+v", upd.UpdateNewsItem)
	}
	var pubItem struct {
		NewsItem struct{ Title, RevisedAt *string }
	}
	e.ok(nil, `query($s: String!) { newsItem(slug: $s, locale: SR_LATN) { title revisedAt } }`, map[string]any{"s": item.Slug}, &pubItem)
	if *pubItem.NewsItem.Title != "Đurđevdanski susret u Subotici 2026" || pubItem.NewsItem.RevisedAt == nil {
		t.Fatalf("public after update: %+v", pubItem)
	}

	// Unpublish hides it again, search included.
	e.ok(e.editor, `mutation($id: ID!) { unpublish(id: $id, version: 3) { id } }`, map[string]any{"id": item.ID}, nil)
	if got := e.public(item.Slug, item.ID, "djurdjevdanski"); got != hidden {
		t.Fatalf("after unpublishing: %+v", got)
	}

	// Delete: gone from the editors' default list, listed under DELETED; only an admin restores.
	e.ok(e.editor, `mutation($id: ID!) { deleteItem(id: $id, version: 4) { id } }`, map[string]any{"id": item.ID}, nil)
	lists := func(states string) []string {
		var out struct {
			Sources struct{ Edges []struct{ Node sourceResult } }
		}
		e.ok(e.editor, `{ sources(kind: NEWS, first: 100`+states+`) { edges { node { `+sourceFields+` } } } }`, nil, &out)
		var slugs []string
		for _, ed := range out.Sources.Edges {
			slugs = append(slugs, ed.Node.Slug)
		}
		return slugs
	}
	if got := strings.Join(lists(""), " "); strings.Contains(got, item.Slug) {
		t.Errorf("a deleted item in the default list: %s", got)
	}
	if got := lists(", filter: { states: [DELETED] }"); len(got) != 1 || got[0] != item.Slug {
		t.Errorf("deleted list: %v", got)
	}
	restore := `mutation($id: ID!) { restoreItem(id: $id, version: 5) { ` + sourceFields + ` } }`
	if r := e.as(e.editor, restore, map[string]any{"id": item.ID}, nil); r.code() != "FORBIDDEN" {
		t.Errorf("an editor restored: %s", r.body)
	}
	var restored struct{ RestoreItem sourceResult }
	e.ok(e.admin, restore, map[string]any{"id": item.ID}, &restored)
	if restored.RestoreItem.Editorial.State != "DRAFT" {
		t.Errorf("restored: %+v", restored.RestoreItem)
	}

	// The audit log tells the story, newest first; editors cannot read it.
	var audit struct {
		AuditLog struct {
			Edges []struct {
				Node struct {
					Action string
					User   *string
					Fields []string
				}
			}
		}
	}
	e.ok(e.admin, `query($id: ID!) { auditLog(item: $id) { edges { node { action user fields } } } }`, map[string]any{"id": item.ID}, &audit)
	var actions []string
	for _, ed := range audit.AuditLog.Edges {
		actions = append(actions, ed.Node.Action)
	}
	if got := strings.Join(actions, " "); got != "RESTORE DELETE UNPUBLISH UPDATE PUBLISH CREATE" {
		t.Errorf("audit: %s", got)
	}
	if f := audit.AuditLog.Edges[3].Node.Fields; len(f) != 1 || f[0] != "title" {
		t.Errorf("update fields: %v", f)
	}
	if r := e.as(e.editor, `{ auditLog { edges { cursor } } }`, nil, nil); r.code() != "FORBIDDEN" {
		t.Errorf("an editor read the audit log: %s", r.body)
	}
}

func TestScheduledPublication(t *testing.T) {
	e := newEditors(t)
	now := time.Now().UTC().Truncate(time.Second)
	clock := now
	e.store.SetClock(func() time.Time { return clock })
	before := e.public("x", "TmV3c0l0ZW06MQ", "x")

	item := e.createDraft(map[string]any{"title": map[string]any{"en": "Quarterly zebra report"}})
	at := now.Add(30 * time.Minute).Format(time.RFC3339)
	var sched struct{ Schedule sourceResult }
	e.ok(e.editor, `mutation($id: ID!, $at: DateTime!) { schedule(id: $id, version: 1, at: $at) { `+sourceFields+` } }`,
		map[string]any{"id": item.ID, "at": at}, &sched)
	if sched.Schedule.Editorial.State != "SCHEDULED" || sched.Schedule.Editorial.PublishAt == nil || *sched.Schedule.Editorial.PublishAt != at {
		t.Fatalf("scheduled: %+v", sched.Schedule)
	}
	if _, err := e.store.IndexDue(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := e.public(item.Slug, item.ID, "zebra"); got != (publicView{listed: before.listed}) {
		t.Fatalf("public before its time: %+v", got)
	}

	clock = now.Add(31 * time.Minute)
	// Lists, counts, the item and node compare times themselves: public at once.
	if got := e.public(item.Slug, item.ID, "nothing-indexed-yet"); !got.bySlug || !got.byNode || got.listed != before.listed+1 {
		t.Fatalf("public after its time: %+v", got)
	}
	// Search follows when the publisher indexes it.
	next, err := e.store.IndexDue(context.Background())
	if err != nil || !next.IsZero() {
		t.Fatalf("IndexDue: next %v, err %v", next, err)
	}
	if got := e.public(item.Slug, item.ID, "zebra"); got.searchHits != 1 {
		t.Fatalf("not found after its time: %+v", got)
	}

	// Scheduling in the past is refused: that is publishing.
	r := e.as(e.editor, `mutation($id: ID!, $at: DateTime!) { schedule(id: $id, version: 2, at: $at) { id } }`,
		map[string]any{"id": item.ID, "at": now.Format(time.RFC3339)}, nil)
	if r.code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "at" {
		t.Errorf("schedule in the past: %s", r.body)
	}
}

// The publisher indexes a scheduled item on time, with the real clock and no restart.
func TestPublisherRunsOnTime(t *testing.T) {
	e := newEditors(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go e.store.RunPublisher(ctx)

	item := e.createDraft(map[string]any{"title": map[string]any{"en": "Punctual okapi notice"}})
	at := time.Now().Add(2 * time.Second).UTC().Format(time.RFC3339)
	e.ok(e.editor, `mutation($id: ID!, $at: DateTime!) { schedule(id: $id, version: 1, at: $at) { id } }`,
		map[string]any{"id": item.ID, "at": at}, nil)
	if got := e.public(item.Slug, item.ID, "okapi"); got.searchHits != 0 {
		t.Fatal("found before its time")
	}
	deadline := time.Now().Add(10 * time.Second)
	for e.public(item.Slug, item.ID, "okapi").searchHits != 1 {
		if time.Now().After(deadline) {
			t.Fatal("a scheduled item was not searchable 8 s after its time")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func TestEditorialRefusals(t *testing.T) {
	e := newEditors(t)
	var taken struct{ CreateNewsItem sourceResult }
	e.ok(e.editor, createNews, map[string]any{"in": map[string]any{"slug": "taken", "title": map[string]any{"en": "Taken"}}}, &taken)

	project := func(extra map[string]any) map[string]any {
		in := map[string]any{"title": map[string]any{"sr": "Пројекат"}, "status": "ONGOING"}
		for k, v := range extra {
			in[k] = v
		}
		return map[string]any{"in": in}
	}
	news := func(extra map[string]any) map[string]any {
		in := map[string]any{"title": map[string]any{"sr": "Вест"}}
		for k, v := range extra {
			in[k] = v
		}
		return map[string]any{"in": in}
	}
	createProject := `mutation($in: ProjectInput!) { createProject(input: $in) { id } }`
	createPartner := `mutation($in: PartnerInput!) { createPartner(input: $in) { id } }`
	body := func(md string) map[string]any { return map[string]any{"body": map[string]any{"sr": md}} }

	tests := []struct {
		name   string
		cookie *http.Cookie
		query  string
		vars   map[string]any
		code   string
		field  string
	}{
		{"signed out", nil, createNews, news(nil), "UNAUTHENTICATED", ""},
		{"an editor creating a user", e.editor, `mutation { createUser(email: "x@example.org", password: "twelve chars long", role: EDITOR) { id } }`, nil, "FORBIDDEN", ""},
		{"an editor listing users", e.editor, `{ users { email } }`, nil, "FORBIDDEN", ""},
		{"signed out listing drafts", nil, `{ sources(kind: NEWS) { totalCount } }`, nil, "UNAUTHENTICATED", ""},
		{"signed out reading one", nil, `query($id: ID!) { source(id: $id) { id } }`, map[string]any{"id": taken.CreateNewsItem.ID}, "UNAUTHENTICATED", ""},
		{"no title", e.editor, createNews, map[string]any{"in": map[string]any{"title": map[string]any{"sr": "  ", "en": ""}}}, "BAD_USER_INPUT", "title"},
		{"a bad slug", e.editor, createNews, news(map[string]any{"slug": "Not A Slug"}), "BAD_USER_INPUT", "slug"},
		{"a taken slug", e.editor, createNews, news(map[string]any{"slug": "taken"}), "BAD_USER_INPUT", "slug"},
		{"an unknown topic", e.editor, createNews, news(map[string]any{"topics": []string{"no-such-topic"}}), "BAD_USER_INPUT", "topics"},
		{"an unknown project", e.editor, createNews, news(map[string]any{"projects": []string{"no-such-project"}}), "BAD_USER_INPUT", "projects"},
		{"an image from elsewhere", e.editor, createNews, news(body("![a map](https://example.org/map.png)")), "BAD_USER_INPUT", "body.sr"},
		{"an image without alt", e.editor, createNews, news(body("![](/media/0123456789abcdef.jpg)")), "BAD_USER_INPUT", "body.sr"},
		{"a cover without alt", e.editor, createNews, news(map[string]any{"cover": map[string]any{"name": "0123456789abcdef", "alt": map[string]any{}}}), "BAD_USER_INPUT", "cover.alt"},
		{"a cover never uploaded", e.editor, createNews, news(map[string]any{"cover": map[string]any{"name": "0123456789abcdef", "alt": map[string]any{"en": "A map"}}}), "BAD_USER_INPUT", "cover.name"},
		{"a title too long", e.editor, createNews, map[string]any{"in": map[string]any{"title": map[string]any{"en": strings.Repeat("a", 301)}}}, "BAD_USER_INPUT", "title.en"},
		{"not a currency", e.editor, createProject, project(map[string]any{"budget": map[string]any{"amount": "100", "currency": "EUX"}}), "BAD_USER_INPUT", "budget.currency"},
		{"a lower-case currency", e.editor, createProject, project(map[string]any{"budget": map[string]any{"amount": "100", "currency": "eur"}}), "BAD_USER_INPUT", "budget.currency"},
		{"end before start", e.editor, createProject, project(map[string]any{"startDate": "2024-05-01", "endDate": "2024-04-30"}), "BAD_USER_INPUT", "endDate"},
		{"a javascript: url", e.editor, createProject, project(map[string]any{"url": "javascript:alert(1)"}), "BAD_USER_INPUT", "url"},
		{"a data: url", e.editor, createProject, project(map[string]any{"url": "data:text/html,<script>alert(1)</script>"}), "BAD_USER_INPUT", "url"},
		{"an unknown funder", e.editor, createProject, project(map[string]any{"funders": []string{"nobody"}}), "BAD_USER_INPUT", "funders"},
		{"an unknown cooperating partner", e.editor, createProject, project(map[string]any{"cooperatingPartners": []string{"nobody"}}), "BAD_USER_INPUT", "cooperatingPartners"},
		{"an empty list entry", e.editor, createProject, project(map[string]any{"locations": map[string]any{"sr": []string{"Суботица", " "}}}), "BAD_USER_INPUT", "locations"},
		{"an ftp website", e.editor, createPartner, map[string]any{"in": map[string]any{"name": map[string]any{"en": "X"}, "kind": "NGO", "website": "ftp://example.org"}}, "BAD_USER_INPUT", "website"},
		{"a partner without a name", e.editor, createPartner, map[string]any{"in": map[string]any{"name": map[string]any{}, "kind": "NGO"}}, "BAD_USER_INPUT", "name"},
		{"a stale version", e.editor, `mutation($id: ID!) { publish(id: $id, version: 7) { id } }`, map[string]any{"id": taken.CreateNewsItem.ID}, "CONFLICT", ""},
		{"a malformed id", e.editor, `mutation { publish(id: "nonsense", version: 1) { id } }`, nil, "BAD_USER_INPUT", "id"},
		{"an unknown id", e.editor, `mutation { publish(id: "TmV3c0l0ZW06OTk5OQ", version: 1) { id } }`, nil, "NOT_FOUND", ""},
	}
	countRows := func() int {
		var n int
		for _, table := range []string{"news", "projects", "partners", "audit"} {
			var c struct{ Sources struct{ TotalCount int } }
			if table == "audit" {
				var a struct {
					AuditLog struct{ Edges []struct{ Cursor string } }
				}
				e.ok(e.admin, `{ auditLog(first: 100) { edges { cursor } } }`, nil, &a)
				n += len(a.AuditLog.Edges)
				continue
			}
			kind := map[string]string{"news": "NEWS", "projects": "PROJECT", "partners": "PARTNER"}[table]
			e.ok(e.admin, `{ sources(kind: `+kind+`, filter: { states: [DRAFT, SCHEDULED, PUBLISHED, DELETED] }) { totalCount } }`, nil, &c)
			n += c.Sources.TotalCount
		}
		return n
	}
	rows := countRows()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.as(tt.cookie, tt.query, tt.vars, nil)
			if r.code() != tt.code {
				t.Fatalf("code %q, want %q: %s", r.code(), tt.code, r.body)
			}
			if field, _ := r.Errors[0].Extensions["field"].(string); field != tt.field {
				t.Errorf("field %q, want %q: %s", field, tt.field, r.body)
			}
			for _, bad := range []string{"SQL", "sqlite", "constraint", ".go:", "/work/"} {
				if strings.Contains(r.body, bad) {
					t.Errorf("the error shows %q: %s", bad, r.body)
				}
			}
			if n := countRows(); n != rows {
				t.Errorf("a refusal wrote something: %d rows, then %d", rows, n)
			}
		})
	}
}

// Mutations from another site are refused before they run, the editors' included.
func TestEditorialMutationsFromOtherSites(t *testing.T) {
	e := newEditors(t)
	for _, h := range []map[string]string{{"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"}} {
		r, _, _ := e.send(call{query: createNews, vars: news1(), header: h, cookies: []*http.Cookie{e.editor}})
		if r.status != http.StatusForbidden || r.code() != "FORBIDDEN" {
			t.Errorf("%v: status %d, %s", h, r.status, r.body)
		}
	}
	var out struct{ Sources struct{ TotalCount int } }
	e.ok(e.editor, `{ sources(kind: NEWS, filter: { states: [DRAFT] }) { totalCount } }`, nil, &out)
	if out.Sources.TotalCount != 0 {
		t.Errorf("a cross-site mutation wrote %d drafts", out.Sources.TotalCount)
	}
}

func news1() map[string]any {
	return map[string]any{"in": map[string]any{"title": map[string]any{"sr": "Вест"}}}
}

func TestSlugsAndProjects(t *testing.T) {
	e := newEditors(t)
	a := e.createDraft(map[string]any{"title": map[string]any{"sr": "Сарадња са Мађарском"}})
	b := e.createDraft(map[string]any{"title": map[string]any{"sr": "Saradnja sa Mađarskom"}})
	if a.Slug != "saradnja-sa-madjarskom" || b.Slug != "saradnja-sa-madjarskom-2" {
		t.Errorf("slugs %q, %q", a.Slug, b.Slug)
	}
	var suggested struct{ SuggestSlug string }
	e.ok(e.editor, `query($id: ID) { suggestSlug(kind: NEWS, title: "Сарадња са Мађарском", id: $id) }`, map[string]any{"id": a.ID}, &suggested)
	if suggested.SuggestSlug != "saradnja-sa-madjarskom" {
		t.Errorf("suggestion for the item itself: %q", suggested.SuggestSlug)
	}

	// A project with every kind of field, and its funder's public page after publishing.
	var created struct {
		CreateProject struct {
			ID            string
			Slug          string
			Budget        struct{ Amount, Currency string }
			Funders       []string
			Locations     struct{ Sr []string }
			DatePrecision string
			Editorial     editorial
		}
	}
	e.ok(e.editor, `mutation($in: ProjectInput!) { createProject(input: $in) { id slug budget { amount currency } funders locations { sr } datePrecision editorial { version } } }`,
		map[string]any{"in": map[string]any{
			"title": map[string]any{"sr": "Помоћ општинама", "en": "Help for municipalities"}, "status": "PLANNED",
			"startDate": "2027-01-01", "endDate": "2027-12-31", "datePrecision": "MONTH",
			"budget": map[string]any{"amount": "120000.50", "currency": "EUR"}, "funders": []string{"eu"},
			"areas": []string{"asylum"}, "locations": map[string]any{"sr": []string{"Суботица"}}, "url": "https://example.org/p",
		}}, &created)
	p := created.CreateProject
	if p.Slug != "pomoc-opstinama" || p.Budget.Amount != "120000.50" || len(p.Funders) != 1 || p.DatePrecision != "MONTH" || len(p.Locations.Sr) != 1 {
		t.Fatalf("project: %+v", p)
	}
	funded := func() int {
		var out struct {
			Partner struct{ Projects struct{ TotalCount int } }
		}
		e.ok(nil, `{ partner(slug: "eu") { projects(role: FUNDER) { totalCount } } }`, nil, &out)
		return out.Partner.Projects.TotalCount
	}
	n := funded()
	e.ok(e.editor, `mutation($id: ID!) { publish(id: $id, version: 1) { id } }`, map[string]any{"id": p.ID}, nil)
	if got := funded(); got != n+1 {
		t.Errorf("the funder's projects: %d, then %d", n, got)
	}
}

func TestUsersByAdmins(t *testing.T) {
	e := newEditors(t)
	var created struct {
		CreateUser struct{ ID, Email, Role string }
	}
	e.ok(e.admin, `mutation { createUser(email: "New.Editor@Example.gov.rs", password: "a fine long password", role: EDITOR) { id email role } }`, nil, &created)
	if created.CreateUser.Email != "new.editor@example.gov.rs" {
		t.Fatalf("created: %+v", created)
	}
	r, cookies, _ := e.send(loginCall("new.editor@example.gov.rs", "a fine long password"))
	if len(r.Errors) > 0 {
		t.Fatal(r.body)
	}
	if e.me(cookies[0]) == "" {
		t.Fatal("the new editor is not signed in")
	}
	var disabled struct{ UpdateUser struct{ DisabledAt *string } }
	e.ok(e.admin, `mutation($id: ID!) { updateUser(id: $id, disabled: true) { disabledAt } }`, map[string]any{"id": created.CreateUser.ID}, &disabled)
	if disabled.UpdateUser.DisabledAt == nil || e.me(cookies[0]) != "" {
		t.Error("a disabled account is still signed in")
	}
	var me struct{ Me struct{ ID string } }
	e.ok(e.admin, `{ me { id } }`, nil, &me)
	if r := e.as(e.admin, `mutation($id: ID!) { updateUser(id: $id, role: EDITOR) { id } }`, map[string]any{"id": me.Me.ID}, nil); r.code() != "BAD_USER_INPUT" {
		t.Errorf("an admin demoted themselves: %s", r.body)
	}
	var users struct{ Users []struct{ Email string } }
	e.ok(e.admin, `{ users { email } }`, nil, &users)
	if len(users.Users) != 3 {
		t.Errorf("users: %+v", users)
	}
}

// Editors' Markdown comes out harmless through the API (richtext has the full list).
func TestEditorMarkdownIsSanitised(t *testing.T) {
	e := newEditors(t)
	for _, md := range []string{
		`<script>alert(1)</script>`, `<img src=x onerror=alert(1)>`, `[x](javascript:alert(1))`,
		`<svg onload=alert(1)>`, `[x](data:text/html;base64,PHNjcmlwdD4=)`, `<a href="jav&#x09;ascript:alert(1)">x</a>`,
	} {
		var out struct{ RenderMarkdown string }
		e.ok(e.editor, `query($md: String!) { renderMarkdown(markdown: $md) }`, map[string]any{"md": md}, &out)
		low := strings.ToLower(out.RenderMarkdown)
		for _, bad := range []string{"<script", "onerror", "onload", "javascript:", "data:", "<svg"} {
			if strings.Contains(low, bad) {
				t.Errorf("%q rendered as %q", md, out.RenderMarkdown)
			}
		}
	}
}

// A draft's page is a 404 with no title of its own; published, it is a page.
func TestDraftPagesAreNotFound(t *testing.T) {
	p := newSitePortal(t, fixtureSite(), "")
	ctx := context.Background()
	u, err := p.store.CreateUser(ctx, editorEmail, editorPassword, store.RoleEditor)
	if err != nil {
		t.Fatal(err)
	}
	src, err := p.store.CreateNewsItem(ctx, u, store.NewsInput{Title: store.Localized{Sr: "Тајна вест"}})
	if err != nil {
		t.Fatal(err)
	}
	page := "/sr-latn/news/" + src.Slug()
	if rec := siteGet(p.handler, "GET", page); rec.Code != http.StatusNotFound || strings.Contains(rec.Body.String(), "Tajna") {
		t.Fatalf("a draft's page: %d %s", rec.Code, rec.Body.String())
	}
	if _, err := p.store.ChangeState(ctx, u, src.GlobalID(), 1, store.Transition{Action: store.ActionPublish}); err != nil {
		t.Fatal(err)
	}
	if rec := siteGet(p.handler, "GET", page); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Tajna vest") {
		t.Fatalf("a published page: %d %s", rec.Code, rec.Body.String())
	}
}
