package translit

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// stemPostgresFile holds, for a list of words, what PostgreSQL 15's Snowball
// dictionaries (serbian_stem, english_stem) give: one
// "lang<TAB>word<TAB>stem<TAB>folded stem" a line, the word in Latin and lower
// case with its diacritics, stem PostgreSQL's stem of the word and folded stem
// its stem of Fold(word) (the word as typed without diacritics), both empty
// for an English stop word. TestWriteStemPostgres writes it.
const stemPostgresFile = "testdata/stem_postgres.tsv"

// TestWriteStemPostgres regenerates stemPostgresFile. It needs a running
// PostgreSQL 15 and is skipped unless PORTAL_STEM_PSQL is the psql command
// line to reach it, e.g.
//
//	PORTAL_STEM_PSQL='/usr/lib/postgresql/15/bin/psql -h 127.0.0.1 -p 55999 -U portal postgres' \
//	PORTAL_STEM_SEEDS=/work/shared/seeds go test -run TestWriteStemPostgres ./translit/
//
// The words: the Serbian and English text of the demo content
// (store/demo/content.json), the Cyrillic words of the bench generator's
// vocabulary (bench/*.go), the English of the pages the portal replaces
// (PORTAL_STEM_SEEDS, a folder of text files, if set), and the forms of the
// hand-checked tables in stem_test.go.
func TestWriteStemPostgres(t *testing.T) {
	psql := os.Getenv("PORTAL_STEM_PSQL")
	if psql == "" {
		t.Skip("PORTAL_STEM_PSQL is not set: nothing to regenerate")
	}
	words := map[Lang]map[string]bool{Serbian: {}, English: {}}
	addWords(words, Serbian, tableForms(serbianForms)...)
	addWords(words, English, tableForms(englishForms)...)
	for lang, texts := range demoTexts(t) {
		addWords(words, lang, texts...)
	}
	addWords(words, Serbian, benchCyrillic(t)...)
	if dir := os.Getenv("PORTAL_STEM_SEEDS"); dir != "" {
		files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
		if err != nil || len(files) == 0 {
			t.Fatalf("PORTAL_STEM_SEEDS=%s: no .txt files (%v)", dir, err)
		}
		for _, f := range files {
			text, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			addWords(words, English, string(text))
		}
	}
	var out strings.Builder
	for _, lang := range []Lang{Serbian, English} {
		list := sortedKeys(words[lang])
		for _, line := range postgresStems(t, psql, lang, list) {
			out.WriteString(line + "\n")
		}
	}
	if err := os.WriteFile(stemPostgresFile, []byte(out.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s: %d Serbian and %d English words", stemPostgresFile, len(words[Serbian]), len(words[English]))
}

// addWords adds the words of texts in Latin and lower case, diacritics kept,
// as PostgreSQL's stemmers read them.
func addWords(words map[Lang]map[string]bool, lang Lang, texts ...string) {
	for _, text := range texts {
		for _, w := range strings.FieldsFunc(strings.ToLower(ToLatin(text)), func(r rune) bool { return !unicode.IsLetter(r) }) {
			words[lang][w] = true
		}
	}
}

// demoTexts returns every string of the demo content under an "sr" or an "en"
// key, by language.
func demoTexts(t *testing.T) map[Lang][]string {
	raw, err := os.ReadFile("../store/demo/content.json")
	if err != nil {
		t.Fatal(err)
	}
	var content any
	if err := json.Unmarshal(raw, &content); err != nil {
		t.Fatal(err)
	}
	texts := map[Lang][]string{}
	var walk func(key string, v any)
	walk = func(key string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				walk(k, x)
			}
		case []any:
			for _, x := range v {
				walk(key, x)
			}
		case string:
			if key == "sr" || key == "en" {
				texts[Lang(key)] = append(texts[Lang(key)], v)
			}
		}
	}
	walk("", content)
	return texts
}

// benchCyrillic returns the words in Cyrillic of the bench generator's
// source: its Serbian vocabulary.
func benchCyrillic(t *testing.T) []string {
	files, err := filepath.Glob("../bench/*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("../bench/*.go: no files (%v)", err)
	}
	var words []string
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range strings.FieldsFunc(string(src), func(r rune) bool { return !unicode.IsLetter(r) }) {
			if hasCyrillicLetter(w) {
				words = append(words, w)
			}
		}
	}
	return words
}

// postgresStems asks PostgreSQL for the stems of words (letters only, so they
// can be quoted as they are) and returns the lines of stemPostgresFile.
func postgresStems(t *testing.T, psql string, lang Lang, words []string) []string {
	dictionary := map[Lang]string{Serbian: "serbian_stem", English: "english_stem"}[lang]
	folded := make([]string, len(words))
	for i, w := range words {
		folded[i] = Fold(w)
	}
	query := fmt.Sprintf(`SELECT '%s', w, coalesce(array_to_string(ts_lexize('%s', w), ' '), ''),
	coalesce(array_to_string(ts_lexize('%[2]s', f), ' '), '')
FROM unnest(string_to_array($w$%s$w$, ' '), string_to_array($w$%s$w$, ' ')) AS t(w, f) ORDER BY w COLLATE "C";`,
		lang, dictionary, strings.Join(words, " "), strings.Join(folded, " "))
	cmd := exec.Command("sh", "-c", psql+` -X -q -At -F "$(printf '\t')" -v ON_ERROR_STOP=1`)
	cmd.Stdin = strings.NewReader(query)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("psql: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != len(words) {
		t.Fatalf("psql returned %d lines for %d words", len(lines), len(words))
	}
	return lines
}

func sortedKeys(set map[string]bool) []string {
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// postgresStem is one line of stemPostgresFile.
type postgresStem struct {
	lang                   Lang
	word, stem, foldedStem string
}

func readPostgresStems(t *testing.T) []postgresStem {
	f, err := os.Open(stemPostgresFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []postgresStem
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) != 4 {
			t.Fatalf("%s: bad line %q", stemPostgresFile, sc.Text())
		}
		rows = append(rows, postgresStem{Lang(fields[0]), fields[1], fields[2], fields[3]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}
