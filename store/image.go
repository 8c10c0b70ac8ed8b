package store

import "github.com/agency/portal/media/mediafile"

// ImageFile is an uploaded picture as the media library stored it: re-encoded (no EXIF or
// other metadata), at most MaxImageWidth wide, with smaller variants for small screens.
// Files never change once written (the name is derived from the content), so an item can
// keep a copy of this description (a cover does) and the files can be cached for ever.
type ImageFile struct {
	Name     string         `json:"name"`     // 16 lower-case hex digits, such as 3f9ac2e1b07d4a55
	Type     string         `json:"type"`     // image/jpeg, image/png or image/gif
	Width    int            `json:"width"`    // pixels
	Height   int            `json:"height"`   // pixels
	Bytes    int64          `json:"bytes"`    // size of the full-size file
	Variants []ImageVariant `json:"variants"` // narrowest first; may be empty for small pictures
}

// ImageVariant is a smaller copy of an image.
type ImageVariant struct {
	Width  int    `json:"width"`
	Height int    `json:"height"`
	File   string `json:"file"` // file name in the media folder, such as 3f9ac2e1b07d4a55-480.jpg
}

// MaxImageWidth is the widest an image is stored; larger uploads are scaled down.
const MaxImageWidth = 2000

// ImageExt is the file extension of an image type, with its dot.
func ImageExt(mediaType string) string { return mediafile.Ext(mediaType) }

// File is the name of the full-size file in the media folder.
func (f *ImageFile) File() string { return mediafile.File(f.Name, f.Type) }

// URL is where the full-size picture is served.
func (f *ImageFile) URL() string { return mediafile.URL(f.File()) }

// URL is where the variant is served.
func (v ImageVariant) URL() string { return mediafile.URL(v.File) }

// Image is a picture as an item shows it: the uploaded file and what it shows, in the
// served locale.
type Image struct {
	*ImageFile
	Alt string
}

func cover(f *ImageFile, alt string) *Image {
	if f == nil {
		return nil
	}
	return &Image{ImageFile: f, Alt: alt}
}
