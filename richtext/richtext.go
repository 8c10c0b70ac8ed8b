// Package richtext turns the Markdown that editors write into HTML that is safe to put
// into a page, and into plain text for search and snippets.
//
// Safety comes in two layers. goldmark renders the Markdown without raw HTML (any HTML an
// editor types is replaced by a comment) and with our own image renderer. bluemonday then
// keeps only the elements and attributes that our Markdown produces, so whatever gets past
// the first layer is cut by the second: no script, no event handler, no style, and no URL
// other than http, https, mailto or a relative one.
package richtext

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/agency/portal/media/mediafile"
)

var (
	markdown = goldmark.New(
		goldmark.WithExtensions(
			extension.Linkify,
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
			extension.Strikethrough,
		),
		// The lower priority wins: imageRenderer (100) draws images instead of goldmark's (1000).
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(imageRenderer{}, 100))),
	)
	safe  = policy()
	strip = bluemonday.StrictPolicy()

	// linkHref is how a link must start: an http, https or mailto URL, or a relative one
	// from /, ./, ../ or #. A relative URL such as javascript%3Aalert(1) is harmless (a
	// browser reads no scheme in it) but nobody writes one, so it is not let through.
	linkHref = regexp.MustCompile(`^(?i:https?://|mailto:|/|\./|\.\./|#)`)
)

// policy allows exactly what the Markdown renderer writes and nothing else: the elements
// of CommonMark, tables and strikethrough; links to http, https, mailto or relative URLs;
// and images from the media library only. Everything else, and every attribute not named
// here (on…, style, srcset, formaction, xlink:href…), is removed.
func policy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
		"strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li",
		"table", "thead", "tbody", "tr", "th", "td")
	p.AllowAttrs("start").Matching(bluemonday.Integer).OnElements("ol")
	p.AllowAttrs("align").Matching(regexp.MustCompile(`^(left|center|right)$`)).OnElements("th", "td")

	p.RequireParseableURLs(true)
	p.AllowRelativeURLs(true)
	p.AllowURLSchemes("http", "https", "mailto")
	p.AllowAttrs("href").Matching(linkHref).OnElements("a")
	p.AllowAttrs("title").OnElements("a")

	p.AllowAttrs("src").Matching(mediafile.URLPattern).OnElements("img")
	p.AllowAttrs("alt").OnElements("img")
	p.AllowAttrs("loading").Matching(regexp.MustCompile(`^lazy$`)).OnElements("img")
	return p
}

// HTML renders Markdown to sanitised HTML. Raw HTML in the Markdown is left out by the
// renderer and whatever gets through is sanitised again.
//
// An image is kept only when its source is an uploaded file under /media/ (see MediaName),
// and then gets loading="lazy"; an image from anywhere else is dropped. Only our own
// re-encoded files are shown: no hotlinking of other sites' pictures, no tracking pixels
// that tell a third party who reads the page, no file we have not stripped of metadata.
func HTML(md string) string {
	if md == "" {
		return ""
	}
	var buf bytes.Buffer
	if err := markdown.Convert([]byte(md), &buf); err != nil {
		return html.EscapeString(md)
	}
	return safe.Sanitize(buf.String())
}

// PlainText renders Markdown to plain text: the words a reader sees, without markup.
func PlainText(md string) string {
	if md == "" {
		return ""
	}
	if wordsOnly(md) {
		return strings.Join(strings.Fields(md), " ")
	}
	return renderedText(md)
}

// Blocks splits Markdown at its blank lines: its paragraphs, headings, lists and other
// blocks, so that a search snippet can make plain (PlainText) only the block it is cut
// from. Most blocks render alone as they do in the whole text; a fenced code block with a
// blank line in it, or a link whose reference is defined in another block, does not (its
// snippet may show a fence or brackets).
func Blocks(md string) []string {
	return strings.Split(md, "\n\n")
}

