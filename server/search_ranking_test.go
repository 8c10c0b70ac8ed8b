package server_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// ranked is the slugs of a search's hits, best first.
func (r searchResult) ranked() []string {
	out := []string{}
	for _, e := range r.Search.Edges {
		out = append(out, e.Node.Item.Slug)
	}
	return out
}

// newsWithBody is a published news item of an import document with a Serbian title and body.
func newsWithBody(slug, title, body string) string {
	return `{"slug":"` + slug + `","title":{"sr":"` + title + `","en":""},"summary":{"sr":"","en":""},"body":{"sr":"` + body + `","en":""},` +
		`"publishedAt":"2025-01-01T00:00:00Z","updatedAt":null,"topics":[],"projects":[],"partners":[]}`
}

// Search ranks from what it keeps of each item beside the index (store/search_ranking.go),
// the same on either engine, and that follows every write: an item with the word in its
// title comes before one with it in its body only, and the order turns when the titles
// change.
func TestSearchRankingFollowsWrites(t *testing.T) {
	p := newPortal(t, false)
	for _, step := range []struct {
		name string
		docs []string // imported before the search
		want []string // slugs, best first
	}{
		{"first", []string{newsWithBody("a", "Divljana danas", "Vesti iz sela."), newsWithBody("b", "Vesti", "Posetili smo Divljanu.")}, []string{"a", "b"}},
		{"b's title gains the word", []string{newsWithBody("b", "Divljana i Divljana", "Posetili smo Divljanu.")}, []string{"b", "a"}},
		// Both with the word in the body only: the shorter item first.
		{"both titles lose it", []string{newsWithBody("a", "Vesti iz sela", "Divljana danas."), newsWithBody("b", "Vesti", "Posetili smo Divljanu.")}, []string{"b", "a"}},
	} {
		for _, doc := range step.docs {
			mustImport(t, p, `{"news":[`+doc+`]}`)
		}
		for _, q := range []string{"divljana ", "Дивљана", "divlj"} {
			if got := search(t, p, q, nil).ranked(); !reflect.DeepEqual(got, step.want) {
				t.Errorf("%s: %q ranks %v, want %v", step.name, q, got, step.want)
			}
		}
	}
}

// A prefix longer than the index's own prefix look-ups stands for the words that begin
// with it, the most common first, at most 16 of them: typing on narrows it down.
func TestSearchPrefixStandsForItsCommonestWords(t *testing.T) {
	p := newPortal(t, false)
	var docs []string
	for i := 1; i <= 20; i++ {
		docs = append(docs, newsJSON(fmt.Sprintf("n%02d", i), fmt.Sprintf("Vest zzprefix%02d", i)))
	}
	for i := 1; i <= 2; i++ { // zzprefix01 is the commonest word
		docs = append(docs, newsJSON(fmt.Sprintf("common%d", i), "Vest zzprefix01"))
	}
	mustImport(t, p, `{"news":[`+strings.Join(docs, ",")+`]}`)
	for _, tt := range []struct {
		query string
		want  int
	}{
		{"zzprefix", 3 + 15}, // zzprefix01 and the next 15 words, by number of items then in order
		{"zzprefix0", 3 + 8}, // zzprefix01 to zzprefix09
		{"zzprefix2", 1},     // zzprefix20
		{"zzprefix20", 1},
		{"zzprefix21", 0},
	} {
		if got := search(t, p, tt.query, nil).Search.TotalCount; got != tt.want {
			t.Errorf("%q: totalCount %d, want %d", tt.query, got, tt.want)
		}
	}
}
