package store

import (
	"context"
	"time"
)

// slugRef is a list filter's reference to another item by its slug, such as the partner
// in news(filter: {partner: "iom"}).
type slugRef struct {
	field string  // the filter's field, named in the error: filter.partner
	table string  // topics, partners or projects
	noun  string  // what the error calls it: topic, partner, project
	slug  *string // nil when the filter does not use the field
}

// knownSlugs refuses a filter that names an item the public cannot see (none has the slug,
// or it is a draft, scheduled or deleted) with BAD_USER_INPUT naming the filter's field, so
// a typo is not mistaken for an empty list. Each reference is one indexed lookup.
func (s *Store) knownSlugs(ctx context.Context, now time.Time, refs ...slugRef) error {
	for _, r := range refs {
		if r.slug == nil {
			continue
		}
		q := s.read.NewSelect().Table(r.table).Where("slug = ?", *r.slug)
		if r.table != "topics" { // topics have no publication state
			q.Where(publicSQL(r.table), now)
		}
		found, err := q.Exists(ctx)
		if err != nil {
			return err
		}
		if !found {
			return inputError(r.field, "no public %s has the slug %q (slugs are lower case, as in the %s's address)", r.noun, shortText(*r.slug), r.noun)
		}
	}
	return nil
}

// shortText cuts text repeated in a message to 40 characters.
func shortText(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
