package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/agency/portal/store"
	"github.com/agency/portal/translit"
)

// The shape of the generated content.
const (
	newsPerBatch    = 5000 // news items per store.BulkLoad batch (one transaction each)
	newsPerProject  = 50
	newsPerPartner  = 500
	minPartners     = 20 // enough funders and implementers for small runs
	minProjects     = 5
	years           = 15
	closingShare    = 0.85  // items that name the agency (and so "миграције"/"migration")
	rareShare       = 0.001 // items that mention Дивљана/Divljana
	cyrillicShare   = 0.50  // items with Serbian in Cyrillic …
	latinShare      = 0.20  // … in Latin script; the rest are in English only
	updatedShare    = 0.10
	noBudgetShare   = 0.10
	noStartShare    = 0.03
	openEndedShare  = 0.10
	projectURLShare = 0.30
)

// refEnd is the generated content's "today": fixed, so the output is deterministic.
var refEnd = time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)

// script is how an item's Serbian is written: Cyrillic, Latin, or not at all.
type script int

const (
	cyrillic script = iota
	latin
	englishOnly
)

// partnerInfo is what the generator remembers of a partner to refer to it.
type partnerInfo struct {
	slug  string
	name  pair
	kind  store.PartnerKind
	funds bool // may be a project's funder
	runs  bool // may be a project's implementer
}

type generator struct {
	r        *rand.Rand
	partners []partnerInfo
	funders  []int // indices into partners
	runners  []int
	projects []string
	cum      map[int][]float64 // Zipf-like cumulative weights by list length
}

func newGenerator(seed uint64) *generator {
	return &generator{r: rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15)), cum: map[int][]float64{}}
}

// zipf picks an index below n, index i with weight 1/(i+1): the first entries of a list
// are the common ones.
func (g *generator) zipf(n int) int {
	cum, ok := g.cum[n]
	if !ok {
		cum = make([]float64, n)
		total := 0.0
		for i := range n {
			total += 1 / float64(i+1)
			cum[i] = total
		}
		g.cum[n] = cum
	}
	return min(sort.SearchFloat64s(cum, g.r.Float64()*cum[n-1]), n-1)
}

// distinct picks k distinct indices below n with pick.
func (g *generator) distinct(k, n int, pick func(int) int) []int {
	k = min(k, n)
	var out []int
	for tries := 0; len(out) < k && tries < 50*k; tries++ {
		if i := pick(n); !slices.Contains(out, i) {
			out = append(out, i)
		}
	}
	return out
}

func (g *generator) uniform(n int) int { return g.r.IntN(n) }

func (g *generator) chance(p float64) bool { return g.r.Float64() < p }

func (g *generator) script() script {
	switch u := g.r.Float64(); {
	case u < cyrillicShare:
		return cyrillic
	case u < cyrillicShare+latinShare:
		return latin
	default:
		return englishOnly
	}
}

// sr is a Cyrillic text in an item's script.
func (s script) sr(text string) string {
	switch s {
	case latin:
		return translit.ToLatin(text)
	case englishOnly:
		return ""
	}
	return text
}

func (s script) srList(list []string) []string {
	out := []string{}
	if s == englishOnly {
		return out
	}
	for _, t := range list {
		out = append(out, s.sr(t))
	}
	return out
}

// sentence fills a sentence's {n} and {loc} slots alike in both languages.
func (g *generator) sentence(p pair) pair {
	if strings.Contains(p.sr, "{n}") {
		n := strconv.Itoa(12 + g.r.IntN(2500))
		p.sr, p.en = strings.ReplaceAll(p.sr, "{n}", n), strings.ReplaceAll(p.en, "{n}", n)
	}
	if strings.Contains(p.sr, "{loc}") {
		pl := places[g.zipf(len(places))]
		p.sr, p.en = strings.ReplaceAll(p.sr, "{loc}", pl.loc), strings.ReplaceAll(p.en, "{loc}", pl.en)
	}
	return p
}

// paragraph is n general sentences.
func (g *generator) paragraph(n int) pair {
	var sr, en []string
	for _, i := range g.distinct(n, len(sentences), g.uniform) {
		s := g.sentence(sentences[i])
		sr, en = append(sr, s.sr), append(en, s.en)
	}
	return pair{strings.Join(sr, " "), strings.Join(en, " ")}
}

