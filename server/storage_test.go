package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/agency/portal/server"
	"github.com/agency/portal/store"
	"github.com/agency/portal/store/storetest"
)

// Storage trouble through the real handler: a database that cannot grow (SQLite's
// max_page_count on the writer's connection gives real SQLITE_FULL errors), a data folder
// on a full tmpfs (full_disk_linux_test.go), and free space below the threshold.

const (
	updateNews = `mutation($id: ID!, $v: Int!, $in: NewsInput!) { updateNewsItem(id: $id, version: $v, input: $in) { ` + sourceFields + ` } }`
	publishNow = `mutation($id: ID!, $v: Int!) { publish(id: $id, version: $v) { ` + sourceFields + ` } }`
)

// bulkyBody is Markdown of about size bytes whose words are all different and all start
// with prefix: stored, it needs new pages; published, its words need new index pages.
func bulkyBody(prefix string, size int) string {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "%s%x ", prefix, i*7919)
	}
	return b.String()
}

// newsInput is a news item's whole input.
func newsInput(title, body string) map[string]any {
	return map[string]any{"title": map[string]any{"en": title}, "body": map[string]any{"en": body}, "topics": []string{"asylum"}}
}

// tally is what the portal holds, counted through the API: news items in every state as
// editors see them, the public list, search hits for two words, and audit entries.
type tally struct {
	sources, public, hitsA, hitsB, audit int
}

func (e *editors) tally(wordA, wordB string) tally {
	e.t.Helper()
	var out struct {
		Sources  struct{ TotalCount int }
		News     struct{ TotalCount int }
		A, B     struct{ TotalCount int }
		AuditLog struct{ Edges []struct{ Cursor string } }
	}
	e.ok(e.admin, `query($a: String!, $b: String!) {
		sources(kind: NEWS, first: 1, filter: { states: [DRAFT, SCHEDULED, PUBLISHED, DELETED] }) { totalCount }
		news(first: 0) { totalCount }
		a: search(query: $a) { totalCount } b: search(query: $b) { totalCount }
		auditLog(first: 100) { edges { cursor } } }`, map[string]any{"a": wordA, "b": wordB}, &out)
	return tally{out.Sources.TotalCount, out.News.TotalCount, out.A.TotalCount, out.B.TotalCount, len(out.AuditLog.Edges)}
}

// healthz asks /healthz and decodes its answer.
func healthz(t *testing.T, h http.Handler) (int, healthAnswer) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	var a healthAnswer
	if err := json.Unmarshal(rec.Body.Bytes(), &a); err != nil {
		t.Fatalf("/healthz: status %d, body is not JSON: %q", rec.Code, rec.Body.String())
	}
	return rec.Code, a
}

type healthAnswer struct {
	Status  string
	Reasons []string
}

// has tells whether one of the reasons contains all of the parts.
func (a healthAnswer) has(parts ...string) bool {
	for _, r := range a.Reasons {
		all := true
		for _, p := range parts {
			all = all && strings.Contains(r, p)
		}
		if all {
			return true
		}
	}
	return false
}

// wantUnavailable checks an answer is UNAVAILABLE with the full-storage message, and
// leaks nothing of the server.
func wantUnavailable(t *testing.T, what string, r *response) {
	t.Helper()
	if r.code() != "UNAVAILABLE" {
		t.Errorf("%s: got code %q, want UNAVAILABLE: %s", what, r.code(), r.body)
		return
	}
	if msg := r.Errors[0].Message; msg != store.ErrStorageFull.Error() {
		t.Errorf("%s: got message %q, want %q", what, msg, store.ErrStorageFull.Error())
	}
	for _, leak := range []string{"SQL", "sqlite", "INSERT", ".db", "/", "(13)"} {
		if strings.Contains(r.body, leak) {
			t.Errorf("%s: the answer shows %q: %s", what, leak, r.body)
		}
	}
}

