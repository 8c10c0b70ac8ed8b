package server_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed/atom"
)

// getFeed fetches a feed and parses it with a real feed parser, failing the test unless it
// is a 200 Atom document.
func getFeed(t *testing.T, h http.Handler, target string) *atom.Feed {
	t.Helper()
	rec := siteGet(h, http.MethodGet, target)
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/atom+xml") {
		t.Fatalf("GET %s: status %d, type %q, body %q; want 200 and Atom", target, rec.Code, rec.Header().Get("Content-Type"), rec.Body.String())
	}
	f, err := (&atom.Parser{}).Parse(strings.NewReader(rec.Body.String()))
	if err != nil {
		t.Fatalf("GET %s: not an Atom feed: %v\n%s", target, err, rec.Body.String())
	}
	return f
}

// checkAtom checks what RFC 4287 requires of a feed and its entries, and what the portal
// promises: an alternate link per entry, updated and published times, HTML content, and
// the feed's updated time being its newest entry's.
func checkAtom(t *testing.T, target string, f *atom.Feed, lang string) {
	t.Helper()
	if f.ID == "" || f.Title == "" || f.UpdatedParsed == nil || len(f.Authors) == 0 || f.Language != lang {
		t.Errorf("%s: feed id %q, title %q, updated %v, authors %d, language %q; want all set, language %q", target, f.ID, f.Title, f.UpdatedParsed, len(f.Authors), f.Language, lang)
	}
	rels := map[string]bool{}
	for _, l := range f.Links {
		rels[l.Rel] = true
	}
	if !rels["self"] || !rels["alternate"] {
		t.Errorf("%s: feed links %v, want self and alternate", target, rels)
	}
	var newest time.Time
	for _, e := range f.Entries {
		if !strings.HasPrefix(e.ID, "tag:") || e.UpdatedParsed == nil || e.Title == "" || len(e.Links) == 0 || e.Links[0].Rel != "alternate" {
			t.Errorf("%s: entry %q: id %q, updated %v, links %d; want a tag: id, updated and an alternate link", target, e.Title, e.ID, e.UpdatedParsed, len(e.Links))
			continue
		}
		if e.UpdatedParsed.After(newest) {
			newest = *e.UpdatedParsed
		}
		if !strings.Contains(e.Links[0].Href, "/partners/") && (e.PublishedParsed == nil || e.Content == nil || e.Content.Type != "html") {
			t.Errorf("%s: entry %q: published %v, content %+v; want a published time and HTML content", target, e.Title, e.PublishedParsed, e.Content)
		}
	}
	if len(f.Entries) > 0 && !f.UpdatedParsed.Equal(newest) {
		t.Errorf("%s: feed updated %v, want its newest entry's %v", target, f.UpdatedParsed, newest)
	}
}

// entrySlugs are the last path segments of the entries' alternate links.
func entrySlugs(f *atom.Feed) []string {
	var out []string
	for _, e := range f.Entries {
		href := e.Links[0].Href
		out = append(out, href[strings.LastIndex(href, "/")+1:])
	}
	return out
}

