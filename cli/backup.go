package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/agency/portal/store"
)

// backup is `portal backup --to FILE`: a copy of the database, safe while serve runs.
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

// restore is `portal restore --from FILE`: the database replaced by a backup, refused
// while serve holds the database.
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
