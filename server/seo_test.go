package server_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"encoding/xml"
	"html"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/agency/portal/web"
)

// fixturePreloads is a build's preloads.json (web/scripts/route-preloads.mjs).
const fixturePreloads = `{
	"/[locale=locale]": {"modules": ["/_app/immutable/nodes/7.home.js", "/_app/immutable/chunks/layout.js"], "styles": ["/_app/immutable/assets/7.home.css"]},
	"/[locale=locale]/+error": {"modules": ["/_app/immutable/nodes/3.error.js"], "styles": []},
	"/[locale=locale]/news": {"modules": ["/_app/immutable/nodes/9.news.js", "/_app/immutable/chunks/layout.js"], "styles": []},
	"/[locale=locale]/news/[slug]": {"modules": ["/_app/immutable/nodes/10.news-item.js", "/_app/immutable/chunks/layout.js"], "styles": ["/_app/immutable/assets/10.news-item.css"]},
	"/[locale=locale]/projects/[slug]": {"modules": ["/_app/immutable/nodes/12.project.js"], "styles": []}
}`

func TestSitePreloads(t *testing.T) {
	site := fixtureSite()
	site["preloads.json"] = &fstest.MapFile{Data: []byte(fixturePreloads)}
	site["_app/immutable/assets/7.home.css"] = &fstest.MapFile{Data: []byte(".home{margin:0}")}
	// 10.news-item.css is missing from the build: its link stays (styles.go)
	p := newSitePortal(t, site, sitePublicURL)
	modules := func(names ...string) []string {
		var out []string
		for _, n := range names {
			out = append(out, `<link rel="modulepreload" href="/_app/immutable/`+n+`.js">`)
		}
		return out
	}
	for _, tt := range []struct {
		target     string
		want, not  []string
		wantStatus int
	}{
		{"/en/news/" + siteNewsSlug, append(modules("nodes/10.news-item", "chunks/layout"), `<link rel="stylesheet" href="/_app/immutable/assets/10.news-item.css">`), modules("nodes/9.news", "nodes/7.home"), 200},
		{"/sr-latn/news", modules("nodes/9.news", "chunks/layout"), modules("nodes/10.news-item"), 200},
		{"/sr-cyrl/", append(modules("nodes/7.home"), `<style>.home{margin:0}</style><link href="/_app/immutable/assets/7.home.css" rel="stylesheet" disabled media="(max-width: 0)">`), modules("nodes/9.news"), 200},
		{"/en/projects/" + siteProjectSlug, modules("nodes/12.project"), modules("nodes/10.news-item"), 200},
		{"/en/partners", nil, modules("nodes/7.home", "nodes/9.news", "chunks/layout"), 200}, // not in the file: none
		{"/en/news/no-such-news", modules("nodes/3.error"), modules("nodes/10.news-item"), 404},
	} {
		t.Run(tt.target, func(t *testing.T) {
			rec := siteGet(p.handler, http.MethodGet, tt.target)
			body := rec.Body.String()
			if rec.Code != tt.wantStatus {
				t.Fatalf("status %d, want %d", rec.Code, tt.wantStatus)
			}
			head, _, _ := strings.Cut(body, "</head>")
			for _, want := range tt.want {
				if strings.Count(head, want) != 1 {
					t.Errorf("%d times %s in the head, want once:\n%s", strings.Count(head, want), want, head)
				}
			}
			for _, not := range tt.not {
				if strings.Contains(body, not) {
					t.Errorf("another route's %s in\n%s", not, head)
				}
			}
		})
	}
	for _, bad := range []string{`{"/[locale=locale]": {"modules": ["https://elsewhere.example/x.js"]}}`, `{"x": `} {
		site["preloads.json"] = &fstest.MapFile{Data: []byte(bad)}
		p := newSitePortal(t, site, sitePublicURL)
		if rec := siteGet(p.handler, http.MethodGet, "/en/"); rec.Code != http.StatusServiceUnavailable {
			t.Errorf("preloads.json %s: status %d, want 503 (a build that breaks the contract)", bad, rec.Code)
		}
	}
}

