package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/agency/portal/translit"
)

// The editors' changes to content. Every change runs in one write transaction: the item,
// its links, its search index row and the audit entry are written together or not at all.
// An update or state change names the version it edits; a stale one is a *ConflictError.

// ConflictError refuses a change to an item that changed since the editor read it.
type ConflictError struct {
	Current int // the item's version now
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("someone else changed the item meanwhile (it is at version %d now): reload it and make your change again", e.Current)
}

// ImageInput is a picture chosen for an item: an uploaded image's name and its alt text.
type ImageInput struct {
	Name string
	Alt  Localized
}

// NewsInput is a news item's content as an editor sends it. Lists are slugs.
type NewsInput struct {
	Slug     *string
	Title    Localized
	Summary  *Localized
	Body     *Localized
	Topics   []string
	Projects []string
	Partners []string
	Cover    *ImageInput
}

// ProjectInput is a project's content as an editor sends it.
type ProjectInput struct {
	Slug                *string
	Title               Localized
	OfficialTitle       *Localized
	Summary             *Localized
	Description         *Localized
	Status              ProjectStatus
	StartDate           *string
	EndDate             *string
	DatePrecision       *DatePrecision
	Budget              *Money
	Funders             []string
	Implementers        []string
	CooperatingPartners []string
	Areas               []string
	Locations           *LocalizedList
	ExpectedResults     *LocalizedList
	Objectives          *LocalizedList
	SpecificObjectives  *LocalizedList
	TargetGroups        *LocalizedList
	URL                 *string
	Cover               *ImageInput
}

// PartnerInput is a partner's content as an editor sends it.
type PartnerInput struct {
	Slug        *string
	Name        Localized
	Acronym     *string
	Kind        PartnerKind
	Website     *string
	Description *Localized
}

