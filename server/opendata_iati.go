package server

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/agency/portal/richtext"
	"github.com/agency/portal/store"
)

// IATI 2.03 activity XML: one iati-activity per public project, its elements in the order
// of the standard's schema (iati-activities-schema.xsd). README's "IATI" section gives the
// mapping; the codes come from IATI's codelists, named beside each.

// The reporting organisation: the agency, a government body (OrganisationType 10).
var reportingOrgName = text{"Комесаријат за избеглице и миграције Републике Србије",
	"Commissariat for Refugees and Migration of the Republic of Serbia"}

// Codelist values used.
const (
	orgTypeGovernment  = "10" // OrganisationType
	orgTypeMultilat    = "40"
	orgTypeOther       = "90"
	roleFunding        = "1" // OrganisationRole
	roleAccountable    = "2"
	roleImplementing   = "4"
	datePlannedStart   = "1" // ActivityDateType
	dateActualStart    = "2"
	datePlannedEnd     = "3"
	dateActualEnd      = "4"
	descriptionGeneral = "1" // DescriptionType
	budgetOriginal     = "1" // BudgetType
	budgetIndicative   = "1" // BudgetStatus
	sectorDAC5         = "1" // SectorVocabulary: OECD DAC CRS purpose codes (5 digit)
	recipientCountry   = "RS"
	docActivityPage    = "A12" // DocumentCategory: activity web page
)

// activityStatus is the ActivityStatus code of a project's status: a planned project is in
// the pipeline (1), an ongoing one in implementation (2), a completed one closed (4).
var activityStatus = map[store.ProjectStatus]string{store.Planned: "1", store.Ongoing: "2", store.Completed: "4"}

// partnerOrgType is the OrganisationType code of a kind of partner, where the kind says it
// for sure; NGOs (international or national?) and donors (a government, a foundation?)
// get none.
var partnerOrgType = map[store.PartnerKind]string{store.UNAgency: orgTypeMultilat, store.EUInstitution: orgTypeMultilat,
	store.InternationalOrganisation: orgTypeMultilat, store.Government: orgTypeGovernment, store.OtherKind: orgTypeOther}

type iatiNarrative struct {
	Lang string `xml:"xml:lang,attr"`
	Text string `xml:",chardata"`
}

type iatiOrg struct {
	Ref        string          `xml:"ref,attr,omitempty"`
	Type       string          `xml:"type,attr,omitempty"`
	Role       string          `xml:"role,attr,omitempty"`
	Narratives []iatiNarrative `xml:"narrative"`
}

type iatiText struct {
	Type       string          `xml:"type,attr,omitempty"`
	Narratives []iatiNarrative `xml:"narrative"`
}

type iatiCode struct {
	Code string `xml:"code,attr"`
}

type iatiDate struct {
	Type string `xml:"type,attr"`
	Date string `xml:"iso-date,attr"`
}

type iatiCountry struct {
	Code       string `xml:"code,attr"`
	Percentage string `xml:"percentage,attr"`
}

type iatiSector struct {
	Vocabulary string `xml:"vocabulary,attr"`
	Code       string `xml:"code,attr"`
	Percentage string `xml:"percentage,attr"`
}

type iatiPeriod struct {
	Date string `xml:"iso-date,attr"`
}

type iatiValue struct {
	Currency  string `xml:"currency,attr"`
	ValueDate string `xml:"value-date,attr"`
	Amount    string `xml:",chardata"`
}

type iatiBudget struct {
	Type        string     `xml:"type,attr"`
	Status      string     `xml:"status,attr"`
	PeriodStart iatiPeriod `xml:"period-start"`
	PeriodEnd   iatiPeriod `xml:"period-end"`
	Value       iatiValue  `xml:"value"`
}

type iatiActivity struct {
	XMLName       xml.Name      `xml:"iati-activity"`
	LastUpdated   string        `xml:"last-updated-datetime,attr"`
	Lang          string        `xml:"xml:lang,attr"`
	Identifier    string        `xml:"iati-identifier"`
	ReportingOrg  iatiOrg       `xml:"reporting-org"`
	Title         iatiText      `xml:"title"`
	Description   iatiText      `xml:"description"`
	Participating []iatiOrg     `xml:"participating-org"`
	Status        iatiCode      `xml:"activity-status"`
	Dates         []iatiDate    `xml:"activity-date"`
	Country       iatiCountry   `xml:"recipient-country"`
	Sectors       []iatiSector  `xml:"sector"`
	Budget        *iatiBudget   `xml:"budget"`
	Links         []iatiDocLink `xml:"document-link"`
}

type iatiDocLink struct {
	URL      string   `xml:"url,attr"`
	Format   string   `xml:"format,attr"`
	Title    iatiText `xml:"title"`
	Category iatiCode `xml:"category"`
}

// writeIATI writes the IATI activity file: every public project, by slug.
func (d *openData) writeIATI(ctx context.Context, r *http.Request, snap *store.PublicSnapshot, w io.Writer) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	root := xml.StartElement{Name: xml.Name{Local: "iati-activities"}, Attr: []xml.Attr{
		{Name: xml.Name{Local: "version"}, Value: "2.03"},
		{Name: xml.Name{Local: "generated-datetime"}, Value: d.store.Now().Format(time.RFC3339)},
	}}
	if err := enc.EncodeToken(root); err != nil {
		return err
	}
	today := d.store.Now().Format(time.DateOnly)
	page := d.origin(r) + "/en/projects/"
	err := snap.EachIATIProject(ctx, func(p *store.IATIProject) error {
		return enc.Encode(d.activity(p, today, page))
	})
	if err != nil {
		return err
	}
	if err := enc.EncodeToken(root.End()); err != nil {
		return err
	}
	if err := enc.Flush(); err != nil {
		return err
	}
	_, err = io.WriteString(w, "\n")
	return err
}

