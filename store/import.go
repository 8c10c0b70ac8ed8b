package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// Import writes content in one transaction: items are created, or replaced when their slug
// exists, with their links, list counters and search index rows. Nothing is written when any item is
// invalid; the error is an *InputError naming the item and field.
func (s *Store) Import(ctx context.Context, c *Content) error {
	if err := c.validate(); err != nil {
		return err
	}
	defer s.wakePublisher() // some items may be scheduled
	now := s.clock()
	return s.writeContent(ctx, c, now, func(ctx context.Context, w *writer) error {
		for _, k := range registry {
			for _, d := range k.docs(c) {
				was := w.public(ctx, k, *d.slug())
				w.uncount(ctx, k, w.existing(ctx, k.table, *d.slug()))
				id := w.upsert(ctx, k.table+":"+*d.slug(), d.row(now))
				w.link(ctx, k, id, d.linkSlugs())
				w.index(ctx, k, id)
				w.removed(ctx, k, id, was)
				w.count(ctx, k, id)
			}
		}
		return nil
	})
}

// writeContent is the transaction of Import and of BulkLoad's batches: it takes the
// content lock, writes the topics, lets items write the items with w, and counts the
// change in the content generation. Nothing is written when either fails.
func (s *Store) writeContent(ctx context.Context, c *Content, now time.Time, items func(context.Context, *writer) error) error {
	return s.write.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := s.engine.serialize(ctx, tx, contentLock); err != nil {
			return err
		}
		w := newWriter(tx, s.engine, now)
		for _, t := range c.Topics {
			w.upsert(ctx, "topics:"+t.Slug, &Topic{Slug: t.Slug, SrName: t.Name.Sr, EnName: t.Name.En})
		}
		if err := items(ctx, w); err != nil {
			return err
		}
		if w.err != nil {
			return w.err
		}
		return bumpGeneration(ctx, tx)
	})
}

// validate checks every item before anything is written: each on its own (the rules
// editors' input keeps too), and slugs unique within the import.
func (c *Content) validate() error {
	seen := map[string]bool{}
	unique := func(field, list, slug string) error {
		key := list + ":" + slug
		defer func() { seen[key] = true }()
		return check(field, !seen[key], "%q appears twice", slug)
	}
	var err error
	first := func(errs ...error) {
		if err == nil {
			err = firstError(errs...)
		}
	}
	for i, t := range c.Topics {
		f := fmt.Sprintf("topics[%d].", i)
		first(checkSlug(f+"slug", t.Slug), unique(f+"slug", "topics", t.Slug), named(f+"name", t.Name))
	}
	for _, k := range registry {
		for i, d := range k.docs(c) {
			f := fmt.Sprintf("%s[%d].", k.field, i)
			first(d.check(f), unique(f+"slug", k.field, *d.slug()))
		}
	}
	return err
}

// writer runs the statements of one import or save and keeps the first error.
type writer struct {
	tx     bun.Tx
	engine engine
	ids    map[string]int64 // "table:slug" → id, of the items written
	now    time.Time
	err    error
}

func newWriter(tx bun.Tx, e engine, now time.Time) *writer {
	return &writer{tx: tx, engine: e, ids: map[string]int64{}, now: now}
}

func (w *writer) exec(ctx context.Context, query string, args ...any) {
	if w.err == nil {
		_, w.err = w.tx.ExecContext(ctx, query, args...)
	}
}

// upsert inserts a model, or updates the row with its slug, and returns the row's ID.
func (w *writer) upsert(ctx context.Context, key string, model any) int64 {
	if w.err != nil {
		return 0
	}
	var id int64
	w.err = w.tx.NewInsert().Model(model).On("CONFLICT (slug) DO UPDATE").
		Set(setAll(w.tx, model)).Returning("id").Scan(ctx, &id)
	w.ids[key] = id
	return id
}

// setAll is the SET clause of an upsert: every column but the key ones, the creation time
// and whether the row is indexed (syncIndex keeps that); the version grows by one.
func setAll(db bun.IDB, model any) string {
	var sets []string
	table := db.Dialect().Tables().Get(reflect.TypeOf(model).Elem())
	for _, f := range table.Fields {
		switch f.Name {
		case "id", "slug", "created_at", "indexed":
		case "version": // the stored row's, named by its alias: EXCLUDED has one too
			sets = append(sets, "version = "+string(table.SQLAlias)+".version + 1")
		default:
			sets = append(sets, f.Name+" = EXCLUDED."+f.Name)
		}
	}
	return strings.Join(sets, ", ")
}

// ref returns the ID of an item by its table and slug: one written in this import, or
// one already in the database.
func (w *writer) ref(ctx context.Context, table, slug string) int64 {
	key := table + ":" + slug
	if id, ok := w.ids[key]; ok || w.err != nil {
		return id
	}
	var id int64
	if err := w.tx.QueryRowContext(ctx, "SELECT id FROM "+table+" WHERE slug = ?", slug).Scan(&id); err != nil {
		noun := strings.TrimSuffix(table, "s")
		w.err = inputError(noun, "unknown %s %q", noun, slug)
	}
	w.ids[key] = id
	return id
}

// link replaces the links of an item of a kind with the slugs given, by the link's field.
func (w *writer) link(ctx context.Context, k *kind, id int64, slugs map[string][]string) {
	for _, l := range k.links {
		if l.role == "" {
			w.exec(ctx, "DELETE FROM "+l.table+" WHERE "+l.own+" = ?", id)
			for _, slug := range slugs[l.field] {
				w.exec(ctx, "INSERT INTO "+l.table+" ("+l.own+", "+l.other+") VALUES (?, ?) ON CONFLICT DO NOTHING", id, w.ref(ctx, l.to, slug))
			}
			continue
		}
		w.exec(ctx, "DELETE FROM "+l.table+" WHERE "+l.own+" = ? AND role = ?", id, l.role)
		for i, slug := range slugs[l.field] {
			w.exec(ctx, "INSERT INTO "+l.table+" ("+l.own+", "+l.other+", role, position) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
				id, w.ref(ctx, l.to, slug), l.role, i)
		}
	}
}

// index puts an item into the search index, or takes it out, as its state says.
func (w *writer) index(ctx context.Context, k *kind, id int64) {
	if w.err == nil {
		w.err = syncAndAnnounce(ctx, w.tx, w.engine, k, id, w.now)
	}
}

// existing returns the ID of the item of a table with a slug, 0 when there is none.
func (w *writer) existing(ctx context.Context, table, slug string) int64 {
	if w.err != nil {
		return 0
	}
	var id int64
	err := w.tx.QueryRowContext(ctx, "SELECT id FROM "+table+" WHERE slug = ?", slug).Scan(&id)
	if !errors.Is(err, sql.ErrNoRows) {
		w.err = err
	}
	return id
}

// uncount takes an item's list counters away before it is written (counts.go).
func (w *writer) uncount(ctx context.Context, k *kind, id int64) {
	if w.err == nil {
		w.err = addItemCounts(ctx, w.tx, k, id, -1)
	}
}

// count adds an item's list counters once it is written.
func (w *writer) count(ctx context.Context, k *kind, id int64) {
	if w.err == nil {
		w.err = addItemCounts(ctx, w.tx, k, id, 1)
	}
}
