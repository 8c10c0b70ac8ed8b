package store

import (
	"context"
	"strconv"
	"time"

	"github.com/uptrace/bun"
)

// The public's lists of news items.

// NewsFilter narrows a news list. Dates are YYYY-MM-DD, in Belgrade time.
type NewsFilter struct {
	Topic   *string
	Partner *string
	Project *string
	From    *string
	To      *string

	UpdatedSince *time.Time // only items the public saw change at or after this time
}

// NewsOrder is the sort order of a news list.
type NewsOrder string

// The news orders.
const (
	NewsNewestFirst NewsOrder = "PUBLISHED_AT_DESC"
	NewsOldestFirst NewsOrder = "PUBLISHED_AT_ASC"
	NewsByUpdate    NewsOrder = "UPDATED_AT" // the oldest public change first: for sync
)

// NewsConnection is a page of news items.
type NewsConnection struct {
	Edges    []*NewsEdge
	PageInfo *PageInfo
	count    counter
}

// TotalCount is how many items match, across all pages.
func (c *NewsConnection) TotalCount(ctx context.Context) (int, error) { return c.count(ctx) }

// NewsEdge is a news item with its cursor.
type NewsEdge struct {
	Cursor string
	Node   *NewsItem
}

func newsConnection(items []*NewsItem, p Page, tag string, locale Locale, count counter) *NewsConnection {
	items, cursors, info := pageOf(items, p, func(n *NewsItem) string {
		if tag == updatedTag(newsKind, false) {
			return updatedCursor(newsKind, false, n.LastPublicChange(), n.ID)
		}
		return encodeCursor(tag, n.PublishedAt.UTC().Format(time.RFC3339), strconv.FormatInt(n.ID, 10))
	})
	c := &NewsConnection{Edges: make([]*NewsEdge, len(items)), PageInfo: info, count: count}
	for i, n := range items {
		c.Edges[i] = &NewsEdge{Cursor: cursors[i], Node: n.localize(locale)}
	}
	return c
}

// newsAfter adds the keyset condition of a cursor made by newsConnection.
func newsAfter(q *bun.SelectQuery, p Page, tag, alias string, desc bool) error {
	if p.After == "" {
		return nil
	}
	key, id, err := decodeIDCursor(p.After, tag, 2)
	if err != nil {
		return err
	}
	at, err := time.Parse(time.RFC3339, key[0])
	if err != nil {
		return inputError("after", "is not a cursor of this list")
	}
	op := ">"
	if desc {
		op = "<"
	}
	q.Where("("+alias+".published_at, "+alias+".id) "+op+" (?, ?)", at.UTC(), id)
	return nil
}

// newsPage adds the ordering and the cursor's condition to a news list.
func newsPage(q *bun.SelectQuery, order NewsOrder, p Page, tag string) error {
	if order == NewsByUpdate {
		return updatedPage(q, newsKind, p, false)
	}
	desc := order != NewsOldestFirst
	if err := newsAfter(q, p, tag, "news_item", desc); err != nil {
		return err
	}
	dir := " ASC"
	if desc {
		dir = " DESC"
	}
	q.OrderExpr("news_item.published_at" + dir + ", news_item.id" + dir)
	return nil
}

// News lists news items.
func (s *Store) News(ctx context.Context, f *NewsFilter, order NewsOrder, p Page, locale Locale) (*NewsConnection, error) {
	tag := "n" + string(order)
	if order == NewsByUpdate {
		tag = updatedTag(newsKind, false)
	}
	now := s.clock()
	lf, err := s.newsFilter(ctx, f, now)
	if err != nil {
		return nil, err
	}
	q := lf.where(s.publicNews(now))
	if err := newsPage(q, order, p, tag); err != nil {
		return nil, err
	}
	var items []*NewsItem
	if err := q.Limit(int64(p.First+1)).Scan(ctx, &items); err != nil {
		return nil, err
	}
	return newsConnection(items, p, tag, locale, func(ctx context.Context) (int, error) {
		return s.publicCount(ctx, lf, now)
	}), nil
}

// publicNews selects the news items the public sees at now.
func (s *Store) publicNews(now time.Time) *bun.SelectQuery {
	return s.read.NewSelect().Model((*NewsItem)(nil)).Where(publicSQL("news_item"), now)
}

// newsFilter resolves a news filter: its topic, and its partner and project if the public
// sees them at now (an unknown one is BAD_USER_INPUT); it checks the dates.
func (s *Store) newsFilter(ctx context.Context, f *NewsFilter, now time.Time) (listFilter, error) {
	b := &filterBuilder{s: s}
	if f == nil {
		return b.filter(newsKind), nil
	}
	refs := []struct {
		dim, table, link, col string
		slug                  *string
		public                bool
	}{
		{"topic", "topics", "news_topics", "topic_id", f.Topic, false},
		{"partner", "partners", "news_partners", "partner_id", f.Partner, true},
		{"project", "projects", "news_projects", "project_id", f.Project, true},
	}
	for _, r := range refs {
		if r.slug == nil {
			continue
		}
		cond := "EXISTS (SELECT 1 FROM " + r.link + " x WHERE x.news_id = news_item.id AND x." + r.col + " = ?)"
		var err error
		if r.public {
			err = b.ref(ctx, r.dim, *r.slug, r.table, publicSQL("t"), cond, now)
		} else {
			err = b.ref(ctx, r.dim, *r.slug, r.table, "", cond)
		}
		if err != nil {
			return listFilter{}, err
		}
	}
	if f.From != nil {
		from, err := dayStart(*f.From, "filter.from")
		if err != nil {
			return listFilter{}, err
		}
		b.add("from="+*f.From, "news_item.published_at >= ?", from)
	}
	if f.To != nil {
		to, err := dayStart(*f.To, "filter.to")
		if err != nil {
			return listFilter{}, err
		}
		b.add("to="+*f.To, "news_item.published_at < ?", to.AddDate(0, 0, 1).UTC())
	}
	b.updatedSince("news_item", f.UpdatedSince)
	return b.filter(newsKind), nil
}

