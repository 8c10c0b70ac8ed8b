package server

import (
	"context"
	"html/template"
	"regexp"
	"strings"
)

// projectPage is the answer of the app's Project query.
type projectPage struct {
	Project *struct {
		projectCard
		Locale              string             `json:"locale"`
		OfficialTitle       string             `json:"officialTitle"`
		DescriptionHTML     template.HTML      `json:"descriptionHtml"` // sanitised by the store
		Cover               *coverImage        `json:"cover"`
		CooperatingPartners []partnerRef       `json:"cooperatingPartners"`
		Areas               []topicRef         `json:"areas"`
		Locations           []string           `json:"locations"`
		ExpectedResults     []string           `json:"expectedResults"`
		Objectives          []string           `json:"objectives"`
		SpecificObjectives  []string           `json:"specificObjectives"`
		TargetGroups        []string           `json:"targetGroups"`
		URL                 string             `json:"url"`
		News                edges[newsSummary] `json:"news"`
	} `json:"project"`
	Lists       []numberedList
	ShowSummary bool // the summary, unless the description begins with it
}

// numberedList is one of a project's numbered lists (objectives, results).
type numberedList struct {
	ID, Title string
	Items     []string
}

// renderProject is a project's page.
func renderProject(rd *renderer, ctx context.Context, v *view, slug string) ([]answer, string, error) {
	var d projectPage
	a, err := rd.run(ctx, "Project", map[string]any{"slug": slug, "locale": gqlLocale(v.L)}, &d)
	if err != nil {
		return nil, "", err
	}
	p := d.Project
	if p == nil {
		return nil, "", errNotFound
	}
	d.ShowSummary = p.Summary != "" && !repeatsSummary(string(p.DescriptionHTML), p.Summary)
	t := v.T["projects"].(map[string]any)
	for _, l := range []numberedList{
		{"objectives", t["objectives"].(string), p.Objectives},
		{"specific-objectives", t["specificObjectives"].(string), p.SpecificObjectives},
		{"expected-results", t["expectedResults"].(string), p.ExpectedResults},
	} {
		if len(l.Items) > 0 {
			d.Lists = append(d.Lists, l)
		}
	}
	v.Page = &d
	return []answer{a}, "project", nil
}

var (
	anyTag      = regexp.MustCompile(`<[^>]*>`)
	fewEntities = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#39;", "'", "&#34;", `"`, "&nbsp;", " ")
)

// repeatsSummary is projects.ts repeatsSummary: whether a description (sanitised HTML)
// begins with the summary's text.
func repeatsSummary(descriptionHTML, summary string) bool {
	text := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	s := text(summary)
	return s != "" && strings.HasPrefix(text(fewEntities.Replace(anyTag.ReplaceAllString(descriptionHTML, " "))), s)
}
