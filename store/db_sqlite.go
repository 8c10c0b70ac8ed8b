package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// sqliteEngine is SQLite, through modernc.org/sqlite: one file in WAL mode. Its write
// pool's one connection begins its transactions IMMEDIATE, so writes are serialised by
// the file's lock as much as by Go; its read pool is query_only.
type sqliteEngine struct{}

func (sqliteEngine) name() string { return "sqlite" }

// file is the path of a SQLite DSN: a path, or file:path (without its query).
func (sqliteEngine) file(dsn string) string {
	if rest, ok := strings.CutPrefix(dsn, "file:"); ok {
		dsn, _, _ = strings.Cut(rest, "?")
	}
	return dsn
}

// open opens a pool whose every connection gets the same pragmas: they are in the DSN
// because a pragma run with Exec would set it on one pooled connection only. The
// database's folder is created when missing.
func (e sqliteEngine) open(dsn string, conns int, readOnly bool) (*bun.DB, error) {
	path := e.file(dsn)
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("store: create data directory: %w", err)
		}
	}
	return openPool(path, conns, readOnly)
}

// openPool opens a pool of conns connections to the SQLite file at path.
func openPool(path string, conns int, readOnly bool) (*bun.DB, error) {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Set("_txlock", "immediate")
	}
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
	sqldb, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	sqldb.SetMaxOpenConns(conns)
	sqldb.SetMaxIdleConns(conns)
	sqldb.SetConnMaxIdleTime(0)
	if err := ping(sqldb); err != nil {
		sqldb.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	return bun.NewDB(sqldb, sqlitedialect.New()), nil
}

// ping makes the pool's first connection, trying again for a while when the file is
// busy. A new connection's pragmas switch a new file to WAL, and when two processes
// open one new file at once, SQLite refuses the switch to one of them at once (busy,
// without waiting out busy_timeout: waiting could deadlock) while the other makes it.
func ping(db *sql.DB) error {
	var err error
	for try := 0; try < 50; try++ {
		if err = db.Ping(); !isBusy(err) {
			return err
		}
		time.Sleep(time.Duration(10+try*2) * time.Millisecond)
	}
	return err
}

// isBusy reports whether err is SQLite's "database is locked".
func isBusy(err error) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && e.Code()&0xff == sqlite3.SQLITE_BUSY
}

// schemaVersion is SQLite's user_version.
func (sqliteEngine) schemaVersion(ctx context.Context, db bun.IDB) (int, error) {
	var version int
	err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version)
	return version, err
}

func (sqliteEngine) setSchemaVersion(ctx context.Context, tx bun.Tx, version int) error {
	_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", version))
	return err
}

// serialize has nothing to do: a write transaction holds the file's write lock from its
// BEGIN IMMEDIATE to its end, so write transactions run one after another anyway.
func (sqliteEngine) serialize(context.Context, bun.Tx, string) error { return nil }

// snapshot: every SQLite transaction reads one snapshot (WAL mode).
func (sqliteEngine) snapshot() *sql.TxOptions { return nil }

// like: SQLite's LIKE ignores the case of ASCII letters.
func (sqliteEngine) like() string { return "LIKE" }

func (sqliteEngine) anyOf(column string, ids []int64) (string, any) {
	return column + " IN (?)", bun.In(ids)
}

func (sqliteEngine) isUniqueViolation(err error) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && (e.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || e.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY)
}

func (sqliteEngine) limitGrowth(ctx context.Context, db *bun.DB, pages int) error {
	const unlimited = 4294967294 // SQLite's largest max_page_count
	limit := unlimited
	if pages >= 0 {
		if _, err := db.ExecContext(ctx, "VACUUM"); err != nil {
			return fmt.Errorf("store: vacuum: %w", err)
		}
		var count int
		if err := db.QueryRowContext(ctx, "PRAGMA page_count").Scan(&count); err != nil {
			return fmt.Errorf("store: page count: %w", err)
		}
		limit = count + pages
	}
	var got int
	if err := db.QueryRowContext(ctx, fmt.Sprintf("PRAGMA max_page_count = %d", limit)).Scan(&got); err != nil {
		return fmt.Errorf("store: max_page_count: %w", err)
	}
	return nil
}
