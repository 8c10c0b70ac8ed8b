package server_test

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/agency/portal/store"
)

type searchResult struct {
	Search struct {
		TotalCount int
		Facets     []struct {
			Kind  string
			Count int
		}
		PageInfo struct {
			HasNextPage bool
			EndCursor   *string
		}
		Edges []struct {
			Cursor string
			Node   struct {
				Kind, Title, Snippet string
				Score                float64
				Item                 struct {
					Typename string `json:"__typename"`
					Slug     string
					Locale   string
				}
			}
		}
	}
}

func (r searchResult) slugs() []string {
	out := []string{}
	for _, e := range r.Search.Edges {
		out = append(out, e.Node.Item.Slug)
	}
	sort.Strings(out)
	return out
}

const searchQuery = `query($q: String!, $kinds: [SearchKind!], $first: Int, $after: String, $l: Locale) {
	search(query: $q, kinds: $kinds, first: $first, after: $after, locale: $l) {
		totalCount facets { kind count } pageInfo { hasNextPage endCursor }
		edges { cursor node { kind title snippet score item { __typename
			... on NewsItem { slug locale } ... on Project { slug locale } ... on Partner { slug locale } } } } } }`

func search(t *testing.T, p *portal, q string, vars map[string]any) searchResult {
	t.Helper()
	if vars == nil {
		vars = map[string]any{}
	}
	vars["q"] = q
	var r searchResult
	p.data(searchQuery, vars, &r)
	return r
}

// Hungary: every spelling of "Мађарска" in any script or case finds the same items, in
// every locale.
func TestSearchIsBlindToScriptCaseAndDiacritics(t *testing.T) {
	p := newPortal(t, true)
	spellings := []string{
		"Мађарска", "мађарска", "МАЂАРСКА", "Mađarska", "mađarska", "MAĐARSKA",
		"Madjarska", "madjarska", "MADJARSKA", "MaĐaRsKa", "мАЂАРСКА", "  Мађарска  ",
		"Мађарск", "madjar", "Мађарске", "Mađarske",
	}
	want := search(t, p, "madjarska", map[string]any{"l": "SR_LATN"}).slugs()
	if len(want) == 0 {
		t.Fatal("madjarska finds nothing")
	}
	for _, locale := range []string{"SR_CYRL", "SR_LATN", "EN"} {
		for _, q := range spellings[:12] {
			got := search(t, p, q, map[string]any{"l": locale})
			if !reflect.DeepEqual(got.slugs(), want) {
				t.Errorf("%q in %s: got %v, want %v", q, locale, got.slugs(), want)
			}
		}
	}
	// Prefixes and other forms of the word find it as you type.
	for _, q := range spellings[12:] {
		if got := search(t, p, q, nil); len(got.slugs()) == 0 {
			t.Errorf("%q finds nothing", q)
		}
	}
	// Words with č, ć, š, ž, dž, lj, nj in either script.
	for _, pair := range [][2]string{{"Ковиљача", "koviljaca"}, {"Боговађа", "bogovadja"}, {"заштиту", "ZASTITU"}, {"тражиоцима", "trazioc"}, {"Cucić", "цуцић"}} {
		a, b := search(t, p, pair[0], nil), search(t, p, pair[1], nil)
		if len(a.slugs()) == 0 || !reflect.DeepEqual(a.slugs(), b.slugs()) {
			t.Errorf("%q finds %v but %q finds %v", pair[0], a.slugs(), pair[1], b.slugs())
		}
	}
}

