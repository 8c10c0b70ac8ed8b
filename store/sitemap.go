package store

import (
	"context"
	"time"
)

// SitemapEntry is a public item as a sitemap lists it: its slug and when it last changed.
type SitemapEntry struct {
	Slug     string
	Modified time.Time // its last change, or its publication when that came later
}

// PublicCount is the number of items of a kind the public sees now.
func (s *Store) PublicCount(ctx context.Context, k Kind) (int, error) {
	entry, err := kindOf(k, "kind")
	if err != nil {
		return 0, err
	}
	n, err := s.read.NewSelect().TableExpr(entry.table+" AS x").Where(publicSQL("x"), s.clock()).Count(ctx)
	return int(n), err
}

// publicItemBatch is how many rows PublicItems reads at a time.
var publicItemBatch = 1000 // a variable for the tests

// PublicItems calls each for the public items of a kind in the order they were created,
// skipping the first offset and stopping after limit, reading a batch of rows at a time
// so that a sitemap page of tens of thousands is streamed, not held. It stops at the
// first error each returns.
func (s *Store) PublicItems(ctx context.Context, k Kind, offset, limit int, each func(SitemapEntry) error) error {
	entry, err := kindOf(k, "kind")
	if err != nil {
		return err
	}
	now := s.clock()
	var last int64 // the ID of the last item read; 0 before the first batch
	for limit > 0 {
		want := min(limit, publicItemBatch)
		var rows []struct {
			ID          int64
			Slug        string
			PublishedAt time.Time
			ChangedAt   time.Time
		}
		q := s.read.NewSelect().TableExpr(entry.table+" AS x").
			ColumnExpr("x.id, x.slug, x.published_at, x.changed_at").
			Where(publicSQL("x"), now).OrderExpr("x.id").Limit(int64(want))
		if last == 0 {
			q.Offset(int64(offset))
		} else {
			q.Where("x.id > ?", last)
		}
		if err := q.Scan(ctx, &rows); err != nil {
			return err
		}
		for _, r := range rows {
			modified := r.ChangedAt
			if r.PublishedAt.After(modified) {
				modified = r.PublishedAt
			}
			if err := each(SitemapEntry{Slug: r.Slug, Modified: modified.UTC()}); err != nil {
				return err
			}
			last = r.ID
		}
		if len(rows) < want {
			return nil
		}
		limit -= len(rows)
	}
	return nil
}
