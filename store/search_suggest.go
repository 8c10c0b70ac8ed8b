package store

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"github.com/agency/portal/translit"
)

// "Did you mean" (the vocabulary: search_terms.go): for a search with few hits, each word
// that is no term becomes the term nearest to it, if one is near enough.
//
// Near enough is a Damerau-Levenshtein distance (optimal string alignment: a letter left
// out, added, changed, or two neighbours swapped, each counting 1) of at most 1 for words
// of up to 5 letters and at most 2 for longer ones, between folded words, so a typo in
// either script or in an ASCII spelling is the same typo. Candidates are looked up by
// their first letter and length (an index on both): a term whose first letter is the
// word's first or second, and whose length is within the distance. A typo in the very
// first letter is not found unless it swaps or adds one.

// Bounds of a suggestion.
const (
	fewHits           = 2    // a search with at most this many hits gets a suggestion
	minSuggestRunes   = 3    // shorter words are not corrected
	maxCandidateTerms = 5000 // terms compared with one word, at most
	maxCorrections    = 3    // a query with more words that are no term gets no suggestion
)

// suggest is "did you mean" for a search: its words, each that is no term replaced by the
// nearest term (the one most items have among the nearest), spelt as the vocabulary
// spells them, in Cyrillic when the query has Cyrillic letters; "" when no word needed
// replacing or none could be, or more than maxCorrections words are no term (that is no
// typo, and each costs a look-up). The last word of a prefix query is kept when a term
// begins with it.
func (s *Store) suggest(ctx context.Context, text string, q searchQuery) (string, error) {
	var out []string
	changed, unknown := false, 0
	for i, t := range q.terms {
		words := make([]string, len(t.words))
		for j, w := range t.words {
			prefix := q.prefix && i == len(q.terms)-1
			fixed, isNew, known, err := s.correct(ctx, w, prefix, unknown < maxCorrections)
			if err != nil {
				return "", err
			}
			if !known {
				if unknown++; unknown > maxCorrections {
					return "", nil
				}
			}
			words[j], changed = fixed, changed || isNew
		}
		if t.phrase {
			out = append(out, `"`+strings.Join(words, " ")+`"`)
		} else {
			out = append(out, words...)
		}
	}
	if !changed {
		return "", nil
	}
	suggestion := strings.Join(out, " ")
	if hasCyrillic(text) {
		suggestion = translit.ToCyrillic(suggestion)
	}
	return suggestion, nil
}

// correct is how a suggestion writes a word of a query: the term's spelling when it is a
// term (or, for a prefix, when a term begins with it: then as typed), with known set;
// else, when lookUp is set, the spelling of the nearest term, with changed set; else the
// word.
func (s *Store) correct(ctx context.Context, word string, prefix, lookUp bool) (out string, changed, known bool, err error) {
	var terms []struct {
		Term     string
		Spelling string
	}
	if err := s.read.NewRaw("SELECT term, spelling FROM search_terms WHERE term = ?", word).Scan(ctx, &terms); err != nil {
		return "", false, false, err
	}
	if len(terms) > 0 {
		return terms[0].Spelling, false, true, nil
	}
	if prefix {
		var n int
		err := s.read.NewRaw("SELECT count(*) FROM (SELECT 1 FROM search_terms WHERE term > ? AND term < ? LIMIT 1) AS t", word, word+"\U0010FFFF").Scan(ctx, &n)
		if err != nil || n > 0 {
			return word, false, true, err
		}
	}
	size := utf8.RuneCountInString(word)
	if size < minSuggestRunes || !lookUp {
		return word, false, false, nil
	}
	limit := maxTypos(size)
	var candidates []struct {
		Term     string
		Spelling string
		Docs     int
	}
	heads := []string{termHead(word)}
	if second := termHead(word[len(heads[0]):]); second != heads[0] {
		heads = append(heads, second)
	}
	err = s.read.NewRaw("SELECT term, spelling, docs FROM search_terms WHERE head IN (?) AND size BETWEEN ? AND ? LIMIT ?",
		bun.In(heads), size-limit, size+limit, maxCandidateTerms).Scan(ctx, &candidates)
	if err != nil {
		return "", false, false, err
	}
	best, bestDist, bestDocs := "", limit+1, 0
	for _, c := range candidates {
		allowed := min(limit, maxTypos(utf8.RuneCountInString(c.Term)))
		d := typoDistance(word, c.Term, allowed)
		if d <= allowed && (d < bestDist || d == bestDist && c.Docs > bestDocs) {
			best, bestDist, bestDocs = c.Spelling, d, c.Docs
		}
	}
	if best == "" {
		return word, false, false, nil
	}
	return best, true, false, nil
}

// maxTypos is how many typos a word of n letters may have: 1 up to 5 letters, 2 beyond.
func maxTypos(n int) int {
	if n <= 5 {
		return 1
	}
	return 2
}

// typoDistance is the optimal string alignment distance between a and b (letters left
// out, added, changed, or two neighbours swapped), or limit+1 when it is above limit.
func typoDistance(a, b string, limit int) int {
	x, y := []rune(a), []rune(b)
	if abs(len(x)-len(y)) > limit {
		return limit + 1
	}
	prev2 := make([]int, len(y)+1)
	prev := make([]int, len(y)+1)
	cur := make([]int, len(y)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(y)], limit+1)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// hasCyrillic tells whether text has a Cyrillic letter.
func hasCyrillic(text string) bool {
	return strings.IndexFunc(text, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }) >= 0
}