func TestSearchHitsSnippetsAndFacets(t *testing.T) {
	p := newPortal(t, true)
	r := search(t, p, "IOM", map[string]any{"l": "SR_CYRL", "first": 100})
	kinds := map[string]int{}
	for _, f := range r.Search.Facets {
		kinds[f.Kind] = f.Count
	}
	if kinds["PARTNER"] == 0 || kinds["PROJECT"] == 0 {
		t.Fatalf("facets %v, want partners and projects", r.Search.Facets)
	}
	if r.Search.TotalCount != kinds["PARTNER"]+kinds["PROJECT"]+kinds["NEWS"] || len(r.Search.Edges) != r.Search.TotalCount {
		t.Errorf("totalCount %d, %d edges, facets %v", r.Search.TotalCount, len(r.Search.Edges), kinds)
	}
	for i, e := range r.Search.Edges {
		if i > 0 && e.Node.Score > r.Search.Edges[i-1].Node.Score {
			t.Errorf("hit %d scores %v, above the one before it", i, e.Node.Score)
		}
		want := map[string]string{"NEWS": "NewsItem", "PROJECT": "Project", "PARTNER": "Partner"}[e.Node.Kind]
		if e.Node.Item.Typename != want {
			t.Errorf("hit of kind %s is a %s", e.Node.Kind, e.Node.Item.Typename)
		}
	}
	// The partners named IOM rank above every text that only mentions it: titles weigh more.
	top := map[string]bool{r.Search.Edges[0].Node.Item.Slug: true, r.Search.Edges[1].Node.Item.Slug: true}
	if !top["iom"] || !top["iom-development-fund"] {
		t.Errorf("first hits for IOM are %v, want the partners iom and iom-development-fund", top)
	}

	// Only the kinds asked for; facets still count every kind.
	only := search(t, p, "IOM", map[string]any{"kinds": []string{"PARTNER"}, "first": 100})
	for _, e := range only.Search.Edges {
		if e.Node.Kind != "PARTNER" {
			t.Errorf("kinds [PARTNER] gave a %s", e.Node.Kind)
		}
	}
	if only.Search.TotalCount != kinds["PARTNER"] || len(only.Search.Facets) != len(r.Search.Facets) {
		t.Errorf("kinds [PARTNER]: totalCount %d (want %d), facets %v", only.Search.TotalCount, kinds["PARTNER"], only.Search.Facets)
	}

	// The snippet marks the matched word in the served script, and is safe HTML.
	cyr := search(t, p, "madjarska", map[string]any{"l": "SR_CYRL"})
	lat := search(t, p, "Мађарска", map[string]any{"l": "SR_LATN"})
	if s := cyr.Search.Edges[0].Node.Snippet; !strings.Contains(s, "<mark>Мађарск") {
		t.Errorf("Cyrillic snippet for a Latin query: %q", s)
	}
	if s := lat.Search.Edges[0].Node.Snippet; !strings.Contains(s, "<mark>Mađarsk") {
		t.Errorf("Latin snippet for a Cyrillic query: %q", s)
	}
	if loc := lat.Search.Edges[0].Node.Item.Locale; loc != "SR_LATN" {
		t.Errorf("item served in %s, want SR_LATN", loc)
	}
}

func TestSearchPaging(t *testing.T) {
	p := newPortal(t, true)
	bulk(t, p, 60)
	all := search(t, p, "bulk", map[string]any{"first": 100})
	if all.Search.TotalCount != 34+60+20-20 && all.Search.TotalCount == 0 {
		t.Fatalf("bulk finds %d", all.Search.TotalCount)
	}
	var walked []string
	var after any
	for page := 0; page < 100; page++ {
		r := search(t, p, "bulk", map[string]any{"first": 7, "after": after})
		for _, e := range r.Search.Edges {
			walked = append(walked, e.Node.Kind+":"+e.Node.Item.Slug)
		}
		if !r.Search.PageInfo.HasNextPage {
			break
		}
		after = *r.Search.PageInfo.EndCursor
	}
	seen := map[string]bool{}
	for _, s := range walked {
		if seen[s] {
			t.Errorf("%s twice", s)
		}
		seen[s] = true
	}
	if len(walked) != all.Search.TotalCount {
		t.Errorf("walked %d hits, totalCount %d", len(walked), all.Search.TotalCount)
	}
}

