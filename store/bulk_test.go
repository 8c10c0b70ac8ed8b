package store

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestBulkLoadAsImport: the demo content bulk-loaded in two batches exports the same
// bytes as imported, is found alike by search, and its lists count right.
func TestBulkLoadAsImport(t *testing.T) {
	ctx := context.Background()
	demo, err := DemoContent()
	if err != nil {
		t.Fatal(err)
	}
	imported, bulk := openTemp(t), openTemp(t)
	now := time.Now().UTC().Truncate(time.Second) // one clock: what has no time of its own is stamped now
	imported.SetClock(func() time.Time { return now })
	bulk.SetClock(func() time.Time { return now })
	if err := imported.Import(ctx, demo); err != nil {
		t.Fatal(err)
	}
	first := *demo
	first.News = nil
	batches := []*Content{&first, {News: demo.News}}
	err = bulk.BulkLoad(ctx, func() (*Content, error) {
		if len(batches) == 0 {
			return nil, nil
		}
		c := batches[0]
		batches = batches[1:]
		return c, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := exportJSON(t, bulk), exportJSON(t, imported); !bytes.Equal(got, want) {
		t.Errorf("bulk-loaded content exports\n%s\nwant (imported)\n%s", got, want)
	}
	for _, q := range []string{"азил", "IOM", "migracije", "ljudska prava", "UNHCR"} {
		a, err1 := bulk.Search(ctx, q, nil, Page{First: 5}, SrLatn)
		b, err2 := imported.Search(ctx, q, nil, Page{First: 5}, SrLatn)
		if err1 != nil || err2 != nil || a.TotalCount != b.TotalCount || a.TotalCount == 0 {
			t.Errorf("search %q: bulk-loaded finds %v (%v), imported %v (%v)", q, a, err1, b, err2)
		}
	}
	checkCounts(t, bulk, countCases(bulk, demo), "a bulk load")
	// What the index holds besides: the vocabulary and the facets, row for row.
	for _, query := range []string{
		"SELECT term, docs, spelling, head, size FROM search_terms ORDER BY term",
		"SELECT item, terms FROM search_item_terms ORDER BY item",
		"SELECT term, kind, docs FROM search_term_kinds ORDER BY term, kind",
		"SELECT topic_id, item FROM search_topics ORDER BY item, topic_id",
		"SELECT item, year FROM search_years ORDER BY item",
		"SELECT item, title, summary, size FROM search_ranking ORDER BY item",
		"SELECT id, indexed FROM news ORDER BY id",
	} {
		got, want := tableRows(t, bulk, query), tableRows(t, imported, query)
		if len(want) == 0 || strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: bulk-loaded\n%s\nwant (imported)\n%s", query, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// tableRows is what a query reads, a line per row.
func tableRows(t *testing.T, s *Store, query string) []string {
	t.Helper()
	rows, err := s.read.QueryContext(context.Background(), query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	columns, _ := rows.Columns()
	var out []string
	for rows.Next() {
		values := make([]any, len(columns))
		ptrs := make([]any, len(columns))
		for i := range values {
			ptrs[i] = &values[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprint(values...))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
