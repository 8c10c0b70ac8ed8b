package store

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/uptrace/bun"
)

// Storage trouble: a write that failed because the disk is full or failing. Whatever the
// engine or the file, it is one of these two errors once StorageTrouble has named it, and
// nothing of the failed write was kept (a transaction is rolled back whole; the media
// folder writes a temporary file and renames it).
var (
	ErrStorageFull    = errors.New("the server's storage is full, so nothing was saved: tell the site's operator, and try again once they have made room")
	ErrStorageFailing = errors.New("the server's storage is failing just now, so nothing was saved: try again later, or tell the site's operator")
)

// StorageTrouble names the storage trouble behind err: ErrStorageFull for a full disk
// (SQLite's SQLITE_FULL, PostgreSQL's 53100, ENOSPC or EDQUOT from the file system),
// ErrStorageFailing for a failing one (SQLITE_IOERR, PostgreSQL's 58030, EIO, EROFS), nil
// for anything else. The engines' codes are read in one place, writeFailureReason
// (metrics.go), which also names the failures that are no storage trouble.
func StorageTrouble(err error) error {
	switch {
	case errors.Is(err, ErrStorageFull):
		return ErrStorageFull
	case errors.Is(err, ErrStorageFailing):
		return ErrStorageFailing
	}
	switch writeFailureReason(err) {
	case "full":
		return ErrStorageFull
	case "io":
		return ErrStorageFailing
	}
	return nil
}

// WriteWatch remembers whether writes are failing for storage trouble: the last write
// that failed with storage trouble is remembered until a later write succeeds. It is
// cheap to ask (a mutex, no I/O), so /healthz asks it on every call. The store watches
// every statement of its one writer connection with it (a bun query hook, so no write
// path can bypass it); the media folder keeps one for its files. The zero value watches
// nothing yet; Name says what it watches in the log.
type WriteWatch struct {
	Name string // "database", "media folder"

	mu      sync.Mutex
	trouble *Trouble
}

// Trouble is storage trouble that writes ran into.
type Trouble struct {
	Err   error     // ErrStorageFull or ErrStorageFailing
	Since time.Time // when writes began to fail
}

// Failed records a failed write; an error that is not storage trouble is ignored. The
// first failure of a run of them is logged with its own error, for the operator.
func (w *WriteWatch) Failed(err error) {
	kind := StorageTrouble(err)
	if kind == nil {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.trouble == nil {
		slog.Error("storage trouble: writes fail", "to", w.Name, "err", err)
		w.trouble = &Trouble{Since: time.Now().UTC()}
	}
	w.trouble.Err = kind
}

// Succeeded records a write that the storage took.
func (w *WriteWatch) Succeeded() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.trouble != nil {
		slog.Info("storage trouble over: writes succeed again", "to", w.Name, "since", w.trouble.Since)
		w.trouble = nil
	}
}

// Trouble is the trouble of the last failed write, or nil when no write failed for
// storage trouble or one succeeded since.
func (w *WriteWatch) Trouble() *Trouble {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.trouble == nil {
		return nil
	}
	t := *w.trouble
	return &t
}

// WriteTrouble is the storage trouble the database's writes are in (see WriteWatch), or
// nil while they succeed.
func (s *Store) WriteTrouble() *Trouble { return s.writes.Trouble() }

// Path is the SQLite database file's path, "" on PostgreSQL.
func (s *Store) Path() string { return s.path }

// writeHook feeds a WriteWatch from the writer connection's statements, the one place
// every write passes: BEGIN, COMMIT and every statement in between, and the writes
// outside a transaction. A statement that fails with storage trouble (COMMIT included,
// where a full disk usually shows in WAL mode) records the failure. A success is a write
// that reached the disk: a transaction that changed rows and committed, or an INSERT,
// UPDATE or DELETE outside a transaction that changed rows. A statement inside a
// transaction is no success yet (its COMMIT may still fail), and neither is the commit of
// a transaction that only read (the publisher's, every minute), which succeeds even on a
// full disk.
//
// It tells a transaction's statements from the others by time, which is sound because
// the writer pool has exactly one connection: from BEGIN until COMMIT or ROLLBACK the
// transaction holds it, so every statement that runs in between is the transaction's.
// What it learnt of a transaction is settled in BeforeQuery of its COMMIT (the connection
// is still the transaction's then) and carried to AfterQuery in the context.
type writeHook struct {
	watch *WriteWatch
	store *Store // its metrics (set by Instrument) count the failures by reason

	mu      sync.Mutex
	inTx    bool // a transaction holds the writer's connection
	changed bool // and it has changed rows
}

type commitChangesKey struct{}

func (h *writeHook) BeforeQuery(ctx context.Context, e *bun.QueryEvent) context.Context {
	switch e.Query {
	case "COMMIT", "ROLLBACK":
		h.mu.Lock()
		changed := h.inTx && h.changed
		h.inTx, h.changed = false, false
		h.mu.Unlock()
		return context.WithValue(ctx, commitChangesKey{}, changed)
	}
	return ctx
}

func (h *writeHook) AfterQuery(ctx context.Context, e *bun.QueryEvent) {
	if e.Err != nil {
		h.watch.Failed(e.Err)
		if reason := writeFailureReason(e.Err); reason != "" && e.Query != "ROLLBACK" {
			h.store.metrics.WriteFailed(reason) // a failed rollback follows a failure already counted
		}
		return
	}
	switch {
	case e.Query == "BEGIN":
		h.mu.Lock()
		h.inTx, h.changed = true, false
		h.mu.Unlock()
	case e.Query == "COMMIT":
		if changed, _ := ctx.Value(commitChangesKey{}).(bool); changed {
			h.watch.Succeeded()
		}
	case changedRows(e):
		h.mu.Lock()
		inTx := h.inTx
		h.changed = h.changed || inTx
		h.mu.Unlock()
		if !inTx {
			h.watch.Succeeded()
		}
	}
}

// changedRows tells whether a statement was an INSERT, UPDATE or DELETE that changed rows.
func changedRows(e *bun.QueryEvent) bool {
	switch e.Operation() {
	case "INSERT", "UPDATE", "DELETE":
	default:
		return false
	}
	if e.Result == nil {
		return false
	}
	n, err := e.Result.RowsAffected()
	return err == nil && n > 0
}

// LimitGrowth lets the database grow by at most pages more pages, as a full disk would
// stop it; a negative pages lifts the limit. Tests use it to see storage trouble answered.
// On SQLite it is PRAGMA max_page_count on the writer's one connection, after a VACUUM
// (so that no free page inside the file can take a write): a write that needs a new page
// then fails with SQLITE_FULL, until the writer's connection is reopened. On PostgreSQL,
// which has no such limit, pages must be 0 or negative: 0 adds to every table a trigger
// that fails each row written with SQLSTATE 53100 (disk_full), as a full disk does.
func (s *Store) LimitGrowth(ctx context.Context, pages int) error {
	return s.engine.limitGrowth(ctx, s.write, pages)
}
