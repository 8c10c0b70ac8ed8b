package store

import (
	"context"
	"strings"

	"github.com/uptrace/bun"
)

// link is one list of other items that an item of a kind links to, kept in a link table:
// a news item's topics, a project's funders. Items refer to each other by slug in the
// content format and in the editors' input.
type link struct {
	field string      // its name in the content format, such as "topics"
	input string      // its name in the editors' input, when that differs
	table string      // the link table, such as news_topics
	own   string      // the link table's column of the linking item, such as news_id
	other string      // the link table's column of the linked item, such as topic_id
	to    string      // the linked items' table, such as topics
	role  PartnerRole // project_partners only: the role this list holds; its order is kept
}

// inputName is the link's name in the editors' input.
func (l link) inputName() string {
	if l.input != "" {
		return l.input
	}
	return l.field
}

// noun is what one linked item is called in messages: "topic", "partner".
func (l link) noun() string { return strings.TrimSuffix(l.to, "s") }

// order is the ORDER BY of the linked slugs: a role keeps its order, the other lists are
// sets, listed by slug.
func (l link) order() string {
	if l.role != "" {
		return "l.position, o.slug"
	}
	return "o.slug"
}

// query selects the link rows with the linked item's slug.
func (l link) query(db bun.IDB, columns string) *bun.SelectQuery {
	q := db.NewSelect().TableExpr(l.table + " AS l").ColumnExpr(columns).
		Join("JOIN " + l.to + " AS o ON o.id = l." + l.other)
	if l.role != "" {
		q.Where("l.role = ?", l.role)
	}
	return q
}

// slugs lists the slugs one item links to, through db (the read pool, or a write
// transaction).
func (l link) slugs(ctx context.Context, db bun.IDB, id int64) ([]string, error) {
	slugs := []string{}
	err := l.query(db, "o.slug").Where("l."+l.own+" = ?", id).OrderExpr(l.order()).Scan(ctx, &slugs)
	return slugs, err
}

// allSlugs lists the slugs every item links to, by the linking item's ID.
func (l link) allSlugs(ctx context.Context, db bun.IDB) (map[int64][]string, error) {
	var rows []struct {
		Owner int64
		Slug  string
	}
	err := l.query(db, "l."+l.own+" AS owner, o.slug").OrderExpr("l."+l.own+", "+l.order()).Scan(ctx, &rows)
	out := map[int64][]string{}
	for _, r := range rows {
		out[r.Owner] = append(out[r.Owner], r.Slug)
	}
	return out, err
}

// linksOf reads the slugs an item of a kind links to, by the link's field.
func linksOf(ctx context.Context, db bun.IDB, k *kind, id int64) (map[string][]string, error) {
	out := map[string][]string{}
	for _, l := range k.links {
		slugs, err := l.slugs(ctx, db, id)
		if err != nil {
			return nil, err
		}
		out[l.field] = slugs
	}
	return out, nil
}

// docOf is a stored item in the content format, its links read through db.
func docOf(ctx context.Context, db bun.IDB, k *kind, r row) (doc, error) {
	links, err := linksOf(ctx, db, k, r.rowID())
	if err != nil {
		return nil, err
	}
	return r.doc(links), nil
}
