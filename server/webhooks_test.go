package server_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/agency/portal/graph"
	"github.com/agency/portal/server"
	"github.com/agency/portal/store"
	"github.com/agency/portal/store/storetest"
	"github.com/agency/portal/webhook"
)

// received is one request a receiver got.
type received struct {
	path   string
	header http.Header
	body   []byte
}

// receiver is a partner's endpoint: a real HTTP server on 127.0.0.1 that answers with
// the statuses given, one per request (200 once they run out), and keeps what it got.
type receiver struct {
	*httptest.Server
	mu       sync.Mutex
	statuses []int
	got      chan received
	aside    []received // taken from got by nextTo, for another path
}

func newReceiver(t *testing.T, statuses ...int) *receiver {
	t.Helper()
	r := &receiver{statuses: statuses, got: make(chan received, 20)}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		status := http.StatusOK
		if len(r.statuses) > 0 {
			status, r.statuses = r.statuses[0], r.statuses[1:]
		}
		r.mu.Unlock()
		w.WriteHeader(status)
		io.WriteString(w, "thanks")
		r.got <- received{path: req.URL.Path, header: req.Header.Clone(), body: body}
	}))
	t.Cleanup(r.Close)
	return r
}

// next waits for the next request, failing the test after a generous while.
func (r *receiver) next(t *testing.T) received {
	t.Helper()
	select {
	case got := <-r.got:
		return got
	case <-time.After(20 * time.Second):
		t.Fatal("the receiver got no request within 20 s")
		return received{}
	}
}

// nextTo waits for the next request to a path; those to other paths wait their turn
// (two endpoints get one event in either order).
func (r *receiver) nextTo(t *testing.T, path string) received {
	t.Helper()
	for i, got := range r.aside {
		if got.path == path {
			r.aside = append(r.aside[:i], r.aside[i+1:]...)
			return got
		}
	}
	for {
		got := r.next(t)
		if got.path == path {
			return got
		}
		r.aside = append(r.aside, got)
	}
}

// event is an event's JSON as partners receive it.
type event struct {
	Type      string
	Timestamp time.Time
	Data      *struct {
		ID, Kind, Slug, Title, Locale string
		Version                       int
	}
}

// verified checks a request's signature with the endpoint's secret and decodes its event.
func verified(t *testing.T, got received, secret string) event {
	t.Helper()
	err := webhook.Verify(secret, got.header.Get("webhook-id"), got.header.Get("webhook-timestamp"),
		got.header.Get("webhook-signature"), got.body, time.Now(), 5*time.Minute)
	if err != nil {
		t.Fatalf("signature of %s: %v (headers %v)", got.body, err, got.header)
	}
	var ev event
	if err := json.Unmarshal(got.body, &ev); err != nil {
		t.Fatalf("event %s: %v", got.body, err)
	}
	return ev
}

// newWebhookEditors is a portal on the database dsn names, without demo content, with an
// editor and an admin signed in.
func newWebhookEditors(t *testing.T, dsn string) *editors {
	t.Helper()
	p := newPortalAt(t, dsn, false, server.Config{Limits: graph.DefaultLimits})
	if _, err := p.store.CreateUser(context.Background(), editorEmail, editorPassword, store.RoleEditor); err != nil {
		t.Fatal(err)
	}
	return signInEditors(t, p)
}

// startWebhooks starts the delivery worker as serve does, polling often and retrying
// soon so the test is quick; it stops when the test ends.
func startWebhooks(t *testing.T, st *store.Store, allowPrivate bool) {
	t.Helper()
	w, err := st.StartWebhooks(context.Background(), webhook.New(webhook.Options{AllowPrivate: allowPrivate}).Send,
		store.WebhookOptions{PollInterval: 50 * time.Millisecond, RetryBase: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Stop(context.Background()) })
}

const registerEndpoint = `mutation($in: WebhookEndpointInput!) {
	createWebhookEndpoint(input: $in) { secret endpoint { id url kinds events locale secretHint } } }`

