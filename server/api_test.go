package server_test

import (
	"reflect"
	"strings"
	"testing"
)

// slugsOf reads the slugs of a connection's nodes.
type conn struct {
	TotalCount int
	PageInfo   struct {
		HasNextPage     bool
		HasPreviousPage bool
		StartCursor     *string
		EndCursor       *string
	}
	Edges []struct {
		Cursor string
		Node   struct {
			Slug   string
			Locale string
		}
	}
}

func (c conn) slugs() []string {
	out := []string{}
	for _, e := range c.Edges {
		out = append(out, e.Node.Slug)
	}
	return out
}

const connFields = `totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { slug locale } }`

func TestNewsFilters(t *testing.T) {
	p := newPortal(t, true)
	const hungary = "enhanced-cooperation-between-serbia-and-hungary-in-the-field-of-asylum"
	const emn = "three-day-workshop-on-serbias-cooperation-with-the-european-migration-network"
	tests := []struct {
		name string
		args string
		want []string
	}{
		{"all, newest first", ``, []string{emn, hungary}},
		{"oldest first", `orderBy: PUBLISHED_AT_ASC`, []string{hungary, emn}},
		{"by a topic no news has", `filter: {topic: "border-management"}`, []string{}},
		{"by topic", `filter: {topic: "migration-management"}`, []string{emn}},
		{"by partner", `filter: {partner: "hungarian-office-of-immigration-and-citizenship"}`, []string{hungary}},
		{"by partner EMN", `filter: {partner: "emn"}`, []string{emn}},
		{"by project", `filter: {project: "support-to-strengthening-migration-management-and-asylum-system-in-serbia"}`, []string{emn}},
		{"from", `filter: {from: "2021-01-01"}`, []string{emn}},
		{"to", `filter: {to: "2020-12-31"}`, []string{hungary}},
		{"from and to, the day itself in Belgrade", `filter: {from: "2021-09-10", to: "2021-09-10"}`, []string{emn}},
		{"day before", `filter: {to: "2021-09-09"}`, []string{hungary}},
		{"topic and partner", `filter: {topic: "asylum", partner: "emn"}`, []string{emn}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got struct{ News conn }
			args := tt.args
			if args != "" {
				args = "(" + args + ")"
			}
			p.data(`{ news`+args+` { `+connFields+` } }`, nil, &got)
			if !reflect.DeepEqual(got.News.slugs(), tt.want) {
				t.Errorf("got %v, want %v", got.News.slugs(), tt.want)
			}
			if got.News.TotalCount != len(tt.want) {
				t.Errorf("totalCount %d, want %d", got.News.TotalCount, len(tt.want))
			}
		})
	}
}

func TestProjectFilters(t *testing.T) {
	p := newPortal(t, true)
	tests := []struct {
		name string
		args string
		want []string // nil: only check the count
		n    int
	}{
		{"all", ``, nil, 10},
		{"completed", `filter: {status: [COMPLETED]}`, nil, 9},
		{"ongoing", `filter: {status: [ONGOING]}`, []string{"support-to-strengthening-migration-management-and-asylum-system-in-serbia"}, 1},
		{"ongoing or planned", `filter: {status: [ONGOING, PLANNED]}`, nil, 1},
		{"funder", `filter: {funder: "british-embassy-belgrade"}`, []string{"support-to-strengthening-migration-and-asylum-management-in-republic-of-serbia"}, 1},
		{"implementer", `filter: {implementer: "apc-cza"}`, []string{"enhancing-the-asylum-protection-system-in-serbia"}, 1},
		{"funder is not implementer", `filter: {implementer: "british-embassy-belgrade"}`, []string{}, 0},
		{"active on a day", `filter: {activeOn: "2013-10-01"}`, []string{"enhancing-the-asylum-protection-system-in-serbia"}, 1},
		{"active on the last day of a month-precise period", `filter: {activeOn: "2014-04-30"}`, []string{"enhancing-the-asylum-protection-system-in-serbia"}, 1},
		{"active on, open end", `filter: {activeOn: "2016-01-01"}`, []string{"increasing-capacities-for-addressing-irregular-migration-in-serbia"}, 1},
		{"topic", `filter: {topic: "human-trafficking-and-smuggling"}`, nil, -1},
		{"earliest first", `orderBy: START_DATE_ASC, first: 1`, []string{"enhancing-the-asylum-protection-system-in-serbia"}, 10},
		{"latest first", `first: 1`, []string{"support-to-strengthening-migration-and-asylum-management-in-republic-of-serbia"}, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got struct{ Projects conn }
			args := tt.args
			if args != "" {
				args = "(" + args + ")"
			}
			p.data(`{ projects`+args+` { `+connFields+` } }`, nil, &got)
			if tt.want != nil && !reflect.DeepEqual(got.Projects.slugs(), tt.want) {
				t.Errorf("got %v, want %v", got.Projects.slugs(), tt.want)
			}
			if tt.n >= 0 && got.Projects.TotalCount != tt.n {
				t.Errorf("totalCount %d, want %d", got.Projects.TotalCount, tt.n)
			}
			if tt.n < 0 && got.Projects.TotalCount == 0 {
				t.Errorf("found nothing")
			}
		})
	}
}

