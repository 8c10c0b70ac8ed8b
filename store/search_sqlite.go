package store

import (
	"context"
	"strings"

	"github.com/uptrace/bun"
)

// SQLite's search index: the FTS5 table search (migrations/sqlite/007_search_stems.sql),
// whose columns title, summary and body hold the folded words and title_stems,
// summary_stems and body_stems their stems, ranked by bm25 with the weights of search.go.
// A word of a query matches a word or its stem: a text with the very word matches both,
// so it ranks above one that has another form of it.

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

// The column filters of a query's words: as they are, and their stems.
const (
	ftsWords = "{title summary body}"
	ftsStems = "{title_stems summary_stems body_stems}"
)

// ftsMatch is the FTS5 MATCH expression of a query, "" when it has no terms: every term
// must match; a word as it is (a prefix when it is the last and the query says so) or by
// one of its stems, a phrase as its words in a row. Every word is quoted, so nothing the
// user types is an operator.
func ftsMatch(q searchQuery) string {
	terms := make([]string, len(q.terms))
	for i, t := range q.terms {
		exact := ftsWords + ": " + ftsQuote(t.words...)
		if q.prefix && i == len(q.terms)-1 {
			exact += "*"
		}
		if t.phrase {
			terms[i] = "(" + exact + ")"
			continue
		}
		stems := make([]string, len(t.stems))
		for j, s := range t.stems {
			stems[j] = ftsQuote(s)
		}
		terms[i] = "(" + exact + " OR " + ftsStems + ": (" + strings.Join(stems, " OR ") + "))"
	}
	return strings.Join(terms, " AND ")
}

// ftsQuote is an FTS5 string of words: one word, or a phrase of several.
func ftsQuote(words ...string) string {
	return `"` + strings.Join(words, " ") + `"`
}

func (sqliteEngine) searchMatch(q searchQuery) (string, []any) {
	return "search MATCH ?", []any{ftsMatch(q)}
}

// searchRank scores with bm25 the most recent maxCounted matches only: bm25 costs a read
// of each row's sizes and positions, so a common word at 100,000 items would cost more
// than the rest of the search together.
func (sqliteEngine) searchRank(ctx context.Context, db bun.IDB, q searchQuery, sc searchScope, limit, offset int) ([]searchRow, error) {
	filter, filterArgs := sc.filterSQL()
	args := append([]any{titleWeight, summaryWeight, bodyWeight, titleWeight * stemWeight, summaryWeight * stemWeight, bodyWeight * stemWeight, ftsMatch(q)},
		filterArgs...)
	var rows []searchRow
	err := db.NewRaw("SELECT rowid, -score AS score FROM ("+
		"SELECT rowid, bm25(search, ?, ?, ?, ?, ?, ?) AS score FROM search WHERE search MATCH ? AND ("+kindRanges("rowid", sc.kinds)+") AND "+filter+
		" ORDER BY rowid DESC LIMIT ?) ORDER BY score DESC, rowid DESC LIMIT ? OFFSET ?",
		append(args, maxCounted, limit, offset)...).Scan(ctx, &rows)
	return rows, err
}

// kindRanges is the condition on a rowid column that selects the kinds.
func kindRanges(column string, kinds []*kind) string {
	ranges := make([]string, len(kinds))
	for i, k := range kinds {
		ranges[i] = kindRange(column, k.num)
	}
	return strings.Join(ranges, " OR ")
}