// Whatever a user types, search answers with results or an empty list, never an error;
// characters no text may contain (NUL, control characters, invalid UTF-8) are bad input
// naming the argument.
func TestSearchHostileInput(t *testing.T) {
	p := newPortal(t, true)
	inputs := []string{
		`"`, `""`, `"azil`, `azil"`, `'`, `a'b`, `(`, `)`, `(azil`, `azil)`, `NEAR(`, `NEAR(azil migracije)`,
		`azil OR migracije`, `OR`, `AND`, `NOT`, `azil NOT`, `title:azil`, `title:`, `:`, `*`, `azil*`, `*azil`,
		`-`, `-azil`, `multi-agent`, `^azil`, `{azil}`, `[azil]`, `+`, `azil + migracije`, `\`, `\"`, `%`, `_`,
		`😀`, `azil 😀 migracije`, "\t\n\r", "\u200b", "\ufeffazil",
		"a", "az", strings.Repeat("a", 10_000), strings.Repeat("azil ", 2_000), strings.Repeat("Ђ", 3_000),
		`select * from news; --`, `'); DROP TABLE news; --`, `<script>alert(1)</script>`, "",
	}
	for _, q := range []string{"\x00", "azil\x00migracije", "\x1b[31m", "\xff\xfe"} {
		t.Run(fmt.Sprintf("%q", q), func(t *testing.T) {
			r := p.query(searchQuery, map[string]any{"q": q})
			if r.code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "query" {
				t.Errorf("got status %d, body %s; want BAD_USER_INPUT for the field query", r.status, r.body)
			}
		})
	}
	for _, q := range inputs {
		name := q
		if len(name) > 20 {
			name = fmt.Sprintf("%.20q…(%d bytes)", q, len(q))
		}
		t.Run(name, func(t *testing.T) {
			r := p.query(searchQuery, map[string]any{"q": q})
			if len(r.Errors) > 0 || r.status != 200 {
				t.Fatalf("status %d, errors: %s", r.status, r.body)
			}
			if strings.Contains(r.body, "<script>") {
				t.Errorf("raw markup in the response: %s", r.body)
			}
		})
	}
}

// The index stays in step with every write: a new item is found at once, a changed one
// by its new words and not its old ones.
func TestSearchFollowsWrites(t *testing.T) {
	p := newPortal(t, true)
	if n := search(t, p, "Zrenjanin", nil).Search.TotalCount; n != 0 {
		t.Fatalf("Zrenjanin before: %d", n)
	}
	doc := func(title string) string {
		return `{"news":[{"slug":"write-test","title":{"sr":"` + title + `","en":""},"summary":{"sr":"","en":""},"body":{"sr":"","en":""},"publishedAt":"2025-01-01T00:00:00Z","updatedAt":null,"topics":[],"projects":[],"partners":[]}]}`
	}
	mustImport(t, p, doc("Нови центар у Зрењанину"))
	if got := search(t, p, "zrenjaninu", nil).slugs(); !reflect.DeepEqual(got, []string{"write-test"}) {
		t.Errorf("after insert: %v", got)
	}
	mustImport(t, p, doc("Нови центар у Кикинди"))
	if got := search(t, p, "Зрењанину", nil).slugs(); len(got) != 0 {
		t.Errorf("old words still found after update: %v", got)
	}
	if got := search(t, p, "kikindi", nil).slugs(); !reflect.DeepEqual(got, []string{"write-test"}) {
		t.Errorf("after update: %v", got)
	}
}

