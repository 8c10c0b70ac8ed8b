package media

import (
	"bytes"
	"encoding/binary"
)

// jpegOrientation is the EXIF orientation (1 to 8) of a JPEG file: how the camera held
// the picture. It is 1 (as stored) when the file has no EXIF, no orientation tag, or one
// it cannot read. It reads only the segments before the image data, and only IFD0 of the
// first EXIF segment.
func jpegOrientation(data []byte) int {
	if !bytes.HasPrefix(data, []byte{0xff, 0xd8}) {
		return 1
	}
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xff {
			return 1 // not a marker: the file is not as expected
		}
		marker := data[i+1]
		switch {
		case marker == 0xff: // fill byte before a marker
			i++
			continue
		case marker == 0xda || marker == 0xd9: // start of scan, end of image: no more metadata
			return 1
		case marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7): // markers without a length
			i += 2
			continue
		}
		length := int(binary.BigEndian.Uint16(data[i+2:]))
		if length < 2 || i+2+length > len(data) {
			return 1
		}
		segment := data[i+4 : i+2+length]
		if marker == 0xe1 && bytes.HasPrefix(segment, []byte("Exif\x00\x00")) {
			return tiffOrientation(segment[6:])
		}
		i += 2 + length
	}
	return 1
}

// tiffOrientation reads the Orientation tag (0x0112) in IFD0 of the TIFF structure that
// EXIF data is, or returns 1.
func tiffOrientation(tiff []byte) int {
	if len(tiff) < 8 {
		return 1
	}
	var order binary.ByteOrder
	switch string(tiff[:2]) {
	case "II":
		order = binary.LittleEndian
	case "MM":
		order = binary.BigEndian
	default:
		return 1
	}
	if order.Uint16(tiff[2:]) != 42 {
		return 1
	}
	ifd := int(order.Uint32(tiff[4:]))
	if ifd < 8 || ifd+2 > len(tiff) {
		return 1
	}
	count := int(order.Uint16(tiff[ifd:]))
	for n := 0; n < count; n++ {
		entry := ifd + 2 + 12*n
		if entry+12 > len(tiff) {
			return 1
		}
		tag, typ := order.Uint16(tiff[entry:]), order.Uint16(tiff[entry+2:])
		if tag != 0x0112 {
			continue
		}
		if typ != 3 { // SHORT
			return 1
		}
		if v := int(order.Uint16(tiff[entry+8:])); v >= 1 && v <= 8 {
			return v
		}
		return 1
	}
	return 1
}
