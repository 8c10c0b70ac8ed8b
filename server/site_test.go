package server_test

import (
	"context"
	"crypto/sha256"
	"crypto/tls"
	"encoding/base64"
	"html"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"path"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/agency/portal/explorer"
	"github.com/agency/portal/graph"
	"github.com/agency/portal/server"
	"github.com/agency/portal/store"
	"github.com/agency/portal/translit"
	"github.com/agency/portal/web"
)

// The fixture mimics a SvelteKit SPA build (adapter-static, fallback index.html,
// precompress): the shell with its inline bootstrap script, a hashed entry with .br and
// .gz copies, and small root files without copies.
const (
	siteBootScript = `
			{
				__sveltekit_1x2y3z = { base: "" };
				const element = document.currentScript.parentElement;
				Promise.all([import("/_app/immutable/entry/start.def456.js"), import("/_app/immutable/entry/app.abc123.js")]).then(([kit, app]) => { kit.start(app, element); });
			}
		`
	siteShell = `<!doctype html>
<html lang="en">
	<head>
		<meta charset="utf-8" />
		<meta name="viewport" content="width=device-width, initial-scale=1" />
		<link rel="icon" href="/favicon.svg" />
		<!--portal-meta-->
		<link rel="modulepreload" href="/_app/immutable/entry/start.def456.js">
		<link rel="modulepreload" href="/_app/immutable/entry/app.abc123.js">
	</head>
	<body>
		<div>
		<script>` + siteBootScript + `</script>
		</div>
	</body>
</html>
`
	siteAppJS       = "_app/immutable/entry/app.abc123.js"
	siteNewsSlug    = "enhanced-cooperation-between-serbia-and-hungary-in-the-field-of-asylum"
	siteProjectSlug = "enhancing-the-asylum-protection-system-in-serbia"
	sitePublicURL   = "https://portal.example.gov.rs"
)

var siteAppJSBody = strings.Repeat("export const answer = 42;\n", 60) // over 1 KB

func fixtureSite() fstest.MapFS {
	return fstest.MapFS{
		"index.html":                  {Data: []byte(siteShell)},
		siteAppJS:                     {Data: []byte(siteAppJSBody)},
		siteAppJS + ".br":             {Data: []byte("brotli bytes")},
		siteAppJS + ".gz":             {Data: []byte("gzip bytes")},
		"_app/immutable/assets/0.css": {Data: []byte("body{margin:0}")},
		"_app/version.json":           {Data: []byte(`{"version":"1"}`)},
		"favicon.svg":                 {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)},
		"humans.txt":                  {Data: []byte("Made by the Commissariat.\n")},
		"downloads/report.pdf":        {Data: []byte("%PDF-1.7")},
		"downloads/report.pdf.gz":     {Data: []byte("gzip pdf")},
	}
}

// newSitePortal is the demo portal serving a front end (nil: not built).
func newSitePortal(t *testing.T, site fs.FS, sitePublicURL string) *portal {
	t.Helper()
	p := newPortal(t, true)
	p.handler = server.New(p.store, server.Config{Limits: graph.DefaultLimits, Site: site, PublicURL: sitePublicURL})
	return p
}

