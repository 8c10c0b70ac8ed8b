package store

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"github.com/agency/portal/richtext"
	"github.com/agency/portal/translit"
)

// Source is an item as the editors write it, in any state: a *NewsSource, *ProjectSource
// or *PartnerSource. Only the editors' queries return sources.
type Source interface {
	GlobalID() string
	Kind() SearchKind
}

// ImageSource is an item's picture as the editors set it.
type ImageSource struct {
	Name string
	URL  string
	Alt  Localized
}

func imageSource(f *ImageFile, sr, en string) *ImageSource {
	if f == nil {
		return nil
	}
	return &ImageSource{Name: f.Name, URL: f.URL(), Alt: Localized{Sr: sr, En: en}}
}

// label is what lists show of an item: Serbian as written, else English.
func label(sr, en string) string {
	if strings.TrimSpace(sr) != "" {
		return sr
	}
	return en
}

// NewsSource is a news item as the editors write it. Its link lists are read when asked
// for, one statement each: the editors' lists do not ask for them.
type NewsSource struct {
	item *NewsItem
	s    *Store
	now  time.Time
}

func (n *NewsSource) GlobalID() string { return n.item.GlobalID() }
func (n *NewsSource) Kind() SearchKind { return SearchNews }
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
	return linked(ctx, n.s.read, "news_topics", "news_id", "topics", "topic_id", n.item.ID)
}
func (n *NewsSource) Projects(ctx context.Context) ([]string, error) {
	return linked(ctx, n.s.read, "news_projects", "news_id", "projects", "project_id", n.item.ID)
}
func (n *NewsSource) Partners(ctx context.Context) ([]string, error) {
	return linked(ctx, n.s.read, "news_partners", "news_id", "partners", "partner_id", n.item.ID)
}

// ProjectSource is a project as the editors write it.
type ProjectSource struct {
	item *Project
	s    *Store
	now  time.Time
}

func (p *ProjectSource) GlobalID() string          { return p.item.GlobalID() }
func (p *ProjectSource) Kind() SearchKind          { return SearchProject }
func (p *ProjectSource) Slug() string              { return p.item.Slug }
func (p *ProjectSource) Label() string             { return label(p.item.Sr.Title, p.item.En.Title) }
func (p *ProjectSource) Preview(l Locale) *Project { return p.item.localize(l) }
func (p *ProjectSource) Editorial() *Editorial     { return p.item.editorial(p.item.PublishedAt, p.now) }
func (p *ProjectSource) Title() Localized          { return Localized{Sr: p.item.Sr.Title, En: p.item.En.Title} }
func (p *ProjectSource) OfficialTitle() Localized {
	return Localized{Sr: p.item.Sr.OfficialTitle, En: p.item.En.OfficialTitle}
}
func (p *ProjectSource) Summary() Localized {
	return Localized{Sr: p.item.Sr.Summary, En: p.item.En.Summary}
}
func (p *ProjectSource) Description() Localized {
	return Localized{Sr: p.item.Sr.Description, En: p.item.En.Description}
}
func (p *ProjectSource) Status() ProjectStatus        { return p.item.Status }
func (p *ProjectSource) StartDate() *string           { return p.item.StartDate }
func (p *ProjectSource) EndDate() *string             { return p.item.EndDate }
func (p *ProjectSource) DatePrecision() DatePrecision { return p.item.DatePrecision }
func (p *ProjectSource) URL() *string                 { return p.item.URL }
func (p *ProjectSource) Budget() *Money {
	if b := p.item.Budget; b != nil && b.Amount != "" {
		return b
	}
	return nil
}
func (p *ProjectSource) Locations() LocalizedList {
	return LocalizedList{Sr: orEmpty(p.item.Sr.Locations), En: orEmpty(p.item.En.Locations)}
}
func (p *ProjectSource) ExpectedResults() LocalizedList {
	return LocalizedList{Sr: orEmpty(p.item.Sr.ExpectedResults), En: orEmpty(p.item.En.ExpectedResults)}
}
func (p *ProjectSource) Objectives() LocalizedList {
	return LocalizedList{Sr: orEmpty(p.item.Sr.Objectives), En: orEmpty(p.item.En.Objectives)}
}
func (p *ProjectSource) SpecificObjectives() LocalizedList {
	return LocalizedList{Sr: orEmpty(p.item.Sr.SpecificObjectives), En: orEmpty(p.item.En.SpecificObjectives)}
}
func (p *ProjectSource) TargetGroups() LocalizedList {
	return LocalizedList{Sr: orEmpty(p.item.Sr.TargetGroups), En: orEmpty(p.item.En.TargetGroups)}
}
func (p *ProjectSource) Cover() *ImageSource {
	return imageSource(p.item.CoverFile, p.item.Sr.CoverAlt, p.item.En.CoverAlt)
}
func (p *ProjectSource) Areas(ctx context.Context) ([]string, error) {
	return linked(ctx, p.s.read, "project_topics", "project_id", "topics", "topic_id", p.item.ID)
}
func (p *ProjectSource) Funders(ctx context.Context) ([]string, error) {
	return partnersInRole(ctx, p.s.read, p.item.ID, Funder)
}
func (p *ProjectSource) Implementers(ctx context.Context) ([]string, error) {
	return partnersInRole(ctx, p.s.read, p.item.ID, Implementer)
}
func (p *ProjectSource) CooperatingPartners(ctx context.Context) ([]string, error) {
	return partnersInRole(ctx, p.s.read, p.item.ID, Cooperating)
}

