// Command bench fills a SQLite database with realistic synthetic content and measures the
// portal's GraphQL API over real HTTP on the loopback interface. Run it from the
// repository root: go run ./bench [flags]. See bench/README.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // the store's date filters need Europe/Belgrade

	"github.com/agency/portal/graph"
	"github.com/agency/portal/server"
	"github.com/agency/portal/store"
)

func main() {
	if err := mainErr(); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

type options struct {
	news      int
	db        string
	c         int
	d         time.Duration
	scenarios string
	seed      uint64
	profile   string
	fillOnly  bool
}

func mainErr() error {
	var o options
	flag.IntVar(&o.news, "news", 100_000, "news items to generate (projects: 1 per 50, partners: 1 per 500)")
	flag.StringVar(&o.db, "db", "", "database file to keep or reuse, or a PostgreSQL URL postgres://… (default: a temporary SQLite file, removed at the end); an existing database with content is used as it is")
	flag.IntVar(&o.c, "c", 8, "concurrent workers")
	flag.DurationVar(&o.d, "d", 10*time.Second, "measured duration of each scenario (after a warm-up)")
	flag.StringVar(&o.scenarios, "scenarios", "", "comma-separated scenarios to run (default all): "+strings.Join(scenarioNames(), ", "))
	flag.Uint64Var(&o.seed, "seed", 1, "random seed of the generator and the workers")
	flag.StringVar(&o.profile, "cpuprofile", "", "write a CPU profile (server and workers, from the first measured run to the end; with -fill, of the generation) to this file")
	flag.BoolVar(&o.fillOnly, "fill", false, "generate the database (or find it generated) and stop")
	flag.Parse()
	if o.news < 1 || o.c < 1 || o.c > 1024 || o.d <= 0 || o.d > time.Hour {
		return errors.New("need -news ≥ 1, 1 ≤ -c ≤ 1024, 0 < -d ≤ 1h")
	}
	selected, err := selectScenarios(o.scenarios)
	if err != nil {
		return err
	}
	schema, err := os.ReadFile("schema.graphql")
	if err != nil {
		return fmt.Errorf("%w (run from the repository root: go run ./bench)", err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	dsn, err := prepare(ctx, o)
	if err != nil {
		return err
	}
	engine := "PostgreSQL"
	if !store.IsPostgres(dsn) {
		engine = "SQLite " + mib(dbSize(dsn))
		fmt.Printf("database size: %s\n", mib(dbSize(dsn)))
	}
	st, err := store.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	if store.IsPostgres(dsn) {
		if err := analyze(ctx, dsn); err != nil {
			return err
		}
	}
	count, err := newsCount(ctx, st)
	if err != nil {
		return err
	}
	slugs, err := projectSlugs(ctx, st)
	if err != nil {
		return err
	}
	if len(slugs) == 0 {
		return errors.New("the database has no projects")
	}

	if o.fillOnly {
		return nil
	}
	cost, err := countCost(ctx, st, dsn, 200)
	if err != nil {
		return err
	}
	fmt.Println(cost)
	results, err := serveAndLoad(ctx, st, schema, pageTargets(slugs, o.seed), selected, o)
	if err != nil {
		return err
	}

	fmt.Println()
	fmt.Printf("GOMAXPROCS %d, %s %s/%s, %d news items, %d projects, DB %s, -c %d, -d %v\n",
		runtime.GOMAXPROCS(0), runtime.Version(), runtime.GOOS, runtime.GOARCH, count, len(slugs), engine, o.c, o.d)
	printTable(results)
	fmt.Println(cost)
	fmt.Printf("memory of this process (the servers and the load driver share it): %s\n", processMemory())
	failures := 0
	for _, r := range results {
		failures += r.errors
	}
	if failures > 0 {
		return fmt.Errorf("%d requests failed", failures)
	}
	return ctx.Err()
}

func logf(format string, args ...any) { fmt.Printf(format+"\n", args...) }

func scenarioNames() []string {
	var names []string
	for _, s := range scenarios(nil) {
		names = append(names, strings.ReplaceAll(s.name, " ", "-"))
	}
	return names
}

// selectScenarios checks a -scenarios list: names with a space or a dash ("search-rare").
func selectScenarios(list string) (map[string]bool, error) {
	if strings.TrimSpace(list) == "" {
		return nil, nil
	}
	known := map[string]bool{}
	for _, n := range scenarioNames() {
		known[n] = true
	}
	out := map[string]bool{}
	for _, n := range strings.Split(list, ",") {
		n = strings.ReplaceAll(strings.TrimSpace(n), " ", "-")
		if !known[n] {
			return nil, fmt.Errorf("unknown scenario %q (have %s)", n, strings.Join(scenarioNames(), ", "))
		}
		out[n] = true
	}
	return out, nil
}

func newsCount(ctx context.Context, st *store.Store) (int, error) {
	conn, err := st.News(ctx, nil, store.NewsNewestFirst, store.Page{First: 1}, store.En)
	if err != nil {
		return 0, err
	}
	return conn.TotalCount(ctx)
}

// projectSlugs lists every project's slug, the project-page scenario's targets.
func projectSlugs(ctx context.Context, st *store.Store) ([]string, error) {
	var slugs []string
	p := store.Page{First: store.MaxFirst}
	for range 100_000 { // bounded: 10M projects
		conn, err := st.Projects(ctx, nil, store.ProjectsLatestFirst, p, store.En)
		if err != nil {
			return nil, err
		}
		for _, e := range conn.Edges {
			slugs = append(slugs, e.Node.Slug)
		}
		if !conn.PageInfo.HasNextPage || conn.PageInfo.EndCursor == nil {
			break
		}
		p.After = *conn.PageInfo.EndCursor
	}
	return slugs, nil
}

// projectPages is how many projects the project-page scenario opens: few enough that the
// warm-up puts them all in the response cache.
const projectPages = 20

// pageTargets picks the project-page scenario's projects at random (by seed).
func pageTargets(slugs []string, seed uint64) []string {
	r := randFor(seed, 999)
	out := slices.Clone(slugs)
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out[:min(projectPages, len(out))]
}

// dbSize is the size of the database file and its WAL, if any.
func dbSize(path string) int64 {
	var n int64
	for _, p := range []string{path, path + "-wal"} {
		if fi, err := os.Stat(p); err == nil {
			n += fi.Size()
		}
	}
	return n
}

func mib(n int64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }

// The phases of a run: each scenario against the portal without its response cache
// (cold), then with it (warm), both at -c workers and each after the static ceiling at -c
// workers, then the latency of a request on its own (one worker, cold) for the list and
// the searches.
type phase struct {
	name    string
	cached  bool
	workers func(o options) int
	only    map[string]bool // the scenarios it runs; nil: all
}

var phases = []phase{
	{name: "cold", workers: func(o options) int { return o.c }},
	{name: "warm", cached: true, workers: func(o options) int { return o.c }},
	{name: "c=1 cold", workers: func(options) int { return 1 },
		only: map[string]bool{"news list": true, "search common": true, "search rare": true, "search prefix": true}},
}

// serveAndLoad serves the portal on loopback ports, twice (with and without its response
// cache), and the static ceiling beside it, and runs the scenarios against them.
func serveAndLoad(ctx context.Context, st *store.Store, schema []byte, slugs []string, selected map[string]bool, o options) ([]*result, error) {
	srvCtx, cancel := context.WithCancel(ctx)
	var served []chan error
	defer func() {
		cancel()
		for _, ch := range served {
			<-ch
		}
	}()
	listen := func(h http.Handler) (string, error) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return "", err
		}
		ch := make(chan error, 1)
		served = append(served, ch)
		go func() { ch <- server.ServeListener(srvCtx, ln, h, 5*time.Second) }()
		return "http://" + ln.Addr().String() + "/graphql", nil
	}
	cfg := server.Config{Limits: graph.DefaultLimits, Schema: schema}
	cold, warm := cfg, cfg
	cold.ResponseCacheBytes = -1 // what --response-cache-mb 0 does
	coldURL, err := listen(server.New(st, cold))
	if err != nil {
		return nil, err
	}
	warmURL, err := listen(server.New(st, warm))
	if err != nil {
		return nil, err
	}
	hc := &http.Client{
		Timeout: requestTimeout,
		Transport: &http.Transport{
			Proxy:               nil, // loopback only, never through a proxy
			MaxIdleConns:        2 * o.c,
			MaxIdleConnsPerHost: 2 * o.c,
			IdleConnTimeout:     30 * time.Second,
			DisableCompression:  true, // every scenario, the ceiling too, sends the same plain JSON
		},
	}
	defer hc.CloseIdleConnections()

	// The static ceiling: the portal's own answer to the news list, served by a bare
	// handler with nothing else to do.
	ceilingBytes, err := rawGet(ctx, hc, coldURL, newsQuery)
	if err != nil {
		return nil, fmt.Errorf("the news list for the ceiling: %w", err)
	}
	ceilingURL, err := listen(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(ceilingBytes)
	}))
	if err != nil {
		return nil, err
	}
	fmt.Printf("serving the portal without its response cache at %s, with it at %s, and the static ceiling (%d bytes of the news list) at %s; warm-up %v, %v per scenario\n",
		coldURL, warmURL, len(ceilingBytes), ceilingURL, warmup(o.d), o.d)

	var results []*result
	var prof *os.File
	measure := func(label, url string, sc scenario, workers int, seed uint64) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		// One request first, to show the data is what the scenario expects.
		cl := sc.newClient(randFor(o.seed, int(seed%1000)), 0)
		q, vars := cl.next()
		data, err := get(ctx, hc, url, q, vars)
		if err != nil {
			return fmt.Errorf("%s %s: %w", label, sc.name, err)
		}
		fmt.Printf("%-8s %-14s check (%v): %s\n", label, sc.name, vars, sc.describe(data))
		run(ctx, hc, url, sc, workers, seed, warmup(o.d))
		if o.profile != "" && prof == nil {
			if prof, err = os.Create(o.profile); err != nil {
				return err
			}
			if err := pprof.StartCPUProfile(prof); err != nil {
				return err
			}
		}
		r := run(ctx, hc, url, sc, workers, seed+1, o.d)
		r.phase = label
		for _, s := range r.samples {
			fmt.Fprintf(os.Stderr, "%s %s: error: %s\n", label, sc.name, s)
		}
		results = append(results, r)
		return nil
	}
	defer func() {
		if prof != nil {
			pprof.StopCPUProfile()
			prof.Close()
		}
	}()
	news := scenarios(slugs)[0]
	ceiling := scenario{name: "static ceiling", newClient: news.newClient, describe: news.describe}
	for pi, ph := range phases {
		url := coldURL
		if ph.cached {
			url = warmURL
		}
		if ph.workers(o) == o.c { // the ceiling again, so that each ratio compares moments alike
			if err := measure(ph.name, ceilingURL, ceiling, o.c, o.seed); err != nil {
				return results, err
			}
		}
		for i, sc := range scenarios(slugs) {
			if selected != nil && !selected[strings.ReplaceAll(sc.name, " ", "-")] || ph.only != nil && !ph.only[sc.name] {
				continue
			}
			if err := measure(ph.name, url, sc, ph.workers(o), o.seed+uint64(pi*100+i)*7919); err != nil {
				return results, err
			}
		}
	}
	return results, nil
}