// get sends a request with headers given as name, value pairs.
func siteGet(h http.Handler, method, target string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func cspHashSource(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

func TestSitePages(t *testing.T) {
	p := newSitePortal(t, fixtureSite(), sitePublicURL)
	ctx := context.Background()
	item := func(lookup func(store.Locale) (string, error)) map[string]string {
		out := map[string]string{}
		for url, l := range map[string]store.Locale{"sr-cyrl": store.SrCyrl, "sr-latn": store.SrLatn, "en": store.En} {
			title, err := lookup(l)
			if err != nil {
				t.Fatal(err)
			}
			out[url] = title + siteSuffix[url]
		}
		return out
	}
	project := item(func(l store.Locale) (string, error) {
		x, err := p.store.Project(ctx, siteProjectSlug, l)
		if err != nil {
			return "", err
		}
		return x.Title, nil
	})
	partner := item(func(l store.Locale) (string, error) {
		x, err := p.store.Partner(ctx, "iom", l)
		if err != nil {
			return "", err
		}
		return x.Name, nil
	})
	titles := map[string]map[string]string{ // route after the locale → locale → <title>
		"/":                            {"sr-cyrl": "Комесаријат за избеглице и миграције", "sr-latn": "Komesarijat za izbeglice i migracije", "en": "Commissariat for Refugees and Migration"},
		"/news":                        {"sr-cyrl": "Вести" + siteSuffix["sr-cyrl"], "sr-latn": "Vesti" + siteSuffix["sr-latn"], "en": "News" + siteSuffix["en"]},
		"/projects":                    {"sr-cyrl": "Пројекти" + siteSuffix["sr-cyrl"], "sr-latn": "Projekti" + siteSuffix["sr-latn"], "en": "Projects" + siteSuffix["en"]},
		"/partners":                    {"sr-cyrl": "Партнери" + siteSuffix["sr-cyrl"], "sr-latn": "Partneri" + siteSuffix["sr-latn"], "en": "Partners" + siteSuffix["en"]},
		"/search":                      {"sr-cyrl": "Претрага" + siteSuffix["sr-cyrl"], "sr-latn": "Pretraga" + siteSuffix["sr-latn"], "en": "Search" + siteSuffix["en"]},
		"/open-data":                   {"sr-cyrl": "Отворени подаци" + siteSuffix["sr-cyrl"], "sr-latn": "Otvoreni podaci" + siteSuffix["sr-latn"], "en": "Open data" + siteSuffix["en"]},
		"/projects/" + siteProjectSlug: project,
		"/partners/iom":                partner,
		"/news/" + siteNewsSlug: {
			"sr-cyrl": "Унапређена сарадња Србије и Мађарске у области азила" + siteSuffix["sr-cyrl"],
			"sr-latn": "Unapređena saradnja Srbije i Mađarske u oblasti azila" + siteSuffix["sr-latn"],
			"en":      "Enhanced cooperation between Serbia and Hungary in the field of asylum" + siteSuffix["en"],
		},
	}
	langs := map[string]string{"sr-cyrl": "sr-Cyrl", "sr-latn": "sr-Latn", "en": "en"}
	for route, byLocale := range titles {
		for loc, title := range byLocale {
			t.Run(loc+route, func(t *testing.T) {
				rec := siteGet(p.handler, http.MethodGet, "/"+loc+route)
				body := rec.Body.String()
				if rec.Code != http.StatusOK {
					t.Fatalf("status %d: %.300s", rec.Code, body)
				}
				for name, want := range map[string]string{
					"Content-Type":    "text/html; charset=utf-8",
					"Cache-Control":   "no-cache",
					"X-Frame-Options": "DENY",
					"Referrer-Policy": "strict-origin-when-cross-origin",
				} {
					if got := rec.Header().Get(name); got != want {
						t.Errorf("%s: %q, want %q", name, got, want)
					}
				}
				ogType := "website"
				if strings.HasPrefix(route, "/news/") {
					ogType = "article"
				}
				ogLocale := map[string]string{"sr-cyrl": "sr_RS", "sr-latn": "sr_RS", "en": "en_GB"}[loc]
				wants := []string{
					`<html lang="` + langs[loc] + `">`,
					"<title>" + html.EscapeString(title) + "</title>",
					`<link rel="canonical" href="` + sitePublicURL + "/" + loc + route + `">`,
					`<link rel="alternate" hreflang="sr-Cyrl" href="` + sitePublicURL + "/sr-cyrl" + route + `">`,
					`<link rel="alternate" hreflang="sr-Latn" href="` + sitePublicURL + "/sr-latn" + route + `">`,
					`<link rel="alternate" hreflang="en" href="` + sitePublicURL + "/en" + route + `">`,
					`<link rel="alternate" hreflang="x-default" href="` + sitePublicURL + "/sr-cyrl" + route + `">`,
					`<meta property="og:type" content="` + ogType + `">`,
					`<meta property="og:url" content="` + sitePublicURL + "/" + loc + route + `">`,
					`<meta property="og:locale" content="` + ogLocale + `">`,
					`<meta property="og:site_name" content="` + titles["/"][loc] + `">`,
					`<meta name="twitter:card" content="summary">`,
					`<meta name="description" content="`,
					`<meta property="og:title" content="`,
					siteBootScript, // the rest of the shell is untouched
				}
				for _, want := range wants {
					if !strings.Contains(body, want) {
						t.Errorf("no %s in\n%s", want, body)
					}
				}
				if strings.Contains(body, "<!--portal-meta-->") || strings.Contains(body, `<meta name="description" content="">`) {
					t.Errorf("meta not injected or empty description:\n%s", body)
				}
			})
		}
	}

	// A trailing slash is accepted; the canonical link has the one form.
	for target, canonical := range map[string]string{"/en": "/en/", "/en/news/": "/en/news", "/sr-latn/news/" + siteNewsSlug + "/": "/sr-latn/news/" + siteNewsSlug} {
		rec := siteGet(p.handler, http.MethodGet, target)
		if want := `<link rel="canonical" href="` + sitePublicURL + canonical + `">`; rec.Code != 200 || !strings.Contains(rec.Body.String(), want) {
			t.Errorf("%s: status %d, want 200 and %s", target, rec.Code, want)
		}
	}
}

var siteSuffix = map[string]string{
	"sr-cyrl": " – Комесаријат за избеглице и миграције",
	"sr-latn": " – Komesarijat za izbeglice i migracije",
	"en":      " – Commissariat for Refugees and Migration",
}

func TestSiteDescriptions(t *testing.T) {
	p := newSitePortal(t, fixtureSite(), sitePublicURL)
	mustImport(t, p, `{"partners":[{"slug":"long-one","kind":"NGO","name":{"en":"Long One"},
		"description":{"en":`+quote(strings.Repeat("Words   that\nrepeat ", 30))+`}}]}`)
	for _, tt := range []struct{ target, want string }{
		{"/en/partners/iom", "The leading intergovernmental organisation in the field of migration and, as the UN Migration Agency, part of the United Nations system, promoting humane and orderly migration."},
		{"/en/partners/long-one", strings.TrimSuffix(strings.Repeat("Words that repeat ", 11), " ") + "…"},
		{"/en/news", "Announcements and news from the Commissariat for Refugees and Migration."},
		{"/sr-latn/news", "Saopštenja i vesti Komesarijata za izbeglice i migracije."},
	} {
		body := siteGet(p.handler, http.MethodGet, tt.target).Body.String()
		want := `<meta name="description" content="` + html.EscapeString(tt.want) + `">`
		if !strings.Contains(body, want) {
			t.Errorf("%s: no %s in\n%s", tt.target, want, body)
		}
		if n := utf8.RuneCountInString(tt.want); n > 201 {
			t.Errorf("%s: description of %d runes", tt.target, n)
		}
	}
}

func TestSiteCanonicalOrigin(t *testing.T) {
	for _, tt := range []struct {
		name, sitePublicURL string
		tls                 bool
		want                string
	}{
		{"from the Host", "", false, "http://portal.test/en/news"},
		{"from the Host over TLS", "", true, "https://portal.test/en/news"},
		{"configured", sitePublicURL, false, sitePublicURL + "/en/news"},
		{"configured with a trailing slash", sitePublicURL + "/", false, sitePublicURL + "/en/news"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := newSitePortal(t, fixtureSite(), tt.sitePublicURL)
			req := httptest.NewRequest(http.MethodGet, "http://portal.test/en/news", nil)
			req.Header.Set("X-Forwarded-Proto", "https")
			req.Header.Set("X-Forwarded-Host", "evil.example")
			if tt.tls {
				req.TLS = &tls.ConnectionState{}
			}
			rec := httptest.NewRecorder()
			p.handler.ServeHTTP(rec, req)
			body := rec.Body.String()
			if want := `<link rel="canonical" href="` + tt.want + `">`; !strings.Contains(body, want) {
				t.Errorf("no %s in\n%s", want, body)
			}
			if strings.Contains(body, "evil.example") {
				t.Errorf("X-Forwarded-Host was trusted:\n%s", body)
			}
		})
	}
}

func TestSiteNotFound(t *testing.T) {
	p := newSitePortal(t, fixtureSite(), sitePublicURL)
	shells := []struct {
		target, acceptLanguage, lang string
	}{
		{"/en/news/no-such-news", "", "en"},
		{"/sr-latn/projects/no-such-project", "", "sr-Latn"},
		{"/sr-cyrl/partners/no-such-partner", "", "sr-Cyrl"},
		{"/en/news/" + siteNewsSlug + "/more", "", "en"},
		{"/en/nope", "", "en"},
		{"/en/topics/asylum", "", "en"},
		{"/en/search/x", "", "en"},
		{"/xx/news", "en-GB", "en"},
		{"/EN/", "", "en"},
		{"/nope", "sr-Latn", "sr-Latn"},
	}
	for _, tt := range shells {
		t.Run("shell "+tt.target, func(t *testing.T) {
			rec := siteGet(p.handler, http.MethodGet, tt.target, "Accept-Language", tt.acceptLanguage)
			body := rec.Body.String()
			if rec.Code != http.StatusNotFound || rec.Header().Get("Content-Type") != "text/html; charset=utf-8" {
				t.Fatalf("status %d, type %q, want the shell with 404", rec.Code, rec.Header().Get("Content-Type"))
			}
			for _, want := range []string{`<html lang="` + tt.lang + `">`, `<meta name="robots" content="noindex">`, siteBootScript} {
				if !strings.Contains(body, want) {
					t.Errorf("no %s in\n%s", want, body)
				}
			}
			if !strings.Contains(rec.Header().Get("Content-Security-Policy"), cspHashSource(siteBootScript)) || rec.Header().Get("ETag") != "" {
				t.Errorf("headers %v", rec.Header())
			}
		})
	}
	plain := []string{
		"/_app/immutable/entry/missing.abc.js", "/_app/immutable/chunks/x.js", "/_app/nope", "/_app",
		"/favicon.ico", "/x.js", "/en/news/x.js", "/en/style.css", "/index.html", "/" + siteAppJS + ".br",
		"/graphql/x", "/api", "/api/news", "/media/a.jpg", "/media/a", "/graphiql/x", "/healthz/x",
	}
	for _, target := range plain {
		t.Run("plain "+target, func(t *testing.T) {
			rec := siteGet(p.handler, http.MethodGet, target)
			if rec.Code != http.StatusNotFound || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/plain") || strings.Contains(rec.Body.String(), "<html") {
				t.Errorf("status %d, type %q, body %.100q: want a plain 404", rec.Code, rec.Header().Get("Content-Type"), rec.Body.String())
			}
		})
	}
	if rec := siteGet(p.handler, http.MethodPost, "/en/news"); rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /en/news: status %d, want 405", rec.Code)
	}
	if rec := siteGet(p.handler, http.MethodGet, "/xx/news"); !strings.Contains(rec.Header().Get("Vary"), "Accept-Language") {
		t.Errorf("/xx/news depends on Accept-Language without Vary: %v", rec.Header())
	}
}

