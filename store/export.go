package store

import (
	"context"

	"github.com/uptrace/bun"
)

// Export returns every topic, partner, project and news item in the content format, so that
// Import of the result into an empty database re-creates the same content, and exporting that
// database gives the same JSON byte for byte. It reads one snapshot (one read transaction),
// so it is consistent while the server runs and writes.
//
// The order is deterministic:
//   - items of each type by slug;
//   - a project's funders, implementers and partners in their stored position (the order
//     they were listed in when imported), ties by slug, as the API lists them;
//   - a project's areas and a news item's topics, projects and partners by slug: these links
//     are sets in the database, with no order of their own, and the API lists them by slug.
//
// Times are RFC 3339 in UTC, to the second (as stored). An empty optional value is what
// Import expects: a null budget or date, an empty string for a missing acronym, website or
// URL, an empty list. The `_note` fields of the content format are not stored, so they are
// not exported.
func (s *Store) Export(ctx context.Context) (*Content, error) {
	c := &Content{Topics: []TopicDoc{}, Partners: []PartnerDoc{}, Projects: []ProjectDoc{}, News: []NewsDoc{}}
	err := s.read.RunInTx(ctx, s.engine.snapshot(), func(ctx context.Context, tx bun.Tx) error {
		var topics []Topic
		if err := tx.NewSelect().Model(&topics).Order("slug").Scan(ctx); err != nil {
			return err
		}
		for _, t := range topics {
			c.Topics = append(c.Topics, TopicDoc{Slug: t.Slug, Name: Localized{Sr: t.SrName, En: t.EnName}})
		}
		for _, k := range registry {
			if err := exportKind(ctx, tx, k, c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// exportKind adds every item of a kind to c, by slug, with its links.
func exportKind(ctx context.Context, tx bun.Tx, k *kind, c *Content) error {
	rows, err := k.scanRows(ctx, tx.NewSelect().Model(k.newRow()).Order("slug"))
	if err != nil {
		return err
	}
	links := map[string]map[int64][]string{}
	for _, l := range k.links {
		if links[l.field], err = l.allSlugs(ctx, tx); err != nil {
			return err
		}
	}
	for _, r := range rows {
		own := map[string][]string{}
		for field, slugs := range links {
			own[field] = slugs[r.rowID()]
		}
		k.addDoc(c, r.doc(own))
	}
	return nil
}