// The feeds list what the API's lists list with the same filters, in each locale.
func TestFeedsMatchTheLists(t *testing.T) {
	p := newPortal(t, true)
	tests := []struct {
		target, lang string
		query        string // the API's list, whose slugs the feed must have
		ordered      bool   // in the same order
	}{
		{"/en/news/feed.atom", "en", `{ l: news(first: 30) { edges { node { slug } } } }`, true},
		{"/sr-cyrl/news/feed.atom", "sr-Cyrl", `{ l: news(first: 30) { edges { node { slug } } } }`, true},
		{"/sr-latn/news/feed.atom?topic=international-cooperation", "sr-Latn", `{ l: news(filter: {topic: "international-cooperation"}) { edges { node { slug } } } }`, true},
		{"/en/news/feed.atom?partner=emn", "en", `{ l: news(filter: {partner: "emn"}) { edges { node { slug } } } }`, true},
		{"/en/news/feed.atom?project=support-to-strengthening-migration-management-and-asylum-system-in-serbia", "en",
			`{ l: news(filter: {project: "support-to-strengthening-migration-management-and-asylum-system-in-serbia"}) { edges { node { slug } } } }`, true},
		{"/en/news/feed.atom?year=2013", "en", `{ l: news(filter: {from: "2013-01-01", to: "2013-12-31"}) { edges { node { slug } } } }`, true},
		{"/en/news/feed.atom?year=1999", "en", `{ l: news(filter: {from: "1999-01-01", to: "1999-12-31"}) { edges { node { slug } } } }`, true},
		{"/en/projects/feed.atom", "en", `{ l: projects(first: 30) { edges { node { slug } } } }`, false},
		{"/sr-cyrl/projects/feed.atom?status=ongoing", "sr-Cyrl", `{ l: projects(filter: {status: [ONGOING]}) { edges { node { slug } } } }`, false},
		{"/sr-latn/projects/feed.atom?status=COMPLETED&area=border-management", "sr-Latn", `{ l: projects(filter: {status: [COMPLETED], topic: "border-management"}) { edges { node { slug } } } }`, false},
		{"/en/projects/feed.atom?funder=eu", "en", `{ l: projects(filter: {funder: "eu"}) { edges { node { slug } } } }`, false},
		{"/en/search/feed.atom?q=asylum", "en", `{ l: search(query: "asylum", first: 30) { edges { node { item { ... on NewsItem { slug } ... on Project { slug } ... on Partner { slug } } } } } }`, true},
		{"/sr-cyrl/search/feed.atom?q=%D0%B0%D0%B7%D0%B8%D0%BB&kind=project", "sr-Cyrl", `{ l: search(query: "азил", kinds: [PROJECT], first: 30) { edges { node { item { ... on Project { slug } } } } } }`, true},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			f := getFeed(t, p.handler, tt.target)
			checkAtom(t, tt.target, f, tt.lang)
			var out struct {
				L struct {
					Edges []struct {
						Node struct {
							Slug string
							Item struct{ Slug string }
						}
					}
				}
			}
			p.data(tt.query, nil, &out)
			want := []string{}
			for _, e := range out.L.Edges {
				want = append(want, e.Node.Slug+e.Node.Item.Slug)
			}
			got := entrySlugs(f)
			if got == nil {
				got = []string{}
			}
			if !tt.ordered {
				slices.Sort(got)
				slices.Sort(want)
			}
			if !slices.Equal(got, want) {
				t.Errorf("entries %v, want the list's %v", got, want)
			}
		})
	}
}

// A filter that names nothing, or a value that cannot be one, is an error, never an empty feed.
func TestFeedRefusals(t *testing.T) {
	p := newPortal(t, true)
	tests := []struct {
		target string
		want   int
	}{
		{"/en/news/feed.atom?topic=no-such-topic", http.StatusNotFound},
		{"/en/news/feed.atom?partner=unhcr-serbia", http.StatusNotFound},
		{"/en/news/feed.atom?project=no-such-project", http.StatusNotFound},
		{"/en/news/feed.atom?year=21", http.StatusBadRequest},
		{"/en/projects/feed.atom?status=finished", http.StatusBadRequest},
		{"/en/projects/feed.atom?area=no-such-topic", http.StatusNotFound},
		{"/en/projects/feed.atom?funder=nobody", http.StatusNotFound},
		{"/en/search/feed.atom", http.StatusBadRequest},
		{"/en/search/feed.atom?q=%20", http.StatusBadRequest},
		{"/en/search/feed.atom?q=asylum&kind=topic", http.StatusBadRequest},
		{"/en/partners/feed.atom", http.StatusNotFound},
		{"/de/news/feed.atom", http.StatusNotFound},
		{"/en/news/x/feed.atom", http.StatusNotFound},
	}
	for _, tt := range tests {
		if rec := siteGet(p.handler, http.MethodGet, tt.target); rec.Code != tt.want || strings.Contains(rec.Body.String(), "<feed") {
			t.Errorf("GET %s: status %d, body %q; want %d without a feed", tt.target, rec.Code, rec.Body.String(), tt.want)
		}
	}
}

