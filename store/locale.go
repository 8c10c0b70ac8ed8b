package store

import "github.com/agency/portal/translit"

// Locale is a language and script that content is served in.
type Locale string

// The locales the portal serves.
const (
	SrCyrl Locale = "SR_CYRL" // Serbian, Cyrillic script
	SrLatn Locale = "SR_LATN" // Serbian, Latin script
	En     Locale = "EN"      // English
)

// Valid tells whether l is one of the served locales.
func (l Locale) Valid() bool { return l == SrCyrl || l == SrLatn || l == En }

// serve picks the text to serve in the wanted locale from a Serbian and an English version.
// Serbian is stored once, in whichever script it was written, and converted to the wanted
// script. When the wanted language has no text (has reports whether a version has any),
// the other language is served instead: Serbian falls back to English, English to Serbian
// in Latin script. It returns the text and the locale it is in.
func serve[T any](sr, en T, has func(T) bool, want Locale, script func(T, func(string) string) T) (T, Locale) {
	switch {
	case want == En && has(en):
		return en, En
	case want == En:
		return script(sr, translit.ToLatin), SrLatn
	case !has(sr) && has(en):
		return en, En
	case want == SrLatn:
		return script(sr, translit.ToLatin), SrLatn
	default:
		return script(sr, translit.ToCyrillic), SrCyrl
	}
}

// convertAll applies f to every string of a list.
func convertAll(list []string, f func(string) string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = f(s)
	}
	return out
}
