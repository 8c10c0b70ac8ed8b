package store

import (
	"time"

	"github.com/uptrace/bun"

	"github.com/agency/portal/richtext"
)

// NewsText is the text of a news item in one language. Body is Markdown; CoverAlt says
// what the cover picture shows.
type NewsText struct {
	Title    string
	Summary  string
	Body     string
	CoverAlt string
}

func (t NewsText) has() bool { return t.Title != "" }

func (t NewsText) script(f func(string) string) NewsText {
	return NewsText{Title: f(t.Title), Summary: f(t.Summary), Body: f(t.Body), CoverAlt: f(t.CoverAlt)}
}

// NewsItem is one of the agency's communications.
type NewsItem struct {
	bun.BaseModel `bun:"table:news,alias:news_item"`

	ID          int64      `bun:",pk,autoincrement"`
	Slug        string     `bun:",notnull"`
	PublishedAt time.Time  `bun:",notnull"` // for a draft, meaningless until it is published
	UpdatedAt   *time.Time `bun:",nullzero"`
	Sr          NewsText   `bun:"embed:sr_"`
	En          NewsText   `bun:"embed:en_"`
	CoverFile   *ImageFile `bun:"cover"`
	Publication

	NewsText  `bun:"-"` // the text served, in Locale
	Locale    Locale    `bun:"-"`
	requested Locale
}

func (n *NewsItem) localize(want Locale) *NewsItem {
	out := *n
	out.requested = want
	out.NewsText, out.Locale = serve(n.Sr, n.En, NewsText.has, want, NewsText.script)
	return &out
}

// GlobalID is the item's global object ID.
func (n *NewsItem) GlobalID() string { return globalID(newsKind.typ, n.ID) }

// Requested is the locale the item was asked for in; related items are served in it.
func (n *NewsItem) Requested() Locale { return n.requested }

// BodyHTML is the body rendered from Markdown to sanitised HTML.
func (n *NewsItem) BodyHTML() string { return richtext.HTML(n.Body) }

// Cover is the cover picture with its alt text in the served locale, nil when none.
func (n *NewsItem) Cover() *Image { return cover(n.CoverFile, n.CoverAlt) }