// Search is blind to grammar: the forms of a word find the same items, through the
// Serbian stem of Serbian text and the English stem of English text (issue 13's examples,
// on the demo content), on either engine.
func TestSearchFindsOtherFormsOfAWord(t *testing.T) {
	p := newPortal(t, true)
	tests := []struct {
		query, other string // two forms of the words, the second the one the text has
		want         int    // how many items both find
		locale       string // the locale of the words' language (the snippets' text)
	}{
		{"ljudska prava", "ljudskih prava", 1, "SR_CYRL"},
		{"tražilac azila", "тражиоцима", 4, "SR_CYRL"},
		{"Мађарска", "Мађарске", 2, "SR_CYRL"},
		{"madjarskoj", "Mađarsku ", 2, "SR_CYRL"},
		{"азил србија", "азила србији", 13, "SR_CYRL"},
		{"asylum seeker", "asylum seekers", 4, "EN"},
	}
	for _, tt := range tests {
		vars := func() map[string]any { return map[string]any{"first": 100, "l": tt.locale} }
		ra, rb := search(t, p, tt.query, vars()), search(t, p, tt.other, vars())
		if a, b := ra.slugs(), rb.slugs(); len(a) != tt.want || !reflect.DeepEqual(a, b) {
			t.Errorf("%q finds %v, %q finds %v; want the same %d", tt.query, a, tt.other, b, tt.want)
		}
		for _, e := range ra.Search.Edges { // a match by stem is marked too
			if !strings.Contains(e.Node.Snippet, "<mark>") {
				t.Errorf("%q: the snippet of %s marks nothing: %q", tt.query, e.Node.Item.Slug, e.Node.Snippet)
			}
		}
	}
	if got := search(t, p, "Мађарске", nil).slugs(); !slices.Contains(got, "hungarian-office-of-immigration-and-citizenship") {
		t.Errorf("Мађарске finds %v, want the Hungarian office among them", got)
	}
}

// A text with the very words ranks above one with other forms of them; prefixes still find
// words as they are typed.
func TestSearchRanksTheVeryWordFirst(t *testing.T) {
	p := newPortal(t, false)
	mustImport(t, p, `{"news":[`+newsJSON("ljudska", "Ljudska prava u praksi")+`,`+newsJSON("ljudskih", "Zaštita ljudskih prava")+`]}`)
	for _, tt := range []struct {
		query string
		want  []string // slugs, best first
	}{
		{"ljudska prava", []string{"ljudska", "ljudskih"}},
		{"ljudskih prava", []string{"ljudskih", "ljudska"}},
		{"ЉУДСКИХ ", []string{"ljudskih", "ljudska"}},
		{"ljud", []string{"ljudska", "ljudskih"}},
		{"zastite", []string{"ljudskih"}},
		{"praksa", []string{"ljudska"}},
	} {
		r := search(t, p, tt.query, nil)
		var got []string
		for _, e := range r.Search.Edges {
			got = append(got, e.Node.Item.Slug)
		}
		if tt.query == "ljud" { // a prefix: both, in either order
			slices.Sort(got)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q ranks %v, want %v", tt.query, got, tt.want)
		}
	}
}

// newsJSON is a published news item of an import document with a Serbian title.
func newsJSON(slug, title string) string {
	return `{"slug":"` + slug + `","title":{"sr":"` + title + `","en":""},"summary":{"sr":"","en":""},"body":{"sr":"","en":""},` +
		`"publishedAt":"2025-01-01T00:00:00Z","updatedAt":null,"topics":[],"projects":[],"partners":[]}`
}

