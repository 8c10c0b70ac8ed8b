package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/agency/portal/store/storetest"
)

// word is a search word made of letters only, unique to n (search it with a trailing
// space, or it is also a prefix of others).
func word(n int) string {
	var b strings.Builder
	b.WriteString("racew")
	for _, d := range fmt.Sprint(n) {
		b.WriteByte(byte('a' + d - '0'))
	}
	b.WriteByte('x') // no stemmer strips an x: no two of these words share a stem
	return b.String()
}

func raceNews(n int) *Content {
	return &Content{News: []NewsDoc{{
		Slug:        fmt.Sprintf("race-%d", n),
		Title:       Localized{En: "Race news " + word(n)},
		Summary:     Localized{En: "Written while a backup runs."},
		Body:        Localized{En: strings.Repeat("Some body text. ", 50)},
		PublishedAt: time.Date(2025, 1, 1, 0, 0, n%60, 0, time.UTC),
		Topics:      []string{"asylum"},
		Partners:    []string{"kirs", "iom"},
	}}}
}

func integrity(t testing.TB, s *Store) {
	t.Helper()
	var ok string
	if err := s.read.QueryRow("PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity_check: %q %v", ok, err)
	}
}

// A backup taken while writers import is a sound database in which every news item is
// whole (its links and its search row are there); one taken after the writes stop equals
// the source.
func TestBackupWhileWriting(t *testing.T) {
	storetest.SkipOnPostgres(t, "Backup copies a SQLite file with VACUUM INTO (TestBackupOnPostgres says pg_dump)")
	ctx := context.Background()
	dir := t.TempDir()
	src := openTemp(t)
	if _, err := src.LoadDemo(ctx); err != nil {
		t.Fatal(err)
	}

	var written atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var writeErr error
	wg.Add(1)
	go func() {
		defer wg.Done()
		for n := 0; ; n++ {
			select {
			case <-stop:
				return
			default:
			}
			if err := src.Import(ctx, raceNews(n)); err != nil {
				writeErr = err
				return
			}
			written.Add(1)
		}
	}()
	for written.Load() < 20 { // let the writer get going
		time.Sleep(time.Millisecond)
	}
	during := filepath.Join(dir, "during.db")
	before := written.Load()
	err := src.Backup(ctx, during)
	after := written.Load()
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if writeErr != nil {
		t.Fatalf("a write failed during the backup: %v", writeErr)
	}
	t.Logf("%d imports before the backup, %d after it, %d in all", before, after-before, written.Load())

	b, err := Open(ctx, during)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	integrity(t, b)
	var version int
	b.read.QueryRow("PRAGMA user_version").Scan(&version)
	if want, _ := latestMigration(); version != want {
		t.Errorf("the backup's user_version is %d", version)
	}
	got, err := b.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	race := 0
	for _, n := range got.News {
		var i int
		if _, err := fmt.Sscanf(n.Slug, "race-%d", &i); err != nil {
			continue
		}
		race++
		if len(n.Topics) != 1 || len(n.Partners) != 2 {
			t.Errorf("%s has links %v %v", n.Slug, n.Topics, n.Partners)
		}
		hits, err := b.Search(ctx, word(i)+" ", []Kind{KindNews}, Page{First: 5}, En)
		if err != nil {
			t.Fatal(err)
		}
		if hits.TotalCount != 1 || len(hits.Edges) != 1 || hits.Edges[0].Node.Item.(*NewsItem).Slug != n.Slug {
			t.Errorf("search for %s finds %d items", n.Slug, hits.TotalCount)
		}
	}
	// The backup is a snapshot: the imports done before it began, and not more than were
	// done (or were committing) when it ended.
	if int64(race) < before || int64(race) > after+1 {
		t.Errorf("the backup holds %d race items, %d were written before it began and %d before it ended", race, before, after)
	}
	var rows int
	b.read.QueryRow("SELECT count(*) FROM search").Scan(&rows)
	if want := len(got.News) + len(got.Projects) + len(got.Partners); rows != want {
		t.Errorf("%d search rows for %d items", rows, want)
	}

	// After the writes: the backup is the source.
	quiet := filepath.Join(dir, "quiet.db")
	if err := src.Backup(ctx, quiet); err != nil {
		t.Fatal(err)
	}
	q, err := Open(ctx, quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	integrity(t, q)
	if !bytes.Equal(exportJSON(t, src), exportJSON(t, q)) {
		t.Error("a backup taken after the writes differs from the source")
	}
}

// TestBackupOnPostgres: on PostgreSQL, Backup writes nothing and says that pg_dump is the
// tool.
func TestBackupOnPostgres(t *testing.T) {
	if !storetest.Postgres() {
		t.Skip("PostgreSQL only: SQLite's backups are TestBackupWhileWriting's")
	}
	path := filepath.Join(t.TempDir(), "backup.db")
	err := openTemp(t).Backup(context.Background(), path)
	if !errors.Is(err, ErrBackupPostgres) || !strings.Contains(err.Error(), "pg_dump") {
		t.Errorf("Backup on PostgreSQL: got %v, want ErrBackupPostgres naming pg_dump", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Backup on PostgreSQL left a file at %s (%v)", path, err)
	}
}

func TestBackupRefusesAnExistingFile(t *testing.T) {
	storetest.SkipOnPostgres(t, "Backup writes a SQLite file (TestBackupOnPostgres says pg_dump)")
	ctx := context.Background()
	s := openTemp(t)
	path := filepath.Join(t.TempDir(), "exists.db")
	if err := os.WriteFile(path, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(ctx, path); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("Backup over a file: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "keep me" {
		t.Error("Backup changed an existing file")
	}
	// Why Backup opens a connection of its own: query_only forbids VACUUM INTO.
	if _, err := s.read.Exec("VACUUM INTO ?", filepath.Join(t.TempDir(), "ro.db")); err == nil {
		t.Error("VACUUM INTO ran on the read pool: Backup could use it")
	}
	// The read pool still cannot write.
	if _, err := s.read.Exec("INSERT INTO topics (slug) VALUES ('x')"); err == nil {
		t.Error("the read pool wrote")
	}
}

// backup → change the source → restore over it → the content is the backup's.
func TestRestore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "portal.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.LoadDemo(ctx); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(dir, "backup.db")
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	want := exportJSON(t, s)
	for n := range 5 {
		if err := s.Import(ctx, raceNews(n)); err != nil {
			t.Fatal(err)
		}
	}
	if bytes.Equal(want, exportJSON(t, s)) {
		t.Fatal("the source did not change")
	}
	s.Close() // the server is stopped
	// The restored file keeps the owner and permissions of the one it replaces (a restore
	// run as root must leave a file the server's user can write).
	if err := os.Chmod(path, 0o604); err != nil {
		t.Fatal(err)
	}
	asRoot := os.Geteuid() == 0
	if asRoot {
		if err := os.Chown(path, 4242, 4243); err != nil {
			t.Fatal(err)
		}
	}

	if err := Restore(ctx, backup, path); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o604 {
		t.Errorf("the restored file's mode is %v", fi.Mode())
	}
	if o := owner(fi); asRoot && o != nil && *o != [2]int{4242, 4243} {
		t.Errorf("the restored file's owner is %v", *o)
	}
	// So does the lock file restore made, or the server's user could not lock it.
	if fi, err := os.Stat(LockFile(path)); err != nil {
		t.Error(err)
	} else if o := owner(fi); asRoot && o != nil && *o != [2]int{4242, 4243} {
		t.Errorf("the lock file's owner is %v, want the database's 4242:4243", *o)
	}
	for _, f := range []string{path + ".tmp", path + "-wal", path + "-shm", backup + "-wal", backup + "-shm"} {
		if _, err := os.Stat(f); err == nil {
			t.Errorf("%s is left over", f)
		}
	}
	r, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	integrity(t, r)
	if got := exportJSON(t, r); !bytes.Equal(want, got) {
		t.Error("the restored content is not the backup's")
	}
	// The restored database is a working one: it takes writes and finds them.
	if err := r.Import(ctx, raceNews(7)); err != nil {
		t.Fatal(err)
	}
	if hits, err := r.Search(ctx, word(7)+" ", nil, Page{First: 1}, En); err != nil || hits.TotalCount != 1 {
		t.Errorf("search after restore: %v", err)
	}
}

// Restore refuses what is not a portal database, and then leaves the target alone.
func TestRestoreRefuses(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	target := filepath.Join(dir, "portal.db")
	if err := os.WriteFile(target, []byte("the old database"), 0o600); err != nil {
		t.Fatal(err)
	}
	sqlite := func(name string, stmts ...string) string {
		path := filepath.Join(dir, name)
		db, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		for _, s := range stmts {
			if _, err := db.Exec(s); err != nil {
				t.Fatal(err)
			}
		}
		return path
	}
	text := filepath.Join(dir, "text.db")
	os.WriteFile(text, []byte(strings.Repeat("not a database\n", 500)), 0o600)

	// A portal database with commits still in its WAL: copying the file alone would lose them.
	live := filepath.Join(dir, "live.db")
	s, err := Open(ctx, live)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.LoadDemo(ctx); err != nil {
		t.Fatal(err)
	}

	for name, from := range map[string]string{
		"missing":     filepath.Join(dir, "missing.db"),
		"text":        text,
		"version 0":   sqlite("v0.db", "CREATE TABLE news (id INTEGER PRIMARY KEY)"),
		"version 99":  sqlite("v99.db", "CREATE TABLE news (id INTEGER PRIMARY KEY)", "PRAGMA user_version = 99"),
		"no tables":   sqlite("v1.db", "CREATE TABLE other (id INTEGER PRIMARY KEY)", "PRAGMA user_version = 1"),
		"live in WAL": live,
	} {
		err := Restore(ctx, from, target)
		if err == nil {
			t.Errorf("%s: restored", name)
			continue
		}
		t.Logf("%s: %v", name, err)
		if b, _ := os.ReadFile(target); string(b) != "the old database" {
			t.Fatalf("%s: the target changed", name)
		}
		if _, err := os.Stat(target + ".tmp"); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s: %s.tmp left over", name, target)
		}
	}
}
