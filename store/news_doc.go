package store

import "time"

// NewsDoc is a news item in the content format.
type NewsDoc struct {
	Slug        string     `json:"slug"`
	Note        string     `json:"_note,omitempty"`
	Title       Localized  `json:"title"`
	Summary     Localized  `json:"summary"`
	Body        Localized  `json:"body"`
	PublishedAt time.Time  `json:"publishedAt"`
	UpdatedAt   *time.Time `json:"updatedAt"`
	Topics      []string   `json:"topics"`
	Projects    []string   `json:"projects"`
	Partners    []string   `json:"partners"`
	Cover       *CoverDoc  `json:"cover,omitempty"`
	EditorialDoc
}

// NewsInput is a news item's content as an editor sends it. Lists are slugs.
type NewsInput struct {
	Slug     *string
	Title    Localized
	Summary  *Localized
	Body     *Localized
	Topics   []string
	Projects []string
	Partners []string
	Cover    *ImageInput
}

func (in *NewsInput) doc() *NewsDoc {
	return &NewsDoc{Slug: slugOr(in.Slug), Title: trimmed(in.Title), Summary: trimmed(orZero(in.Summary)),
		Body: orZero(in.Body), Topics: orEmpty(in.Topics), Projects: orEmpty(in.Projects), Partners: orEmpty(in.Partners),
		Cover: in.Cover.doc()}
}

// check checks a news item on its own; field names start with prefix.
func (n *NewsDoc) check(f string) error {
	return firstError(checkSlug(f+"slug", n.Slug), named(f+"title", n.Title),
		plain(f+"title", n.Title, maxTitle), plain(f+"summary", n.Summary, maxSummary), markdown(f+"body", n.Body),
		check(f+"publishedAt", !n.PublishedAt.IsZero(), "is required"),
		slugList(f+"topics", n.Topics), slugList(f+"projects", n.Projects),
		slugList(f+"partners", n.Partners), n.Cover.check(f+"cover"))
}

func (n *NewsDoc) slug() *string    { return &n.Slug }
func (n *NewsDoc) title() Localized { return n.Title }
func (n *NewsDoc) cover() *CoverDoc { return n.Cover }

// stamp gives a new item its publication time: now, until it is published.
func (n *NewsDoc) stamp(now time.Time) { n.PublishedAt = now }

func (n *NewsDoc) linkSlugs() map[string][]string {
	return map[string][]string{newsTopics.field: n.Topics, newsProjects.field: n.Projects, newsPartners.field: n.Partners}
}

func (n *NewsDoc) row(now time.Time) row {
	alt := n.Cover.alt()
	m := &NewsItem{Slug: n.Slug, PublishedAt: n.PublishedAt.UTC().Truncate(time.Second),
		Sr:        NewsText{Title: n.Title.Sr, Summary: n.Summary.Sr, Body: n.Body.Sr, CoverAlt: alt.Sr},
		En:        NewsText{Title: n.Title.En, Summary: n.Summary.En, Body: n.Body.En, CoverAlt: alt.En},
		CoverFile: n.Cover.file(), Publication: n.publication(now)}
	if n.UpdatedAt != nil {
		u := n.UpdatedAt.UTC().Truncate(time.Second)
		m.UpdatedAt = &u
	}
	return m
}

// newsDoc is a stored news item in the content format, with the slugs it links to.
func newsDoc(n *NewsItem, topics, projects, partners []string) NewsDoc {
	return NewsDoc{
		Slug:         n.Slug,
		Title:        Localized{Sr: n.Sr.Title, En: n.En.Title},
		Summary:      Localized{Sr: n.Sr.Summary, En: n.En.Summary},
		Body:         Localized{Sr: n.Sr.Body, En: n.En.Body},
		PublishedAt:  n.PublishedAt.UTC(),
		UpdatedAt:    utc(n.UpdatedAt),
		Topics:       orEmpty(topics),
		Projects:     orEmpty(projects),
		Partners:     orEmpty(partners),
		Cover:        coverDoc(n.CoverFile, n.Sr.CoverAlt, n.En.CoverAlt),
		EditorialDoc: n.Publication.editorialDoc(),
	}
}
