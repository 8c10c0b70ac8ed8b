// Package cli is the portal command: its usage text, the dispatch to the commands (one
// file each: serve.go, backup.go for backup and restore, export.go for export and import,
// user.go), and the flag helpers they share (flags.go). The root main.go only hands it
// the command line and the schema, and turns its error into an exit code.
package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	_ "time/tzdata" // Europe/Belgrade without the system's zoneinfo

	"github.com/agency/portal/server"
	"github.com/agency/portal/store"
)

// ErrUsage is Run's error when the command line names no command it knows. Run has
// printed the usage to standard error by then; the command should exit with status 2.
var ErrUsage = errors.New("usage")

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

Every command takes --db FILE or a postgres:// URL (PORTAL_DB, default ./data/portal.db).
Run "portal COMMAND -h" for the flags of a command.
`

// Run runs the portal command that args (the command line without the program's name)
// names. schema is the SDL that serve publishes at /schema.graphql.
func Run(args []string, schema []byte) error {
	// Every line logged while serving a request carries its request_id.
	slog.SetDefault(slog.New(server.LogRequestIDs(slog.NewTextHandler(os.Stderr, nil))))
	if len(args) == 0 {
		fmt.Fprint(os.Stderr, usage)
		return ErrUsage
	}
	command, rest := args[0], args[1:]
	switch command {
	case "serve":
		return serve(rest, schema)
	case "backup":
		return backup(rest)
	case "restore":
		return restore(rest)
	case "export":
		return export(rest)
	case "import":
		return importContent(rest)
	case "user":
		return userCmd(context.Background(), rest, os.Stdin, os.Stderr)
	case "help", "-h", "--help":
		fmt.Print(usage)
		return nil
	default:
		fmt.Fprintf(os.Stderr, "portal: unknown command %q\n\n%s", command, usage)
		return ErrUsage
	}
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
