package store

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/uptrace/bun"
	"golang.org/x/text/currency"

	"github.com/agency/portal/richtext"
)

// Content is a set of topics, partners, projects and news in the portal's JSON content
// format: the demo content, and what an import brings in. Items refer to each other by slug.
type Content struct {
	Topics   []TopicDoc   `json:"topics"`
	Partners []PartnerDoc `json:"partners"`
	Projects []ProjectDoc `json:"projects"`
	News     []NewsDoc    `json:"news"`
}

// Localized is a text in Serbian (either script) and English; either may be empty.
type Localized struct {
	Sr string `json:"sr"`
	En string `json:"en"`
}

// LocalizedList is a list of texts in Serbian and English.
type LocalizedList struct {
	Sr []string `json:"sr"`
	En []string `json:"en"`
}

// Editorial is what the content format says of an item's publication. The zero value is
// an item published now (a news item: at its publishedAt); Draft keeps it from the public,
// and so does DeletedAt.
type EditorialDoc struct {
	Draft     bool       `json:"draft,omitempty"`
	DeletedAt *time.Time `json:"deletedAt,omitempty"`
}

// CoverDoc is a cover picture in the content format: the uploaded file and its alt text.
type CoverDoc struct {
	ImageFile
	Alt Localized `json:"alt"`
}

// TopicDoc is a topic in the content format.
type TopicDoc struct {
	Slug string    `json:"slug"`
	Name Localized `json:"name"`
}

// PartnerDoc is a partner in the content format.
type PartnerDoc struct {
	Slug        string      `json:"slug"`
	Note        string      `json:"_note,omitempty"`
	Name        Localized   `json:"name"`
	Acronym     string      `json:"acronym"`
	Kind        PartnerKind `json:"kind"`
	Website     string      `json:"website"`
	Description Localized   `json:"description"`
	PublishedAt *time.Time  `json:"publishedAt,omitempty"` // when it was published; an import's time when empty
	EditorialDoc
}

// ProjectDoc is a project in the content format.
type ProjectDoc struct {
	Slug               string        `json:"slug"`
	Note               string        `json:"_note,omitempty"`
	Title              Localized     `json:"title"`
	OfficialTitle      Localized     `json:"officialTitle"`
	Summary            Localized     `json:"summary"`
	Description        Localized     `json:"description"`
	Status             ProjectStatus `json:"status"`
	StartDate          *string       `json:"startDate"`
	EndDate            *string       `json:"endDate"`
	DatePrecision      DatePrecision `json:"datePrecision"`
	Budget             *Money        `json:"budget"`
	Funders            []string      `json:"funders"`
	Implementers       []string      `json:"implementers"`
	Partners           []string      `json:"partners"`
	Areas              []string      `json:"areas"`
	Locations          LocalizedList `json:"locations"`
	ExpectedResults    LocalizedList `json:"expectedResults"`
	Objectives         LocalizedList `json:"objectives"`
	SpecificObjectives LocalizedList `json:"specificObjectives"`
	TargetGroups       LocalizedList `json:"targetGroups"`
	URL                string        `json:"url"`
	Cover              *CoverDoc     `json:"cover,omitempty"`
	PublishedAt        *time.Time    `json:"publishedAt,omitempty"` // when it was published; an import's time when empty
	EditorialDoc
}

// NewsDoc is a news item in the content format.
type NewsDoc struct {
	Slug        string     `json:"slug"`
	Note        string     `json:"_note,omitempty"`
	Title       Localized  `json:"title"`
	Summary     Localized  `json:"summary"`
	Body        Localized  `json:"body"`
	PublishedAt time.Time  `json:"publishedAt"`
	UpdatedAt   *time.Time `json:"updatedAt"`
	Topics      []string   `json:"topics"`
	Projects    []string   `json:"projects"`
	Partners    []string   `json:"partners"`
	Cover       *CoverDoc  `json:"cover,omitempty"`
	EditorialDoc
}

// DecodeContent reads content JSON, refusing unknown fields.
func DecodeContent(r io.Reader) (*Content, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var c Content
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("content: %w", err)
	}
	return &c, nil
}

