package server_test

import (
	"net/http"
	"strings"
	"testing"
)

func TestSiteRedirectByLanguage(t *testing.T) {
	p := newSitePortal(t, fixtureSite(), "")
	for _, tt := range []struct{ acceptLanguage, want string }{
		{"", "/en/"},
		{"sr", "/sr-cyrl/"},
		{"sr-RS", "/sr-cyrl/"},
		{"sr-Cyrl", "/sr-cyrl/"},
		{"sr-Cyrl-RS", "/sr-cyrl/"},
		{"sr-BA", "/sr-cyrl/"},
		{"sr_RS", "/sr-cyrl/"},
		{"sr-ME", "/sr-latn/"},
		{"sr-Cyrl-ME", "/sr-cyrl/"},
		{"sr-Latn", "/sr-latn/"},
		{"sr-Latn-RS,sr;q=0.9", "/sr-latn/"},
		{"hr-HR,hr;q=0.9,en;q=0.8", "/sr-latn/"},
		{"hr", "/sr-latn/"},
		{"bs", "/sr-latn/"},
		{"bs-Cyrl-BA", "/sr-cyrl/"},
		{"cnr", "/sr-latn/"},
		{"cnr-ME", "/sr-latn/"},
		{"me", "/sr-latn/"},
		{"sh", "/sr-latn/"},
		{"en-US,en;q=0.9", "/en/"},
		{"EN-gb", "/en/"},
		{"ar-EG,ar;q=0.9", "/en/"},
		{"fa-IR", "/en/"},
		{"ur-PK,ur;q=0.9", "/en/"},
		{"ps-AF", "/en/"},
		{"fr-FR,fr;q=0.9", "/en/"},
		{"tr-TR,tr;q=0.9", "/en/"},
		{"ru-RU,ru;q=0.9", "/en/"},
		{"de-DE,de;q=0.9,en;q=0.5", "/en/"},
		{"ar, sr;q=0.5", "/sr-cyrl/"},
		{"en;q=0.5, sr-Latn;q=0.8", "/sr-latn/"},
		{"en;q=0.8, sr-Latn;q=0.8", "/en/"},
		{"sr;q=0.8, en;q=0.8", "/sr-cyrl/"},
		{"sr;q=0, en", "/en/"},
		{"sr;q=0, ru", "/en/"},
		{"en;q=0, sr-Latn;q=0.1", "/sr-latn/"},
		{"en;q=2, sr-Latn;q=0.1", "/sr-latn/"},
		{"en;q=x, hr;q=0.1", "/sr-latn/"},
		{"*", "/en/"},
		{"fr, *;q=0.5", "/en/"},
	} {
		t.Run(tt.acceptLanguage, func(t *testing.T) {
			rec := siteGet(p.handler, http.MethodGet, "/", "Accept-Language", tt.acceptLanguage)
			if rec.Code != http.StatusFound || rec.Header().Get("Location") != tt.want {
				t.Errorf("Accept-Language %q: status %d, Location %q; want 302 to %s", tt.acceptLanguage, rec.Code, rec.Header().Get("Location"), tt.want)
			}
			if vary := rec.Header().Get("Vary"); !strings.Contains(vary, "Accept-Language") || !strings.Contains(vary, "Cookie") {
				t.Errorf("Vary %q, want Accept-Language and Cookie", vary)
			}
		})
	}
	if rec := siteGet(p.handler, http.MethodGet, "/?q=azil", "Accept-Language", "en"); rec.Header().Get("Location") != "/en/?q=azil" {
		t.Errorf("query lost: Location %q, want /en/?q=azil", rec.Header().Get("Location"))
	}
}

func TestSiteRedirectByCookie(t *testing.T) {
	p := newSitePortal(t, fixtureSite(), "")
	for _, tt := range []struct{ cookie, acceptLanguage, want string }{
		{"locale=sr-cyrl", "en-GB", "/sr-cyrl/"},
		{"locale=sr-latn", "sr-RS", "/sr-latn/"},
		{"locale=en", "sr-Latn", "/en/"},
		{"other=1; locale=en", "hr", "/en/"},
		{"locale=fr", "hr", "/sr-latn/"},         // not a locale of the site: the browser's choice
		{"locale=SR-LATN", "ar", "/en/"},         // written by the app in lower case only
		{"locale=sr-latn%00", "sr", "/sr-cyrl/"}, // garbage
		{"lang=sr-latn", "ar", "/en/"},           // another cookie
	} {
		t.Run(tt.cookie, func(t *testing.T) {
			rec := siteGet(p.handler, http.MethodGet, "/", "Accept-Language", tt.acceptLanguage, "Cookie", tt.cookie)
			if rec.Code != http.StatusFound || rec.Header().Get("Location") != tt.want {
				t.Errorf("Cookie %q, Accept-Language %q: status %d, Location %q; want 302 to %s", tt.cookie, tt.acceptLanguage, rec.Code, rec.Header().Get("Location"), tt.want)
			}
		})
	}
}
