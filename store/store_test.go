package store

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/agency/portal/store/storetest"
)

func openTemp(t testing.TB) *Store {
	t.Helper()
	s, err := Open(context.Background(), storetest.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// FuzzMatchQuery: whatever the user types, the query built from it (a MATCH expression on
// SQLite, a tsquery on PostgreSQL) runs without error against the real index.
func FuzzMatchQuery(f *testing.F) {
	for _, seed := range []string{
		"Мађарска", "madjarska", `"`, `a'b`, "multi-agent", "NEAR(", "NEAR(a b)", "title:x", "a OR b", "NOT",
		"*", "-x", "x*", "(", ")", "^", "😀", "\x00", "a\"b\"c", strings.Repeat("ab ", 50), "ǉ", "ß", "İ",
		`"ljudska prava"`, `"ljudska prava" srbija`, `"`, `""`, `"""`, `" "`, `"a`, `a"`, `"NEAR(" "*"`, `"x"*`, `""azil""`,
		`"` + strings.Repeat("ab ", 50) + `"`, `"title:x" OR "y`,
	} {
		f.Add(seed)
	}
	s := openTemp(f)
	c, err := DemoContent()
	if err != nil {
		f.Fatal(err)
	}
	if err := s.Import(context.Background(), c); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		match, tokens, _ := MatchQuery(q)
		if match == "" {
			if len(tokens) != 0 {
				t.Fatalf("no match expression but tokens %q", tokens)
			}
			return
		}
		if len(tokens) > maxQueryTokens {
			t.Fatalf("%d tokens", len(tokens))
		}
		if _, err := countKinds(context.Background(), s.read, s.engine, parseSearch(q), searchScope{}); err != nil {
			t.Fatalf("the query of %q (MATCH %q on SQLite): %v", q, match, err)
		}
		if _, err := s.Search(context.Background(), q, nil, Page{First: 5}, SrLatn); err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
	})
}

func TestMatchQuery(t *testing.T) {
	const w, st = "{title summary body}: ", " OR {title_stems summary_stems body_stems}: "
	const stems = "{title_stems summary_stems body_stems}: " // a word whose stems are the term's: by its stems only
	tests := []struct {
		in, match string
	}{
		{"Мађарска", `(` + w + `"madjarska"*` + st + `("madjarsk" OR "madjarska"))`},
		{"Mađarske ", `(` + stems + `("madjarsk"))`},
		{"azil migracije", `(` + stems + `("azi" OR "azil")) AND (` + w + `"migracije"*` + st + `("migracij"))`},
		{`NEAR(azil OR x`, `(` + stems + `("near")) AND (` + stems + `("azi" OR "azil")) AND (` +
			stems + `("or")) AND (` + stems + `("x"))`}, // a one-letter last word is no prefix
		{"title:azil*", `(` + stems + `("titl")) AND (` + stems + `("azi" OR "azil"))`},
		{"multi-agent", `(` + stems + `("mult" OR "multi")) AND (` + w + `"agent"*` + st + `("agent"))`},
		{"a", `(` + stems + `("a"))`},
		// Phrases: their words as they are, in a row, never a prefix.
		{`"ljudska prava"`, `(` + w + `"ljudska prava")`},
		{`"Ljudska Prava" Srbija`, `(` + w + `"ljudska prava") AND (` + w + `"srbija"*` + st + `("srbij" OR "srbija"))`},
		{`"azila"`, `(` + w + `"azila")`},
		{`prava "ljudska`, `(` + stems + `("prav" OR "prava")) AND (` + w + `"ljudska"*` + st + `("ljudsk" OR "ljudska"))`}, // an unmatched quote is a separator
		{`"a"b"c`, `(` + w + `"a") AND (` + stems + `("b")) AND (` + stems + `("c"))`},
		{`"" azil`, `(` + w + `"azil"*` + st + `("azi" OR "azil"))`},
		{`"!!!" "`, ``},
		{"!!!", ``},
		{"", ``},
	}
	for _, tt := range tests {
		if got, _, _ := MatchQuery(tt.in); got != tt.match {
			t.Errorf("MatchQuery(%q)\n got %s\nwant %s", tt.in, got, tt.match)
		}
	}
	long, tokens, _ := MatchQuery(strings.Repeat("word ", 1000) + strings.Repeat("x", 5000))
	if len(tokens) != maxQueryTokens || len(long) > maxQueryTokens*(3*maxTokenBytes+100) {
		t.Errorf("a long query gives %d tokens, %d bytes", len(tokens), len(long))
	}
	quoted, tokens, _ := MatchQuery(strings.Repeat(`"word word" `, 1000))
	if len(tokens) != maxQueryTokens || len(quoted) > maxQueryTokens*(3*maxTokenBytes+100) {
		t.Errorf("a long query of phrases gives %d tokens, %d bytes", len(tokens), len(quoted))
	}
}