// PartnerSource is a partner as the editors write it.
type PartnerSource struct {
	item *Partner
	now  time.Time
}

func (p *PartnerSource) GlobalID() string          { return p.item.GlobalID() }
func (p *PartnerSource) Kind() SearchKind          { return SearchPartner }
func (p *PartnerSource) Slug() string              { return p.item.Slug }
func (p *PartnerSource) Label() string             { return label(p.item.Sr.Name, p.item.En.Name) }
func (p *PartnerSource) Preview(l Locale) *Partner { return p.item.localize(l) }
func (p *PartnerSource) Editorial() *Editorial     { return p.item.editorial(p.item.PublishedAt, p.now) }
func (p *PartnerSource) Name() Localized           { return Localized{Sr: p.item.Sr.Name, En: p.item.En.Name} }
func (p *PartnerSource) Description() Localized {
	return Localized{Sr: p.item.Sr.Description, En: p.item.En.Description}
}
func (p *PartnerSource) Acronym() *string         { return p.item.Acronym }
func (p *PartnerSource) Website() *string         { return p.item.Website }
func (p *PartnerSource) PartnerKind() PartnerKind { return p.item.Kind }

// linked lists the slugs an item links to through a link table, by slug, through db (the
// read pool, or a write transaction).
func linked(ctx context.Context, db bun.IDB, link, ownCol, otherTable, otherCol string, id int64) ([]string, error) {
	slugs := []string{}
	err := db.NewSelect().TableExpr(link+" AS l").ColumnExpr("o.slug").
		Join("JOIN "+otherTable+" AS o ON o.id = l."+otherCol).
		Where("l."+ownCol+" = ?", id).OrderExpr("o.slug").Scan(ctx, &slugs)
	return slugs, err
}

// partnersInRole lists the slugs of a project's partners in one role, in their order.
func partnersInRole(ctx context.Context, db bun.IDB, project int64, role PartnerRole) ([]string, error) {
	slugs := []string{}
	err := db.NewSelect().TableExpr("project_partners AS l").ColumnExpr("o.slug").
		Join("JOIN partners AS o ON o.id = l.partner_id").
		Where("l.project_id = ? AND l.role = ?", project, role).OrderExpr("l.position, o.slug").Scan(ctx, &slugs)
	return slugs, err
}

// kindOf describes the table of each kind of content.
type kindOf struct {
	num    int64
	typ    string // the global ID type
	table  string
	alias  string   // bun's alias of the model
	titles []string // the title columns, for the text filter
}

var sourceKinds = map[SearchKind]kindOf{
	SearchNews:    {kindNewsNum, kindNews, "news", "news_item", []string{"sr_title", "en_title"}},
	SearchProject: {kindProjectNum, kindProject, "projects", "project", []string{"sr_title", "en_title"}},
	SearchPartner: {kindPartnerNum, kindPartner, "partners", "partner", []string{"sr_name", "en_name", "acronym"}},
}

func kindByType(typ string) (SearchKind, kindOf, bool) {
	for k, info := range sourceKinds {
		if info.typ == typ {
			return k, info, true
		}
	}
	return "", kindOf{}, false
}

// SourceFilter narrows the editors' lists.
type SourceFilter struct {
	States []PublicationState
	Text   *string
}

// SourceConnection is a page of the editors' list.
type SourceConnection struct {
	Edges    []*SourceEdge
	PageInfo *PageInfo
	count    counter
}

