package media

import (
	"testing"

	"github.com/agency/portal/media/mediatest"
)

func TestJPEGOrientation(t *testing.T) {
	plain := mediatest.JPEG(8, 8)
	bigEndian := []byte{0xff, 0xd8, 0xff, 0xe1, 0, 30, 'E', 'x', 'i', 'f', 0, 0,
		'M', 'M', 0, 42, 0, 0, 0, 8, // TIFF header, IFD0 at 8
		0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 8, 0, 0, // Orientation SHORT 8
		0xff, 0xd9}
	tests := []struct {
		name string
		data []byte
		want int
	}{
		{"no exif", plain, 1},
		{"orientation 6, little-endian", mediatest.WithEXIF(plain, 6), 6},
		{"orientation 3", mediatest.WithEXIF(plain, 3), 3},
		{"orientation 8, big-endian", bigEndian, 8},
		{"out of range", mediatest.WithEXIF(plain, 9), 1},
		{"zero", mediatest.WithEXIF(plain, 0), 1},
		{"not a jpeg", mediatest.PNG(4, 4), 1},
		{"segment longer than the file", []byte{0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff, 'E', 'x', 'i', 'f', 0, 0}, 1},
		{"ifd offset past the end", []byte{0xff, 0xd8, 0xff, 0xe1, 0, 16, 'E', 'x', 'i', 'f', 0, 0, 'I', 'I', 42, 0, 0xff, 0xff, 0, 0}, 1},
		{"entry count past the end", []byte{0xff, 0xd8, 0xff, 0xe1, 0, 18, 'E', 'x', 'i', 'f', 0, 0, 'I', 'I', 42, 0, 8, 0, 0, 0, 0xff, 0xff}, 1},
		{"empty", nil, 1},
	}
	for _, tt := range tests {
		if got := jpegOrientation(tt.data); got != tt.want {
			t.Errorf("%s: jpegOrientation = %d, want %d", tt.name, got, tt.want)
		}
	}
}

// TestOrient turns a 3×2 picture every way EXIF knows and checks where its top-left
// pixel goes.
func TestOrient(t *testing.T) {
	tests := []struct {
		orientation  int
		wantW, wantH int
		topLeftTo    [2]int
	}{
		{1, 3, 2, [2]int{0, 0}},
		{2, 3, 2, [2]int{2, 0}},
		{3, 3, 2, [2]int{2, 1}},
		{4, 3, 2, [2]int{0, 1}},
		{5, 2, 3, [2]int{0, 0}},
		{6, 2, 3, [2]int{1, 0}},
		{7, 2, 3, [2]int{1, 2}},
		{8, 2, 3, [2]int{0, 2}},
	}
	for _, tt := range tests {
		src := mediatest.Picture(3, 2) // only (0,0) is red: the top-left quarter of 3×2
		img := orient(src, tt.orientation)
		b := img.Bounds()
		if b.Dx() != tt.wantW || b.Dy() != tt.wantH {
			t.Errorf("orientation %d: %d×%d, want %d×%d", tt.orientation, b.Dx(), b.Dy(), tt.wantW, tt.wantH)
			continue
		}
		for y := 0; y < b.Dy(); y++ {
			for x := 0; x < b.Dx(); x++ {
				red := img.At(x, y) == mediatest.Red
				if want := [2]int{x, y} == tt.topLeftTo; red != want {
					t.Errorf("orientation %d: pixel (%d,%d) red = %v, want %v", tt.orientation, x, y, red, want)
				}
			}
		}
	}
}
