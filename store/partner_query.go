package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// The public's lists of partners.

// PartnerFilter narrows a partner list.
type PartnerFilter struct {
	Kind []PartnerKind

	UpdatedSince *time.Time // only partners the public saw change at or after this time
}

// PartnerOrder is the sort order of a partner list.
type PartnerOrder string

// The partner orders.
const (
	PartnersBySlug   PartnerOrder = "SLUG"
	PartnersByUpdate PartnerOrder = "UPDATED_AT" // the oldest public change first: for sync
)

// PartnerConnection is a page of partners.
type PartnerConnection struct {
	Edges    []*PartnerEdge
	PageInfo *PageInfo
	count    counter
}

// TotalCount is how many partners match, across all pages.
func (c *PartnerConnection) TotalCount(ctx context.Context) (int, error) { return c.count(ctx) }

// PartnerEdge is a partner with its cursor.
type PartnerEdge struct {
	Cursor string
	Node   *Partner
}

// Partners lists partners in an order.
func (s *Store) Partners(ctx context.Context, f *PartnerFilter, order PartnerOrder, p Page, locale Locale) (*PartnerConnection, error) {
	now := s.clock()
	b := &filterBuilder{s: s}
	if f != nil && len(f.Kind) > 0 {
		kinds := make([]string, len(f.Kind))
		for i, k := range f.Kind {
			kinds[i] = string(k)
		}
		b.values("kind", "partner.kind IN (?)", kinds)
	}
	if f != nil {
		b.updatedSince("partner", f.UpdatedSince)
	}
	lf := b.filter(partnerKind)
	q := lf.where(s.read.NewSelect().Model((*Partner)(nil)).Where(publicSQL("partner"), now))
	cursor, err := partnerPage(q, order, p)
	if err != nil {
		return nil, err
	}
	var items []*Partner
	if err := q.Limit(int64(p.First+1)).Scan(ctx, &items); err != nil {
		return nil, err
	}
	items, cursors, info := pageOf(items, p, cursor)
	c := &PartnerConnection{Edges: make([]*PartnerEdge, len(items)), PageInfo: info,
		count: func(ctx context.Context) (int, error) { return s.publicCount(ctx, lf, now) }}
	for i, x := range items {
		c.Edges[i] = &PartnerEdge{Cursor: cursors[i], Node: x.localize(locale)}
	}
	return c, nil
}

// partnerPage adds the ordering and the cursor's condition to a partner list, and returns
// how the list's cursors are made.
func partnerPage(q *bun.SelectQuery, order PartnerOrder, p Page) (func(*Partner) string, error) {
	if order == PartnersByUpdate {
		cursor := func(x *Partner) string { return updatedCursor(partnerKind, false, x.UpdatedAt(), x.ID) }
		return cursor, updatedPage(q, partnerKind, p, false)
	}
	const tag = "p"
	if p.After != "" {
		key, err := decodeCursor(p.After, tag, 1)
		if err != nil {
			return nil, err
		}
		q.Where("partner.slug > ?", key[0])
	}
	q.Order("partner.slug")
	return func(x *Partner) string { return encodeCursor(tag, x.Slug) }, nil
}

// Partner returns the partner with a slug, or ErrNotFound.
func (s *Store) Partner(ctx context.Context, slug string, locale Locale) (*Partner, error) {
	p := new(Partner)
	if err := s.public(s.read.NewSelect().Model(p), "partner").Where("slug = ?", slug).Scan(ctx); err != nil {
		return nil, notFound(err)
	}
	return p.localize(locale), nil
}

// PartnersOfProjects loads, in one statement, the partners of several projects by role,
// in the order they were listed.
func (s *Store) PartnersOfProjects(ctx context.Context, projects []int64, locale Locale) (map[int64]map[PartnerRole][]*Partner, error) {
	var rows []struct {
		Partner `bun:",extend"`
		Parent  int64
		Role    PartnerRole
	}
	err := s.public(s.read.NewSelect().Model((*Partner)(nil)), "partner").ColumnExpr("partner.*, l.project_id AS parent, l.role").
		Join("JOIN project_partners AS l ON l.partner_id = partner.id").
		Where("l.project_id IN (?)", bun.In(projects)).OrderExpr("l.position, partner.slug").Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	out := map[int64]map[PartnerRole][]*Partner{}
	for i := range rows {
		r := &rows[i]
		if out[r.Parent] == nil {
			out[r.Parent] = map[PartnerRole][]*Partner{}
		}
		out[r.Parent][r.Role] = append(out[r.Parent][r.Role], r.Partner.localize(locale))
	}
	return out, nil
}

// PartnersOfNews loads, in one statement, the partners related to several news items.
func (s *Store) PartnersOfNews(ctx context.Context, news []int64, locale Locale) (map[int64][]*Partner, error) {
	var rows []struct {
		Partner `bun:",extend"`
		Parent  int64
	}
	err := s.public(s.read.NewSelect().Model((*Partner)(nil)), "partner").ColumnExpr("partner.*, l.news_id AS parent").
		Join("JOIN news_partners AS l ON l.partner_id = partner.id").
		Where("l.news_id IN (?)", bun.In(news)).Order("partner.slug").Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	out := map[int64][]*Partner{}
	for i := range rows {
		out[rows[i].Parent] = append(out[rows[i].Parent], rows[i].Partner.localize(locale))
	}
	return out, nil
}
