package translit

import "strings"

// KeepLatin lists foreign names and brands that ToCyrillic leaves in Latin
// even though they are spelled with Serbian Latin letters only. An entry
// matches a word that starts with it, ignoring case, so inflected forms
// ("Europola", "Schengenu", "Googleu") stay Latin too.
//
// Keep the list short: only names that are normally written in their original
// (English or German) spelling inside Serbian text. A name written the Serbian
// way ("Evropol", "Šengen") is transliterated like any other word, and words
// with q, w, x or y ("Twinning", "Frontex") are foreign anyway; they are
// listed only to document the intent. The list is read-only at run time.
var KeepLatin = []string{
	"Twinning",
	"Frontex",
	"Europol",
	"Eurodac",
	"Eurostat",
	"Schengen",
	"Facebook",
	"Google",
	"LinkedIn",
	"YouTube",
	"Covid", // COVID-19 stays as an acronym; "Covid" would become "Цовид"
}

// digraphExceptions lists the word beginnings in which the Latin pairs dž, nj
// (and in principle lj) are two letters (д+ж, н+ј) rather than one (џ, њ). The
// "|" marks the split. An entry matches, ignoring case, a word that begins
// with it, or with "ne" followed by it, so every inflected form is covered
// ("injekcijom", "nadživela", "nekonjugovan").
//
// Every entry is a prefix or a loan-word element ending in a consonant
// (nad-, od-, pod-, pred-, in-, kon-, van-, an-, pan-) followed by a root
// that begins with ž or j. The entries are deliberately longer than the
// prefix itself, because the bare prefixes are not safe: "odžak" is оџак,
// "nadžak" is наџак, "konj" is коњ, "konjušnica" is коњушница. No l+j
// exception is listed: ordinary Serbian words with л+ј are not known.
// Sources: the exception lists of the Ćirilizator transliterator
// (turanjanin/cirilizator) and its Python port, narrowed to entries whose
// split is certain, plus "injunk" (инјункција).
var digraphExceptions = []string{
	// d + ž
	"nad|živ",      // надживети, надживео, надживљавати
	"od|živ",       // одживети, одживео, одживљен
	"nad|žnj",      // наджњети
	"nad|žanj",     // наджањем (present of наджњети)
	"od|žal",       // оджалити, оджалио, оджаљен
	"pod|žanr",     // поджанр, поджанрови
	"pod|želud",    // поджелудачна (жлезда)
	"pred|želud",   // преджелудац
	"pod|žig",      // поджигач, поджигати
	"pod|žeć",      // поджећи
	"pod|žeg",      // поджегао
	"pod|žež",      // поджеже
	"pod|župan",    // поджупан
	"nad|župan",    // наджупан
	"nad|žrec",     // наджрец
	"feld|žandarm", // фелджандарм

	// n + j
	"in|jekc",      // инјекција, инјекцијом
	"in|jekt",      // инјектирати, инјектор
	"in|junk",      // инјункција
	"in|jicir",     // инјицирати
	"in|jurij",     // инјурија
	"kon|jug",      // конјугација, конјуговати
	"kon|junk",     // конјункција, конјунктура, конјунктив
	"kon|jekt",     // конјектура
	"van|jezič",    // ванјезички
	"tan|jug",      // Танјуг (ТАНЈУГ, Телеграфска агенција нове Југославије)
	"an|jon",       // анјон
	"pan|jugoslov", // панјугословенски
}

// exceptionStem is a digraphExceptions entry without its "|"; at is the
// byte offset of the "|", that is of the second letter of the split pair.
type exceptionStem struct {
	stem string
	at   int
}

var exceptionStems = func() []exceptionStem {
	out := make([]exceptionStem, len(digraphExceptions))
	for i, e := range digraphExceptions {
		at := strings.IndexByte(e, '|')
		out[i] = exceptionStem{e[:at] + e[at+1:], at}
	}
	return out
}()

// digraphSplit returns the byte offset in word of the second letter of a
// pair that a digraph exception keeps apart, or -1.
func digraphSplit(word string) int {
	lower := strings.ToLower(word)
	if len(lower) != len(word) {
		return -1 // offsets would not line up; such words are not Serbian anyway
	}
	for _, e := range exceptionStems {
		if strings.HasPrefix(lower, e.stem) {
			return e.at
		}
		if strings.HasPrefix(lower, "ne") && strings.HasPrefix(lower[2:], e.stem) {
			return 2 + e.at
		}
	}
	return -1
}

// keepLatin reports whether word starts with an entry of KeepLatin, ignoring case.
func keepLatin(word string) bool {
	for _, k := range KeepLatin {
		if len(word) >= len(k) && strings.EqualFold(word[:len(k)], k) {
			return true
		}
	}
	return false
}