func TestSiteFiles(t *testing.T) {
	p := newSitePortal(t, fixtureSite(), "")
	const js = "text/javascript; charset=utf-8"
	for _, tt := range []struct {
		target, acceptEncoding       string
		encoding, body, ctype, cache string
	}{
		{"/" + siteAppJS, "gzip, deflate, br, zstd", "br", "brotli bytes", js, "public, max-age=31536000, immutable"},
		{"/" + siteAppJS, "br", "br", "brotli bytes", js, "public, max-age=31536000, immutable"},
		{"/" + siteAppJS, "gzip", "gzip", "gzip bytes", js, "public, max-age=31536000, immutable"},
		{"/" + siteAppJS, "x-gzip", "gzip", "gzip bytes", js, "public, max-age=31536000, immutable"},
		{"/" + siteAppJS, "br;q=0, gzip", "gzip", "gzip bytes", js, "public, max-age=31536000, immutable"},
		{"/" + siteAppJS, "BR;Q=0, GZIP;q=0.5", "gzip", "gzip bytes", js, "public, max-age=31536000, immutable"},
		{"/" + siteAppJS, "br;q=0, gzip;q=0", "", siteAppJSBody, js, "public, max-age=31536000, immutable"},
		{"/" + siteAppJS, "", "", siteAppJSBody, js, "public, max-age=31536000, immutable"},
		{"/" + siteAppJS, "identity", "", siteAppJSBody, js, "public, max-age=31536000, immutable"},
		{"/" + siteAppJS, "deflate", "", siteAppJSBody, js, "public, max-age=31536000, immutable"},
		{"/" + siteAppJS, "*", "br", "brotli bytes", js, "public, max-age=31536000, immutable"},
		{"/" + siteAppJS, "br;q=0, *", "gzip", "gzip bytes", js, "public, max-age=31536000, immutable"},
		{"/" + siteAppJS, "*;q=0", "", siteAppJSBody, js, "public, max-age=31536000, immutable"},
		{"/_app/immutable/assets/0.css", "br", "", "body{margin:0}", "text/css; charset=utf-8", "public, max-age=31536000, immutable"},
		{"/_app/version.json", "br", "", `{"version":"1"}`, "application/json", "public, max-age=3600"},
		{"/favicon.svg", "br, gzip", "", `<svg xmlns="http://www.w3.org/2000/svg"/>`, "image/svg+xml", "public, max-age=3600"},
		{"/humans.txt", "gzip", "", "Made by the Commissariat.\n", "text/plain; charset=utf-8", "public, max-age=3600"},
		{"/downloads/report.pdf", "gzip", "gzip", "gzip pdf", "application/pdf", "public, max-age=3600"},
	} {
		t.Run(tt.target+" "+tt.acceptEncoding, func(t *testing.T) {
			rec := siteGet(p.handler, http.MethodGet, tt.target, "Accept-Encoding", tt.acceptEncoding)
			h := rec.Header()
			if rec.Code != http.StatusOK || rec.Body.String() != tt.body {
				t.Fatalf("status %d, body %.60q, want 200 and %.60q", rec.Code, rec.Body.String(), tt.body)
			}
			for name, want := range map[string]string{"Content-Encoding": tt.encoding, "Content-Type": tt.ctype, "Cache-Control": tt.cache} {
				if got := h.Get(name); got != want {
					t.Errorf("%s: %q, want %q", name, got, want)
				}
			}
			if vary := strings.Contains(h.Get("Vary"), "Accept-Encoding"); !vary && (tt.encoding != "" || tt.target == "/"+siteAppJS) {
				t.Errorf("no Vary: Accept-Encoding: %v", h)
			}
			if h.Get("ETag") == "" || h.Get("Content-Security-Policy") != "" {
				t.Errorf("ETag %q, CSP %q", h.Get("ETag"), h.Get("Content-Security-Policy"))
			}
		})
	}
}