// warmup is the unmeasured run before each scenario: a fifth of the measured one,
// between 200 ms and 2 s.
func warmup(d time.Duration) time.Duration { return min(max(d/5, 200*time.Millisecond), 2*time.Second) }

func printTable(results []*result) {
	ms := func(d time.Duration) string { return fmt.Sprintf("%.2f", float64(d.Microseconds())/1000) }
	ceiling := map[string]float64{} // by phase
	for _, r := range results {
		if r.name == "static ceiling" {
			ceiling[r.phase] = r.rate()
		}
	}
	fmt.Printf("%-8s %-14s %9s %9s %8s %8s %8s %8s %7s %8s %9s\n", "phase", "scenario", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors", "gap ms", "ceiling")
	for _, r := range results {
		ratio := "-"
		if c := ceiling[r.phase]; c > 0 {
			ratio = fmt.Sprintf("%.1f %%", 100*r.rate()/c)
		}
		fmt.Printf("%-8s %-14s %9d %9.1f %8s %8s %8s %8s %7d %8s %9s\n", r.phase, r.name, r.requests, r.rate(),
			ms(r.percentile(0.50)), ms(r.percentile(0.95)), ms(r.percentile(0.99)), ms(r.percentile(1)), r.errors, ms(r.gap), ratio)
	}
	fmt.Println("(cold: the response cache off, as --response-cache-mb 0; warm: on, after the warm-up; ceiling: req/s as a share of the static ceiling's in the same phase;")
	fmt.Println(" gap ms: the longest the whole process went unscheduled, a max near it is the machine, not the portal)")
}

// processMemory is this process's resident memory, now and at its peak (VmRSS and VmHWM
// of /proc/self/status), on Linux.
func processMemory() string {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown (no /proc/self/status)"
	}
	var out []string
	for _, line := range strings.Split(string(raw), "\n") {
		if strings.HasPrefix(line, "VmRSS:") || strings.HasPrefix(line, "VmHWM:") {
			out = append(out, strings.Join(strings.Fields(line), " "))
		}
	}
	return strings.Join(out, ", ") + " (VmHWM is the peak)"
}
