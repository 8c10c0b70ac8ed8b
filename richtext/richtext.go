// Package richtext turns the Markdown that editors write into HTML that is safe to put
// into a page, and into plain text for search and snippets.
package richtext

import (
	"bytes"
	"html"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

var (
	markdown = goldmark.New(goldmark.WithExtensions(extension.Linkify, extension.Table, extension.Strikethrough))
	// safe keeps the formatting of user-generated content and drops scripts, event
	// handlers, styles and every URL scheme but http, https and mailto.
	safe = func() *bluemonday.Policy {
		p := bluemonday.UGCPolicy()
		p.AllowURLSchemes("http", "https", "mailto")
		p.RequireNoFollowOnLinks(false)
		return p
	}()
	strip = bluemonday.StrictPolicy()
)

// HTML renders Markdown to sanitised HTML. Raw HTML in the Markdown is escaped by the
// renderer and whatever gets through is sanitised again.
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
	h := HTML(md)
	// Keep block boundaries as spaces so words of two paragraphs do not run together.
	h = strings.NewReplacer("</p>", " </p>", "</li>", " </li>", "<br>", " ", "</h", " </h", "</td>", " </td>").Replace(h)
	return strings.Join(strings.Fields(html.UnescapeString(strip.Sanitize(h))), " ")
}