// Titles and bodies with HTML characters and Cyrillic come through escaped and whole, and
// Serbian is served in the asked script.
func TestFeedEscaping(t *testing.T) {
	p := newPortal(t, false)
	mustImport(t, p, `{"news":[{"slug":"tricky","title":{"sr":"Ђурђевдан & <b>не</b> „наводници“","en":"Tom & Jerry <b>not bold</b>"},
		"summary":{"sr":"Кратко < дуго","en":"Short < long"},"body":{"sr":"**Подебљано** & <script>alert(1)</script>","en":"**Bold** & <script>alert(1)</script>"},
		"publishedAt":"2024-01-02T10:00:00Z","updatedAt":null,"topics":[],"projects":[],"partners":[]}]}`)
	tests := []struct {
		target, title, summary, content string
	}{
		{"/en/news/feed.atom", "Tom & Jerry <b>not bold</b>", "Short < long", "<strong>Bold</strong> &amp;"},
		{"/sr-cyrl/news/feed.atom", "Ђурђевдан & <b>не</b> „наводници“", "Кратко < дуго", "<strong>Подебљано</strong> &amp;"},
		{"/sr-latn/news/feed.atom", "Đurđevdan & <b>ne</b> „navodnici“", "Kratko < dugo", "<strong>Podebljano</strong> &amp;"},
	}
	for _, tt := range tests {
		f := getFeed(t, p.handler, tt.target)
		if len(f.Entries) != 1 {
			t.Fatalf("%s: %d entries, want 1", tt.target, len(f.Entries))
		}
		e := f.Entries[0]
		if e.Title != tt.title || e.Summary != tt.summary || !strings.Contains(e.Content.Value, tt.content) || strings.Contains(e.Content.Value, "<script") {
			t.Errorf("%s: title %q, summary %q, content %q; want %q, %q, content with %q and no script", tt.target, e.Title, e.Summary, e.Content.Value, tt.title, tt.summary, tt.content)
		}
	}
}

// A feed answers a revalidation with 304 until content changes.
func TestFeedCaching(t *testing.T) {
	p := newPortal(t, true)
	const target = "/en/news/feed.atom?topic=asylum"
	first := siteGet(p.handler, http.MethodGet, target)
	tag, modified := first.Header().Get("ETag"), first.Header().Get("Last-Modified")
	if first.Code != http.StatusOK || tag == "" || modified == "" {
		t.Fatalf("first GET: status %d, ETag %q, Last-Modified %q", first.Code, tag, modified)
	}
	checks := []struct {
		name   string
		header []string
		want   int
	}{
		{"the same ETag", []string{"If-None-Match", tag}, http.StatusNotModified},
		{"another ETag", []string{"If-None-Match", `"other"`}, http.StatusOK},
		{"not modified since", []string{"If-Modified-Since", modified}, http.StatusNotModified},
		{"modified since", []string{"If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT"}, http.StatusOK},
	}
	for _, c := range checks {
		if rec := siteGet(p.handler, http.MethodGet, target, c.header...); rec.Code != c.want {
			t.Errorf("%s: status %d, want %d", c.name, rec.Code, c.want)
		}
	}
	mustImport(t, p, `{"news":[{"slug":"brand-new","title":{"sr":"","en":"Brand new"},"summary":{"sr":"","en":""},"body":{"sr":"","en":""},"publishedAt":"2025-01-02T10:00:00Z","updatedAt":null,"topics":["asylum"],"projects":[],"partners":[]}]}`)
	rec := siteGet(p.handler, http.MethodGet, target, "If-None-Match", tag)
	if rec.Code != http.StatusOK || rec.Header().Get("ETag") == tag || !strings.Contains(rec.Body.String(), "Brand new") {
		t.Errorf("after an import: status %d, ETag %q (was %q); want 200 with the new item", rec.Code, rec.Header().Get("ETag"), tag)
	}
}

// The site's list pages link to their feeds, with the page's filters.
func TestFeedLinksInPages(t *testing.T) {
	p := newSitePortal(t, fixtureSite(), "https://portal.example.gov.rs")
	tests := []struct {
		page string
		want []string
	}{
		{"/en/", []string{"https://portal.example.gov.rs/en/news/feed.atom", "https://portal.example.gov.rs/en/projects/feed.atom"}},
		{"/sr-latn/news?topic=asylum&after=x", []string{"https://portal.example.gov.rs/sr-latn/news/feed.atom?topic=asylum"}},
		{"/en/projects?status=ongoing&funder=eu", []string{"https://portal.example.gov.rs/en/projects/feed.atom?funder=eu&amp;status=ongoing"}},
		{"/en/search?q=a%26b", []string{"https://portal.example.gov.rs/en/search/feed.atom?q=a%26b"}},
		{"/en/search", nil},
		{"/en/partners", nil},
	}
	for _, tt := range tests {
		body := siteGet(p.handler, http.MethodGet, tt.page).Body.String()
		if n := strings.Count(body, `type="application/atom+xml"`); n != len(tt.want) {
			t.Errorf("%s: %d feed links, want %d", tt.page, n, len(tt.want))
		}
		for _, href := range tt.want {
			if !strings.Contains(body, `href="`+href+`"`) {
				t.Errorf("%s: no feed link to %s in\n%s", tt.page, href, body)
			}
		}
	}
}