var (
	imageName       = regexp.MustCompile(`^[0-9a-f]{16}$`)
	slugPattern     = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	decimalPattern  = regexp.MustCompile(`^(0|[1-9][0-9]{0,17})(\.[0-9]{1,4})?$`)
	currencyPattern = regexp.MustCompile(`^[A-Z]{3}$`)
)

// Import writes content in one transaction: items are created, or replaced when their slug
// exists, with their links and their search index rows. Nothing is written when any item is
// invalid; the error is an *InputError naming the item and field.
func (s *Store) Import(ctx context.Context, c *Content) error {
	if err := c.validate(); err != nil {
		return err
	}
	defer s.wakePublisher() // some items may be scheduled
	now := s.clock()
	return s.write.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		w := &writer{tx: tx, ids: map[string]int64{}, now: now}
		for _, t := range c.Topics {
			w.upsert(ctx, "topic:"+t.Slug, &Topic{Slug: t.Slug, SrName: t.Name.Sr, EnName: t.Name.En})
		}
		for _, p := range c.Partners {
			id := w.upsert(ctx, "partner:"+p.Slug, p.model(now))
			w.index(ctx, kindPartnerNum, id)
		}
		for _, p := range c.Projects {
			id := w.upsert(ctx, "project:"+p.Slug, p.model(now))
			w.relink(ctx, "project_topics", "project_id", id, "topic_id", "topic", p.Areas)
			w.exec(ctx, "DELETE FROM project_partners WHERE project_id = ?", id)
			for role, slugs := range map[PartnerRole][]string{Funder: p.Funders, Implementer: p.Implementers, Cooperating: p.Partners} {
				for i, slug := range slugs {
					w.exec(ctx, "INSERT INTO project_partners (project_id, partner_id, role, position) VALUES (?, ?, ?, ?)",
						id, w.ref(ctx, "partner", slug), role, i)
				}
			}
			w.index(ctx, kindProjectNum, id)
		}
		for _, n := range c.News {
			id := w.upsert(ctx, "news:"+n.Slug, n.model(now))
			w.relink(ctx, "news_topics", "news_id", id, "topic_id", "topic", n.Topics)
			w.relink(ctx, "news_projects", "news_id", id, "project_id", "project", n.Projects)
			w.relink(ctx, "news_partners", "news_id", id, "partner_id", "partner", n.Partners)
			w.index(ctx, kindNewsNum, id)
		}
		return w.err
	})
}

// writer runs the statements of one import and keeps the first error.
type writer struct {
	tx  bun.Tx
	ids map[string]int64 // "type:slug" → id
	now time.Time
	err error
}

func (w *writer) exec(ctx context.Context, query string, args ...any) {
	if w.err == nil {
		_, w.err = w.tx.ExecContext(ctx, query, args...)
	}
}

// upsert inserts a model, or updates the row with its slug, and returns the row's ID.
func (w *writer) upsert(ctx context.Context, key string, model any) int64 {
	if w.err != nil {
		return 0
	}
	var id int64
	w.err = w.tx.NewInsert().Model(model).On("CONFLICT (slug) DO UPDATE").
		Set(setAll(w.tx, model)).Returning("id").Scan(ctx, &id)
	w.ids[key] = id
	return id
}

// setAll is the SET clause of an upsert: every column but the key ones, the creation time
// and whether the row is indexed (syncIndex keeps that); the version grows by one.
func setAll(db bun.IDB, model any) string {
	var sets []string
	for _, f := range db.Dialect().Tables().Get(reflect.TypeOf(model).Elem()).Fields {
		switch f.Name {
		case "id", "slug", "created_at", "indexed":
		case "version":
			sets = append(sets, "version = version + 1")
		default:
			sets = append(sets, f.Name+" = EXCLUDED."+f.Name)
		}
	}
	return strings.Join(sets, ", ")
}

// ref returns the ID of an item by its type and slug: one written in this import, or one
// already in the database.
func (w *writer) ref(ctx context.Context, typ, slug string) int64 {
	if id, ok := w.ids[typ+":"+slug]; ok || w.err != nil {
		return id
	}
	table := map[string]string{"topic": "topics", "partner": "partners", "project": "projects"}[typ]
	var id int64
	if err := w.tx.QueryRowContext(ctx, "SELECT id FROM "+table+" WHERE slug = ?", slug).Scan(&id); err != nil {
		w.err = inputError(typ, "unknown %s %q", typ, slug)
	}
	w.ids[typ+":"+slug] = id
	return id
}

