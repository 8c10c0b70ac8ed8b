package store

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/agency/portal/richtext"
)

// projectKind is the registry's entry of projects.
var projectKind = &kind{
	kind: KindProject, typ: "Project", table: "projects", alias: "project", num: 2,
	field: "projects", noun: "project", titles: []string{"sr_title", "en_title"},
	links:    []link{projectAreas, projectFunders, projectImplementers, projectPartners},
	dims:     projectDims,
	topics:   &projectAreas,
	newRow:   func() row { return new(Project) },
	scanRows: scanRows[*Project],
	docs:     func(c *Content) []doc { return docsOf(c.Projects) },
	addDoc:   func(c *Content, d doc) { c.Projects = append(c.Projects, *d.(*ProjectDoc)) },
}

// CreateProject creates a project as a draft.
func (s *Store) CreateProject(ctx context.Context, by *User, in ProjectInput) (*ProjectSource, error) {
	return as[*ProjectSource](s.save(ctx, by, projectKind, "", 0, in.doc()))
}

// UpdateProject replaces a project's content; version is the version edited.
func (s *Store) UpdateProject(ctx context.Context, by *User, gid string, version int, in ProjectInput) (*ProjectSource, error) {
	return as[*ProjectSource](s.save(ctx, by, projectKind, gid, version, in.doc()))
}

// The lists a project links to: its areas (topics), and its partners in each role, in
// the order they were listed.
var (
	projectAreas        = link{field: "areas", table: "project_topics", own: "project_id", other: "topic_id", to: "topics"}
	projectFunders      = projectRole("funders", "", Funder)
	projectImplementers = projectRole("implementers", "", Implementer)
	projectPartners     = projectRole("partners", "cooperatingPartners", Cooperating)
)

func projectRole(field, input string, role PartnerRole) link {
	return link{field: field, input: input, table: "project_partners", own: "project_id", other: "partner_id", to: "partners", role: role}
}

func (p *Project) rowID() int64              { return p.ID }
func (p *Project) publication() *Publication { return &p.Publication }
func (p *Project) localized(l Locale) Node   { return p.localize(l) }
func (p *Project) source(s *Store, now time.Time) Source {
	return &ProjectSource{item: p, s: s, now: now}
}
func (p *Project) draft() { p.PublishedAt = nil }

func (p *Project) keep(old row, _ bool, _ time.Time) {
	o := old.(*Project)
	p.ID, p.Publication, p.PublishedAt = o.ID, o.Publication, o.PublishedAt
}

func (p *Project) indexText() indexText {
	return indexText{sr: projectParts(p.Sr), en: projectParts(p.En)}
}

// projectParts is what the search index holds of a project's text in one language.
func projectParts(l ProjectText) textParts {
	t := textParts{title: []string{l.Title}, summary: []string{l.OfficialTitle, l.Summary}, body: []string{richtext.PlainText(l.Description)}}
	for _, list := range [][]string{l.Locations, l.ExpectedResults, l.Objectives, l.SpecificObjectives, l.TargetGroups} {
		t.body = append(t.body, list...)
	}
	return t
}

// searchYear is the year the project started, 0 when that is unknown.
func (p *Project) searchYear() int {
	if p.StartDate == nil {
		return 0
	}
	year, _ := strconv.Atoi(strings.SplitN(*p.StartDate, "-", 2)[0])
	return year
}

func (p *Project) searchHit(l Locale) *SearchHit {
	x := p.localize(l)
	return &SearchHit{Title: x.Title, Item: x, locale: x.Locale, texts: []snippetText{
		plainText(x.Summary), richText(x.Description), plainText(strings.Join(x.ExpectedResults, " ")),
		plainText(strings.Join(x.Objectives, " ")), plainText(x.Title), plainText(x.OfficialTitle),
		plainText(strings.Join(x.Locations, ", ")), plainText(strings.Join(x.SpecificObjectives, " ")),
		plainText(strings.Join(x.TargetGroups, ", "))}}
}

