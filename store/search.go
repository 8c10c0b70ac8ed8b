package store

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/agency/portal/richtext"
	"github.com/agency/portal/translit"
)

// SearchKind is a kind of item that search covers.
type SearchKind string

// The search kinds.
const (
	SearchNews    SearchKind = "NEWS"
	SearchProject SearchKind = "PROJECT"
	SearchPartner SearchKind = "PARTNER"
)

// The global ID types, and the kind numbers in the high bits of a search rowid.
const (
	kindTopic   = "Topic"
	kindNews    = "NewsItem"
	kindProject = "Project"
	kindPartner = "Partner"

	kindNewsNum    int64 = 1
	kindProjectNum int64 = 2
	kindPartnerNum int64 = 3
	kindShift            = 40
)

var searchKinds = map[int64]SearchKind{kindNewsNum: SearchNews, kindProjectNum: SearchProject, kindPartnerNum: SearchPartner}

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

// indexText is what the search index holds of an item, before folding.
type indexText struct{ title, summary, body []string }

func indexItem(ctx context.Context, db bun.IDB, kind, id int64, t indexText) error {
	rowid := kind<<kindShift | id
	if _, err := db.ExecContext(ctx, "DELETE FROM search WHERE rowid = ?", rowid); err != nil {
		return err
	}
	fold := func(parts []string) string { return strings.Join(translit.Tokens(strings.Join(parts, "\n")), " ") }
	_, err := db.ExecContext(ctx, "INSERT INTO search (rowid, title, summary, body) VALUES (?, ?, ?, ?)",
		rowid, fold(t.title), fold(t.summary), fold(t.body))
	return err
}

func newsIndexText(n *NewsItem) indexText {
	return indexText{
		title:   []string{n.Sr.Title, n.En.Title},
		summary: []string{n.Sr.Summary, n.En.Summary},
		body:    []string{richtext.PlainText(n.Sr.Body), richtext.PlainText(n.En.Body)},
	}
}

func projectIndexText(p *Project) indexText {
	t := indexText{title: []string{p.Sr.Title, p.En.Title}}
	for _, l := range []ProjectText{p.Sr, p.En} {
		t.summary = append(t.summary, l.OfficialTitle, l.Summary)
		t.body = append(t.body, richtext.PlainText(l.Description))
		for _, list := range [][]string{l.Locations, l.ExpectedResults, l.Objectives, l.SpecificObjectives, l.TargetGroups} {
			t.body = append(t.body, list...)
		}
	}
	return t
}

func partnerIndexText(p *Partner) indexText {
	t := indexText{title: []string{p.Sr.Name, p.En.Name}, body: []string{p.Sr.Description, p.En.Description}}
	if p.Acronym != nil {
		t.title = append(t.title, *p.Acronym)
	}
	return t
}

// MatchQuery turns user text into an FTS5 MATCH expression that cannot fail or inject:
// the text is folded and split into words (everything that is not a letter or digit is a
// separator), every word is quoted, and the last one is a prefix unless the text ends in a
// separator (the user finished the word) or it is shorter than two bytes. It returns ""
// when the text has no words. The tokens returned are the ones to highlight.
func MatchQuery(text string) (match string, tokens []string, prefix bool) {
	tokens = translit.Tokens(text)
	if len(tokens) > maxQueryTokens {
		tokens = tokens[:maxQueryTokens]
	}
	for i, t := range tokens {
		if len(t) > maxTokenBytes {
			tokens[i] = translit.Tokens(strings.ToValidUTF8(t[:maxTokenBytes], ""))[0]
		}
	}
	if len(tokens) == 0 {
		return "", nil, false
	}
	last := tokens[len(tokens)-1]
	r := []rune(text)
	prefix = len(last) >= minPrefixBytes && len(translit.Tokens(string(r[len(r)-1]))) > 0
	quoted := make([]string, len(tokens))
	for i, t := range tokens {
		quoted[i] = `"` + t + `"`
	}
	match = strings.Join(quoted, " ")
	if prefix {
		match += "*"
	}
	return match, tokens, prefix
}

// SearchHit is one search result.
type SearchHit struct {
	Kind    SearchKind
	Title   string
	Snippet string
	Score   float64
	Item    SearchItem
}

// SearchItem is what a hit points to: a *NewsItem, *Project or *Partner.
type SearchItem interface{ GlobalID() string }

