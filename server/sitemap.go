package server

// Findable: robots.txt and the sitemap, made from the content.
//
//	/robots.txt               keeps crawlers out of /admin, /graphql, /graphiql and /api,
//	                          and names the sitemap
//	/sitemap.xml              a sitemap index: sitemap-pages.xml, then each kind's pages
//	/sitemap-pages.xml        the home page, the lists and the open-data page, in the three
//	                          locales
//	/sitemap-news-1.xml, …    every public item of a kind, sitemapItems per page (each in
//	                          three locales: 3 × sitemapItems ≤ 50,000 URLs, the limit), with
//	                          lastmod and the other locales as xhtml:link hreflang alternates
//
// A sitemap is streamed from the store as it is written (gzip or brotli when accepted). Its
// ETag is made from the content generation and the next scheduled publication, so a
// crawler's revalidation costs two small queries and gets 304 while nothing changed.

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/agency/portal/store"
)

// sitemapItems is how many items one sitemap page lists: three URLs each, under the
// protocol's 50,000 URLs (and, at about 700 bytes a URL, under its 50 MB).
var sitemapItems = 16000 // a variable for the tests

// sitemapKinds are the kinds of items in the sitemap, by the path segment of their pages.
var sitemapKinds = []struct {
	segment string
	kind    store.Kind
}{{"news", store.KindNews}, {"projects", store.KindProject}, {"partners", store.KindPartner}}

// sitemapLists are the pages after the locale that the sitemap lists besides items; the
// search page is left out (a page of results, not content).
var sitemapLists = []string{"/", "/news", "/projects", "/partners", "/open-data"}

const (
	sitemapNS   = `xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"`
	sitemapXHTM = `xmlns:xhtml="http://www.w3.org/1999/xhtml"`
	xmlType     = "application/xml; charset=utf-8"
)

// serveFindable answers robots.txt and the sitemap's files, and tells whether it did.
func (s *site) serveFindable(w http.ResponseWriter, r *http.Request) bool {
	p := r.URL.Path
	switch {
	case p == "/robots.txt":
		s.serveRobots(w, r)
	case s.problem != "" || !strings.HasPrefix(p, "/sitemap") || !strings.HasSuffix(p, ".xml"):
		return false
	case p == "/sitemap.xml":
		s.serveSitemap(w, r, s.writeSitemapIndex)
	case p == "/sitemap-pages.xml":
		s.serveSitemap(w, r, s.writeSitemapLists)
	default:
		write, err := s.sitemapPage(r, strings.TrimSuffix(strings.TrimPrefix(p, "/sitemap-"), ".xml"))
		switch {
		case err != nil:
			slog.ErrorContext(r.Context(), "site: sitemap", "path", p, "err", err)
			http.Error(w, "internal error", http.StatusInternalServerError)
		case write == nil:
			http.NotFound(w, r)
		default:
			s.serveSitemap(w, r, write)
		}
	}
	return true
}

func (s *site) serveRobots(w http.ResponseWriter, r *http.Request) {
	body := "# The public site and its open API: every page may be crawled, the editors' area,\n" +
		"# the API's endpoints and the language switcher's links (a cookie, then a page) may not.\nUser-agent: *\nDisallow: /admin\nDisallow: /graphql\n" +
		"Disallow: /graphiql\nDisallow: /api/\nDisallow: /language/\nAllow: /\n\nSitemap: " + s.origin(r) + "/sitemap.xml\n"
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("Cache-Control", shortCache)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method != http.MethodHead {
		io.WriteString(w, body)
	}
}

// sitemapWriter writes one sitemap file's body.
type sitemapWriter func(r *http.Request, w *bufio.Writer) error

// serveSitemap sends a sitemap file, or 304 when the content has not changed since the
// ETag the client has.
func (s *site) serveSitemap(w http.ResponseWriter, r *http.Request, write sitemapWriter) {
	ctx := r.Context()
	tag, err := s.sitemapTag(r)
	if err != nil {
		slog.ErrorContext(ctx, "site: sitemap", "path", r.URL.Path, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", xmlType)
	h.Set("Cache-Control", "no-cache")
	h.Set("ETag", tag)
	h.Add("Vary", "Accept-Encoding")
	if etagMatches(r.Header.Get("If-None-Match"), strings.TrimPrefix(tag, "W/")) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if r.Method == http.MethodHead {
		return
	}
	compress(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		out := bufio.NewWriterSize(w, 32<<10)
		out.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
		if err := write(r, out); err != nil {
			// The status is sent: the file ends short, which a crawler sees as malformed.
			slog.ErrorContext(r.Context(), "site: sitemap", "path", r.URL.Path, "err", err)
			return
		}
		out.Flush()
	})).ServeHTTP(w, r)
}

