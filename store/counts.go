package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/uptrace/bun"
)

// Counts that cost nothing: the totalCount of the public lists, without counting every
// row on a request.
//
// The table list_counts (migrations/011_list_counts.sql) keeps, per list (a kind's table)
// and key, how many items are listed: published and not deleted, whatever their
// publication time. The key "" is the whole list; "dim:value" the items with that value
// in one of the kind's count dimensions (countDim), such as "topic:12" or "status:ONGOING".
// Every write adjusts them in its own transaction: an item's keys are taken away before it
// is written and added back after it (addItemCounts). A public count is then its counter
// less the listed items whose publication time has not come (scheduled ones: few, and
// found by index), so it is exact at every instant, a scheduled item counted exactly when
// the list starts to show it. Filters that no single counter covers (two at once, dates,
// activeOn) are counted once per content generation (countCache), less the scheduled ones.

// countDim is a dimension a list keeps counters by: the values an item has in it.
type countDim struct {
	name  string // the key's prefix: "topic", "status", …
	table string // the table that holds the values: the kind's own, or a link table
	item  string // its column of the item's ID
	value string // its column of the value
	where string // a further condition on its rows, starting with a column's name; "" for none
}

// The kinds' count dimensions: one per filter of its public list that takes one value.
var (
	newsDims = []countDim{
		{name: "topic", table: "news_topics", item: "news_id", value: "topic_id"},
		{name: "partner", table: "news_partners", item: "news_id", value: "partner_id"},
		{name: "project", table: "news_projects", item: "news_id", value: "project_id"},
	}
	projectDims = []countDim{
		{name: "status", table: "projects", item: "id", value: "status"},
		{name: "topic", table: "project_topics", item: "project_id", value: "topic_id"},
		{name: "funder", table: "project_partners", item: "project_id", value: "partner_id", where: "role = 'FUNDER'"},
		{name: "implementer", table: "project_partners", item: "project_id", value: "partner_id", where: "role = 'IMPLEMENTER'"},
	}
	partnerDims = []countDim{
		{name: "kind", table: "partners", item: "id", value: "kind"},
	}
)

// listedSQL is the condition under which an item of a table (by its alias) is counted:
// published and not deleted, whatever its publication time.
func listedSQL(alias string) string {
	return alias + ".state = 'PUBLISHED' AND " + alias + ".deleted_at IS NULL"
}

// scheduledSQL is the condition of the listed items the public does not see yet at the
// time it takes as its one argument.
func scheduledSQL(alias string) string {
	return listedSQL(alias) + " AND " + alias + ".published_at > ?"
}

// countKey is the counter key of a dimension's value.
func countKey(dim, value string) string { return dim + ":" + value }

// itemCountKeys lists the counter keys an item of a kind counts under: none when it is
// not listed.
func itemCountKeys(ctx context.Context, db bun.IDB, k *kind, id int64) ([]string, error) {
	var listed bool
	err := db.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM "+k.table+" AS i WHERE i.id = ? AND "+listedSQL("i")+")", id).Scan(&listed)
	if err != nil || !listed {
		return nil, err
	}
	keys := []string{""}
	for _, d := range k.dims {
		var values []string
		q := "SELECT DISTINCT CAST(" + d.value + " AS TEXT) FROM " + d.table + " WHERE " + d.item + " = ?"
		if d.where != "" {
			q += " AND " + d.where
		}
		if err := db.NewRaw(q, id).Scan(ctx, &values); err != nil {
			return nil, err
		}
		for _, v := range values {
			keys = append(keys, countKey(d.name, v))
		}
	}
	return keys, nil
}

