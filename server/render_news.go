package server

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// newsPageSize is PAGE_SIZE of routes/[locale=locale]/news/+page.ts.
const newsPageSize = 10

// newsPage is the answer of the app's NewsList query, and what the page shows of it.
type newsPage struct {
	News   edges[newsSummary] `json:"news"`
	Oldest edges[newsSummary] `json:"oldest"`
	Newest edges[newsSummary] `json:"newest"`
	Topics []topicRef         `json:"topics"`
	// Partner or Project: the item the list is narrowed to (?partner=, ?project=).
	Partner *partnerRef `json:"partner"`
	Project *struct {
		Slug  string `json:"slug"`
		Title string `json:"title"`
	} `json:"project"`

	Topic, Year, After, PartnerSlug, ProjectSlug string // the filters
	Years                                        []int
	Filtered                                     bool
	Count                                        string // "12 news items" or "Showing 1–10 of 12"
	About                                        *about
	NewerHref, OlderHref                         string
	NewerText                                    string
}

// about is the partner or project a news list is narrowed to.
type about struct {
	Before, After, Href, Name string
}

var fourDigits = regexp.MustCompile(`^\d{4}$`)

// renderNews is the news list, its filters and its pager.
func renderNews(rd *renderer, ctx context.Context, v *view, _ string) ([]answer, string, error) {
	q := v.URL.Query()
	d := newsPage{Topic: q.Get("topic"), Year: q.Get("year"), After: q.Get("after"), PartnerSlug: q.Get("partner"), ProjectSlug: q.Get("project")}
	filter := map[string]any{}
	if fourDigits.MatchString(d.Year) {
		filter["from"], filter["to"] = d.Year+"-01-01", d.Year+"-12-31"
	}
	for k, val := range map[string]string{"topic": d.Topic, "partner": d.PartnerSlug, "project": d.ProjectSlug} {
		if val != "" {
			filter[k] = val
		}
	}
	vars := map[string]any{
		"locale": gqlLocale(v.L), "first": newsPageSize, "after": nullable(d.After), "filter": filter,
		"partner": d.PartnerSlug, "withPartner": d.PartnerSlug != "",
		"project": d.ProjectSlug, "withProject": d.ProjectSlug != "",
	}
	a, err := rd.run(ctx, "NewsList", vars, &d)
	if err != nil {
		return nil, "", err
	}
	t := v.T["news"].(map[string]any)
	f := rd.Formats[v.L]
	d.Years = yearRange(d.Newest, d.Oldest)
	d.Filtered = d.Topic != "" || d.Year != ""
	switch {
	case len(d.News.Edges) == 0:
		d.Count = t["empty"].(string)
	case d.After == "": // the first page: the app knows where it starts
		d.Count = fmtText(t["range"].(string), "from", f.formatNumber(1), "to", f.formatNumber(len(d.News.Edges)), "total", f.formatNumber(d.News.TotalCount))
	default: // a later page reached by a link: where it starts is not known
		forms := t["count"].(map[string]any)
		form, _ := forms[pluralCategory(v.L, d.News.TotalCount)].(string)
		d.Count = fmtText(form, "n", f.formatNumber(d.News.TotalCount))
	}
	if d.Partner != nil || d.Project != nil {
		key, section, slug, name := "aboutPartner", "partners", "", ""
		if d.Partner != nil {
			slug, name = d.Partner.Slug, d.Partner.Name
		} else {
			key, section, slug, name = "aboutProject", "projects", d.Project.Slug, d.Project.Title
		}
		before, after, _ := strings.Cut(t[key].(string), "{name}")
		d.About = &about{before, after, "/" + v.L + "/" + section + "/" + slug, name}
	}
	if d.After != "" { // the app links "Newest" when it does not know the page before
		d.NewerHref, d.NewerText = withParams(v.URL, "after", ""), t["newest"].(string)
	}
	if d.News.PageInfo.HasNextPage && d.News.PageInfo.EndCursor != "" {
		d.OlderHref = withParams(v.URL, "after", d.News.PageInfo.EndCursor)
	}
	v.Page = &d
	return []answer{a}, "news", nil
}

// yearRange is news.ts yearRange: the years from the newest item's to the oldest's.
func yearRange(newest, oldest edges[newsSummary]) []int {
	if len(newest.Edges) == 0 || len(oldest.Edges) == 0 {
		return nil
	}
	year := func(iso string) int {
		t, err := time.Parse(time.RFC3339, iso)
		if err != nil {
			return 0
		}
		return t.In(belgrade).Year()
	}
	var out []int
	for y := year(newest.Edges[0].Node.PublishedAt); y >= year(oldest.Edges[0].Node.PublishedAt) && len(out) < 100; y-- {
		out = append(out, y)
	}
	return out
}

// nullable is a JSON null for "", as the app's `x || null`.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// yearOptions are the year filter's options.
func yearOptions(years []int) []option {
	out := make([]option, len(years))
	for i, y := range years {
		out[i] = option{strconv.Itoa(y), strconv.Itoa(y)}
	}
	return out
}

// option is one option of a SelectFilter.
type option struct{ Value, Label string }

func topicOptions(topics []topicRef) []option {
	out := make([]option, len(topics))
	for i, t := range topics {
		out[i] = option{t.Slug, t.Name}
	}
	return out
}
