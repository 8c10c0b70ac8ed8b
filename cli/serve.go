package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"time"

	"github.com/agency/portal/explorer"
	"github.com/agency/portal/graph"
	"github.com/agency/portal/metrics"
	"github.com/agency/portal/server"
	"github.com/agency/portal/store"
	"github.com/agency/portal/web"
	"github.com/agency/portal/webhook"
)

// serveOptions are serve's flags, checked.
type serveOptions struct {
	addr, db, metricsAddr string
	corsOrigins           []string
	publicURL             string
	noDemo                bool
	mediaDir              string
	trustedProxies        []netip.Prefix
	minFreeBytes          int64
	httpCache             server.HTTPCache
	responseCacheBytes    int64 // server.Config's: negative turns the cache off
	rateLimit             int   // requests a minute per client address to /graphql; 0: no limit
	iatiOrgID             string
	webhookAllowPrivate   bool // webhook.Options.AllowPrivate
}

// serve is `portal serve`: the site and the GraphQL API, until SIGINT or SIGTERM.
func serve(args []string, schema []byte) error {
	opts, done, err := parseServe(args)
	if done {
		return err
	}
	site, err := web.Site()
	if err != nil {
		slog.Warn("serving without the front end: app routes answer 503", "err", err)
		site = nil
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	if !store.IsPostgres(opts.db) { // PostgreSQL: several servers on one database are the point
		lock, err := store.LockDatabase(opts.db) // before Open, which may migrate: one server per file
		if err != nil {
			return serveRefused(err)
		}
		defer lock.Release()
	}
	st, err := store.Open(ctx, opts.db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := prepare(ctx, st, opts); err != nil {
		return err
	}

	m := metrics.New()
	st.Instrument(m)
	h := server.New(st, server.Config{
		CORSOrigins:        opts.corsOrigins,
		Limits:             graph.DefaultLimits,
		Schema:             schema,
		Explorer:           explorer.Handler("/graphql"),
		Site:               site,
		PublicURL:          opts.publicURL,
		TrustedProxies:     opts.trustedProxies,
		MediaDir:           opts.mediaDir,
		Metrics:            m,
		MinFreeBytes:       opts.minFreeBytes,
		HTTPCache:          &opts.httpCache,
		ResponseCacheBytes: opts.responseCacheBytes,
		RateLimit:          server.RateLimit{Requests: opts.rateLimit, Window: time.Minute},
		IATIOrgID:          opts.iatiOrgID,
	})
	go st.RunPublisher(ctx) // scheduled items enter search on time
	hooks, err := st.StartWebhooks(ctx, webhook.New(webhook.Options{AllowPrivate: opts.webhookAllowPrivate}).Send, store.WebhookOptions{})
	if err != nil {
		return fmt.Errorf("webhooks: %w", err)
	}
	defer stopWebhooks(hooks) // before st.Close, deferred earlier
	slog.Info("serving", "url", "http://"+opts.addr+"/", "graphql", "/graphql", "explorer", "/graphiql", "db", store.RedactDSN(opts.db), "media", opts.mediaDir)
	if opts.metricsAddr != "" {
		slog.Info("serving metrics", "url", "http://"+opts.metricsAddr+"/metrics")
	}
	err = serveBoth(ctx, opts.addr, h, opts.metricsAddr, m.Handler())
	slog.Info("stopped")
	return err
}

// parseServe parses and checks serve's flags; done is true after -h or a bad flag.
func parseServe(args []string) (opts serveOptions, done bool, err error) {
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
	cacheMaxAge := fs.Duration("cache-max-age", envDuration("PORTAL_CACHE_MAX_AGE", server.DefaultHTTPCache.MaxAge), "how long partners' caches and proxies may keep a public answer to a GET query before revalidating it, e.g. 30s; 0 makes them revalidate every time (PORTAL_CACHE_MAX_AGE)")
	cacheStale := fs.Duration("cache-stale", envDuration("PORTAL_CACHE_STALE", server.DefaultHTTPCache.StaleWhileRevalidate), "how much longer they may serve it stale while revalidating it, e.g. 60s (PORTAL_CACHE_STALE)")
	webhookAllowPrivate := fs.Bool("webhook-allow-private", envBool("PORTAL_WEBHOOK_ALLOW_PRIVATE"), "let webhooks go to loopback, private, link-local and other non-public addresses, e.g. an endpoint inside the agency's network; refused by default (PORTAL_WEBHOOK_ALLOW_PRIVATE)")
	responseCacheMB := fs.Int64("response-cache-mb", envInt("PORTAL_RESPONSE_CACHE_MB", server.DefaultResponseCacheBytes>>20), "memory for the cache of public answers, in MB; 0 turns it off (PORTAL_RESPONSE_CACHE_MB)")
	rateLimit := fs.Int("api-rate-limit", int(envInt("PORTAL_API_RATE_LIMIT", int64(server.DefaultRateLimit.Requests))), "requests a minute each client address may send to /graphql (the portal's own pages are not counted); 0 turns the limit off (PORTAL_API_RATE_LIMIT)")
	iatiOrgID := fs.String("iati-org-id", env("PORTAL_IATI_ORG_ID", server.DefaultIATIOrgID), "the agency's IATI organisation identifier, which the open-data IATI file reports as and prefixes activity identifiers with, e.g. XM-DAC-12345; the default is a placeholder (PORTAL_IATI_ORG_ID)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return opts, true, nil
		}
		return opts, true, err
	}
	proxies, err := parsePrefixes(*trustedProxy)
	if err != nil {
		return opts, true, err
	}
	if *publicURL != "" && !isOrigin(*publicURL) {
		return opts, true, fmt.Errorf("--public-url %q is not an http or https origin such as https://portal.example.gov.rs", *publicURL)
	}
	if *mediaDir == "" && store.IsPostgres(*db) {
		return opts, true, errors.New("--media is required with a PostgreSQL --db: the folder of uploaded images that every instance shares")
	}
	if *mediaDir == "" {
		*mediaDir = filepath.Join(filepath.Dir(*db), "media")
	}
	if *minFreeMB < 0 {
		return opts, true, fmt.Errorf("--min-free-mb %d: give a number of MB, or 0 to turn the check off", *minFreeMB)
	}
	if *responseCacheMB < 0 {
		return opts, true, fmt.Errorf("--response-cache-mb %d: give a number of MB, or 0 to turn the cache off", *responseCacheMB)
	}
	responseCacheBytes := *responseCacheMB << 20
	if responseCacheBytes == 0 {
		responseCacheBytes = -1 // server.Config: off
	}
	if *rateLimit < 0 {
		return opts, true, fmt.Errorf("--api-rate-limit %d: give a number of requests a minute, or 0 to turn the limit off", *rateLimit)
	}
	if *cacheMaxAge < 0 || *cacheStale < 0 {
		return opts, true, fmt.Errorf("--cache-max-age %s, --cache-stale %s: give durations of 0 or more, such as 30s", *cacheMaxAge, *cacheStale)
	}
	if !iatiOrgPattern.MatchString(*iatiOrgID) {
		return opts, true, fmt.Errorf("--iati-org-id %q is not an IATI organisation identifier such as XM-DAC-12345: a registration agency, a hyphen, a number", *iatiOrgID)
	}
	return serveOptions{
		addr:                *addr,
		db:                  *db,
		metricsAddr:         *metricsAddr,
		corsOrigins:         splitList(*origins),
		publicURL:           *publicURL,
		noDemo:              *noDemo,
		mediaDir:            *mediaDir,
		trustedProxies:      proxies,
		minFreeBytes:        *minFreeMB << 20,
		httpCache:           server.HTTPCache{MaxAge: *cacheMaxAge, StaleWhileRevalidate: *cacheStale},
		responseCacheBytes:  responseCacheBytes,
		rateLimit:           *rateLimit,
		iatiOrgID:           *iatiOrgID,
		webhookAllowPrivate: *webhookAllowPrivate,
	}, false, nil
}

// iatiOrgPattern is an IATI organisation identifier: a registration agency's code, a
// hyphen, the organisation's number there (letters, digits, ".", "_", "-").
var iatiOrgPattern = regexp.MustCompile(`^[A-Za-z0-9]+-[A-Za-z0-9._-]+$`)

// isOrigin reports whether s is an http or https origin: a scheme and a host, no path
// beyond "/", no query.
func isOrigin(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && strings.Trim(u.Path, "/") == "" && u.RawQuery == ""
}

// prepare readies an opened database for serving: the media folder, the first admin
// from the environment, and the demo content unless --no-demo.
func prepare(ctx context.Context, st *store.Store, opts serveOptions) error {
	if err := os.MkdirAll(opts.mediaDir, 0o755); err != nil { // after the database's folder, which is 0750
		return fmt.Errorf("media folder: %w", err)
	}
	if err := firstAdmin(ctx, st, os.Getenv); err != nil {
		return err
	}
	if opts.noDemo {
		return nil
	}
	loaded, err := st.LoadDemo(ctx)
	if err != nil {
		return err
	}
	if loaded {
		slog.Info("loaded the demo content", "db", store.RedactDSN(opts.db))
	}
	return nil
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

// stopWebhooks stops the webhook worker, waiting a while for the attempts under way
// (each ends within its 10 s timeout); the events not sent wait in the database.
func stopWebhooks(w *store.WebhookWorker) {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := w.Stop(ctx); err != nil {
		slog.Warn("webhooks: stopping", "err", err)
	}
}

// serveRefused explains a database lock serve could not take.
func serveRefused(err error) error {
	var inUse *store.InUseError
	if errors.As(err, &inUse) {
		return fmt.Errorf("serve: %w: two servers must not share one SQLite file; stop the other one, or give this one another --db", inUse)
	}
	return err
}
