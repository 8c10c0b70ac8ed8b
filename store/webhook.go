package store

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// Webhooks: admins register endpoints; when what the public sees of an item changes, the
// change's write transaction enqueues one event per endpoint that asks for it
// (announce), and the queue (webhook_queue.go) delivers it through a WebhookSender.

// WebhookEvent is what happened to an item, as the public sees it. Its values are those
// of the GraphQL enum WebhookEvent.
type WebhookEvent string

// The events.
const (
	EventPublished   WebhookEvent = "PUBLISHED"   // the public sees the item from now on
	EventUpdated     WebhookEvent = "UPDATED"     // a public item's content changed
	EventUnpublished WebhookEvent = "UNPUBLISHED" // the public no longer sees it: back to a draft
	EventDeleted     WebhookEvent = "DELETED"     // the public no longer sees it: deleted
)

var webhookEvents = []WebhookEvent{EventPublished, EventUpdated, EventUnpublished, EventDeleted}

// WebhookEndpoint is a partner's URL that receives events.
type WebhookEndpoint struct {
	bun.BaseModel `bun:"table:webhook_endpoints,alias:we"`

	ID          string    `bun:",pk"`
	URL         string    `bun:"url,notnull"`
	Secret      string    `bun:",notnull" json:"-"` // whsec_<base64>: never shown after creation
	KindList    string    `bun:"kinds,notnull"`     // comma-separated; "" for every kind
	EventList   string    `bun:"events,notnull"`    // comma-separated; "" for every event
	Locale      Locale    `bun:",notnull"`
	Description string    `bun:",notnull"`
	CreatedAt   time.Time `bun:",notnull"`
}

// Kinds are the kinds of item whose events the endpoint receives; none means all.
func (w *WebhookEndpoint) Kinds() []Kind { return splitComma[Kind](w.KindList) }

// Events are the events the endpoint receives; none means all.
func (w *WebhookEndpoint) Events() []WebhookEvent { return splitComma[WebhookEvent](w.EventList) }

// SecretHint is the secret masked: its prefix and its last four characters.
func (w *WebhookEndpoint) SecretHint() string {
	return "whsec_…" + w.Secret[max(len(w.Secret)-4, 0):]
}

// wants tells whether the endpoint receives an event of a kind.
func (w *WebhookEndpoint) wants(k Kind, e WebhookEvent) bool {
	kinds, events := w.Kinds(), w.Events()
	return (len(kinds) == 0 || slices.Contains(kinds, k)) && (len(events) == 0 || slices.Contains(events, e))
}

// WebhookEndpointInput is what an admin gives to register an endpoint.
type WebhookEndpointInput struct {
	URL         string
	Secret      *string // whsec_<base64 of 24 to 64 bytes>; nil or "": one is made
	Kinds       []Kind
	Events      []WebhookEvent
	Locale      Locale
	Description *string
}

// NewWebhookEndpoint is a registered endpoint and its secret, shown this once.
type NewWebhookEndpoint struct {
	Endpoint *WebhookEndpoint
	Secret   string
}

// CreateWebhookEndpoint registers an endpoint. Whether by may (admins only) is the
// caller's to check.
func (s *Store) CreateWebhookEndpoint(ctx context.Context, by *User, in WebhookEndpointInput) (*NewWebhookEndpoint, error) {
	if by == nil {
		return nil, ErrUnauthenticated
	}
	ep, err := in.endpoint(s.clock())
	if err != nil {
		return nil, err
	}
	if _, err := s.write.NewInsert().Model(ep).Exec(ctx); err != nil {
		return nil, err
	}
	return &NewWebhookEndpoint{Endpoint: ep, Secret: ep.Secret}, nil
}

