package store

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"
)

// BulkLoad fills a database with a great deal of new content quickly: the benchmark's
// million news items. Each batch next returns (until it returns nil) is written in one
// transaction, as Import would write it, with three differences: every item must be new
// (a slug that exists is an error, not a replacement), the search index is written after
// the batch's rows and links (with the same indexing functions as every write), and the
// lists' counters are counted once, from the rows, at the end. Until then the counters
// lag behind, so nothing should read the database while it fills.
func (s *Store) BulkLoad(ctx context.Context, next func() (*Content, error)) error {
	for {
		c, err := next()
		if err != nil || c == nil {
			if err != nil {
				return err
			}
			return s.RecountLists(ctx)
		}
		if err := c.validate(); err != nil {
			return err
		}
		if err := s.bulkBatch(ctx, c); err != nil {
			return err
		}
	}
}

// bulkBatch writes one batch of BulkLoad in one transaction.
func (s *Store) bulkBatch(ctx context.Context, c *Content) error {
	now := s.clock()
	return s.writeContent(ctx, c, now, func(ctx context.Context, w *writer) error {
		for _, k := range registry {
			var written []row
			for _, d := range k.docs(c) {
				m := d.row(now)
				if w.err == nil {
					_, w.err = w.tx.NewInsert().Model(m).Returning("id").Exec(ctx)
				}
				if w.err != nil {
					return fmt.Errorf("store: bulk load %s %q: %w", k.table, *d.slug(), w.err)
				}
				w.ids[k.table+":"+*d.slug()] = m.rowID()
				w.link(ctx, k, m.rowID(), d.linkSlugs())
				written = append(written, m)
			}
			if err := bulkIndex(ctx, w, k, written); err != nil {
				return err
			}
		}
		return nil
	})
}

// bulkIndex puts the items of a kind just written into the search index, those the
// public sees now, and marks them indexed.
func bulkIndex(ctx context.Context, w *writer, k *kind, rows []row) error {
	if w.err != nil || len(rows) == 0 {
		return w.err
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.rowID()
	}
	var visible []int64
	err := w.tx.NewSelect().TableExpr(k.table+" AS i").Column("i.id").Where("i.id IN (?)", bun.In(ids)).
		Where(publicSQL("i"), w.now).Scan(ctx, &visible)
	if err != nil || len(visible) == 0 {
		return err
	}
	show := make(map[int64]bool, len(visible))
	for _, id := range visible {
		show[id] = true
	}
	// What syncIndex writes of a visible item: the index, its vocabulary, its facets. The
	// index first, all the batch's items in a row: FTS5 writes what it gathered in memory to
	// disk whenever another table's statement opens a savepoint, so interleaving would
	// write thousands of tiny segments and merge them again. The vocabulary of all the
	// batch's items at once.
	var terms newItemsTerms
	for _, r := range rows {
		if show[r.rowID()] {
			text := r.indexText()
			if err := indexItem(ctx, w.tx, w.engine, k, r.rowID(), text); err != nil {
				return err
			}
			terms.add(k.num<<kindShift|r.rowID(), termsOf(text))
		}
	}
	for _, r := range rows {
		if show[r.rowID()] {
			if err := writeFacets(ctx, w.tx, k, r.rowID(), r); err != nil {
				return err
			}
		}
	}
	if err := terms.write(ctx, w.tx); err != nil {
		return err
	}
	_, err = w.tx.NewUpdate().Table(k.table).Set("indexed = TRUE").Where("id IN (?)", bun.In(visible)).Exec(ctx)
	return err
}
