package server_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/agency/portal/translit"
)

// openDataContent has public items with text that CSV must quote (Cyrillic, commas,
// quotes, new lines), and a draft, a scheduled and a deleted item of each kind, which no
// open-data file may show; public items link to the draft partner and project.
const openDataContent = `{
  "topics": [{"slug": "migration", "name": {"sr": "Миграције", "en": "Migration"}}],
  "partners": [
    {"slug": "unhcr", "name": {"sr": "Високи комесаријат УН за избеглице", "en": "UN Refugee Agency"}, "acronym": "UNHCR",
     "kind": "UN_AGENCY", "website": "https://www.unhcr.org", "description": {"sr": "Агенција, \"УН\"", "en": "Agency, \"UN\""}},
    {"slug": "ministry", "name": {"sr": "Министарство", "en": "Ministry"}, "acronym": "", "kind": "GOVERNMENT", "website": "",
     "description": {"sr": "", "en": ""}},
    {"slug": "ngo-draft", "name": {"sr": "", "en": "Draft NGO"}, "acronym": "", "kind": "NGO", "website": "",
     "description": {"sr": "", "en": ""}, "draft": true},
    {"slug": "ngo-scheduled", "name": {"sr": "", "en": "Scheduled NGO"}, "acronym": "", "kind": "NGO", "website": "",
     "description": {"sr": "", "en": ""}, "publishedAt": "2099-01-01T00:00:00Z"},
    {"slug": "ngo-deleted", "name": {"sr": "", "en": "Deleted NGO"}, "acronym": "", "kind": "NGO", "website": "",
     "description": {"sr": "", "en": ""}, "deletedAt": "2025-01-01T00:00:00Z"}
  ],
  "projects": [
    {"slug": "tricky", "title": {"sr": "Пројекат, „први“ и \"други\"", "en": "Project, \"first\" and second"},
     "officialTitle": {"sr": "", "en": ""}, "summary": {"sr": "Ред један,\nред два", "en": "Line one,\nline \"two\""},
     "description": {"sr": "Опис **пројекта**.", "en": "The **project** described."},
     "status": "ONGOING", "startDate": "2024-01-01", "endDate": "2026-12-31", "datePrecision": "DAY",
     "budget": {"amount": "49890.52", "currency": "EUR"},
     "funders": ["unhcr", "ngo-draft"], "implementers": ["ministry"], "partners": ["ngo-deleted"], "areas": ["migration"],
     "locations": {"sr": ["Београд", "Нови Сад"], "en": ["Belgrade", "Novi Sad"]},
     "expectedResults": {"sr": [], "en": []}, "objectives": {"sr": [], "en": []}, "specificObjectives": {"sr": [], "en": []},
     "targetGroups": {"sr": [], "en": []}, "url": "", "dacCodes": ["15190", "72010"]},
    {"slug": "planned-one", "title": {"sr": "", "en": "Planned"}, "officialTitle": {"sr": "", "en": ""},
     "summary": {"sr": "", "en": ""}, "description": {"sr": "", "en": ""},
     "status": "PLANNED", "startDate": "2099-01-01", "endDate": null, "datePrecision": "MONTH", "budget": null,
     "funders": [], "implementers": [], "partners": [], "areas": [],
     "locations": {"sr": [], "en": []}, "expectedResults": {"sr": [], "en": []}, "objectives": {"sr": [], "en": []},
     "specificObjectives": {"sr": [], "en": []}, "targetGroups": {"sr": [], "en": []}, "url": ""},
    {"slug": "completed-one", "title": {"sr": "Завршен", "en": "Completed"}, "officialTitle": {"sr": "", "en": ""},
     "summary": {"sr": "Кратко.", "en": "Short."}, "description": {"sr": "", "en": ""},
     "status": "COMPLETED", "startDate": "2020-01-01", "endDate": "2021-06-30", "datePrecision": "DAY",
     "budget": {"amount": "1000", "currency": "USD"},
     "funders": ["ministry"], "implementers": ["unhcr"], "partners": [], "areas": [],
     "locations": {"sr": [], "en": []}, "expectedResults": {"sr": [], "en": []}, "objectives": {"sr": [], "en": []},
     "specificObjectives": {"sr": [], "en": []}, "targetGroups": {"sr": [], "en": []}, "url": "https://example.org/p"},
    {"slug": "project-draft", "title": {"sr": "", "en": "Draft project"}, "officialTitle": {"sr": "", "en": ""},
     "summary": {"sr": "", "en": ""}, "description": {"sr": "", "en": ""}, "status": "ONGOING", "startDate": null,
     "endDate": null, "datePrecision": "DAY", "budget": null, "funders": ["unhcr"], "implementers": [], "partners": [],
     "areas": [], "locations": {"sr": [], "en": []}, "expectedResults": {"sr": [], "en": []}, "objectives": {"sr": [], "en": []},
     "specificObjectives": {"sr": [], "en": []}, "targetGroups": {"sr": [], "en": []}, "url": "", "draft": true},
    {"slug": "project-scheduled", "title": {"sr": "", "en": "Scheduled project"}, "officialTitle": {"sr": "", "en": ""},
     "summary": {"sr": "", "en": ""}, "description": {"sr": "", "en": ""}, "status": "ONGOING", "startDate": null,
     "endDate": null, "datePrecision": "DAY", "budget": null, "funders": [], "implementers": [], "partners": [],
     "areas": [], "locations": {"sr": [], "en": []}, "expectedResults": {"sr": [], "en": []}, "objectives": {"sr": [], "en": []},
     "specificObjectives": {"sr": [], "en": []}, "targetGroups": {"sr": [], "en": []}, "url": "", "publishedAt": "2099-01-01T00:00:00Z"},
    {"slug": "project-deleted", "title": {"sr": "", "en": "Deleted project"}, "officialTitle": {"sr": "", "en": ""},
     "summary": {"sr": "", "en": ""}, "description": {"sr": "", "en": ""}, "status": "ONGOING", "startDate": null,
     "endDate": null, "datePrecision": "DAY", "budget": null, "funders": [], "implementers": [], "partners": [],
     "areas": [], "locations": {"sr": [], "en": []}, "expectedResults": {"sr": [], "en": []}, "objectives": {"sr": [], "en": []},
     "specificObjectives": {"sr": [], "en": []}, "targetGroups": {"sr": [], "en": []}, "url": "", "deletedAt": "2025-01-01T00:00:00Z"}
  ],
  "news": [
    {"slug": "public-news", "title": {"sr": "Вест, са „наводницима“", "en": "News, with \"quotes\""},
     "summary": {"sr": "Сажетак", "en": "Summary"}, "body": {"sr": "Први пасус.\n\nДруги, \"пасус\".", "en": "First paragraph.\n\nSecond, \"paragraph\"."},
     "publishedAt": "2025-03-01T10:00:00Z", "updatedAt": null, "topics": ["migration"],
     "projects": ["tricky", "project-draft"], "partners": ["unhcr", "ngo-draft"]},
    {"slug": "news-draft", "title": {"sr": "", "en": "Draft news"}, "summary": {"sr": "", "en": ""}, "body": {"sr": "", "en": ""},
     "publishedAt": "2025-03-01T10:00:00Z", "updatedAt": null, "topics": [], "projects": [], "partners": [], "draft": true},
    {"slug": "news-scheduled", "title": {"sr": "", "en": "Scheduled news"}, "summary": {"sr": "", "en": ""}, "body": {"sr": "", "en": ""},
     "publishedAt": "2099-03-01T10:00:00Z", "updatedAt": null, "topics": [], "projects": [], "partners": []},
    {"slug": "news-deleted", "title": {"sr": "", "en": "Deleted news"}, "summary": {"sr": "", "en": ""}, "body": {"sr": "", "en": ""},
     "publishedAt": "2025-03-01T10:00:00Z", "updatedAt": null, "topics": [], "projects": [], "partners": [],
     "deletedAt": "2025-04-01T00:00:00Z"}
  ]
}`

