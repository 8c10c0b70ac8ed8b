package store

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/agency/portal/store/storetest"
)

// registrySamples is an item of each kind for the registry walk, linking to the demo
// content. A kind added to the registry without a sample fails TestRegistryWalk.
func registrySamples(demo *Content) map[Kind]doc {
	return map[Kind]doc{
		KindNews: &NewsDoc{Title: Localized{Sr: "Регистарвок вест", En: "Registrywalk news"},
			Summary: Localized{En: "A news item that walks the registry."}, Body: Localized{En: "Its **body**."},
			Topics: []string{demo.Topics[0].Slug}, Projects: []string{demo.Projects[0].Slug},
			Partners: []string{demo.Partners[0].Slug}},
		KindProject: &ProjectDoc{Title: Localized{Sr: "Регистарвок пројекат", En: "Registrywalk project"},
			Summary: Localized{En: "A project that walks the registry."}, Status: Ongoing, DatePrecision: Day,
			Budget: &Money{Amount: "1000.50", Currency: "EUR"}, Areas: []string{demo.Topics[0].Slug},
			Funders: []string{demo.Partners[1].Slug, demo.Partners[0].Slug}, Implementers: []string{demo.Partners[0].Slug},
			Partners: []string{}, Locations: LocalizedList{Sr: []string{}, En: []string{"Belgrade"}}},
		KindPartner: &PartnerDoc{Name: Localized{Sr: "Регистарвок партнер", En: "Registrywalk partner"},
			Acronym: "RWP", Kind: NGO, Website: "https://example.org", Description: Localized{En: "A partner."}},
	}
}

// TestRegistryWalk runs every generic operation for every kind in the registry: creating
// and updating through the save workflow, reading as an editor, every state change, node
// lookup by global ID, the search index and its hydration, the audit log, and an export
// and import round trip. A kind that one of them does not handle fails here.
func TestRegistryWalk(t *testing.T) {
	s, demo, admin := openDemo(t)
	samples := registrySamples(demo)
	for kind := range samples {
		if _, err := kindOf(kind, "kind"); err != nil {
			t.Errorf("%s has a sample but is not in the registry", kind)
		}
	}
	for _, k := range registry {
		t.Run(string(k.kind), func(t *testing.T) {
			d, ok := samples[k.kind]
			if !ok {
				t.Fatalf("no sample for kind %s: add one to registrySamples", k.kind)
			}
			walkKind(t, s, admin, k, d)
		})
	}
	t.Run("export and import", func(t *testing.T) {
		walkExport(t, s, samples)
	})
}

// openDemo opens a new database with the demo content and an admin, and returns the
// demo content as its items were imported.
func openDemo(t *testing.T) (*Store, *Content, *User) {
	t.Helper()
	ctx := context.Background()
	s := openTemp(t)
	if _, err := s.LoadDemo(ctx); err != nil {
		t.Fatal(err)
	}
	demo, err := DemoContent()
	if err != nil {
		t.Fatal(err)
	}
	admin, err := s.CreateUser(ctx, "admin@example.org", goodPassword, RoleAdmin)
	if err != nil {
		t.Fatal(err)
	}
	return s, demo, admin
}