// sitemapTag is the sitemap files' ETag: weak (its gzip and brotli forms share it), from
// the site's origin, the path, the content generation and the next scheduled publication.
func (s *site) sitemapTag(r *http.Request) (string, error) {
	ctx := r.Context()
	gen, err := s.store.Generation(ctx)
	if err != nil {
		return "", err
	}
	next, _, err := s.store.NextPublication(ctx, s.store.Now())
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(fmt.Appendf(nil, "%s\x00%s\x00%d\x00%d", s.origin(r), r.URL.Path, gen, next.Unix()))
	return `W/"` + hex.EncodeToString(sum[:12]) + `"`, nil
}

// writeSitemapIndex lists the lists' sitemap and each kind's pages.
func (s *site) writeSitemapIndex(r *http.Request, w *bufio.Writer) error {
	origin := s.origin(r)
	fmt.Fprintf(w, "<sitemapindex %s>\n", sitemapNS)
	fmt.Fprintf(w, "<sitemap><loc>%s/sitemap-pages.xml</loc></sitemap>\n", html.EscapeString(origin))
	for _, k := range sitemapKinds {
		n, err := s.store.PublicCount(r.Context(), k.kind)
		if err != nil {
			return err
		}
		for page := 1; (page-1)*sitemapItems < n; page++ {
			fmt.Fprintf(w, "<sitemap><loc>%s/sitemap-%s-%d.xml</loc></sitemap>\n", html.EscapeString(origin), k.segment, page)
		}
	}
	_, err := w.WriteString("</sitemapindex>\n")
	return err
}

// writeSitemapLists lists the home page, the lists and the open-data page in each locale.
func (s *site) writeSitemapLists(r *http.Request, w *bufio.Writer) error {
	fmt.Fprintf(w, "<urlset %s %s>\n", sitemapNS, sitemapXHTM)
	for _, p := range sitemapLists {
		writeSitemapURLs(w, s.origin(r), p, time.Time{})
	}
	_, err := w.WriteString("</urlset>\n")
	return err
}

// sitemapPage is the writer of a page of items named like "news-2", nil for no such page.
func (s *site) sitemapPage(r *http.Request, name string) (sitemapWriter, error) {
	segment, number, _ := strings.Cut(name, "-")
	page, err := strconv.Atoi(number)
	if err != nil || page < 1 || strconv.Itoa(page) != number {
		return nil, nil
	}
	for _, k := range sitemapKinds {
		if k.segment != segment {
			continue
		}
		n, err := s.store.PublicCount(r.Context(), k.kind)
		if err != nil || (page-1)*sitemapItems >= n {
			return nil, err
		}
		return func(r *http.Request, w *bufio.Writer) error {
			fmt.Fprintf(w, "<urlset %s %s>\n", sitemapNS, sitemapXHTM)
			origin := s.origin(r)
			each := func(it store.SitemapEntry) error {
				return writeSitemapURLs(w, origin, "/"+k.segment+"/"+url.PathEscape(it.Slug), it.Modified)
			}
			if err := s.store.PublicItems(r.Context(), k.kind, (page-1)*sitemapItems, sitemapItems, each); err != nil {
				return err
			}
			_, err := w.WriteString("</urlset>\n")
			return err
		}, nil
	}
	return nil, nil
}

// writeSitemapURLs writes a page's URL in each locale, each with the others as alternates.
func writeSitemapURLs(w *bufio.Writer, origin, path string, modified time.Time) error {
	at := func(l *locale) string { return html.EscapeString(origin + "/" + l.url + path) }
	for _, l := range locales {
		fmt.Fprintf(w, "<url><loc>%s</loc>", at(l))
		if !modified.IsZero() {
			fmt.Fprintf(w, "<lastmod>%s</lastmod>", modified.UTC().Format(time.RFC3339))
		}
		for _, alt := range locales {
			fmt.Fprintf(w, `<xhtml:link rel="alternate" hreflang="%s" href="%s"/>`, alt.tag, at(alt))
		}
		fmt.Fprintf(w, `<xhtml:link rel="alternate" hreflang="x-default" href="%s"/>`, at(locales[0]))
		if _, err := w.WriteString("</url>\n"); err != nil {
			return err
		}
	}
	return nil
}