// hiddenSlugs are the items of openDataContent the public does not see.
var hiddenSlugs = []string{"ngo-draft", "ngo-scheduled", "ngo-deleted", "project-draft", "project-scheduled",
	"project-deleted", "news-draft", "news-scheduled", "news-deleted"}

func newOpenDataPortal(t *testing.T) *portal {
	t.Helper()
	p := newPortal(t, false)
	mustImport(t, p, openDataContent)
	return p
}

// get sends a GET (or another method) with headers and returns the recorded answer.
func (p *portal) get(method, target string, header map[string]string) *httptest.ResponseRecorder {
	p.t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	p.handler.ServeHTTP(rec, req)
	return rec
}

// readCSV parses a CSV file the portal sent: a UTF-8 byte order mark, then RFC 4180.
func readCSV(t *testing.T, rec *httptest.ResponseRecorder) [][]string {
	t.Helper()
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "text/csv; charset=utf-8; header=present" {
		t.Fatalf("got status %d, type %q, want 200 text/csv: %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
	body, ok := bytes.CutPrefix(rec.Body.Bytes(), []byte("\uFEFF"))
	if !ok {
		t.Fatalf("the file does not start with a UTF-8 byte order mark: %q", rec.Body.String()[:min(20, rec.Body.Len())])
	}
	if !bytes.HasSuffix(body, []byte("\r\n")) {
		t.Errorf("lines do not end with CRLF (RFC 4180)")
	}
	r := csv.NewReader(bytes.NewReader(body))
	rows, err := r.ReadAll() // also checks that every row has the header's number of fields
	if err != nil {
		t.Fatalf("not RFC 4180 CSV: %v\n%s", err, body)
	}
	return rows
}

// byColumn turns CSV rows (a header first) into maps by column name.
func byColumn(rows [][]string) []map[string]string {
	var out []map[string]string
	for _, row := range rows[1:] {
		m := map[string]string{}
		for i, name := range rows[0] {
			m[name] = row[i]
		}
		out = append(out, m)
	}
	return out
}

// TestOpenDataCSV: each CSV file in each locale parses back with encoding/csv, has one row
// per public item (none hidden), and gives back text with Cyrillic, commas, quotes and new
// lines exactly.
func TestOpenDataCSV(t *testing.T) {
	p := newOpenDataPortal(t)
	srTitle := "Пројекат, „први“ и \"други\""
	tests := []struct {
		path   string
		slugs  []string
		column string // a column of the first row, with its expected value
		want   string
		more   map[string]string // more columns of the first row
	}{
		{"/open-data/en/news.csv", []string{"public-news"}, "title", "News, with \"quotes\"",
			map[string]string{"body": "First paragraph.\n\nSecond, \"paragraph\".", "topics": "migration", "projects": "tricky",
				"partners": "unhcr", "locale": "en", "published_at": "2025-03-01T10:00:00Z", "url": "http://example.com/en/news/public-news"}},
		{"/open-data/sr-cyrl/news.csv", []string{"public-news"}, "title", "Вест, са „наводницима“",
			map[string]string{"body": "Први пасус.\n\nДруги, \"пасус\".", "locale": "sr-Cyrl"}},
		{"/open-data/sr-latn/news.csv", []string{"public-news"}, "title", translit.ToLatin("Вест, са „наводницима“"),
			map[string]string{"locale": "sr-Latn", "url": "http://example.com/sr-latn/news/public-news"}},
		{"/open-data/en/projects.csv", []string{"completed-one", "planned-one", "tricky"}, "title", "Completed",
			map[string]string{"status": "COMPLETED", "budget_amount": "1000", "budget_currency": "USD", "funders": "ministry",
				"implementers": "unhcr", "dac_codes": "15190", "start_date": "2020-01-01", "end_date": "2021-06-30", "website": "https://example.org/p"}},
		{"/open-data/sr-cyrl/projects.csv", []string{"completed-one", "planned-one", "tricky"}, "title", "Завршен", nil},
		{"/open-data/en/partners.csv", []string{"ministry", "unhcr"}, "name", "Ministry",
			map[string]string{"kind": "GOVERNMENT", "acronym": "", "website": ""}},
		{"/open-data/sr-latn/partners.csv", []string{"ministry", "unhcr"}, "name", "Ministarstvo", nil},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			rows := byColumn(readCSV(t, p.get(http.MethodGet, tt.path, nil)))
			var slugs []string
			for _, r := range rows {
				slugs = append(slugs, r["slug"])
				if r["id"] == "" {
					t.Errorf("%s: no id", r["slug"])
				}
			}
			if !slices.Equal(slugs, tt.slugs) {
				t.Fatalf("got rows %v, want %v", slugs, tt.slugs)
			}
			if got := rows[0][tt.column]; got != tt.want {
				t.Errorf("%s: got %q, want %q", tt.column, got, tt.want)
			}
			for column, want := range tt.more {
				if got := rows[0][column]; got != want {
					t.Errorf("%s: got %q, want %q", column, got, want)
				}
			}
		})
	}
	// The tricky project, in both scripts and in English.
	for _, tt := range []struct{ locale, title, summary, locations string }{
		{"sr-cyrl", srTitle, "Ред један,\nред два", "Београд\nНови Сад"},
		{"sr-latn", translit.ToLatin(srTitle), "Red jedan,\nred dva", "Beograd\nNovi Sad"},
		{"en", "Project, \"first\" and second", "Line one,\nline \"two\"", "Belgrade\nNovi Sad"},
	} {
		rows := byColumn(readCSV(t, p.get(http.MethodGet, "/open-data/"+tt.locale+"/projects.csv", nil)))
		r := rows[2]
		got := []string{r["title"], r["summary"], r["locations"], r["funders"], r["implementers"], r["cooperating_partners"], r["areas"], r["dac_codes"], r["budget_amount"]}
		want := []string{tt.title, tt.summary, tt.locations, "unhcr", "ministry", "", "migration", "15190;72010", "49890.52"}
		if !slices.Equal(got, want) {
			t.Errorf("%s tricky: got %q\nwant %q", tt.locale, got, want)
		}
	}
}