// endpoint checks the input and makes the endpoint it describes.
func (in WebhookEndpointInput) endpoint(now time.Time) (*WebhookEndpoint, error) {
	u, err := url.Parse(in.URL)
	switch {
	case len(in.URL) > 2000:
		return nil, inputError("url", "is longer than 2000 characters")
	case err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil || u.Fragment != "":
		return nil, inputError("url", "must be an http or https URL such as https://partner.example.org/hooks, without a user name or #fragment")
	}
	secret := ""
	if in.Secret != nil {
		secret = *in.Secret
	}
	if secret == "" {
		secret = newWebhookSecret()
	} else if !validSecret(secret) {
		return nil, inputError("secret", "must be whsec_ followed by the base64 of 24 to 64 random bytes; leave it out to have one made")
	}
	for _, k := range in.Kinds {
		if _, err := kindOf(k, "kinds"); err != nil {
			return nil, err
		}
	}
	for _, e := range in.Events {
		if !slices.Contains(webhookEvents, e) {
			return nil, inputError("events", "%q is not an event", e)
		}
	}
	if !in.Locale.Valid() {
		return nil, inputError("locale", "%q is not a locale", in.Locale)
	}
	ep := &WebhookEndpoint{ID: "ep_" + strings.ToLower(rand.Text()), URL: in.URL, Secret: secret,
		KindList: joinComma(in.Kinds), EventList: joinComma(in.Events), Locale: in.Locale, CreatedAt: now}
	if in.Description != nil {
		if len(*in.Description) > 500 {
			return nil, inputError("description", "is longer than 500 characters")
		}
		ep.Description = *in.Description
	}
	return ep, nil
}

// newWebhookSecret is a new random secret: whsec_ and the base64 of 32 bytes.
func newWebhookSecret() string {
	b := make([]byte, 32)
	rand.Read(b)
	return "whsec_" + base64.StdEncoding.EncodeToString(b)
}

// validSecret tells whether s is whsec_ and the base64 of 24 to 64 bytes.
func validSecret(s string) bool {
	rest, ok := strings.CutPrefix(s, "whsec_")
	b, err := base64.StdEncoding.DecodeString(rest)
	return ok && err == nil && len(b) >= 24 && len(b) <= 64
}

// WebhookEndpoints lists the registered endpoints, the oldest first.
func (s *Store) WebhookEndpoints(ctx context.Context) ([]*WebhookEndpoint, error) {
	var out []*WebhookEndpoint
	err := s.read.NewSelect().Model(&out).Order("created_at", "id").Scan(ctx)
	return out, err
}

// webhookEndpoint is one endpoint, or ErrNotFound.
func (s *Store) webhookEndpoint(ctx context.Context, db bun.IDB, id string) (*WebhookEndpoint, error) {
	ep := new(WebhookEndpoint)
	err := db.NewSelect().Model(ep).Where("id = ?", id).Scan(ctx)
	return ep, notFound(err)
}

