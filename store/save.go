package store

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/agency/portal/translit"
)

// The editors' changes to content, one workflow for every kind: load, check the version,
// validate, write, link, index, count (counts.go), audit, in one write transaction, so the item, its links,
// its search index row and the audit entry are written together or not at all. An update
// or state change names the version it edits; a stale one is a *ConflictError.

// save creates an item of a kind as a draft (gid "") or replaces the content of the item
// with global ID gid, at version, and returns it as the editors see it.
func (s *Store) save(ctx context.Context, by *User, k *kind, gid string, version int, d doc) (Source, error) {
	var id int64
	if gid != "" {
		var err error
		if id, err = idOfType(gid, k.typ); err != nil {
			return nil, err
		}
	}
	var out Source
	err := s.inTx(ctx, by, func(e *edit) error {
		old, err := e.current(ctx, k, id, version)
		if err != nil {
			return err
		}
		if err := e.prepare(ctx, k, id, d); err != nil {
			return err
		}
		if err := addItemCounts(ctx, e.tx, k, id, -1); err != nil {
			return err
		}
		m, action, fields, err := e.write(ctx, k, old, d)
		if err != nil {
			return err
		}
		w := newWriter(e.tx, e.s.engine, e.now)
		w.link(ctx, k, m.rowID(), d.linkSlugs())
		w.index(ctx, k, m.rowID())
		w.count(ctx, k, m.rowID())
		if w.err != nil {
			return w.err
		}
		out, err = e.done(ctx, k, m.rowID(), *d.slug(), m.publication().Version, action, fields)
		return err
	})
	return out, err
}

// current reads the item an update edits, and checks that it is at the version the
// editor edited and not deleted. A new item (id 0) has none: it returns nil.
func (e *edit) current(ctx context.Context, k *kind, id int64, version int) (row, error) {
	if id == 0 {
		return nil, nil
	}
	old := k.newRow()
	if err := e.tx.NewSelect().Model(old).Where(k.alias+".id = ?", id).Scan(ctx); err != nil {
		return nil, notFound(err)
	}
	return old, checkVersion(old.publication(), version, false)
}

// prepare gives an item its slug and what editors do not send, and validates it: on its
// own, its links (they must exist) and its cover (it must be uploaded).
func (e *edit) prepare(ctx context.Context, k *kind, id int64, d doc) error {
	slug, err := e.slug(ctx, k.table, *d.slug(), label(d.title().Sr, d.title().En), id, k.noun)
	if err != nil {
		return err
	}
	*d.slug() = slug
	d.stamp(e.now)
	errs := []error{inputField(k, d.check(""))}
	slugs := d.linkSlugs()
	for _, l := range k.links {
		errs = append(errs, e.refs(ctx, l, slugs[l.field]))
	}
	return firstError(append(errs, e.cover(ctx, d.cover()))...)
}

// write inserts the new item (old nil) or updates the old one, and says what it did.
func (e *edit) write(ctx context.Context, k *kind, old row, d doc) (m row, action AuditAction, fields []string, err error) {
	m = d.row(e.now)
	if old == nil {
		pub := m.publication()
		pub.State, pub.ChangedBy = Draft, &e.by.ID
		m.draft()
		_, err = e.tx.NewInsert().Model(m).Returning("id").Exec(ctx)
		return m, ActionCreate, allFields(d), err
	}
	before, err := docOf(ctx, e.tx, k, old)
	if err != nil {
		return nil, "", nil, err
	}
	fields = changedFields(before, d)
	m.keep(old, len(fields) > 0, e.now)
	e.touch(m.publication())
	_, err = e.tx.NewUpdate().Model(m).WherePK().Exec(ctx)
	return m, ActionUpdate, fields, err
}

// inputField renames the content format's fields that the editors' input of a kind names
// otherwise (a project's cooperating partners).
func inputField(k *kind, err error) error {
	var in *InputError
	if !errors.As(err, &in) {
		return err
	}
	for _, l := range k.links {
		if l.field == in.Field && l.inputName() != l.field {
			return &InputError{Field: l.inputName(), Message: in.Message}
		}
	}
	return err
}

// edit is one editor's change in one write transaction.
type edit struct {
	s   *Store
	tx  bun.Tx
	by  *User
	now time.Time
}

// contentLock is the key of serialize that editors' changes, imports and the publisher
// take: on PostgreSQL, where several processes write, one of them at a time reads an
// item's version and writes its next one, chooses a free slug and takes it.
const contentLock = "content"