// TestOpenDataJSON: the content JSON is the export format (DecodeContent reads it, unknown
// fields refused), holds the public items only, and drops links to hidden items; with only
// public content it is the export byte for byte.
func TestOpenDataJSON(t *testing.T) {
	p := newOpenDataPortal(t)
	rec := p.get(http.MethodGet, "/open-data/content.json", nil)
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/json" {
		t.Fatalf("got status %d, type %q, want 200 application/json", rec.Code, rec.Header().Get("Content-Type"))
	}
	c, err := decodeContent(rec.Body.String())
	if err != nil {
		t.Fatalf("not the content format: %v", err)
	}
	var got []string
	for _, x := range c.Partners {
		got = append(got, x.Slug)
	}
	for _, x := range c.Projects {
		got = append(got, x.Slug)
	}
	for _, x := range c.News {
		got = append(got, x.Slug)
	}
	want := []string{"ministry", "unhcr", "completed-one", "planned-one", "tricky", "public-news"}
	if !slices.Equal(got, want) {
		t.Errorf("got items %v, want %v", got, want)
	}
	for _, hidden := range hiddenSlugs {
		if strings.Contains(rec.Body.String(), `"`+hidden+`"`) {
			t.Errorf("the file names the hidden item %q", hidden)
		}
	}
	for _, key := range []string{`"draft"`, `"deletedAt"`, `"changedBy"`, `"version"`} {
		if strings.Contains(rec.Body.String(), key) {
			t.Errorf("the file has editors' data %s", key)
		}
	}
	tricky := c.Projects[2]
	if !slices.Equal(tricky.Funders, []string{"unhcr"}) || len(tricky.Partners) != 0 || !slices.Equal(tricky.DACCodes, []string{"15190", "72010"}) {
		t.Errorf("tricky: got funders %v, partners %v, DAC codes %v; want [unhcr], [], [15190 72010]", tricky.Funders, tricky.Partners, tricky.DACCodes)
	}

	// The demo content is all public: the file is what `portal export` writes.
	demo := newPortal(t, true)
	exported, err := demo.store.Export(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var wantBytes bytes.Buffer
	exported.Encode(&wantBytes)
	if gotBytes := demo.get(http.MethodGet, "/open-data/content.json", nil).Body.Bytes(); !bytes.Equal(gotBytes, wantBytes.Bytes()) {
		t.Errorf("the demo content's file differs from its export: got %d bytes, want %d", len(gotBytes), wantBytes.Len())
	}
}

