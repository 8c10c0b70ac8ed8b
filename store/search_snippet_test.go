package store

import (
	"strings"
	"testing"
)

// A rich text's snippet comes from the first paragraph whose words match, made plain on
// its own: the reader's words, not Markdown, and not a word that only a link's address has.
func TestSnippetOfRichText(t *testing.T) {
	tests := []struct {
		name, text  string
		rich        bool
		wantMatched bool
		want, never []string // in the snippet; never in it
	}{
		{"a later paragraph, in markup", "First paragraph.\n\nSecond one.\n\nThe **Divljana** centre opened.", true, true,
			[]string{"<mark>Divljana</mark> centre opened"}, []string{"**", "First", "Second"}},
		{"a link's address is no match", "See [the site](https://example.rs/divljana).\n\nIn Divljana today.", true, true,
			[]string{"In <mark>Divljana</mark> today"}, []string{"site", "example"}},
		{"a heading and a list", "# Divljana\n\n- one\n- two", true, true, []string{"<mark>Divljana</mark>"}, []string{"#"}},
		{"no match", "Nothing here.\n\nNor here.", true, false, nil, []string{"Nothing"}},
		{"plain text as it is", "In **Divljana** today.", false, true, []string{"**<mark>Divljana</mark>**"}, nil},
	}
	match := snippetMatcher(parseSearch("divljana"))
	for _, tt := range tests {
		text := plainText(tt.text)
		if tt.rich {
			text = richText(tt.text)
		}
		got, matched := text.highlight(match)
		if matched != tt.wantMatched {
			t.Errorf("%s: matched %v, want %v (%q)", tt.name, matched, tt.wantMatched, got)
		}
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q, want it to hold %q", tt.name, got, w)
			}
		}
		for _, w := range tt.never {
			if strings.Contains(got, w) {
				t.Errorf("%s: %q holds %q", tt.name, got, w)
			}
		}
	}
}
