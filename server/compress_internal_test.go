package server

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// An answer something already encoded is passed on as it is, never encoded twice.
func TestCompressNeverTwice(t *testing.T) {
	var pre bytes.Buffer
	zw := gzip.NewWriter(&pre)
	zw.Write([]byte(strings.Repeat("already encoded ", 200)))
	zw.Close()
	h := compress(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(pre.Bytes())
	}))
	for _, enc := range []string{"gzip", "br"} {
		req := httptest.NewRequest(http.MethodGet, "/graphql", nil)
		req.Header.Set("Accept-Encoding", enc)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if got := rec.Header().Values("Content-Encoding"); len(got) != 1 || got[0] != "gzip" {
			t.Errorf("Accept-Encoding %s: Content-Encoding %q, want just the handler's gzip", enc, got)
		}
		if !bytes.Equal(rec.Body.Bytes(), pre.Bytes()) {
			t.Errorf("Accept-Encoding %s: %d bytes sent, want the handler's %d unchanged", enc, rec.Body.Len(), pre.Len())
		}
	}
}

// A handler that flushes has its bytes reach the client at the flush, compressed when
// already large enough and plain when not, and the whole stream still decodes.
func TestCompressStreams(t *testing.T) {
	first := strings.Repeat("a", 2000)
	tests := []struct {
		name, first, want string
	}{
		{name: "large before the flush", first: first, want: "gzip"},
		{name: "small before the flush", first: "tiny", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			seen := make(chan string, 1)
			release := make(chan struct{})
			h := compress(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				io.WriteString(w, tt.first)
				http.NewResponseController(w).Flush()
				<-release
				io.WriteString(w, strings.Repeat("b", 3000))
			}))
			srv := httptest.NewServer(h)
			defer srv.Close()
			req, _ := http.NewRequest(http.MethodGet, srv.URL, nil)
			req.Header.Set("Accept-Encoding", "gzip")
			resp, err := srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			if got := resp.Header.Get("Content-Encoding"); got != tt.want {
				t.Fatalf("Content-Encoding %q, want %q", got, tt.want)
			}
			var body io.Reader = resp.Body
			if tt.want == "gzip" {
				zr, err := gzip.NewReader(resp.Body)
				if err != nil {
					t.Fatal(err)
				}
				body = zr
			}
			go func() {
				b := make([]byte, len(tt.first))
				_, err := io.ReadFull(body, b)
				if err != nil {
					seen <- "error: " + err.Error()
					return
				}
				seen <- string(b)
			}()
			if got := <-seen; got != tt.first {
				t.Fatalf("before the handler went on, read %.40q, want the %d flushed bytes", got, len(tt.first))
			}
			close(release)
			rest, err := io.ReadAll(body)
			if err != nil || string(rest) != strings.Repeat("b", 3000) {
				t.Errorf("the rest: %d bytes, %v; want 3000 b's", len(rest), err)
			}
		})
	}
}
