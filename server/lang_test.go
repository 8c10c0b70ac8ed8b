package server_test

import (
	"net/http"
	"strconv"
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

// The language switcher's links go through /language/{locale}/…, which remembers the choice
// in the cookie and sends the browser on (303), so it is remembered without JavaScript.
func TestSiteLanguageChoice(t *testing.T) {
	p := newSitePortal(t, fixtureSite(), "")
	for _, tt := range []struct{ target, status, location, cookie string }{
		{"/language/sr-latn/news?topic=asylum&year=2024", "303", "/sr-latn/news?topic=asylum&year=2024", "sr-latn"},
		{"/language/en/", "303", "/en/", "en"},
		{"/language/en", "303", "/en/", "en"},
		{"/language/sr-cyrl/search?q=%D0%B0%D0%B7%D0%B8%D0%BB", "303", "/sr-cyrl/search?q=%D0%B0%D0%B7%D0%B8%D0%BB", "sr-cyrl"},
		{"/language/en/projects/some%20slug", "303", "/en/projects/some%20slug", "en"},
		{"/language/en//evil.example/x", "307", "/language/en/evil.example/x", ""}, // cleaned first: never another site
		{"/language/fr/news", "404", "", ""},
		{"/language/", "404", "", ""},
		{"/language/EN/", "404", "", ""},
	} {
		t.Run(tt.target, func(t *testing.T) {
			rec := siteGet(p.handler, http.MethodGet, tt.target)
			got := strconv.Itoa(rec.Code)
			if got != tt.status || rec.Header().Get("Location") != tt.location {
				t.Fatalf("GET %s: status %s, Location %q; want %s, %q", tt.target, got, rec.Header().Get("Location"), tt.status, tt.location)
			}
			cookies := rec.Result().Cookies()
			if tt.cookie == "" {
				if len(cookies) != 0 {
					t.Errorf("GET %s set cookies %v, want none", tt.target, cookies)
				}
				return
			}
			if len(cookies) != 1 {
				t.Fatalf("GET %s set cookies %v, want one", tt.target, cookies)
			}
			c := cookies[0]
			if c.Name != "locale" || c.Value != tt.cookie || c.Path != "/" || c.MaxAge != 31536000 || c.SameSite != http.SameSiteLaxMode || c.HttpOnly || c.Secure {
				t.Errorf("GET %s set %q, want locale=%s; Path=/; Max-Age=31536000; SameSite=Lax (not Secure over http)", tt.target, rec.Header().Get("Set-Cookie"), tt.cookie)
			}
			if cc := rec.Header().Get("Cache-Control"); cc != "no-store" {
				t.Errorf("GET %s: Cache-Control %q, want no-store", tt.target, cc)
			}
		})
	}

	// The choice, made without JavaScript, wins on / over the browser's languages.
	choice := siteGet(p.handler, http.MethodGet, "/language/sr-latn/partners")
	cookie := choice.Result().Cookies()[0]
	if rec := siteGet(p.handler, http.MethodGet, "/", "Accept-Language", "en-GB", "Cookie", cookie.String()); rec.Header().Get("Location") != "/sr-latn/" {
		t.Errorf("/ after choosing sr-latn, browser in English: Location %q, want /sr-latn/", rec.Header().Get("Location"))
	}

	// Behind HTTPS (the public URL says so) the cookie is Secure.
	secure := newSitePortal(t, fixtureSite(), "https://portal.example.gov.rs")
	if c := siteGet(secure.handler, http.MethodGet, "/language/en/").Result().Cookies(); len(c) != 1 || !c[0].Secure {
		t.Errorf("over https: cookies %v, want one Secure cookie", c)
	}
}
