package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/agency/portal/translit"
)

// kindTopic is the global ID type of topics, which are no content kind: they are no
// search results and have no editorial state.
const kindTopic = "Topic"

// kindShift is where the kind's number starts in the bits of a search rowid.
const kindShift = 40

// Bounds of a search. The query's words and their length are capped; very common words
// rank only the newest candidates (by rowid) so a search costs a bounded amount.
const (
	maxQueryTokens  = 12
	maxTokenBytes   = 48
	minPrefixBytes  = 2
	maxCandidates   = 2000
	snippetRunes    = 180
	titleWeight     = 10.0
	summaryWeight   = 4.0
	bodyWeight      = 1.0
	searchCursorTag = "s"
)

// searchQuery is what a search looks for: folded words, all of which must match; the last
// one as a prefix when prefix is set.
type searchQuery struct {
	tokens []string
	prefix bool
}

// parseSearch turns user text into a searchQuery: the text is folded and split into words
// (everything that is not a letter or digit is a separator), at most maxQueryTokens of at
// most maxTokenBytes each, and the last one is a prefix unless the text ends in a separator
// (the user finished the word) or it is shorter than two bytes. It has no tokens when the
// text has no words. The tokens are also the words a snippet highlights.
func parseSearch(text string) searchQuery {
	tokens := translit.Tokens(text)
	if len(tokens) > maxQueryTokens {
		tokens = tokens[:maxQueryTokens]
	}
	for i, t := range tokens {
		if len(t) > maxTokenBytes {
			tokens[i] = translit.Tokens(strings.ToValidUTF8(t[:maxTokenBytes], ""))[0]
		}
	}
	if len(tokens) == 0 {
		return searchQuery{}
	}
	last := tokens[len(tokens)-1]
	r := []rune(text)
	prefix := len(last) >= minPrefixBytes && len(translit.Tokens(string(r[len(r)-1]))) > 0
	return searchQuery{tokens: tokens, prefix: prefix}
}

// MatchQuery is parseSearch's query as an FTS5 MATCH expression that cannot fail or
// inject (every word is quoted), with its tokens; match is "" when the text has no words.
func MatchQuery(text string) (match string, tokens []string, prefix bool) {
	q := parseSearch(text)
	return ftsMatch(q), q.tokens, q.prefix
}

// SearchHit is one search result.
type SearchHit struct {
	Kind    Kind
	Title   string
	Snippet string
	Score   float64
	Item    SearchItem

	texts []string // the texts a snippet is cut from, in the served locale, best first
}

// SearchItem is what a hit points to: a *NewsItem, *Project or *Partner.
type SearchItem interface{ GlobalID() string }

// SearchFacet is how many hits a search has of one kind.
type SearchFacet struct {
	Kind  Kind
	Count int
}

// SearchConnection is a page of search hits.
type SearchConnection struct {
	Edges      []*SearchEdge
	PageInfo   *PageInfo
	TotalCount int
	Facets     []*SearchFacet
}

// SearchEdge is a hit with its cursor.
type SearchEdge struct {
	Cursor string
	Node   *SearchHit
}

// Search finds items whose text matches every word of query, in any script, case or
// diacritics, best first. Its cursors are positions in the ranking.
func (s *Store) Search(ctx context.Context, query string, kinds []Kind, p Page, locale Locale) (*SearchConnection, error) {
	defer func(start time.Time) { s.metrics.Search(time.Since(start)) }(time.Now())
	offset, err := searchOffset(p)
	if err != nil {
		return nil, err
	}
	conn := &SearchConnection{PageInfo: &PageInfo{HasPreviousPage: offset > 0}, Edges: []*SearchEdge{}, Facets: []*SearchFacet{}}
	q := parseSearch(query)
	if len(q.tokens) == 0 {
		return conn, nil
	}
	asked, err := s.countHits(ctx, conn, q, kinds)
	if err != nil {
		return nil, err
	}
	if conn.TotalCount == 0 || p.First == 0 {
		conn.PageInfo.HasNextPage = offset < min(conn.TotalCount, maxCandidates)
		return conn, nil
	}
	rows, err := s.engine.searchRank(ctx, s.read, q, asked, p.First+1, offset)
	if err != nil {
		return nil, err
	}
	if len(rows) > p.First {
		rows, conn.PageInfo.HasNextPage = rows[:p.First], true
	}
	items, err := s.itemsByRowid(ctx, rows, locale)
	if err != nil {
		return nil, err
	}
	for i, r := range rows {
		hit := items[r.Rowid]
		if hit == nil { // taken out between the two statements
			continue
		}
		hit.Score = r.Score
		hit.Snippet = snippet(hit, q.tokens, q.prefix)
		cursor := encodeCursor(searchCursorTag, strconv.Itoa(offset+i))
		conn.Edges = append(conn.Edges, &SearchEdge{Cursor: cursor, Node: hit})
	}
	if n := len(conn.Edges); n > 0 {
		conn.PageInfo.StartCursor, conn.PageInfo.EndCursor = &conn.Edges[0].Cursor, &conn.Edges[n-1].Cursor
	}
	return conn, nil
}

