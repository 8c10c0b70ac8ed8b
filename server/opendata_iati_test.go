package server_test

import (
	"encoding/xml"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/agency/portal/graph"
	"github.com/agency/portal/server"
)

// The IATI file as encoding/xml reads it: every element and attribute the portal writes.
type iatiFile struct {
	XMLName    xml.Name       `xml:"iati-activities"`
	Version    string         `xml:"version,attr"`
	Generated  string         `xml:"generated-datetime,attr"`
	Activities []iatiActivity `xml:"iati-activity"`
}

type iatiNarr struct {
	Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Text string `xml:",chardata"`
}

type iatiOrgEl struct {
	Ref        string     `xml:"ref,attr"`
	Type       string     `xml:"type,attr"`
	Role       string     `xml:"role,attr"`
	Narratives []iatiNarr `xml:"narrative"`
}

type iatiTextEl struct {
	Type       string     `xml:"type,attr"`
	Narratives []iatiNarr `xml:"narrative"`
}

type iatiActivity struct {
	LastUpdated  string       `xml:"last-updated-datetime,attr"`
	Lang         string       `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Identifier   string       `xml:"iati-identifier"`
	ReportingOrg []iatiOrgEl  `xml:"reporting-org"`
	Title        []iatiTextEl `xml:"title"`
	Description  []iatiTextEl `xml:"description"`
	Orgs         []iatiOrgEl  `xml:"participating-org"`
	Status       []struct {
		Code string `xml:"code,attr"`
	} `xml:"activity-status"`
	Dates []struct {
		Type string `xml:"type,attr"`
		Date string `xml:"iso-date,attr"`
	} `xml:"activity-date"`
	Countries []struct {
		Code       string `xml:"code,attr"`
		Percentage string `xml:"percentage,attr"`
	} `xml:"recipient-country"`
	Sectors []struct {
		Vocabulary string `xml:"vocabulary,attr"`
		Code       string `xml:"code,attr"`
		Percentage string `xml:"percentage,attr"`
	} `xml:"sector"`
	Budgets []struct {
		Type        string `xml:"type,attr"`
		Status      string `xml:"status,attr"`
		PeriodStart struct {
			Date string `xml:"iso-date,attr"`
		} `xml:"period-start"`
		PeriodEnd struct {
			Date string `xml:"iso-date,attr"`
		} `xml:"period-end"`
		Value struct {
			Currency  string `xml:"currency,attr"`
			ValueDate string `xml:"value-date,attr"`
			Amount    string `xml:",chardata"`
		} `xml:"value"`
	} `xml:"budget"`
	Links []struct {
		URL      string     `xml:"url,attr"`
		Format   string     `xml:"format,attr"`
		Title    iatiTextEl `xml:"title"`
		Category struct {
			Code string `xml:"code,attr"`
		} `xml:"category"`
	} `xml:"document-link"`
	children []string // the child elements' names, in order
}

// The IATI codelists (iatistandard.org/en/iati-standard/203/codelists/), as far as the
// portal uses them.
var (
	orgTypes         = []string{"10", "11", "15", "21", "22", "23", "24", "30", "40", "60", "70", "71", "72", "73", "80", "90"}
	orgRoles         = []string{"1", "2", "3", "4"}
	activityStatuses = []string{"1", "2", "3", "4", "5", "6"}
	dateTypes        = []string{"1", "2", "3", "4"}
	descriptionTypes = []string{"1", "2", "3", "4"}
	budgetTypes      = []string{"1", "2"}
	budgetStatuses   = []string{"1", "2"}
	languages        = []string{"sr", "en"}
	// The DAC 5-digit purpose codes the test content uses (codelist Sector).
	dacCodes = []string{"15190", "72010"}
	// The order of iati-activity's children in iati-activities-schema.xsd (2.03), as far
	// as the portal writes them.
	activityOrder = []string{"iati-identifier", "reporting-org", "title", "description", "participating-org",
		"other-identifier", "activity-status", "activity-date", "contact-info", "activity-scope", "recipient-country",
		"recipient-region", "location", "sector", "country-budget-items", "humanitarian-scope", "policy-marker",
		"collaboration-type", "default-flow-type", "default-finance-type", "default-aid-type", "default-tied-status",
		"budget", "planned-disbursement", "capital-spend", "transaction", "document-link"}
)

var decimal = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?$`)

