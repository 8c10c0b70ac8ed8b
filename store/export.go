package store

import (
	"context"
	"encoding/json"
	"io"

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
	err := s.read.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var topics []Topic
		if err := tx.NewSelect().Model(&topics).Order("slug").Scan(ctx); err != nil {
			return err
		}
		for _, t := range topics {
			c.Topics = append(c.Topics, TopicDoc{Slug: t.Slug, Name: Localized{Sr: t.SrName, En: t.EnName}})
		}

		var partners []Partner
		if err := tx.NewSelect().Model(&partners).Order("slug").Scan(ctx); err != nil {
			return err
		}
		for i := range partners {
			c.Partners = append(c.Partners, partnerDoc(&partners[i]))
		}

		var projects []Project
		if err := tx.NewSelect().Model(&projects).Order("slug").Scan(ctx); err != nil {
			return err
		}
		areas, err := exportLinks(ctx, tx, "SELECT l.project_id, t.slug FROM project_topics l JOIN topics t ON t.id = l.topic_id ORDER BY l.project_id, t.slug")
		if err != nil {
			return err
		}
		roles := map[PartnerRole]map[int64][]string{}
		for _, role := range []PartnerRole{Funder, Implementer, Cooperating} {
			roles[role], err = exportLinks(ctx, tx, "SELECT l.project_id, p.slug FROM project_partners l JOIN partners p ON p.id = l.partner_id "+
				"WHERE l.role = ? ORDER BY l.project_id, l.position, p.slug", role)
			if err != nil {
				return err
			}
		}
		for i := range projects {
			p := &projects[i]
			c.Projects = append(c.Projects, projectDoc(p, areas[p.ID], roles[Funder][p.ID], roles[Implementer][p.ID], roles[Cooperating][p.ID]))
		}

		var news []NewsItem
		if err := tx.NewSelect().Model(&news).Order("slug").Scan(ctx); err != nil {
			return err
		}
		links := map[string]map[int64][]string{}
		for name, q := range map[string]string{
			"topics":   "SELECT l.news_id, x.slug FROM news_topics l JOIN topics x ON x.id = l.topic_id ORDER BY l.news_id, x.slug",
			"projects": "SELECT l.news_id, x.slug FROM news_projects l JOIN projects x ON x.id = l.project_id ORDER BY l.news_id, x.slug",
			"partners": "SELECT l.news_id, x.slug FROM news_partners l JOIN partners x ON x.id = l.partner_id ORDER BY l.news_id, x.slug",
		} {
			if links[name], err = exportLinks(ctx, tx, q); err != nil {
				return err
			}
		}
		for i := range news {
			n := &news[i]
			c.News = append(c.News, newsDoc(n, links["topics"][n.ID], links["projects"][n.ID], links["partners"][n.ID]))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// exportLinks runs a query of (owner id, slug) rows and groups the slugs by owner, in the
// query's order.
func exportLinks(ctx context.Context, tx bun.Tx, query string, args ...any) (map[int64][]string, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]string{}
	for rows.Next() {
		var id int64
		var slug string
		if err := rows.Scan(&id, &slug); err != nil {
			return nil, err
		}
		out[id] = append(out[id], slug)
	}
	return out, rows.Err()
}

// Encode writes the content as indented JSON, the format DecodeContent reads. HTML
// characters are not escaped, so Markdown stays readable.
func (c *Content) Encode(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(c)
}