// DeleteWebhookEndpoint removes an endpoint and its delivery log; its events still
// queued are dropped when their turn comes.
func (s *Store) DeleteWebhookEndpoint(ctx context.Context, by *User, id string) error {
	if by == nil {
		return ErrUnauthenticated
	}
	res, err := s.write.NewDelete().Model((*WebhookEndpoint)(nil)).Where("id = ?", id).Exec(ctx)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// webhookBody is an event as endpoints receive it (the Standard Webhooks payload shape).
type webhookBody struct {
	Type      string       `json:"type"` // "news.published", "project.deleted", "webhook.test"…
	Timestamp time.Time    `json:"timestamp"`
	Data      *webhookItem `json:"data"`
}

// webhookItem is the item an event is about, in the endpoint's locale.
type webhookItem struct {
	ID      string `json:"id"` // its global ID: node(id:) reads it while the public sees it
	Kind    Kind   `json:"kind"`
	Slug    string `json:"slug"`
	Title   string `json:"title"`
	Locale  Locale `json:"locale"`
	Version int    `json:"version"`
}

// eventType is an event's type as endpoints receive it: "news.published".
func eventType(k *kind, e WebhookEvent) string {
	return strings.ToLower(k.typ + "." + string(e))
}

// announce enqueues, in the write transaction tx, the event that an item's change makes
// for every endpoint that asks for it: wasPublic is whether the public saw the item
// before the change (its indexed column), and the item as it is now says the rest.
func announce(ctx context.Context, tx bun.Tx, k *kind, id int64, wasPublic bool, now time.Time) error {
	var endpoints []*WebhookEndpoint
	if err := tx.NewSelect().Model(&endpoints).Scan(ctx); err != nil || len(endpoints) == 0 {
		return err
	}
	var st struct {
		Visible bool
		Deleted bool
	}
	err := tx.QueryRowContext(ctx, "SELECT "+publicSQL(k.table)+", deleted_at IS NOT NULL FROM "+k.table+" WHERE id = ?", now, id).
		Scan(&st.Visible, &st.Deleted)
	if err != nil {
		return err
	}
	var event WebhookEvent
	switch {
	case st.Visible && !wasPublic:
		event = EventPublished
	case st.Visible:
		event = EventUpdated
	case wasPublic && st.Deleted:
		event = EventDeleted
	case wasPublic:
		event = EventUnpublished
	default:
		return nil // the public saw nothing of it before, and sees nothing now
	}
	for _, ep := range endpoints {
		if !ep.wants(k.kind, event) {
			continue
		}
		item, err := webhookItemOf(ctx, tx, k, id, ep.Locale)
		if err != nil {
			return err
		}
		if _, err := enqueueWebhook(ctx, tx, ep.ID, webhookBody{Type: eventType(k, event), Timestamp: now, Data: item}); err != nil {
			return err
		}
	}
	return nil
}

// webhookItemOf reads what an event says of an item, in a locale.
func webhookItemOf(ctx context.Context, db bun.IDB, k *kind, id int64, l Locale) (*webhookItem, error) {
	r := k.newRow()
	if err := db.NewSelect().Model(r).Where(k.alias+".id = ?", id).Scan(ctx); err != nil {
		return nil, err
	}
	var slug string
	if err := db.QueryRowContext(ctx, "SELECT slug FROM "+k.table+" WHERE id = ?", id).Scan(&slug); err != nil {
		return nil, err
	}
	return &webhookItem{ID: r.GlobalID(), Kind: k.kind, Slug: slug, Title: r.searchHit(l).Title,
		Locale: l, Version: r.publication().Version}, nil
}

// SendTestWebhook enqueues a test event (type "webhook.test", no data) for one endpoint,
// whatever it asks for, and returns its message ID. Its delivery shows in the log.
func (s *Store) SendTestWebhook(ctx context.Context, by *User, endpointID string) (string, error) {
	if by == nil {
		return "", ErrUnauthenticated
	}
	var id string
	err := s.write.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := s.webhookEndpoint(ctx, tx, endpointID); err != nil {
			return err
		}
		body := webhookBody{Type: "webhook.test", Timestamp: s.clock()}
		var err error
		id, err = enqueueWebhook(ctx, tx, endpointID, body)
		return err
	})
	return id, err
}

// splitComma splits a comma-separated list; "" is none.
func splitComma[T ~string](s string) []T {
	out := []T{}
	for _, v := range strings.Split(s, ",") {
		if v != "" {
			out = append(out, T(v))
		}
	}
	return out
}

// joinComma joins values into a comma-separated list, without repeats.
func joinComma[T ~string](values []T) string {
	var out []string
	for _, v := range values {
		if !slices.Contains(out, string(v)) {
			out = append(out, string(v))
		}
	}
	return strings.Join(out, ",")
}

// syncAndAnnounce is syncIndex, and announces what the change did to what the public sees
// (the item's indexed column says what it saw before).
func syncAndAnnounce(ctx context.Context, tx bun.Tx, e engine, k *kind, id int64, now time.Time) error {
	var wasPublic bool
	if err := tx.QueryRowContext(ctx, "SELECT indexed FROM "+k.table+" WHERE id = ?", id).Scan(&wasPublic); err != nil {
		return err
	}
	if err := syncIndex(ctx, tx, e, k, id, now); err != nil {
		return err
	}
	return announce(ctx, tx, k, id, wasPublic, now)
}
