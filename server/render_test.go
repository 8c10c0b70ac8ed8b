package server_test

import (
	"bytes"
	"encoding/json"
	"html"
	"io/fs"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/agency/portal/web"
)

// builtSite is the front end of web/out/site, which these tests need for the server's
// rendering data (portal-ssr.json); they are skipped on a checkout that was not built.
func builtSite(t *testing.T) fs.FS {
	t.Helper()
	site, err := web.Site()
	if err == nil {
		_, err = fs.Stat(site, "portal-ssr.json")
	}
	if err != nil {
		t.Skipf("the front end is not built (make web, or copy a build to web/out/site): %v", err)
	}
	return site
}

var (
	mainElement = regexp.MustCompile(`(?s)<main[^>]*>(.*)</main>`)
	anyTag      = regexp.MustCompile(`<[^>]*>`)
	dataScript  = regexp.MustCompile(`<script type="application/json" id="portal-data">(.*?)</script>`)
)

// mainOf is a page's <main> as a crawler reads it: its text (tags dropped, entities read,
// white space collapsed) and its markup.
func mainOf(t *testing.T, body string) (text, markup string) {
	t.Helper()
	m := mainElement.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("the page has no <main>:\n%.600s", body)
	}
	return strings.Join(strings.Fields(html.UnescapeString(anyTag.ReplaceAllString(m[1], " "))), " "), m[1]
}

// TestPagesCarryTheirContent fetches every public page type in every locale as a crawler
// would (no JavaScript) and finds its content and links in the HTML.
func TestPagesCarryTheirContent(t *testing.T) {
	p := newSitePortal(t, builtSite(t), "")
	type want struct {
		path   string
		status int
		texts  map[string][]string // by locale: what <main> says
		links  []string            // hrefs in <main>, {l} for the locale
		data   bool                // the page carries a GraphQL answer
	}
	all := func(s ...string) map[string][]string { return map[string][]string{"sr-cyrl": s, "sr-latn": s, "en": s} }
	tests := []want{
		{"/{l}/", 200, map[string][]string{"sr-cyrl": {"Најновије вести", "Текући пројекти"}, "sr-latn": {"Najnovije vesti", "Tekući projekti"}, "en": {"Latest news", "Current projects"}},
			[]string{"/{l}/news/" + siteNewsSlug, "/{l}/news", "/{l}/projects", "/{l}/partners", "/{l}/partners/iom"}, true},
		{"/{l}/news", 200, map[string][]string{"sr-cyrl": {"Вести", "Филтрирање вести"}, "sr-latn": {"Vesti", "Filtriranje vesti"}, "en": {"News", "Filter news", "Showing 1–2 of 2"}},
			[]string{"/{l}/news/" + siteNewsSlug}, true},
		{"/{l}/news?topic=asylum", 200, all(), []string{"/{l}/news/" + siteNewsSlug, "/{l}/news"}, true},
		{"/{l}/news/" + siteNewsSlug, 200, map[string][]string{"sr-cyrl": {"Унапређена сарадња Србије и Мађарске у области азила"}, "sr-latn": {"Unapređena saradnja Srbije i Mađarske u oblasti azila"}, "en": {"Enhanced cooperation between Serbia and Hungary in the field of asylum", "Published"}},
			[]string{"/{l}/news", "/{l}/news?topic=asylum"}, true},
		{"/{l}/projects", 200, map[string][]string{"en": {"Projects", "Filter projects", "Completed projects"}},
			[]string{"/{l}/projects/" + siteProjectSlug, "/{l}/partners/apc-cza"}, true},
		{"/{l}/projects?status=completed", 200, map[string][]string{"en": {"Completed projects"}}, []string{"/{l}/projects/" + siteProjectSlug, "/{l}/projects"}, true},
		{"/{l}/projects/" + siteProjectSlug, 200, map[string][]string{"en": {"Enhancing the asylum protection system in Serbia", "€49,890.52", "April 2013 – April 2014"}, "sr-cyrl": {"49.890,52 €", "април 2013. – април 2014."}},
			[]string{"/{l}/projects?status=completed", "/{l}/partners/apc-cza", "/{l}/projects?area=asylum"}, true},
		{"/{l}/partners", 200, map[string][]string{"en": {"Partners", "United Nations agencies"}}, []string{"/{l}/partners/iom", "#kind-un_agency"}, true},
		{"/{l}/partners/iom", 200, map[string][]string{"en": {"International Organization for Migration"}}, []string{"/{l}/partners"}, true},
		{"/{l}/open-data", 200, map[string][]string{"sr-cyrl": {"Отворени подаци", "srpski (latinica): Vesti", "English: News"}, "sr-latn": {"Otvoreni podaci", "српски (ћирилица): Вести"}, "en": {"Open data", "Spreadsheets (CSV)", "News (news.csv)", "Projects for aid transparency (IATI)"}},
			[]string{"/open-data/{l}/news.csv", "/open-data/{l}/projects.csv", "/open-data/{l}/partners.csv", "/open-data/content.json", "/open-data/iati-activities.xml", "/graphiql"}, false},
		{"/{l}/search", 200, map[string][]string{"en": {"Search", "Type a word to search"}}, nil, false},
		{"/{l}/search?q=azil", 200, map[string][]string{"en": {"for “azil”"}}, []string{"/{l}/news/" + siteNewsSlug}, true},
		{"/{l}/no-such-page", 404, map[string][]string{"sr-cyrl": {"Страница није пронађена"}, "sr-latn": {"Stranica nije pronađena"}, "en": {"Page not found"}}, []string{"/{l}/"}, false},
		{"/{l}/news/no-such-item", 404, map[string][]string{"en": {"Page not found"}}, []string{"/{l}/"}, false},
	}
	for _, tc := range tests {
		for _, l := range []string{"sr-cyrl", "sr-latn", "en"} {
			target := strings.ReplaceAll(tc.path, "{l}", l)
			t.Run(target, func(t *testing.T) {
				rec := siteGet(p.handler, http.MethodGet, target)
				body := rec.Body.String()
				if rec.Code != tc.status {
					t.Fatalf("status %d, want %d", rec.Code, tc.status)
				}
				if strings.Contains(body, "needs JavaScript") {
					t.Errorf("the page still says it needs JavaScript")
				}
				if strings.Contains(body, `id="boot"`) {
					t.Errorf("the page carries the app's start-up band, which moves its content when <main> is parsed")
				}
				text, markup := mainOf(t, body)
				if len(text) < 40 {
					t.Errorf("<main> says only %q", text)
				}
				for _, s := range tc.texts[l] {
					if !strings.Contains(text, s) {
						t.Errorf("<main> does not say %q; it says:\n%.1500s", s, text)
					}
				}
				for _, href := range tc.links {
					if h := `href="` + html.EscapeString(strings.ReplaceAll(href, "{l}", l)) + `"`; !strings.Contains(markup, h) {
						t.Errorf("<main> has no link %s", h)
					}
				}
				for _, landmark := range []string{`<a class="skip-link" href="#main">`, `<header class="site-header"`, `<nav class="main-nav"`, `<footer class="site-footer">`,
					`<a href="/` + l + `/open-data">`, `<a href="/graphiql" data-sveltekit-reload>`} { // the footer's links, as the app's
					if !strings.Contains(body, landmark) {
						t.Errorf("the page has no %s", landmark)
					}
				}
				if got := dataScript.MatchString(body); got != tc.data {
					t.Errorf("carries a GraphQL answer: %v, want %v", got, tc.data)
				}
			})
		}
	}
}