// activity is a project's iati-activity; today (YYYY-MM-DD) decides whether a date has
// passed, page is the URL of the project pages.
func (d *openData) activity(p *store.IATIProject, today, page string) *iatiActivity {
	sr, en := p.Texts()
	a := &iatiActivity{
		LastUpdated: lastUpdated(p.Project).Format(time.RFC3339), Lang: "en",
		Identifier:   d.iatiOrgID + "-" + p.Slug,
		ReportingOrg: iatiOrg{Ref: d.iatiOrgID, Type: orgTypeGovernment, Narratives: narratives(reportingOrgName.sr, reportingOrgName.en)},
		Title:        iatiText{Narratives: narratives(sr.Title, en.Title)},
		Description:  iatiText{Type: descriptionGeneral, Narratives: narratives(description(sr), description(en))},
		Status:       iatiCode{Code: activityStatus[p.Status]},
		Dates:        activityDates(p.Project, today),
		Country:      iatiCountry{Code: recipientCountry, Percentage: "100"},
		Sectors:      sectors(p.SectorCodes()),
		Budget:       budget(p.Project),
		Links: []iatiDocLink{{URL: page + p.Slug, Format: "text/html", Category: iatiCode{Code: docActivityPage},
			Title: iatiText{Narratives: narratives(sr.Title, en.Title)}}},
	}
	for _, f := range p.Funders {
		a.Participating = append(a.Participating, participant(f, roleFunding))
	}
	for _, i := range p.Implementers {
		a.Participating = append(a.Participating, participant(i, roleImplementing))
	}
	if len(a.Participating) == 0 { // the standard wants one: the agency, accountable for what it reports
		a.Participating = []iatiOrg{{Ref: d.iatiOrgID, Type: orgTypeGovernment, Role: roleAccountable, Narratives: a.ReportingOrg.Narratives}}
	}
	return a
}

func participant(p *store.Partner, role string) iatiOrg {
	sr, en := p.Names()
	return iatiOrg{Type: partnerOrgType[p.Kind], Role: role, Narratives: narratives(sr, en)}
}

// narratives are the Serbian and English texts that are not empty.
func narratives(sr, en string) []iatiNarrative {
	var out []iatiNarrative
	if sr != "" {
		out = append(out, iatiNarrative{Lang: "sr", Text: sr})
	}
	if en != "" {
		out = append(out, iatiNarrative{Lang: "en", Text: en})
	}
	return out
}

// description is a project's description in one language as plain text; its summary when
// it has none, its title when it has neither.
func description(t store.ProjectText) string {
	for _, s := range []string{richtext.PlainText(t.Description), t.Summary} {
		if s != "" {
			return s
		}
	}
	return t.Title
}

// activityDates are a project's start and end: actual when its status says it started
// (ended) and the date has passed, planned otherwise.
func activityDates(p *store.Project, today string) []iatiDate {
	var out []iatiDate
	if p.StartDate != nil {
		typ := datePlannedStart
		if p.Status != store.Planned && *p.StartDate <= today {
			typ = dateActualStart
		}
		out = append(out, iatiDate{Type: typ, Date: *p.StartDate})
	}
	if p.EndDate != nil {
		typ := datePlannedEnd
		if p.Status == store.Completed && *p.EndDate <= today {
			typ = dateActualEnd
		}
		out = append(out, iatiDate{Type: typ, Date: *p.EndDate})
	}
	return out
}

// sectors share 100% among the codes, in hundredths of a percent: the last takes what
// rounding leaves.
func sectors(codes []string) []iatiSector {
	out := make([]iatiSector, len(codes))
	share := 10000 / len(codes)
	for i, c := range codes {
		part := share
		if i == len(codes)-1 {
			part = 10000 - share*(len(codes)-1)
		}
		out[i] = iatiSector{Vocabulary: sectorDAC5, Code: c, Percentage: percentage(part)}
	}
	return out
}

// percentage writes hundredths of a percent as a decimal: 10000 is "100", 3334 "33.34".
func percentage(hundredths int) string {
	if hundredths%100 == 0 {
		return fmt.Sprint(hundredths / 100)
	}
	return fmt.Sprintf("%d.%02d", hundredths/100, hundredths%100)
}

// budget is a project's total budget over its whole period, nil when it has no budget or
// no start and end dates to give the period.
func budget(p *store.Project) *iatiBudget {
	if p.Budget == nil || p.Budget.Amount == "" || p.StartDate == nil || p.EndDate == nil {
		return nil
	}
	return &iatiBudget{Type: budgetOriginal, Status: budgetIndicative,
		PeriodStart: iatiPeriod{*p.StartDate}, PeriodEnd: iatiPeriod{*p.EndDate},
		Value: iatiValue{Currency: p.Budget.Currency, ValueDate: *p.StartDate, Amount: p.Budget.Amount}}
}

// lastUpdated is when a project last changed as the public sees it: its last change, or
// its publication when that came later.
func lastUpdated(p *store.Project) time.Time {
	t := p.ChangedAt
	if p.PublishedAt != nil && p.PublishedAt.After(t) {
		t = *p.PublishedAt
	}
	return t.UTC()
}