func TestSiteConditional(t *testing.T) {
	p := newSitePortal(t, fixtureSite(), sitePublicURL)
	etags := map[string]string{}
	for _, enc := range []string{"br", "gzip", ""} {
		rec := siteGet(p.handler, http.MethodGet, "/"+siteAppJS, "Accept-Encoding", enc)
		tag := rec.Header().Get("ETag")
		if !strings.HasPrefix(tag, `"`) || etags[tag] != "" {
			t.Fatalf("%q: ETag %q is not strong or not per representation (%v)", enc, tag, etags)
		}
		etags[tag] = enc
		for _, inm := range []string{tag, "W/" + tag, `"other", ` + tag, "*"} {
			rec := siteGet(p.handler, http.MethodGet, "/"+siteAppJS, "Accept-Encoding", enc, "If-None-Match", inm)
			if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 {
				t.Errorf("%q, If-None-Match %s: status %d, want 304", enc, inm, rec.Code)
			}
		}
		if rec := siteGet(p.handler, http.MethodGet, "/"+siteAppJS, "Accept-Encoding", enc, "If-None-Match", `"other"`); rec.Code != http.StatusOK {
			t.Errorf("%q, another ETag: status %d", enc, rec.Code)
		}
		head := siteGet(p.handler, http.MethodHead, "/"+siteAppJS, "Accept-Encoding", enc)
		if head.Code != http.StatusOK || head.Body.Len() != 0 || head.Header().Get("ETag") != tag || head.Header().Get("Content-Length") != rec.Header().Get("Content-Length") {
			t.Errorf("HEAD %q: status %d, body %d bytes, headers %v", enc, head.Code, head.Body.Len(), head.Header())
		}
	}

	// The shell: one ETag per rendered page, which changes with the item.
	page := "/en/news/" + siteNewsSlug
	rec := siteGet(p.handler, http.MethodGet, page)
	tag := rec.Header().Get("ETag")
	if tag == "" || tag == siteGet(p.handler, http.MethodGet, "/sr-cyrl/news/"+siteNewsSlug).Header().Get("ETag") {
		t.Fatalf("shell ETag %q is missing or the same in two locales", tag)
	}
	if rec := siteGet(p.handler, http.MethodGet, page, "If-None-Match", tag); rec.Code != http.StatusNotModified || rec.Body.Len() != 0 {
		t.Errorf("shell revalidation: status %d, want 304", rec.Code)
	}
	head := siteGet(p.handler, http.MethodHead, page)
	if head.Code != http.StatusOK || head.Body.Len() != 0 || head.Header().Get("ETag") != tag || head.Header().Get("Content-Length") != rec.Header().Get("Content-Length") {
		t.Errorf("HEAD shell: status %d, body %d bytes, headers %v", head.Code, head.Body.Len(), head.Header())
	}
	if head := siteGet(p.handler, http.MethodHead, "/en/news/nope"); head.Code != http.StatusNotFound || head.Body.Len() != 0 {
		t.Errorf("HEAD unknown item: status %d, body %d bytes", head.Code, head.Body.Len())
	}
	mustImport(t, p, `{"news":[{"slug":"`+siteNewsSlug+`","title":{"en":"A new title"},"publishedAt":"2021-09-01T10:00:00Z"}]}`)
	if rec := siteGet(p.handler, http.MethodGet, page, "If-None-Match", tag); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "<title>A new title –") {
		t.Errorf("after an edit: status %d, want 200 with the new title", rec.Code)
	}
}

