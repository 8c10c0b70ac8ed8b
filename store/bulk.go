package store

import (
	"context"
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"sync"

	"github.com/uptrace/bun"
)

// BulkLoad fills a database with a great deal of new content quickly: the benchmark's
// million news items. Each batch next returns (until it returns nil) is written in one
// transaction, as Import would write it, with these differences: every item must be new
// (a slug that exists is an error, not a replacement); rows, links, the search index, its
// vocabulary, ranking rows and facets are written many rows a statement (so a batch of thousands of
// items costs tens of statements, not tens of thousands: on PostgreSQL each is a round
// trip), with the same functions as every write for what each row holds; and the lists'
// counters are counted once, from the rows, at the end. Until then the counters lag
// behind, so nothing should read the database while it fills.
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
			docs := k.docs(c)
			if len(docs) == 0 {
				continue
			}
			rows := make([]row, len(docs))
			for i, d := range docs {
				rows[i] = d.row(now)
			}
			if err := insertRows(ctx, w.tx, rows); err != nil {
				return fmt.Errorf("store: bulk load %s: %w", k.table, err)
			}
			for i, d := range docs {
				w.ids[k.table+":"+*d.slug()] = rows[i].rowID()
			}
			if err := newLinks(ctx, w, k, docs, rows); err != nil {
				return err
			}
			if err := bulkIndex(ctx, w, k, rows); err != nil {
				return err
			}
		}
		return nil
	})
}

// insertRows inserts new rows of one kind (models of one type), valuesChunk a statement,
// and sets their IDs.
func insertRows(ctx context.Context, db bun.IDB, rows []row) error {
	for chunk := range slices.Chunk(rows, valuesChunk) {
		models := reflect.New(reflect.SliceOf(reflect.TypeOf(chunk[0]))) // *[]*NewsItem, …: what bun inserts as many rows
		for _, r := range chunk {
			models.Elem().Set(reflect.Append(models.Elem(), reflect.ValueOf(r)))
		}
		if _, err := db.NewInsert().Model(models.Interface()).Returning("id").Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}

// newLinks writes the links of new items (rows, from docs), as writer.link would.
func newLinks(ctx context.Context, w *writer, k *kind, docs []doc, rows []row) error {
	slugs := make([]map[string][]string, len(docs))
	for i, d := range docs {
		slugs[i] = d.linkSlugs()
	}
	for _, l := range k.links {
		columns := l.own + ", " + l.other
		if l.role != "" {
			columns += ", role, position"
		}
		var values [][]any
		for i := range docs {
			for position, slug := range slugs[i][l.field] {
				v := []any{rows[i].rowID(), w.ref(ctx, l.to, slug)}
				if l.role != "" {
					v = append(v, l.role, position)
				}
				values = append(values, v)
			}
		}
		if w.err != nil {
			return w.err
		}
		if err := insertValues(ctx, w.tx, l.table+" ("+columns+")", values, "ON CONFLICT DO NOTHING"); err != nil {
			return err
		}
	}
	return nil
}

// bulkIndex puts the items of a kind just written into the search index, those the
// public sees now, and marks them indexed: what syncIndex writes of each, the index, its
// vocabulary, its facets, for all of them at once.
func bulkIndex(ctx context.Context, w *writer, k *kind, rows []row) error {
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.rowID()
	}
	var visible []int64
	for chunk := range slices.Chunk(ids, valuesChunk*10) {
		var some []int64
		err := w.tx.NewSelect().TableExpr(k.table+" AS i").Column("i.id").Where("i.id IN (?)", bun.In(chunk)).
			Where(publicSQL("i"), w.now).Scan(ctx, &some)
		if err != nil {
			return err
		}
		visible = append(visible, some...)
	}
	if len(visible) == 0 {
		return nil
	}
	show := make(map[int64]bool, len(visible))
	for _, id := range visible {
		show[id] = true
	}
	var shown []row
	for _, r := range rows {
		if show[r.rowID()] {
			shown = append(shown, r)
		}
	}
	// Each item's words and terms, worked out on every core: the text's folding and
	// stemming are most of a bulk load's work besides the database's own.
	type indexed struct {
		search, ranking []any
		terms           itemTerms
	}
	prepared := make([]indexed, len(shown))
	var columns string
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for n := range workers {
		wg.Go(func() {
			for i := n; i < len(shown); i += workers {
				rowid := k.num<<kindShift | shown[i].rowID()
				text := shown[i].indexText()
				words := wordsOf(text)
				c, values := w.engine.searchRow(rowid, words)
				prepared[i] = indexed{search: values, ranking: rankingValues(rowid, words), terms: termsOf(text)}
				if i == 0 {
					columns = c
				}
			}
		})
	}
	wg.Wait()
	search, ranking := make([][]any, len(shown)), make([][]any, len(shown))
	var terms newItemsTerms
	for i, p := range prepared {
		search[i], ranking[i] = p.search, p.ranking
		terms.add(k.num<<kindShift|shown[i].rowID(), p.terms)
	}
	if err := insertValues(ctx, w.tx, "search ("+columns+")", search, ""); err != nil {
		return err
	}
	if err := insertValues(ctx, w.tx, rankingTable, ranking, ""); err != nil {
		return err
	}
	if err := terms.write(ctx, w.tx); err != nil {
		return err
	}
	if err := newFacets(ctx, w.tx, k, shown); err != nil {
		return err
	}
	for chunk := range slices.Chunk(visible, valuesChunk*10) {
		if _, err := w.tx.NewUpdate().Table(k.table).Set("indexed = TRUE").Where("id IN (?)", bun.In(chunk)).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}
