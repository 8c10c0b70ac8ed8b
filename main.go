// Command portal is the public website and open GraphQL API of the Commissariat for
// Refugees and Migration: one binary, one SQLite file.
//
//	portal serve [--addr 127.0.0.1:8080] [--db ./data/portal.db] [--cors-origins a,b] [--no-demo]
//	             [--public-url https://portal.example.gov.rs] [--trusted-proxy 127.0.0.1/32,::1]
//	             [--media ./data/media] [--metrics-addr 127.0.0.1:9090] [--min-free-mb 100]
//	portal user add --email E --role admin|editor [--db ./data/portal.db]
//	portal backup --to FILE [--db ./data/portal.db]
//	portal restore --from FILE [--db ./data/portal.db]
//	portal export [--to FILE] [--db ./data/portal.db]
//	portal import --from FILE|- [--db ./data/portal.db]
//
// Every flag can also be set by an environment variable: PORTAL_ADDR, PORTAL_DB,
// PORTAL_CORS_ORIGINS, PORTAL_NO_DEMO, PORTAL_PUBLIC_URL, PORTAL_TRUSTED_PROXY,
// PORTAL_MEDIA, PORTAL_METRICS_ADDR, PORTAL_MIN_FREE_MB. A flag wins over its variable. On its first start, serve creates an admin
// from PORTAL_ADMIN_EMAIL and PORTAL_ADMIN_PASSWORD when the database has no account.
package main

import (
	"context"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
	_ "time/tzdata" // Europe/Belgrade without the system's zoneinfo

	"github.com/agency/portal/explorer"
	"github.com/agency/portal/graph"
	"github.com/agency/portal/metrics"
	"github.com/agency/portal/server"
	"github.com/agency/portal/store"
	"github.com/agency/portal/web"
)

//go:embed schema.graphql
var schema []byte

const usage = `portal: the migration and asylum portal

usage:
  portal serve [flags]           serve the site and the GraphQL API
  portal backup --to FILE        copy the database to a new file, safely while the server runs
  portal restore --from FILE     replace the database with a backup; refused while the
                                 server runs: stop it first
  portal export [--to FILE]      write all content as JSON (default: to standard output)
  portal import --from FILE      import content JSON (- for standard input); all or nothing
  portal user add --email E --role admin|editor
                                 add an editors' account; the password is asked for (or
                                 read as one line from standard input), never a flag
  portal help                    show this text

Every command takes --db FILE (PORTAL_DB, default ./data/portal.db).
Run "portal COMMAND -h" for the flags of a command.
`

func main() {
	// Every line logged while serving a request carries its request_id.
	slog.SetDefault(slog.New(server.LogRequestIDs(slog.NewTextHandler(os.Stderr, nil))))
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "serve":
		err = serve(os.Args[2:])
	case "backup":
		err = backup(os.Args[2:])
	case "restore":
		err = restore(os.Args[2:])
	case "export":
		err = export(os.Args[2:])
	case "import":
		err = importContent(os.Args[2:])
	case "user":
		err = userCmd(context.Background(), os.Args[2:], os.Stdin, os.Stderr)
	case "help", "-h", "--help":
		fmt.Print(usage)
	default:
		fmt.Fprintf(os.Stderr, "portal: unknown command %q\n\n%s", os.Args[1], usage)
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "portal:", err)
		os.Exit(1)
	}
}

// dbFlag is the --db flag every command takes.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", env("PORTAL_DB", "./data/portal.db"), "SQLite database file, or a PostgreSQL URL postgres://user@host/dbname (PORTAL_DB)")
}

// parse parses a command's flags; done is true after -h, which prints the flags.
func parse(fs *flag.FlagSet, args []string) (done bool, err error) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return true, nil
		}
		return true, err
	}
	if fs.NArg() > 0 {
		return true, fmt.Errorf("%s: unexpected argument %q", fs.Name(), fs.Arg(0))
	}
	return false, nil
}

// openExisting opens a database that must exist: backup and export of a mistyped path
// should fail, not create an empty database.
func openExisting(ctx context.Context, path string) (*store.Store, error) {
	if store.IsPostgres(path) {
		return store.Open(ctx, path)
	}
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("no database: %w", err)
	}
	return store.Open(ctx, path)
}

