package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"

	"github.com/uptrace/bun"
	"golang.org/x/sync/errgroup"
)

// Search's filters and facets. Beside the search index, two tables (migrations/
// 012_search_facets.sql) hold what search filters and counts by, for the items the index
// holds and only those: search_topics, the topics each is filed under, and search_years,
// its year (searchYear). Both are written with the index, in the same transaction.
//
// Counts are bounded: a search counts at most maxCounted matches of each kind, the most
// recent first (the set that search.go ranks), reading the index and these two tables
// only, never an item's text or tsvector; past that a count stops and the connection says
// its counts are not exact.

// SearchFilter narrows a search. All given conditions must hold.
type SearchFilter struct {
	Kinds []Kind // only these kinds; none means every kind
	Topic string // only items filed under the topic with this slug; "" means any
	Year  *int   // only items of this year; nil means any
}

// Years search accepts as a filter.
const (
	minSearchYear = 1900
	maxSearchYear = 2200
)

// searchScope is a SearchFilter checked and resolved: the kinds asked for (every kind when
// none is) and the topic's ID (0: any).
type searchScope struct {
	kinds   []*kind
	topicID int64
	year    int
}

// SearchTopicFacet is how many hits of a search are filed under one topic.
type SearchTopicFacet struct {
	Topic *Topic
	Count int
}

// SearchYearFacet is how many hits of a search are of one year.
type SearchYearFacet struct {
	Year  int
	Count int
}

// searchScopeOf checks a filter: an unknown topic slug or a year out of range is bad input.
func (s *Store) searchScopeOf(ctx context.Context, f SearchFilter) (searchScope, error) {
	var sc searchScope
	for _, k := range byNum(registry) {
		if len(f.Kinds) == 0 || slices.Contains(f.Kinds, k.kind) {
			sc.kinds = append(sc.kinds, k)
		}
	}
	if f.Year != nil {
		if *f.Year < minSearchYear || *f.Year > maxSearchYear {
			return sc, inputError("year", "must be a year from %d to %d", minSearchYear, maxSearchYear)
		}
		sc.year = *f.Year
	}
	if f.Topic == "" {
		return sc, nil
	}
	err := s.read.NewSelect().Table("topics").Column("id").Where("slug = ?", f.Topic).Scan(ctx, &sc.topicID)
	if errors.Is(err, sql.ErrNoRows) {
		return sc, inputError("topic", "is not the slug of a topic (see the topics query)")
	}
	return sc, err
}

// filterSQL is the condition on the search table's rowid that the scope's topic and year
// set (kinds apart), and its arguments; "TRUE"-like "1 = 1" when neither is set.
func (sc searchScope) filterSQL() (string, []any) {
	conds, args := []string{"1 = 1"}, []any{}
	if sc.topicID != 0 {
		conds = append(conds, "EXISTS (SELECT 1 FROM search_topics WHERE topic_id = ? AND item = search.rowid)")
		args = append(args, sc.topicID)
	}
	if sc.year != 0 {
		conds = append(conds, "EXISTS (SELECT 1 FROM search_years WHERE item = search.rowid AND year = ?)")
		args = append(args, sc.year)
	}
	return strings.Join(conds, " AND "), args
}

// matchedSQL selects the rowids of the scope's kinds that match the query and the scope's
// topic and year, at most limit of them, the most recent first; its arguments follow.
func matchedSQL(e engine, q searchQuery, sc searchScope, limit int) (string, []any) {
	match, args := e.searchMatch(q)
	filter, filterArgs := sc.filterSQL()
	args = append(append(args, filterArgs...), limit)
	return "SELECT rowid FROM search WHERE " + match + " AND (" + kindRanges("rowid", sc.kinds) + ") AND " + filter +
		" ORDER BY rowid DESC LIMIT ?", args
}

// countedBefore reports whether a kind's count is known without counting: when the
// vocabulary shows that more than maxCounted items of the kind match the query
// (searchQuery.leastMatches) and no topic or year narrows it. A common word so costs its
// kind the candidates a page ranks, not maxCounted+1 matches.
func countedBefore(q searchQuery, sc searchScope, k *kind) bool {
	return q.leastMatches[k.num] > maxCounted && sc.topicID == 0 && sc.year == 0
}

// countKinds counts the matches of each kind within the scope's topic and year (matchKinds),
// each at most maxCounted+1, so that a count above maxCounted says there are more.
func countKinds(ctx context.Context, db *bun.DB, e engine, q searchQuery, sc searchScope) (map[int64]int, error) {
	matches, err := matchKinds(ctx, db, e, q, sc, 1)
	out := map[int64]int{}
	for num, m := range matches {
		out[num] = m.count
	}
	return out, err
}

// kindMatches is what a search finds of one kind: how many matches, at most maxCounted+1,
// and the newest of them, as many as asked for.
type kindMatches struct {
	count  int
	newest []int64
}

