package translit

import "strings"

// maxSlugLen is the longest slug Slug returns, in bytes.
const maxSlugLen = 80

// Slug makes a URL slug: Latin transliteration with đ→dj, č/ć→c, š→s, ž→z, other diacritics removed, lower
// case, every run of non [a-z0-9] characters becomes one "-", no leading/trailing "-", at most 80 bytes
// cut at a "-" boundary when possible (never ending in "-"). Empty input or input with no letters/digits
// returns "". "Јачање сарадње Србије и Мађарске" → "jacanje-saradnje-srbije-i-madjarske";
// "Support to Strengthening Migration" → "support-to-strengthening-migration".
//
// Slug is Fold followed by the dash rule, so letters that do not fold to
// a-z (Greek, Russian ы, CJK, ...) act as separators.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range Fold(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	slug := b.String()
	if len(slug) <= maxSlugLen {
		return slug
	}
	if slug[maxSlugLen] == '-' {
		return slug[:maxSlugLen]
	}
	cut := slug[:maxSlugLen]
	if i := strings.LastIndexByte(cut, '-'); i > 0 {
		return cut[:i]
	}
	return cut // one word longer than the limit
}