func TestSiteCSP(t *testing.T) {
	const policy = "default-src 'self'; script-src 'self'%s; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
		"font-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
	tricky := "<!doctype html>\r\n<html lang=\"en\"><head><!--portal-meta--><!-- <script>commented()</script> -->\r\n" +
		"<script type=\"module\" src=\"/_app/immutable/entry/start.js\"></script>" +
		"<SCRIPT data-x=\"a>b src=\">\r\none();\r\n</SCRIPT>" +
		"<script type=importmap>{\"imports\":{}}</script>" +
		"<script src=/x.js defer></script><scripts>not()</scripts></head><body></body></html>"
	for _, tt := range []struct {
		name    string
		shell   string
		scripts []string
	}{
		{"fixture", siteShell, []string{siteBootScript}},
		{"tricky", tricky, []string{"\none();\n", `{"imports":{}}`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			site := fixtureSite()
			site["index.html"] = &fstest.MapFile{Data: []byte(tt.shell)}
			p := newSitePortal(t, site, "")
			var sources string
			for _, s := range tt.scripts {
				sources += " " + cspHashSource(s)
			}
			want := strings.Replace(policy, "%s", sources, 1)
			for _, target := range []string{"/en/news", "/en/nope"} { // pages without structured data (seo.go)
				rec := siteGet(p.handler, http.MethodGet, target)
				if got := rec.Header().Get("Content-Security-Policy"); got != want {
					t.Errorf("%s: CSP\n%s\nwant\n%s", target, got, want)
				}
				if got := rec.Header().Get("Permissions-Policy"); got != "camera=(), microphone=(), geolocation=()" {
					t.Errorf("%s: Permissions-Policy %q", target, got)
				}
			}
		})
	}

	// The explorer keeps its own policy.
	p := newPortal(t, false)
	h := server.New(p.store, server.Config{Limits: graph.DefaultLimits, Site: fixtureSite(), Explorer: explorer.Handler("/graphql")})
	site := siteGet(h, http.MethodGet, "/en/").Header().Get("Content-Security-Policy")
	for _, target := range []string{"/graphiql", "/graphiql/"} {
		if got := siteGet(h, http.MethodGet, target).Header().Get("Content-Security-Policy"); got == site {
			t.Errorf("%s has the site's CSP", target)
		}
	}
}

