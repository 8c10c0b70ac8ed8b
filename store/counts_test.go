package store

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"
)

// listCase is one public list with one filter: its totalCount, and the items it shows,
// walked page by page.
type listCase struct {
	name string
	page func(ctx context.Context, p Page) (edges int, info *PageInfo, total func(context.Context) (int, error), err error)
}

// walk counts the items a list shows over all its pages, and returns its totalCount.
func (c listCase) walk(ctx context.Context) (shown, total int, err error) {
	p := Page{First: MaxFirst}
	for i := 0; ; i++ {
		n, info, count, err := c.page(ctx, p)
		if err != nil {
			return 0, 0, err
		}
		if i == 0 {
			if total, err = count(ctx); err != nil {
				return 0, 0, err
			}
		}
		shown += n
		if !info.HasNextPage {
			return shown, total, nil
		}
		p.After = *info.EndCursor
	}
}

func ptr[T any](v T) *T { return &v }

// countCases lists the public lists with every filter each takes, alone and combined, for
// the topics, partners and projects of the demo content (and one slug that names nothing).
func countCases(s *Store, demo *Content) []listCase {
	var cases []listCase
	news := func(name string, f *NewsFilter) {
		cases = append(cases, listCase{"news " + name, func(ctx context.Context, p Page) (int, *PageInfo, func(context.Context) (int, error), error) {
			c, err := s.News(ctx, f, NewsNewestFirst, p, En)
			if err != nil {
				return 0, nil, nil, err
			}
			return len(c.Edges), c.PageInfo, c.TotalCount, nil
		}})
	}
	projects := func(name string, f *ProjectFilter) {
		cases = append(cases, listCase{"projects " + name, func(ctx context.Context, p Page) (int, *PageInfo, func(context.Context) (int, error), error) {
			c, err := s.Projects(ctx, f, ProjectsLatestFirst, p, En)
			if err != nil {
				return 0, nil, nil, err
			}
			return len(c.Edges), c.PageInfo, c.TotalCount, nil
		}})
	}
	partners := func(name string, f *PartnerFilter) {
		cases = append(cases, listCase{"partners " + name, func(ctx context.Context, p Page) (int, *PageInfo, func(context.Context) (int, error), error) {
			c, err := s.Partners(ctx, f, PartnersBySlug, p, En)
			if err != nil {
				return 0, nil, nil, err
			}
			return len(c.Edges), c.PageInfo, c.TotalCount, nil
		}})
	}
	news("unfiltered", nil)
	news("empty filter", &NewsFilter{})
	projects("unfiltered", nil)
	partners("unfiltered", nil)
	topics := []string{"no-such-slug"}
	for _, t := range demo.Topics {
		topics = append(topics, t.Slug)
	}
	partnerSlugs := []string{"no-such-slug"}
	for _, p := range demo.Partners {
		partnerSlugs = append(partnerSlugs, p.Slug)
	}
	projectSlugs := []string{"no-such-slug"}
	for _, p := range demo.Projects {
		projectSlugs = append(projectSlugs, p.Slug)
	}
	for _, t := range topics {
		news("topic "+t, &NewsFilter{Topic: ptr(t)})
		news("topic "+t+" from 2024-01-01", &NewsFilter{Topic: ptr(t), From: ptr("2024-01-01")})
		projects("topic "+t, &ProjectFilter{Topic: ptr(t)})
		projects("topic "+t+" ongoing", &ProjectFilter{Topic: ptr(t), Status: []ProjectStatus{Ongoing}})
	}
	for _, p := range partnerSlugs {
		news("partner "+p, &NewsFilter{Partner: ptr(p)})
		news("partner "+p+" and topic "+topics[1], &NewsFilter{Partner: ptr(p), Topic: ptr(topics[1])})
		projects("funder "+p, &ProjectFilter{Funder: ptr(p)})
		projects("implementer "+p, &ProjectFilter{Implementer: ptr(p)})
		projects("funder and implementer "+p, &ProjectFilter{Funder: ptr(p), Implementer: ptr(p)})
	}
	for _, p := range projectSlugs {
		news("project "+p, &NewsFilter{Project: ptr(p)})
	}
	news("from 2020-01-01 to 2030-12-31", &NewsFilter{From: ptr("2020-01-01"), To: ptr("2030-12-31")})
	news("to 2025-06-01", &NewsFilter{To: ptr("2025-06-01")})
	for _, st := range [][]ProjectStatus{{Planned}, {Ongoing}, {Completed}, {Ongoing, Completed}, {Ongoing, Ongoing}} {
		projects(fmt.Sprint("status ", st), &ProjectFilter{Status: st})
	}
	projects("active on 2025-01-01", &ProjectFilter{ActiveOn: ptr("2025-01-01")})
	for _, k := range [][]PartnerKind{{NGO}, {UNAgency}, {NGO, Donor, Government}, {NGO, NGO}} {
		partners(fmt.Sprint("kind ", k), &PartnerFilter{Kind: k})
	}
	return cases
}

