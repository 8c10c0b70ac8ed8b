// Package media turns uploaded pictures into the files the portal serves, and keeps those
// files in a folder.
//
// Process is pure: it takes the uploaded bytes and returns re-encoded files or a reason to
// refuse them. It trusts nothing declared: the type is sniffed from the bytes (JPEG, PNG,
// WebP or GIF), the dimensions are checked before anything is decoded (decompression
// bombs), and the whole image must decode (a truncated or corrupt file is refused).
// Re-encoding keeps the pixels only, so EXIF (GPS positions included), XMP, ICC profiles
// and comments are gone; a JPEG's EXIF orientation is applied to the pixels first.
//
// What comes out:
//
//	JPEG                  → JPEG (quality 82)
//	PNG                   → PNG
//	WebP without alpha    → JPEG; WebP with transparent pixels → PNG (JPEG has no alpha)
//	GIF                   → PNG of its first frame
//
// GIFs keep their first frame only: a picture that moves by itself fails WCAG 2.2.2
// (pause, stop, hide), which the site keeps, and decoding every frame of an animation
// would let a small file claim gigabytes of memory.
//
// The full-size picture is at most store.MaxImageWidth wide; narrower copies (variants)
// are made at VariantWidths when the picture is wider than them. Library saves the result
// in the media folder, under names derived from the content.
package media

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"

	"golang.org/x/image/webp"

	"github.com/agency/portal/media/mediafile"
	"github.com/agency/portal/store"
)

// The media types an upload may have.
const (
	JPEG = "image/jpeg"
	PNG  = "image/png"
	WebP = "image/webp"
	GIF  = "image/gif"
)

// UploadTypes are the types Process accepts.
var UploadTypes = []string{JPEG, PNG, WebP, GIF}

// Limits of what Process accepts and makes.
const (
	MaxSide     = 10_000     // pixels, either side
	MaxPixels   = 40_000_000 // width × height
	JPEGQuality = 82
)

// VariantWidths are the widths of the smaller copies, narrowest first. A picture gets
// those narrower than itself.
var VariantWidths = []int{480, 960}

// The reasons Process refuses an upload. Their messages are written for the editor who
// sent it; the errors Process returns wrap one of them (test with errors.Is), and any
// other error is the server's own.
var (
	ErrUnsupported = errors.New("the file is not a JPEG, PNG, WebP or GIF image")
	ErrCorrupt     = errors.New("the image could not be read: it is truncated, corrupt, or of a kind not supported (such as an animated WebP)")
	ErrTooBig      = fmt.Errorf("the image is too big: at most %d pixels a side and %d megapixels", MaxSide, MaxPixels/1_000_000)
)

// Processed is an upload re-encoded, ready to be saved.
type Processed struct {
	Name     string // the first 16 hex digits of the SHA-256 of Data
	Type     string // JPEG or PNG
	Width    int
	Height   int
	Data     []byte // the full-size file
	Variants []Variant
}

// Variant is a smaller copy of a processed image.
type Variant struct {
	Width  int
	Height int
	Data   []byte
}

// codec decodes one of the accepted formats.
type codec struct {
	config func(io.Reader) (image.Config, error)
	decode func(io.Reader) (image.Image, error)
}

// codecs are the decoders of the accepted types. They are called by the sniffed type,
// never through image.Decode, so no other registered format can slip in.
var codecs = map[string]codec{
	JPEG: {jpeg.DecodeConfig, jpeg.Decode},
	PNG:  {png.DecodeConfig, png.Decode},
	WebP: {webp.DecodeConfig, webp.Decode},
	GIF:  {gif.DecodeConfig, gif.Decode}, // gif.Decode reads the first frame only
}

// Sniff is the type of an image from its first bytes: JPEG, PNG, WebP, GIF, or "" for
// anything else.
func Sniff(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return JPEG
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return PNG
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return GIF
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return WebP
	}
	return ""
}