// TestEmbeddedPreloads: in the real build (make web), the shell for a news item names
// the news item route's own chunks, and they are files of the build.
func TestEmbeddedPreloads(t *testing.T) {
	site, err := web.Site()
	if err != nil {
		t.Skip("the front end is not built:", err)
	}
	b, err := fs.ReadFile(site, "preloads.json")
	if err != nil {
		t.Fatal("the build has no preloads.json (web/scripts/route-preloads.mjs):", err)
	}
	var routes map[string]struct{ Modules, Styles []string }
	if err := json.Unmarshal(b, &routes); err != nil {
		t.Fatal(err)
	}
	item := routes["/[locale=locale]/news/[slug]"]
	if len(item.Modules) == 0 || !strings.Contains(item.Modules[0]+strings.Join(item.Modules, " "), "/nodes/") {
		t.Fatalf("the news item route has no node chunk in preloads.json: %+v", item)
	}
	p := newSitePortal(t, site, sitePublicURL)
	body := siteGet(p.handler, http.MethodGet, "/en/news/"+siteNewsSlug).Body.String()
	for _, m := range item.Modules {
		if !strings.Contains(body, `<link rel="modulepreload" href="`+m+`">`) {
			t.Errorf("the news item's shell does not preload %s", m)
		}
		if rec := siteGet(p.handler, http.MethodGet, m); rec.Code != http.StatusOK {
			t.Errorf("%s: status %d, want 200", m, rec.Code)
		}
	}
	for _, s := range item.Styles { // inline, the link disabled (styles.go)
		if !strings.Contains(body, `<link href="`+s+`" rel="stylesheet" disabled media="(max-width: 0)">`) {
			t.Errorf("the news item's page does not carry %s", s)
		}
	}
}

func TestSiteRobots(t *testing.T) {
	for _, tt := range []struct{ publicURL, host, sitemap string }{
		{sitePublicURL, "ignored.example", "Sitemap: " + sitePublicURL + "/sitemap.xml\n"},
		{"", "portal.test:8080", "Sitemap: http://portal.test:8080/sitemap.xml\n"},
	} {
		p := newSitePortal(t, fixtureSite(), tt.publicURL)
		req := httptest.NewRequest(http.MethodGet, "http://"+tt.host+"/robots.txt", nil)
		rec := httptest.NewRecorder()
		p.handler.ServeHTTP(rec, req)
		body := rec.Body.String()
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "text/plain; charset=utf-8" {
			t.Fatalf("status %d, type %q, want 200 text/plain", rec.Code, rec.Header().Get("Content-Type"))
		}
		for _, want := range []string{"User-agent: *\n", "Disallow: /admin\n", "Disallow: /graphql\n", "Disallow: /graphiql\n", "Allow: /\n", tt.sitemap} {
			if !strings.Contains(body, want) {
				t.Errorf("robots.txt has no %q:\n%s", want, body)
			}
		}
	}
}

// The sitemap's XML, as far as the tests read it.
type sitemapIndex struct {
	XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []struct {
		Loc string `xml:"loc"`
	} `xml:"sitemap"`
}

type urlSet struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
		Links   []struct {
			Rel      string `xml:"rel,attr"`
			HrefLang string `xml:"hreflang,attr"`
			Href     string `xml:"href,attr"`
		} `xml:"http://www.w3.org/1999/xhtml link"`
	} `xml:"url"`
}