func backup(args []string) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	db := dbFlag(fs)
	to := fs.String("to", "", "the backup file to create; it must not exist")
	if done, err := parse(fs, args); done {
		return err
	}
	if *to == "" {
		return errors.New("backup: --to FILE is required")
	}
	ctx := context.Background()
	st, err := openExisting(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Backup(ctx, *to); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "backed up %s to %s\n", store.RedactDSN(*db), *to)
	return nil
}

func restore(args []string) error {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	db := dbFlag(fs)
	from := fs.String("from", "", "the backup file to restore; stop the server first")
	if done, err := parse(fs, args); done {
		return err
	}
	if *from == "" {
		return errors.New("restore: --from FILE is required")
	}
	if store.IsPostgres(*db) {
		return errors.New("restore: --db is a PostgreSQL database: restore it with pg_restore (portal restore replaces a SQLite file)")
	}
	if err := store.Restore(context.Background(), *from, *db); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "restored %s from %s\n", *db, *from)
	return nil
}

func export(args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	db := dbFlag(fs)
	to := fs.String("to", "-", "the JSON file to write; - for standard output")
	if done, err := parse(fs, args); done {
		return err
	}
	ctx := context.Background()
	st, err := openExisting(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	c, err := st.Export(ctx)
	if err != nil {
		return err
	}
	if *to == "-" {
		return c.Encode(os.Stdout)
	}
	f, err := os.Create(*to)
	if err != nil {
		return err
	}
	if err := c.Encode(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func importContent(args []string) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	db := dbFlag(fs)
	from := fs.String("from", "", "the content JSON file to import; - for standard input")
	if done, err := parse(fs, args); done {
		return err
	}
	in := os.Stdin
	switch *from {
	case "":
		return errors.New("import: --from FILE is required (- for standard input)")
	case "-":
	default:
		f, err := os.Open(*from)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	c, err := store.DecodeContent(in)
	if err != nil {
		return err
	}
	ctx := context.Background()
	st, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Import(ctx, c); err != nil {
		return err
	}
	fmt.Printf("imported %d topics, %d partners, %d projects, %d news items into %s\n",
		len(c.Topics), len(c.Partners), len(c.Projects), len(c.News), store.RedactDSN(*db))
	return nil
}

func serve(args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", env("PORTAL_ADDR", "127.0.0.1:8080"), "address to listen on (PORTAL_ADDR)")
	db := fs.String("db", env("PORTAL_DB", "./data/portal.db"), "SQLite database file, created when missing, or a PostgreSQL URL postgres://user@host/dbname (PORTAL_DB)")
	origins := fs.String("cors-origins", env("PORTAL_CORS_ORIGINS", "*"), "comma-separated origins that may call /graphql from a browser; * for any (PORTAL_CORS_ORIGINS)")
	publicURL := fs.String("public-url", env("PORTAL_PUBLIC_URL", ""), "the site's public URL for canonical links, e.g. https://portal.example.gov.rs; empty uses each request's Host (PORTAL_PUBLIC_URL)")
	noDemo := fs.Bool("no-demo", envBool("PORTAL_NO_DEMO"), "start with an empty database instead of loading the demo content (PORTAL_NO_DEMO)")
	mediaDir := fs.String("media", env("PORTAL_MEDIA", ""), "folder of uploaded images, created when missing; empty: a media folder beside the database file; required with PostgreSQL, a folder every instance shares (PORTAL_MEDIA)")
	trustedProxy := fs.String("trusted-proxy", env("PORTAL_TRUSTED_PROXY", ""), "comma-separated CIDRs of reverse proxies whose X-Forwarded-For gives the client's address, e.g. 127.0.0.1/32; empty trusts none (PORTAL_TRUSTED_PROXY)")
	metricsAddr := fs.String("metrics-addr", env("PORTAL_METRICS_ADDR", ""), "address of a separate listener serving Prometheus metrics at /metrics, e.g. 127.0.0.1:9090; empty serves none (PORTAL_METRICS_ADDR)")
	minFreeMB := fs.Int64("min-free-mb", envInt("PORTAL_MIN_FREE_MB", 100), "/healthz answers 503 when the database's or the media folder's file system has less free space than this, in MB; 0 turns the check off (PORTAL_MIN_FREE_MB)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	proxies, err := parsePrefixes(*trustedProxy)
	if err != nil {
		return err
	}
	if *publicURL != "" {
		u, err := url.Parse(*publicURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.Trim(u.Path, "/") != "" || u.RawQuery != "" {
			return fmt.Errorf("--public-url %q is not an http or https origin such as https://portal.example.gov.rs", *publicURL)
		}
	}
	if *mediaDir == "" && store.IsPostgres(*db) {
		return errors.New("--media is required with a PostgreSQL --db: the folder of uploaded images that every instance shares")
	}
	if *mediaDir == "" {
		*mediaDir = filepath.Join(filepath.Dir(*db), "media")
	}
	if *minFreeMB < 0 {
		return fmt.Errorf("--min-free-mb %d: give a number of MB, or 0 to turn the check off", *minFreeMB)
	}
	site, err := web.Site()
	if err != nil {
		slog.Warn("serving without the front end: app routes answer 503", "err", err)
		site = nil
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	if !store.IsPostgres(*db) { // PostgreSQL: several servers on one database are the point
		lock, err := store.LockDatabase(*db) // before Open, which may migrate: one server per file
		if err != nil {
			return serveRefused(err)
		}
		defer lock.Release()
	}
	st, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := os.MkdirAll(*mediaDir, 0o755); err != nil { // after the database's folder, which is 0750
		return fmt.Errorf("media folder: %w", err)
	}
	if err := firstAdmin(ctx, st, os.Getenv); err != nil {
		return err
	}
	if !*noDemo {
		loaded, err := st.LoadDemo(ctx)
		if err != nil {
			return err
		}
		if loaded {
			slog.Info("loaded the demo content", "db", store.RedactDSN(*db))
		}
	}

	m := metrics.New()
	st.Instrument(m)
	h := server.New(st, server.Config{
		CORSOrigins:    splitList(*origins),
		Limits:         graph.DefaultLimits,
		Schema:         schema,
		Explorer:       explorer.Handler("/graphql"),
		Site:           site,
		PublicURL:      *publicURL,
		TrustedProxies: proxies,
		MediaDir:       *mediaDir,
		Metrics:        m,
		MinFreeBytes:   *minFreeMB << 20,
	})
	go st.RunPublisher(ctx) // scheduled items enter search on time
	slog.Info("serving", "url", "http://"+*addr+"/", "graphql", "/graphql", "explorer", "/graphiql", "db", store.RedactDSN(*db), "media", *mediaDir)
	if *metricsAddr != "" {
		slog.Info("serving metrics", "url", "http://"+*metricsAddr+"/metrics")
	}
	err = serveBoth(ctx, *addr, h, *metricsAddr, m.Handler())
	slog.Info("stopped")
	return err
}

// serveBoth serves the site on addr and, when metricsAddr is not empty, the metrics on
// a listener of their own, until ctx is done or one of them fails; then it shuts both
// down gracefully. Both addresses are taken before either serves, so a wrong one stops
// the start.
func serveBoth(ctx context.Context, addr string, h http.Handler, metricsAddr string, mh http.Handler) error {
	const grace = 10 * time.Second
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	if metricsAddr == "" {
		return server.ServeListener(ctx, ln, h, grace)
	}
	mln, err := net.Listen("tcp", metricsAddr)
	if err != nil {
		ln.Close()
		return fmt.Errorf("--metrics-addr: %w", err)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	metricsDone := make(chan error, 1)
	go func() {
		metricsDone <- server.ServeListener(ctx, mln, mh, grace)
		cancel() // the metrics stopped: stop the site too, loudly
	}()
	err = server.ServeListener(ctx, ln, h, grace)
	cancel()
	return errors.Join(err, <-metricsDone)
}

// serveRefused explains a database lock serve could not take.
func serveRefused(err error) error {
	var inUse *store.InUseError
	if errors.As(err, &inUse) {
		return fmt.Errorf("serve: %w: two servers must not share one SQLite file; stop the other one, or give this one another --db", inUse)
	}
	return err
}

func env(name, def string) string {
	if v, ok := os.LookupEnv(name); ok {
		return v
	}
	return def
}

func envInt(name string, def int64) int64 {
	n, err := strconv.ParseInt(os.Getenv(name), 10, 64)
	if err != nil {
		return def
	}
	return n
}

func envBool(name string) bool {
	b, _ := strconv.ParseBool(os.Getenv(name))
	return b
}

func splitList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}
