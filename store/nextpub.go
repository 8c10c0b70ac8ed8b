package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

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
