package translit

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// foldSpecial spells out the lower-case letters that have no canonical
// decomposition but should still fold to plain Latin: đ (a letter of its own
// in Serbian, folded to "dj" as it is typed without diacritics), the
// Serbian digraph ligatures, and a few stroke and ligature letters.
var foldSpecial = map[rune]string{
	'đ': "dj", 'ǆ': "dz", 'ǉ': "lj", 'ǌ': "nj",
	'ð': "d", 'ħ': "h", 'ı': "i", 'ł': "l", 'ø': "o",
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'þ': "th",
}

// Fold is the search folding, applied the same way to indexed text and to queries:
// ToLatin, then lower case, then č→c, ć→c, š→s, ž→z, đ→dj, then any other combining diacritics are
// removed (é→e, ü→u, ñ→n via NFD + dropping marks). The result keeps spaces and punctuation; it is only
// folded, not tokenised. "Мађарска"→"madjarska", "Mađarska"→"madjarska", "MADJARSKA"→"madjarska",
// "Џамија"→"dzamija", "ČAČAK"→"cacak", "Ћуприја"→"cuprija".
//
// Fold works rune by rune. Besides đ it also folds the ligatures ǆ ǉ ǌ æ œ
// ß and the stroke letters ł ø ħ ð þ ı, which NFD does not split. Hangul
// syllables are kept whole. Invalid UTF-8 bytes become U+FFFD. Fold is
// idempotent, Fold(Fold(s)) == Fold(s), and leaves no letter that has a
// lower-case form (letters such as ℂ or 𝐀 have none and stay).
func Fold(s string) string {
	if isFoldedASCII(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		foldRune(&b, r)
	}
	return b.String()
}

// foldRune writes the folded form of r: from foldedRunes for the runes it holds, else as
// foldRuneOnce makes it.
func foldRune(b *strings.Builder, r rune) {
	if r >= 0 && r < foldedBelow {
		b.WriteString(foldedRunes[r])
		return
	}
	foldRuneOnce(b, r)
}

// foldedBelow is the first rune foldedRunes does not hold: they are the Latin, Greek and
// Cyrillic blocks (through U+052F), the letters nearly all text here is written in.
const foldedBelow = 0x530

// foldedRunes is the folded form of each rune below foldedBelow, made once by
// foldRuneOnce: a look-up instead of a lower-casing, two map look-ups and a normal-form
// check for every rune of every text searched, indexed or highlighted.
var foldedRunes = func() (out [foldedBelow]string) {
	var b strings.Builder
	for r := range rune(foldedBelow) {
		b.Reset()
		foldRuneOnce(&b, r)
		out[r] = b.String()
	}
	return out
}()

// foldRuneOnce folds r by the rules: lower case, Cyrillic to Latin, the canonical
// decomposition with its marks dropped, the special letters spelt out.
func foldRuneOnce(b *strings.Builder, r rune) {
	r = unicode.ToLower(r)
	if lat, ok := cyrToLat[r]; ok {
		for _, x := range lat {
			foldRuneOnce(b, x)
		}
		return
	}
	if d, ok := decompose(r); ok {
		for _, x := range d {
			foldRuneOnce(b, x)
		}
		return
	}
	if unicode.Is(unicode.Mn, r) {
		return
	}
	if f, ok := foldSpecial[r]; ok {
		b.WriteString(f)
		return
	}
	b.WriteRune(r)
}

// isFoldedASCII reports whether s is ASCII without upper-case letters, which
// Fold returns unchanged.
func isFoldedASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || c >= 'A' && c <= 'Z' {
			return false
		}
	}
	return true
}

// Tokens folds s and splits it into search tokens: maximal runs of letters and digits
// (unicode.IsLetter || unicode.IsDigit after folding). Everything else (punctuation, quotes, *, -, :, (, ),
// emoji, control characters, symbols) separates tokens and is dropped. Never returns empty tokens.
// "multi-agent" → ["multi", "agent"]; "a'b" → ["a","b"]; `NEAR(x` → ["near","x"]; "title:x" → ["title","x"].
func Tokens(s string) []string {
	return strings.FieldsFunc(Fold(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// decompose returns the canonical decomposition (NFD) of a rune that has one. Hangul
// syllables are kept whole: their parts are letters (jamo), not marks to drop.
func decompose(r rune) (string, bool) {
	if r < utf8.RuneSelf || (r >= 0xAC00 && r <= 0xD7A3) {
		return "", false
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	if norm.NFD.IsNormal(buf[:n]) {
		return "", false
	}
	return norm.NFD.String(string(buf[:n])), true
}
