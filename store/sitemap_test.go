package store

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestPublicItems: the sitemap's query lists exactly the public items of a kind, in the
// order they were created, page by page, across the batches it reads them in.
func TestPublicItems(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	now := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now })
	c, err := DecodeContent(strings.NewReader(`{"news":[
		{"slug":"n1","title":{"en":"One"},"publishedAt":"2020-01-01T10:00:00Z"},
		{"slug":"scheduled","title":{"en":"Later"},"publishedAt":"2030-01-01T10:00:00Z"},
		{"slug":"n2","title":{"en":"Two"},"publishedAt":"2020-01-02T10:00:00Z"},
		{"slug":"draft","title":{"en":"Draft"},"publishedAt":"2020-01-02T10:00:00Z","draft":true},
		{"slug":"n3","title":{"en":"Three"},"publishedAt":"2020-01-03T10:00:00Z"},
		{"slug":"deleted","title":{"en":"Gone"},"publishedAt":"2020-01-02T10:00:00Z","deletedAt":"2021-01-01T00:00:00Z"},
		{"slug":"n4","title":{"en":"Four"},"publishedAt":"2020-01-04T10:00:00Z"},
		{"slug":"n5","title":{"en":"Five"},"publishedAt":"2026-06-01T10:00:00Z"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Import(ctx, c); err != nil {
		t.Fatal(err)
	}
	if n, err := s.PublicCount(ctx, KindNews); n != 4 || err != nil {
		t.Errorf("PublicCount(news) = %d, %v; want 4 (n5 is scheduled until June)", n, err)
	}
	defer func(b int) { publicItemBatch = b }(publicItemBatch)
	publicItemBatch = 2
	for _, tt := range []struct {
		offset, limit int
		want          []string
	}{
		{0, 100, []string{"n1", "n2", "n3", "n4"}},
		{0, 2, []string{"n1", "n2"}},
		{1, 3, []string{"n2", "n3", "n4"}},
		{1, 2, []string{"n2", "n3"}},
		{3, 10, []string{"n4"}},
		{4, 10, nil},
	} {
		var got []string
		err := s.PublicItems(ctx, KindNews, tt.offset, tt.limit, func(it SitemapEntry) error {
			if !it.Modified.Equal(now) { // imported now, after each publication
				t.Errorf("%s: modified %v, want %v", it.Slug, it.Modified, now)
			}
			got = append(got, it.Slug)
			return nil
		})
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("PublicItems(offset %d, limit %d) = %v, %v; want %v", tt.offset, tt.limit, got, err, tt.want)
		}
	}

	stop := errors.New("stop")
	calls := 0
	err = s.PublicItems(ctx, KindNews, 0, 10, func(SitemapEntry) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("an error from each: %d calls, %v; want 1 call and that error", calls, err)
	}

	later := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return later })
	var got []SitemapEntry
	if err := s.PublicItems(ctx, KindNews, 4, 10, func(it SitemapEntry) error { got = append(got, it); return nil }); err != nil {
		t.Fatal(err)
	}
	published := time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)
	if len(got) != 1 || got[0].Slug != "n5" || !got[0].Modified.Equal(published) {
		t.Errorf("after n5's time: %+v, want n5 modified at its publication %v", got, published)
	}
	if _, err := s.PublicCount(ctx, Kind("TOPIC")); err == nil {
		t.Error("PublicCount of an unknown kind: no error")
	}
}
