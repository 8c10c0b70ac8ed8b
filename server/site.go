package server

// The embedded front end: a SvelteKit single-page app built into web/out/site.
//
//	/                                  302 to /{locale}/, from the switcher's cookie or
//	                                   Accept-Language (lang.go)
//	/{locale}/, /{locale}/news, …      the app's shell (index.html) with the page's lang,
//	                                   title, description, canonical, hreflang and Open
//	                                   Graph tags injected, its structured data (seo.go)
//	                                   and its route's chunks (preloads.go), and the
//	                                   page's content and data (render.go); 404 for an
//	                                   unknown item or route
//	/language/{locale}/…               the language switcher's links: remember the
//	                                   locale in a cookie, 303 to /{locale}/… (lang.go)
//	/robots.txt, /sitemap*.xml         made from the content (sitemap.go)
//	/admin, /admin/…                   the editors' area: the shell in Serbian Latin, never
//	                                   cached or indexed (no-store, X-Robots-Tag: noindex)
//	/_app/immutable/…, /favicon.svg, … the build's files, precompressed copies when accepted
//	/_app/…, /x.js, /api/…, /media/…   a plain 404 when there is no such file
//
// Every file is read once, at startup: path → bytes, .br and .gz copies, ETags, type.
// The shell is rendered per request, so its ETag is the hash of the bytes sent.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/agency/portal/store"
	"github.com/agency/portal/translit"
)

const (
	shellLang = `<html lang="en">`   // replaced by the page's lang
	shellMeta = `<!--portal-meta-->` // replaced by the page's title and meta tags

	immutable   = "public, max-age=31536000, immutable"
	shortCache  = "public, max-age=3600"
	htmlType    = "text/html; charset=utf-8"
	descRunes   = 200 // meta descriptions are cut at a word boundary near this length
	notBuiltMsg = "The front end was not built: run <code>make build</code>, then restart the server."
	brokenMsg   = "The front end in this binary does not follow the server's contract (see the server log): rebuild it."
)

// locale is one of the portal's locales as it appears in URLs and HTML.
type locale struct {
	url   string // path segment: sr-cyrl
	tag   string // lang and hreflang: sr-Cyrl
	og    string // og:locale: sr_RS
	store store.Locale
}

var locales = []*locale{
	{"sr-cyrl", "sr-Cyrl", "sr_RS", store.SrCyrl}, // the first is the default and x-default
	{"sr-latn", "sr-Latn", "sr_RS", store.SrLatn},
	{"en", "en", "en_GB", store.En},
}

func localeOf(segment string) *locale {
	for _, l := range locales {
		if l.url == segment {
			return l
		}
	}
	return nil
}

// text is a phrase in Serbian Cyrillic and English; Serbian Latin is derived.
type text struct{ sr, en string }

func (t text) in(l *locale) string {
	switch l.store {
	case store.En:
		return t.en
	case store.SrLatn:
		return translit.ToLatin(t.sr)
	}
	return t.sr
}

var siteName = text{"Комесаријат за избеглице и миграције", "Commissariat for Refugees and Migration"}

// pages are the title and description of each app route, by the path segment after the
// locale ("" is the home page).
var pages = map[string]struct{ title, description text }{
	"": {siteName, text{
		"Вести, пројекти и партнери Комесаријата за избеглице и миграције Републике Србије.",
		"News, projects and partners of the Commissariat for Refugees and Migration of the Republic of Serbia."}},
	"news": {text{"Вести", "News"}, text{
		"Саопштења и вести Комесаријата за избеглице и миграције.",
		"Announcements and news from the Commissariat for Refugees and Migration."}},
	"projects": {text{"Пројекти", "Projects"}, text{
		"Текући и завршени пројекти Комесаријата, са донаторима и партнерима.",
		"Current and completed projects of the Commissariat, with their donors and partners."}},
	"partners": {text{"Партнери", "Partners"}, text{
		"Организације са којима Комесаријат сарађује: донатори, реализатори и институције.",
		"The organisations the Commissariat works with: donors, implementers and institutions."}},
	"open-data": {text{"Отворени подаци", "Open data"}, text{
		"Вести, пројекти и партнери Комесаријата као CSV, JSON и IATI датотеке за преузимање.",
		"The Commissariat's news, projects and partners as CSV, JSON and IATI files to download."}},
	"search": {text{"Претрага", "Search"}, text{
		"Претрага вести, пројеката и партнера Комесаријата.",
		"Search the Commissariat's news, projects and partners."}},
}