// TestOpenDataValidators: every file has a weak ETag and Last-Modified; sending either back
// gets a 304 without a body until content changes: an import, or a scheduled item's time
// coming, which changes the lists without a change of generation. HEAD sends the headers
// alone; an unknown locale or file is 404.
func TestOpenDataValidators(t *testing.T) {
	p := newOpenDataPortal(t)
	clock := time.Now().UTC().Truncate(time.Second)
	p.store.SetClock(func() time.Time { return clock })
	paths := []string{"/open-data/en/news.csv", "/open-data/sr-latn/projects.csv", "/open-data/sr-cyrl/partners.csv",
		"/open-data/content.json", "/open-data/iati-activities.xml"}
	first := map[string]*httptest.ResponseRecorder{}
	for _, path := range paths {
		rec := p.get(http.MethodGet, path, nil)
		etag, modified := rec.Header().Get("ETag"), rec.Header().Get("Last-Modified")
		if rec.Code != http.StatusOK || !strings.HasPrefix(etag, `W/"`) || modified == "" {
			t.Fatalf("%s: got status %d, ETag %q, Last-Modified %q; want 200 with both", path, rec.Code, etag, modified)
		}
		if rec.Header().Get("Access-Control-Allow-Origin") != "*" {
			t.Errorf("%s: other origins may not read it", path)
		}
		first[path] = rec
	}
	tests := []struct {
		name   string
		method string
		header func(first *httptest.ResponseRecorder) map[string]string
		status int
	}{
		{"If-None-Match", http.MethodGet, func(f *httptest.ResponseRecorder) map[string]string {
			return map[string]string{"If-None-Match": f.Header().Get("ETag")}
		}, http.StatusNotModified},
		{"If-None-Match, strong form, in a list", http.MethodGet, func(f *httptest.ResponseRecorder) map[string]string {
			return map[string]string{"If-None-Match": `"other", ` + strings.TrimPrefix(f.Header().Get("ETag"), "W/")}
		}, http.StatusNotModified},
		{"If-Modified-Since", http.MethodGet, func(f *httptest.ResponseRecorder) map[string]string {
			return map[string]string{"If-Modified-Since": f.Header().Get("Last-Modified")}
		}, http.StatusNotModified},
		{"another ETag", http.MethodGet, func(*httptest.ResponseRecorder) map[string]string {
			return map[string]string{"If-None-Match": `W/"od1-0-0"`}
		}, http.StatusOK},
		{"If-None-Match wins over If-Modified-Since", http.MethodGet, func(f *httptest.ResponseRecorder) map[string]string {
			return map[string]string{"If-None-Match": `W/"other"`, "If-Modified-Since": f.Header().Get("Last-Modified")}
		}, http.StatusOK},
		{"HEAD", http.MethodHead, func(*httptest.ResponseRecorder) map[string]string { return nil }, http.StatusOK},
	}
	for _, path := range paths {
		for _, tt := range tests {
			rec := p.get(tt.method, path, tt.header(first[path]))
			if rec.Code != tt.status {
				t.Errorf("%s, %s: got status %d, want %d", path, tt.name, rec.Code, tt.status)
			}
			if (tt.status == http.StatusNotModified || tt.method == http.MethodHead) && rec.Body.Len() != 0 {
				t.Errorf("%s, %s: got a body of %d bytes, want none", path, tt.name, rec.Body.Len())
			}
			if rec.Header().Get("ETag") != first[path].Header().Get("ETag") {
				t.Errorf("%s, %s: got ETag %q, want %q", path, tt.name, rec.Header().Get("ETag"), first[path].Header().Get("ETag"))
			}
		}
	}

	changes := []struct {
		name   string
		change func()
	}{
		{"an import", func() {
			mustImport(t, p, `{"topics": [], "partners": [{"slug": "new-partner", "name": {"sr": "", "en": "New"}, "acronym": "",
				"kind": "NGO", "website": "", "description": {"sr": "", "en": ""}}], "projects": [], "news": []}`)
		}},
		{"a scheduled item's time", func() { clock = time.Date(2099, 6, 1, 0, 0, 0, 0, time.UTC) }},
	}
	for _, c := range changes {
		c.change()
		for _, path := range paths {
			etag := first[path].Header().Get("ETag")
			rec := p.get(http.MethodGet, path, map[string]string{"If-None-Match": etag})
			if rec.Code != http.StatusOK || rec.Header().Get("ETag") == etag {
				t.Errorf("after %s, %s: got status %d, ETag %q; want 200 with a new ETag", c.name, path, rec.Code, rec.Header().Get("ETag"))
			}
			first[path] = rec
		}
	}
	if body := p.get(http.MethodGet, "/open-data/en/news.csv", nil).Body.String(); !strings.Contains(body, "news-scheduled") {
		t.Errorf("the scheduled news item is not in news.csv once its time has come")
	}

	for _, path := range []string{"/open-data/de/news.csv", "/open-data/en/topics.csv", "/open-data/en/news.json", "/open-data/iati.xml"} {
		if rec := p.get(http.MethodGet, path, nil); rec.Code != http.StatusNotFound {
			t.Errorf("%s: got status %d, want 404", path, rec.Code)
		}
	}
}