// Text in double quotes matches as a phrase: its words as they are, in a row; the rest of
// the query as usual; quotes anywhere never cause an error.
func TestSearchPhrases(t *testing.T) {
	p := newPortal(t, true)
	demo := "enhancing-the-asylum-protection-system-in-serbia" // it says "ljudskih prava"
	mustImport(t, p, `{"news":[`+newsJSON("in-a-row", "Prava ljudska i ljudska prava")+`,`+newsJSON("apart", "Ljudska, zakonska i druga prava")+`]}`)
	for _, tt := range []struct {
		query string
		want  []string
	}{
		{`"ljudska prava"`, []string{"in-a-row"}},
		{`"Људска права"`, []string{"in-a-row"}},
		{`ljudska prava`, []string{"apart", demo, "in-a-row"}},
		{`"ljudskih prava"`, []string{demo}},
		{`"ljudskih prava" srbija`, []string{demo}},
		{`"ljudskih prava" madjarska`, []string{}},
		{`"prava ljudskih"`, []string{}},
		{`"zakonska i druga"`, []string{"apart"}},
		{`"zakonsk"`, []string{}},                               // no prefix inside quotes
		{`"zakonske"`, []string{}},                              // and no stem
		{`zakonske`, []string{"apart"}},                         // but outside them
		{`"ljudska prava`, []string{"apart", demo, "in-a-row"}}, // an unmatched quote is ordinary text
		{`ljudska prava"`, []string{"apart", demo, "in-a-row"}},
		{`"" ljudska "" prava ""`, []string{"apart", demo, "in-a-row"}},
		{`"ljudska" "prava"`, []string{"apart", "in-a-row"}},
		{`""ljudska prava""`, []string{"apart", demo, "in-a-row"}},
	} {
		got := search(t, p, tt.query, map[string]any{"first": 100})
		if !reflect.DeepEqual(got.slugs(), tt.want) {
			t.Errorf("%q finds %v, want %v", tt.query, got.slugs(), tt.want)
		}
	}
}

type facetResult struct {
	Search struct {
		TotalCount  int
		ExactCounts bool
		Facets      []struct {
			Kind  string
			Count int
		}
		TopicFacets []struct {
			Topic struct{ Slug, Name string }
			Count int
		}
		YearFacets []struct{ Year, Count int }
		Edges      []struct {
			Node struct {
				Kind string
				Item struct {
					Typename    string `json:"__typename"`
					Slug        string
					PublishedAt string
					StartDate   *string
					Topics      []struct{ Slug string }
					Areas       []struct{ Slug string }
				}
			}
		}
	}
}

const facetQuery = `query($q: String!, $kinds: [SearchKind!], $topic: String, $year: Int, $l: Locale) {
	search(query: $q, kinds: $kinds, topic: $topic, year: $year, first: 100, locale: $l) {
		totalCount exactCounts facets { kind count } topicFacets { topic { slug name } count } yearFacets { year count }
		edges { node { kind item { __typename
			... on NewsItem { slug publishedAt topics { slug } }
			... on Project { slug startDate areas { slug } }
			... on Partner { slug } } } } } }`

func searchFacets(t *testing.T, p *portal, vars map[string]any) facetResult {
	t.Helper()
	var r facetResult
	p.data(facetQuery, vars, &r)
	return r
}

// The topics of a hit, and its year ("" for none), as the API serves them.
func (r facetResult) hitTopicsAndYear(i int) ([]string, string) {
	it := r.Search.Edges[i].Node.Item
	var topics []string
	for _, t := range append(it.Topics, it.Areas...) {
		topics = append(topics, t.Slug)
	}
	switch {
	case it.PublishedAt != "":
		at, _ := time.Parse(time.RFC3339, it.PublishedAt)
		return topics, strconv.Itoa(at.In(belgrade).Year())
	case it.StartDate != nil:
		return topics, (*it.StartDate)[:4]
	}
	return topics, ""
}

var belgrade, _ = time.LoadLocation("Europe/Belgrade")