func TestPartnersByKind(t *testing.T) {
	p := newPortal(t, true)
	var got struct{ UN, NGO, Both, All conn }
	p.data(`{
		UN: partners(first: 100, filter: {kind: [UN_AGENCY]}) { `+connFields+` }
		NGO: partners(first: 100, filter: {kind: [NGO]}) { `+connFields+` }
		Both: partners(first: 100, filter: {kind: [UN_AGENCY, NGO]}) { `+connFields+` }
		All: partners(first: 100) { `+connFields+` } }`, nil, &got)
	if want := []string{"iom", "undp", "unhcr", "unops", "who"}; !reflect.DeepEqual(got.UN.slugs(), want) {
		t.Errorf("UN agencies: got %v, want %v", got.UN.slugs(), want)
	}
	if want := []string{"apc-cza", "humanitarian-organization-divac"}; !reflect.DeepEqual(got.NGO.slugs(), want) {
		t.Errorf("NGOs: got %v, want %v", got.NGO.slugs(), want)
	}
	if got.Both.TotalCount != 7 || got.All.TotalCount != 19 {
		t.Errorf("counts: both %d (want 7), all %d (want 19)", got.Both.TotalCount, got.All.TotalCount)
	}
}

// The seed pages' values come back exactly.
func TestProjectFieldsFromSeeds(t *testing.T) {
	p := newPortal(t, true)
	var got struct {
		Project struct {
			Title, Summary, DescriptionHtml, Status, StartDate, EndDate, DatePrecision, Locale string
			OfficialTitle                                                                      *string
			Budget                                                                             struct{ Amount, Currency string }
			Implementers                                                                       []struct{ Slug, Name string }
			Funders                                                                            []struct{ Slug string }
			Locations, ExpectedResults, Objectives, SpecificObjectives, TargetGroups           []string
		}
	}
	p.data(`{ project(slug: "enhancing-the-asylum-protection-system-in-serbia", locale: EN) {
		title officialTitle summary descriptionHtml status startDate endDate datePrecision locale
		budget { amount currency } implementers { slug name } funders { slug }
		locations expectedResults objectives specificObjectives targetGroups } }`, nil, &got)
	pr := got.Project
	checks := []struct {
		what      string
		got, want any
	}{
		{"amount", pr.Budget.Amount, "49890.52"},
		{"currency", pr.Budget.Currency, "EUR"},
		{"status", pr.Status, "COMPLETED"},
		{"start", pr.StartDate, "2013-04-01"},
		{"end", pr.EndDate, "2014-04-30"},
		{"precision", pr.DatePrecision, "MONTH"},
		{"locale", pr.Locale, "EN"},
		{"implementer", len(pr.Implementers) == 1 && pr.Implementers[0].Slug == "apc-cza", true},
		{"expected results", len(pr.ExpectedResults), 4},
		{"specific objectives", len(pr.SpecificObjectives), 4},
		{"locations include Bogovađa", strings.Contains(strings.Join(pr.Locations, ","), "Bogova"), true},
		{"target groups", len(pr.TargetGroups) > 0, true},
		{"objectives", len(pr.Objectives) > 0, true},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %v, want %v", c.what, c.got, c.want)
		}
	}
}