// matchKinds finds the matches of each kind within the scope's topic and year, by kind
// number: their count, at most maxCounted+1, and the rowids of the newest keep of them.
// Each kind is its own statement, and they run at the same time on connections of the
// pool db (never a transaction's one connection): a search waits for its largest kind, not
// for the sum. A statement counts its matches and returns only the rowids asked for: the
// candidates of the ranking windows a page is in, not every one counted. A kind whose
// count is known (countedBefore) counts maxCounted+1 and only has those rowids read, or
// nothing when it is not one of the scope's kinds (a facet only).
func matchKinds(ctx context.Context, db *bun.DB, e engine, q searchQuery, sc searchScope, keep int) (map[int64]kindMatches, error) {
	kinds := byNum(registry)
	found := make([]kindMatches, len(kinds))
	g, ctx := errgroup.WithContext(ctx)
	for i, k := range kinds {
		one := sc
		one.kinds = []*kind{k}
		keep := max(keep, 1)
		if countedBefore(q, sc, k) {
			found[i].count = maxCounted + 1
			if !slices.Contains(sc.kinds, k) {
				continue // a facet only: its count is all it needs
			}
			matched, args := matchedSQL(e, q, one, keep)
			g.Go(func() error {
				return db.NewRaw(matched, args...).Scan(ctx, &found[i].newest)
			})
			continue
		}
		matched, args := matchedSQL(e, q, one, maxCounted+1)
		g.Go(func() error {
			var rows []struct {
				Rowid   int64
				Matches int
			}
			err := db.NewRaw("SELECT m.rowid, count(*) OVER () AS matches FROM ("+matched+") AS m ORDER BY m.rowid DESC LIMIT ?",
				append(args, keep)...).Scan(ctx, &rows)
			if err != nil || len(rows) == 0 {
				return err
			}
			found[i].count = rows[0].Matches
			found[i].newest = make([]int64, len(rows))
			for j, r := range rows {
				found[i].newest[j] = r.Rowid
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	out := map[int64]kindMatches{}
	for i, k := range kinds {
		if found[i].count > 0 {
			out[k.num] = found[i]
		}
	}
	return out, nil
}

// TopicFacets counts the hits of the search by topic, ignoring its topic filter, among at
// most maxCounted matches, the most recent first: the most frequent first, then by slug.
func (c *SearchConnection) TopicFacets(ctx context.Context) ([]*SearchTopicFacet, error) {
	out := []*SearchTopicFacet{}
	if c.s == nil {
		return out, nil
	}
	sc := c.scope
	sc.topicID = 0
	matched, args := matchedSQL(c.s.engine, c.query, sc, maxCounted)
	var rows []struct {
		Topic `bun:",extend"`
		Count int
	}
	err := c.s.read.NewRaw("SELECT topic.*, f.count FROM (SELECT t.topic_id, count(*) AS count FROM ("+matched+") AS m "+
		"JOIN search_topics AS t ON t.item = m.rowid GROUP BY t.topic_id) AS f JOIN topics AS topic ON topic.id = f.topic_id "+
		"ORDER BY f.count DESC, topic.slug", args...).Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	for i := range rows {
		out = append(out, &SearchTopicFacet{Topic: rows[i].Topic.localize(c.locale), Count: rows[i].Count})
	}
	return out, nil
}

// YearFacets counts the hits of the search by year, ignoring its year filter, among at
// most maxCounted matches, the most recent first: the latest year first.
func (c *SearchConnection) YearFacets(ctx context.Context) ([]*SearchYearFacet, error) {
	out := []*SearchYearFacet{}
	if c.s == nil {
		return out, nil
	}
	sc := c.scope
	sc.year = 0
	matched, args := matchedSQL(c.s.engine, c.query, sc, maxCounted)
	err := c.s.read.NewRaw("SELECT y.year, count(*) AS count FROM ("+matched+") AS m "+
		"JOIN search_years AS y ON y.item = m.rowid GROUP BY y.year ORDER BY y.year DESC", args...).Scan(ctx, &out)
	return out, err
}

// writeFacets files an indexed item under its topics and year.
func writeFacets(ctx context.Context, db bun.IDB, k *kind, id int64, r row) error {
	if err := deleteFacets(ctx, db, k.num<<kindShift|id); err != nil {
		return err
	}
	item := k.num<<kindShift | id
	if k.topics != nil {
		_, err := db.ExecContext(ctx, "INSERT INTO search_topics (topic_id, item) SELECT "+k.topics.other+", ? FROM "+
			k.topics.table+" WHERE "+k.topics.own+" = ?", item, id)
		if err != nil {
			return err
		}
	}
	if year := r.searchYear(); year != 0 {
		_, err := db.ExecContext(ctx, "INSERT INTO search_years (item, year) VALUES (?, ?)", item, year)
		return err
	}
	return nil
}

// newFacets files new items of a kind, all indexed now, under their topics and years:
// writeFacets for many at once.
func newFacets(ctx context.Context, db bun.IDB, k *kind, rows []row) error {
	ids := make([]int64, len(rows))
	var years [][]any
	for i, r := range rows {
		ids[i] = r.rowID()
		if year := r.searchYear(); year != 0 {
			years = append(years, []any{k.num<<kindShift | r.rowID(), year})
		}
	}
	if k.topics != nil {
		for chunk := range slices.Chunk(ids, valuesChunk) {
			_, err := db.ExecContext(ctx, "INSERT INTO search_topics (topic_id, item) SELECT "+k.topics.other+", ? + "+k.topics.own+
				" FROM "+k.topics.table+" WHERE "+k.topics.own+" IN (?)", k.num<<kindShift, bun.In(chunk))
			if err != nil {
				return err
			}
		}
	}
	return insertValues(ctx, db, "search_years (item, year)", years, "")
}

// deleteFacets takes an item out of the facet tables.
func deleteFacets(ctx context.Context, db bun.IDB, item int64) error {
	if _, err := db.ExecContext(ctx, "DELETE FROM search_topics WHERE item = ?", item); err != nil {
		return err
	}
	_, err := db.ExecContext(ctx, "DELETE FROM search_years WHERE item = ?", item)
	return err
}

// indexAllFacets files every item the search index holds under its topics and year: the
// step of the migration that made the facet tables.
func (s *Store) indexAllFacets(ctx context.Context, tx bun.Tx) error {
	return eachIndexed(ctx, tx, func(k *kind, rowid int64, r row) error {
		return writeFacets(ctx, tx, k, rowid&(1<<kindShift-1), r)
	})
}
