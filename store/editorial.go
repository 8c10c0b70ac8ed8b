package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
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

// kindTable is the table of each kind of content.
var kindTable = map[int64]string{kindNewsNum: "news", kindProjectNum: "projects", kindPartnerNum: "partners"}

// syncIndex puts an item into the search index when the public may see it at now, and
// takes it out otherwise, so that search ranks and counts public items only.
func syncIndex(ctx context.Context, db bun.IDB, kind, id int64, now time.Time) error {
	table := kindTable[kind]
	var visible, indexed bool
	err := db.QueryRowContext(ctx, "SELECT "+publicSQL(table)+", indexed FROM "+table+" WHERE id = ?", now, id).Scan(&visible, &indexed)
	if err != nil {
		return err
	}
	if visible {
		text, err := indexTextOf(ctx, db, kind, id)
		if err == nil {
			err = indexItem(ctx, db, kind, id, text)
		}
		if err != nil {
			return err
		}
	} else if indexed {
		if _, err := db.ExecContext(ctx, "DELETE FROM search WHERE rowid = ?", kind<<kindShift|id); err != nil {
			return err
		}
	}
	if visible != indexed {
		_, err = db.ExecContext(ctx, "UPDATE "+table+" SET indexed = ? WHERE id = ?", visible, id)
	}
	return err
}

// indexTextOf reads what the search index holds of an item.
func indexTextOf(ctx context.Context, db bun.IDB, kind, id int64) (indexText, error) {
	switch kind {
	case kindNewsNum:
		n := new(NewsItem)
		err := db.NewSelect().Model(n).Where("id = ?", id).Scan(ctx)
		return newsIndexText(n), err
	case kindProjectNum:
		p := new(Project)
		err := db.NewSelect().Model(p).Where("id = ?", id).Scan(ctx)
		return projectIndexText(p), err
	case kindPartnerNum:
		p := new(Partner)
		err := db.NewSelect().Model(p).Where("id = ?", id).Scan(ctx)
		return partnerIndexText(p), err
	}
	return indexText{}, fmt.Errorf("store: no content kind %d", kind)
}

// IndexDue brings the search index up to date with the clock: items scheduled for a time
// that has come are indexed. It returns when the next scheduled item is due (zero when
// none is). RunPublisher calls it; lists and counts need no such step, since they compare
// publication times with the clock themselves.
func (s *Store) IndexDue(ctx context.Context) (next time.Time, err error) {
	now := s.clock()
	const pending = "state = 'PUBLISHED' AND deleted_at IS NULL AND indexed = 0"
	err = s.write.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		for _, kind := range []int64{kindNewsNum, kindProjectNum, kindPartnerNum} {
			var ids []int64
			if err := tx.NewSelect().Table(kindTable[kind]).Column("id").
				Where(pending+" AND published_at <= ?", now).Scan(ctx, &ids); err != nil {
				return err
			}
			for _, id := range ids {
				if err := syncIndex(ctx, tx, kind, id, now); err != nil {
					return err
				}
			}
			var at bun.NullTime
			if err := tx.NewSelect().Table(kindTable[kind]).ColumnExpr("min(published_at)").Where(pending).Scan(ctx, &at); err != nil {
				return err
			}
			if !at.IsZero() && (next.IsZero() || at.Time.Before(next)) {
				next = at.Time
			}
		}
		return nil
	})
	return next, err
}

// RunPublisher keeps the search index in step with scheduled publications until ctx ends:
// it wakes when the next scheduled item is due, when an editor schedules one, and at
// least once a minute.
func (s *Store) RunPublisher(ctx context.Context) {
	for {
		wait := time.Minute
		next, err := s.IndexDue(ctx)
		switch {
		case errors.Is(err, context.Canceled):
			return
		case err != nil:
			slog.Error("store: indexing scheduled items", "err", err)
		case !next.IsZero():
			wait = min(wait, max(time.Until(next)+10*time.Millisecond, 10*time.Millisecond))
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		case <-s.scheduled:
			t.Stop()
		}
	}
}

// wakePublisher tells RunPublisher that a schedule changed.
func (s *Store) wakePublisher() {
	select {
	case s.scheduled <- struct{}{}:
	default:
	}
}
