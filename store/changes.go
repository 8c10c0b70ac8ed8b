package store

import (
	"context"
	"strconv"
	"time"

	"github.com/uptrace/bun"
)

// Incremental sync, for partners who keep a copy of the public content: when the public
// last saw each item change (updatedAt, the updatedSince filter and the UPDATED_AT order),
// and which items left the public view since a time (removedSince), for every kind alike.
//
// An item's public updatedAt is the later of its last change by an editor or an import
// (changed_at: content, publication, any state change) and its publication time (a
// scheduled item changes for the public when its time comes, without anyone writing).
// Changes to the items it links to (a partner renamed, a topic renamed) do not change it:
// a mirror syncs every kind and joins them by ID.

// updatedSQL is the public updatedAt of a row of news, projects or partners (alias is the
// table's alias), as SQL. Both columns hold times in one text format, so they compare as
// text on either engine.
func updatedSQL(alias string) string {
	return "CASE WHEN " + alias + ".published_at > " + alias + ".changed_at THEN " + alias + ".published_at ELSE " + alias + ".changed_at END"
}

// publicUpdatedAt is the Go form of updatedSQL, for an item published at publishedAt.
func (p *Publication) publicUpdatedAt(publishedAt *time.Time) time.Time {
	if publishedAt != nil && publishedAt.After(p.ChangedAt) {
		return publishedAt.UTC()
	}
	return p.ChangedAt.UTC()
}

// LastPublicChange is when the public last saw the item change (GraphQL's updatedAt).
func (n *NewsItem) LastPublicChange() time.Time { return n.publicUpdatedAt(&n.PublishedAt) }

// UpdatedAt is when the public last saw the project change.
func (p *Project) UpdatedAt() time.Time { return p.publicUpdatedAt(p.PublishedAt) }

// UpdatedAt is when the public last saw the partner change.
func (p *Partner) UpdatedAt() time.Time { return p.publicUpdatedAt(p.PublishedAt) }

// updatedSince narrows a query to the rows the public saw change at or after since.
func (b *filterBuilder) updatedSince(alias string, since *time.Time) {
	if since != nil {
		at := since.UTC().Truncate(time.Second)
		b.add("updatedSince="+at.Format(time.RFC3339), updatedSQL(alias)+" >= ?", at)
	}
}

// updatedTag is the cursor tag of a list of a kind in the UPDATED_AT order, or in its
// reverse (desc).
func updatedTag(k *kind, desc bool) string {
	if desc {
		return "v" + string(k.kind)
	}
	return "u" + string(k.kind)
}

// updatedPage orders a query of a kind's rows by their public updatedAt, the oldest
// change first (the newest first when desc), then by ID (so items changed in one second
// keep one order), after the cursor p.After. Oldest first is the order a sync wants: an
// item changed while a client pages moves to the end, where the client meets it again,
// instead of being skipped.
func updatedPage(q *bun.SelectQuery, k *kind, p Page, desc bool) error {
	op, dir := ">", " ASC"
	if desc {
		op, dir = "<", " DESC"
	}
	if p.After != "" {
		key, id, err := decodeIDCursor(p.After, updatedTag(k, desc), 2)
		if err != nil {
			return err
		}
		at, err := time.Parse(time.RFC3339, key[0])
		if err != nil {
			return inputError("after", "is not a cursor of this list")
		}
		q.Where("("+updatedSQL(k.alias)+", "+k.alias+".id) "+op+" (?, ?)", at.UTC(), id)
	}
	q.OrderExpr(updatedSQL(k.alias) + dir + ", " + k.alias + ".id" + dir)
	return nil
}

// updatedCursor is the cursor of an item in the UPDATED_AT order.
func updatedCursor(k *kind, desc bool, at time.Time, id int64) string {
	return encodeCursor(updatedTag(k, desc), at.UTC().Format(time.RFC3339), strconv.FormatInt(id, 10))
}

// Removal is an item that left the public view: unpublished, deleted, or its publication
// moved into the future again.
type Removal struct {
	Kind      Kind
	ItemID    int64 `bun:"item_id"`
	RemovedAt time.Time
}

// GlobalItemID is the global ID the item had.
func (r *Removal) GlobalItemID() string {
	if k := kindOfKind(r.Kind); k != nil {
		return globalID(k.typ, r.ItemID)
	}
	return ""
}

// RemovalConnection is a page of removals.
type RemovalConnection struct {
	Edges    []*RemovalEdge
	PageInfo *PageInfo
	count    counter
}

// TotalCount is how many removals match, across all pages.
func (c *RemovalConnection) TotalCount(ctx context.Context) (int, error) { return c.count(ctx) }

// RemovalEdge is a removal with its cursor.
type RemovalEdge struct {
	Cursor string
	Node   *Removal
}

