package store

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

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
	DACCodes           []string      `json:"dacCodes,omitempty"`    // OECD DAC 5-digit sector codes
	PublishedAt        *time.Time    `json:"publishedAt,omitempty"` // when it was published; an import's time when empty
	EditorialDoc
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
	DACCodes            []string
}

func (in *ProjectInput) doc() *ProjectDoc {
	precision := Day
	if in.DatePrecision != nil {
		precision = *in.DatePrecision
	}
	var budget *Money
	if in.Budget != nil {
		budget = &Money{Amount: strings.TrimSpace(in.Budget.Amount), Currency: strings.TrimSpace(in.Budget.Currency)}
	}
	return &ProjectDoc{Slug: slugOr(in.Slug), Title: trimmed(in.Title), OfficialTitle: trimmed(orZero(in.OfficialTitle)),
		Summary: trimmed(orZero(in.Summary)), Description: orZero(in.Description), Status: in.Status,
		StartDate: in.StartDate, EndDate: in.EndDate, DatePrecision: precision, Budget: budget,
		Funders: orEmpty(in.Funders), Implementers: orEmpty(in.Implementers), Partners: orEmpty(in.CooperatingPartners),
		Areas: orEmpty(in.Areas), Locations: trimmedList(in.Locations), ExpectedResults: trimmedList(in.ExpectedResults),
		Objectives: trimmedList(in.Objectives), SpecificObjectives: trimmedList(in.SpecificObjectives),
		TargetGroups: trimmedList(in.TargetGroups), URL: trimmedOr(in.URL), Cover: in.Cover.doc(),
		DACCodes: trimmedCodes(in.DACCodes)}
}

// check checks a project on its own; field names start with prefix.
func (p *ProjectDoc) check(f string) error {
	return firstError(checkSlug(f+"slug", p.Slug), named(f+"title", p.Title),
		plain(f+"title", p.Title, maxTitle), plain(f+"officialTitle", p.OfficialTitle, maxTitle),
		plain(f+"summary", p.Summary, maxSummary), markdown(f+"description", p.Description),
		check(f+"status", p.Status == Planned || p.Status == Ongoing || p.Status == Completed, "%q is not a project status", p.Status),
		check(f+"datePrecision", p.DatePrecision == "" || p.DatePrecision == Day || p.DatePrecision == Month || p.DatePrecision == Year,
			"%q is not a date precision", p.DatePrecision),
		date(f+"startDate", p.StartDate), date(f+"endDate", p.EndDate),
		check(f+"endDate", p.StartDate == nil || p.EndDate == nil || *p.EndDate >= *p.StartDate, "is before the start date"),
		webURL(f+"url", p.URL),
		slugList(f+"funders", p.Funders), slugList(f+"implementers", p.Implementers),
		slugList(f+"partners", p.Partners), slugList(f+"areas", p.Areas), p.Cover.check(f+"cover"),
		p.checkBudget(f), p.checkLists(f), checkDACCodes(f+"dacCodes", p.DACCodes))
}

func (p *ProjectDoc) checkBudget(f string) error {
	if p.Budget == nil {
		return nil
	}
	return firstError(
		check(f+"budget.amount", decimalPattern.MatchString(p.Budget.Amount), "%q is not a decimal amount such as 49890.52", p.Budget.Amount),
		check(f+"budget.currency", isCurrency(p.Budget.Currency), "%q is not an ISO 4217 currency code", p.Budget.Currency))
}

func (p *ProjectDoc) checkLists(f string) error {
	for _, l := range []struct {
		name string
		list LocalizedList
	}{{"locations", p.Locations}, {"expectedResults", p.ExpectedResults}, {"objectives", p.Objectives},
		{"specificObjectives", p.SpecificObjectives}, {"targetGroups", p.TargetGroups}} {
		for _, s := range append(slices.Clone(l.list.Sr), l.list.En...) {
			if err := firstError(check(f+l.name, strings.TrimSpace(s) != "", "has an empty entry"),
				check(f+l.name, utf8.RuneCountInString(s) <= maxSummary, "has an entry longer than %d characters", maxSummary)); err != nil {
				return err
			}
		}
	}
	return nil
}

func (p *ProjectDoc) slug() *string    { return &p.Slug }
func (p *ProjectDoc) title() Localized { return p.Title }
func (p *ProjectDoc) cover() *CoverDoc { return p.Cover }
func (p *ProjectDoc) stamp(time.Time)  {}
func (p *ProjectDoc) linkSlugs() map[string][]string {
	return map[string][]string{projectAreas.field: p.Areas, projectFunders.field: p.Funders,
		projectImplementers.field: p.Implementers, projectPartners.field: p.Partners}
}

func (p *ProjectDoc) row(now time.Time) row {
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
		Budget: p.Budget, URL: nonEmpty(p.URL), CoverFile: p.Cover.file(), DACCodes: orEmpty(p.DACCodes),
		PublishedAt: p.publishedAt(p.PublishedAt, now), Publication: p.publication(now),
		Sr: text(func(l Localized) string { return l.Sr }, func(l LocalizedList) []string { return orEmpty(l.Sr) }),
		En: text(func(l Localized) string { return l.En }, func(l LocalizedList) []string { return orEmpty(l.En) })}
}

// projectDoc is a stored project in the content format, with the slugs it links to.
func projectDoc(p *Project, areas, funders, implementers, partners []string) ProjectDoc {
	budget := p.Budget
	if budget != nil && budget.Amount == "" && budget.Currency == "" {
		budget = nil
	}
	list := func(sr, en []string) LocalizedList { return LocalizedList{Sr: orEmpty(sr), En: orEmpty(en)} }
	return ProjectDoc{
		Slug:               p.Slug,
		Title:              Localized{Sr: p.Sr.Title, En: p.En.Title},
		OfficialTitle:      Localized{Sr: p.Sr.OfficialTitle, En: p.En.OfficialTitle},
		Summary:            Localized{Sr: p.Sr.Summary, En: p.En.Summary},
		Description:        Localized{Sr: p.Sr.Description, En: p.En.Description},
		Status:             p.Status,
		StartDate:          p.StartDate,
		EndDate:            p.EndDate,
		DatePrecision:      p.DatePrecision,
		Budget:             budget,
		Funders:            orEmpty(funders),
		Implementers:       orEmpty(implementers),
		Partners:           orEmpty(partners),
		Areas:              orEmpty(areas),
		Locations:          list(p.Sr.Locations, p.En.Locations),
		ExpectedResults:    list(p.Sr.ExpectedResults, p.En.ExpectedResults),
		Objectives:         list(p.Sr.Objectives, p.En.Objectives),
		SpecificObjectives: list(p.Sr.SpecificObjectives, p.En.SpecificObjectives),
		TargetGroups:       list(p.Sr.TargetGroups, p.En.TargetGroups),
		URL:                deref(p.URL),
		Cover:              coverDoc(p.CoverFile, p.Sr.CoverAlt, p.En.CoverAlt),
		DACCodes:           codesOrNil(p.DACCodes),
		PublishedAt:        utc(p.PublishedAt),
		EditorialDoc:       p.Publication.editorialDoc(),
	}
}
