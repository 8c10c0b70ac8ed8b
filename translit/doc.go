// Package translit holds the text rules of the portal for Serbian in two
// scripts: transliteration, search folding, tokens, URL slugs and search
// highlights. All functions are pure and safe for concurrent use; the package
// imports nothing of the portal's, and of the outside only golang.org/x/text's
// Unicode normalisation tables (for NFD) and github.com/kljensen/snowball's
// English stemmer.
//
// Serbian text is stored once, in the script the editor typed, and the other
// script is derived. ToLatin (Cyrillic → Latin) is exact and letter by letter:
// љ→lj, њ→nj, џ→dž, ђ→đ, ћ→ć, ч→č, ш→š, ж→ž. A capital Љ, Њ, Џ is written
// LJ, NJ, DŽ inside an ALL-CAPS word and Lj, Nj, Dž otherwise. Anything that is
// not Serbian Cyrillic passes through.
//
// ToCyrillic (Latin → Cyrillic) cannot be exact, so it is careful. Text that
// already contains a Cyrillic letter is returned unchanged. URLs, e-mail
// addresses, code in backticks, HTML tags and entities and Markdown link
// targets are copied as they are. Acronyms (UNHCR, IOM, EU: two or more
// capitals, no Č Ć Š Ž Đ, no LJ NJ DŽ) stay Latin, except inside a run of
// capitals that is evidently Serbian ("VAŽNO OBAVEŠTENJE ZA ..."). Words with
// letters outside the Serbian Latin alphabet (q, w, x, y, é, ü, ...) and the
// names in KeepLatin stay Latin. The digraphs lj, nj, dž become љ, њ, џ except
// in a short list of words where the two letters are separate sounds:
// injekcija → инјекција, konjugacija → конјугација, nadživeti → надживети,
// Tanjug → Танјуг. The list matches word beginnings, so inflected forms are
// covered; it is deliberately narrow, because odžak is оџак and konj is коњ.
//
// Search is blind to script, case and diacritics: Fold maps Мађарска,
// MAĐARSKA and Madjarska alike to "madjarska" (Cyrillic to Latin, lower case,
// č ć → c, š → s, ž → z, đ → dj, other combining marks removed as by NFD).
// Tokens splits folded text into runs of letters and digits, so search
// operators and punctuation in a query are plain separators. Highlight finds
// the first word of a text that folds to a query token and returns an
// HTML-escaped excerpt with the matches in <mark> tags, in the text's own
// spelling. Slug makes ASCII URL slugs of at most 80 bytes from either script.
//
// Search is blind to grammar too: Stem gives the stem of a folded token,
// Serbian by the Snowball Serbian algorithm (the one PostgreSQL 15 ships as
// serbian_stem), English by Porter2, and StemTokens does Tokens and Stem in
// one. Stemming comes after folding, for the index and the query alike, so
// "ljudska prava", "ljudskih prava" and "ЉУДСКИХ ПРАВА" all give ljudsk prav,
// and "trazilac" typed in ASCII stems as "tražilac" does. The Serbian rules
// are the algorithm's, written in folded form (stem_serbian_rules.go says
// where folding merges two of its rules and what we chose); two steps differ
// on purpose: dje is read as đe, and the -lac agent nouns get one stem in all
// their forms (tražilac, tražioca → trazilac). Tokens shorter than 3 or longer
// than 40 bytes, and tokens with anything but a-z (numbers, other scripts),
// are left as they are. Stem is not idempotent (azila → azi → az): stem each
// token once, never a stem.
//
// Invalid finds a character no text of the portal may contain (NUL and other
// control characters, invalid UTF-8, U+FFFD, Unicode non-characters): the API
// and the site refuse such input before it reaches the database.
package translit
