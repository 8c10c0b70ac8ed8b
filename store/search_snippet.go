package store

import (
	"slices"
	"strings"

	"github.com/agency/portal/richtext"
	"github.com/agency/portal/translit"
)

// Snippets: the excerpt of a hit's text that shows why it was found, with the matched
// words marked, in the served locale or, failing that, the other language.

// snippetText is a text a snippet may be cut from: plain text, or rich text (HTML) made
// plain only when a snippet is looked for in it (most hits have theirs in the summary).
type snippetText struct {
	text string
	rich bool
}

func plainText(text string) snippetText { return snippetText{text: text} }
func richText(html string) snippetText  { return snippetText{text: html, rich: true} }

// highlight is the text's excerpt around its first word match says yes to, with such words
// marked; matched is false (and the excerpt empty) when it has none. Rich text is made
// plain a block (a paragraph: text between blank lines) at a time, only for a block whose
// words as written have a match, and the excerpt comes from that block: rendering a whole
// body for a word in its last paragraph cost a rare word's search more than its queries.
func (t snippetText) highlight(match func(string) bool) (string, bool) {
	if !t.rich {
		return translit.HighlightFunc(t.text, match, snippetRunes)
	}
	for _, block := range richtext.Blocks(t.text) {
		if !slices.ContainsFunc(translit.Tokens(block), match) {
			continue
		}
		if out, matched := translit.HighlightFunc(richtext.PlainText(block), match, snippetRunes); matched {
			return out, true
		}
	}
	return "", false
}

// plain is the text without its markup.
func (t snippetText) plain() string {
	if t.rich {
		return richtext.PlainText(t.text)
	}
	return t.text
}

// setSnippet sets the hit's snippet: an excerpt of its text in the served locale with the
// matched words marked (words of the query as they are, the last one as a prefix when the
// query says so, and words with the stem of one of them: "madjarska" marks Мађарске),
// from the first of its texts that has one; else, the same from its text in the other
// language (otherLanguage); else the beginning of its first text. SnippetLocale is the
// locale of the text it comes from.
func setSnippet(hit *SearchHit, q searchQuery, query string) {
	match := snippetMatcher(q)
	out, matched := highlightFirst(hit.texts, match)
	hit.Snippet, hit.SnippetLocale = out, hit.locale
	if matched || hit.row == nil {
		return
	}
	other := hit.row.searchHit(otherLanguage(hit.locale, query))
	if byOther, matched := highlightFirst(other.texts, match); matched {
		hit.Snippet, hit.SnippetLocale = byOther, other.locale
	}
}

// otherLanguage is the locale a snippet falls back to: English for a Serbian locale;
// Serbian for English, in the script of the query (Latin unless it has Cyrillic letters).
func otherLanguage(served Locale, query string) Locale {
	switch {
	case served != En:
		return En
	case hasCyrillic(query):
		return SrCyrl
	}
	return SrLatn
}

// snippetMatcher tells whether a folded word of a text matches the query: it is one of
// the query's words, begins with its last word (a prefix query), or has the Serbian or
// English stem of one of its words. Only words that begin as a stem begins are stemmed.
func snippetMatcher(q searchQuery) func(string) bool {
	words := map[string]bool{}
	for _, w := range q.tokens {
		words[w] = true
	}
	prefix := ""
	if q.prefix {
		prefix = q.tokens[len(q.tokens)-1]
	}
	stems := map[string]bool{}
	starts := map[string]bool{}
	for _, s := range q.stems() {
		stems[s] = true
		starts[stemStart(s)] = true
	}
	return func(w string) bool {
		switch {
		case words[w], prefix != "" && strings.HasPrefix(w, prefix):
			return true
		case !starts[stemStart(w)]:
			return false
		}
		return stems[translit.Stem(translit.Serbian, w)] || stems[translit.Stem(translit.English, w)]
	}
}

// stemStart is the beginning of a word or stem that snippetMatcher compares first: its
// first three bytes.
func stemStart(w string) string { return w[:min(3, len(w))] }

// highlightFirst is the excerpt of the first of texts that has a word match says yes to
// (translit.HighlightFunc), and whether one has; else the excerpt of the first (of the
// first that is not empty).
func highlightFirst(texts []snippetText, match func(string) bool) (string, bool) {
	for _, t := range texts {
		if out, matched := t.highlight(match); matched {
			return out, true
		}
	}
	for _, t := range texts {
		if out, _ := translit.HighlightFunc(t.plain(), match, snippetRunes); out != "" {
			return out, false
		}
	}
	return "", false
}
