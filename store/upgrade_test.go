package store

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestOpensAnOlderDatabase: a SQLite database made by the binary before the migrations
// moved into migrations/sqlite/ (testdata/portal-v5.db.gz: schema version 5, the demo
// content and one admin, written by that commit's store) opens with no migration to run,
// and holds what it held: the demo content (exported byte for byte as a new database with
// that content exports it, and found alike, other forms of words included), and the
// admin, who can still sign in; its lists' counters are filled.
func TestOpensAnOlderDatabase(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "portal.db")
	unzip(t, "testdata/portal-v5.db.gz", path)
	old, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("the older database does not open: %v", err)
	}
	defer old.Close()
	if _, err := old.Authenticate(ctx, "old@example.gov.rs", "an old but long password"); err != nil {
		t.Errorf("the older database's admin: %v", err)
	}
	fresh, err := Open(ctx, filepath.Join(t.TempDir(), "fresh.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	exported := exportJSON(t, old)
	c, err := DecodeContent(bytes.NewReader(exported))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.News) == 0 || len(c.Projects) == 0 || len(c.Partners) == 0 || len(c.Topics) == 0 {
		t.Fatalf("the older database exports %d news, %d projects, %d partners, %d topics, want the demo content",
			len(c.News), len(c.Projects), len(c.Partners), len(c.Topics))
	}
	if err := fresh.Import(ctx, c); err != nil {
		t.Fatal(err)
	}
	if again := exportJSON(t, fresh); !bytes.Equal(exported, again) {
		t.Errorf("the older database exports differently from a new one with its content:\n%s\n----\n%s", exported, again)
	}
	// Its search index is made anew with stems (migration 7), so it finds other forms of a
	// word as a new database does.
	for _, q := range []string{"мађарска", "IOM", "Мађарске", "ljudska prava", "tražilac azila", `"ljudskih prava"`} {
		a, err1 := old.Search(ctx, q, nil, Page{First: 5}, SrLatn)
		b, err2 := fresh.Search(ctx, q, nil, Page{First: 5}, SrLatn)
		if err1 != nil || err2 != nil || a.TotalCount != b.TotalCount || a.TotalCount == 0 {
			t.Errorf("search %q: the older database finds %v (%v), a new one %v (%v)", q, a, err1, b, err2)
		}
	}
	// Its vocabulary is filled from the index (migration 9), so it suggests as a new one does.
	for _, q := range []string{"madjraska", "komesarjat", "hungray"} {
		a, err1 := old.Search(ctx, q, nil, Page{First: 5}, SrLatn)
		b, err2 := fresh.Search(ctx, q, nil, Page{First: 5}, SrLatn)
		if err1 != nil || err2 != nil {
			t.Fatalf("search %q: %v, %v", q, err1, err2)
		}
		if a.Suggestion == nil || b.Suggestion == nil || *a.Suggestion != *b.Suggestion {
			t.Errorf("suggestion for %q: the older database gives %v, a new one %v", q, a.Suggestion, b.Suggestion)
		}
	}
	// Its lists' counters are filled from its rows (migration 11).
	demo, err := DemoContent()
	if err != nil {
		t.Fatal(err)
	}
	checkCounts(t, old, countCases(old, demo), "opening the older database")
}

// unzip writes the gzipped file from to the path to.
func unzip(t *testing.T, from, to string) {
	t.Helper()
	f, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	if _, err := io.Copy(out, z); err != nil {
		t.Fatal(err)
	}
}