// readIATI fetches and parses the IATI file, with each activity's child elements in order.
func readIATI(t *testing.T, p *portal) *iatiFile {
	t.Helper()
	rec := p.get(http.MethodGet, "/open-data/iati-activities.xml", nil)
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/xml" {
		t.Fatalf("got status %d, type %q, want 200 application/xml", rec.Code, rec.Header().Get("Content-Type"))
	}
	var f iatiFile
	if err := xml.Unmarshal(rec.Body.Bytes(), &f); err != nil {
		t.Fatalf("not XML: %v\n%s", err, rec.Body)
	}
	dec := xml.NewDecoder(strings.NewReader(rec.Body.String()))
	depth, i := 0, -1
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch el := tok.(type) {
		case xml.StartElement:
			depth++
			if depth == 2 {
				i++
			}
			if depth == 3 {
				f.Activities[i].children = append(f.Activities[i].children, el.Name.Local)
			}
		case xml.EndElement:
			depth--
		}
	}
	return &f
}

// TestOpenDataIATI: the IATI file has every element and attribute IATI 2.03 marks
// mandatory, in the schema's order, with values from its codelists, and maps the test
// projects as README's "IATI" section says.
func TestOpenDataIATI(t *testing.T) {
	p := newOpenDataPortal(t)
	f := readIATI(t, p)
	if f.Version != "2.03" {
		t.Errorf("version: got %q, want 2.03", f.Version)
	}
	if _, err := time.Parse(time.RFC3339, f.Generated); err != nil {
		t.Errorf("generated-datetime %q: %v", f.Generated, err)
	}
	var ids []string
	for _, a := range f.Activities {
		ids = append(ids, a.Identifier)
		checkMandatory(t, a)
	}
	wantIDs := []string{server.DefaultIATIOrgID + "-completed-one", server.DefaultIATIOrgID + "-planned-one", server.DefaultIATIOrgID + "-tricky"}
	if !slices.Equal(ids, wantIDs) {
		t.Fatalf("got activities %v, want %v (public projects only)", ids, wantIDs)
	}

	completed, planned, tricky := f.Activities[0], f.Activities[1], f.Activities[2]
	tests := []struct {
		name      string
		got, want any
	}{
		{"tricky: status", tricky.Status[0].Code, "2"},
		{"tricky: dates", dates(tricky), "2:2024-01-01 3:2026-12-31"},
		{"tricky: title", narrativesOf(tricky.Title[0]), "sr:Пројекат, „први“ и \"други\" en:Project, \"first\" and second"},
		{"tricky: description", narrativesOf(tricky.Description[0]), "sr:Опис пројекта. en:The project described."},
		{"tricky: participants", orgs(tricky.Orgs), "1/40:sr:Високи комесаријат УН за избеглице en:UN Refugee Agency 4/10:sr:Министарство en:Ministry"},
		{"tricky: sectors", sectors(tricky), "15190:50 72010:50"},
		{"tricky: budget", budgets(tricky), "EUR 49890.52 2024-01-01..2026-12-31 @2024-01-01"},
		{"tricky: country", tricky.Countries[0].Code + " " + tricky.Countries[0].Percentage, "RS 100"},
		{"tricky: page", tricky.Links[0].URL + " " + tricky.Links[0].Category.Code, "http://example.com/en/projects/tricky A12"},
		{"planned: status", planned.Status[0].Code, "1"},
		{"planned: dates", dates(planned), "1:2099-01-01"},
		{"planned: the agency when no partner", orgs(planned.Orgs), "2/10:sr:Комесаријат за избеглице и миграције Републике Србије en:Commissariat for Refugees and Migration of the Republic of Serbia"},
		{"planned: the default sector", sectors(planned), "15190:100"},
		{"planned: no budget", len(planned.Budgets), 0},
		{"planned: English only, the title as description", narrativesOf(planned.Description[0]), "en:Planned"},
		{"completed: status", completed.Status[0].Code, "4"},
		{"completed: dates", dates(completed), "2:2020-01-01 4:2021-06-30"},
		{"completed: the summary as description", narrativesOf(completed.Description[0]), "sr:Кратко. en:Short."},
		{"completed: budget", budgets(completed), "USD 1000 2020-01-01..2021-06-30 @2020-01-01"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}

	// The reporting organisation's identifier is the operator's.
	other := newPortalWith(t, false, server.Config{Limits: graph.DefaultLimits, IATIOrgID: "XM-DAC-99999"})
	mustImport(t, other, openDataContent)
	a := readIATI(t, other).Activities[0]
	if a.Identifier != "XM-DAC-99999-completed-one" || a.ReportingOrg[0].Ref != "XM-DAC-99999" {
		t.Errorf("with --iati-org-id XM-DAC-99999: got identifier %q, reporting-org ref %q", a.Identifier, a.ReportingOrg[0].Ref)
	}
}

// checkMandatory checks what IATI 2.03 requires of an activity, and that every code is
// from its codelist.
func checkMandatory(t *testing.T, a iatiActivity) {
	t.Helper()
	fail := func(format string, args ...any) { t.Errorf(a.Identifier+": "+format, args...) }
	one := func(name string, n int) {
		if n != 1 {
			fail("%d %s elements, want exactly 1", n, name)
		}
	}
	one("reporting-org", len(a.ReportingOrg))
	one("title", len(a.Title))
	one("activity-status", len(a.Status))
	if _, err := time.Parse(time.RFC3339, a.LastUpdated); err != nil {
		fail("last-updated-datetime %q: %v", a.LastUpdated, err)
	}
	if a.Lang != "en" {
		fail("xml:lang %q, want en (the default language)", a.Lang)
	}
	if len(a.ReportingOrg) == 1 {
		r := a.ReportingOrg[0]
		if r.Ref == "" || r.Type != "10" || len(r.Narratives) == 0 || !strings.HasPrefix(a.Identifier, r.Ref+"-") {
			fail("reporting-org ref %q type %q narratives %d; the identifier must start with the ref and a hyphen", r.Ref, r.Type, len(r.Narratives))
		}
	}
	for _, x := range append(slices.Clone(a.Title), a.Description...) {
		checkNarratives(fail, "title or description", x.Narratives)
	}
	if len(a.Description) == 0 || !slices.Contains(descriptionTypes, a.Description[0].Type) {
		fail("no description of a DescriptionType")
	}
	if len(a.Orgs) == 0 {
		fail("no participating-org")
	}
	for _, o := range a.Orgs {
		if !slices.Contains(orgRoles, o.Role) || (o.Type != "" && !slices.Contains(orgTypes, o.Type)) {
			fail("participating-org role %q type %q: not OrganisationRole and OrganisationType codes", o.Role, o.Type)
		}
		if o.Ref == "" {
			checkNarratives(fail, "participating-org without ref", o.Narratives)
		}
	}
	if len(a.Status) == 1 && !slices.Contains(activityStatuses, a.Status[0].Code) {
		fail("activity-status %q: not an ActivityStatus code", a.Status[0].Code)
	}
	started := false
	for _, d := range a.Dates {
		if !slices.Contains(dateTypes, d.Type) {
			fail("activity-date type %q: not an ActivityDateType code", d.Type)
		}
		if _, err := time.Parse(time.DateOnly, d.Date); err != nil {
			fail("activity-date iso-date %q: %v", d.Date, err)
		}
		if (d.Type == "2" || d.Type == "4") && d.Date > time.Now().Format(time.DateOnly) {
			fail("actual date %s in the future", d.Date)
		}
		started = started || d.Type == "1" || d.Type == "2"
	}
	if !started {
		fail("no planned or actual start date")
	}
	if len(a.Countries) != 1 || a.Countries[0].Code != "RS" || a.Countries[0].Percentage != "100" {
		fail("recipient-country: got %+v, want RS at 100%%", a.Countries)
	}
	total := 0.0
	for _, s := range a.Sectors {
		if s.Vocabulary != "1" || !slices.Contains(dacCodes, s.Code) {
			fail("sector %q of vocabulary %q: not a DAC 5-digit code", s.Code, s.Vocabulary)
		}
		pct, err := strconv.ParseFloat(s.Percentage, 64)
		if err != nil {
			fail("sector percentage %q: %v", s.Percentage, err)
		}
		total += pct
	}
	if len(a.Sectors) == 0 || total < 99.999 || total > 100.001 {
		fail("sectors add up to %v%%, want 100%%", total)
	}
	for _, b := range a.Budgets {
		if !slices.Contains(budgetTypes, b.Type) || !slices.Contains(budgetStatuses, b.Status) {
			fail("budget type %q status %q: not BudgetType and BudgetStatus codes", b.Type, b.Status)
		}
		if b.PeriodStart.Date == "" || b.PeriodEnd.Date <= b.PeriodStart.Date || b.Value.ValueDate == "" ||
			len(b.Value.Currency) != 3 || !decimal.MatchString(b.Value.Amount) {
			fail("budget %+v: wants a period, a value date, a currency and an amount", b)
		}
	}
	for _, l := range a.Links {
		if l.URL == "" || l.Format != "text/html" || l.Category.Code == "" {
			fail("document-link %+v: wants url, format and category", l)
		}
		checkNarratives(fail, "document-link title", l.Title.Narratives)
	}
	last := -1
	for _, name := range a.children {
		i := slices.Index(activityOrder, name)
		if i < last {
			fail("%s out of the schema's order: %v", name, a.children)
		}
		last = i
	}
}

func checkNarratives(fail func(string, ...any), what string, list []iatiNarr) {
	if len(list) == 0 {
		fail("%s without a narrative", what)
	}
	for _, n := range list {
		if strings.TrimSpace(n.Text) == "" || !slices.Contains(languages, n.Lang) {
			fail("%s: narrative %q in %q, want text with xml:lang sr or en", what, n.Text, n.Lang)
		}
	}
}

func narrativesOf(x iatiTextEl) string {
	var out []string
	for _, n := range x.Narratives {
		out = append(out, n.Lang+":"+n.Text)
	}
	return strings.Join(out, " ")
}

func orgs(list []iatiOrgEl) string {
	var out []string
	for _, o := range list {
		out = append(out, o.Role+"/"+o.Type+":"+narrativesOf(iatiTextEl{Narratives: o.Narratives}))
	}
	return strings.Join(out, " ")
}

func dates(a iatiActivity) string {
	var out []string
	for _, d := range a.Dates {
		out = append(out, d.Type+":"+d.Date)
	}
	return strings.Join(out, " ")
}

func sectors(a iatiActivity) string {
	var out []string
	for _, s := range a.Sectors {
		out = append(out, s.Code+":"+s.Percentage)
	}
	return strings.Join(out, " ")
}

func budgets(a iatiActivity) string {
	var out []string
	for _, b := range a.Budgets {
		out = append(out, b.Value.Currency+" "+b.Value.Amount+" "+b.PeriodStart.Date+".."+b.PeriodEnd.Date+" @"+b.Value.ValueDate)
	}
	return strings.Join(out, " ")
}
