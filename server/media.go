package server

// The editors' pictures:
//
//	POST /media             an editor's upload: the body is the image file itself, its
//	                        Content-Type the file's type; 201 and the image as JSON
//	GET, HEAD /media/{file} a file of the media folder, cached for ever (names say content)
//
// Answers to POST are JSON; errors have GraphQL's shape and codes.

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"mime"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/agency/portal/auth"
	"github.com/agency/portal/media"
	"github.com/agency/portal/media/mediafile"
	"github.com/agency/portal/store"
)

const (
	// MaxUploadBytes is the largest image file POST /media accepts: 10 MiB.
	MaxUploadBytes = 10 << 20
	// uploadSlots is how many uploads are processed at once: decoding a large picture
	// takes hundreds of megabytes, so more wait their turn.
	uploadSlots = 2
	// uploadTime is how long an editor's upload may take to arrive (the server's read
	// timeout is shorter: a 10 MiB file on a slow line needs longer), and to be answered.
	uploadTime = 3 * time.Minute
	// mediaPolicy forbids a served file to run or load anything, should a browser ever
	// render one as a document.
	mediaPolicy = "default-src 'none'; sandbox"
)

// mediaRoutes serves the media folder and takes uploads into it.
type mediaRoutes struct {
	store *store.Store
	lib   *media.Library
	slots chan struct{}
}

// routeMedia adds the media routes to mux. Without a media folder New leaves them out:
// then there are no uploads and /media/… is a plain 404.
func routeMedia(mux *http.ServeMux, s *store.Store, lib *media.Library, cfg Config) {
	m := &mediaRoutes{store: s, lib: lib, slots: make(chan struct{}, uploadSlots)}
	mux.Handle("POST /media", auth.Sessions(s, sessionConfig(cfg), http.HandlerFunc(m.upload)))
	mux.HandleFunc("GET "+mediafile.Prefix+"{file}", m.serve)
}

// uploaded is the answer to a successful upload.
type uploaded struct {
	Name     string            `json:"name"`
	Type     string            `json:"type"`
	Width    int               `json:"width"`
	Height   int               `json:"height"`
	URL      string            `json:"url"`
	Variants []uploadedVariant `json:"variants"`
}