// Every topic and year facet, asked for as a filter, gives as many hits as it counted, each
// filed under that topic or of that year; filters narrow the kind facets too.
func TestSearchFiltersAndFacets(t *testing.T) {
	p := newPortal(t, true)
	for _, q := range []string{"азил", "migracije", "IOM"} {
		all := searchFacets(t, p, map[string]any{"q": q, "l": "SR_LATN"})
		if !all.Search.ExactCounts || len(all.Search.TopicFacets) == 0 || len(all.Search.YearFacets) == 0 {
			t.Fatalf("%s: exactCounts %v, topic facets %v, year facets %v: want exact counts and some of each",
				q, all.Search.ExactCounts, all.Search.TopicFacets, all.Search.YearFacets)
		}
		years := 0
		for i, f := range all.Search.YearFacets {
			years += f.Count
			if i > 0 && f.Year >= all.Search.YearFacets[i-1].Year {
				t.Errorf("%s: year facets %v, want the latest first", q, all.Search.YearFacets)
			}
		}
		if years > all.Search.TotalCount {
			t.Errorf("%s: year facets count %d hits, more than the %d in all", q, years, all.Search.TotalCount)
		}
		type filter struct {
			name, topic string
			year        int
			count       int
		}
		var filters []filter
		for _, f := range all.Search.TopicFacets {
			if f.Topic.Name == "" {
				t.Errorf("%s: topic %s has no name", q, f.Topic.Slug)
			}
			filters = append(filters, filter{"topic " + f.Topic.Slug, f.Topic.Slug, 0, f.Count})
		}
		for _, f := range all.Search.YearFacets {
			filters = append(filters, filter{"year " + strconv.Itoa(f.Year), "", f.Year, f.Count})
		}
		for _, f := range filters {
			vars := map[string]any{"q": q}
			if f.topic != "" {
				vars["topic"] = f.topic
			} else {
				vars["year"] = f.year
			}
			got := searchFacets(t, p, vars)
			kinds := 0
			for _, k := range got.Search.Facets {
				kinds += k.Count
			}
			if got.Search.TotalCount != f.count || len(got.Search.Edges) != f.count || kinds != f.count {
				t.Errorf("%s, %s: totalCount %d, %d edges, kind facets count %d; the facet said %d",
					q, f.name, got.Search.TotalCount, len(got.Search.Edges), kinds, f.count)
			}
			for i := range got.Search.Edges {
				topics, year := got.hitTopicsAndYear(i)
				if (f.topic != "" && !slices.Contains(topics, f.topic)) || (f.year != 0 && year != strconv.Itoa(f.year)) {
					t.Errorf("%s, %s: hit %s has topics %v and year %q", q, f.name, got.Search.Edges[i].Node.Item.Slug, topics, year)
				}
			}
		}
	}

	// Filters combine with each other and with kinds; a topic's own facet list still lists
	// the other topics.
	both := searchFacets(t, p, map[string]any{"q": "азил"})
	topic := both.Search.TopicFacets[0].Topic.Slug
	narrow := searchFacets(t, p, map[string]any{"q": "азил", "topic": topic, "kinds": []string{"PROJECT"}})
	for _, e := range narrow.Search.Edges {
		if e.Node.Kind != "PROJECT" {
			t.Errorf("topic %s, kinds [PROJECT] gave a %s", topic, e.Node.Kind)
		}
	}
	projects := searchFacets(t, p, map[string]any{"q": "азил", "kinds": []string{"PROJECT"}})
	if !reflect.DeepEqual(narrow.Search.TopicFacets, projects.Search.TopicFacets) {
		t.Errorf("topic facets with topic %s: %v; want those without it, %v", topic, narrow.Search.TopicFacets, projects.Search.TopicFacets)
	}
}

// A topic that does not exist, or a year out of range, is bad input on that argument.
func TestSearchFilterBadInput(t *testing.T) {
	p := newPortal(t, true)
	tests := []struct {
		vars  map[string]any
		field string
	}{
		{map[string]any{"q": "azil", "topic": "no-such-topic"}, "topic"},
		{map[string]any{"q": "azil", "topic": "'; DROP TABLE topics; --"}, "topic"},
		{map[string]any{"q": "azil", "year": 1800}, "year"},
		{map[string]any{"q": "azil", "year": 0}, "year"},
	}
	for _, tt := range tests {
		r := p.query(facetQuery, tt.vars)
		if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != tt.field {
			t.Errorf("%v: errors %+v, want one BAD_USER_INPUT on %s", tt.vars, r.Errors, tt.field)
		}
	}
}

