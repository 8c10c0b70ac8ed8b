package store

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/agency/portal/translit"
)

// Source is an item as the editors write it, in any state: a *NewsSource, *ProjectSource
// or *PartnerSource. Only the editors' queries return sources.
type Source interface {
	GlobalID() string
	Kind() Kind
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
func sourceSelect(db bun.IDB, k *kind, model any) *bun.SelectQuery {
	return db.NewSelect().Model(model).ColumnExpr(k.alias + ".*").ColumnExpr("u.email AS changed_by_email").
		Join("LEFT JOIN users AS u ON u.id = " + k.alias + ".changed_by")
}

// Sources lists the items of a kind for the editors, the most recently changed first.
func (s *Store) Sources(ctx context.Context, kind Kind, f *SourceFilter, p Page) (*SourceConnection, error) {
	k, err := kindOf(kind, "kind")
	if err != nil {
		return nil, err
	}
	now := s.clock()
	const tag = "e"
	q := s.sourceFilter(sourceSelect(s.read, k, k.newRow()), k, f, now)
	if p.After != "" {
		key, id, err := decodeIDCursor(p.After, tag, 2)
		if err != nil {
			return nil, err
		}
		at, err := time.Parse(time.RFC3339, key[0])
		if err != nil {
			return nil, inputError("after", "is not a cursor of this list")
		}
		q.Where("("+k.alias+".changed_at, "+k.alias+".id) < (?, ?)", at.UTC(), id)
	}
	q.OrderExpr(k.alias + ".changed_at DESC, " + k.alias + ".id DESC").Limit(int64(p.First + 1))
	rows, err := k.scanRows(ctx, q)
	if err != nil {
		return nil, err
	}
	rows, cursors, info := pageOf(rows, p, func(r row) string {
		return encodeCursor(tag, r.publication().ChangedAt.UTC().Format(time.RFC3339), strconv.FormatInt(r.rowID(), 10))
	})
	c := &SourceConnection{Edges: make([]*SourceEdge, len(rows)), PageInfo: info, count: func(ctx context.Context) (int, error) {
		n, err := s.sourceFilter(s.read.NewSelect().Model(k.newRow()), k, f, now).Count(ctx)
		return int(n), err
	}}
	for i, r := range rows {
		c.Edges[i] = &SourceEdge{Cursor: cursors[i], Node: r.source(s, now)}
	}
	return c, nil
}

// sourceFilter adds the conditions of the editors' filter: the states asked for (any but
// deleted when none is), and a text.
func (s *Store) sourceFilter(q *bun.SelectQuery, k *kind, f *SourceFilter, now time.Time) *bun.SelectQuery {
	var states []PublicationState
	if f != nil {
		states = f.States
	}
	if len(states) == 0 {
		q.Where(k.alias + ".deleted_at IS NULL")
	} else {
		q.WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
			for _, st := range states {
				cond, args := stateSQL(k.alias, st, now)
				q.WhereOr(cond, args...)
			}
			return q
		})
	}
	if f != nil && f.Text != nil && strings.TrimSpace(*f.Text) != "" {
		textFilter(q, k, strings.TrimSpace(*f.Text), s.engine.like())
	}
	return q
}

// textFilter keeps items whose title or slug contains the text: as typed, in either
// script, and as slug letters (so "madjarska" finds "Мађарска"), matched with the
// engine's case-blind operator like.
func textFilter(q *bun.SelectQuery, k *kind, text, like string) {
	forms := map[string]bool{text: true, translit.ToLatin(text): true, translit.ToCyrillic(text): true}
	q.WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
		for form := range forms {
			for _, col := range k.titles {
				q.WhereOr(k.alias+"."+col+" "+like+" ? ESCAPE '\\'", "%"+likeEscape(form)+"%")
			}
		}
		if slug := translit.Slug(text); slug != "" {
			q.WhereOr(k.alias+".slug "+like+" ? ESCAPE '\\'", "%"+likeEscape(slug)+"%")
		}
		return q
	})
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// Source returns one item for the editors by its global ID, in any state, or ErrNotFound.
func (s *Store) Source(ctx context.Context, gid string) (Source, error) {
	k, id, err := parseItemID(gid)
	if err != nil {
		return nil, err
	}
	return s.sourceByID(ctx, s.read, k, id)
}

// sourceByID reads an item of a kind for the editors, through db (the read pool, or a
// write transaction that must see its own writes).
func (s *Store) sourceByID(ctx context.Context, db bun.IDB, k *kind, id int64) (Source, error) {
	r := k.newRow()
	if err := sourceSelect(db, k, r).Where(k.alias+".id = ?", id).Scan(ctx); err != nil {
		return nil, notFound(err)
	}
	return r.source(s, s.clock()), nil
}

// SuggestSlug is a slug for a title, in Latin letters, that no other item of the kind has
// (except the item with the global ID except, when given).
func (s *Store) SuggestSlug(ctx context.Context, kind Kind, title string, except *string) (string, error) {
	k, err := kindOf(kind, "kind")
	if err != nil {
		return "", err
	}
	var own int64
	if except != nil {
		_, id, err := parseGlobalID(*except)
		if err != nil {
			return "", err
		}
		own = id
	}
	return freeSlug(ctx, s.read, k.table, translit.Slug(title), own, k.noun)
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
