package store

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// The public's lists of projects.

// ProjectFilter narrows a project list.
type ProjectFilter struct {
	Status      []ProjectStatus
	Topic       *string
	Funder      *string
	Implementer *string
	ActiveOn    *string // YYYY-MM-DD

	UpdatedSince *time.Time // only projects the public saw change at or after this time
}

// ProjectOrder is the sort order of a project list.
type ProjectOrder string

// The project orders. Projects without a start date come last in both.
const (
	ProjectsLatestFirst   ProjectOrder = "START_DATE_DESC"
	ProjectsEarliestFirst ProjectOrder = "START_DATE_ASC"
	ProjectsByUpdate      ProjectOrder = "UPDATED_AT" // the oldest public change first: for sync
	// ProjectsRecentlyUpdated is the newest public change first: for feeds. Not in the
	// GraphQL enum, since paging it while items change skips them.
	ProjectsRecentlyUpdated ProjectOrder = "UPDATED_AT_DESC"
)

// ProjectConnection is a page of projects.
type ProjectConnection struct {
	Edges    []*ProjectEdge
	PageInfo *PageInfo
	count    counter
}

// TotalCount is how many projects match, across all pages.
func (c *ProjectConnection) TotalCount(ctx context.Context) (int, error) { return c.count(ctx) }

// ProjectEdge is a project with its cursor.
type ProjectEdge struct {
	Cursor string
	Node   *Project
}

// projectOrder is the sort key of an ordering: the start date, with unknown dates made to
// sort last, then the ID.
func projectOrder(order ProjectOrder) (key, dir, op string) {
	if order == ProjectsEarliestFirst {
		return "coalesce(project.start_date, '9999-99-99')", " ASC", ">"
	}
	return "coalesce(project.start_date, '0000-00-00')", " DESC", "<"
}

func projectSortKey(p *Project, order ProjectOrder) string {
	switch {
	case p.StartDate != nil:
		return *p.StartDate
	case order == ProjectsEarliestFirst:
		return "9999-99-99"
	default:
		return "0000-00-00"
	}
}

// projectPage adds ordering, cursor and limit to a project query.
func projectPage(q *bun.SelectQuery, order ProjectOrder, p Page) (string, error) {
	if order == ProjectsByUpdate || order == ProjectsRecentlyUpdated {
		desc := order == ProjectsRecentlyUpdated
		return updatedTag(projectKind, desc), updatedPage(q, projectKind, p, desc)
	}
	tag := "r" + string(order)
	key, dir, op := projectOrder(order)
	if p.After != "" {
		k, id, err := decodeIDCursor(p.After, tag, 2)
		if err != nil {
			return "", err
		}
		q.Where("("+key+", project.id) "+op+" (?, ?)", k[0], id)
	}
	q.OrderExpr(key + dir + ", project.id" + dir)
	return tag, nil
}

func projectConnection(items []*Project, p Page, order ProjectOrder, tag string, locale Locale, count counter) *ProjectConnection {
	items, cursors, info := pageOf(items, p, func(x *Project) string {
		if order == ProjectsByUpdate || order == ProjectsRecentlyUpdated {
			return updatedCursor(projectKind, order == ProjectsRecentlyUpdated, x.UpdatedAt(), x.ID)
		}
		return encodeCursor(tag, projectSortKey(x, order), strconv.FormatInt(x.ID, 10))
	})
	c := &ProjectConnection{Edges: make([]*ProjectEdge, len(items)), PageInfo: info, count: count}
	for i, x := range items {
		c.Edges[i] = &ProjectEdge{Cursor: cursors[i], Node: x.localize(locale)}
	}
	return c
}

// Projects lists public projects.
func (s *Store) Projects(ctx context.Context, f *ProjectFilter, order ProjectOrder, p Page, locale Locale) (*ProjectConnection, error) {
	now := s.clock()
	lf, err := s.projectFilter(ctx, f, now)
	if err != nil {
		return nil, err
	}
	q := lf.where(s.publicProjects(now))
	tag, err := projectPage(q, order, p)
	if err != nil {
		return nil, err
	}
	var items []*Project
	if err := q.Limit(int64(p.First+1)).Scan(ctx, &items); err != nil {
		return nil, err
	}
	return projectConnection(items, p, order, tag, locale, func(ctx context.Context) (int, error) {
		return s.publicCount(ctx, lf, now)
	}), nil
}

// publicProjects selects the projects the public sees at now.
func (s *Store) publicProjects(now time.Time) *bun.SelectQuery {
	return s.read.NewSelect().Model((*Project)(nil)).Where(publicSQL("project"), now)
}