// TotalCount is how many items match, across all pages.
func (c *SourceConnection) TotalCount(ctx context.Context) (int, error) { return c.count(ctx) }

// SourceEdge is an item of the editors' list with its cursor.
type SourceEdge struct {
	Cursor string
	Node   Source
}

// stateSQL is the condition of a state at now, with its arguments.
func stateSQL(alias string, st PublicationState, now time.Time) (string, []any) {
	switch st {
	case Draft:
		return alias + ".state = 'DRAFT' AND " + alias + ".deleted_at IS NULL", nil
	case Scheduled:
		return alias + ".state = 'PUBLISHED' AND " + alias + ".deleted_at IS NULL AND " + alias + ".published_at > ?", []any{now}
	case Published:
		return publicSQL(alias), []any{now}
	}
	return alias + ".deleted_at IS NOT NULL", nil
}

// sourceSelect selects the rows of a kind with the email of who changed them last.
func sourceSelect(db bun.IDB, info kindOf, model any) *bun.SelectQuery {
	return db.NewSelect().Model(model).ColumnExpr(info.alias + ".*").ColumnExpr("u.email AS changed_by_email").
		Join("LEFT JOIN users AS u ON u.id = " + info.alias + ".changed_by")
}

// Sources lists the items of a kind for the editors, the most recently changed first.
func (s *Store) Sources(ctx context.Context, kind SearchKind, f *SourceFilter, p Page) (*SourceConnection, error) {
	info, ok := sourceKinds[kind]
	if !ok {
		return nil, inputError("kind", "%q is not a kind of item", kind)
	}
	now := s.clock()
	filter := func(q *bun.SelectQuery) *bun.SelectQuery {
		var states []PublicationState
		if f != nil {
			states = f.States
		}
		if len(states) == 0 {
			q.Where(info.alias + ".deleted_at IS NULL")
		} else {
			q.WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
				for _, st := range states {
					cond, args := stateSQL(info.alias, st, now)
					q.WhereOr(cond, args...)
				}
				return q
			})
		}
		if f != nil && f.Text != nil && strings.TrimSpace(*f.Text) != "" {
			textFilter(q, info, strings.TrimSpace(*f.Text))
		}
		return q
	}
	const tag = "e"
	q := filter(sourceSelect(s.read, info, modelOf(kind)))
	if p.After != "" {
		key, id, err := decodeIDCursor(p.After, tag, 2)
		if err != nil {
			return nil, err
		}
		at, err := time.Parse(time.RFC3339, key[0])
		if err != nil {
			return nil, inputError("after", "is not a cursor of this list")
		}
		q.Where("("+info.alias+".changed_at, "+info.alias+".id) < (?, ?)", at.UTC(), id)
	}
	q.OrderExpr(info.alias + ".changed_at DESC, " + info.alias + ".id DESC").Limit(int64(p.First + 1))
	var items []Source
	var err error
	switch kind {
	case SearchNews:
		var rows []*NewsItem
		err = q.Scan(ctx, &rows)
		for _, r := range rows {
			items = append(items, &NewsSource{item: r, s: s, now: now})
		}
	case SearchProject:
		var rows []*Project
		err = q.Scan(ctx, &rows)
		for _, r := range rows {
			items = append(items, &ProjectSource{item: r, s: s, now: now})
		}
	default:
		var rows []*Partner
		err = q.Scan(ctx, &rows)
		for _, r := range rows {
			items = append(items, &PartnerSource{item: r, now: now})
		}
	}
	if err != nil {
		return nil, err
	}
	items, cursors, info2 := pageOf(items, p, func(x Source) string {
		pub := publicationOf(x)
		return encodeCursor(tag, pub.ChangedAt.UTC().Format(time.RFC3339), strconv.FormatInt(idOf(x), 10))
	})
	c := &SourceConnection{Edges: make([]*SourceEdge, len(items)), PageInfo: info2, count: func(ctx context.Context) (int, error) {
		n, err := filter(s.read.NewSelect().Model(modelOf(kind))).Count(ctx)
		return int(n), err
	}}
	for i, x := range items {
		c.Edges[i] = &SourceEdge{Cursor: cursors[i], Node: x}
	}
	return c, nil
}

