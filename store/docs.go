package store

import "time"

// The content format of stored items: what Export writes and what an update compares to
// tell which fields changed. Link lists are slugs, in the order given.

func partnerDoc(p *Partner) PartnerDoc {
	return PartnerDoc{
		Slug: p.Slug, Name: Localized{Sr: p.Sr.Name, En: p.En.Name}, Acronym: deref(p.Acronym), Kind: p.Kind,
		Website: deref(p.Website), Description: Localized{Sr: p.Sr.Description, En: p.En.Description},
		PublishedAt: utc(p.PublishedAt), EditorialDoc: p.Publication.doc(),
	}
}

func projectDoc(p *Project, areas, funders, implementers, partners []string) ProjectDoc {
	budget := p.Budget
	if budget != nil && budget.Amount == "" && budget.Currency == "" {
		budget = nil
	}
	list := func(sr, en []string) LocalizedList { return LocalizedList{Sr: orEmpty(sr), En: orEmpty(en)} }
	return ProjectDoc{
		Slug:               p.Slug,
		Title:              Localized{Sr: p.Sr.Title, En: p.En.Title},
		OfficialTitle:      Localized{Sr: p.Sr.OfficialTitle, En: p.En.OfficialTitle},
		Summary:            Localized{Sr: p.Sr.Summary, En: p.En.Summary},
		Description:        Localized{Sr: p.Sr.Description, En: p.En.Description},
		Status:             p.Status,
		StartDate:          p.StartDate,
		EndDate:            p.EndDate,
		DatePrecision:      p.DatePrecision,
		Budget:             budget,
		Funders:            orEmpty(funders),
		Implementers:       orEmpty(implementers),
		Partners:           orEmpty(partners),
		Areas:              orEmpty(areas),
		Locations:          list(p.Sr.Locations, p.En.Locations),
		ExpectedResults:    list(p.Sr.ExpectedResults, p.En.ExpectedResults),
		Objectives:         list(p.Sr.Objectives, p.En.Objectives),
		SpecificObjectives: list(p.Sr.SpecificObjectives, p.En.SpecificObjectives),
		TargetGroups:       list(p.Sr.TargetGroups, p.En.TargetGroups),
		URL:                deref(p.URL),
		Cover:              coverDoc(p.CoverFile, p.Sr.CoverAlt, p.En.CoverAlt),
		PublishedAt:        utc(p.PublishedAt),
		EditorialDoc:       p.Publication.doc(),
	}
}

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
		EditorialDoc: n.Publication.doc(),
	}
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// doc is what the content format says of a publication.
func (p Publication) doc() EditorialDoc {
	return EditorialDoc{Draft: p.State == Draft, DeletedAt: utc(p.DeletedAt)}
}

func coverDoc(f *ImageFile, sr, en string) *CoverDoc {
	if f == nil {
		return nil
	}
	return &CoverDoc{ImageFile: *f, Alt: Localized{Sr: sr, En: en}}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
