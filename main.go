// Command portal is the public website and open GraphQL API of the Commissariat for
// Refugees and Migration: one binary, one SQLite file.
//
//	portal serve [--addr 127.0.0.1:8080] [--db ./data/portal.db] [--cors-origins a,b] [--no-demo]
//	             [--public-url https://portal.example.gov.rs]
//
// Every flag can also be set by an environment variable: PORTAL_ADDR, PORTAL_DB,
// PORTAL_CORS_ORIGINS, PORTAL_NO_DEMO, PORTAL_PUBLIC_URL. A flag wins over its variable.
package main

import (
	"context"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
	_ "time/tzdata" // Europe/Belgrade without the system's zoneinfo

	"github.com/agency/portal/explorer"
	"github.com/agency/portal/graph"
	"github.com/agency/portal/server"
	"github.com/agency/portal/store"
	"github.com/agency/portal/web"
)

//go:embed schema.graphql
var schema []byte

const usage = `portal: the migration and asylum portal

usage:
  portal serve [flags]   serve the site and the GraphQL API
  portal help            show this text

Run "portal serve -h" for the flags of serve.
`

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "serve":
		err = serve(os.Args[2:])
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

func serve(args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", env("PORTAL_ADDR", "127.0.0.1:8080"), "address to listen on (PORTAL_ADDR)")
	db := fs.String("db", env("PORTAL_DB", "./data/portal.db"), "SQLite database file, created when missing (PORTAL_DB)")
	origins := fs.String("cors-origins", env("PORTAL_CORS_ORIGINS", "*"), "comma-separated origins that may call /graphql from a browser; * for any (PORTAL_CORS_ORIGINS)")
	publicURL := fs.String("public-url", env("PORTAL_PUBLIC_URL", ""), "the site's public URL for canonical links, e.g. https://portal.example.gov.rs; empty uses each request's Host (PORTAL_PUBLIC_URL)")
	noDemo := fs.Bool("no-demo", envBool("PORTAL_NO_DEMO"), "start with an empty database instead of loading the demo content (PORTAL_NO_DEMO)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if *publicURL != "" {
		u, err := url.Parse(*publicURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.Trim(u.Path, "/") != "" || u.RawQuery != "" {
			return fmt.Errorf("--public-url %q is not an http or https origin such as https://portal.example.gov.rs", *publicURL)
		}
	}
	site, err := web.Site()
	if err != nil {
		slog.Warn("serving without the front end: app routes answer 503", "err", err)
		site = nil
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	st, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if !*noDemo {
		loaded, err := st.LoadDemo(ctx)
		if err != nil {
			return err
		}
		if loaded {
			slog.Info("loaded the demo content", "db", *db)
		}
	}

	h := server.New(st, server.Config{
		CORSOrigins: splitList(*origins),
		Limits:      graph.DefaultLimits,
		Schema:      schema,
		Explorer:    explorer.Handler("/graphql"),
		Site:        site,
		PublicURL:   *publicURL,
	})
	slog.Info("serving", "url", "http://"+*addr+"/", "graphql", "/graphql", "explorer", "/graphiql", "db", *db)
	err = server.Serve(ctx, *addr, h, 10*time.Second)
	slog.Info("stopped")
	return err
}

func env(name, def string) string {
	if v, ok := os.LookupEnv(name); ok {
		return v
	}
	return def
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
