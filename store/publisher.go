package store

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"time"

	"github.com/uptrace/bun"
)

// IndexDue brings the search index up to date with the clock: items scheduled for a time
// that has come are indexed, and the content generation counts them. It returns when the
// next scheduled item is due (zero when none is). RunPublisher calls it; lists and counts
// need no such step, since they compare publication times with the clock themselves.
func (s *Store) IndexDue(ctx context.Context) (next time.Time, err error) {
	now := s.clock()
	const pending = "state = 'PUBLISHED' AND deleted_at IS NULL AND NOT indexed"
	err = s.write.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		// One process at a time: on PostgreSQL, the instances that share the database
		// index a due item once, the others find it indexed.
		if err := s.engine.serialize(ctx, tx, contentLock); err != nil {
			return err
		}
		for _, k := range registry {
			var ids []int64
			if err := tx.NewSelect().Table(k.table).Column("id").
				Where(pending+" AND published_at <= ?", now).Scan(ctx, &ids); err != nil {
				return err
			}
			for _, id := range ids {
				if err := syncAndAnnounce(ctx, tx, s.engine, k, id, now); err != nil {
					return err
				}
			}
			if len(ids) > 0 {
				if err := bumpGeneration(ctx, tx); err != nil {
					return err
				}
			}
			var at bun.NullTime
			if err := tx.NewSelect().Table(k.table).ColumnExpr("min(published_at)").Where(pending).Scan(ctx, &at); err != nil {
				return err
			}
			if !at.IsZero() && (next.IsZero() || at.Time.Before(next)) {
				next = at.Time
			}
		}
		return nil
	})
	return next, err
}

// RunPublisher keeps the search index in step with scheduled publications until ctx ends:
// it wakes when the next scheduled item is due, when an editor schedules one, and at
// least once a minute.
func (s *Store) RunPublisher(ctx context.Context) {
	for {
		wait := time.Minute
		next, err := s.IndexDue(ctx)
		switch {
		case errors.Is(err, context.Canceled):
			return
		case err != nil:
			slog.Error("store: indexing scheduled items", "err", err)
		case !next.IsZero():
			wait = min(wait, max(time.Until(next)+10*time.Millisecond, 10*time.Millisecond))
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		case <-s.scheduled:
			t.Stop()
		}
	}
}

// wakePublisher tells RunPublisher that a schedule changed.
func (s *Store) wakePublisher() {
	select {
	case s.scheduled <- struct{}{}:
	default:
	}
}

// NextPublication is the earliest publication time later than after of an item that is
// published and not deleted (a scheduled item), and false when there is none. Public
// lists compare publication times with the clock themselves, so an answer made at after
// holds only until then, even though the content generation does not change.
func (s *Store) NextPublication(ctx context.Context, after time.Time) (time.Time, bool, error) {
	var next time.Time
	found := false
	for _, k := range registry {
		var at time.Time
		err := s.read.NewSelect().Table(k.table).Column("published_at").
			Where("state = 'PUBLISHED' AND deleted_at IS NULL AND published_at > ?", after).
			Order("published_at").Limit(1).Scan(ctx, &at)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return time.Time{}, false, err
		}
		if !found || at.Before(next) {
			next, found = at, true
		}
	}
	return next, found, nil
}

// Now is the store's clock: time.Now, or a test's (SetClock), to the second, in UTC.
func (s *Store) Now() time.Time { return s.clock() }