// uniqueSlug makes a slug from a name, adding -2, -3 … when it was taken.
func uniqueSlug(taken map[string]int, name string) string {
	base := translit.Slug(name)
	if base == "" {
		base = "item"
	}
	taken[base]++
	if n := taken[base]; n > 1 {
		return base + "-" + strconv.Itoa(n)
	}
	return base
}

// partnersDoc makes the partners: the real ones first, then embassies, social welfare
// centres, local migration councils and associations in turn.
func (g *generator) partnersDoc(n int) []store.PartnerDoc {
	type cand struct {
		name, desc  pair
		acronym     string
		kind        store.PartnerKind
		funds, runs bool
	}
	var cands []cand
	for _, p := range corePartners {
		k := store.PartnerKind(p.kind)
		cands = append(cands, cand{p.name, p.desc, p.acronym, k,
			k == store.EUInstitution || k == store.UNAgency || k == store.Donor,
			k == store.UNAgency || k == store.NGO || k == store.InternationalOrganisation || p.acronym == "KIRS"})
	}
	var embassies, centres, councils, ngos []cand
	for _, c := range countries {
		embassies = append(embassies, cand{
			name: pair{"Амбасада " + c.sr + " у Београду", "Embassy of " + c.en + " in Belgrade"},
			desc: pair{"Дипломатско представништво које подржава пројекте у области миграција и азила.", "A diplomatic mission supporting projects in migration and asylum."},
			kind: store.Government, funds: true})
	}
	for _, p := range places {
		centres = append(centres, cand{
			name: pair{"Центар за социјални рад " + p.nom, "Social Welfare Centre " + p.en},
			desc: pair{"Установа социјалне заштите која брине о деци без пратње и рањивим мигрантима " + p.loc + ".", "A social care institution looking after unaccompanied children and vulnerable migrants in " + p.en + "."},
			kind: store.Government, runs: true})
		councils = append(councils, cand{
			name: pair{"Локални савет за миграције – " + p.nom, "Local Migration Council – " + p.en},
			desc: pair{"Савет локалне самоуправе за миграције и интеграцију " + p.loc + ".", "The local self-government's council on migration and integration in " + p.en + "."},
			kind: store.OtherKind})
	}
	for i, a := range ngoAdjectives {
		for j, nn := range ngoNouns {
			c := cand{
				name: pair{"Удружење „" + a.sr + " " + nn.sr + "“", "Association \"" + a.en + " " + nn.en + "\""},
				desc: pair{"Организација цивилног друштва која пружа подршку избеглицама и тражиоцима азила.", "A civil society organisation supporting refugees and asylum seekers."},
				kind: store.NGO, runs: true}
			if (i+j)%4 == 0 {
				c.name = pair{"Фондација „" + a.sr + " " + nn.sr + "“", a.en + " " + nn.en + " Foundation"}
				c.desc = pair{"Фондација која финансира програме за избеглице и мигранте.", "A foundation funding programmes for refugees and migrants."}
				c.kind, c.funds, c.runs = store.Donor, true, false
			}
			ngos = append(ngos, c)
		}
	}
	for i := 0; i < max(len(embassies), len(centres), len(councils), len(ngos)); i++ {
		for _, list := range [][]cand{embassies, centres, councils, ngos, ngos} {
			if i < len(list) {
				cands = append(cands, list[i])
			}
		}
	}
	cands = slices.CompactFunc(cands, func(a, b cand) bool { return a.name == b.name })

	taken := map[string]int{}
	var out []store.PartnerDoc
	for i := range n {
		c := cands[i%len(cands)]
		if round := i / len(cands); round > 0 { // more partners than names: number them
			suffix := " " + strconv.Itoa(round+1)
			c.name = pair{c.name.sr + suffix, c.name.en + suffix}
		}
		s := cyrillic
		if g.chance(latinShare) {
			s = latin
		}
		slug := uniqueSlug(taken, c.name.en)
		if c.acronym != "" && len(c.acronym) <= 6 && translit.Slug(c.acronym) == strings.ToLower(c.acronym) {
			slug = uniqueSlug(taken, c.acronym)
		}
		doc := store.PartnerDoc{
			Slug: slug, Name: pair2loc(s, c.name), Acronym: c.acronym, Kind: c.kind,
			Description: pair2loc(s, c.desc),
		}
		if g.chance(0.8) {
			doc.Website = "https://" + slug + ".example.org"
		}
		out = append(out, doc)
		g.partners = append(g.partners, partnerInfo{slug: slug, name: c.name, kind: c.kind, funds: c.funds, runs: c.runs})
		if c.funds {
			g.funders = append(g.funders, i)
		}
		if c.runs {
			g.runners = append(g.runners, i)
		}
	}
	if len(g.funders) == 0 || len(g.runners) == 0 {
		g.funders, g.runners = []int{0}, []int{0}
	}
	return out
}

