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

// tsquery is the text of the tsquery of a search: every term; a word by one of its stems
// or as it is (matchedAsWords; the last word of a prefix query as its completions, or as a
// prefix when they were not looked up), a phrase as its words in a row.
func tsquery(q searchQuery) string {
	terms := make([]string, len(q.terms))
	for i, t := range q.terms {
		if t.phrase {
			words := make([]string, len(t.words))
			for j, w := range t.words {
				words[j] = tsLexeme(w)
			}
			terms[i] = "(" + strings.Join(words, " <-> ") + ")"
			continue
		}
		var alternatives []string
		if q.prefix && i == len(q.terms)-1 && len(t.completions) == 0 {
			alternatives = append(alternatives, tsLexeme(t.words[0])+":*")
		} else {
			for _, w := range t.matchedAsWords() {
				alternatives = append(alternatives, tsLexeme(w))
			}
		}
		for _, s := range t.stems {
			alternatives = append(alternatives, tsLexeme(stemMark+s))
		}
		terms[i] = "(" + strings.Join(alternatives, " | ") + ")"
	}
	return strings.Join(terms, " & ")
}

func (postgresEngine) searchMatch(q searchQuery) (string, []any) {
	return "doc @@ ?::tsquery", []any{tsquery(q)}
}