func TestSiteEscaping(t *testing.T) {
	p := newSitePortal(t, fixtureSite(), "")
	title := `Naslov <script>alert("x")</script> & 'drugo'`
	summary := `"Quoted" <b>summary</b> </title><script>alert(1)</script>`
	mustImport(t, p, `{"news":[{"slug":"escaping","title":{"sr":`+quote(title)+`,"en":`+quote(title)+`},
		"summary":{"sr":`+quote(summary)+`,"en":`+quote(summary)+`},"publishedAt":"2024-01-02T10:00:00Z"}]}`)
	for _, loc := range []string{"sr-cyrl", "sr-latn", "en"} {
		title, summary := title, summary
		if loc == "sr-cyrl" { // Serbian is served in the script asked for
			title, summary = translit.ToCyrillic(title), translit.ToCyrillic(summary)
		}
		req := httptest.NewRequest(http.MethodGet, "/"+loc+"/news/escaping", nil)
		req.Host = `portal.test"><script>host()</script>`
		rec := httptest.NewRecorder()
		p.handler.ServeHTTP(rec, req)
		body := rec.Body.String()
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: status %d", loc, rec.Code)
		}
		const ld = `<script type="application/ld+json">`
		if n := strings.Count(body, "<script") - strings.Count(body, ld); n != 1 {
			t.Errorf("%s: %d <script in the page besides the structured data, want only the shell's:\n%s", loc, n, body)
		}
		if _, data, _ := strings.Cut(body, ld); !strings.Contains(data, "</script>") || strings.Contains(data[:strings.Index(data, "</script>")], "<") {
			t.Errorf("%s: the structured data is not closed once, or holds a raw <:\n%s", loc, body)
		}
		for _, want := range []string{
			"<title>" + html.EscapeString(title) + " – ",
			`<meta property="og:title" content="` + html.EscapeString(title) + `">`,
			`<meta name="description" content="` + html.EscapeString(summary) + `">`,
			`href="http://portal.test&#34;&gt;&lt;script&gt;host()&lt;/script&gt;/` + loc + `/news/escaping"`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("%s: no %s in\n%s", loc, want, body)
			}
		}
	}
}

