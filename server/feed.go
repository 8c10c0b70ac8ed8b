package server

// Atom feeds (RFC 4287) of the public lists, in each locale, with the filters of the
// site's list URLs as query parameters:
//
//	/{locale}/news/feed.atom       ?topic= &partner= &project= &year=   newest first
//	/{locale}/projects/feed.atom   ?status= &area= &funder=             most recently changed first
//	/{locale}/search/feed.atom     ?q= (required) &kind=                best match first
//
// Each has the 30 first items of its list. An unknown slug in a filter is a 404, a value
// that cannot be one (a status, a year, a kind) a 400: never an empty feed that looks
// right. The feed is written with encoding/xml and the small structs below rather than a
// library (gorilla/feeds writes one <link> per feed, so not both rel="self" and
// rel="alternate", and no xml:lang). Answers carry an ETag made from the content
// generation and the latest publication time (a scheduled item's time arriving changes
// lists without a write), so a reader's revalidation costs two small queries and a 304.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/agency/portal/store"
)

const (
	feedFile    = "feed.atom"
	feedEntries = 30
	atomType    = "application/atom+xml; charset=utf-8"
)

// atomFeed is an Atom feed document. encoding/xml writes the XML namespace's lang
// attribute as xml:lang.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Author  atomPerson  `xml:"author"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomEntry struct {
	ID        string     `xml:"id"`
	Title     string     `xml:"title"`
	Updated   string     `xml:"updated"`
	Published string     `xml:"published,omitempty"`
	Links     []atomLink `xml:"link"`
	Summary   *atomText  `xml:"summary,omitempty"`
	Content   *atomText  `xml:"content,omitempty"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type atomLink struct {
	Rel      string `xml:"rel,attr"`
	Type     string `xml:"type,attr,omitempty"`
	Hreflang string `xml:"hreflang,attr,omitempty"`
	Href     string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

// feedError is a request for a feed that cannot be answered: its status and why.
type feedError struct {
	status int
	msg    string
}

func (e *feedError) Error() string { return e.msg }

func notFoundFeed(format string, a ...any) error {
	return &feedError{http.StatusNotFound, fmt.Sprintf(format, a...)}
}

func badFeed(format string, a ...any) error {
	return &feedError{http.StatusBadRequest, fmt.Sprintf(format, a...)}
}

// feedRequest is what a feed is made from.
type feedRequest struct {
	ctx    context.Context
	st     *store.Store
	loc    *locale
	query  url.Values
	origin string
}

// feedList makes the entries of one list's feed, and the words its title adds to the
// list's name (the names of the filters' items).
type feedList func(fr *feedRequest) (entries []atomEntry, about []string, err error)

var feedLists = map[string]feedList{"news": newsFeed, "projects": projectsFeed, "search": searchFeed}

// isFeed tells whether a path is a feed's: /{locale}/{list}/feed.atom.
func isFeed(p string) bool { return strings.HasSuffix(p, "/"+feedFile) }

// serveFeed answers a request for a feed.
func (s *site) serveFeed(w http.ResponseWriter, r *http.Request) {
	segs := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	if len(segs) != 3 || localeOf(segs[0]) == nil || feedLists[segs[1]] == nil {
		http.NotFound(w, r)
		return
	}
	fr := &feedRequest{ctx: r.Context(), st: s.store, loc: localeOf(segs[0]), query: r.URL.Query(), origin: s.origin(r)}
	version, last, err := s.feedVersion(fr.ctx, r, fr.origin)
	if err != nil {
		feedFailed(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Cache-Control", "public, no-cache")
	if etagMatches(r.Header.Get("If-None-Match"), version) {
		h.Set("ETag", version)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	feed, err := makeFeed(fr, segs[1], r.URL, last)
	var fe *feedError
	if errors.As(err, &fe) {
		http.Error(w, fe.msg, fe.status)
		return
	}
	if err != nil {
		feedFailed(w, r, err)
		return
	}
	updated, _ := time.Parse(time.RFC3339, feed.Updated)
	h.Set("ETag", version)
	h.Set("Last-Modified", updated.UTC().Format(http.TimeFormat))
	if r.Header.Get("If-None-Match") == "" && notModifiedSince(r, updated) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body, err := xml.MarshalIndent(feed, "", "  ")
	if err != nil {
		feedFailed(w, r, err)
		return
	}
	h.Set("Content-Type", atomType)
	h.Set("Content-Length", strconv.Itoa(len(xml.Header)+len(body)))
	if r.Method != http.MethodHead {
		io.WriteString(w, xml.Header)
		w.Write(body)
	}
}

func feedFailed(w http.ResponseWriter, r *http.Request, err error) {
	slog.ErrorContext(r.Context(), "feed", "path", r.URL.Path, "err", err)
	http.Error(w, "internal error", http.StatusInternalServerError)
}

// notModifiedSince tells whether If-Modified-Since is at or after the feed's last change.
func notModifiedSince(r *http.Request, updated time.Time) bool {
	since, err := http.ParseTime(r.Header.Get("If-Modified-Since"))
	return err == nil && !updated.Truncate(time.Second).After(since)
}

// feedVersion is a feed's ETag, which changes when public content may have: with the
// content generation (every write) and the latest publication time (a scheduled item's
// time arriving). It returns the latter too, the time of an empty feed.
func (s *site) feedVersion(ctx context.Context, r *http.Request, origin string) (string, time.Time, error) {
	gen, err := s.store.Generation(ctx)
	if err != nil {
		return "", time.Time{}, err
	}
	last, err := s.store.LastPublished(ctx)
	if err != nil {
		return "", time.Time{}, err
	}
	sum := sha256.Sum256([]byte(fmt.Sprintf("%d\x00%d\x00%s\x00%s", gen, last.Unix(), origin, r.URL.RequestURI())))
	return `"feed-` + hex.EncodeToString(sum[:12]) + `"`, last, nil
}

// makeFeed makes the feed of a list. Its updated time is its newest entry's, else last.
func makeFeed(fr *feedRequest, list string, u *url.URL, last time.Time) (*atomFeed, error) {
	entries, about, err := feedLists[list](fr)
	if err != nil {
		return nil, err
	}
	title := pages[list].title.in(fr.loc)
	if len(about) > 0 {
		title += ": " + strings.Join(about, ", ")
	}
	name := siteName.in(fr.loc)
	updated := last
	for _, e := range entries {
		if t, _ := time.Parse(time.RFC3339, e.Updated); t.After(updated) {
			updated = t
		}
	}
	page := fr.origin + "/" + fr.loc.url + "/" + list
	if u.RawQuery != "" {
		page += "?" + u.RawQuery
	}
	return &atomFeed{
		Lang:    fr.loc.tag,
		ID:      page,
		Title:   title + " – " + name,
		Updated: atomTime(updated),
		Author:  atomPerson{Name: name, URI: fr.origin + "/" + fr.loc.url + "/"},
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: fr.origin + u.RequestURI()},
			{Rel: "alternate", Type: "text/html", Hreflang: fr.loc.tag, Href: page},
		},
		Entries: entries,
	}, nil
}

func atomTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

var yearParam = regexp.MustCompile(`^[0-9]{4}$`)

// newsFeed is the news list's feed: ?topic, ?partner, ?project and ?year, as on /news.
func newsFeed(fr *feedRequest) ([]atomEntry, []string, error) {
	f := &store.NewsFilter{}
	var about []string
	var err error
	if f.Topic, about, err = fr.topic("topic", about); err != nil {
		return nil, nil, err
	}
	if f.Partner, about, err = fr.partner("partner", about); err != nil {
		return nil, nil, err
	}
	if slug := fr.query.Get("project"); slug != "" {
		x, err := fr.st.Project(fr.ctx, slug, fr.loc.store)
		if err != nil {
			return nil, nil, lookupFailed(err, "there is no project %q", slug)
		}
		f.Project, about = &slug, append(about, x.Title)
	}
	if year := fr.query.Get("year"); year != "" {
		if !yearParam.MatchString(year) {
			return nil, nil, badFeed("year must be a year such as 2024, got %q", year)
		}
		from, to := year+"-01-01", year+"-12-31"
		f.From, f.To, about = &from, &to, append(about, year)
	}
	list, err := fr.st.News(fr.ctx, f, store.NewsNewestFirst, store.Page{First: feedEntries}, fr.loc.store)
	if err != nil {
		return nil, nil, err
	}
	entries := make([]atomEntry, len(list.Edges))
	for i, e := range list.Edges {
		entries[i] = fr.newsEntry(e.Node)
	}
	return entries, about, nil
}

// projectsFeed is the project list's feed: ?status, ?area and ?funder, as on /projects.
func projectsFeed(fr *feedRequest) ([]atomEntry, []string, error) {
	f := &store.ProjectFilter{}
	var about []string
	var err error
	if status := fr.query.Get("status"); status != "" {
		st := store.ProjectStatus(strings.ToUpper(status))
		if !slices.Contains([]store.ProjectStatus{store.Planned, store.Ongoing, store.Completed}, st) {
			return nil, nil, badFeed("status must be planned, ongoing or completed, got %q", status)
		}
		f.Status, about = []store.ProjectStatus{st}, append(about, strings.ToLower(status))
	}
	if f.Topic, about, err = fr.topic("area", about); err != nil {
		return nil, nil, err
	}
	if f.Funder, about, err = fr.partner("funder", about); err != nil {
		return nil, nil, err
	}
	list, err := fr.st.Projects(fr.ctx, f, store.ProjectsRecentlyUpdated, store.Page{First: feedEntries}, fr.loc.store)
	if err != nil {
		return nil, nil, err
	}
	entries := make([]atomEntry, len(list.Edges))
	for i, e := range list.Edges {
		entries[i] = fr.projectEntry(e.Node)
	}
	return entries, about, nil
}

// feedSearchKinds are the values of a search feed's ?kind, as of /search's.
var feedSearchKinds = map[string]store.Kind{"news": store.KindNews, "project": store.KindProject, "partner": store.KindPartner}

// searchFeed is a search's feed: ?q (required) and ?kind, as on /search.
func searchFeed(fr *feedRequest) ([]atomEntry, []string, error) {
	q := strings.TrimSpace(fr.query.Get("q"))
	if q == "" {
		return nil, nil, badFeed("q must be the text to search for")
	}
	var kinds []store.Kind
	for _, k := range fr.query["kind"] {
		kind, ok := feedSearchKinds[strings.ToLower(k)]
		if !ok {
			return nil, nil, badFeed("kind must be news, project or partner, got %q", k)
		}
		kinds = append(kinds, kind)
	}
	list, err := fr.st.Search(fr.ctx, q, kinds, store.Page{First: feedEntries}, fr.loc.store)
	if err != nil {
		return nil, nil, err
	}
	var entries []atomEntry
	for _, e := range list.Edges {
		var entry atomEntry
		switch item := e.Node.Item.(type) {
		case *store.NewsItem:
			entry = fr.newsEntry(item)
		case *store.Project:
			entry = fr.projectEntry(item)
		case *store.Partner:
			entry = fr.partnerEntry(item)
		default:
			continue
		}
		entry.Summary = &atomText{Type: "html", Body: e.Node.Snippet}
		entries = append(entries, entry)
	}
	return entries, []string{q}, nil
}

// topic reads a topic filter parameter: the slug of a topic, whose name the title gains.
func (fr *feedRequest) topic(param string, about []string) (*string, []string, error) {
	slug := fr.query.Get(param)
	if slug == "" {
		return nil, about, nil
	}
	topics, err := fr.st.Topics(fr.ctx, fr.loc.store)
	if err != nil {
		return nil, nil, err
	}
	for _, t := range topics {
		if t.Slug == slug {
			return &slug, append(about, t.Name), nil
		}
	}
	return nil, nil, notFoundFeed("there is no topic %q", slug)
}

// partner reads a partner filter parameter: the slug of a public partner.
func (fr *feedRequest) partner(param string, about []string) (*string, []string, error) {
	slug := fr.query.Get(param)
	if slug == "" {
		return nil, about, nil
	}
	x, err := fr.st.Partner(fr.ctx, slug, fr.loc.store)
	if err != nil {
		return nil, nil, lookupFailed(err, "there is no partner %q", slug)
	}
	return &slug, append(about, x.Name), nil
}

// lookupFailed is a 404 for an item that is not there, else the store's error.
func lookupFailed(err error, format string, a ...any) error {
	if errors.Is(err, store.ErrNotFound) {
		return notFoundFeed(format, a...)
	}
	return err
}

func (fr *feedRequest) newsEntry(n *store.NewsItem) atomEntry {
	e := fr.entry("news", n.ID, n.Slug, n.Title, n.LastPublicChange(), &n.PublishedAt)
	e.Summary = &atomText{Type: "text", Body: n.Summary}
	e.Content = &atomText{Type: "html", Body: n.BodyHTML()}
	return e
}

func (fr *feedRequest) projectEntry(x *store.Project) atomEntry {
	e := fr.entry("projects", x.ID, x.Slug, x.Title, x.UpdatedAt(), x.PublishedAt)
	e.Summary = &atomText{Type: "text", Body: x.Summary}
	e.Content = &atomText{Type: "html", Body: x.DescriptionHTML()}
	return e
}

func (fr *feedRequest) partnerEntry(x *store.Partner) atomEntry {
	e := fr.entry("partners", x.ID, x.Slug, x.Name, x.UpdatedAt(), x.PublishedAt)
	e.Content = &atomText{Type: "text", Body: x.Description}
	return e
}

// entry is an item's entry: its ID is a tag URI made of the site's host, the item's kind,
// its row ID and the locale, so it stays the same when the item's slug or text changes.
func (fr *feedRequest) entry(list string, id int64, slug, title string, updated time.Time, published *time.Time) atomEntry {
	host := "localhost"
	if u, err := url.Parse(fr.origin); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	e := atomEntry{
		ID:      fmt.Sprintf("tag:%s,2026:%s/%d/%s", host, list, id, fr.loc.url),
		Title:   title,
		Updated: atomTime(updated),
		Links:   []atomLink{{Rel: "alternate", Type: "text/html", Hreflang: fr.loc.tag, Href: fr.origin + "/" + fr.loc.url + "/" + list + "/" + url.PathEscape(slug)}},
	}
	if published != nil {
		e.Published = atomTime(*published)
	}
	return e
}

// feedParams are the query parameters each list's feed reads, which its page's
// <link rel="alternate"> passes on.
var feedParams = map[string][]string{
	"news":     {"topic", "partner", "project", "year"},
	"projects": {"status", "area", "funder"},
	"search":   {"q", "kind"},
}

// feedLinks is the <link rel="alternate" type="application/atom+xml"> of a page of the
// site, for the shell's head: a list's feed with the page's filters, and on the home page
// the news and project feeds. Values are escaped by esc.
func feedLinks(r *http.Request, origin string, pg page, esc func(string) string) string {
	var lists []string
	switch pg.path {
	case "/":
		lists = []string{"news", "projects"}
	case "/news", "/projects":
		lists = []string{strings.TrimPrefix(pg.path, "/")}
	case "/search":
		if strings.TrimSpace(r.URL.Query().Get("q")) != "" {
			lists = []string{"search"}
		}
	}
	var b strings.Builder
	for _, list := range lists {
		q := url.Values{}
		for _, param := range feedParams[list] {
			if pg.path != "/" {
				for _, v := range r.URL.Query()[param] {
					q.Add(param, v)
				}
			}
		}
		href := origin + "/" + pg.loc.url + "/" + list + "/" + feedFile
		if len(q) > 0 {
			href += "?" + q.Encode()
		}
		title := pages[list].title.in(pg.loc) + " – " + siteName.in(pg.loc)
		fmt.Fprintf(&b, "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"%s\" href=\"%s\">\n", esc(title), esc(href))
	}
	return b.String()
}
