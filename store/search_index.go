package store

import (
	"context"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/agency/portal/translit"
)

// The search index (an FTS5 table on SQLite, a table of tsvectors on PostgreSQL: see
// search_sqlite.go and search_postgres.go) holds the items the public sees, and only
// those: every write keeps it in step in the same transaction, and the publisher
// (publisher.go) indexes a scheduled item when its time comes. An item's rowid is its
// kind's number in the high bits and its ID in the low ones.

// indexText is what the search index holds of an item, before folding: its Serbian text
// (in either script) and its English text, each in three parts.
type indexText struct{ sr, en textParts }

// textParts is an item's text in one language, by the part it counts as in ranking.
type textParts struct{ title, summary, body []string }

// indexWords is an item's text as the index holds it, the same on both engines: by part,
// its folded words (translit.Tokens), Serbian first, and in stems the stem of each of
// them, in the same order: Serbian words stemmed as Serbian, English ones as English
// (translit.Stem, once per word).
type indexWords struct{ words, stems textParts }

// indexItem puts an item into the search index and into what ranking reads of it
// (search_ranking.go).
func indexItem(ctx context.Context, db bun.IDB, e engine, k *kind, id int64, t indexText) error {
	w := wordsOf(t)
	if err := e.putSearch(ctx, db, k.num<<kindShift|id, w); err != nil {
		return err
	}
	return putRanking(ctx, db, k.num<<kindShift|id, w)
}

// wordsOf is what the index holds of an item's text.
func wordsOf(t indexText) indexWords {
	var w indexWords
	w.words.title, w.stems.title = foldAndStem(t.sr.title, t.en.title)
	w.words.summary, w.stems.summary = foldAndStem(t.sr.summary, t.en.summary)
	w.words.body, w.stems.body = foldAndStem(t.sr.body, t.en.body)
	return w
}

// foldAndStem is the words of one part of an item's text, Serbian then English, and
// their stems.
func foldAndStem(sr, en []string) (words, stems []string) {
	for _, lang := range []struct {
		texts []string
		lang  translit.Lang
	}{{sr, translit.Serbian}, {en, translit.English}} {
		for _, w := range translit.Tokens(strings.Join(lang.texts, "\n")) {
			words = append(words, w)
			stems = append(stems, translit.Stem(lang.lang, w))
		}
	}
	return words, stems
}

// rebuildSearch indexes anew every item in the search index: the step of the migration
// that changed what the index holds of an item (the stems). The content generation counts
// it, since results change.
func (s *Store) rebuildSearch(ctx context.Context, tx bun.Tx) error {
	// The index only: search_ranking comes with a later migration (15), which fills it.
	return refillEach(ctx, tx, func(k *kind, rowid int64, r row) error {
		return s.engine.putSearch(ctx, tx, rowid, wordsOf(r.indexText()))
	})
}

// refillEach is a migration's step that writes something anew for every item the search
// index holds (eachIndexed), then counts the content generation, since answers change.
func refillEach(ctx context.Context, tx bun.Tx, fn func(k *kind, rowid int64, r row) error) error {
	if err := eachIndexed(ctx, tx, fn); err != nil {
		return err
	}
	return bumpGeneration(ctx, tx)
}

// eachIndexed calls fn with every item the search index holds, and its rowid there.
func eachIndexed(ctx context.Context, tx bun.Tx, fn func(k *kind, rowid int64, r row) error) error {
	for _, k := range registry {
		var ids []int64
		if err := tx.NewSelect().Table(k.table).Column("id").Where("indexed").Scan(ctx, &ids); err != nil {
			return err
		}
		for _, id := range ids {
			r := k.newRow()
			// alias.*, as syncIndex does: migration 7's step runs before later migrations
			// add the model's newer columns.
			if err := tx.NewSelect().Model(r).ColumnExpr(k.alias+".*").Where("id = ?", id).Scan(ctx); err != nil {
				return err
			}
			if err := fn(k, k.num<<kindShift|id, r); err != nil {
				return err
			}
		}
	}
	return nil
}

// syncIndex puts an item into the search index and its vocabulary (search_terms.go) when
// the public may see it at now, and takes it out otherwise, so that search ranks and
// counts public items only.
func syncIndex(ctx context.Context, db bun.IDB, e engine, k *kind, id int64, now time.Time) error {
	var visible, indexed bool
	err := db.QueryRowContext(ctx, "SELECT "+publicSQL(k.table)+", indexed FROM "+k.table+" WHERE id = ?", now, id).Scan(&visible, &indexed)
	if err != nil {
		return err
	}
	rowid := k.num<<kindShift | id
	if visible {
		r := k.newRow()
		// alias.* rather than the model's columns: a migration's step (7) reads rows
		// before later migrations add the columns the model has by then.
		err := db.NewSelect().Model(r).ColumnExpr(k.alias+".*").Where("id = ?", id).Scan(ctx)
		if err == nil {
			err = indexItem(ctx, db, e, k, id, r.indexText())
		}
		if err == nil {
			err = putTerms(ctx, db, rowid, termsOf(r.indexText()))
		}
		if err == nil {
			err = writeFacets(ctx, db, k, id, r)
		}
		if err != nil {
			return err
		}
	} else if indexed {
		if err := e.deleteSearch(ctx, db, rowid); err != nil {
			return err
		}
		if err := deleteRanking(ctx, db, rowid); err != nil {
			return err
		}
		if err := deleteTerms(ctx, db, rowid); err != nil {
			return err
		}
		if err := deleteFacets(ctx, db, k.num<<kindShift|id); err != nil {
			return err
		}
	}
	if visible != indexed {
		_, err = db.ExecContext(ctx, "UPDATE "+k.table+" SET indexed = ? WHERE id = ?", visible, id)
	}
	return err
}
