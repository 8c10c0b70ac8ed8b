package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The database lock: one holder at a time, its PID in the lock file, free again after
// Release.
func TestLockDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data", "portal.db") // the folder is created
	first, err := LockDatabase(path)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(LockFile(path)); strings.TrimSpace(string(b)) != strconv.Itoa(os.Getpid()) {
		t.Errorf("the lock file holds %q, want this process's PID %d", b, os.Getpid())
	}
	_, err = LockDatabase(path)
	var inUse *InUseError
	if !errors.As(err, &inUse) || inUse.PID != os.Getpid() || inUse.Path != path {
		t.Fatalf("a second lock: got %v, want an InUseError with PID %d", err, os.Getpid())
	}
	if err := first.Release(); err != nil {
		t.Fatal(err)
	}
	again, err := LockDatabase(path)
	if err != nil {
		t.Fatalf("a lock after Release: %v", err)
	}
	again.Release()
}

// Restore refuses a database whose lock a server holds, says how to stop it, and leaves
// the database and its WAL alone: the server's writes after the refusal are kept.
func TestRestoreRefusedWhileLocked(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "portal.db")
	lock, err := LockDatabase(path) // what `portal serve` takes
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.LoadDemo(ctx); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(dir, "backup.db")
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatalf("backup while serving: %v", err)
	}
	if err := s.Import(ctx, raceNews(1)); err != nil {
		t.Fatal(err)
	}

	err = Restore(ctx, backup, path)
	if err == nil {
		t.Fatal("restored over a database in use")
	}
	for _, want := range []string{"in use", fmt.Sprintf("PID %d", os.Getpid()), "stop it first", fmt.Sprintf("kill %d", os.Getpid()), "nothing was changed"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("got %q, want it to say %q", err, want)
		}
	}
	if _, err := os.Stat(path + "-wal"); err != nil {
		t.Errorf("the live WAL: %v", err)
	}
	// The server goes on, and what it writes now is still there when it reopens.
	if err := s.Import(ctx, raceNews(2)); err != nil {
		t.Fatal(err)
	}
	want := exportJSON(t, s)
	s.Close()
	r, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if got := exportJSON(t, r); !bytes.Equal(got, want) || !bytes.Contains(got, []byte("race-2")) {
		t.Error("the server's writes after the refused restore were lost")
	}
}

// A process that holds the lock and is killed (kill -9) leaves no stale lock behind.
func TestLockFreeAfterKill(t *testing.T) {
	path := filepath.Join(t.TempDir(), "portal.db")
	holder := exec.Command(os.Args[0], "-test.run=^TestLockHolder$")
	holder.Env = append(os.Environ(), "PORTAL_TEST_HOLD_LOCK="+path)
	out, err := holder.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := holder.Start(); err != nil {
		t.Fatal(err)
	}
	defer holder.Process.Kill()
	ready := make([]byte, len("locked\n"))
	if _, err := out.Read(ready); err != nil || string(ready) != "locked\n" {
		t.Fatalf("the holder did not lock: %q %v", ready, err)
	}

	_, err = LockDatabase(path)
	var inUse *InUseError
	if !errors.As(err, &inUse) || inUse.PID != holder.Process.Pid {
		t.Fatalf("while the holder runs: got %v, want an InUseError with its PID %d", err, holder.Process.Pid)
	}
	if err := holder.Process.Kill(); err != nil { // SIGKILL: no clean-up runs
		t.Fatal(err)
	}
	holder.Wait()
	lock, err := LockDatabase(path)
	if err != nil {
		t.Fatalf("after kill -9 of the holder: %v, want the lock", err)
	}
	lock.Release()
}

// TestLockHolder is the process TestLockFreeAfterKill kills: it takes the lock, says so,
// and waits. It does nothing in an ordinary test run.
func TestLockHolder(t *testing.T) {
	path := os.Getenv("PORTAL_TEST_HOLD_LOCK")
	if path == "" {
		t.Skip("the lock holder of TestLockFreeAfterKill")
	}
	if _, err := LockDatabase(path); err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	fmt.Println("locked")
	time.Sleep(time.Minute)
	os.Exit(1)
}
