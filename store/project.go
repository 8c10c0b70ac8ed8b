package store

import (
	"time"

	"github.com/uptrace/bun"

	"github.com/agency/portal/richtext"
)

// ProjectStatus is a project's stage.
type ProjectStatus string

// The statuses.
const (
	Planned   ProjectStatus = "PLANNED"
	Ongoing   ProjectStatus = "ONGOING"
	Completed ProjectStatus = "COMPLETED"
)

// DatePrecision says how precise a project's dates are.
type DatePrecision string

// The precisions.
const (
	Day   DatePrecision = "DAY"
	Month DatePrecision = "MONTH"
	Year  DatePrecision = "YEAR"
)

// Money is an exact amount in a currency. Amount is a decimal string such as "49890.52".
type Money struct {
	Amount   string `bun:"amount"`
	Currency string `bun:"currency"`
}

// ProjectText is the text of a project in one language. Description is Markdown.
type ProjectText struct {
	Title              string
	OfficialTitle      string
	Summary            string
	Description        string
	Locations          []string
	ExpectedResults    []string
	Objectives         []string
	SpecificObjectives []string
	TargetGroups       []string
	CoverAlt           string // what the cover picture shows
}

func (t ProjectText) has() bool { return t.Title != "" }

func (t ProjectText) script(f func(string) string) ProjectText {
	return ProjectText{
		Title: f(t.Title), OfficialTitle: f(t.OfficialTitle), Summary: f(t.Summary), Description: f(t.Description),
		Locations: convertAll(t.Locations, f), ExpectedResults: convertAll(t.ExpectedResults, f),
		Objectives: convertAll(t.Objectives, f), SpecificObjectives: convertAll(t.SpecificObjectives, f),
		TargetGroups: convertAll(t.TargetGroups, f), CoverAlt: f(t.CoverAlt),
	}
}

// Project is a donor-funded project.
type Project struct {
	bun.BaseModel `bun:"table:projects,alias:project"`

	ID            int64         `bun:",pk,autoincrement"`
	Slug          string        `bun:",notnull"`
	Status        ProjectStatus `bun:",notnull"`
	StartDate     *string       // YYYY-MM-DD, nil when unknown
	EndDate       *string       // YYYY-MM-DD, nil when unknown or open
	DatePrecision DatePrecision `bun:",notnull"`
	Budget        *Money        `bun:"embed:budget_"`
	URL           *string       `bun:"url"`
	DACCodes      []string      `bun:"dac_codes"` // OECD DAC 5-digit sector codes, for IATI (opendata_dac.go)
	Sr            ProjectText   `bun:"embed:sr_"`
	En            ProjectText   `bun:"embed:en_"`
	CoverFile     *ImageFile    `bun:"cover"`
	PublishedAt   *time.Time    `bun:",nullzero"` // nil for a draft never published
	Publication

	ProjectText `bun:"-"` // the text served, in Locale
	Locale      Locale    `bun:"-"`
	requested   Locale
}

func (p *Project) localize(want Locale) *Project {
	out := *p
	out.requested = want
	out.ProjectText, out.Locale = serve(p.Sr, p.En, ProjectText.has, want, ProjectText.script)
	if out.Budget != nil && out.Budget.Amount == "" {
		out.Budget = nil
	}
	return &out
}

// GlobalID is the project's global object ID.
func (p *Project) GlobalID() string { return globalID(projectKind.typ, p.ID) }

// Requested is the locale the project was asked for in; related items are served in it.
func (p *Project) Requested() Locale { return p.requested }

// OfficialTitleOrNil is the official title, nil when unknown or the same as the title.
func (p *Project) OfficialTitleOrNil() *string {
	if p.OfficialTitle == p.Title {
		return nil
	}
	return nonEmpty(p.OfficialTitle)
}

// DescriptionHTML is the description rendered from Markdown to sanitised HTML.
func (p *Project) DescriptionHTML() string { return richtext.HTML(p.Description) }

// Cover is the cover picture with its alt text in the served locale, nil when none.
func (p *Project) Cover() *Image { return cover(p.CoverFile, p.CoverAlt) }