// searchOffset is the position in the ranking that a page starts at.
func searchOffset(p Page) (int, error) {
	if p.After == "" {
		return 0, nil
	}
	key, err := decodeCursor(p.After, searchCursorTag, 1)
	offset := -1
	if err == nil {
		offset, err = strconv.Atoi(key[0])
	}
	if err != nil || offset < 0 {
		return 0, inputError("after", "is not a cursor of this list")
	}
	return offset + 1, nil
}

// countHits sets the total count of the kinds asked for (all when none is) and the facets
// of every kind, and returns the kinds asked for.
func (s *Store) countHits(ctx context.Context, conn *SearchConnection, q searchQuery, kinds []Kind) ([]*kind, error) {
	counts, err := s.engine.searchCounts(ctx, s.read, q)
	if err != nil {
		return nil, err
	}
	var asked []*kind
	for _, k := range byNum(registry) {
		if len(kinds) == 0 || slices.Contains(kinds, k.kind) {
			asked = append(asked, k)
			conn.TotalCount += counts[k.num]
		}
		if counts[k.num] > 0 {
			conn.Facets = append(conn.Facets, &SearchFacet{Kind: k.kind, Count: counts[k.num]})
		}
	}
	return asked, nil
}

// kindRange is the condition on a rowid column that selects one kind of item.
func kindRange(column string, num int64) string {
	return column + " BETWEEN " + strconv.FormatInt(num<<kindShift, 10) + " AND " + strconv.FormatInt((num+1)<<kindShift-1, 10)
}

// byNum lists kinds by their number: the order search lists its facets in.
func byNum(kinds []*kind) []*kind {
	out := slices.Clone(kinds)
	slices.SortFunc(out, func(a, b *kind) int { return int(a.num - b.num) })
	return out
}

// searchRow is a ranked row of the search index.
type searchRow struct {
	Rowid int64
	Score float64
}

// itemsByRowid loads the public items of ranked rows, one statement per kind, as hits in
// the locale.
func (s *Store) itemsByRowid(ctx context.Context, rows []searchRow, locale Locale) (map[int64]*SearchHit, error) {
	ids := map[int64][]int64{}
	for _, r := range rows {
		num := r.Rowid >> kindShift
		ids[num] = append(ids[num], r.Rowid&(1<<kindShift-1))
	}
	// The index holds public items only; the check here also covers an item taken out
	// between the two statements.
	now := s.clock()
	out := map[int64]*SearchHit{}
	for num, list := range ids {
		k := kindOfNum(num)
		if k == nil {
			return nil, fmt.Errorf("store: the search index has a row of no kind (%d)", num)
		}
		items, err := k.scanRows(ctx, s.read.NewSelect().Model(k.newRow()).
			Where(publicSQL(k.alias), now).Where(k.alias+".id IN (?)", bun.In(list)))
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			hit := it.searchHit(locale)
			hit.Kind = k.kind
			out[k.num<<kindShift|it.rowID()] = hit
		}
	}
	return out, nil
}

// snippet is an excerpt of the hit's text in the served locale with the matched words
// marked: from the first of its texts that has a match, else the beginning of the first.
func snippet(hit *SearchHit, tokens []string, prefix bool) string {
	var first string
	for i, t := range hit.texts {
		out, matched := translit.Highlight(t, tokens, prefix, snippetRunes)
		if matched {
			return out
		}
		if i == 0 || first == "" {
			first = out
		}
	}
	return first
}
