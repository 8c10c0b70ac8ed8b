package store

import (
	"context"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/agency/portal/translit"
)

// The search index (the FTS5 table search, see migrations/001_content.sql) holds the
// items the public sees, and only those: every write keeps it in step in the same
// transaction, and the publisher (publisher.go) indexes a scheduled item when its time
// comes. An item's rowid is its kind's number in the high bits and its ID in the low ones.

// indexText is what the search index holds of an item, before folding.
type indexText struct{ title, summary, body []string }

func indexItem(ctx context.Context, db bun.IDB, k *kind, id int64, t indexText) error {
	rowid := k.num<<kindShift | id
	if _, err := db.ExecContext(ctx, "DELETE FROM search WHERE rowid = ?", rowid); err != nil {
		return err
	}
	fold := func(parts []string) string { return strings.Join(translit.Tokens(strings.Join(parts, "\n")), " ") }
	_, err := db.ExecContext(ctx, "INSERT INTO search (rowid, title, summary, body) VALUES (?, ?, ?, ?)",
		rowid, fold(t.title), fold(t.summary), fold(t.body))
	return err
}

// syncIndex puts an item into the search index when the public may see it at now, and
// takes it out otherwise, so that search ranks and counts public items only.
func syncIndex(ctx context.Context, db bun.IDB, k *kind, id int64, now time.Time) error {
	var visible, indexed bool
	err := db.QueryRowContext(ctx, "SELECT "+publicSQL(k.table)+", indexed FROM "+k.table+" WHERE id = ?", now, id).Scan(&visible, &indexed)
	if err != nil {
		return err
	}
	if visible {
		r := k.newRow()
		err := db.NewSelect().Model(r).Where("id = ?", id).Scan(ctx)
		if err == nil {
			err = indexItem(ctx, db, k, id, r.indexText())
		}
		if err != nil {
			return err
		}
	} else if indexed {
		if _, err := db.ExecContext(ctx, "DELETE FROM search WHERE rowid = ?", k.num<<kindShift|id); err != nil {
			return err
		}
	}
	if visible != indexed {
		_, err = db.ExecContext(ctx, "UPDATE "+k.table+" SET indexed = ? WHERE id = ?", visible, id)
	}
	return err
}
