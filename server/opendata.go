package server

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/agency/portal/store"
)

// Open data: the public content as files to download (README, "Open data"): CSV per
// locale, the content JSON, and IATI activity XML. Each is streamed from one snapshot of
// the database, a page of items at a time, with a weak ETag and Last-Modified from the
// content's version, so a revalidation that finds nothing changed costs a few indexed
// reads and no file.

// DefaultIATIOrgID is the reporting organisation's IATI identifier when the operator sets
// none: a placeholder in the shape of one (registration agency RS, then the agency), to be
// replaced by the identifier the agency registers with IATI.
const DefaultIATIOrgID = "RS-GOV-KIRS"

// openDataFormat is the version of the files' layout, part of every ETag: a binary that
// writes them differently never matches an old tag.
const openDataFormat = "1"

// openDataStall is how long a download may go without progress: while it sends, its write
// deadline stays this far ahead, so a large file outlasts the server's write timeout and a
// client that stops reading is still cut off.
const openDataStall = time.Minute

// openData serves the downloads.
type openData struct {
	store     *store.Store
	iatiOrgID string
	cache     HTTPCache
	base      string // Config.PublicURL without its trailing slash; "" derives it per request
}

// routeOpenData adds the open-data routes to mux.
func routeOpenData(mux *http.ServeMux, s *store.Store, cfg Config) {
	d := &openData{store: s, iatiOrgID: cfg.IATIOrgID, cache: *cfg.HTTPCache, base: strings.TrimRight(cfg.PublicURL, "/")}
	if d.iatiOrgID == "" {
		d.iatiOrgID = DefaultIATIOrgID
	}
	mux.Handle("GET /open-data/{locale}/{file}", d.file(csvType, d.writeCSV))
	mux.Handle("GET /open-data/content.json", d.file("application/json", writeContentJSON))
	mux.Handle("GET /open-data/iati-activities.xml", d.file("application/xml", d.writeIATI))
}

// csvType is the media type of the CSV files (RFC 4180, with a header row).
const csvType = "text/csv; charset=utf-8; header=present"

// writer writes one file from a snapshot; a nil error before anything is written with a
// false found means the URL names no file (a 404).
type writer func(ctx context.Context, r *http.Request, snap *store.PublicSnapshot, w io.Writer) error

// file serves a download written by write: 304 when the request's validators match the
// content's version, the headers alone for HEAD, else the file, compressed as the client
// allows.
func (d *openData) file(contentType string, write writer) http.Handler {
	return compress(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !d.known(r) {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", "*")
		h.Set("Access-Control-Expose-Headers", "ETag, Last-Modified")
		h.Set("Cache-Control", d.cache.publicControl())
		v, err := d.store.OpenDataVersion(r.Context())
		if err != nil {
			d.fail(w, r, err)
			return
		}
		if notModified(r, v) {
			setValidators(h, v)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		started := false
		err = d.store.ReadPublic(r.Context(), func(ctx context.Context, snap *store.PublicSnapshot) error {
			setValidators(h, snap.Version)
			h.Set("Content-Type", contentType)
			started = true
			if r.Method == http.MethodHead {
				return nil
			}
			out := bufio.NewWriterSize(&progressWriter{w: w, rc: http.NewResponseController(w)}, 32<<10)
			if err := write(ctx, r, snap, out); err != nil {
				return err
			}
			return out.Flush()
		})
		switch {
		case err == nil:
		case !started:
			d.fail(w, r, err)
		default: // part of the file is sent: cut the connection so that the client sees it is incomplete
			slog.ErrorContext(r.Context(), "open data: write", "path", r.URL.Path, "err", err)
			panic(http.ErrAbortHandler)
		}
	}))
}

// known tells whether a request names a file: the CSV route takes a locale and a kind.
func (d *openData) known(r *http.Request) bool {
	if r.PathValue("locale") == "" {
		return true
	}
	return localeOf(r.PathValue("locale")) != nil && csvKindOf(r.PathValue("file")) != nil
}

// fail answers a request whose file could not be read.
func (d *openData) fail(w http.ResponseWriter, r *http.Request, err error) {
	slog.ErrorContext(r.Context(), "open data: read", "path", r.URL.Path, "err", err)
	h := w.Header()
	h.Del("ETag")
	h.Del("Last-Modified")
	h.Set("Cache-Control", noStore)
	status := http.StatusInternalServerError
	if store.StorageTrouble(err) != nil {
		status = http.StatusServiceUnavailable
	}
	http.Error(w, "the open data could not be read; try again later", status)
}

// entityTagOf is the weak ETag of a version: weak, because the bytes of a file may differ
// for one version (IATI's generated-datetime, the content coding) while what they say does
// not.
func entityTagOf(v store.OpenDataVersion) string {
	return fmt.Sprintf(`W/"od%s-%d-%d"`, openDataFormat, v.Generation, v.Modified.Unix())
}

func setValidators(h http.Header, v store.OpenDataVersion) {
	h.Set("ETag", entityTagOf(v))
	if !v.Modified.IsZero() {
		h.Set("Last-Modified", v.Modified.UTC().Format(http.TimeFormat))
	}
}

// notModified tells whether a request's validators match the version (RFC 9110 13.2.2):
// If-None-Match when present (compared weakly), else If-Modified-Since.
func notModified(r *http.Request, v store.OpenDataVersion) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		want := strings.TrimPrefix(entityTagOf(v), "W/")
		for _, tag := range strings.Split(inm, ",") {
			tag = strings.TrimSpace(tag)
			if tag == "*" || strings.TrimPrefix(tag, "W/") == want {
				return true
			}
		}
		return false
	}
	since, err := http.ParseTime(r.Header.Get("If-Modified-Since"))
	return err == nil && !v.Modified.IsZero() && !v.Modified.Truncate(time.Second).After(since)
}

// origin is the site's public origin for links in the files.
func (d *openData) origin(r *http.Request) string {
	if d.base != "" {
		return d.base
	}
	if r.TLS != nil {
		return "https://" + r.Host
	}
	return "http://" + r.Host // X-Forwarded-* are not trusted: set Config.PublicURL behind a proxy
}

// progressWriter moves the response's write deadline openDataStall ahead as bytes go out
// (at most every few seconds).
type progressWriter struct {
	w    io.Writer
	rc   *http.ResponseController
	next time.Time // when to move the deadline again
}

func (p *progressWriter) Write(b []byte) (int, error) {
	if now := time.Now(); now.After(p.next) {
		p.rc.SetWriteDeadline(now.Add(openDataStall)) // a writer without deadlines (a test's) has none to move
		p.next = now.Add(5 * time.Second)
	}
	return p.w.Write(b)
}
