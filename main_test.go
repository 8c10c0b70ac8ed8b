package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain runs main itself when PORTAL_TEST_MAIN holds a command line (the program's
// name, then its arguments, separated by newlines).
func TestMain(m *testing.M) {
	if args := os.Getenv("PORTAL_TEST_MAIN"); args != "" {
		os.Args = strings.Split(args, "\n")
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// main turns what cli.Run answers into the exit status and the messages the portal has
// always had: 2 and the usage for a command line without a known command, 1 and
// "portal: " and the reason for a command that fails, 0 otherwise.
func TestExitStatus(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.db")
	tests := []struct {
		name       string
		args       []string
		wantStatus int
		wantStdout string // "" means nothing on standard output
		wantStderr string // "" means nothing on standard error
	}{
		{"no command", nil, 2, "", "portal: the migration and asylum portal\n\nusage:\n  portal serve"},
		{"an unknown command", []string{"frobnicate"}, 2, "", "portal: unknown command \"frobnicate\"\n\nportal: the migration and asylum portal\n"},
		{"help", []string{"help"}, 0, "usage:\n  portal serve", ""},
		{"--help", []string{"--help"}, 0, "Every command takes --db FILE", ""},
		{"a command's -h", []string{"backup", "-h"}, 0, "", "-to string"},
		{"a failing command", []string{"export", "--db", missing}, 1, "", "portal: no database: "},
		{"an unexpected argument", []string{"export", "--db", missing, "extra"}, 1, "", "portal: export: unexpected argument \"extra\"\n"},
		{"a flag that does not exist", []string{"backup", "--from", "x"}, 1, "", "portal: flag provided but not defined: -from\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0])
			cmd.Env = append(os.Environ(), "PORTAL_TEST_MAIN="+strings.Join(append([]string{"portal"}, tt.args...), "\n"))
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			status := 0
			var exit *exec.ExitError
			if errors.As(err, &exit) {
				status = exit.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if status != tt.wantStatus {
				t.Errorf("exit status %d, want %d; standard error:\n%s", status, tt.wantStatus, &stderr)
			}
			checkOutput(t, "standard output", stdout.String(), tt.wantStdout)
			checkOutput(t, "standard error", stderr.String(), tt.wantStderr)
			if shown, want := strings.Contains(stderr.String(), "usage:"), tt.wantStatus == 2; shown != want {
				t.Errorf("the usage on standard error: %v, want %v (exit status %d)", shown, want, tt.wantStatus)
			}
		})
	}
}

// checkOutput fails the test unless got contains want, or is empty when want is.
func checkOutput(t *testing.T, name, got, want string) {
	t.Helper()
	if want == "" && got != "" {
		t.Errorf("%s:\n%s\nwant nothing", name, got)
	}
	if !strings.Contains(got, want) {
		t.Errorf("%s:\n%s\nwant it to contain %q", name, got, want)
	}
}