func (p *Project) doc(links map[string][]string) doc {
	d := projectDoc(p, links[projectAreas.field], links[projectFunders.field], links[projectImplementers.field], links[projectPartners.field])
	return &d
}

// ProjectSource is a project as the editors write it.
type ProjectSource struct {
	item *Project
	s    *Store
	now  time.Time
}

func (p *ProjectSource) GlobalID() string          { return p.item.GlobalID() }
func (p *ProjectSource) Kind() Kind                { return KindProject }
func (p *ProjectSource) Slug() string              { return p.item.Slug }
func (p *ProjectSource) Label() string             { return label(p.item.Sr.Title, p.item.En.Title) }
func (p *ProjectSource) Preview(l Locale) *Project { return p.item.localize(l) }
func (p *ProjectSource) Editorial() *Editorial     { return p.item.editorial(p.item.PublishedAt, p.now) }
func (p *ProjectSource) Title() Localized          { return Localized{Sr: p.item.Sr.Title, En: p.item.En.Title} }
func (p *ProjectSource) OfficialTitle() Localized {
	return Localized{Sr: p.item.Sr.OfficialTitle, En: p.item.En.OfficialTitle}
}
func (p *ProjectSource) Summary() Localized {
	return Localized{Sr: p.item.Sr.Summary, En: p.item.En.Summary}
}
func (p *ProjectSource) Description() Localized {
	return Localized{Sr: p.item.Sr.Description, En: p.item.En.Description}
}
func (p *ProjectSource) Status() ProjectStatus        { return p.item.Status }
func (p *ProjectSource) StartDate() *string           { return p.item.StartDate }
func (p *ProjectSource) EndDate() *string             { return p.item.EndDate }
func (p *ProjectSource) DatePrecision() DatePrecision { return p.item.DatePrecision }
func (p *ProjectSource) URL() *string                 { return p.item.URL }
func (p *ProjectSource) DACCodes() []string           { return orEmpty(p.item.DACCodes) }
func (p *ProjectSource) Budget() *Money {
	if b := p.item.Budget; b != nil && b.Amount != "" {
		return b
	}
	return nil
}
func (p *ProjectSource) Locations() LocalizedList {
	return LocalizedList{Sr: orEmpty(p.item.Sr.Locations), En: orEmpty(p.item.En.Locations)}
}
func (p *ProjectSource) ExpectedResults() LocalizedList {
	return LocalizedList{Sr: orEmpty(p.item.Sr.ExpectedResults), En: orEmpty(p.item.En.ExpectedResults)}
}
func (p *ProjectSource) Objectives() LocalizedList {
	return LocalizedList{Sr: orEmpty(p.item.Sr.Objectives), En: orEmpty(p.item.En.Objectives)}
}
func (p *ProjectSource) SpecificObjectives() LocalizedList {
	return LocalizedList{Sr: orEmpty(p.item.Sr.SpecificObjectives), En: orEmpty(p.item.En.SpecificObjectives)}
}
func (p *ProjectSource) TargetGroups() LocalizedList {
	return LocalizedList{Sr: orEmpty(p.item.Sr.TargetGroups), En: orEmpty(p.item.En.TargetGroups)}
}
func (p *ProjectSource) Cover() *ImageSource {
	return imageSource(p.item.CoverFile, p.item.Sr.CoverAlt, p.item.En.CoverAlt)
}
func (p *ProjectSource) Areas(ctx context.Context) ([]string, error) {
	return projectAreas.slugs(ctx, p.s.read, p.item.ID)
}
func (p *ProjectSource) Funders(ctx context.Context) ([]string, error) {
	return projectFunders.slugs(ctx, p.s.read, p.item.ID)
}
func (p *ProjectSource) Implementers(ctx context.Context) ([]string, error) {
	return projectImplementers.slugs(ctx, p.s.read, p.item.ID)
}
func (p *ProjectSource) CooperatingPartners(ctx context.Context) ([]string, error) {
	return projectPartners.slugs(ctx, p.s.read, p.item.ID)
}
