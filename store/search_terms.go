package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"github.com/agency/portal/translit"
)

// The search vocabulary (migrations/*/009_search_terms.sql): every folded word the search
// index holds (a term), with the number of indexed items that have it and how it was
// written, the same number by kind (migrations/017_search_term_kinds.sql), and, per
// indexed item, its distinct terms (so that re-indexing or taking an item out knows what
// to count down). It is kept in step with the index, in the same transaction (syncIndex).
// It gives every search the completions of its last word, the counts that weigh its terms
// and those that spare a one-word search its counting (lookUpTerms), and "did you mean"
// its words (search_suggest.go).

// Bounds of the vocabulary.
const (
	maxItemTerms = 5000 // distinct terms of one item kept in the vocabulary, at most
	termsChunk   = 200  // terms per statement when counting up or down
)

// lookUpTerms reads what a search needs of its vocabulary before it matches, in one
// statement: the completions of a prefix query's last word, the counts that weigh the
// terms (termWeights), and for a query of one word its words' counts by kind. It sets the
// completions and each kind's least number of matches (searchQuery.leastMatches), and
// returns the weights.
//
// The completions are the words of the index that begin with the last word, those most
// items have first, at most maxCompletions; the word itself when none does. A short prefix
// such as "mig" so costs a search for a few words, not a merge of every word it begins.
func (s *Store) lookUpTerms(ctx context.Context, q *searchQuery) ([]float64, error) {
	var words []string
	for _, t := range q.terms {
		words = append(words, t.words...)
	}
	lists := make([]string, len(registry))
	for i, k := range registry {
		lists[i] = k.table
	}
	// Four parts: the words' counts (part 0); the number of items listed, from the kinds'
	// counters (a look-up of the primary key each; part 1); the completions (part 2); the
	// counts by kind of a one-word query's word, or of its completions (part 3).
	var sql string
	var args []any
	if q.prefix {
		word := words[len(words)-1]
		sql = "WITH completions AS (SELECT term, docs FROM search_terms WHERE term >= ? AND term < ? " +
			"ORDER BY docs DESC, term LIMIT ?) "
		args = append(args, word, word+"\U0010FFFF", maxCompletions)
	}
	sql += "SELECT 0 AS part, term, docs, 0 AS kind FROM search_terms WHERE term IN (?) " +
		"UNION ALL SELECT 1, '', coalesce(sum(n), 0), 0 FROM list_counts WHERE list IN (?) AND key = ''"
	args = append(args, bun.In(words), bun.In(lists))
	if q.prefix {
		sql += " UNION ALL SELECT 2, term, docs, 0 FROM completions"
	}
	switch {
	case q.oneWord() && q.prefix:
		sql += " UNION ALL SELECT 3, term, docs, kind FROM search_term_kinds WHERE term IN (SELECT term FROM completions)"
	case q.oneWord():
		sql += " UNION ALL SELECT 3, term, docs, kind FROM search_term_kinds WHERE term = ?"
		args = append(args, words[0])
	}
	var rows []struct {
		Part int
		Term string
		Docs int
		Kind int64
	}
	if err := s.read.NewRaw(sql, args...).Scan(ctx, &rows); err != nil {
		return nil, err
	}
	docs, all := map[string]int{}, 0
	var completed []termCount
	for _, r := range rows {
		switch r.Part {
		case 0:
			docs[r.Term] = r.Docs
		case 1:
			all = r.Docs
		case 2:
			docs[r.Term] = r.Docs
			completed = append(completed, termCount{r.Term, r.Docs})
		case 3:
			if q.leastMatches == nil {
				q.leastMatches = map[int64]int{}
			}
			q.leastMatches[r.Kind] = max(q.leastMatches[r.Kind], r.Docs)
		}
	}
	if q.prefix {
		prefix := &q.terms[len(q.terms)-1]
		// In the subquery's order, which a union need not keep.
		slices.SortFunc(completed, func(a, b termCount) int {
			return cmp.Or(cmp.Compare(b.docs, a.docs), cmp.Compare(a.term, b.term))
		})
		prefix.completions = []string{prefix.words[0]}
		if len(completed) > 0 {
			prefix.completions = make([]string, len(completed))
			for i, c := range completed {
				prefix.completions[i] = c.term
			}
		}
	}
	return termWeights(*q, docs, all), nil
}

// termCount is a word of the vocabulary and the number of items that have it.
type termCount struct {
	term string
	docs int
}

// itemTerms is an item's distinct terms, each with how the item writes it: lower case,
// in Latin script (Serbian Cyrillic transliterated), diacritics kept.
type itemTerms map[string]string

// termsOf is the distinct terms of an item's text, Serbian then English.
func termsOf(t indexText) itemTerms {
	out := itemTerms{}
	for _, parts := range []textParts{t.sr, t.en} {
		for _, list := range [][]string{parts.title, parts.summary, parts.body} {
			for _, text := range list {
				addTerms(out, text)
			}
		}
	}
	return out
}

