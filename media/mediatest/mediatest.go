// Package mediatest makes pictures for the tests of uploads: small images in every
// accepted format, a JPEG with EXIF orientation and GPS data, and headers that lie about
// their size.
package mediatest

import (
	"bytes"
	_ "embed"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
)

// WebP pictures (Go cannot encode WebP; see webp.md).
var (
	//go:embed photo.webp
	PhotoWebP []byte // lossy, 64×48, opaque
	//go:embed alpha.webp
	AlphaWebP []byte // lossless, 32×32, its left half transparent
)

// The colours of Picture: the top-left quarter is Red, the rest Blue.
var (
	Red  = color.RGBA{230, 20, 20, 255}
	Blue = color.RGBA{20, 20, 230, 255}
)

// Picture is a w × h image whose top-left quarter is Red and the rest Blue, so that a test
// can tell which way up it is.
func Picture(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := Blue
			if x < w/2 && y < h/2 {
				c = Red
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

// JPEG is Picture(w, h) as a JPEG.
func JPEG(w, h int) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, Picture(w, h), &jpeg.Options{Quality: 90}); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// PNG is Picture(w, h) as a PNG.
func PNG(w, h int) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, Picture(w, h)); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// GIF is an animated w × h GIF of frames frames: the first is Picture's pattern, the
// others plain Blue.
func GIF(w, h, frames int) []byte {
	pal := color.Palette{Red, Blue}
	anim := &gif.GIF{}
	for i := 0; i < frames; i++ {
		frame := image.NewPaletted(image.Rect(0, 0, w, h), pal)
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				if i > 0 || x >= w/2 || y >= h/2 {
					frame.SetColorIndex(x, y, 1)
				}
			}
		}
		anim.Image = append(anim.Image, frame)
		anim.Delay = append(anim.Delay, 50)
	}
	var buf bytes.Buffer
	if err := gif.EncodeAll(&buf, anim); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// Secret is text in WithEXIF's metadata (its ImageDescription) that must not survive an
// upload.
const Secret = "SECRET-PLACE"

// GPSLatitude is WithEXIF's GPS latitude as it is stored (three little-endian rationals:
// 44/1, 49/1, 1234/100; Belgrade), to look for in the output.
var GPSLatitude = []byte{44, 0, 0, 0, 1, 0, 0, 0, 49, 0, 0, 0, 1, 0, 0, 0, 0xd2, 0x04, 0, 0, 100, 0, 0, 0}

// WithEXIF is a JPEG with an EXIF segment added after its SOI: in IFD0 an
// ImageDescription (Secret), an Orientation and a pointer to a GPS IFD holding a latitude
// (GPSLatitude), as a phone writes them.
func WithEXIF(jpegData []byte, orientation uint16) []byte {
	le := binary.LittleEndian
	const (
		ifd0    = 8
		desc    = ifd0 + 2 + 3*12 + 4 // after IFD0's three entries and next-IFD offset
		gpsIFD  = desc + 14           // "SECRET-PLACE\0" and a byte of padding
		gpsData = gpsIFD + 2 + 2*12 + 4
	)
	tiff := []byte{'I', 'I', 42, 0}
	tiff = le.AppendUint32(tiff, ifd0)
	entry := func(tag, typ uint16, count, value uint32) {
		tiff = le.AppendUint16(tiff, tag)
		tiff = le.AppendUint16(tiff, typ)
		tiff = le.AppendUint32(tiff, count)
		tiff = le.AppendUint32(tiff, value)
	}
	tiff = le.AppendUint16(tiff, 3)
	entry(0x010e, 2, uint32(len(Secret)+1), desc) // ImageDescription, ASCII
	entry(0x0112, 3, 1, uint32(orientation))      // Orientation, SHORT (in the low bytes)
	entry(0x8825, 4, 1, gpsIFD)                   // GPS IFD pointer, LONG
	tiff = le.AppendUint32(tiff, 0)               // no next IFD
	tiff = append(tiff, Secret+"\x00\x00"...)
	tiff = le.AppendUint16(tiff, 2)
	entry(0x0001, 2, 2, 'N')        // GPSLatitudeRef "N"
	entry(0x0002, 5, 3, gpsData)    // GPSLatitude, 3 RATIONALs
	tiff = le.AppendUint32(tiff, 0) // no next IFD
	tiff = append(tiff, GPSLatitude...)

	payload := append([]byte("Exif\x00\x00"), tiff...)
	segment := []byte{0xff, 0xe1}
	segment = binary.BigEndian.AppendUint16(segment, uint16(2+len(payload)))
	segment = append(segment, payload...)

	out := append([]byte{}, jpegData[:2]...)
	out = append(out, segment...)
	return append(out, jpegData[2:]...)
}

// PNGHeader is the start of a PNG whose header claims w × h pixels (a valid signature and
// IHDR chunk, CRC included), followed by nothing: a decompression bomb's first bytes.
func PNGHeader(w, h uint32) []byte {
	ihdr := []byte("IHDR")
	ihdr = binary.BigEndian.AppendUint32(ihdr, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 6, 0, 0, 0) // 8-bit RGBA, deflate, no filter method, no interlace
	out := []byte("\x89PNG\r\n\x1a\n")
	out = binary.BigEndian.AppendUint32(out, 13)
	out = append(out, ihdr...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(ihdr))
}

// BMP is a 1 × 1 BMP file (a format that is not accepted).
func BMP() []byte {
	le := binary.LittleEndian
	out := []byte("BM")
	out = le.AppendUint32(out, 58)             // file size
	out = le.AppendUint32(out, 0)              // reserved
	out = le.AppendUint32(out, 54)             // pixel data offset
	out = le.AppendUint32(out, 40)             // BITMAPINFOHEADER
	out = le.AppendUint32(out, 1)              // width
	out = le.AppendUint32(out, 1)              // height
	out = le.AppendUint16(out, 1)              // planes
	out = le.AppendUint16(out, 24)             // bits per pixel
	out = append(out, make([]byte, 24)...)     // no compression, sizes, resolution, colours
	return append(out, 0x20, 0x20, 0xe6, 0x00) // one pixel, padded to 4 bytes
}

// TIFF is the start of a little-endian TIFF file (a format that is not accepted).
func TIFF() []byte { return []byte{'I', 'I', 42, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0} }
