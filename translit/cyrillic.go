package translit

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// latToCyr maps the single Serbian Latin letters to Cyrillic. The digraphs
// lj, nj, dž are handled by digraph; the ligature letters Ǉ ǈ ǉ Ǌ ǋ ǌ Ǆ ǅ ǆ
// (one code point for a digraph) are listed here. È, Ì are the accented
// vowels that ToLatin writes for Ѐ, Ѝ.
var latToCyr = map[rune]string{
	'A': "А", 'B': "Б", 'C': "Ц", 'Č': "Ч", 'Ć': "Ћ", 'D': "Д", 'Đ': "Ђ",
	'E': "Е", 'F': "Ф", 'G': "Г", 'H': "Х", 'I': "И", 'J': "Ј", 'K': "К",
	'L': "Л", 'M': "М", 'N': "Н", 'O': "О", 'P': "П", 'R': "Р", 'S': "С",
	'Š': "Ш", 'T': "Т", 'U': "У", 'V': "В", 'Z': "З", 'Ž': "Ж",
	'È': "Ѐ", 'Ì': "Ѝ",
	'Ǉ': "Љ", 'ǈ': "Љ", 'Ǌ': "Њ", 'ǋ': "Њ", 'Ǆ': "Џ", 'ǅ': "Џ",

	'a': "а", 'b': "б", 'c': "ц", 'č': "ч", 'ć': "ћ", 'd': "д", 'đ': "ђ",
	'e': "е", 'f': "ф", 'g': "г", 'h': "х", 'i': "и", 'j': "ј", 'k': "к",
	'l': "л", 'm': "м", 'n': "н", 'o': "о", 'p': "п", 'r': "р", 's': "с",
	'š': "ш", 't': "т", 'u': "у", 'v': "в", 'z': "з", 'ž': "ж",
	'è': "ѐ", 'ì': "ѝ",
	'ǉ': "љ", 'ǌ': "њ", 'ǆ': "џ",
}

// digraph returns the Cyrillic letter for the Latin pair a, b (lj, nj, dž in
// any case). The case of the result is the case of a: "Lj", "LJ" → "Љ".
func digraph(a, b rune) (string, bool) {
	la, lb := unicode.ToLower(a), unicode.ToLower(b)
	var lower, upper string
	switch {
	case la == 'l' && lb == 'j':
		lower, upper = "љ", "Љ"
	case la == 'n' && lb == 'j':
		lower, upper = "њ", "Њ"
	case la == 'd' && lb == 'ž':
		lower, upper = "џ", "Џ"
	default:
		return "", false
	}
	if unicode.IsUpper(a) {
		return upper, true
	}
	return lower, true
}

// composeSerbian turns the decomposed spellings of č ć š ž (base letter plus
// combining caron or acute) into the precomposed letters.
var composeSerbian = strings.NewReplacer(
	"c\u030C", "č", "C\u030C", "Č", "c\u0301", "ć", "C\u0301", "Ć",
	"s\u030C", "š", "S\u030C", "Š", "z\u030C", "ž", "Z\u030C", "Ž",
)

// ToCyrillic transliterates Serbian Latin to Serbian Cyrillic. Latin to
// Cyrillic is not exact, so:
//
//   - if s already contains any Cyrillic letter it was written in Cyrillic and
//     is returned unchanged;
//   - URLs (http://, https://, www., mailto:), e-mail addresses, `inline code`
//     and fenced code (any run of backticks up to the next run of the same
//     length), HTML tags, HTML entities and Markdown link targets ("](...)")
//     stay as they are;
//   - acronyms stay Latin: a word of two or more letters, all upper case, with
//     none of Č Ć Š Ž Đ and no LJ, NJ, DŽ (UNHCR, IOM, EU, OSCE, CZA, and Roman
//     numerals such as II or XIV). But a run of consecutive all-caps words
//     that contains an unmistakably Serbian word (one with Č Ć Š Ž Đ, LJ, NJ,
//     DŽ) is Serbian written in capitals and is transliterated as a whole:
//     "VAŽNO OBAVEŠTENJE ZA TRAŽIOCE AZILA" → "ВАЖНО ОБАВЕШТЕЊЕ ЗА ТРАЖИОЦЕ АЗИЛА";
//   - foreign words stay Latin: a word with any letter outside the Serbian
//     Latin alphabet (q, w, x, y, é, ü, ß, ...), or one that starts with an
//     entry of KeepLatin (Twinning, Europol, ...);
//   - lj, nj, dž become љ, њ, џ except in a short list of known words where
//     the two letters are separate sounds (injekcija → инјекција, nadživeti →
//     надживети, Tanjug → Танјуг), matched at the start of a word so that all
//     inflected forms work (see exceptions.go); dj is always д+ј;
//   - case follows the first letter of a digraph: "Lj", "LJ" → "Љ", "lj" → "љ",
//     "Dž", "DŽ" → "Џ", "dž" → "џ".
//
// Words are runs of letters (with any combining marks, which are kept).
func ToCyrillic(s string) string {
	if hasCyrillicLetter(s) {
		return s
	}
	s = composeSerbian.Replace(s)
	words := latinWords(s, protectedSpans(s))
	markAcronyms(s, words)

	var b strings.Builder
	b.Grow(len(s) * 2)
	pos := 0
	for _, w := range words {
		b.WriteString(s[pos:w.start])
		word := s[w.start:w.end]
		if w.acronym || w.foreign || keepLatin(word) {
			b.WriteString(word)
		} else {
			writeCyrillicWord(&b, word)
		}
		pos = w.end
	}
	b.WriteString(s[pos:])
	return b.String()
}