// walkKind runs the generic operations on a new item of one kind, and leaves it published.
func walkKind(t *testing.T, s *Store, admin *User, k *kind, d doc) {
	ctx := context.Background()
	src, err := s.save(ctx, admin, k, "", 0, d)
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	gid := src.GlobalID()
	if src.Kind() != k.kind || *d.slug() == "" {
		t.Fatalf("created %s with slug %q, want a %s with a slug", src.Kind(), *d.slug(), k.kind)
	}
	if _, err := s.save(ctx, admin, k, gid, 1, d); err != nil {
		t.Fatalf("update: %v", err)
	}
	if _, err := s.save(ctx, admin, k, gid, 1, d); !errors.As(err, new(*ConflictError)) {
		t.Errorf("update at a stale version: got %v, want a ConflictError", err)
	}

	wantState := func(step string, want PublicationState, public bool) {
		t.Helper()
		got, err := s.Source(ctx, gid)
		if err != nil {
			t.Fatalf("%s: Source: %v", step, err)
		}
		if st := editorialOf(got).State; st != want {
			t.Errorf("%s: state %s, want %s", step, st, want)
		}
		_, err = s.Node(ctx, gid, En)
		if public != (err == nil) {
			t.Errorf("%s: Node gives %v, want public=%v", step, err, public)
		}
		hits, err := s.Search(ctx, "registrywalk", []Kind{k.kind}, Page{First: 10}, En)
		if err != nil {
			t.Fatalf("%s: Search: %v", step, err)
		}
		found := len(hits.Edges) == 1 && hits.Edges[0].Node.Item.GlobalID() == gid &&
			hits.Edges[0].Node.Kind == k.kind && hits.Edges[0].Node.Snippet != ""
		if public != found || hits.TotalCount != len(hits.Edges) {
			t.Errorf("%s: search finds %d of %d hits, want public=%v", step, len(hits.Edges), hits.TotalCount, public)
		}
	}
	wantState("created", Draft, false)
	list, err := s.Sources(ctx, k.kind, nil, Page{First: 1})
	if err != nil || len(list.Edges) != 1 || list.Edges[0].Node.GlobalID() != gid {
		t.Fatalf("Sources(%s) does not list the item first: %v", k.kind, err)
	}

	version := 2
	for _, step := range []struct {
		action AuditAction
		state  PublicationState
		public bool
	}{
		{ActionPublish, Published, true},
		{ActionUnpublish, Draft, false},
		{ActionPublish, Published, true},
		{ActionDelete, Deleted, false},
		{ActionRestore, Draft, false},
	} {
		if _, err := s.ChangeState(ctx, admin, gid, version, Transition{Action: step.action}); err != nil {
			t.Fatalf("%s: %v", step.action, err)
		}
		version++
		wantState(string(step.action), step.state, step.public)
	}
	if _, err := s.ChangeState(ctx, admin, gid, version, Transition{Action: ActionPublish}); err != nil {
		t.Fatalf("publish for the export: %v", err)
	}

	log, err := s.AuditLog(ctx, &gid, Page{First: 20})
	if err != nil {
		t.Fatal(err)
	}
	var actions []AuditAction
	for _, e := range log.Edges {
		id, err := e.Node.GlobalItemID()
		if err != nil || id != gid || e.Node.Kind == nil || *e.Node.Kind != k.kind {
			t.Errorf("audit entry %s is of %s (%v), want %s", e.Node.Action, id, err, gid)
		}
		actions = append(actions, e.Node.Action)
	}
	want := []AuditAction{ActionPublish, ActionRestore, ActionDelete, ActionPublish, ActionUnpublish, ActionPublish, ActionUpdate, ActionCreate}
	if !slices.Equal(actions, want) {
		t.Errorf("audit log %v, want %v", actions, want)
	}
}

func editorialOf(src Source) *Editorial {
	return src.(interface{ Editorial() *Editorial }).Editorial()
}

