package store

import (
	"context"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/agency/portal/store/storetest"
	"github.com/agency/portal/translit"
)

// A search of misspelt words against a vocabulary of 100,000 terms answers in bounded
// time: candidates come by first letter and length, at most maxCandidateTerms per word and
// maxCorrections words per query. The bound is a generous one against abuse, not a speed
// goal; the time it took is logged.
func TestSuggestionCostIsBounded(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		b := make([]byte, 4+r.IntN(9))
		for i := range b {
			b[i] = byte('a' + r.IntN(26))
		}
		return string(b)
	}
	terms := itemTerms{}
	for len(terms) < 100_000 {
		w := word()
		terms[w] = w
	}
	list := make([]string, 0, len(terms))
	counts := newTermCounts()
	for w := range terms {
		list = append(list, w)
		counts.count(newsKind.num, w, w)
	}
	err := s.write.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		return counts.countUp(ctx, tx)
	})
	if err != nil {
		t.Fatal(err)
	}
	queries := []string{
		strings.Join(list[:3], "x ") + "x",                           // three typos, each with thousands of candidates
		strings.Repeat("qwertyuio ", 12),                             // twelve unknown words
		strings.Join([]string{list[0] + "z", list[1], list[2]}, " "), // one typo among known words
	}
	for _, q := range queries {
		start := time.Now()
		if _, err := s.Search(ctx, q, nil, Page{First: 10}, SrLatn); err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		took := time.Since(start)
		t.Logf("%.40q: %v", q, took)
		if took > 2*time.Second {
			t.Errorf("Search(%.40q) took %v, want at most 2 s", q, took)
		}
	}
}

// typoDistance counts letters left out, added, changed or swapped with a neighbour, and
// stops counting above its limit.
func TestTypoDistance(t *testing.T) {
	tests := []struct {
		a, b  string
		limit int
		want  int
	}{
		{"madjarska", "madjarska", 2, 0},
		{"madjraska", "madjarska", 2, 1}, // swapped
		{"komesarjat", "komesarijat", 2, 1},
		{"smugling", "smuggling", 2, 1},
		{"zajeecar", "zajecar", 2, 1},
		{"azl", "azil", 1, 1},
		{"kitten", "sitting", 5, 3},
		{"zrenjnain", "republic", 2, 3}, // above the limit: limit+1
		{"мигранит", "мигранти", 1, 1},  // runes, not bytes
	}
	for _, tt := range tests {
		if got := typoDistance(tt.a, tt.b, tt.limit); got != tt.want {
			t.Errorf("typoDistance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.limit, got, tt.want)
		}
	}
}

func TestMatchedAsWords(t *testing.T) {
	tests := []struct {
		name        string
		text        string
		completions []string
		want        []string
	}{
		{"a word its stems cover", "azil", nil, nil},
		{"a word of the English stemmer's", "migrants", nil, nil},
		{"the completion that is the prefix itself", "migracije", []string{"migracije"}, nil},
		{"completions with other stems", "mig", []string{"migracije", "migrant"}, []string{"migracije", "migrant"}},
		// "migracija" has the Serbian stem of "migracij", not the English one: an English
		// text would index it without ~migracij.
		{"a completion one of whose stems is not the term's", "migracij", []string{"migracij", "migracija"}, []string{"migracija"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			term := wordTerm(tt.text)
			term.completions = tt.completions
			if got := term.matchedAsWords(); !slices.Equal(got, tt.want) {
				t.Errorf("matchedAsWords of %q (stems %v, completions %v) = %v, want %v", tt.text, term.stems, tt.completions, got, tt.want)
			}
		})
	}
}

// The vocabulary's counts by kind are a floor of a one-word search's matches of each kind
// (searchQuery.leastMatches), by which a common word is spared its count (countedBefore):
// for every word of the demo content's vocabulary, typed whole, in Cyrillic and as its
// first two and three letters (a prefix), no kind has fewer matches than its floor.
func TestLeastMatchesAreAFloor(t *testing.T) {
	s, _, _ := openDemo(t)
	ctx := context.Background()
	var terms []string
	if err := s.read.NewSelect().Table("search_terms").Column("term").Order("term").Scan(ctx, &terms); err != nil {
		t.Fatal(err)
	}
	texts := map[string]bool{}
	for i, term := range terms {
		texts[term+" "] = true
		if i%5 == 0 {
			texts[translit.ToCyrillic(term)+" "] = true
		}
		for _, n := range []int{2, 3} {
			if r := []rune(term); len(r) > n {
				texts[string(r[:n])] = true
			}
		}
	}
	floors := 0
	for text := range texts {
		q := parseSearch(text)
		if !q.oneWord() {
			continue
		}
		if _, err := s.lookUpTerms(ctx, &q); err != nil {
			t.Fatal(err)
		}
		counted := q
		counted.leastMatches = nil // count every kind
		counts, err := countKinds(ctx, s.read, s.engine, counted, searchScope{})
		if err != nil {
			t.Fatal(err)
		}
		for num, floor := range q.leastMatches {
			floors++
			if counts[num] < floor {
				t.Errorf("%q: %d matches of kind %d, fewer than the vocabulary's %d", text, counts[num], num, floor)
			}
		}
	}
	if floors < len(terms) {
		t.Errorf("%d floors for %d terms: the vocabulary's counts by kind were not read", floors, len(terms))
	}
	t.Logf("%d searches, %d terms, %d floors", len(texts), len(terms), floors)
}

// On PostgreSQL the planner keeps the statistics of 1,000 times as many of the index's
// lexemes (migration 18), so that a rare word is not guessed common and counted by a walk
// of every row.
func TestSearchStatisticsTarget(t *testing.T) {
	if !storetest.Postgres() {
		t.Skip("PostgreSQL only: set PORTAL_TEST_POSTGRES (make test does, through scripts/with-postgres.sh)")
	}
	s := openTemp(t)
	var target int
	err := s.read.QueryRowContext(context.Background(),
		"SELECT attstattarget FROM pg_attribute WHERE attrelid = 'search'::regclass AND attname = 'doc'").Scan(&target)
	if err != nil || target != 1000 {
		t.Errorf("the statistics target of search.doc is %d (%v), want 1000", target, err)
	}
}