// TestSitemap: the sitemap index and its pages parse, list every public page in the three
// locales with its alternates, and every URL in them answers 200.
func TestSitemap(t *testing.T) {
	p := newSitePortal(t, fixtureSite(), sitePublicURL)
	get := func(target string, header ...string) *http.Response {
		t.Helper()
		rec := siteGet(p.handler, http.MethodGet, strings.TrimPrefix(target, sitePublicURL), header...)
		return rec.Result()
	}
	res := get("/sitemap.xml")
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/xml; charset=utf-8" {
		t.Fatalf("/sitemap.xml: status %d, type %q, want 200 application/xml", res.StatusCode, res.Header.Get("Content-Type"))
	}
	var index sitemapIndex
	if err := xml.NewDecoder(res.Body).Decode(&index); err != nil {
		t.Fatal("/sitemap.xml:", err)
	}
	wantSitemaps := []string{"/sitemap-pages.xml", "/sitemap-news-1.xml", "/sitemap-projects-1.xml", "/sitemap-partners-1.xml"}
	if len(index.Sitemaps) != len(wantSitemaps) {
		t.Fatalf("the index lists %+v, want %v", index.Sitemaps, wantSitemaps)
	}
	seen := map[string]bool{}
	for i, sm := range index.Sitemaps {
		if sm.Loc != sitePublicURL+wantSitemaps[i] {
			t.Errorf("sitemap %d: %s, want %s", i, sm.Loc, sitePublicURL+wantSitemaps[i])
		}
		res := get(sm.Loc)
		var set urlSet
		if err := xml.NewDecoder(res.Body).Decode(&set); res.StatusCode != http.StatusOK || err != nil {
			t.Fatalf("%s: status %d, %v", sm.Loc, res.StatusCode, err)
		}
		items := sm.Loc != sitePublicURL+"/sitemap-pages.xml"
		for _, u := range set.URLs {
			if seen[u.Loc] {
				t.Errorf("%s listed twice", u.Loc)
			}
			seen[u.Loc] = true
			if items != (u.LastMod != "") {
				t.Errorf("%s: lastmod %q (an item has one, a list none)", u.Loc, u.LastMod)
			}
			langs := map[string]string{}
			for _, l := range u.Links {
				langs[l.HrefLang] = l.Href
			}
			path := strings.SplitN(strings.TrimPrefix(u.Loc, sitePublicURL+"/"), "/", 2)[1]
			for tag, loc := range map[string]string{"sr-Cyrl": "sr-cyrl", "sr-Latn": "sr-latn", "en": "en", "x-default": "sr-cyrl"} {
				if want := sitePublicURL + "/" + loc + "/" + path; langs[tag] != want {
					t.Errorf("%s: hreflang %s → %q, want %q", u.Loc, tag, langs[tag], want)
				}
			}
			if res := get(u.Loc); res.StatusCode != http.StatusOK {
				t.Errorf("%s: status %d, want 200", u.Loc, res.StatusCode)
			}
		}
	}
	// The demo content: 4 lists and the open-data page, 2 news items, 10 projects, 19
	// partners, each in 3 locales.
	if len(seen) != 3*(5+2+10+19) {
		t.Errorf("%d URLs, want %d", len(seen), 3*(5+2+10+19))
	}
	for _, want := range []string{"/sr-cyrl/", "/en/news", "/sr-latn/open-data", "/sr-latn/news/" + siteNewsSlug, "/en/projects/" + siteProjectSlug, "/sr-cyrl/partners/unhcr"} {
		if !seen[sitePublicURL+want] {
			t.Errorf("%s is not in the sitemap", want)
		}
	}
	if seen[sitePublicURL+"/en/search"] {
		t.Error("the search page is in the sitemap")
	}

	for _, target := range []string{"/sitemap-news-0.xml", "/sitemap-news-01.xml", "/sitemap-news-2.xml", "/sitemap-topics-1.xml", "/sitemap-news.xml", "/sitemap-.xml", "/sitemap-news-1-2.xml"} {
		if res := get(target); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", target, res.StatusCode)
		}
	}
}