var notFoundTitle = text{"Страница није пронађена", "Page not found"}

// page is what the shell is rendered with.
type page struct {
	loc                *locale
	path               string // after the locale: "/", "/news", "/news/some-slug"
	title, description string
	article            bool
	status             int
	item               any // the *store.NewsItem, *store.Project or *store.Partner shown, if any
}

// file is one file of the build, in every representation it has.
type file struct {
	contentType, cacheControl string
	vary                      bool  // the response depends on Accept-Encoding
	reps                      []rep // identity first, then br, then gzip when present
}

type rep struct {
	encoding string // "" is identity
	body     []byte
	etag     string
}

// site serves the front end. With no usable build, / is the plain landing page and the
// app's routes answer 503.
type site struct {
	store    *store.Store
	base     string // Config.PublicURL without its trailing slash; "" derives it per request
	files    map[string]*file
	shell    [3]string             // index.html cut out around shellLang and shellMeta
	body     [2]string             // shell[2] without its <noscript> and start-up band, cut where the content goes
	preloads map[string]routeFiles // by SvelteKit route ID: preloads.go
	graphql  http.Handler
	render   *renderer         // nil: pages are the shell alone
	sheets   map[string]string // by address: the style sheets inline (styles.go)
	csp      string
	// of the shell's inline scripts and of the style sheets inline, for the CSP
	scriptHashes, styleHashes []string
	problem                   string // why app routes answer 503; "" when the site is served
}

func newSite(st *store.Store, fsys fs.FS, publicURL string, graphql http.Handler) *site {
	s := &site{store: st, base: strings.TrimRight(publicURL, "/"), files: map[string]*file{}, csp: policy(nil, nil), problem: notBuiltMsg, graphql: graphql}
	if fsys == nil {
		return s
	}
	loaded := *s
	loaded.files, loaded.problem = map[string]*file{}, ""
	if err := loaded.load(fsys); err != nil {
		slog.Error("the embedded front end cannot be served: app routes answer 503", "err", err)
		s.problem = brokenMsg
		return s
	}
	return &loaded
}

// load reads the shell and every file of the build.
func (s *site) load(fsys fs.FS) error {
	b, err := fs.ReadFile(fsys, "index.html")
	if err != nil {
		return err
	}
	doc := string(b)
	i, j := strings.Index(doc, shellLang), strings.Index(doc, shellMeta)
	switch {
	case strings.Count(doc, shellLang) != 1:
		return fmt.Errorf("index.html must contain %s exactly once", shellLang)
	case strings.Count(doc, shellMeta) != 1 || j < i:
		return fmt.Errorf("index.html must contain %s exactly once, in <head>", shellMeta)
	case strings.Contains(lowerASCII(doc), "<title"):
		return errors.New("index.html must not have a <title>: the server writes it")
	}
	for _, script := range inlineScripts(doc) {
		s.scriptHashes = append(s.scriptHashes, cspHash(script))
	}
	if s.preloads, err = loadPreloads(fsys); err != nil {
		return err
	}
	s.sheets, s.styleHashes = inlineSheets(fsys, doc, s.preloads) // styles.go
	s.csp = policy(s.scriptHashes, s.styleHashes)
	doc = withInlineSheets(doc, s.sheets)
	i, j = strings.Index(doc, shellLang), strings.Index(doc, shellMeta)
	s.shell = [3]string{doc[:i], doc[i+len(shellLang) : j], doc[j+len(shellMeta):]}
	if err := s.loadRenderer(fsys); err != nil {
		return err
	}

	return fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || name == "index.html" {
			return err
		}
		for _, ext := range []string{".br", ".gz"} {
			if base, ok := strings.CutSuffix(name, ext); ok {
				if _, err := fs.Stat(fsys, base); err == nil {
					return nil // a copy, loaded with its original
				}
			}
		}
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		f := &file{contentType: contentType(name), cacheControl: shortCache, reps: []rep{newRep("", body)}}
		if strings.HasPrefix(name, "_app/immutable/") {
			f.cacheControl = immutable
		}
		for _, c := range []struct{ ext, encoding string }{{".br", "br"}, {".gz", "gzip"}} {
			if b, err := fs.ReadFile(fsys, name+c.ext); err == nil {
				f.reps = append(f.reps, newRep(c.encoding, b))
			}
		}
		f.vary = len(f.reps) > 1 || compressible(f.contentType)
		s.files[name] = f
		return nil
	})
}

