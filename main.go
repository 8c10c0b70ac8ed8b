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
// PORTAL_MEDIA, PORTAL_METRICS_ADDR, PORTAL_MIN_FREE_MB. A flag wins over its variable.
// On its first start, serve creates an admin from PORTAL_ADMIN_EMAIL and
// PORTAL_ADMIN_PASSWORD when the database has no account.
//
// The commands live in package cli; this file only hands them the command line and the
// schema (go:embed cannot reach cli's parent folder).
package main

import (
	_ "embed"
	"errors"
	"fmt"
	"os"

	"github.com/agency/portal/cli"
)

//go:embed schema.graphql
var schema []byte

func main() {
	err := cli.Run(os.Args[1:], schema)
	switch {
	case err == nil:
	case errors.Is(err, cli.ErrUsage): // the usage is printed already
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "portal:", err)
		os.Exit(1)
	}
}
