package media

import (
	"image"

	"golang.org/x/image/draw"
)

// scale resizes an image to width × height with Catmull-Rom (sharp, and smooth when
// shrinking by a large factor).
func scale(img image.Image, width, height int) *image.RGBA {
	dst := image.NewRGBA(image.Rect(0, 0, width, height))
	draw.CatmullRom.Scale(dst, dst.Bounds(), img, img.Bounds(), draw.Src, nil)
	return dst
}

// swapsSides tells whether an EXIF orientation turns the picture a quarter (5 to 8), so
// that its width as shown is its height as stored.
func swapsSides(orientation int) bool { return orientation >= 5 && orientation <= 8 }

// orient turns and flips an image as its EXIF orientation (1 to 8) says, so that it shows
// the right way up without the tag. Orientation 1, or a value outside 1 to 8, leaves it
// as it is.
func orient(img image.Image, orientation int) image.Image {
	if orientation < 2 || orientation > 8 {
		return img
	}
	src := toRGBA(img)
	w, h := src.Rect.Dx(), src.Rect.Dy()
	dw, dh := w, h
	if swapsSides(orientation) {
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			dx, dy := orientedPoint(orientation, x, y, w, h)
			copy(dst.Pix[dst.PixOffset(dx, dy):][:4], src.Pix[src.PixOffset(x, y):][:4])
		}
	}
	return dst
}

// orientedPoint is where the pixel at (x, y) of a w × h picture stored with an EXIF
// orientation goes when the picture is shown the right way up.
func orientedPoint(orientation, x, y, w, h int) (int, int) {
	switch orientation {
	case 2: // mirrored left to right
		return w - 1 - x, y
	case 3: // upside down
		return w - 1 - x, h - 1 - y
	case 4: // mirrored top to bottom
		return x, h - 1 - y
	case 5: // mirrored along the diagonal
		return y, x
	case 6: // turned a quarter to the left: turn it a quarter clockwise
		return h - 1 - y, x
	case 7: // mirrored along the other diagonal
		return h - 1 - y, w - 1 - x
	case 8: // turned a quarter to the right: turn it a quarter anticlockwise
		return y, w - 1 - x
	}
	return x, y
}

// toRGBA is the image as *image.RGBA with its origin at (0, 0), copied when it is not one.
func toRGBA(img image.Image) *image.RGBA {
	if rgba, ok := img.(*image.RGBA); ok && rgba.Rect.Min == (image.Point{}) {
		return rgba
	}
	b := img.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(dst, dst.Bounds(), img, b.Min, draw.Src)
	return dst
}