// TestProjectDACCodes: editors set a project's DAC sector codes through the API and read
// them back; codes that are not five digits, twice the same code or more than ten are
// BAD_USER_INPUT naming dacCodes.
func TestProjectDACCodes(t *testing.T) {
	e := newEditors(t)
	create := `mutation($in: ProjectInput!) { createProject(input: $in) { id dacCodes } }`
	project := func(codes ...string) map[string]any {
		return map[string]any{"in": map[string]any{"title": map[string]any{"en": "Sectors"}, "status": "ONGOING", "dacCodes": codes}}
	}
	var got struct{ CreateProject struct{ DacCodes []string } }
	e.ok(e.editor, create, project(" 15190", "93010 "), &got)
	if want := []string{"15190", "93010"}; !slices.Equal(got.CreateProject.DacCodes, want) {
		t.Errorf("got dacCodes %v, want %v", got.CreateProject.DacCodes, want)
	}
	e.ok(e.editor, create, map[string]any{"in": map[string]any{"title": map[string]any{"en": "None"}, "status": "ONGOING"}}, &got)
	if len(got.CreateProject.DacCodes) != 0 {
		t.Errorf("without codes: got dacCodes %v, want []", got.CreateProject.DacCodes)
	}
	for _, tt := range []struct {
		name  string
		codes []string
	}{
		{"four digits", []string{"1519"}},
		{"a letter", []string{"1519x"}},
		{"a leading zero", []string{"01519"}},
		{"twice", []string{"15190", "15190"}},
		{"eleven", []string{"11110", "11120", "11130", "11182", "11220", "11230", "11231", "11232", "11240", "11250", "11260"}},
	} {
		r := e.as(e.editor, create, project(tt.codes...), nil)
		if r.code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "dacCodes" {
			t.Errorf("%s: got %s, want BAD_USER_INPUT on dacCodes", tt.name, r.body)
		}
	}
}

