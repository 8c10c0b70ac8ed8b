package graph

import (
	"time"

	"github.com/agency/portal/store"
)

// setComplexity makes a connection cost what it may return: its fields times `first`
// (20 when not given; `first: 0`, for totalCount alone, costs 1), so a query's cost bounds
// the rows it can read. Every other field costs 1 plus its children, gqlgen's default.
func setComplexity(c *ComplexityRoot) {
	page := func(child int, first *int) int {
		n := store.DefaultFirst
		if first != nil && *first >= 0 {
			n = *first
		}
		return 1 + child*n
	}
	c.Query.News = func(child int, first *int, _ *string, _ *store.NewsFilter, _ *store.NewsOrder, _ *store.Locale) int {
		return page(child, first)
	}
	c.Query.Projects = func(child int, first *int, _ *string, _ *store.ProjectFilter, _ *store.ProjectOrder, _ *store.Locale) int {
		return page(child, first)
	}
	c.Query.Partners = func(child int, first *int, _ *string, _ *store.PartnerFilter, _ *store.PartnerOrder, _ *store.Locale) int {
		return page(child, first)
	}
	c.Query.RemovedSince = func(child int, _ time.Time, first *int, _ *string) int { return page(child, first) }
	c.Query.Search = func(child int, _ string, _ []store.Kind, _ *string, _ *int, first *int, _ *string, _ *store.Locale) int {
		return page(child, first)
	}
	c.Project.News = func(child int, first *int, _ *string) int { return page(child, first) }
	c.Partner.News = func(child int, first *int, _ *string) int { return page(child, first) }
	c.Partner.Projects = func(child int, first *int, _ *string, _ *store.PartnerRole) int { return page(child, first) }
}
