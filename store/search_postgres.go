package store

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/uptrace/bun"
)

// PostgreSQL's search index: the table search (migrations/postgres/001_content.sql), a
// tsvector per item with a GIN index. The tsvector is written here, in Go, from the same
// folded words and stems SQLite's FTS5 table gets (indexWords), with their positions and
// a weight per part: A for the title, B for the summary, C for the body. A stem is a
// lexeme marked with stemMark, at its word's position, so it never meets a word (words
// have letters and digits only). So no text search configuration of PostgreSQL splits,
// stems or folds anything, and both engines match exactly the same words; a query's words
// are matched as they are (the last one as a prefix, lexeme:*) or by a stem, phrases as
// words in a row (<->), and ranked by ts_rank_cd with the weights of search.go (rankSQL).
// Each part's positions start one further on than where the last part's ended, so a phrase
// never spans two parts (as on SQLite, where parts are columns).

// stemMark starts the lexeme of a stem.
const stemMark = "~"

// PostgreSQL's limits of a tsvector: positions above 16383 count as 16383, a lexeme keeps
// at most 256 positions and has at most 2047 bytes.
const (
	maxTSPosition  = 16383
	maxTSPositions = 256
	maxTSLexeme    = 2047
)

// partsRankSQL scores a row's match of a tsquery: like bm25 on SQLite, each part counts
// with its weight (title 10, summary 4, body 1), a match in a long text counts less than
// in a short one (ts_rank_cd's normalisation 2: divided by the item's number of words),
// and many matches count less than proportionally (normalisation 32: rank / (rank + 1));
// a last term, all parts together, scores the matches whose words are spread over several
// parts. Its arguments: the weights and the tsquery, four times each (partsRankArgs).
const partsRankSQL = "? * ts_rank_cd('{0, 0, 0, 1}', doc, ?::tsquery, 34) + " +
	"? * ts_rank_cd('{0, 0, 1, 0}', doc, ?::tsquery, 34) + " +
	"? * ts_rank_cd('{0, 1, 0, 0}', doc, ?::tsquery, 34) + " +
	"? * ts_rank_cd('{0, 0.1, 0.4, 1}', doc, ?::tsquery, 34)"

// rankSQL is the score of a row, as on SQLite: its match of the whole query (words or
// stems) counted stemWeight, plus its match of the words as they are (exactTSQuery), so
// that a text with the very words ranks above one with other forms of them. Its
// arguments: rankArgs.
const rankSQL = "? * (" + partsRankSQL + ") + " + partsRankSQL

// rankArgs are rankSQL's arguments for a query.
func rankArgs(q searchQuery) []any {
	args := append([]any{stemWeight}, partsRankArgs(tsquery(q))...)
	return append(args, partsRankArgs(exactTSQuery(q))...)
}

// partsRankArgs are partsRankSQL's arguments for a tsquery.
func partsRankArgs(query string) []any {
	return []any{titleWeight, query, summaryWeight, query, bodyWeight, query, 1.0, query}
}

func (e postgresEngine) putSearch(ctx context.Context, db bun.IDB, rowid int64, w indexWords) error {
	columns, values := e.searchRow(rowid, w)
	return insertValues(ctx, db, "search ("+columns+")", [][]any{values}, "ON CONFLICT (rowid) DO UPDATE SET doc = EXCLUDED.doc")
}

// searchRow's tsvector is a string: the column's type turns it into one.
func (postgresEngine) searchRow(rowid int64, w indexWords) (string, []any) {
	return "rowid, doc", []any{rowid, tsvector(w)}
}

func (postgresEngine) deleteSearch(ctx context.Context, db bun.IDB, rowid int64) error {
	_, err := db.ExecContext(ctx, "DELETE FROM search WHERE rowid = ?", rowid)
	return err
}

// tsvector is the text of a tsvector holding the words and their stems, numbered from 1
// through the title, the summary and the body (a position left out between two parts),
// weighted A, B and C.
func tsvector(w indexWords) string {
	positions := map[string][]string{}
	add := func(lexeme string, pos int, weight string) {
		if len(lexeme) <= maxTSLexeme && len(positions[lexeme]) < maxTSPositions {
			positions[lexeme] = append(positions[lexeme], strconv.Itoa(min(pos, maxTSPosition))+weight)
		}
	}
	pos := 0
	for _, part := range []struct {
		words, stems []string
		weight       string
	}{{w.words.title, w.stems.title, "A"}, {w.words.summary, w.stems.summary, "B"}, {w.words.body, w.stems.body, "C"}} {
		for i, word := range part.words {
			pos++
			add(word, pos, part.weight)
			add(stemMark+part.stems[i], pos, part.weight)
		}
		pos++
	}
	lexemes := make([]string, 0, len(positions))
	for word := range positions {
		lexemes = append(lexemes, word)
	}
	slices.Sort(lexemes)
	var b strings.Builder
	for i, word := range lexemes {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(tsLexeme(word) + ":" + strings.Join(positions[word], ","))
	}
	return b.String()
}