func hasCyrillicLetter(s string) bool {
	for _, r := range s {
		if r >= 0x0400 && unicode.Is(unicode.Cyrillic, r) && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// writeCyrillicWord transliterates one Serbian Latin word.
func writeCyrillicWord(b *strings.Builder, word string) {
	split := digraphSplit(word)
	for i := 0; i < len(word); {
		r, n := utf8.DecodeRuneInString(word[i:])
		if j := i + n; j < len(word) && j != split {
			r2, n2 := utf8.DecodeRuneInString(word[j:])
			if c, ok := digraph(r, r2); ok {
				b.WriteString(c)
				i = j + n2
				continue
			}
		}
		if c, ok := latToCyr[r]; ok {
			b.WriteString(c)
		} else {
			b.WriteString(word[i : i+n]) // a combining mark
		}
		i += n
	}
}

// latinWord is a word of the text given to ToCyrillic: s[start:end].
type latinWord struct {
	start, end int
	foreign    bool // has a letter outside the Serbian Latin alphabet
	caps       bool // has letters, all of them upper case
	letters    int
	serbian    bool // caps, and has Č Ć Š Ž Đ or LJ NJ DŽ: not an acronym
	newline    bool // a line break lies between the previous word and this one
	acronym    bool // stays Latin
}

// isSerbianLatin reports whether r is a letter that ToCyrillic transliterates.
func isSerbianLatin(r rune) bool {
	_, ok := latToCyr[r]
	return ok
}

// latinWords finds the words of s outside the protected spans: maximal runs
// of letters and combining marks.
func latinWords(s string, protected []span) []latinWord {
	var words []latinWord
	newline := false
	i := 0
	for i < len(s) {
		if len(protected) > 0 && i >= protected[0].start {
			i = protected[0].end
			protected = protected[1:]
			continue
		}
		limit := len(s)
		if len(protected) > 0 {
			limit = protected[0].start
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) {
			if r == '\n' {
				newline = true
			}
			i += n
			continue
		}
		w := latinWord{start: i, newline: newline, caps: true}
		newline = false
		for i < limit {
			r, n := utf8.DecodeRuneInString(s[i:])
			if unicode.Is(unicode.Mn, r) {
				i += n
				continue
			}
			if !unicode.IsLetter(r) {
				break
			}
			w.letters++
			if !isSerbianLatin(r) {
				w.foreign = true
			}
			if !unicode.IsUpper(r) {
				w.caps = false
			}
			i += n
		}
		w.end = i
		if w.caps {
			word := s[w.start:w.end]
			w.serbian = strings.ContainsAny(word, "ČĆŠŽĐǄǇǊ") ||
				strings.Contains(word, "LJ") || strings.Contains(word, "NJ")
		}
		words = append(words, w)
	}
	return words
}

// markAcronyms sets acronym on the all-caps words of two or more letters,
// except in runs of consecutive all-caps words (on one line) that contain a
// word that is unmistakably Serbian.
func markAcronyms(s string, words []latinWord) {
	for i := 0; i < len(words); {
		if !words[i].caps {
			i++
			continue
		}
		j := i + 1
		for j < len(words) && words[j].caps && !words[j].newline {
			j++
		}
		serbian := false
		for _, w := range words[i:j] {
			serbian = serbian || w.serbian
		}
		if !serbian {
			for k := i; k < j; k++ {
				words[k].acronym = words[k].letters >= 2
			}
		}
		i = j
	}
}

// span is a protected byte range s[start:end] that ToCyrillic copies as is.
type span struct{ start, end int }

// protectedSpans returns, in order and without overlaps, the parts of s that
// are not prose: code in backticks, HTML tags and entities, Markdown link
// targets, URLs and e-mail addresses.
func protectedSpans(s string) []span {
	var spans []span
	add := func(start, end int) {
		spans = append(spans, span{start, end})
	}
	lastEnd := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '`':
			n := 1
			for i+n < len(s) && s[i+n] == '`' {
				n++
			}
			if end := closingBackticks(s, i+n, n); end >= 0 {
				add(i, end)
				i = end
			} else {
				i += n // unmatched backticks are ordinary text
			}
		case c == '<' && i+1 < len(s) && (isASCIILetter(s[i+1]) || s[i+1] == '/' || s[i+1] == '!'):
			if j := strings.IndexAny(s[i+1:], "<>\n"); j >= 0 && s[i+1+j] == '>' {
				add(i, i+j+2)
				i += j + 2
			} else {
				i++
			}
		case c == '&':
			if n := entityLen(s[i:]); n > 0 {
				add(i, i+n)
				i += n
			} else {
				i++
			}
		case c == ']' && strings.HasPrefix(s[i:], "]("):
			end := i + 2
			for end < len(s) && s[end] != ')' && !isSpaceByte(s[end]) {
				end++
			}
			add(i+2, end)
			i = end
		case (c == 'h' || c == 'H' || c == 'w' || c == 'W' || c == 'm' || c == 'M') && startsURL(s, i):
			end := i
			for end < len(s) {
				r, n := utf8.DecodeRuneInString(s[end:])
				if unicode.IsSpace(r) || strings.ContainsRune("<>\"`", r) {
					break
				}
				end += n
			}
			add(i, end)
			i = end
		case c == '@':
			start := i
			for start > lastEnd && isEmailLocal(s[start-1]) {
				start--
			}
			end := i + 1
			for end < len(s) && isEmailDomain(s[end]) {
				end++
			}
			for end > i+1 && (s[end-1] == '.' || s[end-1] == '-') {
				end--
			}
			domain := s[i+1 : end]
			if start < i && strings.Contains(domain, ".") && domain[0] != '.' {
				add(start, end)
				i = end
			} else {
				i++
			}
		default:
			i++
		}
		if len(spans) > 0 {
			lastEnd = spans[len(spans)-1].end
		}
	}
	return spans
}

