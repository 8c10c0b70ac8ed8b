package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/uptrace/bun"
	"golang.org/x/sync/errgroup"

	"github.com/agency/portal/translit"
)

// kindTopic is the global ID type of topics, which are no content kind: they are no
// search results and have no editorial state.
const kindTopic = "Topic"

// kindShift is where the kind's number starts in the bits of a search rowid.
const kindShift = 40

// Bounds of a search. The query's words and their length are capped; a search counts and
// ranks at most maxCounted matches of a kind, the newest (by rowid) first, so that a very
// common word or a short prefix costs a bounded amount (see search_facets.go).
const (
	maxQueryTokens  = 12
	maxTokenBytes   = 48
	minPrefixBytes  = 2
	maxCounted      = 1000
	maxCompletions  = 16 // words of the index a prefix stands for, at most
	snippetRunes    = 180
	titleWeight     = 10.0
	summaryWeight   = 4.0
	bodyWeight      = 1.0
	stemWeight      = 0.5 // a match by stem counts this much of a match by the very word
	searchCursorTag = "s"
)

// searchQuery is what a search looks for: terms, all of which must match; the last one,
// a word, as a prefix of a word when prefix is set.
type searchQuery struct {
	terms  []searchTerm
	tokens []string // the words of all the terms: the words a snippet highlights
	prefix bool
	// leastMatches is, for a query of one word, how many items of each kind (by number)
	// match it at least: the most items of the kind that have one of the words it matches
	// as they are (the word, or a completion), from the vocabulary (lookUpTerms). Each of
	// them has a word the term matches, or its stem, which is one of the term's: so it
	// is a match. Nil when not looked up.
	leastMatches map[int64]int
}

// oneWord reports whether the query is one word outside quotes.
func (q searchQuery) oneWord() bool {
	return len(q.terms) == 1 && !q.terms[0].phrase
}

// searchTerm is a word or a phrase. A word matches a word of the text as it is or by its
// stem (Serbian or English: the reader's locale does not say which language they typed
// in); a phrase, text in double quotes, matches its words as they are (no stems), one
// right after the other.
type searchTerm struct {
	words  []string // the word, or the phrase's words
	stems  []string // a word's distinct stems; none for a phrase
	phrase bool
	// completions are the words of the index a prefix stands for (lookUpTerms); nil
	// when they were not looked up: then the engine matches the prefix itself.
	completions []string
}

// wordTerm is the term of a word outside quotes.
func wordTerm(word string) searchTerm {
	stems := []string{translit.Stem(translit.Serbian, word)}
	if en := translit.Stem(translit.English, word); en != stems[0] {
		stems = append(stems, en)
	}
	return searchTerm{words: []string{word}, stems: stems}
}

// matchedAsWords is what a word term matches as words, beside its stems: the word (the
// completions of a prefix query's last word), less each word whose stems, Serbian and
// English, are both the term's. The index holds every word with its stem in its text's
// language, and a term's stems are its word's in both, so such a word matches no item its
// stems do not: a word is matched by its stems alone, one look-up per item where it was
// two, and a prefix by the completions its stems do not cover.
func (t searchTerm) matchedAsWords() []string {
	words := t.words
	if len(t.completions) > 0 {
		words = t.completions
	}
	var out []string
	for _, w := range words {
		if !slices.Contains(t.stems, translit.Stem(translit.Serbian, w)) || !slices.Contains(t.stems, translit.Stem(translit.English, w)) {
			out = append(out, w)
		}
	}
	return out
}

// parseSearch turns user text into a searchQuery. Text between two double quotes is a
// phrase; an unmatched quote is ordinary text, and a phrase with no words is nothing. The
// text is folded and split into words (everything that is not a letter or digit is a
// separator), at most maxQueryTokens of at most maxTokenBytes each in all; the last one is
// a prefix unless it ends a phrase or the text ends in a separator (the user finished the
// word) or it is shorter than two bytes. It has no terms when the text has no words.
func parseSearch(text string) searchQuery {
	var q searchQuery
	for i, part := range quotedParts(text) {
		words := boundedTokens(part, maxQueryTokens-len(q.tokens))
		if len(words) == 0 {
			continue
		}
		q.tokens = append(q.tokens, words...)
		if i%2 == 1 {
			q.terms = append(q.terms, searchTerm{words: words, phrase: true})
			continue
		}
		for _, w := range words {
			q.terms = append(q.terms, wordTerm(w))
		}
	}
	if len(q.terms) == 0 {
		return searchQuery{}
	}
	last := q.terms[len(q.terms)-1]
	r := []rune(text)
	q.prefix = !last.phrase && len(last.words[0]) >= minPrefixBytes && len(translit.Tokens(string(r[len(r)-1]))) > 0
	return q
}

