package server

// What a page's head tells crawlers and link previews beyond its title and description
// (site.go's meta): the cover picture (og:image), a news item's dates
// (article:published_time, article:modified_time) and schema.org structured data as
// JSON-LD:
//
//	home page     GovernmentOrganization (the agency) and a WebSite with its SearchAction
//	news item     NewsArticle: headline, description, dates, image, the agency as publisher
//	              and author
//	project       Project (schema.org's type for "an enterprise … planned to achieve a
//	              particular aim", an Organization): name, description, image, funders,
//	              the agency as parent organisation
//	partner       NGO, GovernmentOrganization or Organization, by the partner's kind
//	open data     DataCatalog: a Dataset per kind of content, with its files to download
//
// The JSON-LD script is allowed by the page's CSP through its hash, like the shell's own
// inline scripts (a browser does not run a data block, but this keeps the policy honest).

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/agency/portal/store"
)

// jsonLD is a schema.org object.
type jsonLD map[string]any

// findable is the head's extra HTML for a page and the CSP hashes of its inline scripts.
func (s *site) findable(ctx context.Context, origin string, pg page) (string, []string) {
	if pg.status != http.StatusOK {
		return "", nil
	}
	var b strings.Builder
	var data jsonLD
	agency := agencyLD(origin, pg.loc)
	pageURL := origin + "/" + pg.loc.url + pg.path
	switch x := pg.item.(type) {
	case *store.NewsItem:
		modified := lastModified(x.PublishedAt, x.ChangedAt)
		writeImage(&b, origin, x.Cover())
		writeProperty(&b, "article:published_time", x.PublishedAt.UTC().Format(time.RFC3339))
		writeProperty(&b, "article:modified_time", modified.UTC().Format(time.RFC3339))
		data = jsonLD{"@type": "NewsArticle", "headline": shorten(x.Title, 110), "description": shorten(x.Summary, descRunes),
			"datePublished": x.PublishedAt.UTC().Format(time.RFC3339), "dateModified": modified.UTC().Format(time.RFC3339),
			"inLanguage": localeOfStore(x.Locale).tag, "url": pageURL, "mainEntityOfPage": pageURL,
			"publisher": agency, "author": agency}
		if c := x.Cover(); c != nil {
			data["image"] = []string{origin + c.URL()}
		}
	case *store.Project:
		writeImage(&b, origin, x.Cover())
		data = jsonLD{"@type": "Project", "name": x.Title, "description": shorten(x.Summary, descRunes), "url": pageURL,
			"parentOrganization": agency}
		if c := x.Cover(); c != nil {
			data["image"] = origin + c.URL()
		}
		if funders := s.funders(ctx, x, pg.loc); len(funders) > 0 {
			data["funder"] = funders
		}
	case *store.Partner:
		data = partnerLD(x)
		data["mainEntityOfPage"] = pageURL
		if data["url"] == nil {
			data["url"] = pageURL
		}
	default:
		switch pg.path {
		case "/":
			site := jsonLD{"@type": "WebSite", "name": siteName.in(pg.loc), "url": pageURL, "inLanguage": pg.loc.tag,
				"publisher":       jsonLD{"@id": agency["@id"]},
				"potentialAction": jsonLD{"@type": "SearchAction", "target": pageURL + "search?q={query}", "query-input": "required name=query"}}
			data = jsonLD{"@graph": []jsonLD{agency, site}}
		case "/open-data":
			data = openDataLD(origin, pageURL, pg.loc, agency)
		}
	}
	if data == nil {
		return b.String(), nil
	}
	data["@context"] = "https://schema.org"
	script, err := json.Marshal(data) // escapes <, > and &: no "</script>" inside
	if err != nil {
		slog.ErrorContext(ctx, "site: structured data", "path", pg.path, "err", err)
		return b.String(), nil
	}
	sum := sha256.Sum256(script)
	fmt.Fprintf(&b, "<script type=\"application/ld+json\">%s</script>\n", script)
	return b.String(), []string{base64.StdEncoding.EncodeToString(sum[:])}
}