// Serbian is stored once, in Cyrillic, and served in both scripts; a missing translation
// falls back and says so.
func TestLocales(t *testing.T) {
	p := newPortal(t, true)
	const slug = "enhanced-cooperation-between-serbia-and-hungary-in-the-field-of-asylum"
	tests := []struct {
		locale, wantLocale, wantTitlePrefix string
	}{
		{"SR_CYRL", "SR_CYRL", "Унапређена сарадња Србије и Мађарске"},
		{"SR_LATN", "SR_LATN", "Unapređena saradnja Srbije i Mađarske"},
		{"EN", "EN", "Enhanced cooperation between Serbia and Hungary"},
	}
	for _, tt := range tests {
		var got struct {
			NewsItem struct{ Title, Locale string }
		}
		p.data(`query($slug: String!, $l: Locale) { newsItem(slug: $slug, locale: $l) { title locale } }`,
			map[string]any{"slug": slug, "l": tt.locale}, &got)
		if got.NewsItem.Locale != tt.wantLocale || !strings.HasPrefix(got.NewsItem.Title, tt.wantTitlePrefix) {
			t.Errorf("%s: got %q in %s, want %q… in %s", tt.locale, got.NewsItem.Title, got.NewsItem.Locale, tt.wantTitlePrefix, tt.wantLocale)
		}
	}

	// A partner with no Serbian text is served in English when Serbian is asked for.
	mustImport(t, p, `{"partners":[{"slug":"only-english","name":{"sr":"","en":"Only English"},"acronym":"","kind":"OTHER","website":"","description":{"sr":"","en":""}},
		{"slug":"only-serbian","name":{"sr":"Само српски","en":""},"acronym":"","kind":"OTHER","website":"","description":{"sr":"","en":""}}]}`)
	var got struct{ A, B, C struct{ Name, Locale string } }
	p.data(`{ A: partner(slug: "only-english", locale: SR_CYRL) { name locale }
		B: partner(slug: "only-serbian", locale: EN) { name locale }
		C: partner(slug: "only-serbian", locale: SR_CYRL) { name locale } }`, nil, &got)
	if got.A.Locale != "EN" || got.A.Name != "Only English" {
		t.Errorf("English fallback: got %+v", got.A)
	}
	if got.B.Locale != "SR_LATN" || got.B.Name != "Samo srpski" {
		t.Errorf("Serbian fallback for English: got %+v, want Samo srpski in SR_LATN", got.B)
	}
	if got.C.Locale != "SR_CYRL" || got.C.Name != "Само српски" {
		t.Errorf("Serbian: got %+v", got.C)
	}
}

func TestSingleItemsAndNodes(t *testing.T) {
	p := newPortal(t, true)
	var got struct {
		NewsItem *struct{ ID, Slug string }
		Missing  *struct{ ID string }
		Partner  struct {
			ID       string
			Projects struct {
				TotalCount int
			}
			Funded struct{ TotalCount int }
			News   struct{ TotalCount int }
		}
		Topics []struct{ ID, Slug, Name, Locale string }
	}
	p.data(`{
		newsItem(slug: "three-day-workshop-on-serbias-cooperation-with-the-european-migration-network") { id slug }
		Missing: project(slug: "no-such-project") { id }
		partner(slug: "iom", locale: EN) { id projects { totalCount } Funded: projects(role: FUNDER) { totalCount } news { totalCount } }
		topics(locale: EN) { id slug name locale } }`, nil, &got)
	if got.NewsItem == nil || got.Missing != nil {
		t.Fatalf("newsItem %v (want it), missing project %v (want null)", got.NewsItem, got.Missing)
	}
	if got.Partner.Projects.TotalCount < 3 || got.Partner.Funded.TotalCount != 0 {
		t.Errorf("IOM projects: %d in any role (want ≥ 3), %d funded (want 0)", got.Partner.Projects.TotalCount, got.Partner.Funded.TotalCount)
	}
	if len(got.Topics) != 9 || got.Topics[0].Locale != "EN" {
		t.Errorf("topics: got %d, first %+v", len(got.Topics), got.Topics)
	}

	// Every global ID resolves to its object through node(id:).
	for _, tc := range []struct{ id, typename, field string }{
		{got.NewsItem.ID, "NewsItem", "slug"},
		{got.Partner.ID, "Partner", "slug"},
		{got.Topics[0].ID, "Topic", "slug"},
	} {
		var n struct {
			Node map[string]any
		}
		p.data(`query($id: ID!) { node(id: $id, locale: SR_LATN) { __typename id ... on NewsItem { slug } ... on Partner { slug } ... on Topic { slug } ... on Project { slug } } }`,
			map[string]any{"id": tc.id}, &n)
		if n.Node["__typename"] != tc.typename || n.Node["id"] != tc.id {
			t.Errorf("node(%s): got %v, want a %s", tc.id, n.Node, tc.typename)
		}
	}
	var none struct{ Node any }
	p.data(`{ node(id: "UGFydG5lcjo5OTk5") { id } }`, nil, &none) // Partner:9999
	if none.Node != nil {
		t.Errorf("node of a missing partner: got %v, want null", none.Node)
	}
	if r := p.query(`{ node(id: "garbage!") { id } }`, nil); r.code() != "BAD_USER_INPUT" {
		t.Errorf("node of a malformed id: got %s", r.body)
	}
}
