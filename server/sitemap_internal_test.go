package server

import (
	"context"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/agency/portal/store"
	"github.com/agency/portal/store/storetest"
)

// TestSitemapPages: with more items than a page holds, the index names as many pages as
// needed and together they list every item once, each page within its size.
func TestSitemapPages(t *testing.T) {
	st, err := store.Open(context.Background(), storetest.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.LoadDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer func(n int) { sitemapItems = n }(sitemapItems)
	sitemapItems = 5 // 19 partners → 4 pages of at most 15 URLs
	s := &site{store: st, base: "https://portal.example.gov.rs", files: map[string]*file{}}
	get := func(path string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		return rec
	}
	var index struct {
		Locs []string `xml:"sitemap>loc"`
	}
	if err := xml.Unmarshal(get("/sitemap.xml").Body.Bytes(), &index); err != nil {
		t.Fatal(err)
	}
	var partnerPages []string
	for _, loc := range index.Locs {
		if strings.Contains(loc, "/sitemap-partners-") {
			partnerPages = append(partnerPages, strings.TrimPrefix(loc, s.base))
		}
	}
	want := []string{"/sitemap-partners-1.xml", "/sitemap-partners-2.xml", "/sitemap-partners-3.xml", "/sitemap-partners-4.xml"}
	if strings.Join(partnerPages, " ") != strings.Join(want, " ") {
		t.Fatalf("partner pages %v, want %v", partnerPages, want)
	}
	seen := map[string]bool{}
	for i, page := range partnerPages {
		var set struct {
			Locs []string `xml:"url>loc"`
		}
		if err := xml.Unmarshal(get(page).Body.Bytes(), &set); err != nil {
			t.Fatal(page, err)
		}
		if wantURLs := min(19-5*i, 5) * 3; len(set.Locs) != wantURLs {
			t.Errorf("%s: %d URLs, want %d", page, len(set.Locs), wantURLs)
		}
		for _, loc := range set.Locs {
			if seen[loc] {
				t.Errorf("%s: %s listed twice", page, loc)
			}
			seen[loc] = true
		}
	}
	if len(seen) != 19*3 {
		t.Errorf("%d partner URLs in all, want %d", len(seen), 19*3)
	}
	if rec := get("/sitemap-partners-5.xml"); rec.Code != http.StatusNotFound {
		t.Errorf("a page past the last: status %d, want 404", rec.Code)
	}
}
