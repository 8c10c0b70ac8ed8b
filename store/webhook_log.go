package store

import (
	"context"
	"crypto/rand"
	"strings"
	"time"

	"github.com/riverqueue/river"
	"github.com/uptrace/bun"
)

// DeliveryStatus is how a delivery attempt ended. Its values are those of the GraphQL
// enum WebhookDeliveryStatus.
type DeliveryStatus string

// The statuses.
const (
	DeliveryDelivered DeliveryStatus = "DELIVERED" // the endpoint answered 2xx
	DeliveryRetrying  DeliveryStatus = "RETRYING"  // it failed; the event will be sent again
	DeliveryFailed    DeliveryStatus = "FAILED"    // it failed, and was the last attempt
)

// WebhookDelivery is one attempt to deliver an event, in the delivery log.
type WebhookDelivery struct {
	bun.BaseModel `bun:"table:webhook_deliveries,alias:wd"`

	ID           string         `bun:",pk"`
	EndpointID   string         `bun:",notnull"`
	MessageID    string         `bun:",notnull"`
	EventType    string         `bun:",notnull"`
	Attempt      int            `bun:",notnull"`
	At           time.Time      `bun:",notnull"`
	Status       DeliveryStatus `bun:",notnull"`
	ResponseCode *int
	DurationMs   int64  `bun:",notnull"`
	Error        string `bun:",notnull"`
}

// maxErrorLength bounds an error's text in the log.
const maxErrorLength = 500

// logDelivery records an attempt, and forgets those older than webhookLogKeep.
func (s *Store) logDelivery(ctx context.Context, job *river.Job[webhookJob], res WebhookResult, status DeliveryStatus) error {
	now := time.Now().UTC()
	d := &WebhookDelivery{ID: "dl_" + strings.ToLower(rand.Text()), EndpointID: job.Args.Endpoint, MessageID: job.Args.Message,
		EventType: job.Args.Type, Attempt: job.Attempt, At: now, Status: status, DurationMs: res.Duration.Milliseconds()}
	if res.Code != 0 {
		d.ResponseCode = &res.Code
	}
	if res.Err != nil {
		d.Error = res.Err.Error()
		if len(d.Error) > maxErrorLength {
			d.Error = strings.ToValidUTF8(d.Error[:maxErrorLength], "") + "…"
		}
	}
	return s.write.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(d).Exec(ctx); err != nil {
			return err
		}
		_, err := tx.NewDelete().Model((*WebhookDelivery)(nil)).Where("at < ?", now.Add(-webhookLogKeep)).Exec(ctx)
		return err
	})
}

// WebhookDeliveries lists the latest attempts, newest first: of one endpoint, or of all
// (endpoint nil); first is 1 to 100.
func (s *Store) WebhookDeliveries(ctx context.Context, endpoint *string, first int) ([]*WebhookDelivery, error) {
	if first < 1 || first > 100 {
		return nil, inputError("first", "must be 1 to 100")
	}
	out := []*WebhookDelivery{}
	q := s.read.NewSelect().Model(&out).Order("at DESC", "attempt DESC").Limit(int64(first))
	if endpoint != nil {
		q = q.Where("endpoint_id = ?", *endpoint)
	}
	return out, q.Scan(ctx)
}