func orZero[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func trimmed(l Localized) Localized {
	return Localized{Sr: strings.TrimSpace(l.Sr), En: strings.TrimSpace(l.En)}
}

func trimmedList(l *LocalizedList) LocalizedList {
	if l == nil {
		return LocalizedList{Sr: []string{}, En: []string{}}
	}
	trim := func(list []string) []string {
		out := []string{}
		for _, s := range list {
			out = append(out, strings.TrimSpace(s))
		}
		return out
	}
	return LocalizedList{Sr: trim(l.Sr), En: trim(l.En)}
}

func trimmedOr(s *string) string { return strings.TrimSpace(orZero(s)) }

// slugOr is the slug an editor gave, or "" to make one from the title.
func slugOr(s *string) string { return strings.TrimSpace(orZero(s)) }

func (c *ImageInput) doc() *CoverDoc {
	if c == nil {
		return nil
	}
	return &CoverDoc{ImageFile: ImageFile{Name: strings.TrimSpace(c.Name)}, Alt: trimmed(c.Alt)}
}

func (in *NewsInput) doc() NewsDoc {
	return NewsDoc{Slug: slugOr(in.Slug), Title: trimmed(in.Title), Summary: trimmed(orZero(in.Summary)),
		Body: orZero(in.Body), Topics: orEmpty(in.Topics), Projects: orEmpty(in.Projects), Partners: orEmpty(in.Partners),
		Cover: in.Cover.doc()}
}

func (in *ProjectInput) doc() ProjectDoc {
	precision := Day
	if in.DatePrecision != nil {
		precision = *in.DatePrecision
	}
	var budget *Money
	if in.Budget != nil {
		budget = &Money{Amount: strings.TrimSpace(in.Budget.Amount), Currency: strings.TrimSpace(in.Budget.Currency)}
	}
	return ProjectDoc{Slug: slugOr(in.Slug), Title: trimmed(in.Title), OfficialTitle: trimmed(orZero(in.OfficialTitle)),
		Summary: trimmed(orZero(in.Summary)), Description: orZero(in.Description), Status: in.Status,
		StartDate: in.StartDate, EndDate: in.EndDate, DatePrecision: precision, Budget: budget,
		Funders: orEmpty(in.Funders), Implementers: orEmpty(in.Implementers), Partners: orEmpty(in.CooperatingPartners),
		Areas: orEmpty(in.Areas), Locations: trimmedList(in.Locations), ExpectedResults: trimmedList(in.ExpectedResults),
		Objectives: trimmedList(in.Objectives), SpecificObjectives: trimmedList(in.SpecificObjectives),
		TargetGroups: trimmedList(in.TargetGroups), URL: trimmedOr(in.URL), Cover: in.Cover.doc()}
}

func (in *PartnerInput) doc() PartnerDoc {
	return PartnerDoc{Slug: slugOr(in.Slug), Name: trimmed(in.Name), Acronym: trimmedOr(in.Acronym), Kind: in.Kind,
		Website: trimmedOr(in.Website), Description: trimmed(orZero(in.Description))}
}

// inputField renames the fields of the content format that editors' input names
// otherwise (a project's cooperating partners).
func inputField(err error) error {
	var in *InputError
	if errors.As(err, &in) && in.Field == "partners" {
		return &InputError{Field: "cooperatingPartners", Message: in.Message}
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

// inTx runs f in a write transaction as the user, and wakes the publisher afterwards
// (a change may schedule an item).
func (s *Store) inTx(ctx context.Context, by *User, f func(e *edit) error) error {
	if by == nil {
		return ErrUnauthenticated
	}
	defer s.wakePublisher()
	now := s.clock()
	return s.write.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
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

// refs checks that linked items exist, naming the field of the first that does not.
func (e *edit) refs(ctx context.Context, field, table string, slugs []string) error {
	for _, slug := range slugs {
		var ok bool
		if err := e.tx.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM "+table+" WHERE slug = ?)", slug).Scan(&ok); err != nil {
			return err
		}
		if !ok {
			return inputError(field, "there is no %s %q", strings.TrimSuffix(table, "s"), slug)
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

// audit records a change.
func (e *edit) audit(ctx context.Context, action AuditAction, kind *SearchKind, id int64, label string, version *int, fields []string) error {
	entry := &AuditEntry{At: e.now, UserID: &e.by.ID, Action: action, Kind: kind, ItemID: id, Label: label,
		Version: version, Fields: orEmpty(fields)}
	_, err := e.tx.NewInsert().Model(entry).Exec(ctx)
	return err
}

// changedFields lists the content format's fields (by JSON name) that differ between two
// documents of one type, ignoring the editorial ones.
func changedFields(before, after any) []string {
	a, b := reflect.ValueOf(before), reflect.ValueOf(after)
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
func allFields(doc any) []string {
	v := reflect.ValueOf(doc)
	return changedFields(reflect.Zero(v.Type()).Interface(), doc)
}

// current reads the item an update edits into model (whose publication is pub), and checks
// that it is at the version the editor edited and not deleted. A new item (id 0) has none.
func (e *edit) current(ctx context.Context, kind SearchKind, id int64, version int, model any, pub *Publication) error {
	if id == 0 {
		return nil
	}
	info := sourceKinds[kind]
	if err := e.tx.NewSelect().Model(model).Where(info.alias+".id = ?", id).Scan(ctx); err != nil {
		return notFound(err)
	}
	return checkVersion(pub, version, false)
}

// done records a change in the audit log and reads the item back for the editor.
func (e *edit) done(ctx context.Context, kind SearchKind, id int64, slug string, version int, action AuditAction, fields []string) (Source, error) {
	if err := e.audit(ctx, action, &kind, id, slug, &version, fields); err != nil {
		return nil, err
	}
	return e.s.sourceByID(ctx, e.tx, sourceKinds[kind].typ, id)
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

// CreateNewsItem creates a news item as a draft.
func (s *Store) CreateNewsItem(ctx context.Context, by *User, in NewsInput) (*NewsSource, error) {
	return as[*NewsSource](s.saveNews(ctx, by, 0, 0, in))
}

// UpdateNewsItem replaces a news item's content; version is the version edited.
func (s *Store) UpdateNewsItem(ctx context.Context, by *User, gid string, version int, in NewsInput) (*NewsSource, error) {
	id, err := idOfType(gid, kindNews)
	if err != nil {
		return nil, err
	}
	return as[*NewsSource](s.saveNews(ctx, by, id, version, in))
}

func (s *Store) saveNews(ctx context.Context, by *User, id int64, version int, in NewsInput) (Source, error) {
	doc := in.doc()
	var out Source
	err := s.inTx(ctx, by, func(e *edit) (err error) {
		old := &NewsItem{}
		if err := e.current(ctx, SearchNews, id, version, old, &old.Publication); err != nil {
			return err
		}
		if doc.Slug, err = e.slug(ctx, "news", doc.Slug, label(doc.Title.Sr, doc.Title.En), id, "news"); err != nil {
			return err
		}
		doc.PublishedAt = e.now
		if err := firstError(doc.check(""), e.refs(ctx, "topics", "topics", doc.Topics),
			e.refs(ctx, "projects", "projects", doc.Projects), e.refs(ctx, "partners", "partners", doc.Partners),
			e.cover(ctx, doc.Cover)); err != nil {
			return err
		}
		m := doc.model(e.now)
		action, fields := ActionCreate, allFields(doc)
		if id == 0 {
			m.State, m.ChangedBy = Draft, &by.ID
			if _, err := e.tx.NewInsert().Model(m).Returning("id").Exec(ctx); err != nil {
				return err
			}
		} else {
			before, err := newsDocOf(ctx, e.tx, old)
			if err != nil {
				return err
			}
			action, fields = ActionUpdate, changedFields(before, doc)
			m.ID, m.Publication, m.PublishedAt, m.UpdatedAt = id, old.Publication, old.PublishedAt, old.UpdatedAt
			if visibleAt(&m.Publication, &m.PublishedAt, e.now) && len(fields) > 0 {
				m.UpdatedAt = &e.now
			}
			e.touch(&m.Publication)
			if _, err := e.tx.NewUpdate().Model(m).WherePK().Exec(ctx); err != nil {
				return err
			}
		}
		w := &writer{tx: e.tx, ids: map[string]int64{}, now: e.now}
		w.relink(ctx, "news_topics", "news_id", m.ID, "topic_id", "topic", doc.Topics)
		w.relink(ctx, "news_projects", "news_id", m.ID, "project_id", "project", doc.Projects)
		w.relink(ctx, "news_partners", "news_id", m.ID, "partner_id", "partner", doc.Partners)
		w.index(ctx, kindNewsNum, m.ID)
		if w.err != nil {
			return w.err
		}
		out, err = e.done(ctx, SearchNews, m.ID, m.Slug, m.Version, action, fields)
		return err
	})
	return out, err
}

// CreateProject creates a project as a draft.
func (s *Store) CreateProject(ctx context.Context, by *User, in ProjectInput) (*ProjectSource, error) {
	return as[*ProjectSource](s.saveProject(ctx, by, 0, 0, in))
}

// UpdateProject replaces a project's content; version is the version edited.
func (s *Store) UpdateProject(ctx context.Context, by *User, gid string, version int, in ProjectInput) (*ProjectSource, error) {
	id, err := idOfType(gid, kindProject)
	if err != nil {
		return nil, err
	}
	return as[*ProjectSource](s.saveProject(ctx, by, id, version, in))
}

func (s *Store) saveProject(ctx context.Context, by *User, id int64, version int, in ProjectInput) (Source, error) {
	doc := in.doc()
	var out Source
	err := s.inTx(ctx, by, func(e *edit) (err error) {
		old := &Project{}
		if err := e.current(ctx, SearchProject, id, version, old, &old.Publication); err != nil {
			return err
		}
		if doc.Slug, err = e.slug(ctx, "projects", doc.Slug, label(doc.Title.Sr, doc.Title.En), id, "project"); err != nil {
			return err
		}
		if err := firstError(inputField(doc.check("")), e.refs(ctx, "areas", "topics", doc.Areas),
			e.refs(ctx, "funders", "partners", doc.Funders), e.refs(ctx, "implementers", "partners", doc.Implementers),
			e.refs(ctx, "cooperatingPartners", "partners", doc.Partners), e.cover(ctx, doc.Cover)); err != nil {
			return err
		}
		m := doc.model(e.now)
		action, fields := ActionCreate, allFields(doc)
		if id == 0 {
			m.State, m.ChangedBy, m.PublishedAt = Draft, &by.ID, nil
			if _, err := e.tx.NewInsert().Model(m).Returning("id").Exec(ctx); err != nil {
				return err
			}
		} else {
			before, err := projectDocOf(ctx, e.tx, old)
			if err != nil {
				return err
			}
			action, fields = ActionUpdate, changedFields(before, doc)
			m.ID, m.Publication, m.PublishedAt = id, old.Publication, old.PublishedAt
			e.touch(&m.Publication)
			if _, err := e.tx.NewUpdate().Model(m).WherePK().Exec(ctx); err != nil {
				return err
			}
		}
		w := &writer{tx: e.tx, ids: map[string]int64{}, now: e.now}
		w.relink(ctx, "project_topics", "project_id", m.ID, "topic_id", "topic", doc.Areas)
		w.exec(ctx, "DELETE FROM project_partners WHERE project_id = ?", m.ID)
		for _, role := range []PartnerRole{Funder, Implementer, Cooperating} {
			for i, slug := range map[PartnerRole][]string{Funder: doc.Funders, Implementer: doc.Implementers, Cooperating: doc.Partners}[role] {
				w.exec(ctx, "INSERT OR IGNORE INTO project_partners (project_id, partner_id, role, position) VALUES (?, ?, ?, ?)",
					m.ID, w.ref(ctx, "partner", slug), role, i)
			}
		}
		w.index(ctx, kindProjectNum, m.ID)
		if w.err != nil {
			return w.err
		}
		out, err = e.done(ctx, SearchProject, m.ID, m.Slug, m.Version, action, fields)
		return err
	})
	return out, err
}

// CreatePartner creates a partner as a draft.
func (s *Store) CreatePartner(ctx context.Context, by *User, in PartnerInput) (*PartnerSource, error) {
	return as[*PartnerSource](s.savePartner(ctx, by, 0, 0, in))
}

// UpdatePartner replaces a partner's content; version is the version edited.
func (s *Store) UpdatePartner(ctx context.Context, by *User, gid string, version int, in PartnerInput) (*PartnerSource, error) {
	id, err := idOfType(gid, kindPartner)
	if err != nil {
		return nil, err
	}
	return as[*PartnerSource](s.savePartner(ctx, by, id, version, in))
}

func (s *Store) savePartner(ctx context.Context, by *User, id int64, version int, in PartnerInput) (Source, error) {
	doc := in.doc()
	var out Source
	err := s.inTx(ctx, by, func(e *edit) (err error) {
		old := &Partner{}
		if err := e.current(ctx, SearchPartner, id, version, old, &old.Publication); err != nil {
			return err
		}
		if doc.Slug, err = e.slug(ctx, "partners", doc.Slug, label(doc.Name.Sr, doc.Name.En), id, "partner"); err != nil {
			return err
		}
		if err := doc.check(""); err != nil {
			return err
		}
		m := doc.model(e.now)
		action, fields := ActionCreate, allFields(doc)
		if id == 0 {
			m.State, m.ChangedBy, m.PublishedAt = Draft, &by.ID, nil
			if _, err := e.tx.NewInsert().Model(m).Returning("id").Exec(ctx); err != nil {
				return err
			}
		} else {
			action, fields = ActionUpdate, changedFields(partnerDoc(old), doc)
			m.ID, m.Publication, m.PublishedAt = id, old.Publication, old.PublishedAt
			e.touch(&m.Publication)
			if _, err := e.tx.NewUpdate().Model(m).WherePK().Exec(ctx); err != nil {
				return err
			}
		}
		if err := syncIndex(ctx, e.tx, kindPartnerNum, m.ID, e.now); err != nil {
			return err
		}
		out, err = e.done(ctx, SearchPartner, m.ID, m.Slug, m.Version, action, fields)
		return err
	})
	return out, err
}

// newsDocOf is a stored news item in the content format, read through db.
func newsDocOf(ctx context.Context, db bun.IDB, n *NewsItem) (NewsDoc, error) {
	topics, err := linked(ctx, db, "news_topics", "news_id", "topics", "topic_id", n.ID)
	if err != nil {
		return NewsDoc{}, err
	}
	projects, err := linked(ctx, db, "news_projects", "news_id", "projects", "project_id", n.ID)
	if err != nil {
		return NewsDoc{}, err
	}
	partners, err := linked(ctx, db, "news_partners", "news_id", "partners", "partner_id", n.ID)
	return newsDoc(n, topics, projects, partners), err
}

// projectDocOf is a stored project in the content format, read through db.
func projectDocOf(ctx context.Context, db bun.IDB, p *Project) (ProjectDoc, error) {
	areas, err := linked(ctx, db, "project_topics", "project_id", "topics", "topic_id", p.ID)
	if err != nil {
		return ProjectDoc{}, err
	}
	var roles [3][]string
	for i, role := range []PartnerRole{Funder, Implementer, Cooperating} {
		if roles[i], err = partnersInRole(ctx, db, p.ID, role); err != nil {
			return ProjectDoc{}, err
		}
	}
	return projectDoc(p, areas, roles[0], roles[1], roles[2]), nil
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

// idOfType is the row ID of a global ID of one type; another type is NOT_FOUND.
func idOfType(gid, typ string) (int64, error) {
	t, id, err := parseGlobalID(gid)
	if err != nil {
		return 0, err
	}
	if t != typ {
		return 0, ErrNotFound
	}
	return id, nil
}

// Transition is a change of an item's state.
type Transition struct {
	Action AuditAction
	At     *time.Time // ActionPublish and ActionSchedule: when the public sees it (nil: now)
}

// ChangeState publishes, schedules, unpublishes, deletes or restores an item (by global
// ID); version is the version the editor saw. Restoring is for admins.
func (s *Store) ChangeState(ctx context.Context, by *User, gid string, version int, t Transition) (Source, error) {
	typ, id, err := parseGlobalID(gid)
	if err != nil {
		return nil, err
	}
	kind, info, ok := kindByType(typ)
	if !ok {
		return nil, ErrNotFound
	}
	if t.Action == ActionRestore && by != nil && by.Role != RoleAdmin {
		return nil, ErrForbidden
	}
	var out Source
	err = s.inTx(ctx, by, func(e *edit) error {
		var row struct {
			Publication
			Slug        string
			PublishedAt *time.Time
		}
		err := e.tx.NewSelect().Table(info.table).Column("slug", "published_at", "state", "deleted_at", "version").
			Where("id = ?", id).Scan(ctx, &row)
		if err != nil {
			return notFound(err)
		}
		if err := checkVersion(&row.Publication, version, t.Action == ActionRestore); err != nil {
			return err
		}
		action := t.Action
		sets := []string{"version = version + 1", "changed_at = ?", "changed_by = ?"}
		args := []any{e.now, e.by.ID}
		switch t.Action {
		case ActionPublish, ActionSchedule:
			at := e.now
			if t.At != nil {
				at = t.At.UTC().Truncate(time.Second)
			}
			if t.Action == ActionSchedule && !at.After(e.now) {
				return inputError("at", "must be in the future to schedule; publish instead")
			}
			if at.After(e.now) {
				action = ActionSchedule
			}
			sets = append(sets, "state = 'PUBLISHED'", "published_at = ?")
			args = append(args, at)
		case ActionUnpublish:
			sets = append(sets, "state = 'DRAFT'")
		case ActionDelete:
			sets = append(sets, "deleted_at = ?")
			args = append(args, e.now)
		case ActionRestore:
			sets = append(sets, "deleted_at = NULL", "state = 'DRAFT'")
		default:
			return fmt.Errorf("store: no transition %q", t.Action)
		}
		args = append(args, id)
		if _, err := e.tx.ExecContext(ctx, "UPDATE "+info.table+" SET "+strings.Join(sets, ", ")+" WHERE id = ?", args...); err != nil {
			return err
		}
		if err := syncIndex(ctx, e.tx, info.num, id, e.now); err != nil {
			return err
		}
		out, err = e.done(ctx, kind, id, row.Slug, version+1, action, nil)
		return err
	})
	return out, err
}

// imageIn reads an uploaded image's description in a transaction, or ErrNotFound.
func imageIn(ctx context.Context, db bun.IDB, name string) (*ImageFile, error) {
	f := new(ImageFile)
	var variants string
	err := db.QueryRowContext(ctx, "SELECT name, type, width, height, bytes, variants FROM media WHERE name = ?", name).
		Scan(&f.Name, &f.Type, &f.Width, &f.Height, &f.Bytes, &variants)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	} else if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(variants), &f.Variants); err != nil {
		return nil, fmt.Errorf("store: media %s: %w", name, err)
	}
	return f, nil
}
