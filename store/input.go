package store

import "strings"

// What editors send, tidied into the content format before it is checked.

// ImageInput is a picture chosen for an item: an uploaded image's name and its alt text.
type ImageInput struct {
	Name string
	Alt  Localized
}

func (c *ImageInput) doc() *CoverDoc {
	if c == nil {
		return nil
	}
	return &CoverDoc{ImageFile: ImageFile{Name: strings.TrimSpace(c.Name)}, Alt: trimmed(c.Alt)}
}

func orZero[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func trimmed(l Localized) Localized {
	return Localized{Sr: strings.TrimSpace(l.Sr), En: strings.TrimSpace(l.En)}
}

func trimmedList(l *LocalizedList) LocalizedList {
	if l == nil {
		return LocalizedList{Sr: []string{}, En: []string{}}
	}
	trim := func(list []string) []string {
		out := []string{}
		for _, s := range list {
			out = append(out, strings.TrimSpace(s))
		}
		return out
	}
	return LocalizedList{Sr: trim(l.Sr), En: trim(l.En)}
}

func trimmedOr(s *string) string { return strings.TrimSpace(orZero(s)) }

// slugOr is the slug an editor gave, or "" to make one from the title.
func slugOr(s *string) string { return strings.TrimSpace(orZero(s)) }
