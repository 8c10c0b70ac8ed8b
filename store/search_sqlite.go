package store

import (
	"context"
	"strings"

	"github.com/uptrace/bun"
)

// SQLite's search index: the FTS5 table search (migrations/sqlite/007_search_stems.sql),
// whose columns title, summary and body hold the folded words and title_stems,
// summary_stems and body_stems their stems. A word of a query matches a word or its stem.
// Matches are ranked in Go (search_ranking.go), the same way on both engines.

func (e sqliteEngine) putSearch(ctx context.Context, db bun.IDB, rowid int64, w indexWords) error {
	if _, err := db.ExecContext(ctx, "DELETE FROM search WHERE rowid = ?", rowid); err != nil {
		return err
	}
	columns, values := e.searchRow(rowid, w)
	return insertValues(ctx, db, "search ("+columns+")", [][]any{values}, "")
}

func (sqliteEngine) searchRow(rowid int64, w indexWords) (string, []any) {
	return "rowid, title, summary, body, title_stems, summary_stems, body_stems", []any{rowid,
		strings.Join(w.words.title, " "), strings.Join(w.words.summary, " "), strings.Join(w.words.body, " "),
		strings.Join(w.stems.title, " "), strings.Join(w.stems.summary, " "), strings.Join(w.stems.body, " ")}
}

func (sqliteEngine) deleteSearch(ctx context.Context, db bun.IDB, rowid int64) error {
	_, err := db.ExecContext(ctx, "DELETE FROM search WHERE rowid = ?", rowid)
	return err
}

// ftsPrefixBytes is the longest prefix the FTS5 table has a prefix index of (prefix =
// '2 3 4' in migrations/sqlite/007_search_stems.sql): such a prefix is one look-up, the
// cheapest way to match it; a longer one is matched as its completions (lookUpTerms),
// since FTS5 would merge the lists of every word it begins.
const ftsPrefixBytes = 4

// The column filters of a query's words: as they are, and their stems.
const (
	ftsWords = "{title summary body}"
	ftsStems = "{title_stems summary_stems body_stems}"
)

// ftsMatch is the FTS5 MATCH expression of a query, "" when it has no terms: every term
// must match; a word by one of its stems or as it is (matchedAsWords; the last word of a
// prefix query as a prefix or, when longer than ftsPrefixBytes, as its completions), a
// phrase as its words in a row. Every word is quoted, so nothing the user types is an
// operator.
func ftsMatch(q searchQuery) string {
	terms := make([]string, len(q.terms))
	for i, t := range q.terms {
		if t.phrase {
			terms[i] = "(" + ftsWords + ": " + ftsQuote(t.words...) + ")"
			continue
		}
		alternatives := []string{}
		if q.prefix && i == len(q.terms)-1 && (len(t.completions) == 0 || len(t.words[0]) <= ftsPrefixBytes) {
			alternatives = append(alternatives, ftsWords+": "+ftsQuote(t.words...)+"*")
		} else if words := t.matchedAsWords(); len(words) > 0 {
			alternatives = append(alternatives, ftsWords+": ("+ftsAny(words)+")")
		}
		alternatives = append(alternatives, ftsStems+": ("+ftsAny(t.stems)+")")
		terms[i] = "(" + strings.Join(alternatives, " OR ") + ")"
	}
	return strings.Join(terms, " AND ")
}

// ftsAny is an FTS5 expression that matches any of the words.
func ftsAny(words []string) string {
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = ftsQuote(w)
	}
	return strings.Join(quoted, " OR ")
}

// ftsQuote is an FTS5 string of words: one word, or a phrase of several.
func ftsQuote(words ...string) string {
	return `"` + strings.Join(words, " ") + `"`
}

func (sqliteEngine) searchMatch(q searchQuery) (string, []any) {
	return "search MATCH ?", []any{ftsMatch(q)}
}

// kindRanges is the condition on a rowid column that selects the kinds.
func kindRanges(column string, kinds []*kind) string {
	ranges := make([]string, len(kinds))
	for i, k := range kinds {
		ranges[i] = kindRange(column, k.num)
	}
	return strings.Join(ranges, " OR ")
}
