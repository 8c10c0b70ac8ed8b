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

// indexText is what the search index holds of an item, before folding.
type indexText struct{ title, summary, body []string }

// indexWords is an item's text as the index holds it: folded words (translit.Tokens),
// the same on both engines.
type indexWords struct{ title, summary, body []string }

func indexItem(ctx context.Context, db bun.IDB, e engine, k *kind, id int64, t indexText) error {
	fold := func(parts []string) []string { return translit.Tokens(strings.Join(parts, "\n")) }
	return e.putSearch(ctx, db, k.num<<kindShift|id, indexWords{fold(t.title), fold(t.summary), fold(t.body)})
}

// syncIndex puts an item into the search index when the public may see it at now, and
// takes it out otherwise, so that search ranks and counts public items only.
func syncIndex(ctx context.Context, db bun.IDB, e engine, k *kind, id int64, now time.Time) error {
	var visible, indexed bool
	err := db.QueryRowContext(ctx, "SELECT "+publicSQL(k.table)+", indexed FROM "+k.table+" WHERE id = ?", now, id).Scan(&visible, &indexed)
	if err != nil {
		return err
	}
	if visible {
		r := k.newRow()
		err := db.NewSelect().Model(r).Where("id = ?", id).Scan(ctx)
		if err == nil {
			err = indexItem(ctx, db, e, k, id, r.indexText())
		}
		if err != nil {
			return err
		}
	} else if indexed {
		if err := e.deleteSearch(ctx, db, k.num<<kindShift|id); err != nil {
			return err
		}
	}
	if visible != indexed {
		_, err = db.ExecContext(ctx, "UPDATE "+k.table+" SET indexed = ? WHERE id = ?", visible, id)
	}
	return err
}
