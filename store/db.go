// Package store keeps the portal's content in a database: the models, their queries, the
// search index, the migrations and the demo content.
//
// It runs on SQLite (a file: the default, and the embedded demo) or on PostgreSQL (several
// instances on one database), chosen by the DSN Open is given; engine.go lists what
// differs between them. On both it opens two pools: a read pool of several connections
// that may not write, and a write pool of exactly one connection, so that a process's
// writers queue on Go's side (on SQLite its transactions begin IMMEDIATE, so they never
// fail with "database is locked"; on PostgreSQL the transactions that must not overlap
// across processes take an advisory lock), and readers never wait for writers.
package store

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/uptrace/bun"

	"github.com/agency/portal/metrics"
)

// migrations holds the schema's migrations: the portable ones in migrations/, those
// written for one engine in migrations/sqlite/ and migrations/postgres/.
//
//go:embed migrations
var migrations embed.FS

// Store is the portal's content database.
type Store struct {
	read  *bun.DB // many connections, read-only
	write *bun.DB // one connection

	engine    engine                                           // SQLite or PostgreSQL: what differs (engine.go)
	path      string                                           // the SQLite database file; "" on PostgreSQL
	writes    *WriteWatch                                      // storage trouble of the writer's statements (storage.go)
	now       func() time.Time                                 // the clock: time.Now, or a test's (SetClock)
	sleep     func(ctx context.Context, d time.Duration) error // waits for a login's turn (SetSleep)
	scheduled chan struct{}                                    // wakes RunPublisher when a schedule changes
	metrics   *metrics.Metrics                                 // nil until Instrument; records nothing then
	counts    countCache                                       // list counts no counter covers, per content generation (counts.go)

	limitsLoggedAt atomic.Int64 // when a failure of the login limits was last logged, Unix seconds
}

// Open opens the database dsn names and brings its schema up to date: a PostgreSQL URL
// (postgres://… or postgresql://…), or else a SQLite file (a path, or file:path), created
// when missing.
func Open(ctx context.Context, dsn string) (*Store, error) {
	var e engine = sqliteEngine{}
	if IsPostgres(dsn) {
		e = postgresEngine{}
	}
	write, err := e.open(dsn, 1, false)
	if err != nil {
		return nil, err
	}
	s := &Store{
		engine: e, path: e.file(dsn), write: write, writes: &WriteWatch{Name: "database"},
		now: time.Now, sleep: sleepContext, scheduled: make(chan struct{}, 1),
	}
	write.AddQueryHook(&writeHook{watch: s.writes, store: s}) // every write passes here: storage.go
	if err := s.migrate(ctx); err != nil {
		write.Close()
		return nil, err
	}
	if err := s.migrateQueue(ctx); err != nil { // River's tables: webhook_queue.go
		write.Close()
		return nil, fmt.Errorf("store: webhook queue: %w", err)
	}
	readers := max(4, runtime.NumCPU()*2)
	if s.read, err = e.open(dsn, readers, true); err != nil {
		write.Close()
		return nil, err
	}
	return s, nil
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

// migrationFiles lists the migrations of an engine ("sqlite" or "postgres") in the order
// they run: the portable ones and the engine's own, numbered in one sequence.
func migrationFiles(engine string) ([]migration, error) {
	var list []migration
	seen := map[int]string{}
	for _, pattern := range []string{"migrations/*.sql", "migrations/" + engine + "/*.sql"} {
		names, err := fs.Glob(migrations, pattern)
		if err != nil {
			return nil, err
		}
		for _, name := range names {
			n, err := strconv.Atoi(strings.SplitN(path.Base(name), "_", 2)[0])
			if err != nil {
				return nil, fmt.Errorf("store: migration %s: name must start with a number", name)
			}
			if other, ok := seen[n]; ok {
				return nil, fmt.Errorf("store: migrations %s and %s have one number", other, name)
			}
			seen[n] = name
			list = append(list, migration{n, name})
		}
	}
	sort.Slice(list, func(i, j int) bool { return list[i].number < list[j].number })
	return list, nil
}

// migrationSteps are the steps in Go that follow a migration's SQL, in its transaction,
// by the migration's number.
func (s *Store) migrationSteps() map[int]func(context.Context, bun.Tx) error {
	return map[int]func(context.Context, bun.Tx) error{
		7:  s.rebuildSearch,  // 007_search_stems.sql: the index holds stems
		9:  s.fillTerms,      // 009_search_terms.sql: the vocabulary of "did you mean"
		11: recountLists,     // 011_list_counts.sql: the lists' counters
		12: s.indexAllFacets, // 012_search_facets.sql: topics and years of indexed items
		15: s.fillRanking,    // 015_search_ranking.sql: what search ranks by
		17: fillTermKinds,    // 017_search_term_kinds.sql: the vocabulary's counts by kind
	}
}

// migrate runs, in one transaction each, the migrations numbered above the database's
// schema version, and records each as the new version. A database that is up to date is
// only read. Each transaction first takes the engine's lock on the schema and reads the
// version again, so two processes that start at once on one PostgreSQL database migrate
// it once.
func (s *Store) migrate(ctx context.Context) error {
	list, err := migrationFiles(s.engine.name())
	if err != nil {
		return err
	}
	current, err := s.engine.schemaVersion(ctx, s.write)
	if err != nil {
		return fmt.Errorf("store: read schema version: %w", err)
	}
	for _, m := range list {
		if m.number <= current {
			continue
		}
		err := s.write.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			if err := s.engine.serialize(ctx, tx, "migrate"); err != nil {
				return err
			}
			current, err := s.engine.schemaVersion(ctx, tx)
			if err != nil {
				return fmt.Errorf("read schema version: %w", err)
			}
			if m.number <= current {
				return nil
			}
			body, err := migrations.ReadFile(m.name)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, string(body)); err != nil {
				return err
			}
			if step := s.migrationSteps()[m.number]; step != nil {
				if err := step(ctx, tx); err != nil {
					return err
				}
			}
			return s.engine.setSchemaVersion(ctx, tx, m.number)
		})
		if err != nil {
			return fmt.Errorf("store: migration %s: %w", m.name, err)
		}
	}
	return nil
}
