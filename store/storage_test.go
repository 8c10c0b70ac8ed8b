package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"syscall"
	"testing"

	"github.com/agency/portal/store/storetest"
)

// engineErrors are real errors of the test run's engine: SQLITE_FULL from a database that
// cannot grow (on PostgreSQL, disk_full from LimitGrowth's trigger), and a constraint error.
func engineErrors(t *testing.T) (full, constraint error) {
	t.Helper()
	ctx := context.Background()
	s := openTemp(t)
	if _, err := s.write.ExecContext(ctx, "CREATE TEMP TABLE one (x INTEGER PRIMARY KEY)"); err != nil {
		t.Fatal(err)
	}
	s.write.ExecContext(ctx, "INSERT INTO temp.one VALUES (1)")
	_, constraint = s.write.ExecContext(ctx, "INSERT INTO temp.one VALUES (1)")
	if err := s.LimitGrowth(ctx, 0); err != nil {
		t.Fatal(err)
	}
	needsRoom := "CREATE TABLE needs_a_page (x)"
	if storetest.Postgres() {
		needsRoom = "INSERT INTO topics (slug) VALUES ('x')"
	}
	_, full = s.write.ExecContext(ctx, needsRoom)
	if full == nil || constraint == nil {
		t.Fatalf("want two errors of the database, got %v and %v", full, constraint)
	}
	return full, constraint
}

func TestStorageTrouble(t *testing.T) {
	full, constraint := engineErrors(t)
	for _, tt := range []struct {
		name string
		err  error
		want error
	}{
		{"no error", nil, nil},
		{"any error", errors.New("something else"), nil},
		{"a cancelled request", fmt.Errorf("store: %w", context.Canceled), nil},
		{"SQLITE_FULL", fmt.Errorf("store: save: %w", full), ErrStorageFull},
		{"a UNIQUE constraint", constraint, nil},
		{"ENOSPC from a file", &fs.PathError{Op: "write", Path: "/media/x", Err: syscall.ENOSPC}, ErrStorageFull},
		{"a quota", fmt.Errorf("media: %w", &fs.PathError{Op: "write", Path: "x", Err: syscall.EDQUOT}), ErrStorageFull},
		{"EIO", &fs.PathError{Op: "write", Path: "x", Err: syscall.EIO}, ErrStorageFailing},
		{"a read-only file system", &fs.PathError{Op: "open", Path: "x", Err: syscall.EROFS}, ErrStorageFailing},
		{"already named", fmt.Errorf("x: %w", ErrStorageFull), ErrStorageFull},
	} {
		if got := StorageTrouble(tt.err); got != tt.want {
			t.Errorf("%s (%v): got %v, want %v", tt.name, tt.err, got, tt.want)
		}
	}
}

// The store remembers storage trouble from the last failed write until a write reaches
// the disk: not a transaction that only read, which commits even on a full disk.
func TestWriteTrouble(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	if _, err := s.LoadDemo(ctx); err != nil {
		t.Fatal(err)
	}
	if tr := s.WriteTrouble(); tr != nil {
		t.Fatalf("before any trouble: %+v", tr)
	}
	if err := s.LimitGrowth(ctx, 0); err != nil {
		t.Fatal(err)
	}
	bulky := raceNews(1)
	bulky.News[0].Body = Localized{En: strings.Repeat("Bulky text. ", 6000)}
	err := s.Import(ctx, bulky)
	if StorageTrouble(err) != ErrStorageFull {
		t.Fatalf("an import that needs pages: got %v, want storage full", err)
	}
	steps := []struct {
		name string
		do   func() error
		want error // the trouble after the step
	}{
		{"a failed write", func() error { return nil }, ErrStorageFull},
		{"a transaction that only reads", func() error { _, err := s.IndexDue(ctx); return err }, ErrStorageFull},
		{"a write that changes nothing", func() error { return s.RevokeSession(ctx, "no such token") }, ErrStorageFull},
		{"room again, and a write", func() error {
			if err := s.LimitGrowth(ctx, -1); err != nil {
				return err
			}
			return s.Import(ctx, bulky)
		}, nil},
	}
	for _, step := range steps {
		if err := step.do(); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		var got error
		if tr := s.WriteTrouble(); tr != nil {
			got = tr.Err
			if tr.Since.IsZero() {
				t.Errorf("%s: the trouble has no time", step.name)
			}
		}
		if got != step.want {
			t.Errorf("after %s: got trouble %v, want %v", step.name, got, step.want)
		}
	}
}
