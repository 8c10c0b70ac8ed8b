package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/agency/portal/media"
	"github.com/agency/portal/media/mediatest"
	"github.com/agency/portal/server"
	"github.com/agency/portal/store"
)

// mediaPortal is a portal with a media folder (beside where a database would be, as in
// production), an editor, and that editor's session cookie.
type mediaPortal struct {
	*portal
	dir    string
	cookie *http.Cookie
}

func newMediaPortal(t *testing.T) *mediaPortal {
	t.Helper()
	return newMediaPortalWith(t, server.Config{})
}

// newMediaPortalWith is newMediaPortal with more of the server's configuration.
func newMediaPortalWith(t *testing.T, cfg server.Config) *mediaPortal {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "media")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	cfg.MediaDir = dir
	p := newAuthPortal(t, cfg)
	return &mediaPortal{portal: p, dir: dir, cookie: p.login()}
}

// upload is one POST /media.
type upload struct {
	body        []byte
	contentType string            // the declared type
	header      map[string]string // more headers
	signedOut   bool
	chunked     bool // no Content-Length
}

// uploadAnswer is the JSON answer to an upload.
type uploadAnswer struct {
	Image *struct {
		Name     string
		Type     string
		Width    int
		Height   int
		URL      string
		Variants []struct {
			URL    string
			Width  int
			Height int
		}
	}
	Errors []struct {
		Message    string
		Extensions struct{ Code string }
	}
	status int
	body   string
}

func (p *mediaPortal) upload(u upload) *uploadAnswer {
	p.t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/media", bytes.NewReader(u.body))
	if u.chunked {
		req.ContentLength = -1
		req.Body = io.NopCloser(bytes.NewReader(u.body))
	}
	if u.contentType != "" {
		req.Header.Set("Content-Type", u.contentType)
	}
	for k, v := range u.header {
		req.Header.Set(k, v)
	}
	if !u.signedOut {
		req.AddCookie(p.cookie)
	}
	rec := httptest.NewRecorder()
	p.handler.ServeHTTP(rec, req)
	a := &uploadAnswer{status: rec.Code, body: rec.Body.String()}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
		p.t.Fatalf("status %d, Content-Type %q, want JSON: %.200s", rec.Code, ct, a.body)
	}
	if err := json.Unmarshal(rec.Body.Bytes(), a); err != nil {
		p.t.Fatalf("status %d, body is not JSON: %.200s", rec.Code, a.body)
	}
	return a
}

// get requests a path and returns the recorder.
func (p *mediaPortal) get(method, path string, header map[string]string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	p.handler.ServeHTTP(rec, req)
	return rec
}

