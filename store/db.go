// Package store keeps the portal's content in one SQLite file: the models, their queries,
// the search index, the migrations and the demo content.
//
// It opens two pools on the same file in WAL mode: a read pool of several connections
// that may not write, and a write pool of exactly one connection whose transactions begin
// IMMEDIATE, so writers queue on Go's side instead of failing with "database is locked",
// and readers never wait for writers.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/agency/portal/metrics"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is the portal's content database.
type Store struct {
	read  *bun.DB // many connections, query_only
	write *bun.DB // one connection, BEGIN IMMEDIATE

	path      string                                           // the database file
	writes    *WriteWatch                                      // storage trouble of the writer's statements (storage.go)
	now       func() time.Time                                 // the clock: time.Now, or a test's (SetClock)
	sleep     func(ctx context.Context, d time.Duration) error // waits for a login's turn (SetSleep)
	scheduled chan struct{}                                    // wakes RunPublisher when a schedule changes
	metrics   *metrics.Metrics                                 // nil until Instrument; records nothing then

	limitsLoggedAt atomic.Int64 // when a failure of the login limits was last logged, Unix seconds
}

// Open opens (creating when missing) the database file at path and brings its schema up
// to date.
func Open(ctx context.Context, path string) (*Store, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("store: create data directory: %w", err)
		}
	}
	write, err := openPool(path, 1, false)
	if err != nil {
		return nil, err
	}
	s := &Store{
		path: path, write: write, writes: &WriteWatch{Name: "database"},
		now: time.Now, sleep: sleepContext, scheduled: make(chan struct{}, 1),
	}
	write.AddQueryHook(&writeHook{watch: s.writes}) // every write passes here: storage.go
	if err := s.migrate(ctx); err != nil {
		write.Close()
		return nil, err
	}
	readers := max(4, runtime.NumCPU()*2)
	if s.read, err = openPool(path, readers, true); err != nil {
		write.Close()
		return nil, err
	}
	return s, nil
}

// openPool opens a pool whose every connection gets the same pragmas: they are in the DSN
// because a pragma run with Exec would set it on one pooled connection only.
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
	if err := sqldb.Ping(); err != nil {
		sqldb.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	return bun.NewDB(sqldb, sqlitedialect.New()), nil
}

// Close closes both pools.
func (s *Store) Close() error {
	return errors.Join(s.read.Close(), s.write.Close())
}

// AddQueryHook adds a bun query hook to both pools (the tests count statements with it).
func (s *Store) AddQueryHook(h bun.QueryHook) {
	s.read.AddQueryHook(h)
	s.write.AddQueryHook(h)
}

// Ping tells whether the database answers a query.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	return s.read.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}

// migration is one embedded migration file, named NNN_name.sql.
type migration struct {
	number int
	name   string
}

// migrationFiles lists the embedded migrations in the order they run.
func migrationFiles() ([]migration, error) {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	list := make([]migration, 0, len(names))
	for _, name := range names {
		n, err := strconv.Atoi(strings.SplitN(filepath.Base(name), "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("store: migration %s: name must start with a number", name)
		}
		list = append(list, migration{n, name})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].number < list[j].number })
	return list, nil
}

// migrate runs, in one transaction each, the embedded migrations numbered above the
// database's user_version, and records each in user_version.
func (s *Store) migrate(ctx context.Context) error {
	list, err := migrationFiles()
	if err != nil {
		return err
	}
	var current int
	if err := s.write.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
		return fmt.Errorf("store: read schema version: %w", err)
	}
	for _, m := range list {
		if m.number <= current {
			continue
		}
		body, err := migrations.ReadFile(m.name)
		if err != nil {
			return err
		}
		err = s.write.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			if _, err := tx.ExecContext(ctx, string(body)); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.number))
			return err
		})
		if err != nil {
			return fmt.Errorf("store: migration %s: %w", m.name, err)
		}
	}
	return nil
}
