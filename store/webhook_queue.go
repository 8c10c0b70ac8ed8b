package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"
)

// The webhook queue: events wait as River jobs (riverqueue/river) in the database itself,
// inserted in the transaction of the change they announce, so an event goes out if and
// only if its change was committed, and survives a restart. River's tables come from its
// own migrations, run at Open beside ours (migrateQueue). Several instances on one
// PostgreSQL database fetch each job once (River locks the rows it takes).
//
// River works through the store's write pool, which has one connection: on SQLite that
// is what River's driver asks for (one writer, no "database is locked"), on PostgreSQL it
// keeps the portal at one writing connection per process.

// webhookQueueName is the River queue of webhook deliveries.
const webhookQueueName = "webhooks"

// The retry schedule: an attempt that fails is tried again after webhookRetryBase,
// doubling each time up to webhookRetryMax, until a day after the event (then it is
// FAILED). An address that is not allowed, or an endpoint that was removed, is not retried.
const (
	webhookRetryBase   = 30 * time.Second
	webhookRetryMax    = 4 * time.Hour
	webhookRetryFor    = 24 * time.Hour
	webhookMaxAttempts = 50 // a bound River keeps; the day ends the retries first
	webhookLogKeep     = 30 * 24 * time.Hour
)

// webhookJob is a queued event for one endpoint: River stores it as the job's args.
type webhookJob struct {
	Endpoint string `json:"endpoint"`
	Message  string `json:"message"` // the webhook-id header: the same on every attempt
	Type     string `json:"type"`
	Body     string `json:"body"` // the JSON event, as a string: its bytes stay as signed (jsonb would reorder them)
}

func (webhookJob) Kind() string { return "webhook" }

// queueDriver is River's driver for a pool of the engine bun's dialect names (nil: a
// driver that only inserts in transactions it is given).
func queueDriver(d dialect.Name, db *sql.DB) riverdriver.Driver[*sql.Tx] {
	if d == dialect.PG {
		return riverdatabasesql.New(db)
	}
	return riversqlite.New(db)
}