// addTerms adds the words of text to terms, at most maxItemTerms in all. A word is a run
// of letters, digits and combining marks, as translit.Tokens splits (a word that folds to
// several tokens counts as each of them, spelt as folded).
func addTerms(terms itemTerms, text string) {
	for _, word := range strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
	}) {
		tokens := translit.Tokens(word)
		for _, tok := range tokens {
			if _, seen := terms[tok]; seen || len(tok) > maxTokenBytes || len(terms) >= maxItemTerms {
				continue
			}
			terms[tok] = tok
			if len(tokens) == 1 {
				terms[tok] = strings.ToLower(translit.ToLatin(word))
			}
		}
	}
}

// putTerms records the item's terms in the vocabulary, counting up the terms it did not
// have before and down those it no longer has.
func putTerms(ctx context.Context, db bun.IDB, rowid int64, terms itemTerms) error {
	old, err := termsOfRow(ctx, db, rowid)
	if err != nil {
		return err
	}
	had := make(map[string]bool, len(old))
	for _, term := range old {
		had[term] = true
	}
	var added, removed []string
	for term := range terms {
		if !had[term] {
			added = append(added, term)
		}
	}
	for _, term := range old {
		if _, kept := terms[term]; !kept {
			removed = append(removed, term)
		}
	}
	if len(added) == 0 && len(removed) == 0 && len(old) > 0 {
		return nil // the same words: a change of state, or of what the index does not hold
	}
	kind := rowid >> kindShift
	up := newTermCounts()
	for _, term := range added {
		up.count(kind, term, terms[term])
	}
	if err := up.countUp(ctx, db); err != nil {
		return err
	}
	if err := countTermsDown(ctx, db, kind, removed); err != nil {
		return err
	}
	return writeItemTerms(ctx, db, rowid, terms)
}

// writeItemTerms records which terms the vocabulary holds of an item.
func writeItemTerms(ctx context.Context, db bun.IDB, rowid int64, terms itemTerms) error {
	_, err := db.ExecContext(ctx, "INSERT INTO search_item_terms (item, terms) VALUES (?, ?) "+
		"ON CONFLICT (item) DO UPDATE SET terms = EXCLUDED.terms", rowid, terms.list())
	return err
}

// list is the terms as search_item_terms holds them: sorted, separated by spaces.
func (t itemTerms) list() string {
	list := make([]string, 0, len(t))
	for term := range t {
		list = append(list, term)
	}
	slices.Sort(list)
	return strings.Join(list, " ")
}

// newItemsTerms gathers the terms of many items the vocabulary does not hold yet (a bulk
// load's batch), to write them with a few statements: each term's count once, however
// many of the items have it, instead of once per item, which PostgreSQL would pay for
// with a row version each time.
type newItemsTerms struct {
	counts termCounts
	items  [][]any // search_item_terms' rows: rowid, terms
}

func (n *newItemsTerms) add(rowid int64, terms itemTerms) {
	if n.counts.docs == nil {
		n.counts = newTermCounts()
	}
	for term, spelling := range terms {
		n.counts.count(rowid>>kindShift, term, spelling)
	}
	n.items = append(n.items, []any{rowid, terms.list()})
}

// write records the items' terms: search_item_terms' rows, and each term counted up by
// the number of items that have it.
func (n *newItemsTerms) write(ctx context.Context, db bun.IDB) error {
	if err := insertValues(ctx, db, "search_item_terms (item, terms)", n.items, ""); err != nil {
		return err
	}
	return n.counts.countUp(ctx, db)
}

// termCounts is a number of items to add to the count of each of some terms, in all and
// by kind, and how the first of those items spells it (for the terms that are new).
type termCounts struct {
	docs     map[string]int
	byKind   map[kindTerm]int
	spelling map[string]string
}

// kindTerm is a term of the items of one kind (by its number).
type kindTerm struct {
	kind int64
	term string
}

func newTermCounts() termCounts {
	return termCounts{docs: map[string]int{}, byKind: map[kindTerm]int{}, spelling: map[string]string{}}
}

// count counts one more item of the kind (by number) with the term.
func (c termCounts) count(kind int64, term, spelling string) {
	c.byKind[kindTerm{kind, term}]++
	if c.docs[term]++; c.docs[term] == 1 {
		c.spelling[term] = spelling
	}
}

// deleteTerms takes an item out of the vocabulary.
func deleteTerms(ctx context.Context, db bun.IDB, rowid int64) error {
	old, err := termsOfRow(ctx, db, rowid)
	if err != nil {
		return err
	}
	if err := countTermsDown(ctx, db, rowid>>kindShift, old); err != nil {
		return err
	}
	_, err = db.ExecContext(ctx, "DELETE FROM search_item_terms WHERE item = ?", rowid)
	return err
}

// termsOfRow is the terms the vocabulary holds of an item, none when it holds none.
func termsOfRow(ctx context.Context, db bun.IDB, rowid int64) ([]string, error) {
	var terms string
	err := db.QueryRowContext(ctx, "SELECT terms FROM search_item_terms WHERE item = ?", rowid).Scan(&terms)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return strings.Fields(terms), err
}

