package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMain runs the portal command itself when PORTAL_TEST_MAIN holds its arguments
// (separated by newlines): the tests start `portal serve` as a process of its own that
// way, to stop it or kill it.
func TestMain(m *testing.M) {
	if args := os.Getenv("PORTAL_TEST_MAIN"); args != "" {
		os.Exit(runAsPortal(strings.Split(args, "\n")))
	}
	os.Exit(m.Run())
}

// runAsPortal is what the root main.go does: Run with the schema, then its error as an
// exit code.
func runAsPortal(args []string) int {
	schema, err := os.ReadFile(filepath.Join("..", "schema.graphql"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "portal test:", err)
		return 1
	}
	err = Run(args, schema)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, ErrUsage):
		return 2
	default:
		fmt.Fprintln(os.Stderr, "portal:", err)
		return 1
	}
}

// serveProcess is `portal serve` running in a process of its own.
type serveProcess struct {
	cmd *exec.Cmd
	url string
	out *bytes.Buffer
}

// startServe starts `portal serve` on a database and waits until /healthz is ok.
func startServe(t *testing.T, db string) *serveProcess {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "PORTAL_TEST_MAIN="+strings.Join([]string{"serve", "--addr", addr, "--db", db, "--min-free-mb", "0"}, "\n"))
	s := &serveProcess{cmd: cmd, url: "http://" + addr, out: new(bytes.Buffer)}
	cmd.Stdout, cmd.Stderr = s.out, s.out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if s.healthy() {
			return s
		}
	}
	t.Fatalf("portal serve was not healthy in 30 s; its output:\n%s", s.out)
	return nil
}

func (s *serveProcess) healthy() bool {
	res, err := http.Get(s.url + "/healthz")
	if err != nil {
		return false
	}
	res.Body.Close()
	return res.StatusCode == http.StatusOK
}

// runPortal runs the portal command in a process of its own, for at most 30 s, and
// returns its error output as an error when it fails.
func runPortal(t *testing.T, args ...string) error {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0])
	cmd.Env = append(os.Environ(), "PORTAL_TEST_MAIN="+strings.Join(args, "\n"))
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%v: %s", err, out)
	}
	return nil
}

func countUsers(t *testing.T, db string) int {
	t.Helper()
	st, err := openExisting(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	n, err := st.CountUsers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}