// An import with one bad item writes nothing, and says which item and field.
func TestImportIsAllOrNothing(t *testing.T) {
	s := openTemp(t)
	good := func() *Content {
		c, err := DemoContent()
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	tests := []struct {
		name  string
		spoil func(*Content)
		field string
	}{
		{"bad slug", func(c *Content) { c.News[1].Slug = "Not A Slug" }, "news[1].slug"},
		{"duplicate slug", func(c *Content) { c.Partners[1].Slug = c.Partners[0].Slug }, "partners[1].slug"},
		{"no title", func(c *Content) { c.Projects[2].Title = Localized{} }, "projects[2].title"},
		{"bad kind", func(c *Content) { c.Partners[0].Kind = "CLUB" }, "partners[0].kind"},
		{"bad status", func(c *Content) { c.Projects[0].Status = "DONE" }, "projects[0].status"},
		{"float amount", func(c *Content) { c.Projects[0].Budget = &Money{Amount: "1e5", Currency: "EUR"} }, "projects[0].budget.amount"},
		{"bad currency", func(c *Content) { c.Projects[0].Budget = &Money{Amount: "10", Currency: "euro"} }, "projects[0].budget.currency"},
		{"end before start", func(c *Content) { d := "2000-01-01"; c.Projects[0].EndDate = &d }, "projects[0].endDate"},
		{"bad date", func(c *Content) { d := "2019-02-30"; c.Projects[0].StartDate = &d }, "projects[0].startDate"},
		{"javascript url", func(c *Content) { c.Partners[0].Website = "javascript:alert(1)" }, "partners[0].website"},
		{"unknown partner", func(c *Content) { c.News[0].Partners = append(c.News[0].Partners, "no-such-partner") }, "partner"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := good()
			tt.spoil(c)
			err := s.Import(context.Background(), c)
			var input *InputError
			if !errors.As(err, &input) || input.Field != tt.field {
				t.Fatalf("got %v, want an InputError for %s", err, tt.field)
			}
			var n int
			s.read.QueryRow("SELECT (SELECT count(*) FROM news) + (SELECT count(*) FROM partners) + (SELECT count(*) FROM search)").Scan(&n)
			if n != 0 {
				t.Errorf("%d rows written by a refused import", n)
			}
		})
	}
	if err := s.Import(context.Background(), good()); err != nil {
		t.Fatalf("the demo content: %v", err)
	}
	// Importing the same content again replaces, it does not duplicate.
	if err := s.Import(context.Background(), good()); err != nil {
		t.Fatal(err)
	}
	var news, rows int
	s.read.QueryRow("SELECT count(*) FROM news").Scan(&news)
	s.read.QueryRow("SELECT count(*) FROM search").Scan(&rows)
	if c := good(); news != len(c.News) || rows != len(c.News)+len(c.Projects)+len(c.Partners) {
		t.Errorf("after two imports: %d news, %d index rows", news, rows)
	}
}

// Opening an existing database runs no migration twice and keeps the content; the demo
// content is loaded only into an empty database.
func TestReopen(t *testing.T) {
	path := storetest.DSN(t)
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if loaded, err := s.LoadDemo(ctx); !loaded || err != nil {
		t.Fatalf("first LoadDemo: %v %v", loaded, err)
	}
	s.Close()
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if loaded, err := s.LoadDemo(ctx); loaded || err != nil {
		t.Fatalf("second LoadDemo: %v %v", loaded, err)
	}
	version, _ := s.engine.schemaVersion(ctx, s.read)
	list, _ := migrationFiles(s.engine.name())
	if latest := list[len(list)-1].number; version != latest {
		t.Errorf("schema version %d, want %d", version, latest)
	}
	if !storetest.Postgres() {
		var mode string
		var fk int
		s.read.QueryRow("PRAGMA journal_mode").Scan(&mode)
		s.read.QueryRow("PRAGMA foreign_keys").Scan(&fk)
		if mode != "wal" || fk != 1 {
			t.Errorf("journal_mode %s, foreign_keys %d", mode, fk)
		}
	}
	// The read pool cannot write.
	if _, err := s.read.Exec("DELETE FROM news"); err == nil {
		t.Error("the read pool wrote")
	}
}

// TestAuditLogOfNoContent: the audit log of a global ID that is no content item or account
// (a topic's) is empty, on every engine.
func TestAuditLogOfNoContent(t *testing.T) {
	s := openTemp(t)
	gid := globalID(kindTopic, 1)
	log, err := s.AuditLog(context.Background(), &gid, Page{First: 5})
	if err != nil || len(log.Edges) != 0 {
		t.Errorf("AuditLog(%s) = %+v, %v; want no entries, no error", gid, log, err)
	}
}

// TestOpenTwiceAtOnce: two processes starting at once on a new database (two instances
// on one PostgreSQL) both open it, and it is migrated once.
func TestOpenTwiceAtOnce(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.DSN(t)
	var wg sync.WaitGroup
	stores := make([]*Store, 2)
	errs := make([]error, 2)
	for i := range stores {
		wg.Go(func() { stores[i], errs[i] = Open(ctx, dsn) })
	}
	wg.Wait()
	for i, s := range stores {
		if errs[i] != nil {
			t.Fatalf("open %d: %v", i, errs[i])
		}
		defer s.Close()
	}
	list, _ := migrationFiles(stores[0].engine.name())
	version, err := stores[0].engine.schemaVersion(ctx, stores[0].read)
	if latest := list[len(list)-1].number; err != nil || version != latest {
		t.Errorf("schema version %d (%v), want %d", version, err, latest)
	}
	if _, err := stores[1].LoadDemo(ctx); err != nil {
		t.Errorf("the second store cannot write: %v", err)
	}
}
