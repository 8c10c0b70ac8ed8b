package server

// Language on arrival: where / sends a visitor.
//
//  1. A locale chosen with the site's language switcher, remembered in the localeCookie
//     (one year, Path=/, SameSite=Lax; a preference, not tracking). The switcher's links
//     go through /language/… (serveLanguageChoice), which sets it, so a choice made
//     without JavaScript counts too; the app sets it itself and skips the detour.
//  2. Otherwise the browser's Accept-Language, q-values respected: the best-weighted
//     language the site has. Serbian and its neighbours (Croatian, Bosnian, Montenegrin,
//     Serbo-Croatian) read Serbian; see localeOfTag for which script.
//  3. Otherwise English: the language most newcomers share (Arabic, Farsi, Urdu, Pashto,
//     French, Turkish, Russian … browsers).

import (
	"net/http"
	"strings"
)

// localeCookie holds the locale a visitor chose with the language switcher: set by
// serveLanguageChoice, or by the app (web/src/lib/locale.ts localeCookie) when it runs.
const localeCookie = "locale"

// languagePrefix starts the language switcher's links: /language/en/news?topic=asylum is
// "English, please", then /en/news?topic=asylum.
const languagePrefix = "/language/"

// localeCookieAge is how long a choice is remembered: a year.
const localeCookieAge = 365 * 24 * 60 * 60

var defaultLocale = locales[2] // English

// preferredLocale is the locale to send a visitor to when the URL names none: the one they
// chose with the switcher, else the best their browser asks for. It adds the request
// headers the answer depends on to Vary.
func preferredLocale(w http.ResponseWriter, r *http.Request) *locale {
	w.Header().Add("Vary", "Accept-Language, Cookie")
	if c, err := r.Cookie(localeCookie); err == nil {
		if l := localeOf(c.Value); l != nil {
			return l
		}
	}
	return negotiateLocale(r.Header.Get("Accept-Language"))
}

// serveLanguageChoice answers a link of the language switcher, /language/{locale}/{page}:
// it remembers the locale in the localeCookie and sends the browser on to /{locale}/{page}
// with the same query (303 See Other). The target is always a page of this site, so the
// link cannot send anyone elsewhere; a path without a locale is a 404.
func (s *site) serveLanguageChoice(w http.ResponseWriter, r *http.Request) {
	target := "/" + strings.TrimPrefix(r.URL.EscapedPath(), languagePrefix) // "/en/news"
	first, _, _ := strings.Cut(target[1:], "/")
	l := localeOf(first)
	if l == nil {
		http.NotFound(w, r)
		return
	}
	if target == "/"+l.url {
		target += "/"
	}
	if r.URL.RawQuery != "" {
		target += "?" + r.URL.RawQuery
	}
	http.SetCookie(w, &http.Cookie{
		Name: localeCookie, Value: l.url, Path: "/", MaxAge: localeCookieAge,
		SameSite: http.SameSiteLaxMode, Secure: strings.HasPrefix(s.origin(r), "https:"),
	})
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Robots-Tag", "noindex")
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// negotiateLocale picks the locale for an Accept-Language header: the first of the
// highest-weighted languages the site has, else English.
func negotiateLocale(header string) *locale {
	best, bestQ := defaultLocale, 0.0
	for _, w := range parseAccept(header) {
		if l := localeOfTag(w.value); l != nil && w.q > bestQ {
			best, bestQ = l, w.q
		}
	}
	return best
}

// localeOfTag maps a language tag (lower case) to a locale, nil when none fits.
//
// Latin script: a tag that says so (sr-Latn, sh-Latn …), Croatian (hr), Bosnian (bs),
// Montenegrin (cnr, and "me", which phones set to Montenegro send), Serbo-Croatian (sh),
// and Serbian in Montenegro (sr-ME: Latin is its usual script, CLDR's likely subtags say
// sr-Latn-ME). Cyrillic: any other Serbian (sr, sr-RS, sr-Cyrl, sr-BA …) and any of the
// neighbours tagged Cyrl (bs-Cyrl, cnr-Cyrl).
func localeOfTag(tag string) *locale {
	subtags := strings.Split(strings.ReplaceAll(tag, "_", "-"), "-")
	lang, script, region := subtags[0], "", ""
	for _, s := range subtags[1:] {
		switch {
		case len(s) == 4 && script == "":
			script = s
		case (len(s) == 2 || len(s) == 3) && region == "":
			region = s
		}
	}
	switch lang {
	case "en":
		return locales[2]
	case "sr":
		if script == "latn" || (script == "" && region == "me") {
			return locales[1]
		}
		return locales[0]
	case "hr", "bs", "cnr", "me", "sh":
		if script == "cyrl" {
			return locales[0]
		}
		return locales[1]
	}
	return nil
}
