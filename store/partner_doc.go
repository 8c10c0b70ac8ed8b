package store

import (
	"time"
	"unicode/utf8"
)

// PartnerDoc is a partner in the content format.
type PartnerDoc struct {
	Slug        string      `json:"slug"`
	Note        string      `json:"_note,omitempty"`
	Name        Localized   `json:"name"`
	Acronym     string      `json:"acronym"`
	Kind        PartnerKind `json:"kind"`
	Website     string      `json:"website"`
	Description Localized   `json:"description"`
	PublishedAt *time.Time  `json:"publishedAt,omitempty"` // when it was published; an import's time when empty
	EditorialDoc
}

// PartnerInput is a partner's content as an editor sends it.
type PartnerInput struct {
	Slug        *string
	Name        Localized
	Acronym     *string
	Kind        PartnerKind
	Website     *string
	Description *Localized
}

func (in *PartnerInput) doc() *PartnerDoc {
	return &PartnerDoc{Slug: slugOr(in.Slug), Name: trimmed(in.Name), Acronym: trimmedOr(in.Acronym), Kind: in.Kind,
		Website: trimmedOr(in.Website), Description: trimmed(orZero(in.Description))}
}

// check checks a partner on its own; field names start with prefix.
func (p *PartnerDoc) check(f string) error {
	return firstError(checkSlug(f+"slug", p.Slug), named(f+"name", p.Name),
		check(f+"kind", p.Kind.Valid(), "%q is not a partner kind", p.Kind), webURL(f+"website", p.Website),
		plain(f+"name", p.Name, maxTitle), plain(f+"description", p.Description, maxSummary),
		check(f+"acronym", utf8.RuneCountInString(p.Acronym) <= 30, "is longer than 30 characters"))
}

func (p *PartnerDoc) slug() *string                  { return &p.Slug }
func (p *PartnerDoc) title() Localized               { return p.Name }
func (p *PartnerDoc) cover() *CoverDoc               { return nil }
func (p *PartnerDoc) stamp(time.Time)                {}
func (p *PartnerDoc) linkSlugs() map[string][]string { return nil }

func (p *PartnerDoc) row(now time.Time) row {
	return &Partner{Slug: p.Slug, Acronym: nonEmpty(p.Acronym), Kind: p.Kind, Website: nonEmpty(p.Website),
		Sr:          PartnerText{Name: p.Name.Sr, Description: p.Description.Sr},
		En:          PartnerText{Name: p.Name.En, Description: p.Description.En},
		PublishedAt: p.publishedAt(p.PublishedAt, now), Publication: p.publication(now)}
}

// partnerDoc is a stored partner in the content format.
func partnerDoc(p *Partner) PartnerDoc {
	return PartnerDoc{
		Slug: p.Slug, Name: Localized{Sr: p.Sr.Name, En: p.En.Name}, Acronym: deref(p.Acronym), Kind: p.Kind,
		Website: deref(p.Website), Description: Localized{Sr: p.Sr.Description, En: p.En.Description},
		PublishedAt: utc(p.PublishedAt), EditorialDoc: p.Publication.editorialDoc(),
	}
}