// closingBackticks returns the end of the first run of exactly n backticks at
// or after from, or -1.
func closingBackticks(s string, from, n int) int {
	for i := from; i < len(s); {
		if s[i] != '`' {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] == '`' {
			j++
		}
		if j-i == n {
			return j
		}
		i = j
	}
	return -1
}

// startsURL reports whether a URL starts at s[i]: http://, https://, www. or
// mailto:, in any case, not preceded by a letter or digit.
func startsURL(s string, i int) bool {
	if i > 0 {
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		if unicode.IsLetter(prev) || unicode.IsDigit(prev) {
			return false
		}
	}
	for _, p := range []string{"http://", "https://", "www.", "mailto:"} {
		if len(s)-i >= len(p) && strings.EqualFold(s[i:i+len(p)], p) {
			return true
		}
	}
	return false
}

// entityLen returns the length of the HTML character reference at the start
// of s (&name; &#123; &#x1F;), or 0.
func entityLen(s string) int {
	i := 1
	switch {
	case strings.HasPrefix(s, "&#x") || strings.HasPrefix(s, "&#X"):
		i = 3
		for i < len(s) && strings.IndexByte("0123456789abcdefABCDEF", s[i]) >= 0 {
			i++
		}
		if i == 3 {
			return 0
		}
	case strings.HasPrefix(s, "&#"):
		i = 2
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 2 {
			return 0
		}
	default:
		for i < len(s) && (isASCIILetter(s[i]) || s[i] >= '0' && s[i] <= '9') {
			i++
		}
		if i == 1 || !isASCIILetter(s[1]) {
			return 0
		}
	}
	if i < len(s) && s[i] == ';' {
		return i + 1
	}
	return 0
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

func isEmailLocal(c byte) bool {
	return isASCIILetter(c) || c >= '0' && c <= '9' || strings.IndexByte(".!#$%&'*+/=?^_{|}~-", c) >= 0
}

func isEmailDomain(c byte) bool {
	return isASCIILetter(c) || c >= '0' && c <= '9' || c == '.' || c == '-'
}
