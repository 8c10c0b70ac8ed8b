package translit

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// fuzzSeeds are the seed corpus shared by the fuzz targets: Cyrillic, Latin
// and hostile strings.
var fuzzSeeds = []string{
	"",
	"Комесаријат за избеглице и миграције Републике Србије",
	"Komesarijat za izbeglice i migracije Republike Srbije",
	"ЉУБАВ Љубав ЊЕГОШ Џ. ђак Ћуприја Мађарска ѝ",
	"MAĐARSKA Madjarska mAđArSkA Mađarskа",
	"injekcija nadživeti Tanjug odžak konj IOM-a UNHCR",
	"Vidi https://www.kirs.gov.rs/lat/azil ili pišite na info@kirs.gov.rs",
	"`code` ```fence``` [link](/lat/azil) <b>tag</b> &nbsp; &#x41;",
	`"unbalanced (a OR b) NEAR(x title:x * - : ' "`,
	"🇷🇸 azil 🙂 \x00\x1b[31m\t\r\n",
	"\xff\xfe\xc0\x80 invalid",
	"e\u0301 ǅ Ǉ ǌ ß ℂ 𝐀 İ ϒ Å",
	"<mark></mark>&lt;<<>>",
	"Россия Ѓ й ё ї 日本語 한국어 العربية",
	strings.Repeat("Мађарска azil ", 50),
}

func FuzzFold(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Fold(s)
		if again := Fold(got); again != got {
			t.Errorf("Fold(Fold(%q)) = %q, want %q", s, again, got)
		}
		if !utf8.ValidString(got) {
			t.Errorf("Fold(%q) = %q, want valid UTF-8", s, got)
		}
		for _, r := range got {
			if unicode.ToLower(r) != r {
				t.Errorf("Fold(%q) = %q, contains upper-case %q", s, got, r)
			}
			if strings.ContainsRune("čćšžđČĆŠŽĐ", r) {
				t.Errorf("Fold(%q) = %q, contains %q", s, got, r)
			}
		}
	})
}

func FuzzTokens(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokens(s)
		for _, tok := range toks {
			if tok == "" {
				t.Fatalf("Tokens(%q) = %q, has an empty token", s, toks)
			}
			for _, r := range tok {
				if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
					t.Fatalf("Tokens(%q) = %q, token %q has %q", s, toks, tok, r)
				}
			}
		}
		if again := Tokens(strings.Join(toks, " ")); !slices.Equal(again, toks) {
			t.Errorf("Tokens(Join(Tokens(%q))) = %q, want %q", s, again, toks)
		}
	})
}

func FuzzToLatin(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := ToLatin(s)
		if !utf8.ValidString(got) {
			t.Errorf("ToLatin(%q) = %q, want valid UTF-8", s, got)
		}
		for _, r := range got {
			if _, ok := cyrToLat[r]; ok {
				t.Errorf("ToLatin(%q) = %q, still has Serbian Cyrillic %q", s, got, r)
			}
		}
	})
}

func FuzzToCyrillic(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := ToCyrillic(s)
		if hasCyrillicLetter(s) && got != s {
			t.Errorf("ToCyrillic(%q) = %q, want Cyrillic input unchanged", s, got)
		}
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Errorf("ToCyrillic(%q) = %q, want valid UTF-8", s, got)
		}
	})
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func FuzzSlug(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Slug(s)
		if got != "" && !slugRE.MatchString(got) {
			t.Errorf("Slug(%q) = %q, want it to match %s", s, got, slugRE)
		}
		if len(got) > 80 {
			t.Errorf("Slug(%q) = %q, %d bytes, want at most 80", s, got, len(got))
		}
	})
}

func FuzzHighlight(f *testing.F) {
	for i, s := range fuzzSeeds {
		f.Add(s, "azil Мађарска", i%2 == 0, 10*i)
		f.Add(s, s, i%2 == 1, 20)
	}
	f.Add("<mark>x</mark> & x", "x", true, 5)
	f.Fuzz(func(t *testing.T, text, query string, prefixLast bool, maxRunes int) {
		maxRunes %= 1000
		got, matched := Highlight(text, Tokens(query), prefixLast, maxRunes)
		if !utf8.ValidString(got) {
			t.Errorf("Highlight(%q, %q) = %q, want valid UTF-8", text, query, got)
		}
		rest := got
		open, marks := false, 0
		for {
			i := strings.IndexByte(rest, '<')
			if i < 0 {
				break
			}
			switch {
			case !open && strings.HasPrefix(rest[i:], "<mark>"):
				open = true
				marks++
				rest = rest[i+len("<mark>"):]
			case open && strings.HasPrefix(rest[i:], "</mark>"):
				open = false
				rest = rest[i+len("</mark>"):]
			default:
				t.Fatalf("Highlight(%q, %q) = %q, has a raw or unbalanced '<'", text, query, got)
			}
		}
		if open {
			t.Errorf("Highlight(%q, %q) = %q, has an unclosed <mark>", text, query, got)
		}
		if matched != (marks > 0) {
			t.Errorf("Highlight(%q, %q) = %q, matched=%v with %d marks", text, query, got, matched, marks)
		}
	})
}

// FuzzStem: Stem never panics; it leaves alone what it does not stem, and a
// stem is letters a-z that begin as the token does and are at most one byte
// longer (tražioc → trazilac). Stem is not idempotent, and this does not ask
// it to be: the Snowball Serbian stemmer strips again what it left (azila →
// azi → az), so the index and the queries must stem a token once.
func FuzzStem(f *testing.F) {
	for i, s := range fuzzSeeds {
		f.Add(s, i%2 == 0)
	}
	for _, s := range tableForms(serbianForms) {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, english bool) {
		lang := Serbian
		if english {
			lang = English
		}
		for _, token := range append(Tokens(s), s) {
			got := Stem(lang, token)
			if !stemmable(token) {
				if got != token {
					t.Errorf("Stem(%s, %q) = %q, want it unchanged", lang, token, got)
				}
				continue
			}
			if got == "" || got[0] != token[0] || len(got) > len(token)+1 || !onlyLettersAZ(got) {
				t.Errorf("Stem(%s, %q) = %q, want letters a-z that begin as the token does, at most one byte longer", lang, token, got)
			}
		}
	})
}

func onlyLettersAZ(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}