// addItemCounts adds delta (1 or -1) to the counters of an item as it is now: -1 before a
// write changes it, 1 after. An ID of 0 (no item yet) changes nothing.
func addItemCounts(ctx context.Context, db bun.IDB, k *kind, id int64, delta int) error {
	if id == 0 {
		return nil
	}
	keys, err := itemCountKeys(ctx, db, k, id)
	if err != nil {
		return err
	}
	for _, key := range keys {
		_, err := db.ExecContext(ctx, "INSERT INTO list_counts (list, key, n) VALUES (?, ?, ?) "+
			"ON CONFLICT (list, key) DO UPDATE SET n = list_counts.n + excluded.n", k.table, key, delta)
		if err != nil {
			return err
		}
	}
	return nil
}

// recountLists fills list_counts again from the rows: migration 11 does it, and so does
// RecountLists after content was written around the store.
func recountLists(ctx context.Context, db bun.Tx) error {
	if _, err := db.ExecContext(ctx, "DELETE FROM list_counts"); err != nil {
		return err
	}
	for _, k := range registry {
		_, err := db.ExecContext(ctx, "INSERT INTO list_counts (list, key, n) SELECT ?, '', count(*) FROM "+
			k.table+" AS i WHERE "+listedSQL("i"), k.table)
		if err != nil {
			return err
		}
		for _, d := range k.dims {
			q := "INSERT INTO list_counts (list, key, n) SELECT ?, ? || CAST(d." + d.value + " AS TEXT), count(DISTINCT d." + d.item + ") " +
				"FROM " + d.table + " AS d JOIN " + k.table + " AS i ON i.id = d." + d.item + " WHERE " + listedSQL("i")
			if d.where != "" {
				q += " AND d." + d.where
			}
			if _, err := db.ExecContext(ctx, q+" GROUP BY d."+d.value, k.table, d.name+":"); err != nil {
				return err
			}
		}
	}
	return nil
}

// RecountLists fills the lists' counters again from the rows, in one transaction. Only a
// tool that wrote content without the store (the benchmark's bulk fill) needs it.
func (s *Store) RecountLists(ctx context.Context) error {
	return s.write.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := s.engine.serialize(ctx, tx, contentLock); err != nil {
			return err
		}
		if err := recountLists(ctx, tx); err != nil {
			return err
		}
		return bumpGeneration(ctx, tx)
	})
}

// listFilter is a public list's filter with its slugs resolved: the conditions it adds to
// a query of the kind's table (by the kind's alias), and how its count is found.
type listFilter struct {
	k     *kind
	where func(q *bun.SelectQuery) *bun.SelectQuery
	keys  []string // the counters whose sum is the listed count; nil when none covers it
	id    string   // identifies the filter among the kind's, for the count cache
}

// publicCount is how many items the public sees in a filtered list at now: the listed
// ones less the scheduled ones.
func (s *Store) publicCount(ctx context.Context, f listFilter, now time.Time) (int, error) {
	listed, err := s.listedCount(ctx, f)
	if err != nil {
		return 0, err
	}
	later, err := f.where(s.read.NewSelect().TableExpr(f.k.table+" AS "+f.k.alias)).
		Where(scheduledSQL(f.k.alias), now).Count(ctx)
	return listed - int(later), err
}

// listedCount is how many items of a filtered list are listed: the sum of its counters,
// or a count cached for the content generation when no counter covers the filter.
func (s *Store) listedCount(ctx context.Context, f listFilter) (int, error) {
	if f.keys != nil {
		var n int
		err := s.read.NewSelect().Table("list_counts").ColumnExpr("coalesce(sum(n), 0)").
			Where("list = ?", f.k.table).Where("key IN (?)", bun.In(f.keys)).Scan(ctx, &n)
		return n, err
	}
	gen, err := s.Generation(ctx) // read before counting: a count is never older than its generation
	if err != nil {
		return 0, err
	}
	key := f.k.table + "?" + f.id
	if n, ok := s.counts.get(gen, key); ok {
		return n, nil
	}
	n, err := f.where(s.read.NewSelect().TableExpr(f.k.table + " AS " + f.k.alias)).Where(listedSQL(f.k.alias)).Count(ctx)
	if err != nil {
		return 0, err
	}
	s.counts.put(gen, key, int(n))
	return int(n), nil
}

