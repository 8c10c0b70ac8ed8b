package translit

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestHighlight(t *testing.T) {
	long := "Ovo je uvodni deo teksta koji nema veze sa pretragom. " +
		"Centar za azil u Banji Koviljači prima tražioce azila. " +
		"Posle toga sledi još mnogo rečenica koje takođe nemaju veze sa pretragom."
	tests := []struct {
		name       string
		text       string
		query      string
		prefixLast bool
		maxRunes   int
		want       string
		matched    bool
	}{
		{
			name: "Cyrillic text, Latin query", text: "Центар за азил у Бањи Ковиљачи", query: "azil", maxRunes: 100,
			want: "Центар за <mark>азил</mark> у Бањи Ковиљачи", matched: true,
		},
		{
			name: "Latin text, Cyrillic query", text: "Saradnja Srbije i Mađarske, Madjarska", query: "Мађарске мађарска", maxRunes: 100,
			want: "Saradnja Srbije i <mark>Mađarske</mark>, <mark>Madjarska</mark>", matched: true,
		},
		{
			name: "escaping", text: `Tom & Jerry <script>"x"'y'`, query: "jerry", maxRunes: 100,
			want: `Tom &amp; <mark>Jerry</mark> &lt;script&gt;&#34;x&#34;&#39;y&#39;`, matched: true,
		},
		{
			name: "prefix on last token", text: "Migracije i migranti, emigracija", query: "migr", prefixLast: true, maxRunes: 100,
			want: "<mark>Migracije</mark> i <mark>migranti</mark>, emigracija", matched: true,
		},
		{
			name: "no prefix without prefixLast", text: "Migracije i migranti", query: "migr", maxRunes: 100,
			want: "Migracije i migranti", matched: false,
		},
		{
			name: "only the last token is a prefix", text: "Centar za azil, centri za azilante", query: "centar azil", prefixLast: true, maxRunes: 100,
			want: "<mark>Centar</mark> za <mark>azil</mark>, centri za <mark>azilante</mark>", matched: true,
		},
		{
			name: "case and diacritics", text: "ČAČAK i Čačak", query: "cacak", maxRunes: 100,
			want: "<mark>ČAČAK</mark> i <mark>Čačak</mark>", matched: true,
		},
		{
			name: "no match: beginning, cut at a word", text: long, query: "frontex", maxRunes: 20,
			want: "Ovo je uvodni deo…", matched: false,
		},
		{
			name: "match in the middle", text: long, query: "azil", maxRunes: 40,
			want: "…Centar za <mark>azil</mark> u Banji Koviljači prima…", matched: true,
		},
		{
			name: "first match, with context before it", text: long, query: "pretragom", maxRunes: 30,
			want: "…sa <mark>pretragom</mark>. Centar za azil u…", matched: true,
		},
		{
			name: "match near the end uses the budget before it", text: long, query: "nemaju", maxRunes: 40,
			want: "…koje takođe <mark>nemaju</mark> veze sa pretragom.", matched: true,
		},
		{
			name: "no limit", text: "a & b", query: "b", maxRunes: 0,
			want: "a &amp; <mark>b</mark>", matched: true,
		},
		{
			name: "empty text", text: "", query: "azil", maxRunes: 10,
			want: "", matched: false,
		},
		{
			name: "empty query", text: "<b>", query: "", maxRunes: 10,
			want: "&lt;b&gt;", matched: false,
		},
		{
			name: "one long word", text: strings.Repeat("x", 30), query: "", maxRunes: 10,
			want: strings.Repeat("x", 10) + "…", matched: false,
		},
	}
	for _, tt := range tests {
		got, matched := Highlight(tt.text, Tokens(tt.query), tt.prefixLast, tt.maxRunes)
		if got != tt.want || matched != tt.matched {
			t.Errorf("%s: Highlight(%q, %q, %v, %d) = %q, %v; want %q, %v",
				tt.name, tt.text, Tokens(tt.query), tt.prefixLast, tt.maxRunes, got, matched, tt.want, tt.matched)
		}
	}
}

func TestHighlightLength(t *testing.T) {
	text := strings.Repeat("reč ", 1000) + "azil " + strings.Repeat("Мађарска ", 1000)
	for _, max := range []int{1, 5, 20, 80, 200} {
		got, matched := Highlight(text, []string{"azil"}, false, max)
		if !matched || !strings.Contains(got, "<mark>azil</mark>") {
			t.Errorf("Highlight(…, %d) = %q, want the match marked", max, got)
		}
		plain := strings.NewReplacer("<mark>", "", "</mark>", "", "…", "").Replace(got)
		if n := utf8.RuneCountInString(plain); n > max && n > len("azil") {
			t.Errorf("Highlight(…, %d) has %d runes of text, want at most %d", max, n, max)
		}
		if !strings.HasPrefix(got, "…") || !strings.HasSuffix(got, "…") {
			t.Errorf("Highlight(…, %d) = %q, want … at both ends", max, got)
		}
	}
}