// TestOpenDataCompressed: a client that accepts gzip gets the file gzip-encoded, the same
// bytes once decoded (files of 1 KB or more, as the demo content's are).
func TestOpenDataCompressed(t *testing.T) {
	p := newPortal(t, true)
	for _, path := range []string{"/open-data/en/projects.csv", "/open-data/content.json", "/open-data/iati-activities.xml"} {
		plain := p.get(http.MethodGet, path, nil).Body.Bytes()
		rec := p.get(http.MethodGet, path, map[string]string{"Accept-Encoding": "gzip"})
		if rec.Header().Get("Content-Encoding") != "gzip" || !strings.Contains(rec.Header().Get("Vary"), "Accept-Encoding") {
			t.Errorf("%s: got Content-Encoding %q, Vary %q; want gzip, Accept-Encoding", path, rec.Header().Get("Content-Encoding"), rec.Header().Get("Vary"))
			continue
		}
		zr, err := gzip.NewReader(rec.Body)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		got, err := io.ReadAll(zr)
		if err != nil || (path != "/open-data/iati-activities.xml" && !bytes.Equal(got, plain)) || len(got) == 0 {
			t.Errorf("%s: decoded %d bytes (err %v), want the %d plain ones", path, len(got), err, len(plain))
		}
	}
}