// inTx runs f in a write transaction as the user, one after another with every other
// change to content (contentLock), and wakes the publisher afterwards (a change may
// schedule an item).
func (s *Store) inTx(ctx context.Context, by *User, f func(e *edit) error) error {
	if by == nil {
		return ErrUnauthenticated
	}
	defer s.wakePublisher()
	now := s.clock()
	return s.write.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := s.engine.serialize(ctx, tx, contentLock); err != nil {
			return err
		}
		return f(&edit{s: s, tx: tx, by: by, now: now})
	})
}

// slug is the slug of a new or edited item: the editor's, which must be free, or one made
// from the title.
func (e *edit) slug(ctx context.Context, table, given, title string, own int64, fallback string) (string, error) {
	if given == "" {
		return freeSlug(ctx, e.tx, table, translit.Slug(title), own, fallback)
	}
	var taken bool
	if err := e.tx.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM "+table+" WHERE slug = ? AND id != ?)", given, own).Scan(&taken); err != nil {
		return "", err
	}
	if taken {
		return "", inputError("slug", "%q is taken by another item of this kind (a deleted one keeps its slug)", given)
	}
	return given, nil
}

// refs checks that the items of a link exist, naming the link's input field for the first
// that does not.
func (e *edit) refs(ctx context.Context, l link, slugs []string) error {
	for _, slug := range slugs {
		var ok bool
		if err := e.tx.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM "+l.to+" WHERE slug = ?)", slug).Scan(&ok); err != nil {
			return err
		}
		if !ok {
			return inputError(l.inputName(), "there is no %s %q", l.noun(), slug)
		}
	}
	return nil
}

// cover completes a cover with the uploaded image's description.
func (e *edit) cover(ctx context.Context, c *CoverDoc) error {
	if c == nil {
		return nil
	}
	f, err := imageIn(ctx, e.tx, c.Name)
	if errors.Is(err, ErrNotFound) {
		return inputError("cover.name", "there is no uploaded image %q", c.Name)
	} else if err != nil {
		return err
	}
	c.ImageFile = *f
	return nil
}

// done records a change in the audit log and the content generation, and reads the item
// back for the editor.
func (e *edit) done(ctx context.Context, k *kind, id int64, slug string, version int, action AuditAction, fields []string) (Source, error) {
	kind := k.kind
	if err := e.audit(ctx, action, &kind, id, slug, &version, fields); err != nil {
		return nil, err
	}
	if err := bumpGeneration(ctx, e.tx); err != nil {
		return nil, err
	}
	return e.s.sourceByID(ctx, e.tx, k, id)
}

// audit records a change; kind is nil for a change to an account.
func (e *edit) audit(ctx context.Context, action AuditAction, kind *Kind, id int64, label string, version *int, fields []string) error {
	entry := &AuditEntry{At: e.now, UserID: &e.by.ID, Action: action, Kind: kind, ItemID: id, Label: label,
		Version: version, Fields: orEmpty(fields)}
	_, err := e.tx.NewInsert().Model(entry).Exec(ctx)
	return err
}

// changedFields lists the content format's fields (by JSON name) that differ between two
// documents of one kind, ignoring the editorial ones.
func changedFields(before, after doc) []string {
	a, b := reflect.ValueOf(before).Elem(), reflect.ValueOf(after).Elem()
	var out []string
	for i := 0; i < a.NumField(); i++ {
		f := a.Type().Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if f.Anonymous || name == "" || name == "_note" || name == "publishedAt" || name == "updatedAt" {
			continue
		}
		if !reflect.DeepEqual(a.Field(i).Interface(), b.Field(i).Interface()) {
			out = append(out, name)
		}
	}
	return out
}

// allFields lists the fields of a new item that have a value.
func allFields(d doc) []string {
	zero := reflect.New(reflect.TypeOf(d).Elem()).Interface().(doc)
	return changedFields(zero, d)
}

func checkVersion(p *Publication, version int, restoring bool) error {
	switch {
	case p.Version != version:
		return &ConflictError{Current: p.Version}
	case p.DeletedAt != nil && !restoring:
		return inputError("id", "the item is deleted: an admin can restore it first")
	case p.DeletedAt == nil && restoring:
		return inputError("id", "the item is not deleted")
	}
	return nil
}

// touch marks a publication as changed now by the editor.
func (e *edit) touch(p *Publication) {
	p.Version++
	p.ChangedAt = e.now
	p.ChangedBy = &e.by.ID
}

// as is a source of a known type.
func as[T Source](src Source, err error) (T, error) {
	if err != nil {
		var zero T
		return zero, err
	}
	return src.(T), nil
}

// visibleAt tells whether the public sees a publication at now.
func visibleAt(p *Publication, publishedAt *time.Time, now time.Time) bool {
	return p.State == Published && p.DeletedAt == nil && publishedAt != nil && !publishedAt.After(now)
}
