package server

import (
	"context"
	"strings"
)

// projectsPageSize is PAGE_SIZE of routes/[locale=locale]/projects/+page.ts.
const projectsPageSize = 20

var projectStatuses = []string{"ONGOING", "PLANNED", "COMPLETED"}

// projectsPage is the answer of the app's ProjectList query, and what the page shows.
type projectsPage struct {
	Ongoing   *edges[projectCard] `json:"ongoing"`
	Planned   *edges[projectCard] `json:"planned"`
	Completed *edges[projectCard] `json:"completed"`
	Single    *edges[projectCard] `json:"single"`
	Topics    []topicRef          `json:"topics"`
	Partners  edges[struct {
		partnerRef
		Funded struct {
			TotalCount int `json:"totalCount"`
		} `json:"funded"`
	}] `json:"partners"`

	Status, StatusParam, Area, Funder, After string // the filters
	Filtered                                 bool
	Total                                    int
	Sections                                 []projectSection
	Funders, StatusOptions                   []option
}

// projectSection is one status's projects, with its link to more.
type projectSection struct {
	Status     string
	TotalCount int
	Items      []projectCard
	MoreHref   string // the next page (a status filter is set)
	SeeAllHref string // the status's own list (no status filter)
	FirstHref  string // back to the first page
}

// renderProjects is the projects page: a section per status, or one status's list with
// paging.
func renderProjects(rd *renderer, ctx context.Context, v *view, _ string) ([]answer, string, error) {
	q := v.URL.Query()
	d := projectsPage{Area: q.Get("area"), Funder: q.Get("funder"), After: q.Get("after")}
	if s := strings.ToUpper(q.Get("status")); s == "ONGOING" || s == "PLANNED" || s == "COMPLETED" {
		d.Status, d.StatusParam = s, strings.ToLower(s)
	}
	base := func(extra map[string]any) map[string]any {
		f := map[string]any{}
		if d.Area != "" {
			f["topic"] = d.Area
		}
		if d.Funder != "" {
			f["funder"] = d.Funder
		}
		for k, x := range extra {
			f[k] = x
		}
		return f
	}
	single := base(nil)
	after := any(nil)
	if d.Status != "" {
		single["status"], after = []string{d.Status}, nullable(d.After)
	}
	vars := map[string]any{
		"locale": gqlLocale(v.L), "first": projectsPageSize, "after": after,
		"ongoing":   base(map[string]any{"status": []string{"ONGOING"}}),
		"planned":   base(map[string]any{"status": []string{"PLANNED"}}),
		"completed": base(map[string]any{"status": []string{"COMPLETED"}}),
		"sections":  d.Status == "", "single": single,
	}
	a, err := rd.run(ctx, "ProjectList", vars, &d)
	if err != nil {
		return nil, "", err
	}
	conns := map[string]*edges[projectCard]{"ONGOING": d.Ongoing, "PLANNED": d.Planned, "COMPLETED": d.Completed}
	for _, status := range projectStatuses {
		conn := conns[status]
		if d.Status != "" {
			if status != d.Status {
				continue
			}
			conn = d.Single
		}
		if conn == nil {
			continue
		}
		s := projectSection{Status: status, TotalCount: conn.TotalCount, Items: conn.Nodes()}
		if conn.PageInfo.HasNextPage && conn.PageInfo.EndCursor != "" {
			if d.Status != "" {
				s.MoreHref = withParams(v.URL, "after", conn.PageInfo.EndCursor)
			} else {
				s.SeeAllHref = withParams(v.URL, "status", strings.ToLower(status), "after", "")
			}
		}
		if d.After != "" {
			s.FirstHref = withParams(v.URL, "after", "")
		}
		d.Total += s.TotalCount
		d.Sections = append(d.Sections, s)
	}
	for _, p := range d.Partners.Nodes() {
		if p.Funded.TotalCount > 0 {
			d.Funders = append(d.Funders, option{p.Slug, p.Name})
		}
	}
	statuses := v.T["projects"].(map[string]any)["statuses"].(map[string]any)
	for _, s := range projectStatuses {
		d.StatusOptions = append(d.StatusOptions, option{strings.ToLower(s), statuses[s].(string)})
	}
	d.Filtered = d.Status != "" || d.Area != "" || d.Funder != ""
	v.Page = &d
	return []answer{a}, "projects", nil
}
