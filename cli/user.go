package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/agency/portal/store"
)

// userCmd is `portal user add --email E --role admin|editor [--db FILE]`. The password is
// never a flag (it would show in the process list and the shell's history): it is asked
// for without echo on a terminal, or read as one line from standard input.
func userCmd(ctx context.Context, args []string, stdin io.Reader, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "add" {
		return errors.New("user: the only subcommand is add: portal user add --email E --role admin|editor")
	}
	fs := flag.NewFlagSet("user add", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs)
	email := fs.String("email", "", "the editor's email address (required)")
	role := fs.String("role", "", "admin or editor (required)")
	if done, err := parse(fs, args[1:]); done {
		return err
	}
	if *email == "" {
		return errors.New("user add: --email is required")
	}
	r := store.Role(strings.ToUpper(*role))
	if !r.Valid() {
		return errors.New("user add: --role must be admin or editor")
	}
	password, err := readPassword(stdin, stderr)
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	u, err := st.CreateUser(ctx, *email, password, r)
	if err != nil {
		return fmt.Errorf("user add: %w", err)
	}
	fmt.Fprintf(stderr, "added %s (%s) to %s\n", u.Email, strings.ToLower(string(u.Role)), store.RedactDSN(*db))
	return nil
}

// readPassword asks for a password twice without echo when stdin is a terminal, and
// otherwise reads one line from it (for scripts: printf '%s\n' "$PW" | portal user add …).
func readPassword(stdin io.Reader, stderr io.Writer) (string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprintf(stderr, "Password (at least %d characters): ", store.MinPasswordChars)
		first, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", err
		}
		fmt.Fprint(stderr, "The same password again: ")
		again, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", err
		}
		if string(first) != string(again) {
			return "", errors.New("user add: the two passwords differ")
		}
		return string(first), nil
	}
	line, err := bufio.NewReader(io.LimitReader(stdin, 4<<10)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("user add: read the password: %w", err)
	}
	line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
	if line == "" {
		return "", errors.New("user add: no password on standard input (one line)")
	}
	return line, nil
}

// firstAdmin creates an admin from PORTAL_ADMIN_EMAIL and PORTAL_ADMIN_PASSWORD when the
// database has no account at all, so a fresh installation can be signed into. With
// accounts in place the variables are ignored. The password is never logged.
func firstAdmin(ctx context.Context, st *store.Store, getenv func(string) string) error {
	email, password := getenv("PORTAL_ADMIN_EMAIL"), getenv("PORTAL_ADMIN_PASSWORD")
	if email == "" && password == "" {
		return nil
	}
	if email == "" || password == "" {
		return errors.New("PORTAL_ADMIN_EMAIL and PORTAL_ADMIN_PASSWORD must be set together")
	}
	if n, err := st.CountUsers(ctx); err != nil || n > 0 {
		if n > 0 {
			slog.Info("accounts exist: PORTAL_ADMIN_EMAIL and PORTAL_ADMIN_PASSWORD are ignored; unset them")
		}
		return err
	}
	created, err := st.CreateFirstAdmin(ctx, email, password)
	if err != nil {
		return fmt.Errorf("the first admin (PORTAL_ADMIN_EMAIL, PORTAL_ADMIN_PASSWORD): %w", err)
	}
	if created {
		slog.Info("created the first admin from PORTAL_ADMIN_EMAIL; unset PORTAL_ADMIN_PASSWORD now", "email", strings.ToLower(strings.TrimSpace(email)))
	}
	return nil
}
