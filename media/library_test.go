package media

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/agency/portal/media/mediafile"
	"github.com/agency/portal/media/mediatest"
	"github.com/agency/portal/richtext"
)

func TestLibrarySaveAndOpen(t *testing.T) {
	dir := t.TempDir()
	lib := NewLibrary(dir)
	p, err := Process(mediatest.JPEG(1000, 500))
	if err != nil {
		t.Fatal(err)
	}
	f, err := lib.Save(p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lib.Save(p); err != nil {
		t.Fatalf("saving the same image again: %v", err)
	}
	names := []string{f.File(), f.Variants[0].File, f.Variants[1].File}
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(names) {
		t.Errorf("the folder holds %d files, want %d (no temporary file left)", len(entries), len(names))
	}
	for i, name := range names {
		st, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v, want 0644", name, st.Mode().Perm())
		}
		file, typ, err := lib.Open(name)
		if err != nil {
			t.Fatalf("Open(%s): %v", name, err)
		}
		got, _ := io.ReadAll(file)
		file.Close()
		want := p.Data
		if i > 0 {
			want = p.Variants[i-1].Data
		}
		if typ != JPEG || !bytes.Equal(got, want) {
			t.Errorf("Open(%s): type %s, %d bytes; want %s, %d bytes", name, typ, len(got), JPEG, len(want))
		}
	}
}

func TestLibraryOpenRefusesOtherNames(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ".upload-123"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, "secret.txt"), []byte("x"), 0o644)
	os.Mkdir(filepath.Join(dir, "0123456789abcdef.jpg"), 0o755)
	lib := NewLibrary(dir)
	for _, name := range []string{
		"", ".", "..", "../portal.db", "..%2fportal.db", ".upload-123", "secret.txt",
		"0123456789ABCDEF.jpg", "0123456789abcdef.jpeg", "0123456789abcdef.svg", "0123456789abcde.jpg",
		"0123456789abcdef-0.jpg", "0123456789abcdef.jpg/", "/etc/passwd", "0123456789abcdef.jpg\x00",
		"0123456789abcdef.jpg", // a folder of that name
		"fedcba9876543210.png", // the right shape, but no such file
	} {
		if f, _, err := lib.Open(name); !errors.Is(err, fs.ErrNotExist) {
			if f != nil {
				f.Close()
			}
			t.Errorf("Open(%q): error %v, want fs.ErrNotExist", name, err)
		}
	}
}

func TestFileType(t *testing.T) {
	tests := []struct {
		name string
		want string
		ok   bool
	}{
		{"3f9ac2e1b07d4a55.jpg", JPEG, true},
		{"3f9ac2e1b07d4a55-480.png", PNG, true},
		{"3f9ac2e1b07d4a55-960.gif", GIF, true},
		{"3f9ac2e1b07d4a55.webp", "", false},
		{"3f9ac2e1b07d4a55-.jpg", "", false},
		{"x3f9ac2e1b07d4a55.jpg", "", false},
	}
	for _, tt := range tests {
		if got, ok := FileType(tt.name); got != tt.want || ok != tt.ok {
			t.Errorf("FileType(%q) = %q, %v; want %q, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

// The one file-name rule (media/mediafile) accepts every file the uploader writes, in
// every format and size, at its URL as well: the library serves it, the Markdown renderer
// keeps an image at that URL, and the store takes its name for a cover.
func TestNameRuleAcceptsWhatTheUploaderWrites(t *testing.T) {
	tests := []struct {
		name string
		data []byte
	}{
		{"a wide JPEG", mediatest.JPEG(2400, 1200)},
		{"a wide PNG", mediatest.PNG(2100, 700)},
		{"a GIF", mediatest.GIF(1000, 500, 2)},
		{"a small JPEG", mediatest.JPEG(300, 200)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			p, err := Process(tt.data)
			if err != nil {
				t.Fatal(err)
			}
			f, err := NewLibrary(dir).Save(p)
			if err != nil {
				t.Fatal(err)
			}
			if !mediafile.IsName(f.Name) {
				t.Errorf("the image's name %q is refused", f.Name)
			}
			urls := []string{f.URL()}
			for _, v := range f.Variants {
				urls = append(urls, v.URL())
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != len(urls) {
				t.Errorf("%d files written, want %d", len(entries), len(urls))
			}
			for _, e := range entries {
				if got, ok := mediafile.NameOfFile(e.Name()); !ok || got != f.Name {
					t.Errorf("the written file %s: NameOfFile = %q, %v; want %q", e.Name(), got, ok, f.Name)
				}
				if _, ok := FileType(e.Name()); !ok {
					t.Errorf("the written file %s has no file type", e.Name())
				}
			}
			for _, url := range urls {
				if got, ok := mediafile.NameOfURL(url); !ok || got != f.Name {
					t.Errorf("NameOfURL(%s) = %q, %v; want %q", url, got, ok, f.Name)
				}
				if html := richtext.HTML("![a picture](" + url + ")"); !strings.Contains(html, `src="`+url+`"`) {
					t.Errorf("the renderer drops the image at %s: %s", url, html)
				}
			}
		})
	}
}
