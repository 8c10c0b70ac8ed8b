package server

// The fragments of web/src/lib/fragments.ts, as the pages' answers hold them.

type topicRef struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
}

type partnerRef struct {
	Slug    string `json:"slug"`
	Name    string `json:"name"`
	Acronym string `json:"acronym"`
}

type newsSummary struct {
	Slug        string `json:"slug"`
	Title       string `json:"title"`
	Summary     string `json:"summary"`
	PublishedAt string `json:"publishedAt"`
}

type money struct {
	Amount   string `json:"amount"`
	Currency string `json:"currency"`
}

type projectCard struct {
	Slug          string       `json:"slug"`
	Title         string       `json:"title"`
	Summary       string       `json:"summary"`
	Status        string       `json:"status"`
	StartDate     string       `json:"startDate"`
	EndDate       string       `json:"endDate"`
	DatePrecision string       `json:"datePrecision"`
	Budget        *money       `json:"budget"`
	Funders       []partnerRef `json:"funders"`
	Implementers  []partnerRef `json:"implementers"`
}

type coverImage struct {
	URL      string `json:"url"`
	Alt      string `json:"alt"`
	Width    int    `json:"width"`
	Height   int    `json:"height"`
	Variants []struct {
		URL   string `json:"url"`
		Width int    `json:"width"`
	} `json:"variants"`
}

// edges is a connection's nodes as the documents ask for them.
type edges[T any] struct {
	TotalCount int `json:"totalCount"`
	PageInfo   struct {
		HasNextPage bool   `json:"hasNextPage"`
		EndCursor   string `json:"endCursor"`
	} `json:"pageInfo"`
	Edges []struct {
		Cursor string `json:"cursor"`
		Node   T      `json:"node"`
	} `json:"edges"`
}

// Nodes are the connection's nodes.
func (e edges[T]) Nodes() []T {
	out := make([]T, len(e.Edges))
	for i, x := range e.Edges {
		out[i] = x.Node
	}
	return out
}

// partnerKindOrder is web/src/lib/partners.ts PARTNER_KIND_ORDER.
var partnerKindOrder = []string{"UN_AGENCY", "EU_INSTITUTION", "INTERNATIONAL_ORGANISATION", "GOVERNMENT", "DONOR", "NGO", "OTHER"}

// kindGroup is a kind's partners, as partners.ts groupPartners makes them.
type kindGroup[T any] struct {
	Kind     string
	Partners []T
}

// groupPartners is partners.ts groupPartners: kinds in order, empty ones left out.
func groupPartners[T any](partners []T, kindOf func(T) string) []kindGroup[T] {
	var out []kindGroup[T]
	for _, k := range partnerKindOrder {
		g := kindGroup[T]{Kind: k}
		for _, p := range partners {
			if kindOf(p) == k {
				g.Partners = append(g.Partners, p)
			}
		}
		if len(g.Partners) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// gqlLocale is locale.ts gqlLocale: the GraphQL Locale of a URL locale.
func gqlLocale(l string) string {
	switch l {
	case "sr-cyrl":
		return "SR_CYRL"
	case "sr-latn":
		return "SR_LATN"
	}
	return "EN"
}

// urlLocale is locale.ts fromGqlLocale.
func urlLocale(gql string) string {
	switch gql {
	case "SR_CYRL":
		return "sr-cyrl"
	case "SR_LATN":
		return "sr-latn"
	}
	return "en"
}

// contentLang is the lang attribute of an item served in another locale than the page's
// (a missing translation), "" when they agree.
func contentLang(itemLocale, pageLocale string) string {
	l := urlLocale(itemLocale)
	if l == pageLocale {
		return ""
	}
	return localeOf(l).tag
}

// kindedPartner is a PartnerRef with its kind.
type kindedPartner struct {
	partnerRef
	Kind string `json:"kind"`
}

func kindOf(p kindedPartner) string { return p.Kind }
