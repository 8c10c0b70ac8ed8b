package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/agency/portal/graph"
	"github.com/agency/portal/server"
	"github.com/agency/portal/store"
	"github.com/agency/portal/store/storetest"
)

// TestTwoInstances: two portal servers on one PostgreSQL database are one site. An item
// published through one is served by the other at once; a login limit reached on one
// holds on the other; a scheduled item is published once, by whichever gets to it.
func TestTwoInstances(t *testing.T) {
	if !storetest.Postgres() {
		t.Skip("PostgreSQL only: on SQLite one server holds the database file's lock")
	}
	ctx := context.Background()
	dsn := storetest.DSN(t)
	one := newPortalAt(t, dsn, true, server.Config{Limits: graph.DefaultLimits})
	two := newPortalAt(t, dsn, false, server.Config{Limits: graph.DefaultLimits})
	if _, err := one.store.CreateUser(ctx, editorEmail, editorPassword, store.RoleEditor); err != nil {
		t.Fatal(err)
	}

	// The content generation both read is one number: what a cache on either compares.
	generation := func(p *portal) int64 {
		t.Helper()
		g, err := p.store.Generation(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
	start := generation(two)

	// Written and published through one, served by two.
	cookie := one.login()
	var created struct{ CreateNewsItem sourceResult }
	r, _, _ := one.send(call{query: createNews, cookies: []*http.Cookie{cookie}, vars: map[string]any{"in": map[string]any{
		"title": map[string]any{"en": "Two instances agree"}, "summary": map[string]any{"en": "One site."}, "body": map[string]any{"en": "Text."},
	}}})
	decode(t, r, &created)
	r, _, _ = one.send(call{query: `mutation($id: ID!) { publish(id: $id, version: 1) { id } }`, cookies: []*http.Cookie{cookie},
		vars: map[string]any{"id": created.CreateNewsItem.ID}})
	decode(t, r, nil)
	var served struct {
		NewsItem *struct{ Title string }
		Search   struct{ TotalCount int }
	}
	two.data(`{ newsItem(slug: "two-instances-agree", locale: EN) { title } search(query: "instances agree") { totalCount } }`, nil, &served)
	if served.NewsItem == nil || served.NewsItem.Title != "Two instances agree" || served.Search.TotalCount != 1 {
		t.Errorf("the other instance serves %+v, want the item published through the first, found once", served)
	}
	if got := generation(two); got != start+2 {
		t.Errorf("the other instance reads generation %d after a create and a publish on the first, want %d", got, start+2)
	}

	// Failures counted on one refuse the next attempt on two, even with the right password.
	for i := range store.MaxAccountFailuresPerNetwork {
		if r, _, _ := one.send(loginFrom(editorEmail, "wrong password here", "198.51.100.7")); r.code() != "UNAUTHENTICATED" {
			t.Fatalf("failure %d on the first instance: %s", i, r.body)
		}
	}
	if r, _, _ := two.send(loginFrom(editorEmail, editorPassword, "198.51.100.7")); r.code() != "RATE_LIMITED" {
		t.Errorf("the other instance, after the limit was reached on the first: got %s, want RATE_LIMITED", r.body)
	}

	// A scheduled item: both publishers run when its time has come; it is indexed once.
	at := time.Now().Add(time.Hour).UTC().Truncate(time.Second)
	mustImport(t, one, `{"news": [{"slug": "scheduled-for-both", "title": {"en": "Scheduled for both"}, "publishedAt": "`+at.Format(time.RFC3339)+`"}]}`)
	later := func() time.Time { return at.Add(time.Minute) }
	one.store.SetClock(later)
	two.store.SetClock(later)
	before := generation(one)
	var wg sync.WaitGroup
	for _, p := range []*portal{one, two} {
		wg.Go(func() {
			if _, err := p.store.IndexDue(ctx); err != nil {
				t.Errorf("IndexDue: %v", err)
			}
		})
	}
	wg.Wait()
	if got := generation(two); got != before+1 {
		t.Errorf("after both publishers ran, generation %d, want %d: the due item counted once", got, before+1)
	}
	var found struct{ Search struct{ TotalCount int } }
	one.data(`{ search(query: "scheduled for both") { totalCount } }`, nil, &found)
	if found.Search.TotalCount != 1 {
		t.Errorf("the scheduled item is found %d times, want once", found.Search.TotalCount)
	}
}

// decode fails the test on a GraphQL error, and decodes data into out (when not nil).
func decode(t *testing.T, r *response, out any) {
	t.Helper()
	if r.status != 200 || len(r.Errors) > 0 {
		t.Fatalf("status %d, body %s", r.status, r.body)
	}
	if out != nil {
		if err := json.Unmarshal(r.Data, out); err != nil {
			t.Fatalf("decode %s: %v", r.Data, err)
		}
	}
}