type newEndpoint struct {
	Secret   string
	Endpoint struct {
		ID, URL, Locale, SecretHint string
		Kinds, Events               []string
	}
}

// register registers an endpoint as the admin.
func (e *editors) register(in map[string]any) newEndpoint {
	e.t.Helper()
	var out struct{ CreateWebhookEndpoint newEndpoint }
	e.ok(e.admin, registerEndpoint, map[string]any{"in": in}, &out)
	return out.CreateWebhookEndpoint
}

type delivery struct {
	EndpointID, MessageID, EventType, Status, Error string
	Attempt                                         int
	ResponseCode                                    *int
}

// deliveries reads an endpoint's delivery log as the admin, oldest first.
func (e *editors) deliveries(endpoint string) []delivery {
	e.t.Helper()
	var out struct{ WebhookDeliveries []delivery }
	e.ok(e.admin, `query($ep: ID) { webhookDeliveries(endpoint: $ep, first: 100) {
		endpointId messageId eventType status error attempt responseCode } }`, map[string]any{"ep": endpoint}, &out)
	list := out.WebhookDeliveries
	for i, j := 0, len(list)-1; i < j; i, j = i+1, j-1 {
		list[i], list[j] = list[j], list[i]
	}
	return list
}

// waitForLog waits until an endpoint's log has n attempts, and returns them.
func (e *editors) waitForLog(endpoint string, n int) []delivery {
	e.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		list := e.deliveries(endpoint)
		if len(list) >= n {
			return list
		}
		if time.Now().After(deadline) {
			e.t.Fatalf("the delivery log has %d attempts after 20 s, want %d: %+v", len(list), n, list)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestWebhookEndpointsAreForAdmins(t *testing.T) {
	e := newWebhookEditors(t, storetest.DSN(t))
	valid := map[string]any{"url": "https://partner.example.org/hooks", "locale": "EN"}
	with := func(k string, v any) map[string]any {
		in := map[string]any{}
		for key, val := range valid {
			in[key] = val
		}
		in[k] = v
		return in
	}
	for _, c := range []struct {
		name      string
		as        *http.Cookie
		in        map[string]any
		code      string
		wantField string
	}{
		{"signed out", nil, valid, "UNAUTHENTICATED", ""},
		{"an editor", e.editor, valid, "FORBIDDEN", ""},
		{"not http", e.admin, with("url", "ftp://partner.example.org/x"), "BAD_USER_INPUT", "url"},
		{"no host", e.admin, with("url", "https:///hooks"), "BAD_USER_INPUT", "url"},
		{"a weak secret", e.admin, with("secret", "whsec_c2hvcnQ="), "BAD_USER_INPUT", "secret"},
		{"an admin", e.admin, valid, "", ""},
	} {
		r := e.as(c.as, registerEndpoint, map[string]any{"in": c.in}, nil)
		field, _ := r.Errors0Field()
		if r.code() != c.code || field != c.wantField {
			t.Errorf("%s: got code %q field %q (%s), want %q %q", c.name, r.code(), field, r.body, c.code, c.wantField)
		}
	}

	ep := e.register(map[string]any{"url": "https://partner.example.org/news", "locale": "SR_LATN",
		"kinds": []string{"NEWS"}, "events": []string{"PUBLISHED", "DELETED"}, "description": "UNHCR"})
	if !strings.HasPrefix(ep.Secret, "whsec_") || ep.Endpoint.SecretHint != "whsec_…"+ep.Secret[len(ep.Secret)-4:] ||
		strings.Join(ep.Endpoint.Kinds, ",") != "NEWS" || strings.Join(ep.Endpoint.Events, ",") != "PUBLISHED,DELETED" {
		t.Errorf("registered: got %+v", ep)
	}
	r := e.as(e.admin, `{ webhookEndpoints { id url secretHint } }`, nil, nil)
	if len(r.Errors) > 0 || strings.Contains(r.body, ep.Secret) || !strings.Contains(r.body, ep.Endpoint.ID) {
		t.Errorf("the list must show the endpoints without their secrets: %s", r.body)
	}
	for _, c := range []struct {
		name, query string
		as          *http.Cookie
		code        string
	}{
		{"endpoints, as an editor", `{ webhookEndpoints { id } }`, e.editor, "FORBIDDEN"},
		{"deliveries, as an editor", `{ webhookDeliveries { id } }`, e.editor, "FORBIDDEN"},
		{"deliveries, 101", `{ webhookDeliveries(first: 101) { id } }`, e.admin, "BAD_USER_INPUT"},
		{"test event, as an editor", `mutation { sendTestWebhook(id: "` + ep.Endpoint.ID + `") }`, e.editor, "FORBIDDEN"},
		{"test event, no such endpoint", `mutation { sendTestWebhook(id: "ep_none") }`, e.admin, "NOT_FOUND"},
		{"delete, as an editor", `mutation { deleteWebhookEndpoint(id: "` + ep.Endpoint.ID + `") }`, e.editor, "FORBIDDEN"},
		{"delete", `mutation { deleteWebhookEndpoint(id: "` + ep.Endpoint.ID + `") }`, e.admin, ""},
		{"delete again", `mutation { deleteWebhookEndpoint(id: "` + ep.Endpoint.ID + `") }`, e.admin, "NOT_FOUND"},
	} {
		if r := e.as(c.as, c.query, nil, nil); r.code() != c.code {
			t.Errorf("%s: got code %q (%s), want %q", c.name, r.code(), r.body, c.code)
		}
	}
}

// Errors0Field is the first error's extensions.field.
func (r *response) Errors0Field() (string, bool) {
	if len(r.Errors) == 0 {
		return "", false
	}
	f, ok := r.Errors[0].Extensions["field"].(string)
	return f, ok
}

// Each change to what the public sees goes out as a signed event, to the endpoints that
// ask for it, with the item's title in the endpoint's locale.
func TestWebhookEventsOfAnItem(t *testing.T) {
	e := newWebhookEditors(t, storetest.DSN(t))
	now := time.Now().UTC().Truncate(time.Second)
	clock := now
	e.store.SetClock(func() time.Time { return clock })
	rcv := newReceiver(t)
	all := e.register(map[string]any{"url": rcv.URL + "/all", "locale": "EN"})
	deletions := e.register(map[string]any{"url": rcv.URL + "/deletions", "locale": "SR_CYRL", "events": []string{"DELETED"}})
	projects := e.register(map[string]any{"url": rcv.URL + "/projects", "locale": "EN", "kinds": []string{"PROJECT"}})
	startWebhooks(t, e.store, true)

	item := e.createDraft(map[string]any{"title": map[string]any{"sr": "Нова вест", "en": "Fresh news"}})
	mutation := func(op string) string {
		return `mutation($id: ID!, $v: Int!) { ` + op + `(id: $id, version: $v) { id } }`
	}
	steps := []struct {
		name    string
		do      func(version int)
		want    string // the event's type
		version int    // the item's version in it
	}{
		{"publish", func(v int) { e.ok(e.editor, mutation("publish"), map[string]any{"id": item.ID, "v": v}, nil) }, "newsitem.published", 2},
		{"update", func(v int) {
			e.ok(e.editor, `mutation($id: ID!, $v: Int!) { updateNewsItem(id: $id, version: $v, input: {title: {sr: "Нова вест", en: "Fresher news"}}) { id } }`,
				map[string]any{"id": item.ID, "v": v}, nil)
		}, "newsitem.updated", 3},
		{"unpublish", func(v int) { e.ok(e.editor, mutation("unpublish"), map[string]any{"id": item.ID, "v": v}, nil) }, "newsitem.unpublished", 4},
		{"schedule, then its time comes", func(v int) {
			e.ok(e.editor, `mutation($id: ID!, $v: Int!, $at: DateTime!) { schedule(id: $id, version: $v, at: $at) { id } }`,
				map[string]any{"id": item.ID, "v": v, "at": now.Add(time.Hour).Format(time.RFC3339)}, nil)
			clock = now.Add(61 * time.Minute)
			if _, err := e.store.IndexDue(context.Background()); err != nil {
				t.Fatal(err)
			}
		}, "newsitem.published", 5},
		{"delete", func(v int) { e.ok(e.editor, mutation("deleteItem"), map[string]any{"id": item.ID, "v": v}, nil) }, "newsitem.deleted", 6},
	}
	version := 1
	for _, s := range steps {
		s.do(version)
		version = s.version
		got := rcv.nextTo(t, "/all")
		ev := verified(t, got, all.Secret)
		if ev.Type != s.want || ev.Data == nil || ev.Data.ID != item.ID || ev.Data.Kind != "NEWS" || ev.Data.Slug != item.Slug ||
			ev.Data.Locale != "EN" || ev.Data.Version != s.version || ev.Timestamp.IsZero() {
			t.Fatalf("%s: got %s, want a %s event of %s at version %d", s.name, got.body, s.want, item.ID, s.version)
		}
		if !strings.HasPrefix(got.header.Get("webhook-id"), "msg_") || got.header.Get("Content-Type") != "application/json" {
			t.Errorf("%s: headers %v", s.name, got.header)
		}
	}
	ev := verified(t, rcv.nextTo(t, "/deletions"), deletions.Secret) // the deletion, to the second endpoint
	if ev.Type != "newsitem.deleted" || ev.Data.Title != "Нова вест" || ev.Data.Locale != "SR_CYRL" {
		t.Errorf("the endpoint of deletions in Cyrillic: got %+v %+v", ev, ev.Data)
	}

	log := e.waitForLog(all.Endpoint.ID, len(steps))
	for i, d := range log {
		if d.Status != "DELIVERED" || d.ResponseCode == nil || *d.ResponseCode != 200 || d.Attempt != 1 || d.EventType != steps[i].want {
			t.Errorf("log entry %d: got %+v, want a %s DELIVERED with 200 at attempt 1", i, d, steps[i].want)
		}
	}
	if got := e.deliveries(projects.Endpoint.ID); len(got) != 0 {
		t.Errorf("the endpoint of projects got news events: %+v", got)
	}
}

// A failed attempt is retried with the same message ID, and the log shows both.
func TestWebhookRetriedAfterFailure(t *testing.T) {
	e := newWebhookEditors(t, storetest.DSN(t))
	rcv := newReceiver(t, http.StatusInternalServerError)
	ep := e.register(map[string]any{"url": rcv.URL, "locale": "EN"})
	startWebhooks(t, e.store, true)

	var sent struct{ SendTestWebhook string }
	e.ok(e.admin, `mutation($id: ID!) { sendTestWebhook(id: $id) }`, map[string]any{"id": ep.Endpoint.ID}, &sent)
	first, second := rcv.next(t), rcv.next(t)
	for i, got := range []received{first, second} {
		if ev := verified(t, got, ep.Secret); ev.Type != "webhook.test" || got.header.Get("webhook-id") != sent.SendTestWebhook {
			t.Errorf("attempt %d: got %s with id %q, want webhook.test with id %q", i+1, got.body, got.header.Get("webhook-id"), sent.SendTestWebhook)
		}
	}
	log := e.waitForLog(ep.Endpoint.ID, 2)
	want := []struct {
		status string
		code   int
	}{{"RETRYING", 500}, {"DELIVERED", 200}}
	for i, d := range log {
		if d.Attempt != i+1 || d.Status != want[i].status || d.ResponseCode == nil || *d.ResponseCode != want[i].code ||
			d.MessageID != sent.SendTestWebhook {
			t.Errorf("log entry %d: got %+v, want attempt %d %s %d", i, d, i+1, want[i].status, want[i].code)
		}
	}
	if !strings.Contains(log[0].Error, "500") || !strings.Contains(log[0].Error, "thanks") {
		t.Errorf("the failed attempt's error: got %q, want the status and the answer's start", log[0].Error)
	}
}

// An event queued while no worker runs goes out once the portal starts again.
func TestWebhookDeliveredAfterRestart(t *testing.T) {
	dsn := storetest.DSN(t)
	e := newWebhookEditors(t, dsn)
	rcv := newReceiver(t)
	ep := e.register(map[string]any{"url": rcv.URL, "locale": "EN"})
	item := e.createDraft(map[string]any{"title": map[string]any{"en": "Before the restart"}})
	e.ok(e.editor, `mutation($id: ID!) { publish(id: $id, version: 1) { id } }`, map[string]any{"id": item.ID}, nil)
	if err := e.store.Close(); err != nil {
		t.Fatal(err)
	}

	again := newPortalAt(t, dsn, false, server.Config{Limits: graph.DefaultLimits})
	startWebhooks(t, again.store, true)
	if ev := verified(t, rcv.next(t), ep.Secret); ev.Type != "newsitem.published" || ev.Data.ID != item.ID {
		t.Errorf("after the restart: got %+v, want the publication of %s", ev, item.ID)
	}
}

// Without --webhook-allow-private, nothing goes to a loopback address, by IP or by a
// name that resolves to one; the log says why, and there is no retry.
func TestWebhookPrivateAddressRefused(t *testing.T) {
	e := newWebhookEditors(t, storetest.DSN(t))
	rcv := newReceiver(t)
	startWebhooks(t, e.store, false)
	port := rcv.URL[strings.LastIndex(rcv.URL, ":"):]
	for _, url := range []string{rcv.URL, "http://localhost" + port + "/hooks"} {
		ep := e.register(map[string]any{"url": url, "locale": "EN"})
		e.ok(e.admin, `mutation($id: ID!) { sendTestWebhook(id: $id) }`, map[string]any{"id": ep.Endpoint.ID}, nil)
		log := e.waitForLog(ep.Endpoint.ID, 1)
		if d := log[0]; d.Status != "FAILED" || d.ResponseCode != nil || !strings.Contains(d.Error, "is not a public address") ||
			!strings.Contains(d.Error, "--webhook-allow-private") {
			t.Errorf("%s: got %+v, want FAILED saying the address is not public", url, d)
		}
	}
	time.Sleep(300 * time.Millisecond) // a retry would come within this
	if n := len(rcv.got); n != 0 {
		t.Errorf("the receiver got %d requests, want none", n)
	}
}

// Two instances on one PostgreSQL database, each with its worker, send each event once.
func TestWebhookOncePerEventAcrossInstances(t *testing.T) {
	if !storetest.Postgres() {
		t.Skip("PostgreSQL only: one SQLite file has one server")
	}
	dsn := storetest.DSN(t)
	e := newWebhookEditors(t, dsn)
	other := newPortalAt(t, dsn, false, server.Config{Limits: graph.DefaultLimits})
	rcv := newReceiver(t)
	ep := e.register(map[string]any{"url": rcv.URL, "locale": "EN"})
	const events = 12
	for range events {
		e.ok(e.admin, `mutation($id: ID!) { sendTestWebhook(id: $id) }`, map[string]any{"id": ep.Endpoint.ID}, nil)
	}
	startWebhooks(t, e.store, true)
	startWebhooks(t, other.store, true)

	seen := map[string]int{}
	for range events {
		seen[rcv.next(t).header.Get("webhook-id")]++
	}
	time.Sleep(time.Second) // a second delivery of any would come within this
	for len(rcv.got) > 0 {
		seen[(<-rcv.got).header.Get("webhook-id")]++
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("event %s: delivered %d times, want once", id, n)
		}
	}
	if len(seen) != events {
		t.Errorf("got %d distinct events, want %d", len(seen), events)
	}
}
