package translit

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// cyrToLat maps every Serbian Cyrillic letter to its Serbian Latin spelling.
// The capital digraphs are given in their title-case form (Lj, Nj, Dž);
// ToLatin upper-cases them inside ALL-CAPS words. Ѐ and Ѝ (Serbian accented
// vowels, as in the pronoun "ѝ") become È and Ì, their usual Latin spelling.
var cyrToLat = map[rune]string{
	'А': "A", 'Б': "B", 'В': "V", 'Г': "G", 'Д': "D", 'Ђ': "Đ", 'Е': "E",
	'Ж': "Ž", 'З': "Z", 'И': "I", 'Ј': "J", 'К': "K", 'Л': "L", 'Љ': "Lj",
	'М': "M", 'Н': "N", 'Њ': "Nj", 'О': "O", 'П': "P", 'Р': "R", 'С': "S",
	'Т': "T", 'Ћ': "Ć", 'У': "U", 'Ф': "F", 'Х': "H", 'Ц': "C", 'Ч': "Č",
	'Џ': "Dž", 'Ш': "Š", 'Ѐ': "È", 'Ѝ': "Ì",

	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'ђ': "đ", 'е': "e",
	'ж': "ž", 'з': "z", 'и': "i", 'ј': "j", 'к': "k", 'л': "l", 'љ': "lj",
	'м': "m", 'н': "n", 'њ': "nj", 'о': "o", 'п': "p", 'р': "r", 'с': "s",
	'т': "t", 'ћ': "ć", 'у': "u", 'ф': "f", 'х': "h", 'ц': "c", 'ч': "č",
	'џ': "dž", 'ш': "š", 'ѐ': "è", 'ѝ': "ì",
}

// ToLatin transliterates Serbian Cyrillic to Serbian Latin exactly, letter by letter
// (љ→lj, њ→nj, џ→dž, ђ→đ, ћ→ć, ч→č, ш→š, ж→ž, ...). Everything that is not Serbian Cyrillic passes through unchanged.
// Case: Љ→Lj at the start of a capitalised word, but LJ inside an ALL-CAPS word ("ЉУБАВ"→"LJUBAV", "Љубав"→"Ljubav", "ЊЕГОШ"→"NJEGOŠ"). Same for Њ, Џ.
//
// A capital Љ, Њ or Џ is written LJ, NJ, DŽ when the next rune is an upper-case
// letter, or when the next rune is not a letter and the previous rune is an
// upper-case letter ("КОЊ"→"KONJ"); otherwise Lj, Nj, Dž. Invalid UTF-8 bytes
// become U+FFFD.
func ToLatin(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	for i, r := range s {
		lat, ok := cyrToLat[r]
		if !ok {
			b.WriteRune(r)
			continue
		}
		if (r == 'Љ' || r == 'Њ' || r == 'Џ') && allCapsAround(s, i, i+utf8.RuneLen(r)) {
			lat = strings.ToUpper(lat)
		}
		b.WriteString(lat)
	}
	return b.String()
}

// allCapsAround reports whether the letter at s[start:end] stands in an
// ALL-CAPS word: the next rune is an upper-case letter, or the next rune is not
// a letter and the previous rune is an upper-case letter.
func allCapsAround(s string, start, end int) bool {
	for _, next := range s[end:] {
		if unicode.IsLetter(next) {
			return unicode.IsUpper(next)
		}
		break
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:start])
	return unicode.IsLetter(prev) && unicode.IsUpper(prev)
}