// countCache holds the listed counts of filters no counter covers, for one content
// generation: a new generation empties it. It holds at most maxCachedCounts of them and
// starts again when full, so arbitrary filters cannot make it grow.
type countCache struct {
	mu     sync.Mutex
	gen    int64
	counts map[string]int
}

const maxCachedCounts = 4096

func (c *countCache) get(gen int64, key string) (int, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n, ok := c.counts[key]
	return n, ok && c.gen == gen
}

func (c *countCache) put(gen int64, key string, n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen < c.gen {
		return // counted at an older generation than the cache holds already
	}
	if gen > c.gen || c.counts == nil || len(c.counts) >= maxCachedCounts {
		c.gen, c.counts = gen, map[string]int{}
	}
	c.counts[key] = n
}

// slugID returns the ID of the row of a table with a slug, under more conditions (a
// public condition's time as args), and false when there is none.
func (s *Store) slugID(ctx context.Context, table, cond string, slug string, args ...any) (int64, bool, error) {
	q := s.read.NewSelect().TableExpr(table+" AS t").Column("t.id").Where("t.slug = ?", slug)
	if cond != "" {
		q.Where(cond, args...)
	}
	var id int64
	err := q.Scan(ctx, &id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	return id, err == nil, err
}

// filterID joins the parts of a filter's identity in the count cache.
func filterID(parts ...string) string { return strings.Join(parts, "\x1f") }

// filterBuilder makes a listFilter from a list's filter arguments, one condition at a time.
type filterBuilder struct {
	s       *Store
	conds   []string
	args    [][]any
	keys    []string // the counter keys of the one filter a counter covers
	filters int      // how many filters are set
	covered bool     // the last filter set is one a counter covers
	id      []string
}

// add adds a condition no counter covers, identified by id in the count cache.
func (b *filterBuilder) add(id, cond string, args ...any) {
	b.conds, b.args = append(b.conds, cond), append(b.args, args)
	b.id = append(b.id, id)
	b.filters++
	b.covered = false
}

// values adds a condition that a dimension's value is one of values, each counted.
func (b *filterBuilder) values(dim, cond string, values []string) {
	values = uniqueStrings(values)
	b.add(dim+"="+strings.Join(values, ","), cond, bun.In(values))
	b.keys, b.covered = nil, true
	for _, v := range values {
		b.keys = append(b.keys, countKey(dim, v))
	}
}

// ref adds a condition on the item a slug names in table (which must meet public, with
// args, to count): cond is the list's condition on its ID. A slug that names none the
// public sees is BAD_USER_INPUT naming the filter's field (dim), so that a typo is not
// mistaken for an empty list.
func (b *filterBuilder) ref(ctx context.Context, dim, slug, table, public, cond string, args ...any) error {
	id, ok, err := b.s.slugID(ctx, table, public, slug, args...)
	if err != nil {
		return err
	}
	if !ok {
		noun := strings.TrimSuffix(table, "s")
		return inputError("filter."+dim, "no public %s has the slug %q (slugs are lower case, as in the %s's address)", noun, shortText(slug), noun)
	}
	v := strconv.FormatInt(id, 10)
	b.add(dim+"="+v, cond, id)
	b.keys, b.covered = []string{countKey(dim, v)}, true
	return nil
}

// filter is the listFilter built, for the list of kind k.
func (b *filterBuilder) filter(k *kind) listFilter {
	f := listFilter{k: k, id: filterID(b.id...)}
	switch {
	case b.filters == 0:
		f.keys = []string{""}
	case b.filters == 1 && b.covered:
		f.keys = b.keys
	}
	f.where = func(q *bun.SelectQuery) *bun.SelectQuery {
		for i, c := range b.conds {
			q.Where(c, b.args[i]...)
		}
		return q
	}
	return f
}

func uniqueStrings(list []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, v := range list {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}
