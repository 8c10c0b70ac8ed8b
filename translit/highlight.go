package translit

import (
	"sort"
	"strings"
	"unicode"
)

// Highlight returns a short excerpt of text (at most about maxRunes runes, cut at word boundaries,
// with "…" where it cuts) around the first place where a word of text matches one of the query tokens
// (tokens are already folded, from Tokens). A word matches a token when Fold(word) == token, or, for the
// LAST token only when prefixLast is true, when Fold(word) has that token as prefix. Every matching word
// is wrapped in <mark>…</mark>. The text is plain text (not HTML) and the result is HTML: escape &, <, >, "
// and ' in the text (html.EscapeString semantics) so only our <mark> tags are markup. The excerpt keeps
// the original spelling of the text (script, case, diacritics). If nothing matches, return the escaped
// beginning of text (same length rule) and matched=false.
//
// Words are runs of letters, digits and combining marks of the original text.
// The excerpt starts about a third of the budget before the first match and
// holds at most maxRunes runes of text (plus the "…" marks), unless the
// matching word alone is longer. maxRunes <= 0 means no limit. Empty tokens
// are ignored. Invalid UTF-8 bytes become U+FFFD. Time is linear in len(text).
func Highlight(text string, tokens []string, prefixLast bool, maxRunes int) (snippet string, matched bool) {
	exact := make(map[string]bool, len(tokens))
	prefix := ""
	for i, t := range tokens {
		switch {
		case t == "":
		case prefixLast && i == len(tokens)-1:
			prefix = t
		default:
			exact[t] = true
		}
	}
	return HighlightFunc(text, func(folded string) bool {
		return exact[folded] || prefix != "" && strings.HasPrefix(folded, prefix)
	}, maxRunes)
}

// HighlightFunc is Highlight with the test of a word given: it marks the words of text
// whose folded form (Fold) match says yes to.
func HighlightFunc(text string, match func(folded string) bool, maxRunes int) (snippet string, matched bool) {
	words, total := hlWords(text, match)
	first := -1
	for i, w := range words {
		if w.hit {
			first = i
			break
		}
	}

	start, end := 0, len(text)
	switch {
	case maxRunes <= 0 || total <= maxRunes:
		// the whole text fits
	case first < 0:
		end = cutEnd(text, words, 0, maxRunes)
	default:
		m := words[first]
		from := m.rstart - max(0, maxRunes-(m.rend-m.rstart))/3
		from = min(from, total-maxRunes) // use the budget left at the end of the text
		if from > 0 {
			// the first word that starts at or after from (at the latest the match)
			k := sort.Search(first, func(k int) bool { return words[k].rstart >= from })
			start, from = words[k].start, words[k].rstart
		} else {
			from = 0
		}
		if from+maxRunes < total {
			end = cutEnd(text, words, from, max(from+maxRunes, m.rend))
		}
	}

	var b strings.Builder
	b.Grow(end - start + 16)
	if start > 0 {
		b.WriteString("…")
	}
	pos := start
	for _, w := range words[sort.Search(len(words), func(k int) bool { return words[k].start >= start }):] {
		if w.start >= end {
			break
		}
		escapeTo(&b, text[pos:w.start])
		if w.hit {
			b.WriteString("<mark>")
			escapeTo(&b, text[w.start:w.end])
			b.WriteString("</mark>")
		} else {
			escapeTo(&b, text[w.start:min(w.end, end)])
		}
		pos = min(w.end, end)
	}
	escapeTo(&b, text[pos:end])
	if end < len(text) {
		b.WriteString("…")
	}
	return b.String(), first >= 0
}

// hlWord is a word of the text given to Highlight: text[start:end], runes
// rstart to rend.
type hlWord struct {
	start, end   int
	rstart, rend int
	hit          bool
}

// hlWords splits text into words, marks the ones that match, and returns them
// with the number of runes in text.
func hlWords(text string, match func(folded string) bool) ([]hlWord, int) {
	var words []hlWord
	inWord := false
	n := 0
	finish := func(end int) {
		w := &words[len(words)-1]
		w.end, w.rend = end, n
		w.hit = match(Fold(text[w.start:w.end]))
	}
	for i, r := range text {
		isWord := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		if isWord && !inWord {
			words = append(words, hlWord{start: i, rstart: n})
		} else if !isWord && inWord {
			finish(i)
		}
		inWord = isWord
		n++
	}
	if inWord {
		finish(len(text))
	}
	return words, n
}

// cutEnd returns the byte offset where an excerpt that starts at rune from
// must end so that it holds runes up to limit: the end of the last word that
// ends by then, the end of text if it fits, or (when no word ends in time) the
// byte offset of rune limit.
func cutEnd(text string, words []hlWord, from, limit int) int {
	k := sort.Search(len(words), func(k int) bool { return words[k].rend > limit })
	if k > 0 && words[k-1].rend > from {
		return words[k-1].end
	}
	n := 0
	for i := range text {
		if n == limit {
			return i
		}
		n++
	}
	return len(text)
}

// escapeTo writes s to b with &, <, >, " and ' escaped as html.EscapeString
// does, and invalid UTF-8 replaced by U+FFFD.
func escapeTo(b *strings.Builder, s string) {
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&#34;")
		case '\'':
			b.WriteString("&#39;")
		default:
			b.WriteRune(r)
		}
	}
}