// relink replaces the links of one item to items of another type, by their slugs.
func (w *writer) relink(ctx context.Context, table, ownCol string, id int64, otherCol, otherType string, slugs []string) {
	w.exec(ctx, "DELETE FROM "+table+" WHERE "+ownCol+" = ?", id)
	for _, slug := range slugs {
		w.exec(ctx, "INSERT OR IGNORE INTO "+table+" ("+ownCol+", "+otherCol+") VALUES (?, ?)", id, w.ref(ctx, otherType, slug))
	}
}

// index puts an item into the search index, or takes it out, as its state says.
func (w *writer) index(ctx context.Context, kind int64, id int64) {
	if w.err != nil {
		return
	}
	w.err = syncIndex(ctx, w.tx, kind, id, w.now)
}

// publication is the editorial columns of an imported item, changed now.
func (e EditorialDoc) publication(now time.Time) Publication {
	p := Publication{State: Published, Version: 1, CreatedAt: now, ChangedAt: now}
	if e.Draft {
		p.State = Draft
	}
	if e.DeletedAt != nil {
		d := e.DeletedAt.UTC().Truncate(time.Second)
		p.DeletedAt = &d
	}
	return p
}

// publishedAt is when an imported project or partner was published: as the document
// says, else now; nil for a draft that says nothing.
func (e EditorialDoc) publishedAt(at *time.Time, now time.Time) *time.Time {
	switch {
	case at != nil:
		t := at.UTC().Truncate(time.Second)
		return &t
	case e.Draft:
		return nil
	}
	return &now
}

func (c *CoverDoc) file() *ImageFile {
	if c == nil {
		return nil
	}
	f := c.ImageFile
	return &f
}

func (c *CoverDoc) alt() Localized {
	if c == nil {
		return Localized{}
	}
	return c.Alt
}

func (p PartnerDoc) model(now time.Time) *Partner {
	return &Partner{Slug: p.Slug, Acronym: nonEmpty(p.Acronym), Kind: p.Kind, Website: nonEmpty(p.Website),
		Sr:          PartnerText{Name: p.Name.Sr, Description: p.Description.Sr},
		En:          PartnerText{Name: p.Name.En, Description: p.Description.En},
		PublishedAt: p.publishedAt(p.PublishedAt, now), Publication: p.publication(now)}
}

func (p ProjectDoc) model(now time.Time) *Project {
	text := func(lang func(Localized) string, list func(LocalizedList) []string) ProjectText {
		return ProjectText{CoverAlt: lang(p.Cover.alt()),
			Title: lang(p.Title), OfficialTitle: lang(p.OfficialTitle), Summary: lang(p.Summary), Description: lang(p.Description),
			Locations: list(p.Locations), ExpectedResults: list(p.ExpectedResults), Objectives: list(p.Objectives),
			SpecificObjectives: list(p.SpecificObjectives), TargetGroups: list(p.TargetGroups),
		}
	}
	precision := p.DatePrecision
	if precision == "" {
		precision = Day
	}
	return &Project{Slug: p.Slug, Status: p.Status, StartDate: p.StartDate, EndDate: p.EndDate, DatePrecision: precision,
		Budget: p.Budget, URL: nonEmpty(p.URL), CoverFile: p.Cover.file(),
		PublishedAt: p.publishedAt(p.PublishedAt, now), Publication: p.publication(now),
		Sr: text(func(l Localized) string { return l.Sr }, func(l LocalizedList) []string { return orEmpty(l.Sr) }),
		En: text(func(l Localized) string { return l.En }, func(l LocalizedList) []string { return orEmpty(l.En) })}
}

func orEmpty(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}

