// Package explorer serves the GraphiQL explorer for the portal's GraphQL API,
// fully offline: GraphiQL, React and ReactDOM are embedded in the binary and
// served from the same origin, so the page loads nothing from a CDN.
//
// The third-party files are not committed. explorer/copy-assets.sh (run by
// `make explorer`) installs the versions pinned in explorer/package-lock.json
// with `npm ci` and copies the four files the page needs into explorer/assets/,
// which is embedded with //go:embed. On a fresh clone assets/ holds only
// README.txt; the package still compiles, and the explorer page then answers
// 503 with a note on how to build the assets.
//
// Mounting: the handler expects to live at /graphiql, and the page refers to
// its assets by the absolute paths /graphiql/assets/<name>. Register it for
// both the page and its subtree:
//
//	h := explorer.Handler("/graphql")
//	mux.Handle("/graphiql", h)
//	mux.Handle("/graphiql/", h)
//
// It accepts the unstripped paths (/graphiql, /graphiql/, /graphiql/assets/x)
// as well as the same paths with /graphiql already removed (for use behind
// http.StripPrefix("/graphiql", h)).
//
// Routes:
//
//	/graphiql, /graphiql/         the explorer page (503 when assets are missing)
//	/graphiql/assets/<name>       graphiql.min.js, graphiql.min.css,
//	                              react.production.min.js,
//	                              react-dom.production.min.js, explorer.js
//	anything else                 404
//
// Only GET and HEAD are allowed (405 otherwise). The page is sent with
// Cache-Control: no-cache and a strict Content-Security-Policy (no inline
// script: the bootstrap lives in explorer.js and reads the endpoint from a
// data attribute); assets with Cache-Control: public, max-age=86400 and an
// ETag. Because of connect-src 'self', endpoint must be on the same origin
// (a path such as "/graphql").
package explorer

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"html/template"
	"io/fs"
	"net/http"
	"strconv"
	"strings"
	"time"
)

//go:embed all:assets static
var embedded embed.FS

// prefix is the path the handler is meant to be mounted at.
const prefix = "/graphiql"

// csp is the Content-Security-Policy sent with the explorer page.
const csp = "default-src 'self'; script-src 'self'; " +
	"style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
	"font-src 'self' data:; frame-ancestors 'none'"

const (
	pageCacheControl  = "no-cache"
	assetCacheControl = "public, max-age=86400"
	htmlType          = "text/html; charset=utf-8"
	jsType            = "text/javascript; charset=utf-8"
	cssType           = "text/css; charset=utf-8"
)

// assetFiles maps the served name (/graphiql/assets/<name>) to its path in
// the embedded file system. Everything but explorer.js comes from
// copy-assets.sh.
var assetFiles = map[string]string{
	"graphiql.min.js":             "assets/graphiql.min.js",
	"graphiql.min.css":            "assets/graphiql.min.css",
	"react.production.min.js":     "assets/react.production.min.js",
	"react-dom.production.min.js": "assets/react-dom.production.min.js",
	"explorer.js":                 "static/explorer.js",
}

var pageTemplate = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Portal GraphQL explorer</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{{.Assets}}/graphiql.min.css">
<style>html, body { height: 100%; margin: 0; } #graphiql { height: 100vh; }</style>
<script defer src="{{.Assets}}/react.production.min.js"></script>
<script defer src="{{.Assets}}/react-dom.production.min.js"></script>
<script defer src="{{.Assets}}/graphiql.min.js"></script>
<script defer src="{{.Assets}}/explorer.js"></script>
</head>
<body>
<div id="graphiql" data-endpoint="{{.Endpoint}}">Loading the GraphQL explorer…</div>
</body>
</html>
`))

const missingPage = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Portal GraphQL explorer: assets missing</title></head>
<body>
<h1>GraphQL explorer unavailable</h1>
<p>The explorer assets (GraphiQL, React) were not built into this binary.
Run <code>make explorer</code> (or <code>make build</code>), which runs
<code>bash explorer/copy-assets.sh</code>, then rebuild the server.</p>
</body>
</html>
`

type asset struct {
	body        []byte
	contentType string
	etag        string
}

type handler struct {
	page    []byte           // rendered explorer page, nil when assets are missing
	missing []byte           // 503 page
	assets  map[string]asset // by served name
}

// Handler returns the explorer handler; endpoint is the GraphQL endpoint the
// page queries, a same-origin path such as "/graphql". See the package
// comment for how to mount it.
func Handler(endpoint string) http.Handler {
	return newHandler(embedded, endpoint)
}

// newHandler builds the handler over fsys, which must be laid out like the
// embedded file system (assets/..., static/...).
func newHandler(fsys fs.FS, endpoint string) *handler {
	h := &handler{
		missing: []byte(missingPage),
		assets:  make(map[string]asset, len(assetFiles)),
	}
	complete := true
	for name, path := range assetFiles {
		b, err := fs.ReadFile(fsys, path)
		if err != nil || len(b) == 0 {
			complete = false
			continue
		}
		sum := sha256.Sum256(b)
		h.assets[name] = asset{
			body:        b,
			contentType: contentType(name),
			etag:        `"` + hex.EncodeToString(sum[:16]) + `"`,
		}
	}
	if complete {
		var buf bytes.Buffer
		err := pageTemplate.Execute(&buf, struct{ Assets, Endpoint string }{prefix + "/assets", endpoint})
		if err != nil {
			panic("explorer: page template: " + err.Error()) // static template: cannot happen
		}
		h.page = buf.Bytes()
	}
	return h
}

func contentType(name string) string {
	switch {
	case strings.HasSuffix(name, ".js"):
		return jsType
	case strings.HasSuffix(name, ".css"):
		return cssType
	}
	return "application/octet-stream"
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	hdr := w.Header()
	hdr.Set("X-Content-Type-Options", "nosniff")

	rel := strings.TrimPrefix(r.URL.Path, prefix)
	switch {
	case rel == "" || rel == "/":
		h.servePage(w, r)
	case strings.HasPrefix(rel, "/assets/"):
		a, ok := h.assets[strings.TrimPrefix(rel, "/assets/")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		hdr.Set("Content-Type", a.contentType)
		hdr.Set("Cache-Control", assetCacheControl)
		hdr.Set("ETag", a.etag)
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(a.body))
	default:
		http.NotFound(w, r)
	}
}

func (h *handler) servePage(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	hdr.Set("Content-Type", htmlType)
	hdr.Set("Cache-Control", pageCacheControl)
	hdr.Set("Content-Security-Policy", csp)
	body, status := h.page, http.StatusOK
	if body == nil {
		body, status = h.missing, http.StatusServiceUnavailable
	}
	hdr.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}
