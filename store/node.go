package store

import "context"

// Node is any object with a global ID.
type Node interface{ GlobalID() string }

// Node returns the public object with a global ID, or ErrNotFound. A malformed ID is an
// *InputError.
func (s *Store) Node(ctx context.Context, gid string, locale Locale) (Node, error) {
	typ, id, err := parseGlobalID(gid)
	if err != nil {
		return nil, err
	}
	if typ == kindTopic {
		t := new(Topic)
		if err := s.read.NewSelect().Model(t).Where("id = ?", id).Scan(ctx); err != nil {
			return nil, notFound(err)
		}
		return t.localize(locale), nil
	}
	k := kindOfType(typ)
	if k == nil {
		return nil, ErrNotFound
	}
	r := k.newRow()
	if err := s.public(s.read.NewSelect().Model(r).Where("id = ?", id), k.alias).Scan(ctx); err != nil {
		return nil, notFound(err)
	}
	return r.localized(locale), nil
}
