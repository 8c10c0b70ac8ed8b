package media

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
	"time"

	"github.com/agency/portal/media/mediatest"
	"github.com/agency/portal/store"
)

func TestSniff(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"jpeg", mediatest.JPEG(4, 4), JPEG},
		{"png", mediatest.PNG(4, 4), PNG},
		{"gif", mediatest.GIF(4, 4, 1), GIF},
		{"webp", mediatest.PhotoWebP, WebP},
		{"html", []byte("<!doctype html><title>x</title>"), ""},
		{"svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), ""},
		{"bmp", mediatest.BMP(), ""},
		{"tiff", mediatest.TIFF(), ""},
		{"riff but not webp", []byte("RIFF\x00\x00\x00\x00WAVEfmt "), ""},
		{"empty", nil, ""},
	}
	for _, tt := range tests {
		if got := Sniff(tt.data); got != tt.want {
			t.Errorf("Sniff(%s) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestProcessFormats(t *testing.T) {
	tests := []struct {
		name         string
		data         []byte
		wantType     string
		wantW, wantH int
	}{
		{"jpeg stays jpeg", mediatest.JPEG(40, 30), JPEG, 40, 30},
		{"png stays png", mediatest.PNG(40, 30), PNG, 40, 30},
		{"gif becomes png", mediatest.GIF(40, 30, 1), PNG, 40, 30},
		{"animated gif: its first frame as png", mediatest.GIF(40, 30, 3), PNG, 40, 30},
		{"opaque webp becomes jpeg", mediatest.PhotoWebP, JPEG, 64, 48},
		{"webp with transparency becomes png", mediatest.AlphaWebP, PNG, 32, 32},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Process(tt.data)
			if err != nil {
				t.Fatalf("Process: %v", err)
			}
			if p.Type != tt.wantType || p.Width != tt.wantW || p.Height != tt.wantH {
				t.Errorf("got %s %d×%d, want %s %d×%d", p.Type, p.Width, p.Height, tt.wantType, tt.wantW, tt.wantH)
			}
			if got := Sniff(p.Data); got != p.Type {
				t.Errorf("the output sniffs as %q, its Type is %q", got, p.Type)
			}
			sum := sha256.Sum256(p.Data)
			if want := hex.EncodeToString(sum[:8]); p.Name != want {
				t.Errorf("Name = %q, want the SHA-256 prefix %q", p.Name, want)
			}
			if len(p.Variants) != 0 {
				t.Errorf("a %d px wide picture got %d variants, want none", p.Width, len(p.Variants))
			}
			again, err := Process(tt.data)
			if err != nil || again.Name != p.Name {
				t.Errorf("processing again gave name %q (%v), want %q: the output must be deterministic", again.Name, err, p.Name)
			}
		})
	}
}

// TestProcessPicture checks the pixels: the first frame of an animated GIF, the
// transparency of a WebP.
func TestProcessPicture(t *testing.T) {
	p, err := Process(mediatest.GIF(40, 30, 3))
	if err != nil {
		t.Fatal(err)
	}
	img := decode(t, p.Data)
	if c := img.At(5, 5); !near(c, mediatest.Red) {
		t.Errorf("animated GIF: pixel (5,5) is %v, want the first frame's red", c)
	}

	p, err = Process(mediatest.AlphaWebP)
	if err != nil {
		t.Fatal(err)
	}
	img = decode(t, p.Data)
	if _, _, _, a := img.At(2, 2).RGBA(); a != 0 {
		t.Errorf("WebP with alpha: pixel (2,2) has alpha %d, want transparent", a)
	}
	if _, _, _, a := img.At(30, 2).RGBA(); a != 0xffff {
		t.Errorf("WebP with alpha: pixel (30,2) has alpha %d, want opaque", a)
	}
}

