package store

import (
	"time"

	"github.com/uptrace/bun"
)

// PartnerKind is what kind of organisation a partner is.
type PartnerKind string

// The partner kinds.
const (
	UNAgency                  PartnerKind = "UN_AGENCY"
	EUInstitution             PartnerKind = "EU_INSTITUTION"
	Government                PartnerKind = "GOVERNMENT"
	InternationalOrganisation PartnerKind = "INTERNATIONAL_ORGANISATION"
	NGO                       PartnerKind = "NGO"
	Donor                     PartnerKind = "DONOR"
	OtherKind                 PartnerKind = "OTHER"
)

// Valid tells whether k is a known kind.
func (k PartnerKind) Valid() bool {
	switch k {
	case UNAgency, EUInstitution, Government, InternationalOrganisation, NGO, Donor, OtherKind:
		return true
	}
	return false
}

// PartnerRole is a partner's part in a project.
type PartnerRole string

// The roles.
const (
	Funder      PartnerRole = "FUNDER"
	Implementer PartnerRole = "IMPLEMENTER"
	Cooperating PartnerRole = "PARTNER"
)

// PartnerText is the text of a partner in one language.
type PartnerText struct {
	Name        string
	Description string
}

func (t PartnerText) has() bool { return t.Name != "" }

func (t PartnerText) script(f func(string) string) PartnerText {
	return PartnerText{Name: f(t.Name), Description: f(t.Description)}
}

// Partner is a partner organisation: a funder, an implementer or a cooperating institution.
type Partner struct {
	bun.BaseModel `bun:"table:partners,alias:partner"`

	ID      int64       `bun:",pk,autoincrement"`
	Slug    string      `bun:",notnull"`
	Acronym *string     // nil when it has none
	Kind    PartnerKind `bun:",notnull"`
	Website *string     // nil when unknown
	Sr      PartnerText `bun:"embed:sr_"`
	En      PartnerText `bun:"embed:en_"`

	PublishedAt *time.Time `bun:",nullzero"` // nil for a draft never published
	Publication

	PartnerText `bun:"-"` // the text served, in Locale
	Locale      Locale    `bun:"-"`
	requested   Locale
}

func (p *Partner) localize(want Locale) *Partner {
	out := *p
	out.requested = want
	out.PartnerText, out.Locale = serve(p.Sr, p.En, PartnerText.has, want, PartnerText.script)
	return &out
}

// GlobalID is the partner's global object ID.
func (p *Partner) GlobalID() string { return globalID(partnerKind.typ, p.ID) }

// Requested is the locale the partner was asked for in; related items are served in it.
func (p *Partner) Requested() Locale { return p.requested }
