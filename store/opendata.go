package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/uptrace/bun"

	"github.com/agency/portal/translit"
)

// Open data: the public content read whole, a page at a time, for the downloads the server
// streams (CSV, the content JSON, IATI XML), and the version that says when they changed.

// openDataPage is how many items the open-data readers read at a time: memory stays
// bounded whatever the number of items.
const openDataPage = 500

// OpenDataVersion says which state of the public content the open-data files show.
type OpenDataVersion struct {
	Generation int64     // the content generation (Generation)
	Modified   time.Time // the latest change or publication the public can see, to the second
}

// OpenDataVersion reads the version of the public content now: a handful of indexed reads,
// cheap enough for every request.
func (s *Store) OpenDataVersion(ctx context.Context) (OpenDataVersion, error) {
	return openDataVersion(ctx, s.read, s.clock())
}

// openDataVersion reads the content generation and the latest time the public content
// changed at now: an item's last change, or a scheduled item's time that has come (which
// changes lists without a change of generation until the publisher indexes it).
func openDataVersion(ctx context.Context, db bun.IDB, now time.Time) (OpenDataVersion, error) {
	var v OpenDataVersion
	err := db.NewSelect().Table("content_generation").Column("generation").Where("id = 1").Scan(ctx, &v.Generation)
	if err != nil {
		return v, err
	}
	for _, k := range registry {
		changed, err := latest(ctx, db.NewSelect().Table(k.table).Column("changed_at").Order("changed_at DESC"))
		if err != nil {
			return v, err
		}
		published, err := latest(ctx, db.NewSelect().Table(k.table).Column("published_at").
			Where("state = 'PUBLISHED' AND deleted_at IS NULL AND published_at <= ?", now).Order("published_at DESC"))
		if err != nil {
			return v, err
		}
		for _, t := range []time.Time{changed, published} {
			if t.After(v.Modified) {
				v.Modified = t.UTC()
			}
		}
	}
	return v, nil
}

// latest is the time in the first row a query selects, zero when it selects none.
func latest(ctx context.Context, q *bun.SelectQuery) (time.Time, error) {
	var t time.Time
	err := q.Limit(1).Scan(ctx, &t)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	return t, err
}

// PublicSnapshot is the public content at one moment: everything it reads comes from one
// read transaction, so a download is consistent while editors publish.
type PublicSnapshot struct {
	Version OpenDataVersion // the version of what it reads
	tx      bun.Tx
	now     time.Time
}

// ReadPublic calls fn with a snapshot of the public content, in one read transaction that
// lasts as long as fn.
func (s *Store) ReadPublic(ctx context.Context, fn func(context.Context, *PublicSnapshot) error) error {
	return s.read.RunInTx(ctx, s.engine.snapshot(), func(ctx context.Context, tx bun.Tx) error {
		now := s.clock()
		v, err := openDataVersion(ctx, tx, now)
		if err != nil {
			return err
		}
		return fn(ctx, &PublicSnapshot{Version: v, tx: tx, now: now})
	})
}

// PublicItem is one public news item, project or partner, with the slugs of the public
// items it links to, by the content format's field ("topics", "funders"…).
type PublicItem struct {
	row   row
	Links map[string][]string
}

// In is the item as the public sees it in a locale: a *NewsItem, *Project or *Partner.
func (p PublicItem) In(l Locale) Node { return p.row.localized(l) }

// Doc is the item in the content format (Export's): a *NewsDoc, *ProjectDoc or *PartnerDoc.
func (p PublicItem) Doc() any { return p.row.doc(p.Links) }

// Topics lists every topic, by slug, in the content format: topics are always public.
func (p *PublicSnapshot) Topics(ctx context.Context) ([]TopicDoc, error) {
	var topics []Topic
	if err := p.tx.NewSelect().Model(&topics).Order("slug").Scan(ctx); err != nil {
		return nil, err
	}
	out := make([]TopicDoc, len(topics))
	for i, t := range topics {
		out[i] = TopicDoc{Slug: t.Slug, Name: Localized{Sr: t.SrName, En: t.EnName}}
	}
	return out, nil
}

// Each calls fn for every public item of a kind, by slug, with its links to public items.
func (p *PublicSnapshot) Each(ctx context.Context, k Kind, fn func(PublicItem) error) error {
	entry, err := storedKind(k)
	if err != nil {
		return err
	}
	return p.eachPage(ctx, entry, func(rows []row, links map[string]map[int64][]string) error {
		for _, r := range rows {
			item := PublicItem{row: r, Links: map[string][]string{}}
			for field, slugs := range links {
				item.Links[field] = slugs[r.rowID()]
			}
			if err := fn(item); err != nil {
				return err
			}
		}
		return nil
	})
}

