package server

import (
	"context"
	"html/template"
)

// newsItemPage is the answer of the app's NewsItem query.
type newsItemPage struct {
	NewsItem *struct {
		Slug        string        `json:"slug"`
		Locale      string        `json:"locale"`
		Title       string        `json:"title"`
		Summary     string        `json:"summary"`
		BodyHTML    template.HTML `json:"bodyHtml"` // sanitised by the store, shown as the app shows it ({@html})
		Cover       *coverImage   `json:"cover"`
		PublishedAt string        `json:"publishedAt"`
		RevisedAt   string        `json:"revisedAt"` // null when the text was never revised after publication
		Topics      []topicRef    `json:"topics"`
		Projects    []struct {
			Slug   string `json:"slug"`
			Title  string `json:"title"`
			Status string `json:"status"`
		} `json:"projects"`
		Partners []partnerRef `json:"partners"`
	} `json:"newsItem"`
}

// renderNewsItem is a news item's page.
func renderNewsItem(rd *renderer, ctx context.Context, v *view, slug string) ([]answer, string, error) {
	var d newsItemPage
	a, err := rd.run(ctx, "NewsItem", map[string]any{"slug": slug, "locale": gqlLocale(v.L)}, &d)
	if err != nil {
		return nil, "", err
	}
	if d.NewsItem == nil {
		return nil, "", errNotFound
	}
	v.Page = &d
	return []answer{a}, "newsitem", nil
}