func TestDatabaseFullIsUnavailable(t *testing.T) {
	ctx := context.Background()
	e := newEditors(t)
	// Before the disk fills: a draft with many words to publish, and a small one to update.
	big := e.createDraft(newsInput("A long report", bulkyBody("zqa", 60_000)))
	small := e.createDraft(newsInput("A short note", "Short."))
	before := e.tally("zqa0", "zqb0")
	if before.hitsA != 0 || before.sources == 0 {
		t.Fatalf("before: %+v", before)
	}

	if err := e.store.LimitGrowth(ctx, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.store.LimitGrowth(ctx, -1) })

	for _, tt := range []struct {
		name  string
		query string
		vars  map[string]any
	}{
		{"create", createNews, map[string]any{"in": newsInput("A new report", bulkyBody("zqb", 100_000))}},
		{"update", updateNews, map[string]any{"id": small.ID, "v": 1, "in": newsInput("A short note", bulkyBody("zqc", 100_000))}},
		{"publish", publishNow, map[string]any{"id": big.ID, "v": 1}},
	} {
		wantUnavailable(t, tt.name, e.as(e.editor, tt.query, tt.vars, nil))
	}
	// A session is small: logins fill the last page of sessions before one needs a new page.
	refused := 0
	for n := 0; n < 200 && refused == 0; n++ {
		r, cookies, _ := e.send(loginCall(editorEmail, editorPassword))
		switch {
		case len(r.Errors) == 0:
			continue
		case len(cookies) > 0:
			t.Errorf("a login that failed set a cookie: %v", cookies)
		}
		wantUnavailable(t, "login", r)
		refused = n + 1
	}
	if refused == 0 {
		t.Error("200 logins with a database that cannot grow all succeeded")
	}
	t.Logf("login refused after %d logins", refused)

	status, health := healthz(t, e.handler)
	if status != http.StatusServiceUnavailable || health.Status != "unavailable" || !health.has("database writes fail", "the storage is full") {
		t.Errorf("/healthz while writes fail: got %d %+v, want 503 with a reason about database writes", status, health)
	}
	if got := e.tally("zqa0", "zqb0"); got != before {
		t.Errorf("after the refused writes: got %+v, want what there was before, %+v", got, before)
	}

	// Room again: everything works, and /healthz is ok again after the first write.
	if err := e.store.LimitGrowth(ctx, -1); err != nil {
		t.Fatal(err)
	}
	e.ok(e.editor, createNews, map[string]any{"in": newsInput("A new report", bulkyBody("zqb", 100_000))}, nil)
	e.ok(e.editor, updateNews, map[string]any{"id": small.ID, "v": 1, "in": newsInput("A short note", bulkyBody("zqc", 100_000))}, nil)
	e.ok(e.editor, publishNow, map[string]any{"id": big.ID, "v": 1}, nil)
	e.login()
	if status, health := healthz(t, e.handler); status != http.StatusOK || health.Status != "ok" || len(health.Reasons) != 0 {
		t.Errorf("/healthz after writes succeed again: got %d %+v, want 200 ok", status, health)
	}
	want := tally{sources: before.sources + 1, public: before.public + 1, hitsA: 1, hitsB: 0, audit: before.audit + 3}
	if got := e.tally("zqa0", "zqb0"); got != want {
		t.Errorf("after room returned: got %+v, want %+v", got, want)
	}
}

// /healthz says when the free space of the database's or the media folder's file system
// is below the threshold; every test's threshold is far above any real free space, or 0.
func TestHealthLowFreeSpace(t *testing.T) {
	for _, tt := range []struct {
		name    string
		minFree int64
		status  int
		reasons []string
	}{
		{"no threshold", 0, http.StatusOK, nil},
		{"1 byte", 1, http.StatusOK, nil},
		{"above any disk", 1 << 60, http.StatusServiceUnavailable, []string{"low free space in the database folder", "low free space in the media folder"}},
	} {
		if storetest.Postgres() && len(tt.reasons) > 0 { // the database's disk is the database server's
			tt.reasons = tt.reasons[1:]
		}
		t.Run(tt.name, func(t *testing.T) {
			p := newMediaPortalWith(t, server.Config{MinFreeBytes: tt.minFree})
			status, a := healthz(t, p.handler)
			if status != tt.status || len(a.Reasons) != len(tt.reasons) {
				t.Fatalf("got %d %+v, want %d with %d reasons", status, a, tt.status, len(tt.reasons))
			}
			for _, want := range tt.reasons {
				if !a.has(want, "MB free, below the") {
					t.Errorf("got reasons %q, want one saying %q", a.Reasons, want)
				}
			}
			if strings.Contains(fmt.Sprint(a.Reasons), p.dir) {
				t.Errorf("a reason shows the folder's path: %q", a.Reasons)
			}
		})
	}
}