type uploadedVariant struct {
	URL    string `json:"url"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
}

// upload takes an editor's picture: it checks who sends it and from where, its declared
// and actual type and its size, then processes, saves and records it.
func (m *mediaRoutes) upload(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if auth.SameOrigin(ctx) != nil {
		uploadError(w, http.StatusForbidden, codeForbidden, "uploads are accepted only from the portal's own pages")
		return
	}
	user, err := auth.Require(ctx, store.RoleEditor)
	switch {
	case errors.Is(err, store.ErrUnauthenticated):
		uploadError(w, http.StatusUnauthorized, codeUnauthenticated, "sign in as an editor to upload images")
		return
	case err != nil:
		serverError(w, r, err)
		return
	}

	extendDeadlines(w)

	declared, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if !slices.Contains(media.UploadTypes, declared) {
		uploadError(w, http.StatusUnsupportedMediaType, codeBadUserInput,
			fmt.Sprintf("the Content-Type is %q: send a JPEG, PNG, WebP or GIF image as image/jpeg, image/png, image/webp or image/gif", declared))
		return
	}
	data, ok := readUpload(w, r)
	if !ok {
		return
	}
	if found := media.Sniff(data); found != declared {
		uploadError(w, http.StatusBadRequest, codeBadUserInput,
			fmt.Sprintf("the file was declared as %s but its content is %s", declared, describeContent(found, data)))
		return
	}

	select {
	case m.slots <- struct{}{}:
		defer func() { <-m.slots }()
	case <-ctx.Done():
		return
	}
	p, err := media.Process(data)
	if errors.Is(err, media.ErrUnsupported) || errors.Is(err, media.ErrCorrupt) || errors.Is(err, media.ErrTooBig) {
		uploadError(w, http.StatusBadRequest, codeBadUserInput, err.Error())
		return
	} else if err != nil {
		serverError(w, r, err)
		return
	}
	f, err := m.lib.Save(p)
	if err == nil {
		err = m.store.SaveImage(ctx, f, user.ID)
	}
	if err != nil {
		serverError(w, r, err)
		return
	}
	w.Header().Set("Location", f.URL())
	writeJSON(w, http.StatusCreated, map[string]uploaded{"image": describeImage(f)})
}

// extendDeadlines gives a signed-in editor's upload uploadTime to arrive and be answered,
// beyond the server's timeouts for every request. A writer that cannot (a test's
// recorder) keeps its own.
func extendDeadlines(w http.ResponseWriter) {
	rc := http.NewResponseController(w)
	rc.SetReadDeadline(time.Now().Add(uploadTime))
	rc.SetWriteDeadline(time.Now().Add(uploadTime + 30*time.Second))
}

// readUpload reads the body, at most MaxUploadBytes; it answers (and returns false) when
// the body is too large, unreadable or empty.
func readUpload(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	tooLarge := fmt.Sprintf("the file is larger than %d MiB: make it smaller (images are stored at most %d pixels wide)", MaxUploadBytes>>20, store.MaxImageWidth)
	if r.ContentLength > MaxUploadBytes {
		uploadError(w, http.StatusRequestEntityTooLarge, codeBadUserInput, tooLarge)
		return nil, false
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxUploadBytes))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		uploadError(w, http.StatusRequestEntityTooLarge, codeBadUserInput, tooLarge)
	case err != nil:
		uploadError(w, http.StatusBadRequest, codeBadUserInput, "the file could not be read: the upload was interrupted")
	case len(data) == 0:
		uploadError(w, http.StatusBadRequest, codeBadUserInput, "the body is empty: send the image file itself")
	default:
		return data, true
	}
	return nil, false
}

// describeContent names what an upload turned out to be, for a message: the sniffed image
// type, or what the standard library's sniffer makes of it.
func describeContent(found string, data []byte) string {
	if found != "" {
		return found
	}
	kind, _, _ := strings.Cut(http.DetectContentType(data), ";")
	if kind == "application/octet-stream" {
		return "not a JPEG, PNG, WebP or GIF image"
	}
	return kind + ", not a JPEG, PNG, WebP or GIF image"
}

// describeImage is an image as the upload's answer shows it.
func describeImage(f *store.ImageFile) uploaded {
	out := uploaded{Name: f.Name, Type: f.Type, Width: f.Width, Height: f.Height, URL: f.URL(), Variants: []uploadedVariant{}}
	for _, v := range f.Variants {
		out.Variants = append(out.Variants, uploadedVariant{URL: v.URL(), Width: v.Width, Height: v.Height})
	}
	return out
}

// uploadError answers with an error in GraphQL's shape.
func uploadError(w http.ResponseWriter, status int, code, message string) {
	writeJSON(w, status, map[string]any{"errors": []map[string]any{{
		"message":    message,
		"extensions": map[string]string{"code": code},
	}}})
}

// serverError answers an upload that failed on the server's side: 503 and UNAVAILABLE,
// with what to do, when the disk is full or failing (store.StorageTrouble: the media
// folder's or the database's), or else 500 saying nothing of the error. It logs it.
func serverError(w http.ResponseWriter, r *http.Request, err error) {
	if trouble := store.StorageTrouble(err); trouble != nil {
		slog.WarnContext(r.Context(), "media: upload failed: storage trouble", "err", err)
		uploadError(w, http.StatusServiceUnavailable, codeUnavailable, trouble.Error())
		return
	}
	slog.ErrorContext(r.Context(), "media: upload failed", "err", err)
	uploadError(w, http.StatusInternalServerError, codeInternal, "internal error")
}

// serve sends a file of the media folder. Only names of the shape the library writes are
// looked up; anything else is a plain 404.
func (m *mediaRoutes) serve(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	f, mediaType, err := m.lib.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		http.NotFound(w, r)
		return
	} else if err != nil {
		slog.ErrorContext(r.Context(), "media: open", "file", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	defer f.Close()
	h := w.Header()
	h.Set("Content-Type", mediaType)
	h.Set("Cache-Control", immutable)
	h.Set("ETag", `"`+name+`"`)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", mediaPolicy)
	http.ServeContent(w, r, name, time.Time{}, f) // HEAD, ranges and If-None-Match
}
