package graph

import (
	"context"
	"net/http"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/agency/portal/store"
)

// Nested lists are loaded through per-request dataloaders: the resolvers of a page of
// items ask for their children one by one, the loader collects the keys for a moment and
// the store fetches them all in one statement (two for paged children: items and counts).

// key names the children of one parent, served in one locale.
type key struct {
	ID     int64
	Locale store.Locale
}

// pageKey names one page of the children of one parent.
type pageKey struct {
	ID     int64
	Locale store.Locale
	Page   store.Page
	Role   store.PartnerRole // only for a partner's projects; "" is any role
}

// pageGroup is what the keys fetched together share.
type pageGroup struct {
	Locale store.Locale
	Page   store.Page
	Role   store.PartnerRole
}

type loaders struct {
	topicsOfNews       *dataloadgen.Loader[key, []*store.Topic]
	topicsOfProjects   *dataloadgen.Loader[key, []*store.Topic]
	partnersOfNews     *dataloadgen.Loader[key, []*store.Partner]
	projectsOfNews     *dataloadgen.Loader[key, []*store.Project]
	partnersOfProjects *dataloadgen.Loader[key, map[store.PartnerRole][]*store.Partner]
	newsOfProjects     *dataloadgen.Loader[pageKey, *store.NewsConnection]
	newsOfPartners     *dataloadgen.Loader[pageKey, *store.NewsConnection]
	projectsOfPartners *dataloadgen.Loader[pageKey, *store.ProjectConnection]
}

// DefaultLoaderWait is how long a loader collects keys before it fetches: long enough
// for the resolvers of a page of items to ask, short enough not to be felt.
const DefaultLoaderWait = 5 * time.Millisecond

func newLoaders(s *store.Store, wait time.Duration) *loaders {
	byLocale := func(k key) (store.Locale, int64) { return k.Locale, k.ID }
	byPage := func(k pageKey) (pageGroup, int64) { return pageGroup{k.Locale, k.Page, k.Role}, k.ID }
	opt := dataloadgen.WithWait(wait)
	return &loaders{
		topicsOfNews:       dataloadgen.NewLoader(grouped(byLocale, s.TopicsOfNews), opt),
		topicsOfProjects:   dataloadgen.NewLoader(grouped(byLocale, s.TopicsOfProjects), opt),
		partnersOfNews:     dataloadgen.NewLoader(grouped(byLocale, s.PartnersOfNews), opt),
		projectsOfNews:     dataloadgen.NewLoader(grouped(byLocale, s.ProjectsOfNews), opt),
		partnersOfProjects: dataloadgen.NewLoader(grouped(byLocale, s.PartnersOfProjects), opt),
		newsOfProjects: dataloadgen.NewLoader(grouped(byPage, func(ctx context.Context, ids []int64, g pageGroup) (map[int64]*store.NewsConnection, error) {
			return s.NewsOfProjects(ctx, ids, g.Page, g.Locale)
		}), opt),
		newsOfPartners: dataloadgen.NewLoader(grouped(byPage, func(ctx context.Context, ids []int64, g pageGroup) (map[int64]*store.NewsConnection, error) {
			return s.NewsOfPartners(ctx, ids, g.Page, g.Locale)
		}), opt),
		projectsOfPartners: dataloadgen.NewLoader(grouped(byPage, func(ctx context.Context, ids []int64, g pageGroup) (map[int64]*store.ProjectConnection, error) {
			var role *store.PartnerRole
			if g.Role != "" {
				role = &g.Role
			}
			return s.ProjectsOfPartners(ctx, ids, role, g.Page, g.Locale)
		}), opt),
	}
}

// grouped makes a loader's fetch function: it splits the keys into groups that one store
// call can serve (same locale, same page arguments) and makes that call once per group.
func grouped[K comparable, G comparable, V any](split func(K) (G, int64), fetch func(context.Context, []int64, G) (map[int64]V, error)) func(context.Context, []K) ([]V, []error) {
	return func(ctx context.Context, keys []K) ([]V, []error) {
		ids := map[G][]int64{}
		for _, k := range keys {
			g, id := split(k)
			ids[g] = append(ids[g], id)
		}
		results := make(map[G]map[int64]V, len(ids))
		for g, list := range ids {
			m, err := fetch(ctx, list, g)
			if err != nil {
				errs := make([]error, len(keys))
				for i := range errs {
					errs[i] = err
				}
				return make([]V, len(keys)), errs
			}
			results[g] = m
		}
		out := make([]V, len(keys))
		for i, k := range keys {
			g, id := split(k)
			out[i] = results[g][id]
		}
		return out, nil
	}
}

type loadersKey struct{}

// withLoaders gives every request its own loaders, so nothing is cached across requests.
func withLoaders(s *store.Store, wait time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := context.WithValue(r.Context(), loadersKey{}, newLoaders(s, wait))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func loadersFrom(ctx context.Context) *loaders {
	return ctx.Value(loadersKey{}).(*loaders)
}