func (n NewsDoc) model(now time.Time) *NewsItem {
	alt := n.Cover.alt()
	m := &NewsItem{Slug: n.Slug, PublishedAt: n.PublishedAt.UTC().Truncate(time.Second),
		Sr:        NewsText{Title: n.Title.Sr, Summary: n.Summary.Sr, Body: n.Body.Sr, CoverAlt: alt.Sr},
		En:        NewsText{Title: n.Title.En, Summary: n.Summary.En, Body: n.Body.En, CoverAlt: alt.En},
		CoverFile: n.Cover.file(), Publication: n.publication(now)}
	if n.UpdatedAt != nil {
		u := n.UpdatedAt.UTC().Truncate(time.Second)
		m.UpdatedAt = &u
	}
	return m
}

// maxSlugBytes is the longest slug.
const maxSlugBytes = 120

// validate checks every item before anything is written: each on its own (the rules
// editors' input keeps too), and slugs unique within the import.
func (c *Content) validate() error {
	seen := map[string]bool{}
	unique := func(field, typ, slug string) error {
		key := typ + ":" + slug
		defer func() { seen[key] = true }()
		return check(field, !seen[key], "%q appears twice", slug)
	}
	var err error
	first := func(errs ...error) {
		for _, e := range errs {
			if err == nil {
				err = e
			}
		}
	}
	for i, t := range c.Topics {
		f := fmt.Sprintf("topics[%d].", i)
		first(checkSlug(f+"slug", t.Slug), unique(f+"slug", "topic", t.Slug), named(f+"name", t.Name))
	}
	for i, p := range c.Partners {
		f := fmt.Sprintf("partners[%d].", i)
		first(p.check(f), unique(f+"slug", "partner", p.Slug))
	}
	for i, p := range c.Projects {
		f := fmt.Sprintf("projects[%d].", i)
		first(p.check(f), unique(f+"slug", "project", p.Slug))
	}
	for i, n := range c.News {
		f := fmt.Sprintf("news[%d].", i)
		first(n.check(f), unique(f+"slug", "news", n.Slug))
	}
	return err
}

// firstError is the first error that is not nil.
func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func check(field string, ok bool, format string, args ...any) error {
	if ok {
		return nil
	}
	return inputError(field, format, args...)
}

func checkSlug(field, slug string) error {
	return check(field, slugPattern.MatchString(slug) && len(slug) <= maxSlugBytes,
		"%q is not a slug (a-z, 0-9 and single dashes, at most %d characters)", slug, maxSlugBytes)
}

func slugList(field string, list []string) error {
	for _, s := range list {
		if err := check(field, slugPattern.MatchString(s), "%q is not a slug", s); err != nil {
			return err
		}
	}
	return nil
}

func named(field string, l Localized) error {
	return check(field, strings.TrimSpace(l.Sr) != "" || strings.TrimSpace(l.En) != "", "is required in Serbian or English")
}

// check checks a partner on its own; field names start with prefix.
func (p PartnerDoc) check(f string) error {
	return firstError(checkSlug(f+"slug", p.Slug), named(f+"name", p.Name),
		check(f+"kind", p.Kind.Valid(), "%q is not a partner kind", p.Kind), webURL(f+"website", p.Website),
		plain(f+"name", p.Name, maxTitle), plain(f+"description", p.Description, maxSummary),
		check(f+"acronym", utf8.RuneCountInString(p.Acronym) <= 30, "is longer than 30 characters"))
}