// TestSitemapRevalidation: a sitemap's ETag holds while the content does not change (a
// 304 without a body), and changes with it; gzip is sent when asked for.
func TestSitemapRevalidation(t *testing.T) {
	p := newSitePortal(t, fixtureSite(), sitePublicURL)
	first := siteGet(p.handler, http.MethodGet, "/sitemap-news-1.xml")
	tag := first.Header().Get("ETag")
	if first.Code != http.StatusOK || tag == "" {
		t.Fatalf("status %d, ETag %q, want 200 with an ETag", first.Code, tag)
	}
	for _, target := range []string{"/sitemap-news-1.xml", "/sitemap.xml"} {
		rec := siteGet(p.handler, http.MethodGet, target, "If-None-Match", tag)
		if target == "/sitemap-news-1.xml" && (rec.Code != http.StatusNotModified || rec.Body.Len() != 0) {
			t.Errorf("%s revalidated: status %d, %d bytes, want 304 and none", target, rec.Code, rec.Body.Len())
		}
		if target == "/sitemap.xml" && rec.Code != http.StatusOK {
			t.Errorf("%s with another file's ETag: status %d, want 200", target, rec.Code)
		}
	}
	zipped := siteGet(p.handler, http.MethodGet, "/sitemap-news-1.xml", "Accept-Encoding", "gzip")
	if zipped.Header().Get("Content-Encoding") != "gzip" || zipped.Header().Get("ETag") != tag {
		t.Errorf("gzip: Content-Encoding %q, ETag %q; want gzip and %s", zipped.Header().Get("Content-Encoding"), zipped.Header().Get("ETag"), tag)
	}
	if zr, err := gzip.NewReader(zipped.Body); err != nil {
		t.Error(err)
	} else if plain, _ := io.ReadAll(zr); !bytes.Equal(plain, first.Body.Bytes()) {
		t.Errorf("gunzipped, the sitemap differs from the plain one")
	}
	if head := siteGet(p.handler, http.MethodHead, "/sitemap-news-1.xml"); head.Code != http.StatusOK || head.Body.Len() != 0 || head.Header().Get("ETag") != tag {
		t.Errorf("HEAD: status %d, %d bytes, ETag %q", head.Code, head.Body.Len(), head.Header().Get("ETag"))
	}

	mustImport(t, p, `{"news":[{"slug":"a-new-item","title":{"en":"A new item"},"publishedAt":"2021-09-01T10:00:00Z"}]}`)
	rec := siteGet(p.handler, http.MethodGet, "/sitemap-news-1.xml", "If-None-Match", tag)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), sitePublicURL+"/en/news/a-new-item") || rec.Header().Get("ETag") == tag {
		t.Errorf("after an import: status %d, ETag %q (was %s), want 200, a new ETag and the new item", rec.Code, rec.Header().Get("ETag"), tag)
	}
}

var ldPattern = regexp.MustCompile(`<script type="application/ld\+json">([^<]*)</script>`)

// TestSiteStructuredData: each page type's JSON-LD parses as JSON with the schema.org type
// it should have, and the CSP allows it by its hash.
func TestSiteStructuredData(t *testing.T) {
	p := newSitePortal(t, fixtureSite(), sitePublicURL)
	for _, tt := range []struct {
		target string
		types  []string // @type of the object, or of each object in its @graph
		fields map[string]any
	}{
		{"/en/", []string{"GovernmentOrganization", "WebSite"}, nil},
		{"/sr-cyrl/", []string{"GovernmentOrganization", "WebSite"}, nil},
		{"/en/news/" + siteNewsSlug, []string{"NewsArticle"}, map[string]any{"headline": "Enhanced cooperation between Serbia and Hungary in the field of asylum", "inLanguage": "en"}},
		{"/sr-latn/news/" + siteNewsSlug, []string{"NewsArticle"}, map[string]any{"inLanguage": "sr-Latn"}},
		{"/en/projects/" + siteProjectSlug, []string{"Project"}, nil},
		{"/en/partners/unhcr", []string{"Organization"}, map[string]any{"url": "https://www.unhcr.org", "mainEntityOfPage": sitePublicURL + "/en/partners/unhcr"}},
		{"/en/partners/humanitarian-organization-divac", []string{"NGO"}, nil},
		{"/en/partners/kirs", []string{"GovernmentOrganization"}, nil},
		{"/en/open-data", []string{"DataCatalog"}, map[string]any{"inLanguage": "en", "url": sitePublicURL + "/en/open-data"}},
		{"/sr-latn/open-data", []string{"DataCatalog"}, map[string]any{"inLanguage": "sr-Latn"}},
		{"/en/news", nil, nil},
		{"/en/no-such-page", nil, nil},
	} {
		t.Run(tt.target, func(t *testing.T) {
			rec := siteGet(p.handler, http.MethodGet, tt.target)
			body := rec.Body.String()
			found := ldPattern.FindAllStringSubmatch(body, -1)
			if tt.types == nil {
				if len(found) != 0 {
					t.Errorf("structured data on a page without: %s", found[0][0])
				}
				return
			}
			if len(found) != 1 {
				t.Fatalf("%d JSON-LD scripts, want 1:\n%s", len(found), body)
			}
			var data map[string]any
			if err := json.Unmarshal([]byte(found[0][1]), &data); err != nil {
				t.Fatalf("JSON-LD does not parse: %v\n%s", err, found[0][1])
			}
			if data["@context"] != "https://schema.org" {
				t.Errorf("@context %v, want https://schema.org", data["@context"])
			}
			var types []string
			if graph, ok := data["@graph"].([]any); ok {
				for _, o := range graph {
					types = append(types, o.(map[string]any)["@type"].(string))
				}
			} else {
				types = append(types, data["@type"].(string))
			}
			if strings.Join(types, ",") != strings.Join(tt.types, ",") {
				t.Errorf("@type %v, want %v", types, tt.types)
			}
			for k, want := range tt.fields {
				if data[k] != want {
					t.Errorf("%s: %v, want %v", k, data[k], want)
				}
			}
			if types[0] == "NewsArticle" {
				publisher, _ := data["publisher"].(map[string]any)
				if publisher["@type"] != "GovernmentOrganization" || data["datePublished"] != "2013-06-01T07:00:00Z" || data["dateModified"] == nil {
					t.Errorf("a news article without its publisher or dates: %v", data)
				}
			}
			if types[0] == "DataCatalog" {
				checkDatasets(t, p.handler, data)
			}
			if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, cspHashSource(found[0][1])) {
				t.Errorf("the CSP %q does not allow the JSON-LD by its hash", csp)
			}
		})
	}
}