// tsLexeme quotes a word for a tsvector or tsquery: as it is, whatever it holds.
func tsLexeme(word string) string {
	return "'" + lexemeQuotes.Replace(word) + "'"
}

var lexemeQuotes = strings.NewReplacer(`\`, `\\`, `'`, `''`)

// tsquery is the text of the tsquery of a search: every term; a word as it is (the last
// one as a prefix when the query says so) or by one of its stems, a phrase as its words
// in a row.
func tsquery(q searchQuery) string {
	terms := make([]string, len(q.terms))
	for i, t := range q.terms {
		terms[i] = tsExact(q, i)
		if t.phrase {
			continue
		}
		for _, s := range t.stems {
			terms[i] += " | " + tsLexeme(stemMark+s)
		}
		terms[i] = "(" + terms[i] + ")"
	}
	return strings.Join(terms, " & ")
}

// exactTSQuery matches a text that has any of the query's terms as they are: words (the
// last one as a prefix when the query says so) or phrases, not stems.
func exactTSQuery(q searchQuery) string {
	terms := make([]string, len(q.terms))
	for i := range q.terms {
		terms[i] = tsExact(q, i)
	}
	return strings.Join(terms, " | ")
}

// tsExact is the tsquery of the query's term i as it is: a word (lexeme, or lexeme:* as
// the last word of a prefix query) or a phrase (lexemes joined by <->).
func tsExact(q searchQuery, i int) string {
	t := q.terms[i]
	words := make([]string, len(t.words))
	for j, w := range t.words {
		words[j] = tsLexeme(w)
	}
	if len(words) > 1 {
		return "(" + strings.Join(words, " <-> ") + ")"
	}
	if q.prefix && i == len(q.terms)-1 {
		return words[0] + ":*"
	}
	return words[0]
}

func (postgresEngine) searchMatch(q searchQuery) (string, []any) {
	return "doc @@ ?::tsquery", []any{tsquery(q)}
}

// shortlistSize is how many of a search's candidates PostgreSQL scores with rankSQL (eight
// ts_rank_cd calls each): the best by shortlistSQL.
const shortlistSize = 100

// shortlistSQL is a first, cheap score of a candidate: one ts_rank_cd call, the last term of
// partsRankSQL for the whole query. rankSQL is at least stemWeight times it, so the rest,
// scored stemWeight times it, rank below the shortlist and by it.
const shortlistSQL = "ts_rank_cd('{0, 0.1, 0.4, 1}', doc, ?::tsquery, 34)"

// searchRank scores the most recent maxCounted matches only (ts_rank_cd reads each one's
// whole tsvector): every one by shortlistSQL, and the best shortlistSize of those by
// rankSQL, so that a common word costs about one ts_rank_cd call per candidate, not eight.
// The order is one for all pages, and a search with at most shortlistSize candidates ranks
// them all by rankSQL.
func (postgresEngine) searchRank(ctx context.Context, db bun.IDB, q searchQuery, sc searchScope, limit, offset int) ([]searchRow, error) {
	filter, filterArgs := sc.filterSQL()
	args := append([]any{shortlistSize}, rankArgs(q)...)
	args = append(args, stemWeight, shortlistSize, tsquery(q), tsquery(q))
	args = append(append(args, filterArgs...), maxCounted, limit, offset)
	var rows []searchRow
	err := db.NewRaw("SELECT rowid, score FROM ("+
		"SELECT rowid, CASE WHEN n <= ? THEN "+rankSQL+" ELSE ? * first END AS score, n <= ? AS short FROM ("+
		"SELECT rowid, doc, first, row_number() OVER (ORDER BY first DESC, rowid DESC) AS n FROM ("+
		"SELECT rowid, doc, "+shortlistSQL+" AS first FROM ("+
		"SELECT rowid, doc FROM search WHERE doc @@ ?::tsquery AND ("+kindRanges("rowid", sc.kinds)+") AND "+filter+
		" ORDER BY rowid DESC LIMIT ?) AS candidates OFFSET 0) AS scored) AS numbered) AS ranked"+
		" ORDER BY short DESC, score DESC, rowid DESC LIMIT ? OFFSET ?", args...).Scan(ctx, &rows)
	return rows, err
}