// check checks a project on its own; field names start with prefix.
func (p ProjectDoc) check(f string) error {
	err := firstError(checkSlug(f+"slug", p.Slug), named(f+"title", p.Title),
		plain(f+"title", p.Title, maxTitle), plain(f+"officialTitle", p.OfficialTitle, maxTitle),
		plain(f+"summary", p.Summary, maxSummary), markdown(f+"description", p.Description),
		check(f+"status", p.Status == Planned || p.Status == Ongoing || p.Status == Completed, "%q is not a project status", p.Status),
		check(f+"datePrecision", p.DatePrecision == "" || p.DatePrecision == Day || p.DatePrecision == Month || p.DatePrecision == Year,
			"%q is not a date precision", p.DatePrecision),
		date(f+"startDate", p.StartDate), date(f+"endDate", p.EndDate),
		check(f+"endDate", p.StartDate == nil || p.EndDate == nil || *p.EndDate >= *p.StartDate, "is before the start date"),
		webURL(f+"url", p.URL),
		slugList(f+"funders", p.Funders), slugList(f+"implementers", p.Implementers),
		slugList(f+"partners", p.Partners), slugList(f+"areas", p.Areas), p.Cover.check(f+"cover"))
	if err == nil && p.Budget != nil {
		err = firstError(check(f+"budget.amount", decimalPattern.MatchString(p.Budget.Amount), "%q is not a decimal amount such as 49890.52", p.Budget.Amount),
			check(f+"budget.currency", isCurrency(p.Budget.Currency),
				"%q is not an ISO 4217 currency code", p.Budget.Currency))
	}
	for _, l := range []struct {
		name string
		list LocalizedList
	}{{"locations", p.Locations}, {"expectedResults", p.ExpectedResults}, {"objectives", p.Objectives},
		{"specificObjectives", p.SpecificObjectives}, {"targetGroups", p.TargetGroups}} {
		for _, s := range append(slices.Clone(l.list.Sr), l.list.En...) {
			if err == nil {
				err = firstError(check(f+l.name, strings.TrimSpace(s) != "", "has an empty entry"),
					check(f+l.name, utf8.RuneCountInString(s) <= maxSummary, "has an entry longer than %d characters", maxSummary))
			}
		}
	}
	return err
}

// check checks a news item on its own; field names start with prefix.
func (n NewsDoc) check(f string) error {
	return firstError(checkSlug(f+"slug", n.Slug), named(f+"title", n.Title),
		plain(f+"title", n.Title, maxTitle), plain(f+"summary", n.Summary, maxSummary), markdown(f+"body", n.Body),
		check(f+"publishedAt", !n.PublishedAt.IsZero(), "is required"),
		slugList(f+"topics", n.Topics), slugList(f+"projects", n.Projects),
		slugList(f+"partners", n.Partners), n.Cover.check(f+"cover"))
}

// check checks a cover: a name as the media library makes them, and alt text.
func (c *CoverDoc) check(f string) error {
	if c == nil {
		return nil
	}
	return firstError(check(f+".name", imageName.MatchString(c.Name), "%q is not the name of an uploaded image", c.Name),
		named(f+".alt", c.Alt), plain(f+".alt", c.Alt, maxSummary))
}

// isCurrency tells whether code is an ISO 4217 currency code (CLDR's list, through
// golang.org/x/text/currency).
func isCurrency(code string) bool {
	if !currencyPattern.MatchString(code) {
		return false
	}
	_, err := currency.ParseISO(code)
	return err == nil
}

// The longest texts, in characters.
const (
	maxTitle    = 300
	maxSummary  = 2000
	maxMarkdown = 200_000
)

// plain checks a plain-text field: a length limit.
func plain(field string, l Localized, max int) error {
	for lang, s := range map[string]string{"sr": l.Sr, "en": l.En} {
		if utf8.RuneCountInString(s) > max {
			return inputError(field+"."+lang, "is longer than %d characters", max)
		}
	}
	return nil
}

// markdown checks a Markdown field: a length limit, and images that are uploaded ones
// with alt text.
func markdown(field string, l Localized) error {
	for _, lang := range []string{"sr", "en"} {
		s := l.Sr
		if lang == "en" {
			s = l.En
		}
		if utf8.RuneCountInString(s) > maxMarkdown {
			return inputError(field+"."+lang, "is longer than %d characters", maxMarkdown)
		}
		for _, img := range richtext.Images(s) {
			if _, ok := richtext.MediaName(img.Src); !ok {
				return inputError(field+"."+lang, "the image %q is not an uploaded one: upload it and use its /media/ address", img.Src)
			}
			if strings.TrimSpace(img.Alt) == "" {
				return inputError(field+"."+lang, "the image %q has no alt text: write what it shows in ![…](…)", img.Src)
			}
		}
	}
	return nil
}

func date(field string, d *string) error {
	if d == nil {
		return nil
	}
	if _, err := time.Parse(time.DateOnly, *d); err != nil {
		return inputError(field, "must be a date YYYY-MM-DD, got %q", *d)
	}
	return nil
}

func webURL(field, s string) error {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return inputError(field, "must be an http(s) URL, got %q", s)
	}
	return nil
}