func TestSiteNotBuilt(t *testing.T) {
	broken := func(shell string) fstest.MapFS {
		site := fixtureSite()
		site["index.html"] = &fstest.MapFile{Data: []byte(shell)}
		return site
	}
	for _, tt := range []struct {
		name string
		site fs.FS
		want string
	}{
		{"not built", nil, "make build"},
		{"only the README", fstest.MapFS{"README.txt": {Data: []byte("x")}}, "see the server log"},
		{"no meta marker", broken(strings.Replace(siteShell, "<!--portal-meta-->", "", 1)), "see the server log"},
		{"no lang to replace", broken(strings.Replace(siteShell, `<html lang="en">`, `<html lang="sr">`, 1)), "see the server log"},
		{"a title of its own", broken(strings.Replace(siteShell, "<!--portal-meta-->", "<!--portal-meta--><title>x</title>", 1)), "see the server log"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := newSitePortal(t, tt.site, "")
			if rec := siteGet(p.handler, http.MethodGet, "/"); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "/graphiql") {
				t.Errorf("/: status %d, want the landing page: %.200s", rec.Code, rec.Body.String())
			}
			for _, target := range []string{"/en/", "/sr-cyrl/news/" + siteNewsSlug, "/nope"} {
				rec := siteGet(p.handler, http.MethodGet, target)
				if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), tt.want) {
					t.Errorf("%s: status %d, want 503 saying %q: %s", target, rec.Code, tt.want, rec.Body.String())
				}
				if csp := rec.Header().Get("Content-Security-Policy"); !strings.HasPrefix(csp, "default-src 'self'; script-src 'self';") {
					t.Errorf("%s: CSP %q", target, csp)
				}
			}
			for _, target := range []string{"/" + siteAppJS, "/favicon.ico", "/graphql/x"} {
				if rec := siteGet(p.handler, http.MethodGet, target); rec.Code != http.StatusNotFound {
					t.Errorf("%s: status %d, want 404", target, rec.Code)
				}
			}
			if rec := siteGet(p.handler, http.MethodGet, "/healthz"); rec.Code != http.StatusOK {
				t.Errorf("/healthz: status %d", rec.Code)
			}
		})
	}
}

