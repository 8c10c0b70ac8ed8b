package store

import (
	"time"

	"github.com/uptrace/bun"
)

// PublicationState is where an item is on its way to the public.
type PublicationState string

// The states. Only Draft and Published are stored; Scheduled is a published item whose
// time has not come, Deleted one with deleted_at set.
const (
	Draft     PublicationState = "DRAFT"
	Scheduled PublicationState = "SCHEDULED"
	Published PublicationState = "PUBLISHED"
	Deleted   PublicationState = "DELETED"
)

// Valid tells whether s is one of the states.
func (s PublicationState) Valid() bool {
	return s == Draft || s == Scheduled || s == Published || s == Deleted
}

// Publication is the editorial columns every news item, project and partner has (see
// migrations/003_editorial.sql). The public sees an item only when it is published, not
// deleted, and its publication time has come.
type Publication struct {
	State     PublicationState `bun:",notnull"` // Draft or Published, as stored
	DeletedAt *time.Time       `bun:",nullzero"`
	Version   int              `bun:",notnull"`
	CreatedAt time.Time        `bun:",notnull"`
	ChangedAt time.Time        `bun:",notnull"`
	ChangedBy *int64           // the user, nil for an import
	Indexed   bool             `bun:",notnull"` // in the search index

	ChangedByEmail *string `bun:",scanonly"` // filled by the editors' queries
}

// Editorial is an item's place in the editorial process, as editors see it.
type Editorial struct {
	State     PublicationState
	Version   int
	PublishAt *time.Time
	CreatedAt time.Time
	ChangedAt time.Time
	ChangedBy *string
	DeletedAt *time.Time
}

// editorial describes the publication at a time, given when the item is (to be) published.
func (p *Publication) editorial(publishedAt *time.Time, now time.Time) *Editorial {
	e := &Editorial{State: p.State, Version: p.Version, CreatedAt: p.CreatedAt, ChangedAt: p.ChangedAt,
		ChangedBy: p.ChangedByEmail, DeletedAt: p.DeletedAt}
	if p.State == Published {
		e.PublishAt = publishedAt
		if publishedAt != nil && publishedAt.After(now) {
			e.State = Scheduled
		}
	}
	if p.DeletedAt != nil {
		e.State = Deleted
	}
	return e
}

// publicSQL is the condition under which the public sees a row of news, projects or
// partners (alias is the table's alias); its one argument is the time now. The literals
// match the partial index news_public, so public news lists and counts stay index-only.
func publicSQL(alias string) string {
	return alias + ".state = 'PUBLISHED' AND " + alias + ".deleted_at IS NULL AND " + alias + ".published_at <= ?"
}

// public narrows a query to the rows the public sees.
func (s *Store) public(q *bun.SelectQuery, alias string) *bun.SelectQuery {
	return q.Where(publicSQL(alias), s.clock())
}