// quotedParts splits text at its double quotes: the parts at odd positions were between
// two quotes. A last, unmatched quote is read as a separator.
func quotedParts(text string) []string {
	parts := strings.Split(text, `"`)
	if n := len(parts); n%2 == 0 {
		parts = append(parts[:n-2], parts[n-2]+" "+parts[n-1])
	}
	return parts
}

// boundedTokens is the text's words (translit.Tokens), at most limit of them, each cut
// to at most maxTokenBytes.
func boundedTokens(text string, limit int) []string {
	tokens := translit.Tokens(text)
	if len(tokens) > limit {
		tokens = tokens[:max(limit, 0)]
	}
	for i, t := range tokens {
		if len(t) > maxTokenBytes {
			tokens[i] = translit.Tokens(strings.ToValidUTF8(t[:maxTokenBytes], ""))[0]
		}
	}
	return tokens
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
	// SnippetLocale is the locale of the snippet's text: the served one, or the other
	// language's when only that text has the words searched for.
	SnippetLocale Locale
	Score         float64
	Item          SearchItem

	texts  []snippetText // the texts a snippet is cut from, in the served locale, best first
	locale Locale        // the locale of texts: the one asked for, or the item's other language when it has only that
	row    row           // the item, for its texts in another locale
}

// SearchItem is what a hit points to: a *NewsItem, *Project or *Partner.
type SearchItem interface{ GlobalID() string }

// SearchFacet is how many hits a search has of one kind.
type SearchFacet struct {
	Kind  Kind
	Count int
}

// SearchConnection is a page of search hits. Its topic and year facets are counted when
// asked for (TopicFacets, YearFacets), from the search it keeps.
type SearchConnection struct {
	Edges       []*SearchEdge
	PageInfo    *PageInfo
	TotalCount  int
	Facets      []*SearchFacet
	ExactCounts bool // false when a count stopped at maxCounted
	// Suggestion is "did you mean": for a search with few hits or none, the query with
	// its misspelt words replaced by the nearest words of the index, when that finds more;
	// nil otherwise.
	Suggestion *string

	s      *Store // nil when the search has no words
	query  searchQuery
	scope  searchScope
	locale Locale
}

// SearchEdge is a hit with its cursor.
type SearchEdge struct {
	Cursor string
	Node   *SearchHit
}

// Search finds items of the kinds (every kind when none is given) whose text matches every
// word of query, in any script, case or diacritics, best first. Its cursors are positions
// in the ranking.
func (s *Store) Search(ctx context.Context, query string, kinds []Kind, p Page, locale Locale) (*SearchConnection, error) {
	return s.SearchFiltered(ctx, query, SearchFilter{Kinds: kinds}, p, locale)
}

// SearchFiltered is Search within a filter: kinds, a topic, a year.
func (s *Store) SearchFiltered(ctx context.Context, query string, f SearchFilter, p Page, locale Locale) (*SearchConnection, error) {
	defer func(start time.Time) { s.metrics.Search(time.Since(start)) }(time.Now())
	offset, err := searchOffset(p)
	if err != nil {
		return nil, err
	}
	sc, err := s.searchScopeOf(ctx, f)
	if err != nil {
		return nil, err
	}
	conn := &SearchConnection{PageInfo: &PageInfo{HasPreviousPage: offset > 0}, Edges: []*SearchEdge{}, Facets: []*SearchFacet{}, ExactCounts: true}
	q := parseSearch(query)
	if len(q.tokens) == 0 {
		return conn, nil
	}
	idf, err := s.lookUpTerms(ctx, &q)
	if err != nil {
		return nil, err
	}
	conn.s, conn.query, conn.scope, conn.locale = s, q, sc, locale
	candidates, err := s.countHits(ctx, conn, rankedFor(offset, p.First+1))
	if err != nil {
		return nil, err
	}
	if all := allHits(conn.Facets); all <= fewHits && offset == 0 {
		var err error
		if conn.Suggestion, err = s.suggestion(ctx, query, q, sc, all); err != nil {
			return nil, err
		}
	}
	if conn.TotalCount == 0 || p.First == 0 {
		conn.PageInfo.HasNextPage = offset < min(conn.TotalCount, maxCounted)
		return conn, nil
	}
	rows, err := s.searchRank(ctx, q, idf, candidates, p.First+1, offset)
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
		setSnippet(hit, q, query)
		cursor := encodeCursor(searchCursorTag, strconv.Itoa(offset+i))
		conn.Edges = append(conn.Edges, &SearchEdge{Cursor: cursor, Node: hit})
	}
	if n := len(conn.Edges); n > 0 {
		conn.PageInfo.StartCursor, conn.PageInfo.EndCursor = &conn.Edges[0].Cursor, &conn.Edges[n-1].Cursor
	}
	return conn, nil
}