// checkCounts fails the test unless every list's totalCount is the number of items it
// shows, and every counter is what a recount from the rows gives.
func checkCounts(t *testing.T, s *Store, cases []listCase, after string) {
	t.Helper()
	ctx := context.Background()
	for _, c := range cases {
		shown, total, err := c.walk(ctx)
		var refused *InputError
		if errors.As(err, &refused) && strings.HasPrefix(refused.Field, "filter.") {
			continue // a slug the public does not see (now): refused, nothing to count
		}
		if err != nil {
			t.Fatalf("after %s: %s: %v", after, c.name, err)
		}
		if total != shown {
			t.Errorf("after %s: %s: totalCount %d, want %d (the items the list shows)", after, c.name, total, shown)
		}
	}
	got, want := counters(t, s)
	if !maps.Equal(got, want) {
		t.Errorf("after %s: the counters are\n%v\nwant (recounted from the rows)\n%v", after, got, want)
	}
	checkVocabularyCounts(t, s, after)
}

// checkVocabularyCounts fails the test unless the vocabulary's counts, in all and by kind,
// are what a recount of the items' terms gives.
func checkVocabularyCounts(t *testing.T, s *Store, after string) {
	t.Helper()
	ctx := context.Background()
	want, err := countItemTerms(ctx, s.write)
	if err != nil {
		t.Fatal(err)
	}
	var all []struct {
		Term string
		Docs int
	}
	var byKind []struct {
		Term string
		Kind int64
		Docs int
	}
	if err := s.write.NewSelect().Table("search_terms").Column("term", "docs").Scan(ctx, &all); err != nil {
		t.Fatal(err)
	}
	if err := s.write.NewSelect().Table("search_term_kinds").Column("term", "kind", "docs").Scan(ctx, &byKind); err != nil {
		t.Fatal(err)
	}
	gotAll, gotByKind := map[string]int{}, map[kindTerm]int{}
	for _, r := range all {
		gotAll[r.Term] = r.Docs
	}
	for _, r := range byKind {
		gotByKind[kindTerm{r.Kind, r.Term}] = r.Docs
	}
	if len(want.docs) == 0 || !maps.Equal(gotAll, want.docs) {
		t.Errorf("after %s: search_terms counts %d terms, the items' terms %d (or none): they differ", after, len(gotAll), len(want.docs))
	}
	if !maps.Equal(gotByKind, want.byKind) {
		t.Errorf("after %s: search_term_kinds counts %d terms of a kind, the items' terms %d: they differ", after, len(gotByKind), len(want.byKind))
	}
}

// counters reads the non-zero counters as they are, and as recountLists makes them again
// from the rows (in a transaction rolled back).
func counters(t *testing.T, s *Store) (kept, recounted map[string]int) {
	t.Helper()
	ctx := context.Background()
	read := func(db bun.IDB) map[string]int {
		var rows []struct {
			List, Key string
			N         int
		}
		if err := db.NewSelect().Table("list_counts").Column("list", "key", "n").Where("n != 0").Scan(ctx, &rows); err != nil {
			t.Fatal(err)
		}
		out := map[string]int{}
		for _, r := range rows {
			out[r.List+" "+r.Key] = r.N
		}
		return out
	}
	kept = read(s.write)
	errRollback := errors.New("rollback")
	err := s.write.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := recountLists(ctx, tx); err != nil {
			return err
		}
		recounted = read(tx)
		return errRollback
	})
	if !errors.Is(err, errRollback) {
		t.Fatal(err)
	}
	return kept, recounted
}

