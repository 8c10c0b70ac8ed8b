package translit

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

func TestFoldSpellings(t *testing.T) {
	spellings := []string{
		"Мађарска", "мађарска", "МАЂАРСКА",
		"Mađarska", "mađarska", "MAĐARSKA",
		"Madjarska", "madjarska", "MADJARSKA",
		"Mađarskа",  // last letter is Cyrillic а
		"МАЂарска",  // mixed case
		"Маđarska",  // mixed script
		"mAđArSkA",  // mixed case
		"MaĐarska",  // capital Đ inside a word
		"Madjarskа", // dj, Cyrillic а
	}
	for _, s := range spellings {
		if got := Fold(s); got != "madjarska" {
			t.Errorf("Fold(%q) = %q, want %q", s, got, "madjarska")
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Џамија", "dzamija"},
		{"ČAČAK", "cacak"},
		{"Ћуприја", "cuprija"},
		{"Ljubljana", "ljubljana"},
		{"Љубљана", "ljubljana"},
		{"ЉУБАВ", "ljubav"},
		{"Ђорђе Ђокић", "djordje djokic"},
		{"Žena, Šuma!", "zena, suma!"},
		{"é ü ñ Å ç", "e u n a c"},
		{"e\u0301", "e"}, // decomposed accent
		{"Дао сам ѝ књигу", "dao sam i knjigu"},
		{"Straße Łódź Øresund", "strasse lodz oresund"},
		{"ǅamija Ǉubav ǌiva", "dzamija ljubav njiva"},
		{"Россия", "rossiя"}, // я is not Serbian Cyrillic: it stays
		{"Агенција: \"азил\" (2024)", "agencija: \"azil\" (2024)"},
		{"already folded", "already folded"},
		{"a\xffb", "a\uFFFDb"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestFoldAllRunes checks, for every Unicode code point, that Fold is
// idempotent and leaves no letter that still has a lower-case form. (Some
// upper-case letters, such as ℂ or 𝐀, have none and stay as they are.)
func TestFoldAllRunes(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		f := Fold(string(r))
		if g := Fold(f); g != f {
			t.Errorf("Fold(Fold(%q)) = %q, want %q", string(r), g, f)
		}
		for _, x := range f {
			if unicode.ToLower(x) != x || strings.ContainsRune("čćšžđ", x) {
				t.Errorf("Fold(%q) = %q, contains %q", string(r), f, x)
			}
		}
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"multi-agent", []string{"multi", "agent"}},
		{"a'b", []string{"a", "b"}},
		{"NEAR(x", []string{"near", "x"}},
		{"title:x", []string{"title", "x"}},
		{`"quoted phrase"`, []string{"quoted", "phrase"}},
		{`"unbalanced`, []string{"unbalanced"}},
		{"(azil OR migracije) AND NOT izbeglice", []string{"azil", "or", "migracije", "and", "not", "izbeglice"}},
		{"migr*", []string{"migr"}},
		{"-azil +Мађарска", []string{"azil", "madjarska"}},
		{"🇷🇸 azil 🙂", []string{"azil"}},
		{"a\x00b\tc\x1b[31m", []string{"a", "b", "c", "31m"}},
		{"\xff\xfe", nil},
		{"***", nil},
		{"Центар за азил, Бања Ковиљача", []string{"centar", "za", "azil", "banja", "koviljaca"}},
		{"ČAČAK čačak Чачак", []string{"cacak", "cacak", "cacak"}},
		{"COVID-19 2024.", []string{"covid", "19", "2024"}},
	}
	for _, tt := range tests {
		got := Tokens(tt.in)
		if !slices.Equal(got, tt.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTokensLongInput(t *testing.T) {
	s := strings.Repeat("Мађарска, \"azil\" OR (x* ", 500) // about 12 KB
	got := Tokens(s)
	if len(got) != 2000 {
		t.Fatalf("Tokens(10 KB string) returned %d tokens, want 2000", len(got))
	}
	want := []string{"madjarska", "azil", "or", "x"}
	for i, tok := range got {
		if tok != want[i%4] {
			t.Fatalf("Tokens(10 KB string)[%d] = %q, want %q", i, tok, want[i%4])
		}
	}
}
