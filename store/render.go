package store

import (
	"unicode/utf8"

	"github.com/agency/portal/richtext"
	"github.com/agency/portal/translit"
)

// RenderMarkdown renders an editor's Markdown as the public will see it in a locale:
// Serbian in the locale's script, sanitised HTML.
func RenderMarkdown(md string, locale Locale) (string, error) {
	if utf8.RuneCountInString(md) > maxMarkdown {
		return "", inputError("markdown", "is longer than %d characters", maxMarkdown)
	}
	switch locale {
	case SrCyrl:
		md = translit.ToCyrillic(md)
	case SrLatn:
		md = translit.ToLatin(md)
	}
	return richtext.HTML(md), nil
}
