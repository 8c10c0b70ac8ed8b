package server

import "context"

// openDataFiles are the CSV downloads of each locale (opendata_csv.go), in the page's order.
var openDataFiles = []string{"news", "projects", "partners"}

// openDataPage is what the open-data page shows besides the interface text: it reads no
// data, only links to the files.
type openDataPage struct {
	Files  []string
	Others []openDataLocale // the CSV files of the other locales
}

// openDataLocale is one other locale's line of CSV links.
type openDataLocale struct {
	L, Tag string
	Name   string         // the locale's name in itself
	T      map[string]any // its openData text: the links' words
}

// renderOpenData is the open-data page (routes/[locale=locale]/open-data/+page.svelte).
func renderOpenData(rd *renderer, _ context.Context, v *view, _ string) ([]answer, string, error) {
	d := openDataPage{Files: openDataFiles}
	for _, l := range locales {
		if l.url != v.L {
			t := rd.Messages[l.url]
			words, _ := t["openData"].(map[string]any)
			d.Others = append(d.Others, openDataLocale{L: l.url, Tag: l.tag, Name: localeName(t, l.url), T: words})
		}
	}
	v.Page = &d
	return nil, "opendata", nil
}

// localeName is a locale's name in itself, as the open-data page writes it (its NAMES).
func localeName(t map[string]any, l string) string {
	serbian, _ := t["language"].(map[string]any)["serbian"].(string)
	switch l {
	case "sr-cyrl":
		return serbian + " (ћирилица)"
	case "sr-latn":
		return serbian + " (latinica)"
	}
	return "English"
}