// Process checks an uploaded image and re-encodes it: oriented, at most
// store.MaxImageWidth wide, without metadata, with its variants. It refuses (with an error
// wrapping ErrUnsupported, ErrCorrupt or ErrTooBig) anything but a whole JPEG, PNG, WebP
// or GIF of a sensible size.
func Process(data []byte) (*Processed, error) {
	kind := Sniff(data)
	c, ok := codecs[kind]
	if !ok {
		return nil, ErrUnsupported
	}
	cfg, err := c.config(bytes.NewReader(data))
	if err != nil {
		return nil, ErrCorrupt
	}
	if err := checkSize(cfg.Width, cfg.Height); err != nil {
		return nil, err
	}
	img, err := c.decode(bytes.NewReader(data))
	if err != nil {
		return nil, ErrCorrupt
	}
	orientation := 1
	if kind == JPEG {
		orientation = jpegOrientation(data)
	}
	return encodeAll(img, outputType(kind, img), orientation)
}

// checkSize refuses dimensions that are empty or would take too much memory to decode.
func checkSize(width, height int) error {
	if width <= 0 || height <= 0 {
		return ErrCorrupt
	}
	if width > MaxSide || height > MaxSide || width*height > MaxPixels {
		return fmt.Errorf("%w (this one is %d×%d)", ErrTooBig, width, height)
	}
	return nil
}

// outputType is the type an upload is stored as: JPEG for photographs (JPEG, opaque
// WebP), PNG for the rest.
func outputType(kind string, img image.Image) string {
	switch {
	case kind == JPEG:
		return JPEG
	case kind == WebP && isOpaque(img):
		return JPEG
	}
	return PNG
}

// isOpaque tells whether every pixel of an image is opaque.
func isOpaque(img image.Image) bool {
	if o, ok := img.(interface{ Opaque() bool }); ok {
		return o.Opaque()
	}
	return false
}

// encodeAll makes the full-size file and the variants.
func encodeAll(img image.Image, mediaType string, orientation int) (*Processed, error) {
	full := fullSize(img, orientation)
	data, err := encode(full, mediaType)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	b := full.Bounds()
	p := &Processed{
		Name: hex.EncodeToString(sum[:8]), Type: mediaType,
		Width: b.Dx(), Height: b.Dy(), Data: data,
	}
	for _, w := range VariantWidths {
		if w >= p.Width {
			break
		}
		small := scale(full, w, scaledHeight(p.Width, p.Height, w))
		data, err := encode(small, mediaType)
		if err != nil {
			return nil, err
		}
		p.Variants = append(p.Variants, Variant{Width: w, Height: small.Bounds().Dy(), Data: data})
	}
	return p, nil
}

// fullSize is the picture as it is shown (oriented), at most store.MaxImageWidth wide.
// It scales before it rotates, so the rotation moves the fewest pixels.
func fullSize(img image.Image, orientation int) image.Image {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if swapsSides(orientation) {
		w, h = h, w // as shown
	}
	if w > store.MaxImageWidth {
		w, h = store.MaxImageWidth, scaledHeight(w, h, store.MaxImageWidth)
		if swapsSides(orientation) {
			img = scale(img, h, w)
		} else {
			img = scale(img, w, h)
		}
	}
	return orient(img, orientation)
}

// scaledHeight is the height of a width × height picture scaled to newWidth.
func scaledHeight(width, height, newWidth int) int {
	return max(1, (height*newWidth+width/2)/width)
}

// encode writes an image as JPEG or PNG, with nothing but its pixels.
func encode(img image.Image, mediaType string) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	if mediaType == JPEG {
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: JPEGQuality})
	} else {
		err = png.Encode(&buf, img)
	}
	if err != nil {
		return nil, fmt.Errorf("media: encode %s: %w", mediaType, err)
	}
	return buf.Bytes(), nil
}

// ImageFile describes a processed image as the store keeps it, its variants named after
// it (name-480.jpg).
func (p *Processed) ImageFile() *store.ImageFile {
	f := &store.ImageFile{
		Name: p.Name, Type: p.Type, Width: p.Width, Height: p.Height,
		Bytes: int64(len(p.Data)), Variants: []store.ImageVariant{},
	}
	for _, v := range p.Variants {
		f.Variants = append(f.Variants, store.ImageVariant{
			Width: v.Width, Height: v.Height, File: mediafile.VariantFile(p.Name, v.Width, p.Type),
		})
	}
	return f
}
