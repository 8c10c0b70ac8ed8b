package server

import "context"

// partnerPage is the answer of the app's Partner query.
type partnerPage struct {
	Partner *struct {
		kindedPartner
		Locale      string             `json:"locale"`
		Website     string             `json:"website"`
		Description string             `json:"description"`
		Funded      edges[projectCard] `json:"funded"`
		Implemented edges[projectCard] `json:"implemented"`
		Cooperated  edges[projectCard] `json:"cooperated"`
		News        edges[newsSummary] `json:"news"`
	} `json:"partner"`
	Roles []partnerRole
}

// partnerRole is the projects a partner has one role in.
type partnerRole struct {
	ID, Title  string
	TotalCount int
	Projects   []projectCard
}

// renderPartner is a partner's page.
func renderPartner(rd *renderer, ctx context.Context, v *view, slug string) ([]answer, string, error) {
	var d partnerPage
	a, err := rd.run(ctx, "Partner", map[string]any{"slug": slug, "locale": gqlLocale(v.L)}, &d)
	if err != nil {
		return nil, "", err
	}
	p := d.Partner
	if p == nil {
		return nil, "", errNotFound
	}
	t := v.T["partners"].(map[string]any)
	for _, r := range []struct {
		id, key string
		conn    edges[projectCard]
	}{{"funded", "asFunder", p.Funded}, {"implemented", "asImplementer", p.Implemented}, {"cooperated", "asPartner", p.Cooperated}} {
		if r.conn.TotalCount > 0 {
			d.Roles = append(d.Roles, partnerRole{r.id, t[r.key].(string), r.conn.TotalCount, r.conn.Nodes()})
		}
	}
	v.Page = &d
	return []answer{a}, "partner", nil
}
