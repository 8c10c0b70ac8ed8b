package server_test

import (
	"strings"
	"testing"
)

// suggestResult is what the tests of snippets and suggestions read of a search.
type suggestResult struct {
	Search struct {
		TotalCount int
		Suggestion *string
		Edges      []struct {
			Node struct {
				Snippet, SnippetLocale string
				Item                   struct{ Slug string }
			}
		}
	}
}

const suggestQuery = `query($q: String!, $l: Locale) {
	search(query: $q, locale: $l) { totalCount suggestion
		edges { node { snippet snippetLocale item { ... on NewsItem { slug } ... on Project { slug } ... on Partner { slug } } } } } }`

func searchSuggest(t *testing.T, p *portal, q, locale string) suggestResult {
	t.Helper()
	var r suggestResult
	p.data(suggestQuery, map[string]any{"q": q, "l": locale}, &r)
	return r
}

// A Serbian word searched in the English locale: the snippet comes from the Serbian text,
// in the query's script, marks the word and says its locale; a word of the served text
// keeps the served locale. Every hit marks a word.
func TestSearchSnippetsShowWhy(t *testing.T) {
	p := newPortal(t, true)
	tests := []struct {
		query, locale, wantLocale, wantMark string
	}{
		{"Мађарске", "EN", "SR_CYRL", "<mark>Мађарске</mark>"},
		{"madjarske", "EN", "SR_LATN", "<mark>Mađarske</mark>"},
		{"четворочлана", "EN", "SR_CYRL", "<mark>Четворочлана</mark>"},
		{"hungary", "SR_CYRL", "EN", "<mark>Hungary</mark>"},
		{"hungary", "EN", "EN", "<mark>Hungary</mark>"},
		{"Мађарска", "SR_LATN", "SR_LATN", "<mark>Mađarsk"},
	}
	for _, tt := range tests {
		r := searchSuggest(t, p, tt.query, tt.locale)
		if len(r.Search.Edges) == 0 {
			t.Errorf("%q in %s: no hits", tt.query, tt.locale)
			continue
		}
		first := r.Search.Edges[0].Node
		if first.SnippetLocale != tt.wantLocale || !strings.Contains(first.Snippet, tt.wantMark) {
			t.Errorf("%q in %s: first snippet in %s: %q; want one in %s with %s", tt.query, tt.locale, first.SnippetLocale, first.Snippet, tt.wantLocale, tt.wantMark)
		}
		for _, e := range r.Search.Edges {
			if !strings.Contains(e.Node.Snippet, "<mark>") {
				t.Errorf("%q in %s: the snippet of %s marks no word: %q", tt.query, tt.locale, e.Node.Item.Slug, e.Node.Snippet)
			}
		}
	}

	// An item in English only, searched in Serbian: its snippet is English and says so.
	mustImport(t, p, `{"news":[{"slug":"english-only","title":{"sr":"","en":"A visit to Zrenjanin"},"summary":{"sr":"","en":"The team visited Zrenjanin."},"body":{"sr":"","en":""},"publishedAt":"2025-01-01T00:00:00Z","updatedAt":null,"topics":[],"projects":[],"partners":[]}]}`)
	r := searchSuggest(t, p, "zrenjanin", "SR_CYRL")
	if len(r.Search.Edges) != 1 || r.Search.Edges[0].Node.SnippetLocale != "EN" || !strings.Contains(r.Search.Edges[0].Node.Snippet, "<mark>Zrenjanin</mark>") {
		t.Errorf("an English-only item in SR_CYRL: %+v, want one hit with an English snippet marking Zrenjanin", r.Search.Edges)
	}
}

// "Did you mean": a search with no hits suggests the nearest words of the index, in the
// query's script, for typos in Cyrillic, in Latin with or without diacritics and in
// English; a search that finds enough, or whose words have no near word, suggests nothing.
func TestSearchDidYouMean(t *testing.T) {
	p := newPortal(t, true)
	tests := []struct {
		query, want string // want "" for no suggestion
	}{
		{"Мађраска", "мађарска"},             // Cyrillic, two letters swapped
		{"madjraska", "mađarska"},            // ASCII spelling of đ, swapped
		{"Mađraska", "mađarska"},             // Latin with diacritics
		{"komesarjat", "komesarijat"},        // a letter left out
		{"мигранит", "мигранти"},             // Cyrillic, swapped at the end
		{"hungray", "hungary"},               // English
		{"smugling", "smuggling"},            // English, a letter left out
		{"asylum hungray", "asylum hungary"}, // the right word is kept
		{`"asylum protecton"`, `"asylum protection"`},
		{"Мађарска", ""},           // found
		{"xqzvw", ""},              // no word near it
		{"azi", ""},                // a prefix of a word, as typed so far
		{"madjraska ", "mađarska"}, // a finished word is no prefix
	}
	for _, tt := range tests {
		r := searchSuggest(t, p, tt.query, "SR_CYRL")
		got := ""
		if r.Search.Suggestion != nil {
			got = *r.Search.Suggestion
		}
		if got != tt.want {
			t.Errorf("%q (%d hits): suggestion %q, want %q", tt.query, r.Search.TotalCount, got, tt.want)
		}
		if got != "" && searchSuggest(t, p, got, "SR_CYRL").Search.TotalCount <= r.Search.TotalCount {
			t.Errorf("%q: the suggestion %q finds no more", tt.query, got)
		}
	}
}

// The vocabulary follows writes: a new word is suggested at once; once no item has it,
// it is suggested no more.
func TestSearchSuggestionsFollowWrites(t *testing.T) {
	p := newPortal(t, true)
	doc := func(title string) string {
		return `{"news":[{"slug":"vocabulary-test","title":{"sr":"` + title + `","en":""},"summary":{"sr":"","en":""},"body":{"sr":"","en":""},"publishedAt":"2025-01-01T00:00:00Z","updatedAt":null,"topics":[],"projects":[],"partners":[]}]}`
	}
	suggestion := func(q string) string {
		r := searchSuggest(t, p, q, "SR_LATN")
		if r.Search.Suggestion == nil {
			return ""
		}
		return *r.Search.Suggestion
	}
	if got := suggestion("zrenjnain"); got != "" {
		t.Fatalf("before: suggestion %q, want none", got)
	}
	mustImport(t, p, doc("Нови центар у Зрењанину"))
	if got := suggestion("zrenjnainu"); got != "zrenjaninu" {
		t.Errorf("after insert: suggestion %q, want zrenjaninu", got)
	}
	mustImport(t, p, doc("Нови центар у Кикинди"))
	if got := suggestion("zrenjnainu"); got != "" {
		t.Errorf("after update: suggestion %q, want none", got)
	}
	if got := suggestion("kiknidi"); got != "kikindi" {
		t.Errorf("after update: suggestion %q, want kikindi", got)
	}
}