// TestEmbeddedAnswerIsTheAPIAnswer: the answer a page carries is what the API answers the
// app's request (same document, same variables), so the app can use it as it is.
func TestEmbeddedAnswerIsTheAPIAnswer(t *testing.T) {
	p := newSitePortal(t, builtSite(t), "")
	manifest, err := fs.ReadFile(builtSite(t), "portal-ssr.json")
	if err != nil {
		t.Fatal(err)
	}
	var docs struct {
		Documents map[string]string `json:"documents"`
	}
	if err := json.Unmarshal(manifest, &docs); err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{"/en/", "/sr-latn/news?year=2021", "/sr-cyrl/projects/" + siteProjectSlug, "/en/partners", "/en/search?q=azil&kind=news"} {
		t.Run(target, func(t *testing.T) {
			body := siteGet(p.handler, http.MethodGet, target).Body.String()
			m := dataScript.FindStringSubmatch(body)
			if m == nil {
				t.Fatal("the page carries no answer")
			}
			var carried []struct {
				Operation string          `json:"operation"`
				Variables json.RawMessage `json:"variables"`
				Response  struct {
					Data json.RawMessage `json:"data"`
				} `json:"response"`
			}
			if err := json.Unmarshal([]byte(m[1]), &carried); err != nil || len(carried) != 1 {
				t.Fatalf("the answers do not parse (%v) or are not one: %.300s", err, m[1])
			}
			a := carried[0]
			var vars map[string]any
			if err := json.Unmarshal(a.Variables, &vars); err != nil {
				t.Fatal(err)
			}
			res := p.query(docs.Documents[a.Operation], vars)
			if len(res.Errors) > 0 {
				t.Fatalf("the API answers %s with errors: %s", a.Operation, res.body)
			}
			var got, want bytes.Buffer
			json.Compact(&got, a.Response.Data)
			json.Compact(&want, res.Data)
			if got.String() != want.String() {
				t.Errorf("carried data differs from the API's answer:\ncarried %.400s\nAPI     %.400s", got.String(), want.String())
			}
		})
	}
}

// TestPageContentEscapes: text from the address or the data never becomes markup, in the
// page or in the data script.
func TestPageContentEscapes(t *testing.T) {
	p := newSitePortal(t, builtSite(t), "")
	attack := `</script><script>alert(1)</script><img src=x onerror=alert(2)>`
	rec := siteGet(p.handler, http.MethodGet, "/en/search?q="+strings.NewReplacer("<", "%3C", ">", "%3E", " ", "+", "=", "%3D", "(", "%28", ")", "%29").Replace(attack))
	body := rec.Body.String()
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d, want 200", rec.Code)
	}
	for _, bad := range []string{"<script>alert(1)", "<img src=x"} {
		if strings.Contains(body, bad) {
			t.Errorf("the page contains %q unescaped", bad)
		}
	}
	if n := strings.Count(body, "</script>"); n != strings.Count(body, "<script") {
		t.Errorf("%d </script> for %d <script: the data script was ended early", n, strings.Count(body, "<script"))
	}
}