func TestUploadImages(t *testing.T) {
	p := newMediaPortal(t)
	tests := []struct {
		name         string
		body         []byte
		contentType  string
		header       map[string]string
		wantType     string
		wantW, wantH int
		variants     []int
	}{
		{"jpeg", mediatest.JPEG(40, 30), "image/jpeg", nil, "image/jpeg", 40, 30, nil},
		{"png", mediatest.PNG(40, 30), "image/png", nil, "image/png", 40, 30, nil},
		{"webp, opaque: stored as jpeg", mediatest.PhotoWebP, "image/webp", nil, "image/jpeg", 64, 48, nil},
		{"webp with transparency: stored as png", mediatest.AlphaWebP, "image/webp", nil, "image/png", 32, 32, nil},
		{"gif: its first frame as png", mediatest.GIF(40, 30, 2), "image/gif", nil, "image/png", 40, 30, nil},
		{"a declared type with parameters", mediatest.JPEG(20, 20), "image/jpeg; name=x.jpg", nil, "image/jpeg", 20, 20, nil},
		{"from the portal's own page", mediatest.JPEG(21, 20), "image/jpeg",
			map[string]string{"Origin": "http://example.com", "Sec-Fetch-Site": "same-origin"}, "image/jpeg", 21, 20, nil},
		{"wider than 2000 px: scaled, with variants", mediatest.PNG(2400, 1200), "image/png", nil, "image/png", 2000, 1000, []int{480, 960}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := p.upload(upload{body: tt.body, contentType: tt.contentType, header: tt.header})
			if a.status != http.StatusCreated || a.Image == nil {
				t.Fatalf("status %d: %s", a.status, a.body)
			}
			img := a.Image
			if img.Type != tt.wantType || img.Width != tt.wantW || img.Height != tt.wantH {
				t.Errorf("got %s %d×%d, want %s %d×%d", img.Type, img.Width, img.Height, tt.wantType, tt.wantW, tt.wantH)
			}
			if want := "/media/" + img.Name + store.ImageExt(img.Type); img.URL != want {
				t.Errorf("url %q, want %q", img.URL, want)
			}
			var widths []int
			for _, v := range img.Variants {
				widths = append(widths, v.Width)
				checkServed(t, p, v.URL, tt.wantType)
			}
			if len(widths) != len(tt.variants) || (len(widths) > 0 && (widths[0] != tt.variants[0] || widths[1] != tt.variants[1])) {
				t.Errorf("variants %v, want %v", widths, tt.variants)
			}
			checkServed(t, p, img.URL, tt.wantType)
			f, err := p.store.Image(context.Background(), img.Name)
			if err != nil || f.Width != img.Width || f.Type != img.Type || len(f.Variants) != len(img.Variants) {
				t.Errorf("recorded %+v, %v", f, err)
			}
		})
	}
	t.Run("the same image again", func(t *testing.T) {
		first := p.upload(upload{body: mediatest.JPEG(40, 30), contentType: "image/jpeg"})
		again := p.upload(upload{body: mediatest.JPEG(40, 30), contentType: "image/jpeg"})
		if again.status != http.StatusCreated || again.Image.Name != first.Image.Name {
			t.Errorf("status %d, name %q, want 201 and %q", again.status, again.Image.Name, first.Image.Name)
		}
	})
}

// checkServed gets a media URL and checks the answer's headers and that it is a picture of
// the type.
func checkServed(t *testing.T, p *mediaPortal, url, mediaType string) {
	t.Helper()
	rec := p.get(http.MethodGet, url, nil)
	h := rec.Header()
	if rec.Code != http.StatusOK || h.Get("Content-Type") != mediaType || media.Sniff(rec.Body.Bytes()) != mediaType {
		t.Fatalf("GET %s: status %d, Content-Type %q, sniffed %q; want 200 and %s", url, rec.Code, h.Get("Content-Type"), media.Sniff(rec.Body.Bytes()), mediaType)
	}
	want := map[string]string{
		"Cache-Control":           "public, max-age=31536000, immutable",
		"X-Content-Type-Options":  "nosniff",
		"Content-Security-Policy": "default-src 'none'; sandbox",
	}
	for k, v := range want {
		if h.Get(k) != v {
			t.Errorf("GET %s: %s is %q, want %q", url, k, h.Get(k), v)
		}
	}
}

func TestUploadStripsEXIFAndTurnsThePicture(t *testing.T) {
	p := newMediaPortal(t)
	in := mediatest.WithEXIF(mediatest.JPEG(80, 40), 6)
	a := p.upload(upload{body: in, contentType: "image/jpeg"})
	if a.status != http.StatusCreated {
		t.Fatalf("status %d: %s", a.status, a.body)
	}
	if a.Image.Width != 40 || a.Image.Height != 80 {
		t.Errorf("got %d×%d, want 40×80: orientation 6 turns the picture a quarter", a.Image.Width, a.Image.Height)
	}
	served := p.get(http.MethodGet, a.Image.URL, nil).Body.Bytes()
	for _, leak := range [][]byte{[]byte("Exif"), []byte(mediatest.Secret), mediatest.GPSLatitude} {
		if bytes.Contains(served, leak) {
			t.Errorf("the served file still contains %q", leak)
		}
	}
}

