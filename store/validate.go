package store

import (
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/currency"

	"github.com/agency/portal/media/mediafile"
	"github.com/agency/portal/richtext"
)

// The rules every item keeps, imported or saved by an editor. Each check returns an
// *InputError naming the field at fault.

var (
	slugPattern     = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	decimalPattern  = regexp.MustCompile(`^(0|[1-9][0-9]{0,17})(\.[0-9]{1,4})?$`)
	currencyPattern = regexp.MustCompile(`^[A-Z]{3}$`)
)

// maxSlugBytes is the longest slug.
const maxSlugBytes = 120

// firstError is the first error that is not nil.
func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func check(field string, ok bool, format string, args ...any) error {
	if ok {
		return nil
	}
	return inputError(field, format, args...)
}

func checkSlug(field, slug string) error {
	return check(field, slugPattern.MatchString(slug) && len(slug) <= maxSlugBytes,
		"%q is not a slug (a-z, 0-9 and single dashes, at most %d characters)", slug, maxSlugBytes)
}

func slugList(field string, list []string) error {
	for _, s := range list {
		if err := check(field, slugPattern.MatchString(s), "%q is not a slug", s); err != nil {
			return err
		}
	}
	return nil
}

func named(field string, l Localized) error {
	return check(field, strings.TrimSpace(l.Sr) != "" || strings.TrimSpace(l.En) != "", "is required in Serbian or English")
}

// check checks a cover: a name as the media library makes them, and alt text.
func (c *CoverDoc) check(f string) error {
	if c == nil {
		return nil
	}
	return firstError(check(f+".name", mediafile.IsName(c.Name), "%q is not the name of an uploaded image", c.Name),
		named(f+".alt", c.Alt), plain(f+".alt", c.Alt, maxSummary))
}

// isCurrency tells whether code is an ISO 4217 currency code (CLDR's list, through
// golang.org/x/text/currency).
func isCurrency(code string) bool {
	if !currencyPattern.MatchString(code) {
		return false
	}
	_, err := currency.ParseISO(code)
	return err == nil
}

// The longest texts, in characters.
const (
	maxTitle    = 300
	maxSummary  = 2000
	maxMarkdown = 200_000
)

// plain checks a plain-text field: a length limit.
func plain(field string, l Localized, max int) error {
	for lang, s := range map[string]string{"sr": l.Sr, "en": l.En} {
		if utf8.RuneCountInString(s) > max {
			return inputError(field+"."+lang, "is longer than %d characters", max)
		}
	}
	return nil
}

// markdown checks a Markdown field: a length limit, and images that are uploaded ones
// with alt text.
func markdown(field string, l Localized) error {
	for _, lang := range []string{"sr", "en"} {
		s := l.Sr
		if lang == "en" {
			s = l.En
		}
		if utf8.RuneCountInString(s) > maxMarkdown {
			return inputError(field+"."+lang, "is longer than %d characters", maxMarkdown)
		}
		for _, img := range richtext.Images(s) {
			if _, ok := mediafile.NameOfURL(img.Src); !ok {
				return inputError(field+"."+lang, "the image %q is not an uploaded one: upload it and use its %s address", img.Src, mediafile.Prefix)
			}
			if strings.TrimSpace(img.Alt) == "" {
				return inputError(field+"."+lang, "the image %q has no alt text: write what it shows in ![…](…)", img.Src)
			}
		}
	}
	return nil
}

func date(field string, d *string) error {
	if d == nil {
		return nil
	}
	if _, err := time.Parse(time.DateOnly, *d); err != nil {
		return inputError(field, "must be a date YYYY-MM-DD, got %q", *d)
	}
	return nil
}

func webURL(field, s string) error {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return inputError(field, "must be an http(s) URL, got %q", s)
	}
	return nil
}