func TestProcessScalesAndMakesVariants(t *testing.T) {
	tests := []struct {
		name         string
		data         []byte
		wantW, wantH int
		variants     [][2]int
	}{
		{"wider than the maximum", mediatest.PNG(2400, 1200), 2000, 1000, [][2]int{{480, 240}, {960, 480}}},
		{"between the variants", mediatest.JPEG(700, 350), 700, 350, [][2]int{{480, 240}}},
		{"exactly a variant's width", mediatest.JPEG(960, 480), 960, 480, [][2]int{{480, 240}}},
		{"narrower than every variant", mediatest.JPEG(480, 100), 480, 100, nil},
		{"tall and narrow", mediatest.JPEG(1000, 3000), 1000, 3000, [][2]int{{480, 1440}, {960, 2880}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Process(tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if p.Width != tt.wantW || p.Height != tt.wantH {
				t.Errorf("full size %d×%d, want %d×%d", p.Width, p.Height, tt.wantW, tt.wantH)
			}
			checkDecodes(t, "full size", p.Data, p.Width, p.Height)
			var got [][2]int
			for _, v := range p.Variants {
				got = append(got, [2]int{v.Width, v.Height})
				checkDecodes(t, "variant", v.Data, v.Width, v.Height)
			}
			if len(got) != len(tt.variants) || (len(got) > 0 && !equal(got, tt.variants)) {
				t.Errorf("variants %v, want %v", got, tt.variants)
			}
		})
	}
}

func TestProcessDropsEXIFAndAppliesOrientation(t *testing.T) {
	tests := []struct {
		orientation  uint16
		wantW, wantH int
		redAt        image.Point // where the stored top-left quarter ends up, in quarters
	}{
		{1, 80, 40, image.Pt(0, 0)},
		{3, 80, 40, image.Pt(1, 1)},
		{6, 40, 80, image.Pt(1, 0)}, // turned clockwise: top-left goes to top-right
		{8, 40, 80, image.Pt(0, 1)}, // anticlockwise: top-left goes to bottom-left
	}
	for _, tt := range tests {
		in := mediatest.WithEXIF(mediatest.JPEG(80, 40), tt.orientation)
		if !bytes.Contains(in, []byte(mediatest.Secret)) || !bytes.Contains(in, mediatest.GPSLatitude) {
			t.Fatal("the test's input has no EXIF to drop")
		}
		p, err := Process(in)
		if err != nil {
			t.Fatalf("orientation %d: %v", tt.orientation, err)
		}
		if p.Width != tt.wantW || p.Height != tt.wantH {
			t.Errorf("orientation %d: %d×%d, want %d×%d", tt.orientation, p.Width, p.Height, tt.wantW, tt.wantH)
		}
		for _, leak := range [][]byte{[]byte("Exif"), []byte(mediatest.Secret), mediatest.GPSLatitude} {
			if bytes.Contains(p.Data, leak) {
				t.Errorf("orientation %d: the output still contains %q", tt.orientation, leak)
			}
		}
		if hasSegment(p.Data, 0xe1) {
			t.Errorf("orientation %d: the output has an APP1 segment", tt.orientation)
		}
		img := decode(t, p.Data)
		for qx := 0; qx < 2; qx++ {
			for qy := 0; qy < 2; qy++ {
				c := img.At(qx*p.Width/2+p.Width/4, qy*p.Height/2+p.Height/4)
				want := color.Color(mediatest.Blue)
				if image.Pt(qx, qy) == tt.redAt {
					want = mediatest.Red
				}
				if !near(c, want) {
					t.Errorf("orientation %d: quarter (%d,%d) is %v, want %v", tt.orientation, qx, qy, c, want)
				}
			}
		}
	}
}

func TestProcessLargeRotatedPhoto(t *testing.T) {
	// A portrait photo stored landscape (3000×2400, orientation 6) is 2400 wide as shown:
	// it is scaled to 2000×2500, not to 2000×1600.
	p, err := Process(mediatest.WithEXIF(mediatest.JPEG(3000, 2400), 6))
	if err != nil {
		t.Fatal(err)
	}
	if p.Width != 2000 || p.Height != 2500 {
		t.Errorf("got %d×%d, want 2000×2500", p.Width, p.Height)
	}
}

func TestProcessRefuses(t *testing.T) {
	jpg, pngData := mediatest.JPEG(64, 64), mediatest.PNG(64, 64)
	gifData := mediatest.GIF(64, 64, 1)
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrUnsupported},
		{"html", []byte("<!doctype html><script>alert(1)</script>"), ErrUnsupported},
		{"svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), ErrUnsupported},
		{"bmp", mediatest.BMP(), ErrUnsupported},
		{"tiff", mediatest.TIFF(), ErrUnsupported},
		{"truncated jpeg", jpg[:len(jpg)/2], ErrCorrupt},
		{"jpeg without its end marker", jpg[:len(jpg)-2], ErrCorrupt},
		{"jpeg header only", jpg[:20], ErrCorrupt},
		{"truncated png", pngData[:len(pngData)-20], ErrCorrupt},
		{"truncated gif", gifData[:len(gifData)/2], ErrCorrupt},
		{"truncated webp", mediatest.PhotoWebP[:len(mediatest.PhotoWebP)/2], ErrCorrupt},
		{"png claiming 50000×50000", mediatest.PNGHeader(50000, 50000), ErrTooBig},
		{"png claiming 10001×1", mediatest.PNGHeader(10001, 1), ErrTooBig},
		{"png claiming 7000×7000 (49 megapixels)", mediatest.PNGHeader(7000, 7000), ErrTooBig},
		{"png claiming 0×10", mediatest.PNGHeader(0, 10), ErrCorrupt},
		{"gif claiming 65535×65535", gifScreen(gifData, 65535, 65535), ErrTooBig},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := Process(tt.data)
			if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Fatalf("got error %v, want %v", err, tt.want)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %v: the size must be refused before decoding", d)
			}
		})
	}
}

