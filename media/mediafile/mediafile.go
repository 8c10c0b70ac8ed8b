// Package mediafile is the one definition of the media library's file names and of the
// URL prefix they are served under. The library writes these names, the server serves
// only them, the Markdown renderer keeps only images at these URLs, and the store checks
// covers against them. It imports nothing of the portal's, so every package may use it.
package mediafile

import (
	"regexp"
	"strconv"
)

// Prefix is the path under which the media files are served.
const Prefix = "/media/"

// An image's name is the first 16 lower-case hex digits of the SHA-256 of its full-size
// file. A file is the name, for a smaller copy a dash and its width in pixels (at most
// four digits: images are at most 2,000 pixels wide), and the extension of its type.
const (
	name = `[0-9a-f]{16}`
	file = `(` + name + `)(?:-[1-9][0-9]{0,3})?\.(?:jpg|png|gif)`
)

var (
	namePattern = regexp.MustCompile(`^` + name + `$`)
	filePattern = regexp.MustCompile(`^` + file + `$`)

	// URLPattern matches the URL of a media file, and nothing else.
	URLPattern = regexp.MustCompile(`^` + regexp.QuoteMeta(Prefix) + file + `$`)
)

// IsName tells whether s has the shape of an image's name.
func IsName(s string) bool { return namePattern.MatchString(s) }

// Ext is the file extension of an image type, with its dot.
func Ext(mediaType string) string {
	switch mediaType {
	case "image/png":
		return ".png"
	case "image/gif":
		return ".gif"
	default:
		return ".jpg"
	}
}

// File is the name of an image's full-size file.
func File(name, mediaType string) string { return name + Ext(mediaType) }

// VariantFile is the name of the file of an image's smaller copy, width pixels wide.
func VariantFile(name string, width int, mediaType string) string {
	return name + "-" + strconv.Itoa(width) + Ext(mediaType)
}

// URL is where a media file is served.
func URL(file string) string { return Prefix + file }

// NameOfFile returns the image's name from the name of one of its files; ok is false for
// any name of another shape.
func NameOfFile(file string) (name string, ok bool) {
	return submatch(filePattern, file)
}

// NameOfURL returns the image's name from the URL of one of its files; ok is false for
// any other URL, including absolute ones.
func NameOfURL(url string) (name string, ok bool) {
	return submatch(URLPattern, url)
}

func submatch(re *regexp.Regexp, s string) (string, bool) {
	m := re.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	return m[1], true
}
