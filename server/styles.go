package server

// The pages' style sheets inline. A <link rel="stylesheet"> blocks the first paint until
// the sheet has arrived: on a slow network a round trip of its own, and two when the
// browser's six connections to the site are already busy with the app's modules (on
// Slow 3G the first text came at 6.4 s instead of 4.5 s on some loads). So every page
// carries the build's style sheets in <style> elements, read once at start and allowed by
// the CSP through their sha256 hashes. Each link stays where it was, disabled and for no
// screen: the browser does not fetch it, and the app's module loader (Vite's preload
// helper, which adds a route's sheets unless a link to them is already in the document)
// finds it and does not fetch the sheet either. SvelteKit writes the same for the styles
// it inlines itself.

import (
	"html"
	"io/fs"
	"log/slog"
	"regexp"
	"strings"
)

// A style sheet link as the build writes it, and its address.
var (
	styleLink = regexp.MustCompile(`<link\b[^>]*\brel="stylesheet"[^>]*>`)
	hrefAttr  = regexp.MustCompile(`\bhref="([^"]+)"`)
)

// inlineSheets reads the style sheets the shell and the routes name and returns, by
// address, the HTML that replaces each one's link, and the hashes of their <style>
// elements for the CSP. A sheet that cannot be inlined (logged) keeps its link.
func inlineSheets(fsys fs.FS, shell string, routes map[string]routeFiles) (map[string]string, []string) {
	var hrefs []string
	for _, link := range styleLink.FindAllString(shell, -1) {
		if m := hrefAttr.FindStringSubmatch(link); m != nil {
			hrefs = append(hrefs, html.UnescapeString(m[1]))
		}
	}
	for _, f := range routes {
		hrefs = append(hrefs, f.Styles...)
	}
	tags, hashes := map[string]string{}, []string(nil)
	for _, href := range hrefs {
		if _, done := tags[href]; done || !strings.HasPrefix(href, "/_app/") {
			continue
		}
		b, err := fs.ReadFile(fsys, strings.TrimPrefix(href, "/"))
		if err != nil {
			slog.Warn("a style sheet stays a link: it is not a file of the build", "sheet", href, "err", err)
			continue
		}
		css := strings.ReplaceAll(string(b), "\r\n", "\n") // as the browser hashes it
		if why := notInlinable(css); why != "" {
			slog.Warn("a style sheet stays a link, which delays the first paint", "sheet", href, "why", why)
			continue
		}
		tags[href] = "<style>" + css + `</style><link href="` + html.EscapeString(href) + `" rel="stylesheet" disabled media="(max-width: 0)">`
		hashes = append(hashes, cspHash(css))
	}
	return tags, hashes
}

// notInlinable says why a style sheet cannot move into the page, "" when it can: text
// that would end the <style> element, or references that would resolve against the
// page's address instead of the sheet's.
func notInlinable(css string) string {
	lower := lowerASCII(css)
	switch {
	case strings.Contains(lower, "</style"):
		return "it contains </style"
	case strings.Contains(lower, "url(") || strings.Contains(lower, "@import"):
		return "it refers to other files"
	}
	return ""
}

// withInlineSheets is a document with each style sheet link that tags has a replacement
// for replaced.
func withInlineSheets(doc string, tags map[string]string) string {
	return styleLink.ReplaceAllStringFunc(doc, func(link string) string {
		if m := hrefAttr.FindStringSubmatch(link); m != nil {
			if tag, ok := tags[html.UnescapeString(m[1])]; ok {
				return tag
			}
		}
		return link
	})
}