func TestCheckSize(t *testing.T) {
	tests := []struct {
		w, h int
		want error
	}{
		{1, 1, nil},
		{10_000, 4_000, nil},
		{4_000, 10_000, nil},
		{10_001, 10, ErrTooBig},
		{10, 10_001, ErrTooBig},
		{8_000, 5_001, ErrTooBig},
		{0, 5, ErrCorrupt},
	}
	for _, tt := range tests {
		if err := checkSize(tt.w, tt.h); !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
			t.Errorf("checkSize(%d, %d) = %v, want %v", tt.w, tt.h, err, tt.want)
		}
	}
}

func TestProcessedImageFile(t *testing.T) {
	p, err := Process(mediatest.JPEG(1200, 600))
	if err != nil {
		t.Fatal(err)
	}
	f := p.ImageFile()
	want := &store.ImageFile{Name: p.Name, Type: JPEG, Width: 1200, Height: 600, Bytes: int64(len(p.Data))}
	if f.Name != want.Name || f.Type != want.Type || f.Width != want.Width || f.Height != want.Height || f.Bytes != want.Bytes {
		t.Errorf("ImageFile = %+v, want %+v", f, want)
	}
	if len(f.Variants) != 2 || f.Variants[0].File != p.Name+"-480.jpg" || f.Variants[1].File != p.Name+"-960.jpg" {
		t.Errorf("variants %+v, want %s-480.jpg and %s-960.jpg", f.Variants, p.Name, p.Name)
	}
	if f.URL() != "/media/"+p.Name+".jpg" {
		t.Errorf("URL %q", f.URL())
	}
}

// gifScreen is a GIF with its logical screen size replaced.
func gifScreen(data []byte, w, h uint16) []byte {
	out := append([]byte{}, data...)
	out[6], out[7], out[8], out[9] = byte(w), byte(w>>8), byte(h), byte(h>>8)
	return out
}

// hasSegment tells whether a JPEG has a segment with this marker before its image data.
func hasSegment(data []byte, marker byte) bool {
	for i := 2; i+4 <= len(data) && data[i] == 0xff; {
		m := data[i+1]
		if m == 0xda {
			return false
		}
		if m == marker {
			return true
		}
		i += 2 + int(data[i+2])<<8 + int(data[i+3])
	}
	return false
}

func decode(t *testing.T, data []byte) image.Image {
	t.Helper()
	var img image.Image
	var err error
	if Sniff(data) == PNG {
		img, err = png.Decode(bytes.NewReader(data))
	} else {
		img, err = jpeg.Decode(bytes.NewReader(data))
	}
	if err != nil {
		t.Fatalf("the output does not decode: %v", err)
	}
	return img
}

func checkDecodes(t *testing.T, what string, data []byte, w, h int) {
	t.Helper()
	b := decode(t, data).Bounds()
	if b.Dx() != w || b.Dy() != h {
		t.Errorf("%s decodes as %d×%d, want %d×%d", what, b.Dx(), b.Dy(), w, h)
	}
}

// near tells whether two colours are alike, allowing for JPEG's losses.
func near(a, b color.Color) bool {
	r1, g1, b1, _ := a.RGBA()
	r2, g2, b2, _ := b.RGBA()
	d := func(x, y uint32) bool { return x>>8 < y>>8+40 && y>>8 < x>>8+40 }
	return d(r1, r2) && d(g1, g2) && d(b1, b2)
}

func equal(a, b [][2]int) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
