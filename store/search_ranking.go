package store

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strings"

	"github.com/uptrace/bun"

	"github.com/agency/portal/translit"
)

// Ranking. Both engines rank a search the same way, in Go: its candidates are the most
// recent matches of the kinds and filters asked for (those its counts found: matchKinds
// reads the index only, each kind's newest rowids first, and stops there), the kinds in
// turns (inTurns), at most maxCounted, taken rankWindow at a time: the first window is
// ranked first, then the next, and so on, so that a page costs the window it is in (two
// when it spans them), not every candidate. A window is scored by a BM25 of the query's
// terms over what the table search_ranking (migrations/015_search_ranking.sql) keeps of
// each: the folded words of its title and summary, and its number of words in all.
//
// A term found in the title counts titleWeight per occurrence, in the summary
// summaryWeight; by its stem only (Serbian or English) stemWeight times that; a term in
// neither is in the body (every candidate has every term), and counts bodyWeight. Each
// term's count is weighed by its rarity (its items in the search vocabulary, against all
// the items listed), saturates (k1) and counts less in a long item than in a short one
// (b, against the window's mean size). Ties go to the newest.
//
// This replaces the engines' own ranking functions (FTS5's bm25, PostgreSQL's
// ts_rank_cd): each of them reads, per statement, every match of a common word (bm25 its
// document count, ts_rank_cd each candidate's whole tsvector), so that a common word cost
// its whole posting list; here a page of a search reads rankWindow short rows (twice that
// when it spans two windows).

// BM25's parameters, FTS5's defaults.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// rankingRow is an item's row of search_ranking.
type rankingRow struct {
	Item    int64
	Title   string
	Summary string
	Size    int
}

// putRanking writes what ranking reads of an item.
func putRanking(ctx context.Context, db bun.IDB, rowid int64, w indexWords) error {
	return insertValues(ctx, db, rankingTable, [][]any{rankingValues(rowid, w)},
		"ON CONFLICT (item) DO UPDATE SET title = EXCLUDED.title, summary = EXCLUDED.summary, size = EXCLUDED.size")
}

// rankingTable is search_ranking and its columns, as an INSERT names them.
const rankingTable = "search_ranking (item, title, summary, size)"

// rankingValues is an item's row of search_ranking.
func rankingValues(rowid int64, w indexWords) []any {
	size := len(w.words.title) + len(w.words.summary) + len(w.words.body)
	return []any{rowid, strings.Join(w.words.title, " "), strings.Join(w.words.summary, " "), size}
}

// deleteRanking takes an item out of search_ranking.
func deleteRanking(ctx context.Context, db bun.IDB, rowid int64) error {
	_, err := db.ExecContext(ctx, "DELETE FROM search_ranking WHERE item = ?", rowid)
	return err
}

// fillRanking writes search_ranking for every item the search index holds: the step of
// the migration that made it. The content generation counts it, since results change.
func (s *Store) fillRanking(ctx context.Context, tx bun.Tx) error {
	return refillEach(ctx, tx, func(k *kind, rowid int64, r row) error {
		return putRanking(ctx, tx, rowid, wordsOf(r.indexText()))
	})
}

// rankWindow is how many candidates are ranked together (see Ranking above): the first
// rankWindow candidates hold the first rankWindow positions, best first, the next
// rankWindow the next ones, and so on.
const rankWindow = 250

// searchRank ranks the query's candidates (rowids, from countHits: each kind's newest
// first, the kinds in turns) a window at a time, best first within each, by the terms'
// weights idf (termWeights), and returns limit of them from offset on.
func (s *Store) searchRank(ctx context.Context, q searchQuery, idf []float64, candidates []int64, limit, offset int) ([]searchRow, error) {
	end := min(offset+limit, len(candidates))
	if offset >= end {
		return nil, nil
	}
	first := offset / rankWindow * rankWindow
	window := candidates[first:min((end-1)/rankWindow*rankWindow+rankWindow, len(candidates))]
	var rows []rankingRow
	inList, ids := s.engine.anyOf("item", window)
	if err := s.read.NewRaw("SELECT item, title, summary, size FROM search_ranking WHERE "+inList, ids).Scan(ctx, &rows); err != nil {
		return nil, err
	}
	byItem := make(map[int64]rankingRow, len(rows))
	for _, r := range rows {
		byItem[r.Item] = r
	}
	var ranked []searchRow
	for len(window) > 0 {
		n := min(rankWindow, len(window))
		var inWindow []rankingRow
		for _, item := range window[:n] {
			if r, ok := byItem[item]; ok {
				inWindow = append(inWindow, r)
			}
		}
		ranked = append(ranked, scoreRows(q, idf, inWindow)...)
		window = window[n:]
	}
	from := offset - first
	if from >= len(ranked) { // candidates taken out of the index since they were counted
		return nil, nil
	}
	return ranked[from:min(from+limit, len(ranked))], nil
}

