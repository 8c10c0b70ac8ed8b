package store

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"time"

	"github.com/uptrace/bun"
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
	return s.write.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		w := &writer{tx: tx, ids: map[string]int64{}}
		for _, t := range c.Topics {
			w.upsert(ctx, "topic:"+t.Slug, &Topic{Slug: t.Slug, SrName: t.Name.Sr, EnName: t.Name.En})
		}
		for _, p := range c.Partners {
			id := w.upsert(ctx, "partner:"+p.Slug, p.model())
			w.index(ctx, kindPartnerNum, id, partnerIndexText(p.model()))
		}
		for _, p := range c.Projects {
			m := p.model()
			id := w.upsert(ctx, "project:"+p.Slug, m)
			w.relink(ctx, "project_topics", "project_id", id, "topic_id", "topic", p.Areas)
			w.exec(ctx, "DELETE FROM project_partners WHERE project_id = ?", id)
			for role, slugs := range map[PartnerRole][]string{Funder: p.Funders, Implementer: p.Implementers, Cooperating: p.Partners} {
				for i, slug := range slugs {
					w.exec(ctx, "INSERT INTO project_partners (project_id, partner_id, role, position) VALUES (?, ?, ?, ?)",
						id, w.ref(ctx, "partner", slug), role, i)
				}
			}
			w.index(ctx, kindProjectNum, id, projectIndexText(m))
		}
		for _, n := range c.News {
			m := n.model()
			id := w.upsert(ctx, "news:"+n.Slug, m)
			w.relink(ctx, "news_topics", "news_id", id, "topic_id", "topic", n.Topics)
			w.relink(ctx, "news_projects", "news_id", id, "project_id", "project", n.Projects)
			w.relink(ctx, "news_partners", "news_id", id, "partner_id", "partner", n.Partners)
			w.index(ctx, kindNewsNum, id, newsIndexText(m))
		}
		return w.err
	})
}

// writer runs the statements of one import and keeps the first error.
type writer struct {
	tx  bun.Tx
	ids map[string]int64 // "type:slug" → id
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

// setAll is the SET clause of an upsert: every column but the key ones.
func setAll(db bun.IDB, model any) string {
	var sets []string
	for _, f := range db.Dialect().Tables().Get(reflect.TypeOf(model).Elem()).Fields {
		if f.Name == "id" || f.Name == "slug" {
			continue
		}
		sets = append(sets, f.Name+" = EXCLUDED."+f.Name)
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

// index replaces the search index row of an item.
func (w *writer) index(ctx context.Context, kind int64, id int64, text indexText) {
	if w.err != nil {
		return
	}
	w.err = indexItem(ctx, w.tx, kind, id, text)
}

func (p PartnerDoc) model() *Partner {
	return &Partner{Slug: p.Slug, Acronym: nonEmpty(p.Acronym), Kind: p.Kind, Website: nonEmpty(p.Website),
		Sr: PartnerText{Name: p.Name.Sr, Description: p.Description.Sr},
		En: PartnerText{Name: p.Name.En, Description: p.Description.En}}
}

func (p ProjectDoc) model() *Project {
	text := func(lang func(Localized) string, list func(LocalizedList) []string) ProjectText {
		return ProjectText{
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
		Budget: p.Budget, URL: nonEmpty(p.URL),
		Sr: text(func(l Localized) string { return l.Sr }, func(l LocalizedList) []string { return orEmpty(l.Sr) }),
		En: text(func(l Localized) string { return l.En }, func(l LocalizedList) []string { return orEmpty(l.En) })}
}

func orEmpty(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}

func (n NewsDoc) model() *NewsItem {
	m := &NewsItem{Slug: n.Slug, PublishedAt: n.PublishedAt.UTC().Truncate(time.Second),
		Sr: NewsText{Title: n.Title.Sr, Summary: n.Summary.Sr, Body: n.Body.Sr},
		En: NewsText{Title: n.Title.En, Summary: n.Summary.En, Body: n.Body.En}}
	if n.UpdatedAt != nil {
		u := n.UpdatedAt.UTC().Truncate(time.Second)
		m.UpdatedAt = &u
	}
	return m
}

// validate checks every item before anything is written.
func (c *Content) validate() error {
	check := func(field string, ok bool, format string, args ...any) error {
		if ok {
			return nil
		}
		return inputError(field, format, args...)
	}
	slugs := func(field string, list []string) (err error) {
		for _, s := range list {
			if err == nil {
				err = check(field, slugPattern.MatchString(s), "%q is not a slug", s)
			}
		}
		return err
	}
	named := func(field string, l Localized) error {
		return check(field, strings.TrimSpace(l.Sr) != "" || strings.TrimSpace(l.En) != "", "is required in Serbian or English")
	}
	seen := map[string]bool{}
	unique := func(field, typ, slug string) error {
		if err := check(field, slugPattern.MatchString(slug) && len(slug) <= 120, "%q is not a slug (a-z, 0-9 and single dashes)", slug); err != nil {
			return err
		}
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
		first(unique(f+"slug", "topic", t.Slug), named(f+"name", t.Name))
	}
	for i, p := range c.Partners {
		f := fmt.Sprintf("partners[%d].", i)
		first(unique(f+"slug", "partner", p.Slug), named(f+"name", p.Name),
			check(f+"kind", p.Kind.Valid(), "%q is not a partner kind", p.Kind), webURL(f+"website", p.Website))
	}
	for i, p := range c.Projects {
		f := fmt.Sprintf("projects[%d].", i)
		first(unique(f+"slug", "project", p.Slug), named(f+"title", p.Title),
			check(f+"status", p.Status == Planned || p.Status == Ongoing || p.Status == Completed, "%q is not a project status", p.Status),
			check(f+"datePrecision", p.DatePrecision == "" || p.DatePrecision == Day || p.DatePrecision == Month || p.DatePrecision == Year,
				"%q is not a date precision", p.DatePrecision),
			date(f+"startDate", p.StartDate), date(f+"endDate", p.EndDate),
			check(f+"endDate", p.StartDate == nil || p.EndDate == nil || *p.EndDate >= *p.StartDate, "is before the start date"),
			webURL(f+"url", p.URL),
			slugs(f+"funders", p.Funders), slugs(f+"implementers", p.Implementers),
			slugs(f+"partners", p.Partners), slugs(f+"areas", p.Areas))
		if p.Budget != nil {
			first(check(f+"budget.amount", decimalPattern.MatchString(p.Budget.Amount), "%q is not a decimal amount such as 49890.52", p.Budget.Amount),
				check(f+"budget.currency", currencyPattern.MatchString(p.Budget.Currency), "%q is not an ISO 4217 currency code", p.Budget.Currency))
		}
	}
	for i, n := range c.News {
		f := fmt.Sprintf("news[%d].", i)
		first(unique(f+"slug", "news", n.Slug), named(f+"title", n.Title),
			check(f+"publishedAt", !n.PublishedAt.IsZero(), "is required"),
			slugs(f+"topics", n.Topics), slugs(f+"projects", n.Projects),
			slugs(f+"partners", n.Partners))
	}
	return err
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