// migrateQueue brings River's tables up to date, one migration per transaction (on
// PostgreSQL a migration may use an enum value its predecessor added, which one
// transaction may not), each under the "migrate" lock (two processes starting at once on
// PostgreSQL migrate once).
func (s *Store) migrateQueue(ctx context.Context) error {
	m, err := rivermigrate.New(queueDriver(s.write.Dialect().Name(), s.write.DB), &rivermigrate.Config{Logger: quietLogger})
	if err != nil {
		return err
	}
	for applied := true; applied; {
		err := s.write.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			if err := s.engine.serialize(ctx, tx, "migrate"); err != nil {
				return err
			}
			res, err := m.MigrateTx(ctx, tx.Tx, rivermigrate.DirectionUp, &rivermigrate.MigrateOpts{MaxSteps: 1})
			applied = err == nil && len(res.Versions) > 0
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// quietLogger keeps River's routine messages (migrations, leadership) out of the log;
// its warnings and errors still show.
var quietLogger = slog.New(slog.NewTextHandler(logWriter{}, &slog.HandlerOptions{Level: slog.LevelWarn}))

// logWriter writes River's lines to the default logger.
type logWriter struct{}

func (logWriter) Write(p []byte) (int, error) {
	slog.Warn("river: " + strings.TrimSpace(string(p)))
	return len(p), nil
}

// inserters are the insert-only River clients, one per engine, made when first needed.
var inserters sync.Map // dialect.Name → *river.Client[*sql.Tx]

func inserter(d dialect.Name) (*river.Client[*sql.Tx], error) {
	if c, ok := inserters.Load(d); ok {
		return c.(*river.Client[*sql.Tx]), nil
	}
	c, err := river.NewClient(queueDriver(d, nil), &river.Config{Logger: quietLogger, SkipUnknownJobCheck: true})
	if err != nil {
		return nil, err
	}
	actual, _ := inserters.LoadOrStore(d, c)
	return actual.(*river.Client[*sql.Tx]), nil
}

// enqueueWebhook queues an event for an endpoint in the write transaction tx, and returns
// its message ID.
func enqueueWebhook(ctx context.Context, tx bun.Tx, endpoint string, body webhookBody) (string, error) {
	client, err := inserter(tx.Dialect().Name())
	if err != nil {
		return "", err
	}
	raw, err := json.Marshal(body)
	if err != nil {
		return "", err
	}
	job := webhookJob{Endpoint: endpoint, Message: "msg_" + strings.ToLower(rand.Text()), Type: body.Type, Body: string(raw)}
	_, err = client.InsertTx(ctx, tx.Tx, job, &river.InsertOpts{Queue: webhookQueueName, MaxAttempts: webhookMaxAttempts})
	if err != nil {
		return "", fmt.Errorf("store: enqueue webhook: %w", err)
	}
	return job.Message, nil
}

// WebhookMessage is one attempt to deliver an event to an endpoint.
type WebhookMessage struct {
	URL    string
	Secret string // whsec_<base64>
	ID     string // the message ID: the same on every attempt
	Body   []byte // the JSON event
}

// WebhookResult is how an attempt went.
type WebhookResult struct {
	Code     int           // the HTTP status; 0 when none came back
	Duration time.Duration // from the attempt's start to the end of the answer
	Err      error         // nil when the endpoint answered 2xx; its message goes to the log
	Final    bool          // no use retrying (an address the portal may not send to)
}

// WebhookSender makes one attempt: the webhook package's Sender.Send is one.
type WebhookSender func(ctx context.Context, m WebhookMessage) WebhookResult

// WebhookOptions tune the worker; the zero value is the production one.
type WebhookOptions struct {
	PollInterval time.Duration // how often to look for due events; 0: every second
	RetryBase    time.Duration // the first retry's delay, doubled each time; 0: webhookRetryBase
}

// WebhookWorker delivers queued events until Stop.
type WebhookWorker struct {
	client *river.Client[*sql.Tx]
}

// StartWebhooks starts delivering queued events through send, until ctx ends or Stop.
func (s *Store) StartWebhooks(ctx context.Context, send WebhookSender, opts WebhookOptions) (*WebhookWorker, error) {
	workers := river.NewWorkers()
	base := opts.RetryBase
	if base <= 0 {
		base = webhookRetryBase
	}
	if err := river.AddWorkerSafely(workers, &webhookWorker{s: s, send: send, base: base}); err != nil {
		return nil, err
	}
	client, err := river.NewClient(queueDriver(s.write.Dialect().Name(), s.write.DB), &river.Config{
		Logger:            quietLogger,
		Workers:           workers,
		Queues:            map[string]river.QueueConfig{webhookQueueName: {MaxWorkers: 4}},
		FetchPollInterval: opts.PollInterval,
		FetchCooldown:     min(opts.PollInterval, river.FetchCooldownDefault),
		JobTimeout:        time.Minute,
	})
	if err != nil {
		return nil, err
	}
	if err := client.Start(ctx); err != nil {
		return nil, err
	}
	return &WebhookWorker{client: client}, nil
}

// Stop stops fetching events and waits for the attempts under way (each ends within its
// timeout) or for ctx.
func (w *WebhookWorker) Stop(ctx context.Context) error {
	return w.client.Stop(ctx)
}

// webhookWorker is River's worker of webhook jobs.
type webhookWorker struct {
	river.WorkerDefaults[webhookJob]
	s    *Store
	send WebhookSender
	base time.Duration
}

// backoff is the delay after a failed attempt (the first is attempt 1).
func (w *webhookWorker) backoff(attempt int) time.Duration {
	d := w.base
	for i := 1; i < attempt && d < webhookRetryMax; i++ {
		d *= 2
	}
	return min(d, webhookRetryMax)
}

func (w *webhookWorker) NextRetry(job *river.Job[webhookJob]) time.Time {
	return time.Now().Add(w.backoff(job.Attempt))
}

// Work makes one attempt, logs it, and tells River whether to retry.
func (w *webhookWorker) Work(ctx context.Context, job *river.Job[webhookJob]) error {
	ep, err := w.s.webhookEndpoint(ctx, w.s.read, job.Args.Endpoint)
	if errors.Is(err, ErrNotFound) {
		return river.JobCancel(errors.New("the endpoint was removed"))
	} else if err != nil {
		return err
	}
	res := w.send(ctx, WebhookMessage{URL: ep.URL, Secret: ep.Secret, ID: job.Args.Message, Body: []byte(job.Args.Body)})
	status := DeliveryDelivered
	giveUp := res.Final || job.Attempt >= webhookMaxAttempts ||
		time.Now().Add(w.backoff(job.Attempt)).After(job.CreatedAt.Add(webhookRetryFor))
	if res.Err != nil {
		status = DeliveryRetrying
		if giveUp {
			status = DeliveryFailed
		}
	}
	if err := w.s.logDelivery(ctx, job, res, status); err != nil {
		slog.Error("store: webhook delivery log", "err", err)
	}
	switch {
	case res.Err == nil:
		return nil
	case giveUp:
		return river.JobCancel(res.Err)
	default:
		return res.Err
	}
}
