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
// ID); version is the version the editor saw. Restoring is for admins.
func (s *Store) ChangeState(ctx context.Context, by *User, gid string, version int, t Transition) (Source, error) {
	typ, id, err := parseGlobalID(gid)
	if err != nil {
		return nil, err
	}
	k := kindOfType(typ)
	if k == nil {
		return nil, ErrNotFound
	}
	if t.Action == ActionRestore && by != nil && by.Role != RoleAdmin {
		return nil, ErrForbidden
	}
	var out Source
	err = s.inTx(ctx, by, func(e *edit) error {
		var r stateRow
		err := e.tx.NewSelect().Table(k.table).Column("slug", "published_at", "state", "deleted_at", "version").
			Where("id = ?", id).Scan(ctx, &r)
		if err != nil {
			return notFound(err)
		}
		if err := checkVersion(&r.Publication, version, t.Action == ActionRestore); err != nil {
			return err
		}
		action, err := t.apply(&r, e.now)
		if err != nil {
			return err
		}
		e.touch(&r.Publication)
		_, err = e.tx.ExecContext(ctx, "UPDATE "+k.table+" SET version = ?, changed_at = ?, changed_by = ?, "+
			"state = ?, published_at = ?, deleted_at = ? WHERE id = ?",
			r.Version, r.ChangedAt, r.ChangedBy, r.State, r.PublishedAt, r.DeletedAt, id)
		if err != nil {
			return err
		}
		if err := syncIndex(ctx, e.tx, k, id, e.now); err != nil {
			return err
		}
		out, err = e.done(ctx, k, id, r.Slug, r.Version, action, nil)
		return err
	})
	return out, err
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