// belgrade is the agency's time zone: date filters are days in Belgrade.
var belgrade = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Belgrade")
	if err != nil {
		panic(err) // cli imports time/tzdata, so this cannot happen
	}
	return loc
}()

// dayStart is the first instant of a YYYY-MM-DD day in Belgrade, in UTC.
func dayStart(day, field string) (time.Time, error) {
	d, err := time.ParseInLocation(time.DateOnly, day, belgrade)
	if err != nil {
		return time.Time{}, inputError(field, "must be a date YYYY-MM-DD, got %q", day)
	}
	return d.UTC(), nil
}

// NewsItem returns the public news item with a slug, or ErrNotFound.
func (s *Store) NewsItem(ctx context.Context, slug string, locale Locale) (*NewsItem, error) {
	n := new(NewsItem)
	if err := s.public(s.read.NewSelect().Model(n), "news_item").Where("slug = ?", slug).Scan(ctx); err != nil {
		return nil, notFound(err)
	}
	return n.localize(locale), nil
}

// newsRow is a news item with the parent it was loaded for.
type newsRow struct {
	NewsItem `bun:",extend"`
	Parent   int64
	Rn       int // position within the parent
}

// NewsOf loads, in two statements whatever the number of parents, one page of public news
// items for each of several projects (via news_projects) or partners (via news_partners).
func (s *Store) newsOf(ctx context.Context, link, parentCol string, parents []int64, p Page, locale Locale) (map[int64]*NewsConnection, error) {
	tag := "n" + string(NewsNewestFirst)
	now := s.clock()
	inner := s.publicNews(now).
		ColumnExpr("news_item.*").ColumnExpr("l."+parentCol+" AS parent").
		ColumnExpr("row_number() OVER (PARTITION BY l."+parentCol+" ORDER BY news_item.published_at DESC, news_item.id DESC) AS rn").
		Join("JOIN "+link+" AS l ON l.news_id = news_item.id").
		Where("l."+parentCol+" IN (?)", bun.In(parents))
	if err := newsAfter(inner, p, tag, "news_item", true); err != nil {
		return nil, err
	}
	var rows []newsRow
	err := s.read.NewSelect().TableExpr("(?) AS r", inner).ColumnExpr("r.*").
		Where("r.rn <= ?", p.First+1).OrderExpr("r.parent, r.rn").Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	links := s.read.NewSelect().TableExpr(link+" AS x").ColumnExpr("x."+parentCol).
		Join("JOIN news AS news_item ON news_item.id = x.news_id").
		Where("x."+parentCol+" IN (?)", bun.In(parents)).Where(publicSQL("news_item"), now)
	counts, err := s.countBy(ctx, links, parentCol, parents)
	if err != nil {
		return nil, err
	}
	byParent := map[int64][]*NewsItem{}
	for i := range rows {
		byParent[rows[i].Parent] = append(byParent[rows[i].Parent], &rows[i].NewsItem)
	}
	out := make(map[int64]*NewsConnection, len(parents))
	for _, id := range parents {
		out[id] = newsConnection(byParent[id], p, tag, locale, fixedCount(counts[id]))
	}
	return out, nil
}

// NewsOfProjects loads one page of news items for each project.
func (s *Store) NewsOfProjects(ctx context.Context, projects []int64, p Page, locale Locale) (map[int64]*NewsConnection, error) {
	return s.newsOf(ctx, "news_projects", "project_id", projects, p, locale)
}

// NewsOfPartners loads one page of news items for each partner.
func (s *Store) NewsOfPartners(ctx context.Context, partners []int64, p Page, locale Locale) (map[int64]*NewsConnection, error) {
	return s.newsOf(ctx, "news_partners", "partner_id", partners, p, locale)
}

// countBy counts, in one statement, the link rows of a query per parent.
func (s *Store) countBy(ctx context.Context, links *bun.SelectQuery, parentCol string, parents []int64) (map[int64]int, error) {
	var rows []struct {
		Parent int64
		N      int
	}
	err := s.read.NewSelect().TableExpr("(?) AS l", links).ColumnExpr("l."+parentCol+" AS parent, count(*) AS n").
		GroupExpr("l."+parentCol).Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]int, len(rows))
	for _, r := range rows {
		out[r.Parent] = r.N
	}
	return out, nil
}
