package server

import (
	"context"
	"encoding/csv"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/agency/portal/store"
)

// The CSV files: one per kind and locale, one row per public item, RFC 4180 (CRLF line
// ends, fields quoted when they need it) in UTF-8 with a byte order mark, which Excel
// needs to read UTF-8 (without it, it reads Cyrillic as Windows-1250/1251 mojibake). List
// fields hold slugs separated by ";" (slugs never contain one) or texts one per line.

// csvKind is one CSV file: its columns and how a public item fills them.
type csvKind struct {
	kind    store.Kind
	path    string // the page of an item under the locale: "news"
	columns []string
	row     func(item store.PublicItem, l store.Locale, page string) []string
}

// csvKindOf is the CSV file a name names, nil when none.
func csvKindOf(name string) *csvKind {
	for _, k := range csvKinds {
		if name == k.path+".csv" {
			return k
		}
	}
	return nil
}

var csvKinds = []*csvKind{
	{kind: store.KindNews, path: "news",
		columns: []string{"id", "slug", "url", "locale", "published_at", "updated_at", "title", "summary", "body",
			"topics", "projects", "partners"},
		row: func(item store.PublicItem, l store.Locale, page string) []string {
			n := item.In(l).(*store.NewsItem)
			return []string{n.GlobalID(), n.Slug, page + n.Slug, tagOf(n.Locale), csvTime(&n.PublishedAt), csvTime(n.UpdatedAt),
				n.Title, n.Summary, n.Body, slugs(item.Links["topics"]), slugs(item.Links["projects"]), slugs(item.Links["partners"])}
		}},
	{kind: store.KindProject, path: "projects",
		columns: []string{"id", "slug", "url", "locale", "published_at", "title", "official_title", "summary", "description",
			"status", "start_date", "end_date", "date_precision", "budget_amount", "budget_currency",
			"funders", "implementers", "cooperating_partners", "areas", "dac_codes",
			"locations", "objectives", "specific_objectives", "expected_results", "target_groups", "website"},
		row: func(item store.PublicItem, l store.Locale, page string) []string {
			p := item.In(l).(*store.Project)
			var amount, currency string
			if p.Budget != nil {
				amount, currency = p.Budget.Amount, p.Budget.Currency
			}
			return []string{p.GlobalID(), p.Slug, page + p.Slug, tagOf(p.Locale), csvTime(p.PublishedAt), p.Title, p.OfficialTitle,
				p.Summary, p.Description, string(p.Status), deref(p.StartDate), deref(p.EndDate), string(p.DatePrecision),
				amount, currency, slugs(item.Links["funders"]), slugs(item.Links["implementers"]), slugs(item.Links["partners"]),
				slugs(item.Links["areas"]), slugs(p.SectorCodes()), lines(p.Locations), lines(p.Objectives),
				lines(p.SpecificObjectives), lines(p.ExpectedResults), lines(p.TargetGroups), deref(p.URL)}
		}},
	{kind: store.KindPartner, path: "partners",
		columns: []string{"id", "slug", "url", "locale", "published_at", "name", "acronym", "kind", "website", "description"},
		row: func(item store.PublicItem, l store.Locale, page string) []string {
			p := item.In(l).(*store.Partner)
			return []string{p.GlobalID(), p.Slug, page + p.Slug, tagOf(p.Locale), csvTime(p.PublishedAt), p.Name,
				deref(p.Acronym), string(p.Kind), deref(p.Website), p.Description}
		}},
}

// writeCSV writes the CSV file the request names.
func (d *openData) writeCSV(ctx context.Context, r *http.Request, snap *store.PublicSnapshot, w io.Writer) error {
	loc, k := localeOf(r.PathValue("locale")), csvKindOf(r.PathValue("file"))
	page := d.origin(r) + "/" + loc.url + "/" + k.path + "/"
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	out := csv.NewWriter(w)
	out.UseCRLF = true
	if err := out.Write(k.columns); err != nil {
		return err
	}
	err := snap.Each(ctx, k.kind, func(item store.PublicItem) error {
		return out.Write(k.row(item, loc.store, page))
	})
	if err != nil {
		return err
	}
	out.Flush()
	return out.Error()
}

// tagOf is a locale's BCP 47 tag: sr-Cyrl, sr-Latn, en.
func tagOf(l store.Locale) string {
	for _, x := range locales {
		if x.store == l {
			return x.tag
		}
	}
	return ""
}

// csvTime is a time in RFC 3339, UTC; "" for none.
func csvTime(t *time.Time) string {
	if t == nil || t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func slugs(list []string) string { return strings.Join(list, ";") }
func lines(list []string) string { return strings.Join(list, "\n") }

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
