package translit

import (
	"strings"

	"github.com/kljensen/snowball/english"
)

// Lang names the language whose stemming rules apply to a text.
type Lang string

// The languages with a stemmer. Stem leaves the tokens of any other Lang as
// they are.
const (
	Serbian Lang = "sr"
	English Lang = "en"
)

// Stemmed tokens are between these lengths, in bytes: shorter ones are
// function words and abbreviations with nothing to strip, longer ones are not
// words (a pasted hash or URL) and would only cost time.
const (
	minStemLen = 3
	maxStemLen = 40
)

// Stem returns the stem of one search token under the rules of lang: the
// Snowball Serbian stemmer for Serbian (in either script, which folding has
// already made one), Porter2 (Snowball English) for English. The token must
// already be folded, as Tokens returns it: "ljudskih" and "ljudska" both give
// "ljudsk", "madjarske" gives "madjarsk", "migrations" gives "migrat".
//
// A token is returned unchanged when it is shorter than 3 or longer than 40
// bytes or has anything but the letters a-z: numbers ("2024", "covid19") and
// words of other scripts are not stemmed. Acronyms cannot be told apart after
// folding ("UNHCR" and "unhcr" fold alike) and are stemmed like any word, so
// the index and a query typed in lower case still agree.
func Stem(lang Lang, token string) string {
	if !stemmable(token) {
		return token
	}
	switch lang {
	case Serbian:
		return stemSerbian(token)
	case English:
		return english.Stem(token, true)
	}
	return token
}

// StemTokens splits s into tokens as Tokens does (folding it first) and
// returns the stem of each, in order: StemTokens(Serbian, "Људска права")
// is ["ljudsk", "prav"].
func StemTokens(lang Lang, s string) []string {
	tokens := Tokens(s)
	for i, t := range tokens {
		tokens[i] = Stem(lang, t)
	}
	return tokens
}

func stemmable(token string) bool {
	if len(token) < minStemLen || len(token) > maxStemLen {
		return false
	}
	for i := 0; i < len(token); i++ {
		if c := token[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// suffixTable maps suffixes to their replacements; the longest suffix of a
// word that the table holds is the one that applies.
type suffixTable struct {
	replacement map[string]string
	longest     int
}

// suffixRules builds a suffixTable from pairs of a replacement and the
// space-separated suffixes it replaces.
func suffixRules(pairs ...string) suffixTable {
	t := suffixTable{replacement: map[string]string{}}
	for i := 0; i+1 < len(pairs); i += 2 {
		for _, suffix := range strings.Fields(pairs[i+1]) {
			t.replacement[suffix] = pairs[i]
			t.longest = max(t.longest, len(suffix))
		}
	}
	return t
}

// match returns where the longest suffix of word that t holds begins, and its
// replacement; ok is false when t holds no suffix of word.
func (t suffixTable) match(word string) (start int, replacement string, ok bool) {
	for n := min(t.longest, len(word)); n > 0; n-- {
		if r, found := t.replacement[word[len(word)-n:]]; found {
			return len(word) - n, r, true
		}
	}
	return 0, "", false
}