// Past 1,000 matches of a kind, counts stop at 1,000 and say they are not exact; within a
// filter that leaves fewer, they are exact again.
func TestSearchCountsStopAtAThousand(t *testing.T) {
	p := newPortal(t, false)
	c := &store.Content{}
	for i := range 1010 {
		c.News = append(c.News, store.NewsDoc{Slug: fmt.Sprintf("many-%04d", i), Title: store.Localized{En: "Manyword " + strconv.Itoa(i)},
			PublishedAt: time.Date(2021+i%2, 5, 1, 10, 0, 0, 0, time.UTC)})
	}
	if err := p.store.Import(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		vars  map[string]any
		total int
		exact bool
	}{
		{map[string]any{"q": "manyword"}, 1000, false},
		{map[string]any{"q": "manyword", "year": 2021}, 505, true},
		{map[string]any{"q": "manyword", "year": 2022}, 505, true},
		{map[string]any{"q": "manyword", "kinds": []string{"PARTNER"}}, 0, false}, // the news facet still stops
	}
	for _, tt := range tests {
		got := searchFacets(t, p, tt.vars)
		if got.Search.TotalCount != tt.total || got.Search.ExactCounts != tt.exact {
			t.Errorf("%v: totalCount %d, exactCounts %v; want %d, %v", tt.vars, got.Search.TotalCount, got.Search.ExactCounts, tt.total, tt.exact)
		}
	}
	all := searchFacets(t, p, map[string]any{"q": "manyword"})
	years := 0
	for _, f := range all.Search.YearFacets {
		years += f.Count
	}
	if years != 1000 {
		t.Errorf("year facets %v count %d hits, want the 1000 counted", all.Search.YearFacets, years)
	}
	// The word alone is known to have more than 1,000 news items from the vocabulary's
	// counts, so its count is not taken; as a phrase it is counted. Both walk the same
	// 1,000 hits in the same order.
	word, phrase := walkHits(t, p, "manyword"), walkHits(t, p, `"manyword"`)
	if len(word) != 1000 || !slices.Equal(word, phrase) {
		t.Errorf("the word walks %d hits, the phrase %d: want the same 1000 in the same order", len(word), len(phrase))
	}
}

// walkHits is the slugs of a search's hits, page after page.
func walkHits(t *testing.T, p *portal, q string) []string {
	t.Helper()
	var slugs []string
	var after any
	for range 100 {
		r := search(t, p, q, map[string]any{"first": 100, "after": after})
		for _, e := range r.Search.Edges {
			slugs = append(slugs, e.Node.Item.Slug)
		}
		if !r.Search.PageInfo.HasNextPage {
			break
		}
		after = *r.Search.PageInfo.EndCursor
	}
	return slugs
}

// Topic and year facets follow an item's writes; the year is the publication's in Belgrade
// (23:30 UTC on New Year's Eve is already the next year there).
func TestSearchFacetsFollowWrites(t *testing.T) {
	p := newPortal(t, true)
	doc := func(publishedAt, topics string) string {
		return `{"news":[{"slug":"facet-test","title":{"sr":"Кикиндафасет","en":""},"summary":{"sr":"","en":""},"body":{"sr":"","en":""},"publishedAt":"` +
			publishedAt + `","updatedAt":null,"topics":[` + topics + `],"projects":[],"partners":[]}]}`
	}
	type facets struct {
		topics []string
		years  []int
	}
	got := func() facets {
		r := searchFacets(t, p, map[string]any{"q": "kikindafaset"})
		f := facets{topics: []string{}, years: []int{}}
		for _, x := range r.Search.TopicFacets {
			f.topics = append(f.topics, x.Topic.Slug)
		}
		for _, x := range r.Search.YearFacets {
			f.years = append(f.years, x.Year)
		}
		return f
	}
	tests := []struct {
		publishedAt, topics string
		want                facets
	}{
		{"2025-12-31T23:30:00Z", `"asylum"`, facets{[]string{"asylum"}, []int{2026}}},
		{"2024-06-01T10:00:00Z", ``, facets{[]string{}, []int{2024}}},
		{"2024-12-31T22:59:00Z", `"asylum"`, facets{[]string{"asylum"}, []int{2024}}},
	}
	for _, tt := range tests {
		mustImport(t, p, doc(tt.publishedAt, tt.topics))
		if f := got(); !reflect.DeepEqual(f, tt.want) {
			t.Errorf("published %s with topics [%s]: facets %+v, want %+v", tt.publishedAt, tt.topics, f, tt.want)
		}
	}
}

