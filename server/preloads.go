package server

// Module preloads per route. The shell (index.html) names only what every page needs; the
// route's own chunks (its layout and page modules and their imports, its style sheets,
// which go into the page inline: styles.go) are named in preloads.json, which
// web/scripts/route-preloads.mjs writes from SvelteKit's build manifest. The shell of a page names them up front, so the browser fetches them
// with the HTML instead of waiting for start.js to run and ask for them.

import (
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"net/http"
	"strings"
)

// preloadsFile is the build's map of route ID to files.
const preloadsFile = "preloads.json"

// publicRoute is the SvelteKit route ID of the public pages' locale segment.
const publicRoute = "/[locale=locale]"

// routeFiles are the files of one route the shell does not name.
type routeFiles struct {
	Modules []string `json:"modules"`
	Styles  []string `json:"styles"`
}

// loadPreloads reads the build's preloads.json; a build without one gets none.
func loadPreloads(fsys fs.FS) (map[string]routeFiles, error) {
	b, err := fs.ReadFile(fsys, preloadsFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var m map[string]routeFiles
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", preloadsFile, err)
	}
	for id, f := range m {
		for _, name := range append(f.Modules, f.Styles...) {
			if !strings.HasPrefix(name, "/_app/") {
				return nil, fmt.Errorf("%s: route %s names %q, not a file of the build", preloadsFile, id, name)
			}
		}
	}
	return m, nil
}

// routeID is the SvelteKit route that renders a page: "/[locale=locale]/news/[slug]" for
// /en/news/some-slug, "/[locale=locale]/+error" for a page that is not found.
func routeID(pg page) string {
	if pg.status != http.StatusOK {
		return publicRoute + "/+error"
	}
	segs := strings.Split(strings.Trim(pg.path, "/"), "/")
	switch {
	case segs[0] == "":
		return publicRoute
	case len(segs) == 1:
		return publicRoute + "/" + segs[0]
	}
	return publicRoute + "/" + segs[0] + "/[slug]"
}

// preloadLinks is the HTML that names a page's route files.
func (s *site) preloadLinks(pg page) string {
	f := s.preloads[routeID(pg)]
	var b strings.Builder
	for _, name := range f.Styles {
		if tag, ok := s.sheets[name]; ok { // styles.go
			b.WriteString("\n" + tag)
		} else {
			fmt.Fprintf(&b, "\n<link rel=\"stylesheet\" href=\"%s\">", html.EscapeString(name))
		}
	}
	for _, name := range f.Modules {
		fmt.Fprintf(&b, "\n<link rel=\"modulepreload\" href=\"%s\">", html.EscapeString(name))
	}
	return b.String()
}
