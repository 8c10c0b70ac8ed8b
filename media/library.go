package media

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/agency/portal/media/mediafile"
	"github.com/agency/portal/store"
)

// Library is the media folder: the files of processed images, named after their content
// (3f9ac2e1b07d4a55.jpg, 3f9ac2e1b07d4a55-480.jpg). A file never changes once written.
type Library struct {
	dir    string
	writes *store.WriteWatch // storage trouble of its writes, for /healthz
}

// NewLibrary is the library in a folder, which must exist.
func NewLibrary(dir string) *Library {
	return &Library{dir: dir, writes: &store.WriteWatch{Name: "media folder"}}
}

// Dir is the media folder.
func (l *Library) Dir() string { return l.dir }

// WriteTrouble is the storage trouble the folder's writes are in (a full or failing
// disk), or nil while they succeed.
func (l *Library) WriteTrouble() *store.Trouble { return l.writes.Trouble() }

// fileTypes are the media types of the library's file extensions.
var fileTypes = map[string]string{".jpg": JPEG, ".png": PNG, ".gif": GIF}

// Save writes a processed image's files (its variants first, the full size last) and
// describes them. Each is written to a temporary file in the folder and renamed into
// place, so a file is either whole or absent; a file already there is left as it is (its
// name says its content), so saving the same image twice is harmless. When the disk is
// full or failing the error is one store.StorageTrouble names; a variant already written
// stays (it is whole, and a retry uses it).
func (l *Library) Save(p *Processed) (*store.ImageFile, error) {
	f := p.ImageFile()
	for i, v := range p.Variants {
		if err := l.write(f.Variants[i].File, v.Data); err != nil {
			return nil, err
		}
	}
	if err := l.write(f.File(), p.Data); err != nil {
		return nil, err
	}
	return f, nil
}

// write puts data in the folder under name, atomically, readable by all (0644).
func (l *Library) write(name string, data []byte) error {
	path := filepath.Join(l.dir, name)
	if _, err := os.Stat(path); err == nil {
		return nil
	}
	tmp, err := os.CreateTemp(l.dir, ".upload-*")
	if err != nil {
		l.writes.Failed(err)
		return fmt.Errorf("media: save %s: %w", name, err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		l.writes.Failed(err)
		return fmt.Errorf("media: save %s: %w", name, err)
	}
	l.writes.Succeeded()
	return nil
}

// Open opens a file of the library by its name, such as 3f9ac2e1b07d4a55-480.jpg, and
// says its media type. A name of any other shape, or an unknown one, is fs.ErrNotExist.
func (l *Library) Open(name string) (*os.File, string, error) {
	mediaType, ok := FileType(name)
	if !ok {
		return nil, "", fs.ErrNotExist
	}
	f, err := os.Open(filepath.Join(l.dir, name))
	if err != nil {
		return nil, "", err
	}
	st, err := f.Stat()
	if err == nil && !st.Mode().IsRegular() {
		err = fs.ErrNotExist // a folder of that name, say
	}
	if err != nil {
		f.Close()
		return nil, "", err
	}
	return f, mediaType, nil
}

// FileType is the media type of a library file name, and whether the name has the shape
// of one (16 hex digits, an optional -width, .jpg, .png or .gif).
func FileType(name string) (string, bool) {
	// Names of other shapes (paths, dot files, its own temporary files) are never opened.
	if _, ok := mediafile.NameOfFile(name); !ok {
		return "", false
	}
	return fileTypes[filepath.Ext(name)], true
}