// walkExport exports the content, imports it into a new database and exports again: the
// same bytes, with each walked item and its links in it.
func walkExport(t *testing.T, s *Store, samples map[Kind]doc) {
	ctx := context.Background()
	first := exportJSON(t, s)
	c, err := DecodeContent(bytes.NewReader(first))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range registry {
		sample := samples[k.kind]
		i := slices.IndexFunc(k.docs(c), func(d doc) bool { return *d.slug() == *sample.slug() })
		if i < 0 {
			t.Errorf("%s %q is not in the export", k.kind, *sample.slug())
			continue
		}
		if got, want := k.docs(c)[i].linkSlugs(), sample.linkSlugs(); !reflect.DeepEqual(orEmptyMap(got), orEmptyMap(want)) {
			t.Errorf("%s exported with links %v, want %v", k.kind, got, want)
		}
	}
	other, err := Open(ctx, storetest.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := other.Import(ctx, c); err != nil {
		t.Fatalf("import: %v", err)
	}
	if second := exportJSON(t, other); !bytes.Equal(first, second) {
		t.Errorf("export → import → export differs:\n%s\nwant\n%s", second, first)
	}
}

// orEmptyMap drops empty lists, so that nil and empty compare equal.
func orEmptyMap(m map[string][]string) map[string][]string {
	out := map[string][]string{}
	for k, v := range m {
		if len(v) > 0 {
			out[k] = v
		}
	}
	return out
}

// Every kind in the registry is complete and distinct, and a kind or global ID type that
// is not in it is an error, never some other kind.
func TestRegistryEntries(t *testing.T) {
	seen := map[string]Kind{}
	for _, k := range registry {
		for _, key := range []string{"kind:" + string(k.kind), "type:" + k.typ, "table:" + k.table, "alias:" + k.alias,
			"field:" + k.field, "num:" + strconv.FormatInt(k.num, 10)} {
			if other, dup := seen[key]; dup {
				t.Errorf("%s and %s share %s", other, k.kind, key)
			}
			seen[key] = k.kind
		}
		if k.newRow == nil || k.scanRows == nil || k.docs == nil || k.addDoc == nil || len(k.titles) == 0 || k.noun == "" {
			t.Errorf("%s: the registry entry is incomplete", k.kind)
		}
		if raw, _ := base64.RawURLEncoding.DecodeString(k.newRow().GlobalID()); !strings.HasPrefix(string(raw), k.typ+":") {
			t.Errorf("%s: its model's global IDs are %q, want of type %q", k.kind, raw, k.typ)
		}
	}

	s := openTemp(t)
	ctx := context.Background()
	var input *InputError
	if _, err := s.Sources(ctx, "CLUB", nil, Page{First: 5}); !errors.As(err, &input) || input.Field != "kind" {
		t.Errorf("Sources of an unknown kind: got %v, want an InputError for kind", err)
	}
	if _, err := s.SuggestSlug(ctx, "CLUB", "x", nil); !errors.As(err, &input) || input.Field != "kind" {
		t.Errorf("SuggestSlug of an unknown kind: got %v, want an InputError for kind", err)
	}
	club := globalID("Club", 1)
	if _, err := s.Node(ctx, club, En); !errors.Is(err, ErrNotFound) {
		t.Errorf("Node of an unknown type: got %v, want ErrNotFound", err)
	}
	if _, err := s.Source(ctx, club); !errors.Is(err, ErrNotFound) {
		t.Errorf("Source of an unknown type: got %v, want ErrNotFound", err)
	}
	unknown := Kind("CLUB")
	if _, err := (&AuditEntry{Kind: &unknown, ItemID: 1}).GlobalItemID(); err == nil {
		t.Error("an audit entry of an unknown kind has a global ID")
	}
}

// A refusal of an editor's input names the field as the editors' input calls it.
func TestSaveNamesTheEditorsField(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	editor, err := s.CreateUser(ctx, "editor@example.org", goodPassword, RoleEditor)
	if err != nil {
		t.Fatal(err)
	}
	title := Localized{En: "A project"}
	tests := []struct {
		name  string
		in    ProjectInput
		field string
	}{
		{"a cooperating partner that is no slug", ProjectInput{Title: title, Status: Ongoing, CooperatingPartners: []string{"Not A Slug"}}, "cooperatingPartners"},
		{"an unknown cooperating partner", ProjectInput{Title: title, Status: Ongoing, CooperatingPartners: []string{"nobody"}}, "cooperatingPartners"},
		{"an unknown funder", ProjectInput{Title: title, Status: Ongoing, Funders: []string{"nobody"}}, "funders"},
		{"an unknown area", ProjectInput{Title: title, Status: Ongoing, Areas: []string{"nothing"}}, "areas"},
		{"a bad status", ProjectInput{Title: title, Status: "DONE"}, "status"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var input *InputError
			if _, err := s.CreateProject(ctx, editor, tt.in); !errors.As(err, &input) || input.Field != tt.field {
				t.Errorf("got %v, want an InputError for %s", err, tt.field)
			}
		})
	}
}
