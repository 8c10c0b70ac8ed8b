package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
)

// ErrBackupPostgres is Backup's answer on PostgreSQL, whose backups are pg_dump's job.
var ErrBackupPostgres = errors.New("backup: the database is PostgreSQL: back it up with pg_dump (pg_dump --format=custom), and restore it with pg_restore")

// Backup writes a consistent copy of the database to a new file at path, while the server
// runs and writes. It refuses a path that exists.
//
// It runs `VACUUM INTO` on a connection of its own, opened for this copy and closed after
// it. In WAL mode VACUUM INTO reads one snapshot, as any read transaction does, so writers
// go on committing (into the WAL) for the whole copy, and the copy holds exactly the
// transactions committed before it began. It cannot run on the read pool: query_only
// forbids VACUUM INTO ("attempt to write a readonly database"), though it writes only the
// new file. It must not run on the writer's one connection either: every write would wait
// for the whole copy. So it gets a third connection, opened without query_only; it never
// begins a write transaction on the database.
//
// The copy is compact (freed pages dropped), keeps the schema version (PRAGMA
// user_version), and is synced to disk before Backup returns.
func (s *Store) Backup(ctx context.Context, path string) error {
	if s.path == "" {
		return ErrBackupPostgres
	}
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("store: backup: %s already exists; choose a new file name", path)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("store: backup: %w", err)
	}
	var seq int
	var name, file string
	if err := s.read.QueryRowContext(ctx, "PRAGMA database_list").Scan(&seq, &name, &file); err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	if file == "" {
		return errors.New("store: backup: the database has no file")
	}
	conn, err := openPool(file, 1, false)
	if err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		return fmt.Errorf("store: backup to %s: %w", path, err)
	}
	if err := syncFile(path); err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	return syncDir(filepath.Dir(path))
}

// Restore replaces the database file at to with a copy of the database file at from,
// typically one made by Backup. The server must be stopped: a running server keeps the old
// file open and would go on serving, and writing to, the file that was replaced, and its
// later writes would vanish. So Restore takes the database's Lock for the whole of its
// work, and refuses, saying how to stop the server, while a `portal serve` holds it.
//
// from is checked first: it must be a portal database (it opens, PRAGMA integrity_check is
// ok, its schema version is one this binary knows, at least 1 and at most the newest
// embedded migration) and must have no -wal file, which a database that is open, or was not
// closed cleanly, has (copy a live database with Backup, not by hand). from itself is never
// written.
//
// The new file gets the owner and permissions of the file it replaces, so a restore run as
// root leaves a file the server's user can still write.
//
// The copy is atomic: it is written to to.tmp in the same directory, synced, checked, and
// renamed over to; the stale to-wal and to-shm of the old database are removed first, since
// SQLite would otherwise apply the old WAL to the new file. A newer-schema migration, if any,
// runs when the server next opens the file.
func Restore(ctx context.Context, from, to string) error {
	lock, err := LockDatabase(to)
	if err != nil {
		return restoreRefused(err)
	}
	defer lock.Release()
	if err := checkNoWAL(from); err != nil {
		return err
	}
	if err := checkPortalDB(ctx, from); err != nil {
		return err
	}
	dir := filepath.Dir(to)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return fmt.Errorf("store: restore: create data directory: %w", err)
	}
	tmp := to + ".tmp"
	removeDB := func(p string) error {
		for _, f := range []string{p, p + "-wal", p + "-shm", p + "-journal"} {
			if err := os.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
		return nil
	}
	if err := removeDB(tmp); err != nil {
		return fmt.Errorf("store: restore: %w", err)
	}
	if err := copyFile(from, tmp); err != nil {
		removeDB(tmp)
		return fmt.Errorf("store: restore: %w", err)
	}
	// Check the copy too (it is what will be installed), read-only so it stays byte for byte
	// the file that was synced.
	if err := checkPortalDB(ctx, tmp); err != nil {
		removeDB(tmp)
		return err
	}
	if err := sameOwner(tmp, to); err != nil {
		removeDB(tmp)
		return fmt.Errorf("store: restore: %w", err)
	}
	for _, f := range []string{to + "-wal", to + "-shm"} {
		if err := os.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
			removeDB(tmp)
			return fmt.Errorf("store: restore: %w", err)
		}
	}
	if err := os.Rename(tmp, to); err != nil {
		removeDB(tmp)
		return fmt.Errorf("store: restore: %w", err)
	}
	removeDB(tmp) // a -shm left by the check, if any
	return syncDir(dir)
}

