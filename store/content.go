package store

import (
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// Content is a set of topics, partners, projects and news in the portal's JSON content
// format: the demo content, and what an import brings in. Items refer to each other by slug.
type Content struct {
	Topics   []TopicDoc   `json:"topics"`
	Partners []PartnerDoc `json:"partners"`
	Projects []ProjectDoc `json:"projects"`
	News     []NewsDoc    `json:"news"`
}

// Localized is a text in Serbian (either script) and English; either may be empty.
type Localized struct {
	Sr string `json:"sr"`
	En string `json:"en"`
}

// LocalizedList is a list of texts in Serbian and English.
type LocalizedList struct {
	Sr []string `json:"sr"`
	En []string `json:"en"`
}

// Editorial is what the content format says of an item's publication. The zero value is
// an item published now (a news item: at its publishedAt); Draft keeps it from the public,
// and so does DeletedAt.
type EditorialDoc struct {
	Draft     bool       `json:"draft,omitempty"`
	DeletedAt *time.Time `json:"deletedAt,omitempty"`
}

// CoverDoc is a cover picture in the content format: the uploaded file and its alt text.
type CoverDoc struct {
	ImageFile
	Alt Localized `json:"alt"`
}

// TopicDoc is a topic in the content format.
type TopicDoc struct {
	Slug string    `json:"slug"`
	Name Localized `json:"name"`
}

// DecodeContent reads content JSON, refusing unknown fields.
func DecodeContent(r io.Reader) (*Content, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var c Content
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("content: %w", err)
	}
	return &c, nil
}

// publication is the editorial columns of an imported item, changed now.
func (e EditorialDoc) publication(now time.Time) Publication {
	p := Publication{State: Published, Version: 1, CreatedAt: now, ChangedAt: now}
	if e.Draft {
		p.State = Draft
	}
	if e.DeletedAt != nil {
		d := e.DeletedAt.UTC().Truncate(time.Second)
		p.DeletedAt = &d
	}
	return p
}

// publishedAt is when an imported project or partner was published: as the document
// says, else now; nil for a draft that says nothing.
func (e EditorialDoc) publishedAt(at *time.Time, now time.Time) *time.Time {
	switch {
	case at != nil:
		t := at.UTC().Truncate(time.Second)
		return &t
	case e.Draft:
		return nil
	}
	return &now
}

func (c *CoverDoc) file() *ImageFile {
	if c == nil {
		return nil
	}
	f := c.ImageFile
	return &f
}

func (c *CoverDoc) alt() Localized {
	if c == nil {
		return Localized{}
	}
	return c.Alt
}

func orEmpty(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// editorialDoc is what the content format says of a publication.
func (p Publication) editorialDoc() EditorialDoc {
	return EditorialDoc{Draft: p.State == Draft, DeletedAt: utc(p.DeletedAt)}
}

func coverDoc(f *ImageFile, sr, en string) *CoverDoc {
	if f == nil {
		return nil
	}
	return &CoverDoc{ImageFile: *f, Alt: Localized{Sr: sr, En: en}}
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// Encode writes the content as indented JSON, the format DecodeContent reads. HTML
// characters are not escaped, so Markdown stays readable.
func (c *Content) Encode(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(c)
}