func TestUploadRefused(t *testing.T) {
	p := newMediaPortal(t)
	jpg, pngData := mediatest.JPEG(64, 64), mediatest.PNG(64, 64)
	html := []byte("<!doctype html><html><script>alert(document.cookie)</script></html>")
	svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`)
	tooLarge := append(mediatest.JPEG(8, 8), make([]byte, server.MaxUploadBytes)...)
	tests := []struct {
		name       string
		upload     upload
		wantStatus int
		wantCode   string
		wantInMsg  []string
	}{
		{"signed out", upload{body: jpg, contentType: "image/jpeg", signedOut: true}, 401, "UNAUTHENTICATED", nil},
		{"an unknown session", upload{body: jpg, contentType: "image/jpeg", signedOut: true,
			header: map[string]string{"Cookie": "portal_session=bm9wZQ"}}, 401, "UNAUTHENTICATED", nil},
		{"from another site (Origin)", upload{body: jpg, contentType: "image/jpeg",
			header: map[string]string{"Origin": "https://evil.example"}}, 403, "FORBIDDEN", nil},
		{"from another site (Sec-Fetch-Site)", upload{body: jpg, contentType: "image/jpeg",
			header: map[string]string{"Sec-Fetch-Site": "cross-site"}}, 403, "FORBIDDEN", nil},
		{"from a sandboxed frame (Origin null)", upload{body: jpg, contentType: "image/jpeg",
			header: map[string]string{"Origin": "null"}}, 403, "FORBIDDEN", nil},
		{"a png declared as jpeg", upload{body: pngData, contentType: "image/jpeg"}, 400, "BAD_USER_INPUT",
			[]string{"declared as image/jpeg", "image/png"}},
		{"a jpeg declared as webp", upload{body: jpg, contentType: "image/webp"}, 400, "BAD_USER_INPUT",
			[]string{"declared as image/webp", "image/jpeg"}},
		{"html declared as png", upload{body: html, contentType: "image/png"}, 400, "BAD_USER_INPUT",
			[]string{"declared as image/png", "text/html"}},
		{"svg declared as png", upload{body: svg, contentType: "image/png"}, 400, "BAD_USER_INPUT",
			[]string{"declared as image/png", "not a JPEG, PNG, WebP or GIF"}},
		{"svg as svg", upload{body: svg, contentType: "image/svg+xml"}, 415, "BAD_USER_INPUT", []string{"image/svg+xml"}},
		{"html as html", upload{body: html, contentType: "text/html"}, 415, "BAD_USER_INPUT", nil},
		{"bmp as bmp", upload{body: mediatest.BMP(), contentType: "image/bmp"}, 415, "BAD_USER_INPUT", []string{"image/bmp"}},
		{"bmp declared as png", upload{body: mediatest.BMP(), contentType: "image/png"}, 400, "BAD_USER_INPUT", []string{"image/bmp"}},
		{"tiff as tiff", upload{body: mediatest.TIFF(), contentType: "image/tiff"}, 415, "BAD_USER_INPUT", nil},
		{"no declared type", upload{body: jpg}, 415, "BAD_USER_INPUT", nil},
		{"a multipart form", upload{body: jpg, contentType: "multipart/form-data; boundary=x"}, 415, "BAD_USER_INPUT", nil},
		{"an empty body", upload{body: nil, contentType: "image/jpeg"}, 400, "BAD_USER_INPUT", []string{"empty"}},
		{"a truncated jpeg", upload{body: jpg[:len(jpg)/2], contentType: "image/jpeg"}, 400, "BAD_USER_INPUT", []string{"truncated"}},
		{"a truncated png", upload{body: pngData[:len(pngData)-30], contentType: "image/png"}, 400, "BAD_USER_INPUT", []string{"truncated"}},
		{"a decompression bomb's header", upload{body: mediatest.PNGHeader(50_000, 50_000), contentType: "image/png"}, 400, "BAD_USER_INPUT",
			[]string{"too big", "50000×50000"}},
		{"too large", upload{body: tooLarge, contentType: "image/jpeg"}, 413, "BAD_USER_INPUT", []string{"10 MiB"}},
		{"too large, without Content-Length", upload{body: tooLarge, contentType: "image/jpeg", chunked: true}, 413, "BAD_USER_INPUT", []string{"10 MiB"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := p.upload(tt.upload)
			if a.status != tt.wantStatus || len(a.Errors) != 1 || a.Errors[0].Extensions.Code != tt.wantCode || a.Image != nil {
				t.Fatalf("status %d: %.300s; want %d %s", a.status, a.body, tt.wantStatus, tt.wantCode)
			}
			for _, s := range tt.wantInMsg {
				if !strings.Contains(a.Errors[0].Message, s) {
					t.Errorf("message %q does not say %q", a.Errors[0].Message, s)
				}
			}
			if strings.Contains(a.body, p.dir) || strings.Contains(a.body, "/tmp") {
				t.Errorf("the answer shows a path: %s", a.body)
			}
		})
	}
	if entries, _ := os.ReadDir(p.dir); len(entries) != 0 {
		t.Errorf("refused uploads left %d files in the media folder", len(entries))
	}
}

func TestMediaServing(t *testing.T) {
	p := newMediaPortal(t)
	a := p.upload(upload{body: mediatest.JPEG(1000, 500), contentType: "image/jpeg"})
	if a.status != http.StatusCreated {
		t.Fatalf("upload: %s", a.body)
	}
	secret := []byte("SQLite format 3\x00 the database")
	os.WriteFile(filepath.Join(filepath.Dir(p.dir), "portal.db"), secret, 0o644)
	os.WriteFile(filepath.Join(p.dir, ".upload-123"), secret, 0o644)
	os.WriteFile(filepath.Join(p.dir, "notes.txt"), secret, 0o644)
	file := strings.TrimPrefix(a.Image.URL, "/media/")

	t.Run("HEAD", func(t *testing.T) {
		rec := p.get(http.MethodHead, a.Image.URL, nil)
		if rec.Code != 200 || rec.Body.Len() != 0 || rec.Header().Get("Content-Type") != "image/jpeg" ||
			rec.Header().Get("Content-Length") == "" || rec.Header().Get("Cache-Control") != "public, max-age=31536000, immutable" {
			t.Errorf("status %d, %d bytes, headers %v", rec.Code, rec.Body.Len(), rec.Header())
		}
	})
	t.Run("If-None-Match", func(t *testing.T) {
		etag := p.get(http.MethodGet, a.Image.URL, nil).Header().Get("ETag")
		if rec := p.get(http.MethodGet, a.Image.URL, map[string]string{"If-None-Match": etag}); etag == "" || rec.Code != http.StatusNotModified {
			t.Errorf("ETag %q, status %d, want 304", etag, rec.Code)
		}
	})
	for _, path := range []string{
		"/media/",
		"/media/../portal.db",
		"/media/..%2fportal.db",
		"/media/%2e%2e%2fportal.db",
		"/media/" + file + "/../../portal.db",
		"/media/.upload-123",
		"/media/notes.txt",
		"/media/" + strings.ToUpper(file),
		"/media/" + strings.TrimSuffix(file, ".jpg") + ".png",
		"/media/" + strings.TrimSuffix(file, ".jpg") + "-480.png",
		"/media/0123456789abcdef.jpg",
		"/media/x/" + file,
	} {
		t.Run(path, func(t *testing.T) {
			rec := p.get(http.MethodGet, path, nil)
			if rec.Code == http.StatusMovedPermanently || rec.Code == http.StatusTemporaryRedirect { // the mux cleans "..": follow it once
				rec = p.get(http.MethodGet, rec.Header().Get("Location"), nil)
			}
			if rec.Code != http.StatusNotFound || bytes.Contains(rec.Body.Bytes(), []byte("SQLite")) {
				t.Errorf("status %d, body %.80q: want a plain 404", rec.Code, rec.Body.String())
			}
			if strings.Contains(rec.Body.String(), "<html") {
				t.Errorf("got the app's shell, want a plain 404")
			}
		})
	}
}

func TestMediaWithoutFolder(t *testing.T) {
	p := newAuthPortal(t, server.Config{})
	req := httptest.NewRequest(http.MethodPost, "/media", bytes.NewReader(mediatest.JPEG(8, 8)))
	req.Header.Set("Content-Type", "image/jpeg")
	req.AddCookie(p.login())
	rec := httptest.NewRecorder()
	p.handler.ServeHTTP(rec, req)
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /media without a media folder: status %d, want 405", rec.Code)
	}
	rec = httptest.NewRecorder()
	p.handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/media/0123456789abcdef.jpg", nil))
	if rec.Code != http.StatusNotFound {
		t.Errorf("GET /media/… without a media folder: status %d, want 404", rec.Code)
	}
}

// An uploaded picture as a news item's cover and inline image: the public sees it with its
// alt text in the served script, and the body's image is the uploaded one.
func TestCoverAndInlineImage(t *testing.T) {
	p := newMediaPortal(t)
	up := p.upload(upload{body: mediatest.JPEG(1200, 800), contentType: "image/jpeg"})
	if up.status != http.StatusCreated {
		t.Fatalf("upload: %d %s", up.status, up.body)
	}
	send := func(q string, vars map[string]any, out any) {
		t.Helper()
		r, _, _ := p.send(call{query: q, vars: vars, cookies: []*http.Cookie{p.cookie}})
		if len(r.Errors) > 0 {
			t.Fatalf("%s: %s", q, r.body)
		}
		if out != nil {
			json.Unmarshal(r.Data, out)
		}
	}
	var created struct{ CreateNewsItem struct{ ID, Slug string } }
	send(`mutation($in: NewsInput!) { createNewsItem(input: $in) { id slug } }`, map[string]any{"in": map[string]any{
		"title": map[string]any{"sr": "Вест са сликом"},
		"body":  map[string]any{"sr": "Пре слике.\n\n![Мапа Србије](" + up.Image.URL + ")"},
		"cover": map[string]any{"name": up.Image.Name, "alt": map[string]any{"sr": "Мапа Србије"}},
	}}, &created)
	send(`mutation($id: ID!) { publish(id: $id, version: 1) { id } }`, map[string]any{"id": created.CreateNewsItem.ID}, nil)

	var got struct {
		NewsItem struct {
			BodyHTML string
			Cover    struct {
				URL, Alt      string
				Width, Height int
				Variants      []struct{ URL string }
			}
		}
	}
	send(`query($s: String!) { newsItem(slug: $s, locale: SR_LATN) { bodyHtml cover { url alt width height variants { url } } } }`,
		map[string]any{"s": created.CreateNewsItem.Slug}, &got)
	c := got.NewsItem.Cover
	if c.URL != up.Image.URL || c.Alt != "Mapa Srbije" || c.Width != 1200 || c.Height != 800 || len(c.Variants) != 2 {
		t.Errorf("cover: %+v", c)
	}
	if !strings.Contains(got.NewsItem.BodyHTML, `<img src="`+up.Image.URL+`" alt="Mapa Srbije"`) {
		t.Errorf("body: %s", got.NewsItem.BodyHTML)
	}
	if rec := p.get(http.MethodGet, c.Variants[0].URL, nil); rec.Code != http.StatusOK {
		t.Errorf("variant %s: %d", c.Variants[0].URL, rec.Code)
	}
}
