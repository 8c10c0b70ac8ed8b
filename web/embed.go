// Package web embeds the portal's front end: the SvelteKit app in this folder, built by
// `npm run build` (make web) into out/site. The server serves it (server/site.go).
package web

import (
	"embed"
	"fmt"
	"io/fs"
)

// out holds out/site and the committed out/README.txt, which keeps the embed compiling
// before the front end is built. all: keeps _app/ and other names starting with _ or .
//
//go:embed all:out
var out embed.FS

// Site is the built front end, index.html at its root, or an error when it was not built.
func Site() (fs.FS, error) {
	site, err := fs.Sub(out, "out/site")
	if err != nil {
		return nil, err
	}
	if _, err := fs.Stat(site, "index.html"); err != nil {
		return nil, fmt.Errorf("web/out/site/index.html is missing: the front end was not built (make web): %w", err)
	}
	return site, nil
}