func pair2loc(s script, p pair) store.Localized {
	return store.Localized{Sr: s.sr(p.sr), En: p.en}
}

func (g *generator) topicsDoc() []store.TopicDoc {
	var out []store.TopicDoc
	for _, t := range topics {
		out = append(out, store.TopicDoc{Slug: t.slug, Name: store.Localized{Sr: t.name.sr, En: t.name.en}})
	}
	return out
}

func (g *generator) pickPairs(list []pair, lo, hi int) (sr, en []string) {
	for _, i := range g.distinct(lo+g.r.IntN(hi-lo+1), len(list), g.uniform) {
		sr, en = append(sr, list[i].sr), append(en, list[i].en)
	}
	return sr, orEmpty(en)
}

func orEmpty(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

// projectsDoc makes n projects with dates, budgets and partners.
func (g *generator) projectsDoc(n int) []store.ProjectDoc {
	taken := map[string]int{}
	var out []store.ProjectDoc
	for range n {
		head := projectHeads[g.uniform(len(projectHeads))]
		focus := projectFocus[g.zipf(len(projectFocus))]
		scope := projectScopes[g.uniform(len(projectScopes))]
		if g.chance(0.25) {
			pl := places[g.zipf(len(places))]
			scope = pair{pl.loc, "in " + pl.en}
		}
		comp := focus.gen
		if head.dative {
			comp = focus.dat
		}
		title := pair{strings.TrimSpace(head.sr + " " + comp + " " + scope.sr), strings.TrimSpace(head.en + " " + focus.en + " " + scope.en)}
		s := g.script()
		slug := uniqueSlug(taken, title.en)

		funders := g.distinct(1+g.r.IntN(3), len(g.funders), g.zipf)
		runners := g.distinct(1+g.r.IntN(3), len(g.runners), g.zipf)
		coop := g.distinct(g.r.IntN(3), len(g.partners), g.zipf)
		slugsOf := func(idx []int, from []int) []string {
			out := []string{}
			for _, i := range idx {
				if from != nil {
					i = from[i]
				}
				out = append(out, g.partners[i].slug)
			}
			return out
		}
		funder, runner := g.partners[g.funders[funders[0]]].name, g.partners[g.runners[runners[0]]].name
		summary := pair{"Пројекат спроводи " + runner.sr + ", а финансира га " + funder.sr + ".",
			"The project is implemented by the " + runner.en + " and funded by the " + funder.en + "."}
		p1, p2 := g.paragraph(2+g.r.IntN(3)), g.paragraph(2+g.r.IntN(3))
		desc := pair{summary.sr + " " + p1.sr + "\n\n" + p2.sr, summary.en + " " + p1.en + "\n\n" + p2.en}

		doc := store.ProjectDoc{
			Slug: slug, Title: pair2loc(s, title), Summary: pair2loc(s, summary), Description: pair2loc(s, desc),
			Funders: slugsOf(funders, g.funders), Implementers: slugsOf(runners, g.runners), Partners: slugsOf(coop, nil),
		}
		switch u := g.r.Float64(); {
		case u < 0.3:
			doc.OfficialTitle = doc.Title
		case u < 0.5:
			year := strconv.Itoa(2010 + g.r.IntN(15))
			doc.OfficialTitle = pair2loc(s, pair{title.sr + " (ИПА " + year + ")", title.en + " (IPA " + year + ")"})
		}
		for _, i := range g.distinct(1+g.r.IntN(3), len(topics), g.zipf) {
			doc.Areas = append(doc.Areas, topics[i].slug)
		}
		var locSr, locEn []string
		for _, i := range g.distinct(1+g.r.IntN(3), len(places), g.zipf) {
			locSr, locEn = append(locSr, places[i].nom), append(locEn, places[i].en)
		}
		doc.Locations = store.LocalizedList{Sr: s.srList(locSr), En: locEn}
		for _, f := range []struct {
			dst    *store.LocalizedList
			list   []pair
			lo, hi int
		}{{&doc.ExpectedResults, expectedResults, 2, 4}, {&doc.Objectives, objectives, 1, 2},
			{&doc.SpecificObjectives, specificObjectives, 0, 3}, {&doc.TargetGroups, targetGroups, 1, 3}} {
			sr, en := g.pickPairs(f.list, f.lo, f.hi)
			*f.dst = store.LocalizedList{Sr: s.srList(sr), En: en}
		}
		g.projectDates(&doc)
		if !g.chance(noBudgetShare) {
			doc.Budget = g.budget()
		}
		if g.chance(projectURLShare) {
			doc.URL = "https://projects.example.org/" + slug
		}
		out = append(out, doc)
		g.projects = append(g.projects, slug)
	}
	return out
}

// projectDates sets the dates, their precision and the status that follows from them.
func (g *generator) projectDates(doc *store.ProjectDoc) {
	doc.DatePrecision = store.Day
	if g.chance(noStartShare) {
		doc.Status = store.Completed
		if g.chance(0.3) {
			doc.Status = store.Ongoing
		}
		return
	}
	first := refEnd.AddDate(-years-2, 0, 0)
	start := first.AddDate(0, 0, g.r.IntN(int(refEnd.AddDate(1, 0, 0).Sub(first).Hours()/24)))
	end := start.AddDate(0, 6+g.r.IntN(43), g.r.IntN(28))
	switch u := g.r.Float64(); {
	case u < 0.05:
		doc.DatePrecision = store.Year
		start = time.Date(start.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
		end = time.Date(end.Year(), 12, 31, 0, 0, 0, 0, time.UTC)
	case u < 0.30:
		doc.DatePrecision = store.Month
		start = time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, time.UTC)
		end = time.Date(end.Year(), end.Month()+1, 0, 0, 0, 0, 0, time.UTC)
	}
	s, e := start.Format(time.DateOnly), end.Format(time.DateOnly)
	doc.StartDate = &s
	if !g.chance(openEndedShare) {
		doc.EndDate = &e
	}
	switch {
	case start.After(refEnd):
		doc.Status = store.Planned
	case doc.EndDate != nil && end.Before(refEnd):
		doc.Status = store.Completed
	default:
		doc.Status = store.Ongoing
	}
}

// budget is an exact decimal amount: whole thousands, whole units, or with cents.
func (g *generator) budget() *store.Money {
	currency := "EUR"
	switch u := g.r.Float64(); {
	case u < 0.2:
		currency = "USD"
	case u < 0.3:
		currency = "GBP"
	}
	amount := 20_000 + g.r.IntN(4_980_000)
	var s string
	switch u := g.r.Float64(); {
	case u < 0.4:
		s = strconv.Itoa(amount / 1000 * 1000)
	case u < 0.7:
		s = strconv.Itoa(amount)
	default:
		s = fmt.Sprintf("%d.%02d", amount, 1+g.r.IntN(99))
	}
	return &store.Money{Amount: s, Currency: currency}
}

// publishTimes are n publication times over the last 15 years, oldest first, on working
// hours (in UTC), so news IDs follow publication as they would in a real import.
func (g *generator) publishTimes(n int) []time.Time {
	first := refEnd.AddDate(-years, 0, 0)
	days := int(refEnd.Sub(first).Hours() / 24)
	out := make([]time.Time, n)
	for i := range out {
		out[i] = first.AddDate(0, 0, g.r.IntN(days)).Add(6*time.Hour + time.Duration(g.r.IntN(11*3600))*time.Second)
	}
	slices.SortFunc(out, func(a, b time.Time) int { return a.Compare(b) })
	return out
}

// newsDoc makes news item i, published at t.
func (g *generator) newsDoc(i int, t time.Time) store.NewsDoc {
	a := actors[g.zipf(len(actors))]
	ev := events[g.uniform(len(events))]
	pl := places[g.zipf(len(places))]
	ending := [3]string{"о", "ла", "ло"}
	past, pastShort := ev.srStem+ending[a.g], ev.srStem+ending[a.gShort]
	title := pair{a.srShort + " " + pastShort + " " + ev.srObj + " " + pl.loc, a.enShort + " " + ev.enHead + " " + ev.enObj + " in " + pl.en}
	lead := pair{a.sr + " је " + past + " " + ev.srObj + " " + pl.loc + ".", a.en + " " + ev.enPast + " " + ev.enObj + " in " + pl.en + "."}

	first := g.paragraph(1 + g.r.IntN(2))
	summary := pair{lead.sr + " " + first.sr, lead.en + " " + first.en}
	paras := []pair{summary}
	for range 1 + g.r.IntN(3) {
		paras = append(paras, g.paragraph(2+g.r.IntN(2)))
	}
	if g.chance(rareShare) {
		last := &paras[len(paras)-1]
		last.sr, last.en = last.sr+" "+rare.sr, last.en+" "+rare.en
	}
	if g.chance(closingShare) {
		paras = append(paras, closing)
	}
	var bodySr, bodyEn []string
	for _, p := range paras {
		bodySr, bodyEn = append(bodySr, p.sr), append(bodyEn, p.en)
	}
	body := pair{strings.Join(bodySr, "\n\n"), strings.Join(bodyEn, "\n\n")}

	s := g.script()
	doc := store.NewsDoc{
		Slug:  translit.Slug(title.en) + "-" + strconv.Itoa(i+1),
		Title: pair2loc(s, title), Summary: pair2loc(s, summary), Body: pair2loc(s, body),
		PublishedAt: t, Topics: []string{}, Projects: []string{}, Partners: []string{},
	}
	if g.chance(updatedShare) {
		u := t.Add(time.Duration(1+g.r.IntN(30*24)) * time.Hour)
		doc.UpdatedAt = &u
	}
	for _, j := range g.distinct(1+g.r.IntN(3), len(topics), g.zipf) {
		doc.Topics = append(doc.Topics, topics[j].slug)
	}
	nProjects := 0
	switch u := g.r.Float64(); {
	case u < 0.15:
		nProjects = 2
	case u < 0.50:
		nProjects = 1
	}
	for _, j := range g.distinct(nProjects, len(g.projects), g.uniform) {
		doc.Projects = append(doc.Projects, g.projects[j])
	}
	for _, j := range g.distinct(g.r.IntN(4), len(g.partners), g.zipf) {
		doc.Partners = append(doc.Partners, g.partners[j].slug)
	}
	return doc
}

// generate fills an empty store through store.BulkLoad: topics, partners and projects
// in the first batch, then the news in batches of newsPerBatch items (one transaction
// each), built while the previous batch is written.
func generate(ctx context.Context, st *store.Store, seed uint64, nNews int, logf func(string, ...any)) error {
	g := newGenerator(seed)
	nPartners := max(nNews/newsPerPartner, minPartners)
	nProjects := max(nNews/newsPerProject, minProjects)
	base := &store.Content{Topics: g.topicsDoc()}
	base.Partners = g.partnersDoc(nPartners)
	base.Projects = g.projectsDoc(nProjects)
	logf("generating %d topics, %d partners, %d projects", len(base.Topics), nPartners, nProjects)

	times := g.publishTimes(nNews)
	batches := make(chan *store.Content, 1)
	genCtx, stop := context.WithCancel(ctx)
	defer stop()
	go func() {
		defer close(batches)
		batch := base
		for from := 0; ; from += newsPerBatch {
			select {
			case batches <- batch:
			case <-genCtx.Done():
				return
			}
			if from >= nNews {
				return
			}
			batch = &store.Content{}
			for i := from; i < min(from+newsPerBatch, nNews); i++ {
				batch.News = append(batch.News, g.newsDoc(i, times[i]))
			}
		}
	}()
	start, lastLog := time.Now(), time.Now()
	written := 0
	err := st.BulkLoad(ctx, func() (*store.Content, error) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		c, ok := <-batches
		if !ok {
			logf("  %d news items written in %v; counting the lists", written, time.Since(start).Round(time.Second))
			return nil, nil
		}
		if time.Since(lastLog) > 10*time.Second {
			lastLog = time.Now()
			logf("  %d/%d news items, %v, %.0f items/s", written, nNews, time.Since(start).Round(time.Second),
				float64(written)/time.Since(start).Seconds())
		}
		written += len(c.News)
		return c, nil
	})
	return err
}
