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
	"path/filepath"
	"runtime"
	"runtime/pprof"
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
}

func mainErr() error {
	var o options
	flag.IntVar(&o.news, "news", 100_000, "news items to generate (projects: 1 per 50, partners: 1 per 500)")
	flag.StringVar(&o.db, "db", "", "database file to keep or reuse, or a PostgreSQL URL postgres://… (default: a temporary SQLite file, removed at the end); an existing database with content is used as it is")
	flag.IntVar(&o.c, "c", 8, "concurrent workers")
	flag.DurationVar(&o.d, "d", 10*time.Second, "measured duration of each scenario (after a warm-up)")
	flag.StringVar(&o.scenarios, "scenarios", "", "comma-separated scenarios to run (default all): "+strings.Join(scenarioNames(), ", "))
	flag.Uint64Var(&o.seed, "seed", 1, "random seed of the generator and the workers")
	flag.StringVar(&o.profile, "cpuprofile", "", "write a CPU profile (server and workers, from the first measured run to the end) to this file")
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

	path := o.db
	if path == "" {
		dir, err := os.MkdirTemp("", "portal-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		path = filepath.Join(dir, "bench.db")
	}

	// Fill the database unless it has content already, then close it so that the WAL is
	// checkpointed and the file size is the real one.
	st, err := store.Open(ctx, path)
	if err != nil {
		return err
	}
	existing, err := newsCount(ctx, st)
	if err != nil {
		st.Close()
		return err
	}
	if existing > 0 {
		fmt.Printf("reusing %s: %d news items already there, generation skipped\n", store.RedactDSN(path), existing)
	} else {
		fmt.Printf("generating %d news items into %s (seed %d)\n", o.news, store.RedactDSN(path), o.seed)
		start := time.Now()
		if err := generate(ctx, st, o.seed, o.news, logf); err != nil {
			st.Close()
			return err
		}
		fmt.Printf("generation: %v\n", time.Since(start).Round(time.Millisecond))
	}
	if err := st.Close(); err != nil {
		return err
	}
	size, engine := "", "PostgreSQL"
	if !store.IsPostgres(path) {
		size, engine = mib(dbSize(path)), "SQLite "+mib(dbSize(path))
		fmt.Printf("database size: %s\n", size)
	}

	if st, err = store.Open(ctx, path); err != nil {
		return err
	}
	defer st.Close()
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

	results, err := serveAndLoad(ctx, st, schema, slugs, selected, o)
	if err != nil {
		return err
	}

	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Println()
	fmt.Printf("GOMAXPROCS %d, %s %s/%s, %d news items, %d projects, DB %s, -c %d, -d %v\n",
		runtime.GOMAXPROCS(0), runtime.Version(), runtime.GOOS, runtime.GOARCH, count, len(slugs), engine, o.c, o.d)
	printTable(results)
	fmt.Printf("Go heap after the run (server and load driver share the process): HeapInuse %s, Sys %s\n",
		mib(int64(ms.HeapInuse)), mib(int64(ms.Sys)))
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

// serveAndLoad serves the portal on a loopback port and runs the scenarios against it.
func serveAndLoad(ctx context.Context, st *store.Store, schema []byte, slugs []string, selected map[string]bool, o options) ([]*result, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	srvCtx, cancel := context.WithCancel(ctx)
	served := make(chan error, 1)
	h := server.New(st, server.Config{Limits: graph.DefaultLimits, Schema: schema})
	go func() { served <- server.ServeListener(srvCtx, ln, h, 5*time.Second) }()
	defer func() {
		cancel()
		<-served
	}()

	url := "http://" + ln.Addr().String() + "/graphql"
	hc := &http.Client{
		Timeout: requestTimeout,
		Transport: &http.Transport{
			Proxy:               nil, // loopback only, never through a proxy
			MaxIdleConns:        2 * o.c,
			MaxIdleConnsPerHost: 2 * o.c,
			IdleConnTimeout:     30 * time.Second,
		},
	}
	defer hc.CloseIdleConnections()
	fmt.Printf("serving on %s; %d workers, warm-up %v, %v per scenario\n", url, o.c, warmup(o.d), o.d)

	var results []*result
	var prof *os.File
	for i, sc := range scenarios(slugs) {
		if selected != nil && !selected[strings.ReplaceAll(sc.name, " ", "-")] {
			continue
		}
		if err := ctx.Err(); err != nil {
			return results, err
		}
		// One request first, to show the data is what the scenario expects.
		cl := sc.newClient(randFor(o.seed, 1000+i), 0)
		q, vars := cl.next()
		data, err := post(ctx, hc, url, q, vars)
		if err != nil {
			return results, fmt.Errorf("%s: %w", sc.name, err)
		}
		fmt.Printf("%-14s check (%v): %s\n", sc.name, vars, sc.describe(data))
		run(ctx, hc, url, sc, o.c, o.seed+uint64(i)*7919, warmup(o.d))
		if o.profile != "" && prof == nil {
			if prof, err = os.Create(o.profile); err != nil {
				return results, err
			}
			defer prof.Close()
			if err := pprof.StartCPUProfile(prof); err != nil {
				return results, err
			}
			defer pprof.StopCPUProfile()
		}
		r := run(ctx, hc, url, sc, o.c, o.seed+uint64(i)*7919+1, o.d)
		for _, s := range r.samples {
			fmt.Fprintf(os.Stderr, "%s: error: %s\n", sc.name, s)
		}
		results = append(results, r)
	}
	return results, nil
}

// warmup is the unmeasured run before each scenario: a fifth of the measured one,
// between 200 ms and 2 s.
func warmup(d time.Duration) time.Duration { return min(max(d/5, 200*time.Millisecond), 2*time.Second) }

func printTable(results []*result) {
	ms := func(d time.Duration) string { return fmt.Sprintf("%.2f", float64(d.Microseconds())/1000) }
	fmt.Printf("%-14s %9s %9s %8s %8s %8s %8s %7s %8s\n", "scenario", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors", "gap ms")
	for _, r := range results {
		fmt.Printf("%-14s %9d %9.1f %8s %8s %8s %8s %7d %8s\n", r.name, r.requests, float64(r.requests)/r.elapsed.Seconds(),
			ms(r.percentile(0.50)), ms(r.percentile(0.95)), ms(r.percentile(0.99)), ms(r.percentile(1)), r.errors, ms(r.gap))
	}
	fmt.Println("(gap ms: the longest the whole process went unscheduled; a max near it is the machine, not the portal)")
}
