package server

import "context"

// partnerListItem is a partner of the app's Partners query.
type partnerListItem struct {
	kindedPartner
	Website  string `json:"website"`
	Projects edges[struct {
		Slug  string `json:"slug"`
		Title string `json:"title"`
	}] `json:"projects"`
}

// partnersPage is the answer of the app's Partners query.
type partnersPage struct {
	Partners edges[partnerListItem] `json:"partners"`
	Groups   []kindGroup[partnerListItem]
}

// renderPartners is the partners page, by kind.
func renderPartners(rd *renderer, ctx context.Context, v *view, _ string) ([]answer, string, error) {
	var d partnersPage
	a, err := rd.run(ctx, "Partners", map[string]any{"locale": gqlLocale(v.L)}, &d)
	if err != nil {
		return nil, "", err
	}
	d.Groups = groupPartners(d.Partners.Nodes(), func(p partnerListItem) string { return p.Kind })
	v.Page = &d
	return []answer{a}, "partners", nil
}
