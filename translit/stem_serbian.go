package translit

import "strings"

// stemSerbian is the Snowball Serbian stemmer on a folded word of the letters
// a-z. Its steps, as in the published algorithm:
//
//  1. ijekavian spelling becomes ekavian: ije and je between two consonants
//     become e (mlijeko → mleko, mjesto → mesto);
//  2. R1, the part of the word endings may be taken from, is found
//     (serbianR1);
//  3. step 1 rewrites a few endings anywhere in the word (serbianStep1);
//  4. step 2 removes or shortens the longest ending it knows if that ending
//     lies in R1 (serbianStep2); when it cannot, step 3 removes a plain case
//     ending in R1 (serbianStep3).
//
// One step is ours, not the algorithm's: joinVocalisedL, after step 4.
//
// The algorithm's own prelude also turns dj into đ and its Cyrillic into
// Latin; folding has done the second and undone the first, and the tables
// spell đ as dj, so neither is needed here.
func stemSerbian(word string) string {
	word = ekavian(word)
	r1 := serbianR1(word)
	word = replaceSuffix(word, serbianStep1, 0)
	if start, replacement, ok := serbianStep2.match(word); ok && start >= r1 {
		word = word[:start] + replacement
	} else {
		word = replaceSuffix(word, serbianStep3, r1)
	}
	return joinVocalisedL(word)
}

// joinVocalisedL gives the agent nouns in -lac one stem in all their forms.
// Their l becomes o before a consonant (tražilac, tražioca; gledalac,
// gledaoca), and the algorithm stems some forms apart: trazilac but trazioc
// and trazioce, gledalc but gledaoc. So a stem ending in -ioc or -ioce ends in
// -ilac instead, and one ending in -aoc or -aoce in -alc, the stems the
// algorithm gives the nominative. Few other Serbian stems end so.
func joinVocalisedL(stem string) string {
	for _, r := range []struct{ vocalised, written string }{
		{"ioce", "ilac"}, {"ioc", "ilac"}, {"aoce", "alc"}, {"aoc", "alc"},
	} {
		if base, ok := strings.CutSuffix(stem, r.vocalised); ok {
			return base + r.written
		}
	}
	return stem
}

// replaceSuffix replaces the longest suffix of word that t holds, provided it
// begins at or after from; otherwise word is returned as it is.
func replaceSuffix(word string, t suffixTable, from int) string {
	start, replacement, ok := t.match(word)
	if !ok || start < from {
		return word
	}
	return word[:start] + replacement
}

// ekavian replaces ije, then je, between two consonants with e. Folded, đ is
// written dj, so dje is read as đe (obezbeđen, sprovođenje, far more common in
// the agency's ekavian text than an ijekavian d-je) and keeps its j.
func ekavian(word string) string {
	for _, reflex := range []string{"ije", "je"} {
		for i := 0; i+len(reflex)+1 < len(word); i++ {
			if isSerbianConsonant(word[i]) && strings.HasPrefix(word[i+1:], reflex) &&
				isSerbianConsonant(word[i+1+len(reflex)]) && !(reflex == "je" && word[i] == 'd') {
				word = word[:i+1] + "e" + word[i+1+len(reflex):]
			}
		}
	}
	return word
}

// serbianR1 returns where R1 begins: after the first vowel, or after the
// consonant that follows a word-initial vowel (azil → az|il), or right after
// a syllabic r when that comes more than one letter sooner (srbija → sr|bija,
// trg → tr|g); the end of the word if it has neither.
func serbianR1(word string) int {
	p1 := len(word)
	if i := strings.IndexAny(word, "aeiou"); i >= 0 {
		p1 = i + 1
		if i == 0 {
			if j := indexNotIn(word, 1, "aeiou"); j >= 0 {
				p1 = j + 1
			}
		}
	}
	r := strings.IndexByte(word, 'r')
	if r < 0 {
		return p1
	}
	afterR := r + 1
	if r == 0 {
		j := indexNotIn(word, 1, "r")
		if j < 0 {
			return p1
		}
		afterR = j + 1
	}
	if p1-afterR > 1 {
		return afterR
	}
	return p1
}

// indexNotIn returns the index of the first byte of word at or after from that
// is not one of set, or -1.
func indexNotIn(word string, from int, set string) int {
	for i := from; i < len(word); i++ {
		if strings.IndexByte(set, word[i]) < 0 {
			return i
		}
	}
	return -1
}

// isSerbianConsonant reports whether c is one of the consonants of the
// algorithm (folded: č ć → c, š → s, ž → z, đ → dj are among them).
func isSerbianConsonant(c byte) bool {
	return strings.IndexByte("bvgdzjklmnprstfhc", c) >= 0
}