func newRep(encoding string, body []byte) rep {
	return rep{encoding, body, entityTag(contentHash(body), "")}
}

// reserved are the first path segments that never get the shell: the build's own folder
// and the server's routes. A missing path under them is a plain 404.
var reserved = map[string]bool{"_app": true, "api": true, "graphql": true, "graphiql": true, "media": true, "healthz": true}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if !cleanURL(r.URL) {
		http.Error(w, "bad request: the address contains a character that is not allowed", http.StatusBadRequest)
		return
	}
	p := r.URL.Path
	if isFeed(p) {
		s.serveFeed(w, r) // feed.go
		return
	}
	if p == "/" {
		if s.problem != "" {
			w.Header().Set("Content-Type", htmlType)
			io.WriteString(w, landing)
			return
		}
		target := "/" + preferredLocale(w, r).url + "/" // lang.go
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusFound)
		return
	}
	if strings.HasPrefix(p, languagePrefix) {
		s.serveLanguageChoice(w, r) // lang.go
		return
	}
	if s.serveFindable(w, r) { // sitemap.go: robots.txt, sitemap.xml and its pages
		return
	}
	if f, ok := s.files[strings.TrimPrefix(p, "/")]; ok {
		s.serveFile(w, r, f)
		return
	}
	segs := strings.Split(strings.Trim(p, "/"), "/")
	if reserved[segs[0]] || path.Ext(segs[len(segs)-1]) != "" {
		http.NotFound(w, r)
		return
	}
	if s.problem != "" {
		setPageHeaders(w.Header(), s.csp)
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintf(w, "<!doctype html>\n<html lang=\"en\"><meta charset=\"utf-8\"><title>Front end unavailable</title>\n<h1>Front end unavailable</h1>\n<p>%s The GraphQL API is at <a href=\"/graphiql\">/graphiql</a>.</p>\n</html>\n", s.problem)
		return
	}
	if segs[0] == "admin" {
		s.serveAdmin(w, r)
		return
	}
	pg, err := s.route(r.Context(), segs)
	if err != nil {
		slog.ErrorContext(r.Context(), "site: page lookup", "path", p, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	if pg.loc == nil { // not even a locale: answer in the one the browser asks for
		pg.loc = preferredLocale(w, r)
	}
	// Compressed: a page with its content is 10 to 30 KB, a second or so on a slow phone.
	compress(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { s.serveShell(w, r, pg) })).ServeHTTP(w, r)
}

// cleanURL tells whether a URL's path and query are free of characters no text may contain
// (translit.Invalid: NUL, control characters, invalid UTF-8), which never reach a lookup.
func cleanURL(u *url.URL) bool {
	if _, bad := translit.Invalid(u.Path); bad {
		return false
	}
	for key, values := range u.Query() {
		for _, v := range append(values, key) {
			if _, bad := translit.Invalid(v); bad {
				return false
			}
		}
	}
	return true
}