// TestCountsAfterEachWrite: after every kind of write to content, and when a scheduled
// item's time comes (before the publisher has run), each list's totalCount, with each
// filter, is the number of items the list shows, and the counters are what a recount
// from the rows gives.
func TestCountsAfterEachWrite(t *testing.T) {
	ctx := context.Background()
	s, demo, admin := openDemo(t)
	now := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now })
	cases := countCases(s, demo)

	type item struct {
		gid     string
		version int
	}
	items := map[string]*item{}
	keep := func(name string) func(Source, error) error {
		return func(src Source, err error) error {
			if err == nil {
				items[name] = &item{src.GlobalID(), editorialOf(src).Version}
			}
			return err
		}
	}
	change := func(name string, action AuditAction, at *time.Time) func() error {
		return func() error {
			it := items[name]
			return keep(name)(s.ChangeState(ctx, admin, it.gid, it.version, Transition{Action: action, At: at}))
		}
	}
	newsDoc := func(topics, partners, projects []string) *NewsDoc {
		return &NewsDoc{Slug: "counted", Title: Localized{En: "Counted"}, Summary: Localized{En: "A news item to count."},
			Topics: topics, Partners: partners, Projects: projects}
	}
	saveNews := func(d *NewsDoc) func() error {
		return func() error {
			it := items["news"]
			if it == nil {
				return keep("news")(s.save(ctx, admin, newsKind, "", 0, d))
			}
			return keep("news")(s.save(ctx, admin, newsKind, it.gid, it.version, d))
		}
	}
	partner := demo.Partners[0].Slug
	project := &ProjectDoc{Slug: "counted-project", Title: Localized{En: "Counted project"}, Status: Planned,
		DatePrecision: Day, StartDate: ptr("2024-01-01"), Areas: []string{demo.Topics[2].Slug},
		Funders: []string{partner}, Implementers: []string{demo.Partners[1].Slug}, Partners: []string{}}
	saveProject := func(status ProjectStatus, funders ...string) func() error {
		return func() error {
			d := *project
			d.Status, d.Funders = status, funders
			if it := items["project"]; it != nil {
				return keep("project")(s.save(ctx, admin, projectKind, it.gid, it.version, &d))
			}
			return keep("project")(s.save(ctx, admin, projectKind, "", 0, &d))
		}
	}
	later := now.Add(time.Hour)
	imported := *demo
	imported.News = append(slices.Clone(demo.News), NewsDoc{Slug: "imported", Title: Localized{En: "Imported"},
		PublishedAt: now.Add(-time.Hour), Topics: []string{demo.Topics[1].Slug}, Partners: []string{partner}})
	steps := []struct {
		name string
		do   func() error
	}{
		{"create a news draft", saveNews(newsDoc([]string{demo.Topics[0].Slug}, []string{partner}, nil))},
		{"publish it", change("news", ActionPublish, nil)},
		{"update its topics, partners and projects", saveNews(newsDoc([]string{demo.Topics[1].Slug, demo.Topics[3].Slug},
			[]string{demo.Partners[2].Slug}, []string{demo.Projects[0].Slug}))},
		{"unpublish it", change("news", ActionUnpublish, nil)},
		{"publish it again", change("news", ActionPublish, nil)},
		{"delete it", change("news", ActionDelete, nil)},
		{"restore it", change("news", ActionRestore, nil)},
		{"schedule it an hour later", change("news", ActionSchedule, &later)},
		{"its time comes, before the publisher runs", func() error { now = later; return nil }},
		{"the publisher runs", func() error { _, err := s.IndexDue(ctx); return err }},
		{"create and publish a project", func() error {
			if err := saveProject(Planned, partner)(); err != nil {
				return err
			}
			return change("project", ActionPublish, nil)()
		}},
		{"change its status and funders", saveProject(Completed, demo.Partners[3].Slug, demo.Partners[4].Slug)},
		{"create and publish a partner", func() error {
			d := &PartnerDoc{Slug: "counted-partner", Name: Localized{En: "Counted"}, Kind: Donor}
			if err := keep("partner")(s.save(ctx, admin, partnerKind, "", 0, d)); err != nil {
				return err
			}
			return change("partner", ActionPublish, nil)()
		}},
		{"change the partner's kind", func() error {
			it := items["partner"]
			d := &PartnerDoc{Slug: "counted-partner", Name: Localized{En: "Counted"}, Kind: NGO}
			return keep("partner")(s.save(ctx, admin, partnerKind, it.gid, it.version, d))
		}},
		{"schedule the partner a day later", func() error {
			at := now.Add(24 * time.Hour)
			return change("partner", ActionSchedule, &at)()
		}},
		{"import the demo with one more item", func() error { return s.Import(ctx, &imported) }},
		{"import the demo again", func() error { return s.Import(ctx, demo) }},
		{"the partner's day comes", func() error { now = now.Add(25 * time.Hour); return nil }},
	}
	checkCounts(t, s, cases, "loading the demo")
	for _, step := range steps {
		if err := step.do(); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		checkCounts(t, s, cases, step.name)
	}
}

