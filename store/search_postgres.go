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
// folded words SQLite's FTS5 table gets (translit.Tokens), with their positions and a
// weight per part: A for the title, B for the summary, C for the body. So no text search
// configuration of PostgreSQL splits, stems or folds anything, and both engines match
// exactly the same words; a query's words are matched as they are too (the last one as a
// prefix, lexeme:*), and ranked by ts_rank_cd with the weights of search.go (rankSQL).

// PostgreSQL's limits of a tsvector: positions above 16383 count as 16383, a lexeme keeps
// at most 256 positions and has at most 2047 bytes.
const (
	maxTSPosition  = 16383
	maxTSPositions = 256
	maxTSLexeme    = 2047
)

// rankSQL is the score of a row: like bm25 on SQLite, each part counts with its weight
// (title 10, summary 4, body 1), a match in a long text counts less than in a short one
// (ts_rank_cd's normalisation 2: divided by the item's number of words), and many matches
// count less than proportionally (normalisation 32: rank / (rank + 1)); a last term, all
// parts together, scores the matches whose words are spread over several parts. Its arguments: the
// weights and the tsquery, four times each (see rankArgs).
const rankSQL = "? * ts_rank_cd('{0, 0, 0, 1}', doc, ?::tsquery, 34) + " +
	"? * ts_rank_cd('{0, 0, 1, 0}', doc, ?::tsquery, 34) + " +
	"? * ts_rank_cd('{0, 1, 0, 0}', doc, ?::tsquery, 34) + " +
	"? * ts_rank_cd('{0, 0.1, 0.4, 1}', doc, ?::tsquery, 34)"

// rankArgs are rankSQL's arguments for a tsquery.
func rankArgs(query string) []any {
	return []any{titleWeight, query, summaryWeight, query, bodyWeight, query, 1.0, query}
}

func (postgresEngine) putSearch(ctx context.Context, db bun.IDB, rowid int64, w indexWords) error {
	_, err := db.ExecContext(ctx, "INSERT INTO search (rowid, doc) VALUES (?, ?::tsvector) "+
		"ON CONFLICT (rowid) DO UPDATE SET doc = EXCLUDED.doc", rowid, tsvector(w))
	return err
}

func (postgresEngine) deleteSearch(ctx context.Context, db bun.IDB, rowid int64) error {
	_, err := db.ExecContext(ctx, "DELETE FROM search WHERE rowid = ?", rowid)
	return err
}

// tsvector is the text of a tsvector holding the words, numbered from 1 through the
// title, the summary and the body, weighted A, B and C.
func tsvector(w indexWords) string {
	positions := map[string][]string{}
	pos := 0
	for _, part := range []struct {
		words  []string
		weight string
	}{{w.title, "A"}, {w.summary, "B"}, {w.body, "C"}} {
		for _, word := range part.words {
			pos++
			if len(word) > maxTSLexeme || len(positions[word]) >= maxTSPositions {
				continue
			}
			positions[word] = append(positions[word], strconv.Itoa(min(pos, maxTSPosition))+part.weight)
		}
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
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `''`).Replace(word) + "'"
}

// tsquery is the text of the tsquery of a search: every word, the last one as a prefix
// when the query says so.
func tsquery(q searchQuery) string {
	terms := make([]string, len(q.tokens))
	for i, t := range q.tokens {
		terms[i] = tsLexeme(t)
	}
	if q.prefix {
		terms[len(terms)-1] += ":*"
	}
	return strings.Join(terms, " & ")
}

func (postgresEngine) searchCounts(ctx context.Context, db bun.IDB, q searchQuery) (map[int64]int, error) {
	var rows []struct {
		Num   int64
		Count int
	}
	err := db.NewRaw("SELECT rowid >> ? AS num, count(*) AS count FROM search WHERE doc @@ ?::tsquery GROUP BY 1",
		kindShift, tsquery(q)).Scan(ctx, &rows)
	out := map[int64]int{}
	for _, r := range rows {
		out[r.Num] = r.Count
	}
	return out, err
}

func (postgresEngine) searchRank(ctx context.Context, db bun.IDB, q searchQuery, kinds []*kind, limit, offset int) ([]searchRow, error) {
	var rows []searchRow
	query := tsquery(q)
	args := append(rankArgs(query), query, maxCandidates, limit, offset)
	err := db.NewRaw("SELECT rowid, "+rankSQL+" AS score FROM ("+
		"SELECT rowid, doc FROM search WHERE doc @@ ?::tsquery AND ("+kindRanges("rowid", kinds)+")"+
		" ORDER BY rowid DESC LIMIT ?) AS candidates ORDER BY score DESC, rowid DESC LIMIT ? OFFSET ?",
		args...).Scan(ctx, &rows)
	return rows, err
}
