package store

import (
	"context"
	"fmt"
	"time"
)

// Transition is a change of an item's state.
type Transition struct {
	Action AuditAction
	At     *time.Time // ActionPublish and ActionSchedule: when the public sees it (nil: now)
}

// stateRow is what a state change reads of an item and writes back.
type stateRow struct {
	Publication
	Slug        string
	PublishedAt *time.Time
}

// ChangeState publishes, schedules, unpublishes, deletes or restores an item (by global
// ID); version is the version the editor saw. Whether by's role allows the change
// (restoring is for admins) is the caller's to check.
func (s *Store) ChangeState(ctx context.Context, by *User, gid string, version int, t Transition) (Source, error) {
	k, id, err := parseItemID(gid)
	if err != nil {
		return nil, err
	}
	var out Source
	err = s.inTx(ctx, by, func(e *edit) error {
		r, err := e.stateOf(ctx, k, id)
		if err != nil {
			return err
		}
		if err := checkVersion(&r.Publication, version, t.Action == ActionRestore); err != nil {
			return err
		}
		wasPublic := visibleAt(&r.Publication, r.PublishedAt, e.now)
		action, err := t.apply(r, e.now)
		if err != nil {
			return err
		}
		e.touch(&r.Publication)
		if err := e.writeState(ctx, k, id, r); err != nil {
			return err
		}
		if err := recordRemoval(ctx, e.tx, k, id, wasPublic, e.now); err != nil {
			return err
		}
		out, err = e.done(ctx, k, id, r.Slug, r.Version, action, nil)
		return err
	})
	return out, err
}

// stateOf reads the state of an item of a kind.
func (e *edit) stateOf(ctx context.Context, k *kind, id int64) (*stateRow, error) {
	r := new(stateRow)
	err := e.tx.NewSelect().Table(k.table).Column("slug", "published_at", "state", "deleted_at", "version").
		Where("id = ?", id).Scan(ctx, r)
	return r, notFound(err)
}

// writeState writes an item's new state, in one statement whatever the transition, and
// brings its list counters and search index row in step with it.
func (e *edit) writeState(ctx context.Context, k *kind, id int64, r *stateRow) error {
	if err := addItemCounts(ctx, e.tx, k, id, -1); err != nil {
		return err
	}
	_, err := e.tx.ExecContext(ctx, "UPDATE "+k.table+" SET version = ?, changed_at = ?, changed_by = ?, "+
		"state = ?, published_at = ?, deleted_at = ? WHERE id = ?",
		r.Version, r.ChangedAt, r.ChangedBy, r.State, r.PublishedAt, r.DeletedAt, id)
	if err != nil {
		return err
	}
	if err := addItemCounts(ctx, e.tx, k, id, 1); err != nil {
		return err
	}
	return syncAndAnnounce(ctx, e.tx, e.s.engine, k, id, e.now)
}

// apply makes the transition's change to an item's state at now, and says what it was:
// publishing for a later time is scheduling.
func (t Transition) apply(r *stateRow, now time.Time) (AuditAction, error) {
	switch t.Action {
	case ActionPublish, ActionSchedule:
		at := now
		if t.At != nil {
			at = t.At.UTC().Truncate(time.Second)
		}
		if t.Action == ActionSchedule && !at.After(now) {
			return "", inputError("at", "must be in the future to schedule; publish instead")
		}
		r.State, r.PublishedAt = Published, &at
		if at.After(now) {
			return ActionSchedule, nil
		}
		return ActionPublish, nil
	case ActionUnpublish:
		r.State = Draft
	case ActionDelete:
		r.DeletedAt = &now
	case ActionRestore:
		r.State, r.DeletedAt = Draft, nil
	default:
		return "", fmt.Errorf("store: no transition %q", t.Action)
	}
	return t.Action, nil
}