// projectFilter resolves a project filter: its topic, and its funder and implementer if
// the public sees them at now (an unknown one is BAD_USER_INPUT); it checks the date.
func (s *Store) projectFilter(ctx context.Context, f *ProjectFilter, now time.Time) (listFilter, error) {
	b := &filterBuilder{s: s}
	if f == nil {
		return b.filter(projectKind), nil
	}
	if len(f.Status) > 0 {
		statuses := make([]string, len(f.Status))
		for i, st := range f.Status {
			statuses[i] = string(st)
		}
		b.values("status", "project.status IN (?)", statuses)
	}
	if f.Topic != nil {
		err := b.ref(ctx, "topic", *f.Topic, "topics", "",
			"EXISTS (SELECT 1 FROM project_topics x WHERE x.project_id = project.id AND x.topic_id = ?)")
		if err != nil {
			return listFilter{}, err
		}
	}
	roles := []struct {
		role PartnerRole
		slug *string
	}{{Funder, f.Funder}, {Implementer, f.Implementer}}
	for _, r := range roles {
		if r.slug == nil {
			continue
		}
		err := b.ref(ctx, strings.ToLower(string(r.role)), *r.slug, "partners", publicSQL("t"),
			"EXISTS (SELECT 1 FROM project_partners x WHERE x.project_id = project.id AND x.role = '"+string(r.role)+"' AND x.partner_id = ?)", now)
		if err != nil {
			return listFilter{}, err
		}
	}
	if f.ActiveOn != nil {
		if _, err := dayStart(*f.ActiveOn, "filter.activeOn"); err != nil {
			return listFilter{}, err
		}
		b.add("activeOn="+*f.ActiveOn, "project.start_date <= ? AND (project.end_date IS NULL OR project.end_date >= ?)", *f.ActiveOn, *f.ActiveOn)
	}
	b.updatedSince("project", f.UpdatedSince)
	return b.filter(projectKind), nil
}

// Project returns the public project with a slug, or ErrNotFound.
func (s *Store) Project(ctx context.Context, slug string, locale Locale) (*Project, error) {
	p := new(Project)
	if err := s.public(s.read.NewSelect().Model(p), "project").Where("slug = ?", slug).Scan(ctx); err != nil {
		return nil, notFound(err)
	}
	return p.localize(locale), nil
}

// ProjectsOfPartners loads, in two statements whatever the number of partners, one page
// of projects for each partner, in one role or any (role nil).
func (s *Store) ProjectsOfPartners(ctx context.Context, partners []int64, role *PartnerRole, p Page, locale Locale) (map[int64]*ProjectConnection, error) {
	order := ProjectsLatestFirst
	key, dir, _ := projectOrder(order)
	// A partner may hold two roles in one project: the link rows are made distinct first.
	// Only public projects are linked.
	links := s.read.NewSelect().TableExpr("project_partners AS x").ColumnExpr("DISTINCT x.project_id, x.partner_id").
		Join("JOIN projects AS pr ON pr.id = x.project_id").
		Where("x.partner_id IN (?)", bun.In(partners)).Where(publicSQL("pr"), s.clock())
	if role != nil {
		links.Where("x.role = ?", *role)
	}
	inner := s.read.NewSelect().Model((*Project)(nil)).
		ColumnExpr("project.*").ColumnExpr("l.partner_id AS parent").
		ColumnExpr("row_number() OVER (PARTITION BY l.partner_id ORDER BY "+key+dir+", project.id"+dir+") AS rn").
		Join("JOIN (?) AS l ON l.project_id = project.id", links)
	tag, err := projectPage(inner, order, p)
	if err != nil {
		return nil, err
	}
	var rows []struct {
		Project `bun:",extend"`
		Parent  int64
		Rn      int // position within the parent
	}
	err = s.read.NewSelect().TableExpr("(?) AS r", inner).ColumnExpr("r.*").
		Where("r.rn <= ?", p.First+1).OrderExpr("r.parent, r.rn").Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	counts, err := s.countBy(ctx, links, "partner_id", partners)
	if err != nil {
		return nil, err
	}
	byParent := map[int64][]*Project{}
	for i := range rows {
		byParent[rows[i].Parent] = append(byParent[rows[i].Parent], &rows[i].Project)
	}
	out := make(map[int64]*ProjectConnection, len(partners))
	for _, id := range partners {
		out[id] = projectConnection(byParent[id], p, order, tag, locale, fixedCount(counts[id]))
	}
	return out, nil
}

// ProjectsOfNews loads, in one statement, the projects related to several news items.
func (s *Store) ProjectsOfNews(ctx context.Context, news []int64, locale Locale) (map[int64][]*Project, error) {
	var rows []struct {
		Project `bun:",extend"`
		Parent  int64
	}
	err := s.publicProjects(s.clock()).ColumnExpr("project.*, l.news_id AS parent").
		Join("JOIN news_projects AS l ON l.project_id = project.id").
		Where("l.news_id IN (?)", bun.In(news)).Order("project.slug").Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	out := map[int64][]*Project{}
	for i := range rows {
		out[rows[i].Parent] = append(out[rows[i].Parent], rows[i].Project.localize(locale))
	}
	return out, nil
}
