package server

import "context"

// homePage is the answer of the app's Home query (routes/[locale=locale]/+page.ts).
type homePage struct {
	News     edges[newsSummary]         `json:"news"`
	Projects edges[projectCard]         `json:"projects"`
	Partners edges[kindedPartner]       `json:"partners"`
	Groups   []kindGroup[kindedPartner] `json:"-"`
}

// renderHome is the home page of a locale.
func renderHome(rd *renderer, ctx context.Context, v *view, _ string) ([]answer, string, error) {
	var d homePage
	a, err := rd.run(ctx, "Home", map[string]any{"locale": gqlLocale(v.L)}, &d)
	if err != nil {
		return nil, "", err
	}
	d.Groups = groupPartners(d.Partners.Nodes(), kindOf)
	v.Page = &d
	return []answer{a}, "home", nil
}