// route finds the page of an app path, split into segments. An unknown route or item is a
// page with status 404; an error is the store failing.
func (s *site) route(ctx context.Context, segs []string) (page, error) {
	pg := page{loc: localeOf(segs[0]), status: http.StatusOK}
	if pg.loc == nil {
		return page{status: http.StatusNotFound}, nil
	}
	rest := segs[1:]
	if len(rest) <= 1 {
		kind := strings.Join(rest, "") // "" is the home page
		if texts, ok := pages[kind]; ok {
			pg.path = "/" + kind
			pg.title, pg.description = texts.title.in(pg.loc), texts.description.in(pg.loc)
			return pg, nil
		}
	}
	if len(rest) == 2 {
		pg.path = "/" + rest[0] + "/" + rest[1]
		var err error
		switch rest[0] {
		case "news":
			var n *store.NewsItem
			if n, err = s.store.NewsItem(ctx, rest[1], pg.loc.store); err == nil {
				pg.title, pg.description, pg.article, pg.item = n.Title, n.Summary, true, n
			}
		case "projects":
			var x *store.Project
			if x, err = s.store.Project(ctx, rest[1], pg.loc.store); err == nil {
				pg.title, pg.description, pg.item = x.Title, x.Summary, x
			}
		case "partners":
			var x *store.Partner
			if x, err = s.store.Partner(ctx, rest[1], pg.loc.store); err == nil {
				pg.title, pg.description, pg.item = x.Name, x.Description, x
			}
		default:
			err = store.ErrNotFound
		}
		if err == nil {
			if pg.description == "" {
				pg.description = pages[rest[0]].description.in(pg.loc)
			}
			return pg, nil
		}
		if !errors.Is(err, store.ErrNotFound) {
			return page{}, err
		}
	}
	return page{loc: pg.loc, status: http.StatusNotFound}, nil
}

// serveShell sends the shell rendered for a page. Its ETag is the hash of these bytes, so
// a revalidation gets 304 only while the page (its item, its URL) is unchanged.
func (s *site) serveShell(w http.ResponseWriter, r *http.Request, pg page) {
	extra, hashes := s.findable(r.Context(), s.origin(r), pg) // seo.go
	rest := s.shell[2]
	if s.render != nil {
		w.Header().Add("Vary", "Sec-CH-UA-Mobile") // filter panels start closed on phones
		c, err := s.render.render(r.Context(), &pg, r)
		if err == nil {
			rest = s.body[0] + dataScript(c.answers) + `<div class="ssr" id="ssr">` + c.html + "</div>" + s.body[1]
		} else if !errors.Is(err, errNoTemplate) { // the app will show the page, or why it cannot
			slog.ErrorContext(r.Context(), "site: page content", "path", r.URL.Path, "err", err)
		}
	}
	body := s.shell[0] + `<html lang="` + pg.loc.tag + `">` + s.shell[1] + s.meta(r, pg) + "\n" + extra + s.preloadLinks(pg) + rest
	h := w.Header()
	setPageHeaders(h, policy(append(hashes, s.scriptHashes...), s.styleHashes))
	if pg.status == http.StatusOK {
		tag := entityTag(contentHash([]byte(body)), "")
		h.Set("ETag", tag)
		if etagMatches(r.Header.Get("If-None-Match"), tag) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(pg.status)
	if r.Method != http.MethodHead {
		io.WriteString(w, body)
	}
}

// adminTitle is the <title> of the editors' area until the app sets its own.
const adminTitle = "Uređivanje portala – Komesarijat za izbeglice i migracije"

// serveAdmin sends the shell for the editors' area (/admin and everything under it): the
// app decides what to show from the session. The interface is in Serbian Latin. It is
// never stored by a cache (a page that depends on who is signed in) and never indexed.
func (s *site) serveAdmin(w http.ResponseWriter, r *http.Request) {
	body := s.shell[0] + `<html lang="sr-Latn">` + s.shell[1] +
		"<title>" + html.EscapeString(adminTitle) + "</title>\n<meta name=\"robots\" content=\"noindex, nofollow\">" + s.shell[2]
	h := w.Header()
	setPageHeaders(h, s.csp)
	h.Set("Cache-Control", "no-store")
	h.Set("X-Robots-Tag", "noindex, nofollow")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		io.WriteString(w, body)
	}
}

// setPageHeaders sets the headers of an HTML page of the site (the shell, the 503 page).
func setPageHeaders(h http.Header, csp string) {
	h.Set("Content-Type", htmlType)
	h.Set("Cache-Control", "no-cache")
	h.Set("Content-Security-Policy", csp)
	h.Set("X-Frame-Options", "DENY")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
}