// scoreRows scores the candidates, best first (the newest first among equals).
func scoreRows(q searchQuery, idf []float64, rows []rankingRow) []searchRow {
	meanSize := 0.0
	for _, r := range rows {
		meanSize += float64(r.Size)
	}
	meanSize = max(meanSize/float64(len(rows)), 1)
	matchers := make([]termMatcher, len(q.terms))
	for i, t := range q.terms {
		matchers[i] = newTermMatcher(t, q.prefix && i == len(q.terms)-1)
	}
	out := make([]searchRow, len(rows))
	for i, r := range rows {
		norm := bm25K1 * (1 - bm25B + bm25B*float64(r.Size)/meanSize)
		score := 0.0
		for j, m := range matchers {
			f := titleWeight*m.count(r.Title) + summaryWeight*m.count(r.Summary)
			if f == 0 {
				f = bodyWeight
			}
			score += idf[j] * f * (bm25K1 + 1) / (f + norm)
		}
		out[i] = searchRow{Rowid: r.Item, Score: score}
	}
	slices.SortFunc(out, func(a, b searchRow) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return cmp.Compare(b.Rowid, a.Rowid)
	})
	return out
}

// termWeights is the weight of each of the query's terms: BM25's inverse document
// frequency (always positive) of its items against the items listed in all. A word's items
// are the vocabulary's count of it (of its most common completion, for a prefix), a
// phrase's those of its least common word; a word the vocabulary lacks (found by its stem
// only) counts as in one item. docs is the vocabulary's counts of the terms' words and
// completions, all the number of items listed (lookUpTerms reads both).
func termWeights(q searchQuery, docs map[string]int, all int) []float64 {
	out := make([]float64, len(q.terms))
	for i, t := range q.terms {
		n := termDocs(t, docs)
		all := max(all, n)
		out[i] = math.Log(1 + (float64(all-n)+0.5)/(float64(n)+0.5))
	}
	return out
}

// termDocs is how many items have the term, by the vocabulary's counts: see termWeights.
func termDocs(t searchTerm, docs map[string]int) int {
	if t.phrase {
		n := math.MaxInt
		for _, w := range t.words {
			n = min(n, max(docs[w], 1))
		}
		return n
	}
	n := max(docs[t.words[0]], 1)
	for _, w := range t.completions {
		n = max(n, docs[w])
	}
	return n
}

// termMatcher counts a term's occurrences in a text of folded words: an occurrence of the
// word (of a word it begins, for a prefix) or of the phrase counts 1, a word with one of
// the term's stems stemWeight. It remembers what each word it has seen counts, so that a
// search stems a word once, however many candidates have it.
type termMatcher struct {
	term   searchTerm
	prefix string             // the word, when the term is a prefix
	counts map[string]float64 // what a word seen so far counts
	stems  map[string]bool
	starts map[string]bool // the stems' first bytes (stemStart): only such words are stemmed
	// keys are what a word that counts begins with: the word's and the stems' first bytes
	// (none of them the beginning of another), so that count looks at those words only.
	keys []string
}

func newTermMatcher(t searchTerm, prefix bool) termMatcher {
	m := termMatcher{term: t, counts: map[string]float64{}, stems: map[string]bool{}, starts: map[string]bool{}}
	if t.phrase {
		return m
	}
	m.counts[t.words[0]] = 1
	if prefix {
		m.prefix = t.words[0]
	}
	keys := []string{stemStart(t.words[0])}
	for _, s := range t.stems {
		m.stems[s], m.starts[stemStart(s)] = true, true
		keys = append(keys, stemStart(s))
	}
	m.keys = shortestPrefixes(keys)
	return m
}

// shortestPrefixes is the distinct strings of list that do not begin with another of them.
func shortestPrefixes(list []string) []string {
	var out []string
	for _, s := range list {
		if !slices.ContainsFunc(list, func(o string) bool { return o != s && strings.HasPrefix(s, o) }) && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// count is the term's weighted number of occurrences in text.
func (m termMatcher) count(text string) float64 {
	if m.term.phrase {
		return float64(phraseCount(strings.Fields(text), m.term.words))
	}
	n := 0.0
	for _, key := range m.keys {
		for i := 0; i < len(text); {
			at := strings.Index(text[i:], key)
			if at < 0 {
				break
			}
			start := i + at
			end := strings.IndexByte(text[start:], ' ')
			if end < 0 {
				end = len(text) - start
			}
			i = start + end
			if start == 0 || text[start-1] == ' ' {
				n += m.wordCount(text[start:i])
			}
		}
	}
	return n
}

// wordCount is what a word of a text counts.
func (m termMatcher) wordCount(w string) float64 {
	c, seen := m.counts[w]
	if !seen {
		c = m.otherCount(w)
		m.counts[w] = c
	}
	return c
}

// otherCount is what a word that is not the term's very word counts: 1 when it begins
// with the term's prefix, stemWeight when it has one of the term's stems (as Serbian or
// English), else 0.
func (m termMatcher) otherCount(w string) float64 {
	if m.prefix != "" && strings.HasPrefix(w, m.prefix) {
		return 1
	}
	if m.starts[stemStart(w)] && (m.stems[translit.Stem(translit.Serbian, w)] || m.stems[translit.Stem(translit.English, w)]) {
		return stemWeight
	}
	return 0
}

// phraseCount is how many times the phrase's words are in words, one right after the other.
func phraseCount(words, phrase []string) int {
	n := 0
	for i := 0; i+len(phrase) <= len(words); i++ {
		if slices.Equal(words[i:i+len(phrase)], phrase) {
			n++
		}
	}
	return n
}
