package store

import (
	"context"
	"time"

	"github.com/agency/portal/richtext"
)

// newsKind is the registry's entry of news items.
var newsKind = &kind{
	kind: KindNews, typ: "NewsItem", table: "news", alias: "news_item", num: 1,
	field: "news", noun: "news", titles: []string{"sr_title", "en_title"},
	links:    []link{newsTopics, newsProjects, newsPartners},
	dims:     newsDims,
	topics:   &newsTopics,
	newRow:   func() row { return new(NewsItem) },
	scanRows: scanRows[*NewsItem],
	docs:     func(c *Content) []doc { return docsOf(c.News) },
	addDoc:   func(c *Content, d doc) { c.News = append(c.News, *d.(*NewsDoc)) },
}

// CreateNewsItem creates a news item as a draft.
func (s *Store) CreateNewsItem(ctx context.Context, by *User, in NewsInput) (*NewsSource, error) {
	return as[*NewsSource](s.save(ctx, by, newsKind, "", 0, in.doc()))
}

// UpdateNewsItem replaces a news item's content; version is the version edited.
func (s *Store) UpdateNewsItem(ctx context.Context, by *User, gid string, version int, in NewsInput) (*NewsSource, error) {
	return as[*NewsSource](s.save(ctx, by, newsKind, gid, version, in.doc()))
}

// The lists a news item links to.
var (
	newsTopics   = link{field: "topics", table: "news_topics", own: "news_id", other: "topic_id", to: "topics"}
	newsProjects = link{field: "projects", table: "news_projects", own: "news_id", other: "project_id", to: "projects"}
	newsPartners = link{field: "partners", table: "news_partners", own: "news_id", other: "partner_id", to: "partners"}
)

func (n *NewsItem) rowID() int64              { return n.ID }
func (n *NewsItem) publication() *Publication { return &n.Publication }
func (n *NewsItem) localized(l Locale) Node   { return n.localize(l) }
func (n *NewsItem) source(s *Store, now time.Time) Source {
	return &NewsSource{item: n, s: s, now: now}
}

// A news item's publication time stays in a draft (the column cannot be empty), meaningless
// until it is published.
func (n *NewsItem) draft() {}

// keep carries over what an update does not change: the publication, and when the public
// saw it change (now, when it is visible and its content changed).
func (n *NewsItem) keep(old row, changed bool, now time.Time) {
	o := old.(*NewsItem)
	n.ID, n.Publication, n.PublishedAt, n.UpdatedAt = o.ID, o.Publication, o.PublishedAt, o.UpdatedAt
	if changed && visibleAt(&n.Publication, &n.PublishedAt, now) {
		n.UpdatedAt = &now
	}
}

func (n *NewsItem) indexText() indexText {
	return indexText{
		sr: textParts{title: []string{n.Sr.Title}, summary: []string{n.Sr.Summary}, body: []string{richtext.PlainText(n.Sr.Body)}},
		en: textParts{title: []string{n.En.Title}, summary: []string{n.En.Summary}, body: []string{richtext.PlainText(n.En.Body)}},
	}
}

// searchYear is the year of the item's publication, in Belgrade time.
func (n *NewsItem) searchYear() int { return n.PublishedAt.In(belgrade).Year() }

func (n *NewsItem) searchHit(l Locale) *SearchHit {
	x := n.localize(l)
	return &SearchHit{Title: x.Title, Item: x, locale: x.Locale, texts: []snippetText{plainText(x.Summary), richText(x.Body), plainText(x.Title)}}
}

func (n *NewsItem) doc(links map[string][]string) doc {
	d := newsDoc(n, links[newsTopics.field], links[newsProjects.field], links[newsPartners.field])
	return &d
}

// NewsSource is a news item as the editors write it. Its link lists are read when asked
// for, one statement each: the editors' lists do not ask for them.
type NewsSource struct {
	item *NewsItem
	s    *Store
	now  time.Time
}

func (n *NewsSource) GlobalID() string { return n.item.GlobalID() }
func (n *NewsSource) Kind() Kind       { return KindNews }
func (n *NewsSource) Slug() string     { return n.item.Slug }
func (n *NewsSource) Label() string    { return label(n.item.Sr.Title, n.item.En.Title) }
func (n *NewsSource) Title() Localized { return Localized{Sr: n.item.Sr.Title, En: n.item.En.Title} }
func (n *NewsSource) Summary() Localized {
	return Localized{Sr: n.item.Sr.Summary, En: n.item.En.Summary}
}
func (n *NewsSource) Body() Localized            { return Localized{Sr: n.item.Sr.Body, En: n.item.En.Body} }
func (n *NewsSource) Preview(l Locale) *NewsItem { return n.item.localize(l) }
func (n *NewsSource) Editorial() *Editorial {
	return n.item.editorial(&n.item.PublishedAt, n.now)
}
func (n *NewsSource) Cover() *ImageSource {
	return imageSource(n.item.CoverFile, n.item.Sr.CoverAlt, n.item.En.CoverAlt)
}
func (n *NewsSource) Topics(ctx context.Context) ([]string, error) {
	return newsTopics.slugs(ctx, n.s.read, n.item.ID)
}
func (n *NewsSource) Projects(ctx context.Context) ([]string, error) {
	return newsProjects.slugs(ctx, n.s.read, n.item.ID)
}
func (n *NewsSource) Partners(ctx context.Context) ([]string, error) {
	return newsPartners.slugs(ctx, n.s.read, n.item.ID)
}