// renderedText is PlainText by rendering: the HTML's text.
func renderedText(md string) string {
	h := HTML(md)
	// Keep block boundaries as spaces so words of two paragraphs do not run together.
	h = strings.NewReplacer("</p>", " </p>", "</li>", " </li>", "<br>", " ", "</h", " </h", "</td>", " </td>").Replace(h)
	return strings.Join(strings.Fields(html.UnescapeString(strip.Sanitize(h))), " ")
}

// wordsOnly tells whether Markdown renders to its own words and nothing else: it has no
// character that is markup anywhere (escapes, emphasis, code, links, images, HTML,
// entities, headings, strikethrough, tables), no control character or invalid UTF-8 (which
// rendering replaces), and no line that begins like a list, a quote, a heading's underline
// or indented code. Most paragraphs are so, and need no rendering
// (FuzzPlainTextWordsOnly checks that both ways agree).
func wordsOnly(md string) bool {
	if strings.ContainsAny(md, "\\`*_[]()<>!#&~|") || !utf8.ValidString(md) ||
		strings.ContainsFunc(md, func(r rune) bool { return r < ' ' && r != '\n' && r != '\r' || r == 0x7f }) {
		return false
	}
	for line := range strings.Lines(md) {
		text := strings.TrimLeft(line, " ")
		if text == "" || text[0] == '\n' || text[0] == '\r' {
			continue
		}
		if len(line)-len(text) >= 4 || strings.ContainsRune("-+=", rune(text[0])) {
			return false
		}
		if digits := len(text) - len(strings.TrimLeft(text, "0123456789")); digits > 0 &&
			digits < len(text) && (text[digits] == '.' || text[digits] == ')') {
			return false
		}
	}
	return true
}

// Image is an image in Markdown, inline (![alt](src)) or reference style (![alt][ref]).
type Image struct {
	Src string // the destination as written, such as /media/3f9ac2e1b07d4a55.jpg
	Alt string // the alternative text as a reader gets it, without markup; may be empty
}

// Images lists the images in Markdown in the order they appear, so that an editor's text
// can be checked before it is saved: every image needs alt text and a source under /media/
// (MediaName). It lists every image, also those that HTML drops.
func Images(md string) []Image {
	source := []byte(md)
	doc := markdown.Parser().Parse(text.NewReader(source))
	var images []Image
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if img, ok := n.(*ast.Image); ok && entering {
			images = append(images, Image{Src: string(img.Destination), Alt: altText(img, source)})
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return images
}

// MediaName returns the name of an uploaded image (16 lower-case hex digits) from its URL:
// /media/<name>.<jpg|png|gif> for the full-size file or /media/<name>-<width>.<ext> for a
// smaller copy. ok is false for any other URL, including absolute ones.
func MediaName(src string) (name string, ok bool) {
	return mediafile.NameOfURL(src)
}

// imageRenderer draws Markdown images for HTML.
type imageRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (imageRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindImage, renderImage)
}

// renderImage writes <img src alt loading="lazy"> for an image under /media/ and nothing
// for any other; an image's title is left out. The source needs no escaping: MediaName
// accepts only [0-9a-z/.-].
func renderImage(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	img := n.(*ast.Image)
	src := string(img.Destination)
	if _, ok := MediaName(src); ok {
		_, _ = w.WriteString(`<img src="` + src + `" alt="` + html.EscapeString(altText(img, source)) + `" loading="lazy">`)
	}
	return ast.WalkSkipChildren, nil
}

// altText is the text of an image's description, without markup, with backslash escapes
// and character references resolved and surrounding space trimmed.
func altText(img *ast.Image, source []byte) string {
	var b []byte
	_ = ast.Walk(img, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			b = append(b, n.Value(source)...)
			if n.SoftLineBreak() || n.HardLineBreak() {
				b = append(b, ' ')
			}
		case *ast.String:
			b = append(b, n.Value...)
		}
		return ast.WalkContinue, nil
	})
	b = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(b)))
	return strings.TrimSpace(string(b))
}