// meta is the HTML that replaces shellMeta, every value escaped.
func (s *site) meta(r *http.Request, pg page) string {
	name := siteName.in(pg.loc)
	esc := html.EscapeString
	var b strings.Builder
	if pg.status != http.StatusOK {
		fmt.Fprintf(&b, "<title>%s – %s</title>\n<meta name=\"robots\" content=\"noindex\">", esc(notFoundTitle.in(pg.loc)), esc(name))
		return b.String()
	}
	title, desc := pg.title, shorten(pg.description, descRunes)
	if title == name {
		fmt.Fprintf(&b, "<title>%s</title>\n", esc(title))
	} else {
		fmt.Fprintf(&b, "<title>%s – %s</title>\n", esc(title), esc(name))
	}
	origin := s.origin(r)
	url := func(l *locale) string { return esc(origin + "/" + l.url + pg.path) }
	fmt.Fprintf(&b, "<meta name=\"description\" content=\"%s\">\n<link rel=\"canonical\" href=\"%s\">\n", esc(desc), url(pg.loc))
	for _, l := range locales {
		fmt.Fprintf(&b, "<link rel=\"alternate\" hreflang=\"%s\" href=\"%s\">\n", l.tag, url(l))
	}
	fmt.Fprintf(&b, "<link rel=\"alternate\" hreflang=\"x-default\" href=\"%s\">\n", url(locales[0]))
	b.WriteString(feedLinks(r, origin, pg, esc)) // feed.go
	ogType := "website"
	if pg.article {
		ogType = "article"
	}
	for _, kv := range [][2]string{{"og:title", title}, {"og:description", desc}, {"og:type", ogType},
		{"og:url", origin + "/" + pg.loc.url + pg.path}, {"og:locale", pg.loc.og}, {"og:site_name", name}} {
		fmt.Fprintf(&b, "<meta property=\"%s\" content=\"%s\">\n", kv[0], esc(kv[1]))
	}
	b.WriteString(`<meta name="twitter:card" content="summary">`)
	return b.String()
}

// origin is the site's scheme and host: Config.PublicURL, else the request's.
func (s *site) origin(r *http.Request) string {
	if s.base != "" {
		return s.base
	}
	// X-Forwarded-* are not trusted: set Config.PublicURL behind a proxy
	if r.TLS != nil {
		return "https://" + r.Host
	}
	return "http://" + r.Host
}

// shorten collapses white space and cuts s to about max runes at a word boundary.
func shorten(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	cut := string([]rune(s)[:max])
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:.-–—") + "…"
}

// serveFile sends a file of the build in the best representation the client accepts.
func (s *site) serveFile(w http.ResponseWriter, r *http.Request, f *file) {
	h := w.Header()
	rp := f.reps[0]
	accept := r.Header.Get("Accept-Encoding")
	for _, c := range f.reps[1:] {
		if accepts(accept, c.encoding) {
			rp = c
			break
		}
	}
	h.Set("Content-Type", f.contentType)
	h.Set("Cache-Control", f.cacheControl)
	h.Set("ETag", rp.etag)
	if f.vary {
		h.Add("Vary", "Accept-Encoding")
	}
	if rp.encoding != "" {
		h.Set("Content-Encoding", rp.encoding)
	}
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(rp.body))
}

// contentTypes are the types of the files a SvelteKit build holds, fixed here rather than
// read from the system's MIME tables, which differ between machines.
var contentTypes = map[string]string{
	".html": htmlType, ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
	".css": "text/css; charset=utf-8", ".json": "application/json", ".map": "application/json",
	".webmanifest": "application/manifest+json", ".txt": "text/plain; charset=utf-8", ".xml": "application/xml",
	".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
	".webp": "image/webp", ".avif": "image/avif", ".gif": "image/gif", ".ico": "image/x-icon",
	".woff2": "font/woff2", ".woff": "font/woff", ".wasm": "application/wasm", ".pdf": "application/pdf",
}

func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

func compressible(contentType string) bool {
	if strings.HasPrefix(contentType, "text/") {
		return true
	}
	for _, s := range []string{"javascript", "json", "xml", "wasm"} {
		if strings.Contains(contentType, s) {
			return true
		}
	}
	return false
}
