package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/agency/portal/store"
)

// `portal restore` onto the database of a running `portal serve` is refused, says how to
// stop the server, and changes nothing: what the server holds and writes is kept. A
// second `serve` on the same file is refused too. Once the server is gone (even by kill
// -9), restore works.
func TestRestoreRefusedWhileServing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "portal.db")
	srv := startServe(t, db)
	pid := srv.cmd.Process.Pid

	backupFile := filepath.Join(dir, "backup.db")
	if err := backup([]string{"--db", db, "--to", backupFile}); err != nil {
		t.Fatalf("backup while serving: %v", err)
	}
	// A write while serving, after the backup: a restore would lose it.
	if err := userCmd(context.Background(), []string{"add", "--db", db, "--email", "ana@example.gov.rs", "--role", "editor"},
		strings.NewReader(testPassword+"\n"), new(bytes.Buffer)); err != nil {
		t.Fatal(err)
	}

	for _, tt := range []struct {
		name string
		run  func() error
		want []string
	}{
		{"restore", func() error { return restore([]string{"--db", db, "--from", backupFile}) },
			[]string{"restore refused", "in use", fmt.Sprintf("PID %d", pid), "stop it first", "systemctl stop portal", fmt.Sprintf("kill %d", pid), "nothing was changed"}},
		{"a second serve", func() error { return runPortal(t, "serve", "--addr", "127.0.0.1:0", "--db", db) },
			[]string{"in use", fmt.Sprintf("PID %d", pid), "two servers must not share", "another --db"}},
	} {
		err := tt.run()
		if err == nil {
			t.Fatalf("%s while serving: no error", tt.name)
		}
		t.Logf("%s while serving: %v", tt.name, err)
		for _, want := range tt.want {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%s while serving: got %q, want it to say %q", tt.name, err, want)
			}
		}
	}
	if !srv.healthy() {
		t.Fatalf("the server is not healthy after the refused restore; its output:\n%s", srv.out)
	}
	if n := countUsers(t, db); n != 1 {
		t.Errorf("after the refused restore: %d accounts, want the 1 written while serving", n)
	}

	// kill -9: the kernel lets go of the lock, so nothing stale blocks the restore.
	if err := srv.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	srv.cmd.Wait()
	if err := restore([]string{"--db", db, "--from", backupFile}); err != nil {
		t.Fatalf("restore after the server was killed: %v", err)
	}
	if n := countUsers(t, db); n != 0 {
		t.Errorf("after the restore: %d accounts, want the backup's 0", n)
	}
	// And the restored database serves.
	startServe(t, db)
	if _, err := os.Stat(store.LockFile(db)); err != nil {
		t.Errorf("the lock file: %v", err)
	}
}

// restore says what it cannot do before it touches anything.
func TestRestoreRefusesUpFront(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"no backup named", []string{"--db", filepath.Join(dir, "portal.db")}, "--from FILE is required"},
		{"PostgreSQL", []string{"--db", "postgres://portal@127.0.0.1/portal", "--from", filepath.Join(dir, "b.db")}, "restore it with pg_restore"},
		{"postgresql://", []string{"--db", "postgresql:///portal?host=/run/postgresql", "--from", filepath.Join(dir, "b.db")}, "restore it with pg_restore"},
	} {
		if err := restore(tt.args); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want an error saying %q", tt.name, err, tt.want)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("restore left files: %v", entries)
	}
}
