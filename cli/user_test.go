package cli

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/agency/portal/store"
	"github.com/agency/portal/store/storetest"
)

const testPassword = "correct horse battery staple"

func TestUserAdd(t *testing.T) {
	ctx := context.Background()
	db := storetest.DSN(t)
	tests := []struct {
		name    string
		args    []string
		stdin   string
		wantErr string // "" means it must succeed
		want    store.Role
	}{
		{"an editor, password from stdin", []string{"add", "--db", db, "--email", "Ana@Example.gov.rs", "--role", "editor"}, testPassword + "\n", "", store.RoleEditor},
		{"an admin, CRLF, role in capitals", []string{"add", "--db", db, "--email", "boss@example.gov.rs", "--role", "ADMIN"}, testPassword + "\r\n", "", store.RoleAdmin},
		{"no newline at the end", []string{"add", "--db", db, "--email", "third@example.gov.rs", "--role", "editor"}, testPassword, "", store.RoleEditor},
		{"only the first line", []string{"add", "--db", db, "--email", "fourth@example.gov.rs", "--role", "editor"}, testPassword + "\nsomething else\n", "", store.RoleEditor},
		{"the same email again", []string{"add", "--db", db, "--email", "ANA@example.gov.rs", "--role", "editor"}, testPassword + "\n", "email: is already in use", ""},
		{"a short password", []string{"add", "--db", db, "--email", "short@example.gov.rs", "--role", "editor"}, "tooshort\n", "at least 12 characters", ""},
		{"no password", []string{"add", "--db", db, "--email", "none@example.gov.rs", "--role", "editor"}, "", "no password", ""},
		{"a password flag does not exist", []string{"add", "--db", db, "--email", "flag@example.gov.rs", "--role", "editor", "--password", testPassword}, "", "flag provided but not defined: -password", ""},
		{"no email", []string{"add", "--db", db, "--role", "editor"}, testPassword + "\n", "--email is required", ""},
		{"a bad email", []string{"add", "--db", db, "--email", "nope", "--role", "editor"}, testPassword + "\n", "email: is not an email address", ""},
		{"no role", []string{"add", "--db", db, "--email", "norole@example.gov.rs"}, testPassword + "\n", "--role must be admin or editor", ""},
		{"another role", []string{"add", "--db", db, "--email", "owner@example.gov.rs", "--role", "owner"}, testPassword + "\n", "--role must be admin or editor", ""},
		{"no subcommand", []string{}, "", "the only subcommand is add", ""},
		{"another subcommand", []string{"remove", "--email", "ana@example.gov.rs"}, "", "the only subcommand is add", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			err := userCmd(ctx, tt.args, strings.NewReader(tt.stdin), &stderr)
			if strings.Contains(stderr.String(), testPassword) || (err != nil && strings.Contains(err.Error(), testPassword)) {
				t.Errorf("the password is shown: %v %s", err, stderr.String())
			}
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got %v, want an error with %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			st, err := store.Open(ctx, db)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			u, err := st.Authenticate(ctx, tt.args[4], testPassword)
			if err != nil || u.Role != tt.want {
				t.Errorf("sign in as %s: %v, %v", tt.args[4], u, err)
			}
		})
	}
}

func TestFirstAdmin(t *testing.T) {
	ctx := context.Background()
	env := func(vars map[string]string) func(string) string { return func(k string) string { return vars[k] } }
	admin := map[string]string{"PORTAL_ADMIN_EMAIL": "Admin@Example.gov.rs", "PORTAL_ADMIN_PASSWORD": testPassword}
	tests := []struct {
		name      string
		existing  bool // an editor exists already
		env       map[string]string
		wantErr   string
		wantUsers int
		wantAdmin bool
	}{
		{"an empty database", false, admin, "", 1, true},
		{"accounts exist", true, admin, "", 1, false},
		{"no variables", false, nil, "", 0, false},
		{"only the email", false, map[string]string{"PORTAL_ADMIN_EMAIL": "admin@example.gov.rs"}, "must be set together", 0, false},
		{"only the password", false, map[string]string{"PORTAL_ADMIN_PASSWORD": testPassword}, "must be set together", 0, false},
		{"a short password", false, map[string]string{"PORTAL_ADMIN_EMAIL": "admin@example.gov.rs", "PORTAL_ADMIN_PASSWORD": "short"}, "at least 12 characters", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs bytes.Buffer
			old := slog.Default()
			slog.SetDefault(slog.New(slog.NewTextHandler(&logs, nil)))
			defer slog.SetDefault(old)

			st, err := store.Open(ctx, storetest.DSN(t))
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			if tt.existing {
				if _, err := st.CreateUser(ctx, "editor@example.gov.rs", testPassword, store.RoleEditor); err != nil {
					t.Fatal(err)
				}
			}
			// Every start of serve runs it: the second start must change nothing.
			for range 2 {
				err = firstAdmin(ctx, st, env(tt.env))
				if tt.wantErr != "" {
					if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
						t.Fatalf("got %v, want an error with %q", err, tt.wantErr)
					}
				} else if err != nil {
					t.Fatal(err)
				}
			}
			if n, _ := st.CountUsers(ctx); n != tt.wantUsers {
				t.Errorf("%d users, want %d", n, tt.wantUsers)
			}
			u, err := st.Authenticate(ctx, "admin@example.gov.rs", testPassword)
			if got := err == nil && u.Role == store.RoleAdmin; got != tt.wantAdmin {
				t.Errorf("the admin signs in: %v (%v), want %v", got, err, tt.wantAdmin)
			}
			if tt.wantAdmin && strings.Count(logs.String(), "created the first admin") != 1 {
				t.Errorf("logs: %s", logs.String())
			}
			if strings.Contains(logs.String(), testPassword) || (err != nil && strings.Contains(err.Error(), testPassword)) {
				t.Errorf("the password is shown: %s", logs.String())
			}
		})
	}
}
