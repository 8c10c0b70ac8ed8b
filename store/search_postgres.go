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
// words in a row (<->); matches are ranked in Go (search_ranking.go), the same way on both
// engines.
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

// tsExact is the tsquery of the query's term i as it is: a word (lexeme; as the last word
// of a prefix query, any of its completions, or lexeme:* when they were not looked up) or
// a phrase (lexemes joined by <->).
func tsExact(q searchQuery, i int) string {
	t := q.terms[i]
	words := make([]string, len(t.words))
	for j, w := range t.words {
		words[j] = tsLexeme(w)
	}
	switch {
	case len(words) > 1:
		return "(" + strings.Join(words, " <-> ") + ")"
	case len(t.completions) > 0:
		completions := make([]string, len(t.completions))
		for j, w := range t.completions {
			completions[j] = tsLexeme(w)
		}
		return "(" + strings.Join(completions, " | ") + ")"
	case q.prefix && i == len(q.terms)-1:
		return words[0] + ":*"
	}
	return words[0]
}

func (postgresEngine) searchMatch(q searchQuery) (string, []any) {
	return "doc @@ ?::tsquery", []any{tsquery(q)}
}