// Paging through many hits of a common word walks one order: every hit once; the newest
// 250 hits (a ranking window, store.rankWindow) hold the first 250 positions, best first,
// the next 250 the next ones, and so on.
func TestSearchPagesWalkOneOrder(t *testing.T) {
	const items, window = 600, 250
	p := newPortal(t, false)
	c := &store.Content{}
	for i := range items {
		d := store.NewsDoc{Slug: fmt.Sprintf("walk-%03d", i), Title: store.Localized{En: "Item " + strconv.Itoa(i)},
			PublishedAt: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour)}
		switch i % 3 {
		case 0:
			d.Title.En += " walkword"
		case 1:
			d.Summary.En = strings.Repeat("walkword other words ", 1+i%5)
		default:
			d.Body.En = "text " + strings.Repeat("filler ", i%40) + "walkword"
		}
		c.News = append(c.News, d)
	}
	if err := p.store.Import(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	last := -1.0
	var after any
	for page := 0; page < 30; page++ {
		r := search(t, p, "walkword", map[string]any{"first": 30, "after": after})
		for _, e := range r.Search.Edges {
			slug := e.Node.Item.Slug
			if seen[slug] {
				t.Errorf("page %d: %s again", page, slug)
			}
			pos := len(seen)
			seen[slug] = true
			// Import numbers the items in order: the newest are the last ones.
			if i, _ := strconv.Atoi(strings.TrimPrefix(slug, "walk-")); (items-1-i)/window != pos/window {
				t.Errorf("position %d: %s, which is not among the window's items", pos, slug)
			}
			if pos%window != 0 && e.Node.Score > last {
				t.Errorf("position %d: %s scores %v, above the hit before it (%v)", pos, slug, e.Node.Score, last)
			}
			last = e.Node.Score
		}
		if !r.Search.PageInfo.HasNextPage {
			break
		}
		after = *r.Search.PageInfo.EndCursor
	}
	if len(seen) != items {
		t.Errorf("walked %d hits, want %d", len(seen), items)
	}
}

// A word that more projects than a ranking window have still ranks news items on its first
// page: each kind's newest matches take turns in the windows (rowids order items within a
// kind only, and a project's rowid is above every news item's).
func TestSearchKindsShareTheFirstWindow(t *testing.T) {
	p := newPortal(t, false)
	c := &store.Content{}
	for i := range 300 {
		start := "2020-01-01"
		c.Projects = append(c.Projects, store.ProjectDoc{Slug: fmt.Sprintf("turn-project-%03d", i),
			Title: store.Localized{En: "Project " + strconv.Itoa(i)}, Summary: store.Localized{En: "About turnword and more."},
			Status: "ONGOING", StartDate: &start, DatePrecision: "DAY"})
		c.News = append(c.News, store.NewsDoc{Slug: fmt.Sprintf("turn-news-%03d", i),
			Title: store.Localized{En: "Turnword news " + strconv.Itoa(i)}, Summary: store.Localized{En: "About it."},
			PublishedAt: time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour)})
	}
	if err := p.store.Import(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	r := search(t, p, "turnword", map[string]any{"first": 100})
	kinds := map[string]int{}
	for _, e := range r.Search.Edges {
		kinds[e.Node.Kind]++
	}
	// The first window holds 125 news items (the word in their titles) and 125 projects (in
	// their summaries): the news items come first.
	if kinds["NEWS"] != 100 {
		t.Errorf("the first 100 hits by kind: %v; want the 100 best news items (the word in their titles)", kinds)
	}
}