// eachPage calls fn for every page of the public items of a kind, by slug, with the
// page's links to public items by field and item ID.
func (p *PublicSnapshot) eachPage(ctx context.Context, k *kind, fn func([]row, map[string]map[int64][]string) error) error {
	after := ""
	for {
		q := p.tx.NewSelect().Model(k.newRow()).Where(publicSQL(k.alias), p.now).
			Where(k.alias+".slug > ?", after).Order(k.alias + ".slug").Limit(openDataPage)
		rows, err := k.scanRows(ctx, q)
		if err != nil || len(rows) == 0 {
			return err
		}
		ids := make([]int64, len(rows))
		for i, r := range rows {
			ids[i] = r.rowID()
		}
		links := map[string]map[int64][]string{}
		for _, l := range k.links {
			if links[l.field], err = p.publicSlugs(ctx, l, ids); err != nil {
				return err
			}
		}
		if err := fn(rows, links); err != nil {
			return err
		}
		if len(rows) < openDataPage {
			return nil
		}
		after = rows[len(rows)-1].(slugged).slugOf()
	}
}

// publicSlugs lists the slugs of the public items some items link to, by linking item.
func (p *PublicSnapshot) publicSlugs(ctx context.Context, l link, ids []int64) (map[int64][]string, error) {
	var rows []struct {
		Owner int64
		Slug  string
	}
	q := l.query(p.tx, "l."+l.own+" AS owner, o.slug").Where("l."+l.own+" IN (?)", bun.In(ids))
	if l.to != "topics" { // news, projects and partners have a publication state; topics do not
		q.Where(publicSQL("o"), p.now)
	}
	err := q.OrderExpr("l."+l.own+", "+l.order()).Scan(ctx, &rows)
	out := map[int64][]string{}
	for _, r := range rows {
		out[r.Owner] = append(out[r.Owner], r.Slug)
	}
	return out, err
}

// IATIProject is a public project with its public funders and implementers, in order.
type IATIProject struct {
	*Project
	Funders      []*Partner
	Implementers []*Partner
}

// EachIATIProject calls fn for every public project, by slug, with its public funders and
// implementers.
func (p *PublicSnapshot) EachIATIProject(ctx context.Context, fn func(*IATIProject) error) error {
	return p.eachPage(ctx, projectKind, func(rows []row, _ map[string]map[int64][]string) error {
		ids := make([]int64, len(rows))
		for i, r := range rows {
			ids[i] = r.rowID()
		}
		var links []struct {
			Partner   `bun:",extend"`
			ProjectID int64
			Role      PartnerRole
		}
		err := p.tx.NewSelect().Model((*Partner)(nil)).ColumnExpr("partner.*, x.project_id, x.role").
			Join("JOIN project_partners AS x ON x.partner_id = partner.id").
			Where("x.project_id IN (?)", bun.In(ids)).Where("x.role IN (?)", bun.In([]PartnerRole{Funder, Implementer})).
			Where(publicSQL("partner"), p.now).OrderExpr("x.project_id, x.role, x.position, partner.slug").Scan(ctx, &links)
		if err != nil {
			return err
		}
		byProject := map[int64]*IATIProject{}
		for _, r := range rows {
			byProject[r.rowID()] = &IATIProject{Project: r.(*Project)}
		}
		for i := range links {
			x := byProject[links[i].ProjectID]
			if links[i].Role == Funder {
				x.Funders = append(x.Funders, &links[i].Partner)
			} else {
				x.Implementers = append(x.Implementers, &links[i].Partner)
			}
		}
		for _, r := range rows {
			if err := fn(byProject[r.rowID()]); err != nil {
				return err
			}
		}
		return nil
	})
}

// Texts is the project's Serbian text in Cyrillic and its English text, each without
// falling back to the other language: empty when the project has none in that language.
func (p *Project) Texts() (sr, en ProjectText) {
	return p.Sr.script(translit.ToCyrillic), p.En
}

// Names is the partner's Serbian name in Cyrillic and its English name, each empty when
// it has none in that language.
func (p *Partner) Names() (sr, en string) {
	return translit.ToCyrillic(p.Sr.Name), p.En.Name
}

// slugged is a row that says its slug: the open-data readers page by slug.
type slugged interface{ slugOf() string }

func (n *NewsItem) slugOf() string { return n.Slug }
func (p *Project) slugOf() string  { return p.Slug }
func (p *Partner) slugOf() string  { return p.Slug }