// TestCountsRandomWrites: random saves and state changes of news items, projects and
// partners, with random links and scheduled times, keep every counter equal to a recount
// and every totalCount equal to what its list shows.
func TestCountsRandomWrites(t *testing.T) {
	ctx := context.Background()
	s, demo, admin := openDemo(t)
	now := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now })
	cases := countCases(s, demo)
	r := rand.New(rand.NewPCG(7, 11))
	pick := func(list []string) []string {
		var out []string
		for _, v := range list {
			if r.IntN(4) == 0 {
				out = append(out, v)
			}
		}
		return out
	}
	var topics, partners, projects []string
	for _, x := range demo.Topics {
		topics = append(topics, x.Slug)
	}
	for _, x := range demo.Partners {
		partners = append(partners, x.Slug)
	}
	for _, x := range demo.Projects {
		projects = append(projects, x.Slug)
	}
	type item struct {
		k       *kind
		gid     string
		version int
	}
	var items []*item
	docFor := func(k *kind, i int) doc {
		slug := fmt.Sprintf("random-%d", i)
		switch k {
		case newsKind:
			return &NewsDoc{Slug: slug, Title: Localized{En: slug}, Topics: pick(topics), Partners: pick(partners), Projects: pick(projects)}
		case projectKind:
			return &ProjectDoc{Slug: slug, Title: Localized{En: slug}, Status: []ProjectStatus{Planned, Ongoing, Completed}[r.IntN(3)],
				DatePrecision: Day, Areas: pick(topics), Funders: pick(partners), Implementers: pick(partners), Partners: []string{}}
		default:
			return &PartnerDoc{Slug: slug, Name: Localized{En: slug}, Kind: []PartnerKind{NGO, Donor, UNAgency}[r.IntN(3)]}
		}
	}
	actions := []AuditAction{ActionPublish, ActionSchedule, ActionUnpublish, ActionDelete, ActionRestore}
	for step := range 60 {
		var src Source
		var err error
		switch {
		case len(items) < 6 || r.IntN(3) == 0:
			k := registry[r.IntN(len(registry))]
			i := len(items)
			if len(items) >= 6 && r.IntN(2) == 0 { // an update of an existing item
				i = r.IntN(len(items))
				k = items[i].k
			}
			if i < len(items) {
				src, err = s.save(ctx, admin, k, items[i].gid, items[i].version, docFor(k, i))
			} else {
				src, err = s.save(ctx, admin, k, "", 0, docFor(k, i))
				if err == nil {
					items = append(items, &item{k: k})
				}
			}
			if err == nil {
				items[i].gid, items[i].version = src.GlobalID(), editorialOf(src).Version
			}
		default:
			it := items[r.IntN(len(items))]
			at := now.Add(time.Duration(1+r.IntN(90)) * time.Minute)
			src, err = s.ChangeState(ctx, admin, it.gid, it.version, Transition{Action: actions[r.IntN(len(actions))], At: &at})
			if err == nil {
				it.version = editorialOf(src).Version
			}
		}
		var in *InputError
		if err != nil && !errors.As(err, &in) { // a transition that does not apply is bad input: skipped
			t.Fatalf("step %d: %v", step, err)
		}
		now = now.Add(time.Duration(r.IntN(20)) * time.Minute)
		if step%10 == 9 {
			checkCounts(t, s, cases, fmt.Sprintf("random step %d", step))
		}
	}
}