// restoreRefused explains a lock Restore could not take.
func restoreRefused(err error) error {
	var inUse *InUseError
	if !errors.As(err, &inUse) {
		return fmt.Errorf("store: restore: %w", err)
	}
	how := "stop it first (systemctl stop portal, or end the process)"
	if inUse.PID > 0 {
		how = fmt.Sprintf("stop it first (systemctl stop portal, or kill %d)", inUse.PID)
	}
	return fmt.Errorf("store: restore refused: %w: %s, then restore again; nothing was changed", inUse, how)
}

// checkPortalDB opens a database file without changing it and checks that it is a portal
// database whose schema this binary knows.
func checkPortalDB(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	q.Set("mode", "ro")
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?"+q.Encode())
	if err != nil {
		return fmt.Errorf("store: open %s: %w", path, err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	notPortal := func(format string, args ...any) error {
		return fmt.Errorf("store: %s is not a portal database: %s", path, fmt.Sprintf(format, args...))
	}
	var ok string
	if err := db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&ok); err != nil {
		return notPortal("%v", err)
	}
	if ok != "ok" {
		return notPortal("integrity check: %s", ok)
	}
	var version int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return notPortal("%v", err)
	}
	latest, err := latestMigration()
	if err != nil {
		return err
	}
	if version < 1 || version > latest {
		return notPortal("schema version %d, this portal knows 1 to %d", version, latest)
	}
	var tables int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('topics', 'partners', 'projects', 'news', 'search')").Scan(&tables); err != nil {
		return notPortal("%v", err)
	}
	if tables != 5 {
		return notPortal("the content tables are missing")
	}
	return nil
}

// latestMigration is the number of the newest embedded migration: the highest user_version
// this binary writes.
func latestMigration() (int, error) {
	list, err := migrationFiles("sqlite")
	if err != nil || len(list) == 0 {
		return 0, err
	}
	return list[len(list)-1].number, nil
}

// checkNoWAL refuses a database that has a -wal file: it is open (a running server's
// database), so it may change during the copy, or it was not closed cleanly, and the WAL may
// hold commits that copying the main file alone would lose. SQLite deletes the -wal when
// the last connection closes cleanly.
func checkNoWAL(path string) error {
	if _, err := os.Stat(path + "-wal"); err == nil {
		return fmt.Errorf("store: %s is in use or was not closed cleanly (it has a %s-wal file): make a copy with \"portal backup\" and restore that", path, filepath.Base(path))
	}
	return nil
}

// sameOwner gives the file at path the owner, group and permissions of the file at like,
// when that exists. The owner is read from os.FileInfo.Sys by field name, so this builds on
// every platform; where there is no Uid (Windows) only the permissions are copied.
func sameOwner(path, like string) error {
	fi, err := os.Stat(like)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	if err := os.Chmod(path, fi.Mode().Perm()); err != nil {
		return err
	}
	mine, err := os.Stat(path)
	if err != nil {
		return err
	}
	want, have := owner(fi), owner(mine)
	if want == nil || have == nil || *want == *have {
		return nil
	}
	return os.Chown(path, want[0], want[1])
}

// owner is a file's uid and gid, or nil where the platform has none.
func owner(fi os.FileInfo) *[2]int {
	v := reflect.Indirect(reflect.ValueOf(fi.Sys()))
	if v.Kind() != reflect.Struct {
		return nil
	}
	uid, gid := v.FieldByName("Uid"), v.FieldByName("Gid")
	if !uid.IsValid() || !gid.IsValid() || !uid.CanUint() || !gid.CanUint() {
		return nil
	}
	return &[2]int{int(uid.Uint()), int(gid.Uint())}
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o640)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// syncDir makes a new or renamed directory entry durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("store: sync %s: %w", dir, err)
	}
	return nil
}
