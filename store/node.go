package store

import (
	"context"
	"database/sql"
	"errors"
)

// Node is any object with a global ID.
type Node interface{ GlobalID() string }

// Node returns the public object with a global ID, or ErrNotFound. A malformed ID is an
// *InputError.
func (s *Store) Node(ctx context.Context, gid string, locale Locale) (Node, error) {
	typ, id, err := parseGlobalID(gid)
	if err != nil {
		return nil, err
	}
	var model interface{ localized(Locale) Node }
	alias := "" // the table's alias when the public sees only published rows
	switch typ {
	case kindTopic:
		model = new(Topic)
	case kindNews:
		model, alias = new(NewsItem), "news_item"
	case kindProject:
		model, alias = new(Project), "project"
	case kindPartner:
		model, alias = new(Partner), "partner"
	default:
		return nil, ErrNotFound
	}
	q := s.read.NewSelect().Model(model).Where("id = ?", id)
	if alias != "" {
		s.public(q, alias)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, notFound(err)
	}
	return model.localized(locale), nil
}

func (t *Topic) localized(l Locale) Node    { return t.localize(l) }
func (n *NewsItem) localized(l Locale) Node { return n.localize(l) }
func (p *Project) localized(l Locale) Node  { return p.localize(l) }
func (p *Partner) localized(l Locale) Node  { return p.localize(l) }

// notFound turns "no rows" into ErrNotFound.
func notFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	return err
}