const removalTag = "x"

// RemovedSince lists the items that left the public view at or after since and are not
// public now, the oldest removal first. An item that left and came back is not listed:
// it is in updatedSince's answer instead, so a mirror may apply both lists in any order.
func (s *Store) RemovedSince(ctx context.Context, since time.Time, p Page) (*RemovalConnection, error) {
	now := s.clock()
	filter := func() *bun.SelectQuery {
		q := s.read.NewSelect().TableExpr("removals AS r").Where("r.at >= ?", since.UTC().Truncate(time.Second))
		for _, k := range registry {
			q.Where("NOT (r.kind = ? AND EXISTS (SELECT 1 FROM "+k.table+" AS x WHERE x.id = r.item_id AND "+publicSQL("x")+"))", k.kind, now)
		}
		return q
	}
	q := filter().ColumnExpr("r.kind, r.item_id, r.at AS removed_at")
	if p.After != "" {
		key, id, err := decodeIDCursor(p.After, removalTag, 3)
		if err != nil {
			return nil, err
		}
		at, err := time.Parse(time.RFC3339, key[0])
		if err != nil {
			return nil, inputError("after", "is not a cursor of this list")
		}
		q.Where("(r.at, r.kind, r.item_id) > (?, ?, ?)", at.UTC(), key[1], id)
	}
	var items []*Removal
	if err := q.OrderExpr("r.at, r.kind, r.item_id").Limit(int64(p.First+1)).Scan(ctx, &items); err != nil {
		return nil, err
	}
	items, cursors, info := pageOf(items, p, func(r *Removal) string {
		return encodeCursor(removalTag, r.RemovedAt.UTC().Format(time.RFC3339), string(r.Kind), strconv.FormatInt(r.ItemID, 10))
	})
	c := &RemovalConnection{Edges: make([]*RemovalEdge, len(items)), PageInfo: info, count: func(ctx context.Context) (int, error) {
		n, err := filter().Count(ctx)
		return int(n), err
	}}
	for i, r := range items {
		r.RemovedAt = r.RemovedAt.UTC()
		c.Edges[i] = &RemovalEdge{Cursor: cursors[i], Node: r}
	}
	return c, nil
}

// LastPublished is the latest publication time of an item the public sees now (zero when
// none): with the content generation it tells a cache whether public lists may have
// changed, since a scheduled item's time arriving changes them without a write.
func (s *Store) LastPublished(ctx context.Context) (time.Time, error) {
	var last time.Time
	for _, k := range registry {
		var at bun.NullTime
		if err := s.public(s.read.NewSelect().TableExpr(k.table+" AS x").ColumnExpr("max(x.published_at)"), "x").Scan(ctx, &at); err != nil {
			return time.Time{}, err
		}
		if at.Time.After(last) {
			last = at.Time
		}
	}
	return last.UTC(), nil
}

// isPublic tells whether the public sees the item of a kind that a condition (such as
// "id = ?") selects, at now.
func isPublic(ctx context.Context, db bun.IDB, k *kind, now time.Time, where string, arg any) (bool, error) {
	var ok bool
	err := db.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM "+k.table+" AS x WHERE x."+where+" AND "+publicSQL("x")+")", arg, now).Scan(&ok)
	return ok, err
}

// recordRemoval notes, in the write's transaction, that an item the public saw at now
// (wasPublic) may have left its view: it is recorded when the item is no longer public.
func recordRemoval(ctx context.Context, db bun.IDB, k *kind, id int64, wasPublic bool, now time.Time) error {
	if !wasPublic {
		return nil
	}
	public, err := isPublic(ctx, db, k, now, "id = ?", id)
	if err != nil || public {
		return err
	}
	_, err = db.ExecContext(ctx, "INSERT INTO removals (kind, item_id, at) VALUES (?, ?, ?) "+
		"ON CONFLICT (kind, item_id) DO UPDATE SET at = EXCLUDED.at", k.kind, id, now)
	return err
}

// kindOfKind is the registry's entry of a kind, or nil when it is none.
func kindOfKind(k Kind) *kind {
	entry, _ := kindOf(k, "")
	return entry
}

// public tells whether the public sees the stored item of a kind with a slug (false when
// there is none), before an import writes it.
func (w *writer) public(ctx context.Context, k *kind, slug string) bool {
	if w.err != nil {
		return false
	}
	var ok bool
	ok, w.err = isPublic(ctx, w.tx, k, w.now, "slug = ?", slug)
	return ok
}

// removed records that an imported item left the public view, if it did.
func (w *writer) removed(ctx context.Context, k *kind, id int64, wasPublic bool) {
	if w.err == nil {
		w.err = recordRemoval(ctx, w.tx, k, id, wasPublic, w.now)
	}
}
