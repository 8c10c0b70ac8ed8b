package translit

import (
	"encoding/json"
	"os"
	"testing"
)

// TestToLatin checks the hand-made pairs in testdata/to_latin.json, which the site's own
// Cyrillic → Latin function for its interface text (web/src/lib/translit.ts) must pass
// too, so the two cannot drift apart.
func TestToLatin(t *testing.T) {
	raw, err := os.ReadFile("testdata/to_latin.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct{ Pairs [][2]string }
	if err := json.Unmarshal(raw, &file); err != nil || len(file.Pairs) < 40 {
		t.Fatalf("testdata/to_latin.json: %d pairs, %v", len(file.Pairs), err)
	}
	// Invalid UTF-8 cannot be written in JSON (nor in a JavaScript string): Go only.
	tests := append(file.Pairs, [2]string{"a\xffб", "a\uFFFDb"})
	for _, tt := range tests {
		if got := ToLatin(tt[0]); got != tt[1] {
			t.Errorf("ToLatin(%q) = %q, want %q", tt[0], got, tt[1])
		}
	}
}

func TestToCyrillic(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Komesarijat za izbeglice i migracije Republike Srbije", "Комесаријат за избеглице и миграције Републике Србије"},
		{"Ljubljana", "Љубљана"},
		{"Džon", "Џон"},
		{"đak", "ђак"},
		{"NJEGOŠ", "ЊЕГОШ"},
		{"Njegoš", "Његош"},
		{"LJUBAV", "ЉУБАВ"},
		{"Ljubav", "Љубав"},
		{"DŽAMIJA", "ЏАМИЈА"},
		{"džep, Džep, DŽEP", "џеп, Џеп, ЏЕП"},
		{"odžak", "оџак"},
		{"nadžak", "наџак"},
		{"konj i konjušnica", "коњ и коњушница"},
		{"Kanjiža", "Кањижа"},
		{"Mađarska", "Мађарска"},
		{"Ćuprija", "Ћуприја"},
		{"ČAČAK", "ЧАЧАК"},
		{"nadjačati", "надјачати"}, // d+j is always д+ј

		// digraph exceptions, with inflections and case
		{"nadživeti", "надживети"},
		{"nadživela", "надживела"},
		{"Nadživeo", "Надживео"},
		{"NADŽIVETI", "НАДЖИВЕТИ"},
		{"nadživljavati", "надживљавати"},
		{"odživeo", "одживео"},
		{"nadžnjeti", "наджњети"},
		{"podžanr", "поджанр"},
		{"podžanrovi", "поджанрови"},
		{"odžaliti", "оджалити"},
		{"odžalio", "оджалио"},
		{"podželudačna žlezda", "поджелудачна жлезда"},
		{"podžigač", "поджигач"},
		{"injekcija", "инјекција"},
		{"injekcije", "инјекције"},
		{"injekcijom", "инјекцијом"},
		{"Injekcija", "Инјекција"},
		{"INJEKCIJA", "ИНЈЕКЦИЈА"},
		{"injektirati", "инјектирати"},
		{"injunkcija", "инјункција"},
		{"konjunkcija", "конјункција"},
		{"konjunkciji", "конјункцији"},
		{"konjugacija", "конјугација"},
		{"nekonjugovan", "неконјугован"},
		{"konjunktura", "конјунктура"},
		{"vanjezički", "ванјезички"},
		{"Tanjug", "Танјуг"},
		{"Tanjuga", "Танјуга"},
		{"TANJUG", "ТАНЈУГ"},
		{"anjon", "анјон"},

		// acronyms
		{"Projekat IOM i UNHCR", "Пројекат IOM и UNHCR"},
		{"Projekat IOM-a", "Пројекат IOM-а"},
		{"EU, OSCE, EMN, APC/CZA, UNDP", "EU, OSCE, EMN, APC/CZA, UNDP"},
		{"UNHCR", "UNHCR"},
		{"XXI vek, II svetski rat", "XXI век, II светски рат"},
		{"VAŽNO OBAVEŠTENJE ZA TRAŽIOCE AZILA", "ВАЖНО ОБАВЕШТЕЊЕ ЗА ТРАЖИОЦЕ АЗИЛА"},
		{"SARADNJA SA UNHCR", "САРАДЊА СА УНХЦР"},
		{"VAŽNO: Projekat IOM", "ВАЖНО: Пројекат IOM"},

		// URLs, e-mail, code, markup
		{"Vidi https://www.kirs.gov.rs/lat/azil", "Види https://www.kirs.gov.rs/lat/azil"},
		{"Vidi www.kirs.gov.rs/lat/azil.", "Види www.kirs.gov.rs/lat/azil."},
		{"Pišite na info@kirs.gov.rs.", "Пишите на info@kirs.gov.rs."},
		{"Pišite na mailto:azil@kirs.gov.rs danas", "Пишите на mailto:azil@kirs.gov.rs данас"},
		{"Komanda `go test` radi", "Команда `go test` ради"},
		{"Kod ```go run main``` i `x`", "Код ```go run main``` и `x`"},
		{"jedan ` znak", "један ` знак"},
		{"[Azil](/lat/azil) i ![slika](slika.png)", "[Азил](/lat/azil) и ![слика](slika.png)"},
		{"<strong>Važno</strong>&nbsp;obaveštenje", "<strong>Важно</strong>&nbsp;обавештење"},
		{"a < b i c > d", "а < б и ц > д"},
		{"<p class=\"lead\">Tekst</p>", "<p class=\"lead\">Текст</p>"},

		// foreign words
		{"Twinning projekat", "Twinning пројекат"},
		{"Frontex i Europol", "Frontex и Europol"},
		{"saradnja sa Europolom", "сарадња са Europolom"},
		{"Divac", "Дивац"},
		{"Luxembourg i Wien", "Luxembourg и Wien"},
		{"Café Müller", "Café Müller"},
		{"LinkedIn i Facebook", "LinkedIn и Facebook"},
		{"Covid-19 i COVID-19", "Covid-19 и COVID-19"},

		// other
		{"Već postoji ćirilica: Београд", "Već postoji ćirilica: Београд"},
		{"12. mart 2024.", "12. март 2024."},
		{"Dao sam ì knjigu.", "Дао сам ѝ књигу."},
		{"rec\u030C i c\u0301up", "реч и ћуп"},
		{"ǈubav i ǌiva", "Љубав и њива"},
		{"Agencija 🌍 za migracije", "Агенција 🌍 за миграције"},
	}
	for _, tt := range tests {
		if got := ToCyrillic(tt.in); got != tt.want {
			t.Errorf("ToCyrillic(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestRoundTrip checks ToCyrillic(ToLatin(c)) == c for ordinary Serbian
// Cyrillic sentences (no digraph exceptions, no Latin acronyms).
func TestRoundTrip(t *testing.T) {
	sentences := []string{
		"Комесаријат за избеглице и миграције Републике Србије",
		"Тражиоци азила имају право на смештај у центрима за азил.",
		"Љубљана, Загреб и Београд су главни градови.",
		"Џон и Ђорђе су отишли у Ћуприју и Чачак.",
		"Њушка, џеп, љубав, ђак, ћилим, чаша, шума, жаба.",
		"ЊЕГОШ је написао Горски вијенац.",
		"ВАЖНО ОБАВЕШТЕЊЕ ЗА ТРАЖИОЦЕ АЗИЛА",
		"Пријаве се подносе до 15. марта 2024. године.",
		"Оџак, коњ, пољопривреда и њива.",
		"Мађарска и Србија сарађују на граници.",
		"Дао сам ѝ књигу.",
		"Одјек је надјачао буку.",
		"Прихватни центар у Обреновцу ради сваког дана од 8 до 16 часова.",
		"Повратак и реинтеграција повратника по споразуму о реадмисији.",
		"Љиљана Џајић и Њагул Ђурђевић",
	}
	for _, c := range sentences {
		lat := ToLatin(c)
		if got := ToCyrillic(lat); got != c {
			t.Errorf("ToCyrillic(ToLatin(%q)) = %q (via %q), want the input back", c, got, lat)
		}
	}
}

func TestDigraphExceptionsWellFormed(t *testing.T) {
	for _, e := range digraphExceptions {
		at := -1
		for i := 0; i < len(e); i++ {
			if e[i] == '|' {
				if at >= 0 {
					t.Errorf("exception %q has more than one |", e)
				}
				at = i
			}
		}
		if at < 1 || at >= len(e)-1 {
			t.Errorf("exception %q: want one | inside the stem", e)
			continue
		}
		pair := e[at-1:at] + e[at+1:at+1+len(string([]rune(e[at+1:])[0]))]
		if pair != "nj" && pair != "lj" && pair != "dž" {
			t.Errorf("exception %q splits %q, want one of nj, lj, dž", e, pair)
		}
	}
}
