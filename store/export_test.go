package store

import (
	"bytes"
	"context"
	"reflect"
	"slices"
	"testing"
	"time"
)

func exportJSON(t testing.TB, s *Store) []byte {
	t.Helper()
	c, err := s.Export(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := c.Encode(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// normalized is content as the database keeps it, for a semantic comparison: items by slug,
// no `_note` (not stored), nil lists as empty, times in UTC, the unset date precision as
// DAY (Import's default), and the links that are sets in the database (a project's areas,
// a news item's topics, projects and partners) by slug. A project's funders, implementers
// and partners keep their order: it is stored.
func normalized(c *Content) *Content {
	out := &Content{}
	out.Topics = append(out.Topics, c.Topics...)
	// A project's or partner's publishedAt is the import's time when the source has none.
	for _, p := range c.Partners {
		p.Note, p.PublishedAt = "", nil
		out.Partners = append(out.Partners, p)
	}
	sorted := func(l []string) []string { l = slices.Clone(orEmpty(l)); slices.Sort(l); return l }
	list := func(l LocalizedList) LocalizedList { return LocalizedList{Sr: orEmpty(l.Sr), En: orEmpty(l.En)} }
	for _, p := range c.Projects {
		p.Note, p.PublishedAt = "", nil
		if p.DatePrecision == "" {
			p.DatePrecision = Day
		}
		p.Funders, p.Implementers, p.Partners = orEmpty(p.Funders), orEmpty(p.Implementers), orEmpty(p.Partners)
		p.Areas = sorted(p.Areas)
		p.Locations, p.ExpectedResults, p.Objectives = list(p.Locations), list(p.ExpectedResults), list(p.Objectives)
		p.SpecificObjectives, p.TargetGroups = list(p.SpecificObjectives), list(p.TargetGroups)
		out.Projects = append(out.Projects, p)
	}
	for _, n := range c.News {
		n.Note = ""
		n.PublishedAt = n.PublishedAt.UTC()
		if n.UpdatedAt != nil {
			u := n.UpdatedAt.UTC()
			n.UpdatedAt = &u
		}
		n.Topics, n.Projects, n.Partners = sorted(n.Topics), sorted(n.Projects), sorted(n.Partners)
		out.News = append(out.News, n)
	}
	slices.SortFunc(out.Topics, func(a, b TopicDoc) int { return cmpString(a.Slug, b.Slug) })
	slices.SortFunc(out.Partners, func(a, b PartnerDoc) int { return cmpString(a.Slug, b.Slug) })
	slices.SortFunc(out.Projects, func(a, b ProjectDoc) int { return cmpString(a.Slug, b.Slug) })
	slices.SortFunc(out.News, func(a, b NewsDoc) int { return cmpString(a.Slug, b.Slug) })
	return out
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Import(demo) → Export → A; a fresh database: Import(A) → Export → B; A and B are the same
// bytes, and A is the demo content.
func TestExportRoundTrip(t *testing.T) {
	ctx := context.Background()
	demo, err := DemoContent()
	if err != nil {
		t.Fatal(err)
	}
	s1 := openTemp(t)
	if err := s1.Import(ctx, demo); err != nil {
		t.Fatal(err)
	}
	a := exportJSON(t, s1)

	decoded, err := DecodeContent(bytes.NewReader(a))
	if err != nil {
		t.Fatalf("the export does not decode: %v", err)
	}
	s2 := openTemp(t)
	if err := s2.Import(ctx, decoded); err != nil {
		t.Fatalf("the export does not import: %v", err)
	}
	b := exportJSON(t, s2)
	if !bytes.Equal(a, b) {
		t.Fatalf("export → import → export changed the JSON:\n%s\n----\n%s", a, b)
	}

	// Exporting again, and importing the export over the same content, change nothing.
	if again := exportJSON(t, s1); !bytes.Equal(a, again) {
		t.Error("two exports of one database differ")
	}
	if err := s1.Import(ctx, decoded); err != nil {
		t.Fatal(err)
	}
	if again := exportJSON(t, s1); !bytes.Equal(a, again) {
		t.Error("importing the export over the same content changed it")
	}

	want, got := normalized(demoOrFail(t)), normalized(decoded)
	if !reflect.DeepEqual(want, got) {
		for i := range want.Projects {
			if i < len(got.Projects) && !reflect.DeepEqual(want.Projects[i], got.Projects[i]) {
				t.Errorf("project %s:\nwant %+v\n got %+v", want.Projects[i].Slug, want.Projects[i], got.Projects[i])
			}
		}
		for i := range want.News {
			if i < len(got.News) && !reflect.DeepEqual(want.News[i], got.News[i]) {
				t.Errorf("news %s:\nwant %+v\n got %+v", want.News[i].Slug, want.News[i], got.News[i])
			}
		}
		t.Fatal("the export is not the demo content")
	}

	// The format's promises: sorted by slug, times in UTC, empty values as Import expects.
	for i := 1; i < len(decoded.News); i++ {
		if decoded.News[i-1].Slug >= decoded.News[i].Slug {
			t.Errorf("news not by slug: %s, %s", decoded.News[i-1].Slug, decoded.News[i].Slug)
		}
	}
	for _, want := range [][]byte{[]byte(`"publishedAt": "2013-06-01T07:00:00Z"`), []byte(`"budget": null`), []byte(`"acronym": ""`), []byte(`"startDate": null`)} {
		if !bytes.Contains(a, want) {
			t.Errorf("the export has no %s", want)
		}
	}
	if bytes.Contains(a, []byte(`"_note"`)) || bytes.Contains(a, []byte(`"funders": null`)) || bytes.Contains(a, []byte(`"sr": null`)) {
		t.Error("the export has notes or null lists")
	}
}

func demoOrFail(t testing.TB) *Content {
	t.Helper()
	c, err := DemoContent()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// The stored order of a project's partners in each role survives export and import, and
// links to items of another import are exported.
func TestExportKeepsPartnerOrder(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	c := &Content{
		Topics: []TopicDoc{{Slug: "b-topic", Name: Localized{En: "B"}}, {Slug: "a-topic", Name: Localized{Sr: "А"}}},
		Partners: []PartnerDoc{
			{Slug: "zeta", Name: Localized{En: "Zeta"}, Kind: NGO},
			{Slug: "alpha", Name: Localized{En: "Alpha"}, Kind: Donor, Acronym: "A", Website: "https://a.example"},
			{Slug: "mu", Name: Localized{En: "Mu"}, Kind: OtherKind},
		},
		Projects: []ProjectDoc{{
			Slug: "p", Title: Localized{En: "P"}, Status: Ongoing, DatePrecision: Month,
			Funders: []string{"zeta", "alpha", "mu"}, Implementers: []string{"mu", "zeta"}, Partners: []string{"alpha"},
			Areas: []string{"b-topic", "a-topic"}, Locations: LocalizedList{En: []string{"Subotica", "Šid"}},
		}},
		News: []NewsDoc{{
			Slug: "n", Title: Localized{Sr: "Вест"}, PublishedAt: time.Date(2024, 3, 1, 10, 0, 0, 0, time.FixedZone("CET", 3600)),
			Topics: []string{"b-topic", "a-topic"}, Projects: []string{"p"}, Partners: []string{"zeta", "alpha"},
		}},
	}
	if err := s.Import(ctx, c); err != nil {
		t.Fatal(err)
	}
	got, err := s.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p := got.Projects[0]
	if !slices.Equal(p.Funders, []string{"zeta", "alpha", "mu"}) || !slices.Equal(p.Implementers, []string{"mu", "zeta"}) ||
		!slices.Equal(p.Partners, []string{"alpha"}) || !slices.Equal(p.Areas, []string{"a-topic", "b-topic"}) {
		t.Errorf("project links: %+v", p)
	}
	n := got.News[0]
	if !n.PublishedAt.Equal(c.News[0].PublishedAt) || n.PublishedAt.Location() != time.UTC || !slices.Equal(n.Partners, []string{"alpha", "zeta"}) {
		t.Errorf("news: %+v", n)
	}
	if !reflect.DeepEqual(normalized(c), normalized(got)) {
		t.Errorf("export differs:\nwant %+v\n got %+v", normalized(c), normalized(got))
	}
}

// Drafts, scheduled and deleted items, covers and publication times survive export and
// import, and the public sees the same items in both databases.
func TestExportKeepsEditorialState(t *testing.T) {
	ctx := context.Background()
	future := time.Now().Add(48 * time.Hour).UTC().Truncate(time.Second)
	past := time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)
	cover := &CoverDoc{ImageFile: ImageFile{Name: "0123456789abcdef", Type: "image/jpeg", Width: 800, Height: 600, Bytes: 1234,
		Variants: []ImageVariant{{Width: 480, Height: 360, File: "0123456789abcdef-480.jpg"}}}, Alt: Localized{Sr: "Мапа", En: "A map"}}
	c := &Content{
		Partners: []PartnerDoc{{Slug: "draft-partner", Name: Localized{En: "Draft"}, Kind: NGO, EditorialDoc: EditorialDoc{Draft: true}}},
		Projects: []ProjectDoc{{Slug: "deleted-project", Title: Localized{En: "Gone"}, Status: Ongoing, PublishedAt: &past,
			Cover: cover, EditorialDoc: EditorialDoc{DeletedAt: &past}}},
		News: []NewsDoc{
			{Slug: "scheduled", Title: Localized{En: "Later"}, PublishedAt: future, Cover: cover},
			{Slug: "public", Title: Localized{En: "Now"}, PublishedAt: past},
		},
	}
	s1 := openTemp(t)
	if err := s1.Import(ctx, c); err != nil {
		t.Fatal(err)
	}
	a := exportJSON(t, s1)
	decoded, err := DecodeContent(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	s2 := openTemp(t)
	if err := s2.Import(ctx, decoded); err != nil {
		t.Fatal(err)
	}
	if b := exportJSON(t, s2); !bytes.Equal(a, b) {
		t.Fatalf("export → import → export changed:\n%s\n----\n%s", a, b)
	}
	for _, s := range []*Store{s1, s2} {
		news, err := s.News(ctx, nil, NewsNewestFirst, Page{First: 10}, En)
		if err != nil {
			t.Fatal(err)
		}
		projects, _ := s.Projects(ctx, nil, ProjectsLatestFirst, Page{First: 10}, En)
		partners, _ := s.Partners(ctx, nil, PartnersBySlug, Page{First: 10}, En)
		if len(news.Edges) != 1 || news.Edges[0].Node.Slug != "public" || len(projects.Edges) != 0 || len(partners.Edges) != 0 {
			t.Errorf("public: %d news, %d projects, %d partners", len(news.Edges), len(projects.Edges), len(partners.Edges))
		}
	}
	got := decoded.News[1] // by slug: public, scheduled
	if got.Slug != "scheduled" || !got.PublishedAt.Equal(future) || got.Cover == nil || got.Cover.Alt.Sr != "Мапа" || len(got.Cover.Variants) != 1 {
		t.Errorf("scheduled news: %+v", got)
	}
	if !decoded.Partners[0].Draft || decoded.Projects[0].DeletedAt == nil {
		t.Errorf("states: %+v %+v", decoded.Partners[0].EditorialDoc, decoded.Projects[0].EditorialDoc)
	}
}