// SearchFacet is how many hits a search has of one kind.
type SearchFacet struct {
	Kind  SearchKind
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
func (s *Store) Search(ctx context.Context, query string, kinds []SearchKind, p Page, locale Locale) (*SearchConnection, error) {
	defer func(start time.Time) { s.metrics.Search(time.Since(start)) }(time.Now())
	offset := 0
	if p.After != "" {
		key, err := decodeCursor(p.After, searchCursorTag, 1)
		if err == nil {
			offset, err = strconv.Atoi(key[0])
		}
		if err != nil || offset < 0 {
			return nil, inputError("after", "is not a cursor of this list")
		}
		offset++
	}
	conn := &SearchConnection{PageInfo: &PageInfo{HasPreviousPage: offset > 0}, Edges: []*SearchEdge{}, Facets: []*SearchFacet{}}
	match, tokens, prefix := MatchQuery(query)
	if match == "" {
		return conn, nil
	}

	// Counts per kind: one count per rowid range lets FTS5 walk only that kind's part of
	// the index (a GROUP BY over rowid >> 40 would sort every match first: 4 to 12 times
	// slower for common words at 100,000 items).
	var counts [3]int
	err := s.read.NewRaw("SELECT "+
		"(SELECT count(*) FROM search WHERE search MATCH ? AND "+kindRange(kindNewsNum)+"), "+
		"(SELECT count(*) FROM search WHERE search MATCH ? AND "+kindRange(kindProjectNum)+"), "+
		"(SELECT count(*) FROM search WHERE search MATCH ? AND "+kindRange(kindPartnerNum)+")",
		match, match, match).Scan(ctx, &counts[0], &counts[1], &counts[2])
	if err != nil {
		return nil, err
	}
	var ranges []string
	for i, num := range []int64{kindNewsNum, kindProjectNum, kindPartnerNum} {
		kind := searchKinds[num]
		wanted := len(kinds) == 0 || contains(kinds, kind)
		if wanted {
			ranges = append(ranges, kindRange(num))
			conn.TotalCount += counts[i]
		}
		if counts[i] > 0 {
			conn.Facets = append(conn.Facets, &SearchFacet{Kind: kind, Count: counts[i]})
		}
	}
	if conn.TotalCount == 0 || p.First == 0 {
		conn.PageInfo.HasNextPage = offset < min(conn.TotalCount, maxCandidates)
		return conn, nil
	}

	// Rank at most maxCandidates matches, the newest rowids first, then page through them.
	var rows []struct {
		Rowid int64
		Score float64
	}
	err = s.read.NewRaw("SELECT rowid, -score AS score FROM ("+
		"SELECT rowid, bm25(search, ?, ?, ?) AS score FROM search WHERE search MATCH ? AND ("+strings.Join(ranges, " OR ")+")"+
		" ORDER BY rowid DESC LIMIT ?) ORDER BY score DESC, rowid DESC LIMIT ? OFFSET ?",
		titleWeight, summaryWeight, bodyWeight, match, maxCandidates, p.First+1, offset).Scan(ctx, &rows)
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
		hit.Snippet = snippet(hit, tokens, prefix)
		cursor := encodeCursor(searchCursorTag, strconv.Itoa(offset+i))
		conn.Edges = append(conn.Edges, &SearchEdge{Cursor: cursor, Node: hit})
	}
	if n := len(conn.Edges); n > 0 {
		conn.PageInfo.StartCursor, conn.PageInfo.EndCursor = &conn.Edges[0].Cursor, &conn.Edges[n-1].Cursor
	}
	return conn, nil
}

// kindRange is the condition on rowid that selects one kind of item.
func kindRange(num int64) string {
	return "rowid BETWEEN " + strconv.FormatInt(num<<kindShift, 10) + " AND " + strconv.FormatInt((num+1)<<kindShift-1, 10)
}

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// itemsByRowid loads the items of ranked rows, one statement per kind.
func (s *Store) itemsByRowid(ctx context.Context, rows []struct {
	Rowid int64
	Score float64
}, locale Locale) (map[int64]*SearchHit, error) {
	ids := map[int64][]int64{}
	for _, r := range rows {
		kind := r.Rowid >> kindShift
		ids[kind] = append(ids[kind], r.Rowid&(1<<kindShift-1))
	}
	// The index holds public items only; the check here also covers an item taken out
	// between the two statements.
	now := s.clock()
	out := map[int64]*SearchHit{}
	if len(ids[kindNewsNum]) > 0 {
		var news []*NewsItem
		if err := s.read.NewSelect().Model(&news).Where(publicSQL("news_item"), now).Where("news_item.id IN (?)", bun.In(ids[kindNewsNum])).Scan(ctx); err != nil {
			return nil, err
		}
		for _, n := range news {
			n = n.localize(locale)
			out[kindNewsNum<<kindShift|n.ID] = &SearchHit{Kind: SearchNews, Title: n.Title, Item: n}
		}
	}
	if len(ids[kindProjectNum]) > 0 {
		var projects []*Project
		if err := s.read.NewSelect().Model(&projects).Where(publicSQL("project"), now).Where("project.id IN (?)", bun.In(ids[kindProjectNum])).Scan(ctx); err != nil {
			return nil, err
		}
		for _, p := range projects {
			p = p.localize(locale)
			out[kindProjectNum<<kindShift|p.ID] = &SearchHit{Kind: SearchProject, Title: p.Title, Item: p}
		}
	}
	if len(ids[kindPartnerNum]) > 0 {
		var partners []*Partner
		if err := s.read.NewSelect().Model(&partners).Where(publicSQL("partner"), now).Where("partner.id IN (?)", bun.In(ids[kindPartnerNum])).Scan(ctx); err != nil {
			return nil, err
		}
		for _, p := range partners {
			p = p.localize(locale)
			out[kindPartnerNum<<kindShift|p.ID] = &SearchHit{Kind: SearchPartner, Title: p.Name, Item: p}
		}
	}
	return out, nil
}

// snippet is an excerpt of the hit's text in the served locale with the matched words
// marked: from the first of its texts that has a match, else the beginning of the first.
func snippet(hit *SearchHit, tokens []string, prefix bool) string {
	var texts []string
	switch it := hit.Item.(type) {
	case *NewsItem:
		texts = []string{it.Summary, richtext.PlainText(it.Body), it.Title}
	case *Project:
		texts = []string{it.Summary, richtext.PlainText(it.Description), strings.Join(it.ExpectedResults, " "), strings.Join(it.Objectives, " "), it.Title}
	case *Partner:
		texts = []string{it.Description, it.Name}
	}
	var first string
	for i, t := range texts {
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
