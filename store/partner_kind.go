package store

import (
	"context"
	"time"
)

// partnerKind is the registry's entry of partners.
var partnerKind = &kind{
	kind: KindPartner, typ: "Partner", table: "partners", alias: "partner", num: 3,
	field: "partners", noun: "partner", titles: []string{"sr_name", "en_name", "acronym"},
	dims:     partnerDims,
	newRow:   func() row { return new(Partner) },
	scanRows: scanRows[*Partner],
	docs:     func(c *Content) []doc { return docsOf(c.Partners) },
	addDoc:   func(c *Content, d doc) { c.Partners = append(c.Partners, *d.(*PartnerDoc)) },
}

// CreatePartner creates a partner as a draft.
func (s *Store) CreatePartner(ctx context.Context, by *User, in PartnerInput) (*PartnerSource, error) {
	return as[*PartnerSource](s.save(ctx, by, partnerKind, "", 0, in.doc()))
}

// UpdatePartner replaces a partner's content; version is the version edited.
func (s *Store) UpdatePartner(ctx context.Context, by *User, gid string, version int, in PartnerInput) (*PartnerSource, error) {
	return as[*PartnerSource](s.save(ctx, by, partnerKind, gid, version, in.doc()))
}

func (p *Partner) rowID() int64                          { return p.ID }
func (p *Partner) publication() *Publication             { return &p.Publication }
func (p *Partner) localized(l Locale) Node               { return p.localize(l) }
func (p *Partner) source(_ *Store, now time.Time) Source { return &PartnerSource{item: p, now: now} }
func (p *Partner) draft()                                { p.PublishedAt = nil }

func (p *Partner) keep(old row, _ bool, _ time.Time) {
	o := old.(*Partner)
	p.ID, p.Publication, p.PublishedAt = o.ID, o.Publication, o.PublishedAt
}

func (p *Partner) indexText() indexText {
	t := indexText{
		sr: textParts{title: []string{p.Sr.Name}, body: []string{p.Sr.Description}},
		en: textParts{title: []string{p.En.Name}, body: []string{p.En.Description}},
	}
	if p.Acronym != nil { // of no language: it goes with the Serbian name, and a query finds it as it is
		t.sr.title = append(t.sr.title, *p.Acronym)
	}
	return t
}

// searchYear is 0: search files partners under no year.
func (p *Partner) searchYear() int { return 0 }

func (p *Partner) searchHit(l Locale) *SearchHit {
	x := p.localize(l)
	texts := []snippetText{plainText(x.Description), plainText(x.Name)}
	if x.Acronym != nil {
		texts = append(texts, plainText(*x.Acronym))
	}
	return &SearchHit{Title: x.Name, Item: x, locale: x.Locale, texts: texts}
}

func (p *Partner) doc(map[string][]string) doc {
	d := partnerDoc(p)
	return &d
}

// PartnerSource is a partner as the editors write it.
type PartnerSource struct {
	item *Partner
	now  time.Time
}

func (p *PartnerSource) GlobalID() string          { return p.item.GlobalID() }
func (p *PartnerSource) Kind() Kind                { return KindPartner }
func (p *PartnerSource) Slug() string              { return p.item.Slug }
func (p *PartnerSource) Label() string             { return label(p.item.Sr.Name, p.item.En.Name) }
func (p *PartnerSource) Preview(l Locale) *Partner { return p.item.localize(l) }
func (p *PartnerSource) Editorial() *Editorial     { return p.item.editorial(p.item.PublishedAt, p.now) }
func (p *PartnerSource) Name() Localized           { return Localized{Sr: p.item.Sr.Name, En: p.item.En.Name} }
func (p *PartnerSource) Description() Localized {
	return Localized{Sr: p.item.Sr.Description, En: p.item.En.Description}
}
func (p *PartnerSource) Acronym() *string         { return p.item.Acronym }
func (p *PartnerSource) Website() *string         { return p.item.Website }
func (p *PartnerSource) PartnerKind() PartnerKind { return p.item.Kind }