// checkDatasets: the open-data page's catalogue has a dataset per kind of content, each
// with a CSV file per locale and the JSON file, and every file it names answers 200.
func checkDatasets(t *testing.T, h http.Handler, catalog map[string]any) {
	t.Helper()
	datasets, _ := catalog["dataset"].([]any)
	if len(datasets) != 3 {
		t.Fatalf("%d datasets, want 3 (news, projects, partners): %v", len(datasets), catalog)
	}
	for _, d := range datasets {
		d := d.(map[string]any)
		files, _ := d["distribution"].([]any)
		formats := map[string]int{}
		for _, f := range files {
			f := f.(map[string]any)
			formats[f["encodingFormat"].(string)]++
			url := f["contentUrl"].(string)
			if !strings.HasPrefix(url, sitePublicURL+"/open-data/") {
				t.Errorf("%s: a file outside the open data: %s", d["name"], url)
				continue
			}
			if rec := siteGet(h, http.MethodGet, strings.TrimPrefix(url, sitePublicURL)); rec.Code != http.StatusOK {
				t.Errorf("%s: %s answers %d", d["name"], url, rec.Code)
			}
		}
		if d["@type"] != "Dataset" || d["name"] == "" || len(d["description"].(string)) < 50 || formats["text/csv"] != 3 || formats["application/json"] != 1 {
			t.Errorf("a dataset without its name, a description of 50 characters or its files (%v): %v", formats, d)
		}
	}
}

// TestSiteCoverAndDates: a news item's head names its cover as og:image (absolute) and its
// dates as article:published_time and article:modified_time.
func TestSiteCoverAndDates(t *testing.T) {
	p := newSitePortal(t, fixtureSite(), sitePublicURL)
	mustImport(t, p, `{"news":[{"slug":"with-cover","title":{"en":"With a cover"},"publishedAt":"2024-03-01T08:00:00Z",
		"cover":{"name":"0123456789abcdef","type":"image/jpeg","width":1200,"height":630,"bytes":1000,"variants":[],"alt":{"en":"A \"map\" of Serbia"}}}]}`)
	body := siteGet(p.handler, http.MethodGet, "/en/news/with-cover").Body.String()
	for _, want := range []string{
		`<meta property="og:image" content="` + sitePublicURL + `/media/0123456789abcdef.jpg">`,
		`<meta property="og:image:width" content="1200">`,
		`<meta property="og:image:alt" content="` + html.EscapeString(`A "map" of Serbia`) + `">`,
		`<meta property="article:published_time" content="2024-03-01T08:00:00Z">`,
		`<meta property="article:modified_time" content="`,
		`"image":["` + sitePublicURL + `/media/0123456789abcdef.jpg"]`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("no %s in\n%s", want, body)
		}
	}
	if body := siteGet(p.handler, http.MethodGet, "/en/news/"+siteNewsSlug).Body.String(); strings.Contains(body, "og:image") {
		t.Errorf("og:image for an item without a cover")
	}
}