// allHits is how many hits a search has of all kinds.
func allHits(facets []*SearchFacet) int {
	n := 0
	for _, f := range facets {
		n += f.Count
	}
	return n
}

// suggestion is "did you mean" for a search with total hits of all kinds (suggest), when
// the suggestion finds more; nil otherwise.
func (s *Store) suggestion(ctx context.Context, text string, q searchQuery, sc searchScope, total int) (*string, error) {
	suggested, err := s.suggest(ctx, text, q)
	if err != nil || suggested == "" {
		return nil, err
	}
	sq := parseSearch(suggested)
	if _, err := s.lookUpTerms(ctx, &sq); err != nil {
		return nil, err
	}
	counts, err := countKinds(ctx, s.read, s.engine, sq, sc)
	if err != nil {
		return nil, err
	}
	found := 0
	for _, n := range counts {
		found += n
	}
	if found <= total {
		return nil, nil
	}
	return &suggested, nil
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

// countHits sets the connection's total count (of the kinds asked for) and its facets by
// kind (of every kind), within the topic and year asked for; a count stops at maxCounted.
// It returns the first ranked of the candidates search ranks (the most recent maxCounted
// matches of the kinds asked for, in turns): those of the ranking windows the page is in.
func (s *Store) countHits(ctx context.Context, conn *SearchConnection, ranked int) ([]int64, error) {
	matches, err := matchKinds(ctx, s.read, s.engine, conn.query, conn.scope, ranked)
	if err != nil {
		return nil, err
	}
	var lists [][]int64
	for _, k := range byNum(registry) {
		n := matches[k.num].count
		if n > maxCounted {
			n, conn.ExactCounts = maxCounted, false
		}
		if slices.Contains(conn.scope.kinds, k) {
			conn.TotalCount += n
			lists = append(lists, matches[k.num].newest)
		}
		if n > 0 {
			conn.Facets = append(conn.Facets, &SearchFacet{Kind: k.kind, Count: n})
		}
	}
	// The first ranked taken in turns are the same whether each list holds all of its
	// kind's candidates or its first ranked only: a list's later ones come later in turn.
	return inTurns(lists, ranked), nil
}

// rankedFor is how many candidates a page of limit from offset is ranked among: those of
// the ranking windows it spans (searchRank), at most maxCounted.
func rankedFor(offset, limit int) int {
	return min((offset+limit+rankWindow-1)/rankWindow*rankWindow, maxCounted)
}

// inTurns takes one item of each list in turn (the first of each, then the second of each,
// and so on), at most limit of them. Each kind's matches are newest first, and rowids
// compare within a kind only (the kind is their high bits): so the newest of every kind
// share each ranking window, and a common word's news items are not all behind its
// partners and projects.
func inTurns(lists [][]int64, limit int) []int64 {
	var out []int64
	for i := 0; len(out) < limit; i++ {
		took := false
		for _, l := range lists {
			if i < len(l) && len(out) < limit {
				out, took = append(out, l[i]), true
			}
		}
		if !took {
			break
		}
	}
	return out
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

// itemsByRowid loads the public items of ranked rows, one statement per kind (at the same
// time), as hits in the locale.
func (s *Store) itemsByRowid(ctx context.Context, rows []searchRow, locale Locale) (map[int64]*SearchHit, error) {
	ids := map[*kind][]int64{}
	for _, r := range rows {
		k := kindOfNum(r.Rowid >> kindShift)
		if k == nil {
			return nil, fmt.Errorf("store: the search index has a row of no kind (%d)", r.Rowid>>kindShift)
		}
		ids[k] = append(ids[k], r.Rowid&(1<<kindShift-1))
	}
	// The index holds public items only; the check here also covers an item taken out
	// between the two statements.
	now := s.clock()
	out := map[int64]*SearchHit{}
	var mu sync.Mutex
	g, ctx := errgroup.WithContext(ctx)
	for k, list := range ids {
		g.Go(func() error {
			items, err := k.scanRows(ctx, s.read.NewSelect().Model(k.newRow()).
				Where(publicSQL(k.alias), now).Where(k.alias+".id IN (?)", bun.In(list)))
			if err != nil {
				return err
			}
			mu.Lock()
			defer mu.Unlock()
			for _, it := range items {
				hit := it.searchHit(locale)
				hit.Kind = k.kind
				hit.row = it
				out[k.num<<kindShift|it.rowID()] = hit
			}
			return nil
		})
	}
	return out, g.Wait()
}

// stems lists the stems of the query's words.
func (q searchQuery) stems() []string {
	var out []string
	for _, t := range q.terms {
		out = append(out, t.stems...)
	}
	return out
}