// countUp adds the counts to the terms', in all and by kind, adding the terms that are new.
func (c termCounts) countUp(ctx context.Context, db bun.IDB) error {
	if err := c.countAllUp(ctx, db); err != nil {
		return err
	}
	return c.countKindsUp(ctx, db)
}

// countAllUp adds the counts in all to the terms' (search_terms), adding the terms that
// are new.
func (c termCounts) countAllUp(ctx context.Context, db bun.IDB) error {
	list := make([]string, 0, len(c.docs))
	for term := range c.docs {
		list = append(list, term)
	}
	slices.Sort(list) // the same order in every transaction, so two never wait for each other's rows
	rows := make([][]any, len(list))
	for i, term := range list {
		rows[i] = []any{term, c.docs[term], c.spelling[term], termHead(term), utf8.RuneCountInString(term)}
	}
	return insertValues(ctx, db, "search_terms (term, docs, spelling, head, size)", rows,
		"ON CONFLICT (term) DO UPDATE SET docs = search_terms.docs + EXCLUDED.docs")
}

// countKindsUp adds the counts by kind to the terms', adding those that are new.
func (c termCounts) countKindsUp(ctx context.Context, db bun.IDB) error {
	keys := slices.Collect(maps.Keys(c.byKind))
	slices.SortFunc(keys, func(a, b kindTerm) int { return cmp.Or(strings.Compare(a.term, b.term), cmp.Compare(a.kind, b.kind)) })
	rows := make([][]any, len(keys))
	for i, k := range keys {
		rows[i] = []any{k.term, k.kind, c.byKind[k]}
	}
	return insertValues(ctx, db, "search_term_kinds (term, kind, docs)", rows,
		"ON CONFLICT (term, kind) DO UPDATE SET docs = search_term_kinds.docs + EXCLUDED.docs")
}

// countTermsDown takes one item of the kind (by number) from the count of each term, and
// the terms no item has any more out.
func countTermsDown(ctx context.Context, db bun.IDB, kind int64, list []string) error {
	for chunk := range slices.Chunk(list, termsChunk) {
		if err := countDown(ctx, db, "search_terms", "term IN (?)", bun.In(chunk)); err != nil {
			return err
		}
		if err := countDown(ctx, db, "search_term_kinds", "term IN (?) AND kind = ?", bun.In(chunk), kind); err != nil {
			return err
		}
	}
	return nil
}

// termHead is the first letter of a term: the key its candidates are looked up by.
func termHead(term string) string {
	r, _ := utf8.DecodeRuneInString(term)
	return string(r)
}

// countDown takes one from the count of the table's rows where cond holds, and takes out
// those that count none any more.
func countDown(ctx context.Context, db bun.IDB, table, cond string, args ...any) error {
	if _, err := db.ExecContext(ctx, "UPDATE "+table+" SET docs = docs - 1 WHERE "+cond, args...); err != nil {
		return err
	}
	_, err := db.ExecContext(ctx, "DELETE FROM "+table+" WHERE docs <= 0 AND "+cond, args...)
	return err
}

// countItemTerms counts the items that have each term, in all and by kind, from the
// terms the vocabulary holds of each (search_item_terms): what the vocabulary's counts
// must be.
func countItemTerms(ctx context.Context, db bun.IDB) (termCounts, error) {
	rows, err := db.QueryContext(ctx, "SELECT item, terms FROM search_item_terms")
	if err != nil {
		return termCounts{}, err
	}
	defer rows.Close()
	c := newTermCounts()
	for rows.Next() { // one row at a time: a million items' terms are gigabytes
		var item int64
		var terms string
		if err := rows.Scan(&item, &terms); err != nil {
			return termCounts{}, err
		}
		for _, term := range strings.Fields(terms) {
			c.count(item>>kindShift, term, "")
		}
	}
	return c, rows.Err()
}

// fillTermKinds counts the vocabulary's terms by kind: the step of the migration that
// made search_term_kinds. Answers do not change (the counts only spare searches work), so
// the content generation does not count it.
func fillTermKinds(ctx context.Context, tx bun.Tx) error {
	c, err := countItemTerms(ctx, tx)
	if err != nil {
		return err
	}
	return c.countKindsUp(ctx, tx)
}

// fillTerms builds the vocabulary from the items the search index holds: the step of the
// migration that made it (9), so its counts in all only: the counts by kind come with
// migration 17, whose step counts them from what this writes. The content generation
// counts it, since answers change.
func (s *Store) fillTerms(ctx context.Context, tx bun.Tx) error {
	return refillEach(ctx, tx, func(k *kind, rowid int64, r row) error {
		terms := termsOf(r.indexText())
		up := newTermCounts()
		for term, spelling := range terms {
			up.count(k.num, term, spelling)
		}
		if err := up.countAllUp(ctx, tx); err != nil {
			return err
		}
		return writeItemTerms(ctx, tx, rowid, terms)
	})
}
