package store

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/agency/portal/store/storetest"
)

// TestExportAcrossEngines: a whole site (the demo content, with a draft, a scheduled and a
// deleted item and a cover) exported from SQLite, imported into PostgreSQL, exported
// again, and imported back into a new SQLite file gives the same bytes every time.
func TestExportAcrossEngines(t *testing.T) {
	if !storetest.Postgres() {
		t.Skip("PostgreSQL only: set PORTAL_TEST_POSTGRES (make test does, through scripts/with-postgres.sh)")
	}
	ctx := context.Background()
	c, err := DemoContent()
	if err != nil {
		t.Fatal(err)
	}
	future := time.Now().Add(48 * time.Hour).UTC().Truncate(time.Second)
	past := time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)
	cover := &CoverDoc{ImageFile: ImageFile{Name: "0123456789abcdef", Type: "image/jpeg", Width: 800, Height: 600, Bytes: 1234,
		Variants: []ImageVariant{{Width: 480, Height: 360, File: "0123456789abcdef-480.jpg"}}}, Alt: Localized{Sr: "Мапа", En: "A map"}}
	c.Partners = append(c.Partners, PartnerDoc{Slug: "draft-partner", Name: Localized{En: "Draft"}, Kind: NGO, EditorialDoc: EditorialDoc{Draft: true}})
	c.Projects = append(c.Projects, ProjectDoc{Slug: "deleted-project", Title: Localized{En: "Gone"}, Status: Ongoing,
		PublishedAt: &past, Cover: cover, EditorialDoc: EditorialDoc{DeletedAt: &past}})
	c.News = append(c.News, NewsDoc{Slug: "scheduled", Title: Localized{En: "Later"}, PublishedAt: future, Cover: cover})

	open := func(dsn string) *Store {
		t.Helper()
		s, err := Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	sqlite := open(filepath.Join(t.TempDir(), "from.db"))
	if err := sqlite.Import(ctx, c); err != nil {
		t.Fatal(err)
	}
	want := exportJSON(t, sqlite)
	steps := []struct {
		name string
		to   *Store
	}{
		{"SQLite → PostgreSQL", open(storetest.DSN(t))},
		{"PostgreSQL → SQLite", open(filepath.Join(t.TempDir(), "back.db"))},
	}
	from := want
	for _, step := range steps {
		decoded, err := DecodeContent(bytes.NewReader(from))
		if err != nil {
			t.Fatalf("%s: the export does not decode: %v", step.name, err)
		}
		if err := step.to.Import(ctx, decoded); err != nil {
			t.Fatalf("%s: the export does not import: %v", step.name, err)
		}
		got := exportJSON(t, step.to)
		if !bytes.Equal(got, want) {
			t.Fatalf("%s: the export changed:\n%s\n----\n%s", step.name, want, got)
		}
		from = got
	}
}
