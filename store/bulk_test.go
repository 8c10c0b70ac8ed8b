package store

import (
	"bytes"
	"context"
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
}