// textFilter keeps items whose title or slug contains the text: as typed, in either
// script, and as slug letters (so "madjarska" finds "Мађарска").
func textFilter(q *bun.SelectQuery, info kindOf, text string) {
	forms := map[string]bool{text: true, translit.ToLatin(text): true, translit.ToCyrillic(text): true}
	q.WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
		for form := range forms {
			for _, col := range info.titles {
				q.WhereOr(info.alias+"."+col+" LIKE ? ESCAPE '\\'", "%"+likeEscape(form)+"%")
			}
		}
		if slug := translit.Slug(text); slug != "" {
			q.WhereOr(info.alias+".slug LIKE ? ESCAPE '\\'", "%"+likeEscape(slug)+"%")
		}
		return q
	})
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

func modelOf(kind SearchKind) any {
	switch kind {
	case SearchNews:
		return (*NewsItem)(nil)
	case SearchProject:
		return (*Project)(nil)
	}
	return (*Partner)(nil)
}

func publicationOf(x Source) *Publication {
	switch v := x.(type) {
	case *NewsSource:
		return &v.item.Publication
	case *ProjectSource:
		return &v.item.Publication
	case *PartnerSource:
		return &v.item.Publication
	}
	return nil
}

func idOf(x Source) int64 {
	switch v := x.(type) {
	case *NewsSource:
		return v.item.ID
	case *ProjectSource:
		return v.item.ID
	case *PartnerSource:
		return v.item.ID
	}
	return 0
}

// Source returns one item for the editors by its global ID, in any state, or ErrNotFound.
func (s *Store) Source(ctx context.Context, gid string) (Source, error) {
	typ, id, err := parseGlobalID(gid)
	if err != nil {
		return nil, err
	}
	return s.sourceByID(ctx, s.read, typ, id)
}

// sourceByID reads an item of a global ID type for the editors, through db (the read
// pool, or a write transaction that must see its own writes).
func (s *Store) sourceByID(ctx context.Context, db bun.IDB, typ string, id int64) (Source, error) {
	kind, info, ok := kindByType(typ)
	if !ok {
		return nil, ErrNotFound
	}
	now := s.clock()
	var src Source
	var model any
	switch kind {
	case SearchNews:
		n := new(NewsItem)
		model, src = n, &NewsSource{item: n, s: s, now: now}
	case SearchProject:
		p := new(Project)
		model, src = p, &ProjectSource{item: p, s: s, now: now}
	default:
		p := new(Partner)
		model, src = p, &PartnerSource{item: p, now: now}
	}
	err := sourceSelect(db, info, model).Where(info.alias+".id = ?", id).Scan(ctx)
	if err != nil {
		return nil, notFound(err)
	}
	return src, nil
}

// SuggestSlug is a slug for a title, in Latin letters, that no other item of the kind has
// (except the item with the global ID except, when given).
func (s *Store) SuggestSlug(ctx context.Context, kind SearchKind, title string, except *string) (string, error) {
	info, ok := sourceKinds[kind]
	if !ok {
		return "", inputError("kind", "%q is not a kind of item", kind)
	}
	var own int64
	if except != nil {
		_, id, err := parseGlobalID(*except)
		if err != nil {
			return "", err
		}
		own = id
	}
	return freeSlug(ctx, s.read, info.table, translit.Slug(title), own, strings.ToLower(string(kind)))
}

// freeSlug is base, or base-2, base-3 … whichever no row of the table but own has.
func freeSlug(ctx context.Context, db bun.IDB, table, base string, own int64, fallback string) (string, error) {
	if base == "" {
		base = fallback
	}
	if len(base) > maxSlugBytes-4 {
		base = strings.TrimRight(base[:maxSlugBytes-4], "-")
	}
	var taken []string
	err := db.NewSelect().Table(table).Column("slug").Where("id != ?", own).
		Where("slug = ? OR slug LIKE ? ESCAPE '\\'", base, likeEscape(base)+"-%").Scan(ctx, &taken)
	if err != nil {
		return "", err
	}
	used := map[string]bool{}
	for _, t := range taken {
		used[t] = true
	}
	slug := base
	for i := 2; used[slug]; i++ {
		slug = base + "-" + strconv.Itoa(i)
	}
	return slug, nil
}

// RenderMarkdown renders an editor's Markdown as the public will see it in a locale:
// Serbian in the locale's script, sanitised HTML.
func RenderMarkdown(md string, locale Locale) (string, error) {
	if utf8.RuneCountInString(md) > maxMarkdown {
		return "", inputError("markdown", "is longer than %d characters", maxMarkdown)
	}
	switch locale {
	case SrCyrl:
		md = translit.ToCyrillic(md)
	case SrLatn:
		md = translit.ToLatin(md)
	}
	return richtext.HTML(md), nil
}
