package server_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/agency/portal/web"
)

// The shell's style sheet goes into every page as a <style> allowed by the CSP through its
// hash, and its link stays, disabled, so that neither the browser nor the app fetches it.
// A sheet that cannot move into the page stays a plain link.
func TestSiteInlineStyles(t *testing.T) {
	const href = "/_app/immutable/assets/0.css"
	const link = `<link href="` + href + `" rel="stylesheet">`
	shell := strings.Replace(siteShell, "</head>", link+"\n\t</head>", 1)
	disabled := `<link href="` + href + `" rel="stylesheet" disabled media="(max-width: 0)">`
	for _, tt := range []struct {
		name   string
		css    *fstest.MapFile // nil: no such file
		inline string          // the <style> text wanted; "" when the link must stay
	}{
		{"a sheet", &fstest.MapFile{Data: []byte("body{margin:0}.a>.b{color:#123}\n")}, "body{margin:0}.a>.b{color:#123}\n"},
		{"Windows line ends", &fstest.MapFile{Data: []byte("a{color:red}\r\nb{color:blue}")}, "a{color:red}\nb{color:blue}"},
		{"text that ends the element", &fstest.MapFile{Data: []byte(`a::after{content:"</style>"}`)}, ""},
		{"a relative image", &fstest.MapFile{Data: []byte(`a{background:url(./x.svg)}`)}, ""},
		{"an import", &fstest.MapFile{Data: []byte(`@import "more.css";`)}, ""},
		{"no such file", nil, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			site := fixtureSite()
			site["index.html"] = &fstest.MapFile{Data: []byte(shell)}
			delete(site, strings.TrimPrefix(href, "/"))
			if tt.css != nil {
				site[strings.TrimPrefix(href, "/")] = tt.css
			}
			p := newSitePortal(t, site, sitePublicURL)
			for _, target := range []string{"/en/", "/sr-cyrl/news/" + siteNewsSlug, "/en/nope", "/admin/news"} {
				rec := siteGet(p.handler, http.MethodGet, target)
				head, _, _ := strings.Cut(rec.Body.String(), "</head>")
				csp := rec.Header().Get("Content-Security-Policy")
				if rec.Code == http.StatusServiceUnavailable {
					t.Fatalf("%s: status 503, want the page", target)
				}
				if tt.inline == "" {
					if !strings.Contains(head, link) || strings.Contains(head, "<style") || !strings.Contains(csp, "; style-src 'self'; ") {
						t.Errorf("%s: got the head\n%s\nCSP %q\nwant the link kept, no <style>, style-src 'self' alone", target, head, csp)
					}
					continue
				}
				if want := "<style>" + tt.inline + "</style>" + disabled; strings.Count(head, want) != 1 || strings.Contains(head, link) {
					t.Errorf("%s: got the head\n%s\nwant %s once, instead of %s", target, head, want, link)
				}
				if want := "; style-src 'self' " + cspHashSource(tt.inline) + "; "; !strings.Contains(csp, want) {
					t.Errorf("%s: CSP %q, want %q in it", target, csp, want)
				}
			}
		})
	}
}

// TestEmbeddedInlineStyles checks the real build (make web): no page waits for a style
// sheet, and the CSP allows the styles it carries.
func TestEmbeddedInlineStyles(t *testing.T) {
	site, err := web.Site()
	if err != nil {
		t.Skip("the front end is not built:", err)
	}
	p := newSitePortal(t, site, sitePublicURL)
	style := regexp.MustCompile(`(?s)<style>(.*?)</style>`)
	blocking := regexp.MustCompile(`<link[^>]*rel="stylesheet"[^>]*>`)
	for _, target := range []string{"/sr-cyrl/", "/en/news/" + siteNewsSlug, "/sr-latn/projects/" + siteProjectSlug, "/en/search?q=azil", "/en/nope", "/admin"} {
		rec := siteGet(p.handler, http.MethodGet, target)
		head, _, _ := strings.Cut(rec.Body.String(), "</head>")
		styles := style.FindAllStringSubmatch(head, -1)
		if len(styles) == 0 {
			t.Errorf("%s: no <style> in the head:\n%s", target, head)
		}
		for _, s := range styles {
			if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, cspHashSource(s[1])) {
				t.Errorf("%s: the CSP %q does not allow the <style> of %d bytes", target, csp, len(s[1]))
			}
		}
		for _, l := range blocking.FindAllString(head, -1) {
			if !strings.Contains(l, " disabled ") {
				t.Errorf("%s: %s blocks the first paint", target, l)
			}
		}
	}
}