// openDataLD is the open-data page as a schema.org DataCatalog, so that dataset search
// finds the files: a Dataset per kind of content, each downloadable as its CSV file in
// every locale and, with the rest, as the JSON file; the projects also as IATI XML.
func openDataLD(origin, pageURL string, l *locale, agency jsonLD) jsonLD {
	download := func(format, path string) jsonLD {
		return jsonLD{"@type": "DataDownload", "encodingFormat": format, "contentUrl": origin + path}
	}
	var datasets []jsonLD
	for _, f := range openDataFiles {
		var files []jsonLD
		for _, o := range locales {
			csv := download("text/csv", "/open-data/"+o.url+"/"+f+".csv")
			csv["inLanguage"] = o.tag
			files = append(files, csv)
		}
		files = append(files, download("application/json", "/open-data/content.json"))
		if f == "projects" {
			files = append(files, download("application/xml", "/open-data/iati-activities.xml"))
		}
		datasets = append(datasets, jsonLD{"@type": "Dataset", "name": pages[f].title.in(l) + " · " + siteName.in(l),
			"description": pages[f].description.in(l), "url": pageURL, "isAccessibleForFree": true,
			"creator": jsonLD{"@id": agency["@id"]}, "distribution": files})
	}
	return jsonLD{"@type": "DataCatalog", "name": pages["open-data"].title.in(l) + " · " + siteName.in(l),
		"description": pages["open-data"].description.in(l), "url": pageURL, "inLanguage": l.tag,
		"publisher": agency, "dataset": datasets}
}

// agencyLD is the agency as a schema.org GovernmentOrganization.
func agencyLD(origin string, l *locale) jsonLD {
	return jsonLD{"@type": "GovernmentOrganization", "@id": origin + "/#agency", "name": siteName.in(l),
		"url": origin + "/" + l.url + "/", "logo": origin + "/favicon.svg",
		"areaServed": jsonLD{"@type": "Country", "name": text{"Србија", "Serbia"}.in(l)}}
}

// partnerLD is a partner organisation as schema.org describes it.
func partnerLD(p *store.Partner) jsonLD {
	typ := "Organization"
	switch p.Kind {
	case store.NGO:
		typ = "NGO"
	case store.Government:
		typ = "GovernmentOrganization"
	}
	data := jsonLD{"@type": typ, "name": p.Name, "description": shorten(p.Description, descRunes)}
	if p.Acronym != nil && *p.Acronym != "" {
		data["alternateName"] = *p.Acronym
	}
	if p.Website != nil && *p.Website != "" {
		data["url"] = *p.Website
	}
	return data
}

// funders are a project's funders as schema.org organisations; a failure to read them
// costs only this detail of the structured data.
func (s *site) funders(ctx context.Context, p *store.Project, l *locale) []jsonLD {
	roles, err := s.store.PartnersOfProjects(ctx, []int64{p.ID}, l.store)
	if err != nil {
		slog.WarnContext(ctx, "site: a project's funders for its structured data", "project", p.Slug, "err", err)
		return nil
	}
	var out []jsonLD
	for _, f := range roles[p.ID][store.Funder] {
		out = append(out, partnerLD(f))
	}
	return out
}

// lastModified is when a public item last changed: its last change, or its publication
// when that came later (a scheduled item).
func lastModified(published, changed time.Time) time.Time {
	if changed.After(published) {
		return changed
	}
	return published
}

// localeOfStore is the site's locale of a store locale.
func localeOfStore(l store.Locale) *locale {
	for _, x := range locales {
		if x.store == l {
			return x
		}
	}
	return locales[0]
}

// writeImage writes the Open Graph tags of a cover picture (absolute URLs), nothing for none.
func writeImage(b *strings.Builder, origin string, c *store.Image) {
	if c == nil {
		return
	}
	writeProperty(b, "og:image", origin+c.URL())
	writeProperty(b, "og:image:type", c.Type)
	writeProperty(b, "og:image:width", fmt.Sprint(c.Width))
	writeProperty(b, "og:image:height", fmt.Sprint(c.Height))
	if c.Alt != "" {
		writeProperty(b, "og:image:alt", c.Alt)
	}
}

func writeProperty(b *strings.Builder, property, content string) {
	fmt.Fprintf(b, "<meta property=\"%s\" content=\"%s\">\n", property, html.EscapeString(content))
}