// TestEmbeddedSite checks the real build when there is one (make web).
func TestEmbeddedSite(t *testing.T) {
	site, err := web.Site()
	if err != nil {
		t.Skip("the front end is not built:", err)
	}
	p := newSitePortal(t, site, sitePublicURL)
	rec := siteGet(p.handler, http.MethodGet, "/sr-cyrl/news/"+siteNewsSlug)
	body := rec.Body.String()
	for _, want := range []string{`<html lang="sr-Cyrl">`, "<title>Унапређена сарадња Србије и Мађарске у области азила –", `hreflang="x-default"`} {
		if rec.Code != http.StatusOK || !strings.Contains(body, want) {
			t.Errorf("status %d, no %s in\n%s", rec.Code, want, body)
		}
	}
	if strings.Contains(body, "<script>") && !strings.Contains(rec.Header().Get("Content-Security-Policy"), "'sha256-") {
		t.Errorf("inline scripts but no hashes in the CSP %q", rec.Header().Get("Content-Security-Policy"))
	}
	if rec := siteGet(p.handler, http.MethodGet, "/sr-cyrl/news/no-such-news"); rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), "<html") {
		t.Errorf("unknown news: status %d, want the shell with 404", rec.Code)
	}
	err = fs.WalkDir(site, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || name == "index.html" || path.Ext(name) == ".br" || path.Ext(name) == ".gz" {
			return err
		}
		rec := siteGet(p.handler, http.MethodGet, "/"+name, "Accept-Encoding", "br")
		immutable := rec.Header().Get("Cache-Control") == "public, max-age=31536000, immutable"
		if rec.Code != http.StatusOK || immutable != strings.HasPrefix(name, "_app/immutable/") {
			t.Errorf("/%s: status %d, Cache-Control %q", name, rec.Code, rec.Header().Get("Cache-Control"))
		}
		if _, err := fs.Stat(site, name+".br"); err == nil && rec.Header().Get("Content-Encoding") != "br" {
			t.Errorf("/%s: has a .br copy, served with Content-Encoding %q", name, rec.Header().Get("Content-Encoding"))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// The editors' area is the app's shell too, in Serbian Latin, with the same CSP, but never
// cached (it depends on who is signed in) and never indexed.
func TestSiteAdmin(t *testing.T) {
	p := newSitePortal(t, fixtureSite(), sitePublicURL)
	// The same policy as the public pages', with the shell's inline script allowed by hash
	// (a list: no structured data of its own).
	want := siteGet(p.handler, http.MethodGet, "/en/news").Header().Get("Content-Security-Policy")
	if !strings.Contains(want, cspHashSource(siteBootScript)) {
		t.Fatalf("the public CSP %q has no hash of the boot script", want)
	}
	for _, target := range []string{"/admin", "/admin/", "/admin/news", "/admin/news/new", "/admin/news/TmV3c0l0ZW06MQ", "/admin/users?x=1", "/admin/a/b/c"} {
		t.Run(target, func(t *testing.T) {
			rec := siteGet(p.handler, http.MethodGet, target, "Accept-Language", "en-GB")
			body := rec.Body.String()
			h := rec.Header()
			if rec.Code != http.StatusOK || h.Get("Content-Type") != "text/html; charset=utf-8" {
				t.Fatalf("status %d, type %q, want 200 and the shell", rec.Code, h.Get("Content-Type"))
			}
			for _, s := range []string{`<html lang="sr-Latn">`, "<title>Uređivanje portala – Komesarijat za izbeglice i migracije</title>", `<meta name="robots" content="noindex, nofollow">`, siteBootScript} {
				if !strings.Contains(body, s) {
					t.Errorf("no %s in\n%s", s, body)
				}
			}
			if strings.Contains(body, "<!--portal-meta-->") || strings.Contains(body, "og:title") || strings.Contains(body, "canonical") {
				t.Errorf("public meta in the editors' shell:\n%s", body)
			}
			for name, value := range map[string]string{
				"Cache-Control":           "no-store",
				"X-Robots-Tag":            "noindex, nofollow",
				"Content-Security-Policy": want,
				"X-Frame-Options":         "DENY",
			} {
				if got := h.Get(name); got != value {
					t.Errorf("%s: %q, want %q", name, got, value)
				}
			}
			if h.Get("ETag") != "" || strings.Contains(h.Get("Vary"), "Accept-Language") {
				t.Errorf("headers %v: no ETag, no Vary on the language", h)
			}
		})
	}
	if rec := siteGet(p.handler, http.MethodHead, "/admin/news"); rec.Code != http.StatusOK || rec.Body.Len() != 0 || rec.Header().Get("Cache-Control") != "no-store" {
		t.Errorf("HEAD /admin/news: status %d, %d bytes, %v", rec.Code, rec.Body.Len(), rec.Header())
	}
	// Files are never the shell, under /admin as anywhere; other methods are refused.
	for _, target := range []string{"/admin/x.js", "/admin/news/a.css"} {
		if rec := siteGet(p.handler, http.MethodGet, target); rec.Code != http.StatusNotFound || strings.Contains(rec.Body.String(), "<html") {
			t.Errorf("%s: status %d, want a plain 404", target, rec.Code)
		}
	}
	if rec := siteGet(p.handler, http.MethodPost, "/admin"); rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /admin: status %d, want 405", rec.Code)
	}
	// /administration is not the editors' area: a public 404.
	if rec := siteGet(p.handler, http.MethodGet, "/administration"); rec.Code != http.StatusNotFound {
		t.Errorf("/administration: status %d, want 404", rec.Code)
	}
}
