package media

import (
	"errors"
	"testing"

	"github.com/agency/portal/media/mediatest"
	"github.com/agency/portal/store"
)

// FuzzProcess feeds Process arbitrary bytes: it must never panic, refuse with one of its
// three reasons or succeed, and what it makes must be a clean picture within the limits.
func FuzzProcess(f *testing.F) {
	f.Add(mediatest.JPEG(16, 8))
	f.Add(mediatest.WithEXIF(mediatest.JPEG(8, 16), 6))
	f.Add(mediatest.PNG(16, 8))
	f.Add(mediatest.GIF(8, 8, 2))
	f.Add(mediatest.PhotoWebP)
	f.Add(mediatest.AlphaWebP)
	f.Add(mediatest.PNGHeader(20000, 20000))
	f.Add([]byte("<svg/>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if o := jpegOrientation(data); o < 1 || o > 8 {
			t.Fatalf("jpegOrientation = %d", o)
		}
		p, err := Process(data)
		if err != nil {
			if !errors.Is(err, ErrUnsupported) && !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrTooBig) {
				t.Fatalf("an error that is not a refusal: %v", err)
			}
			return
		}
		if Sniff(p.Data) != p.Type || (p.Type != JPEG && p.Type != PNG) {
			t.Fatalf("the output sniffs as %q, its Type is %q", Sniff(p.Data), p.Type)
		}
		if p.Width < 1 || p.Width > store.MaxImageWidth || p.Height < 1 || len(p.Name) != 16 {
			t.Fatalf("got %s %d×%d", p.Name, p.Width, p.Height)
		}
		if p.Type == JPEG && hasSegment(p.Data, 0xe1) {
			t.Fatal("the output has an APP1 (EXIF or XMP) segment")
		}
		if again, err := Process(p.Data); err != nil || again.Width != p.Width || again.Height != p.Height {
			t.Fatalf("the output does not process again as %d×%d: %v", p.Width, p.Height, err)
		}
	})
}
