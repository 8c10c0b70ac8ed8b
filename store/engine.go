package store

import (
	"context"
	"database/sql"
	"net/url"

	"github.com/uptrace/bun"
)

// engine is what differs between the two databases the store runs on: SQLite
// (db_sqlite.go, search_sqlite.go) and PostgreSQL (db_postgres.go, search_postgres.go).
// Everything else, every query of the store included, is written once for both: bun
// writes each engine's placeholders, quoting, booleans and upserts.
type engine interface {
	name() string // "sqlite" or "postgres": the folder of its own migrations

	// open opens a pool of conns connections to the database dsn names; readOnly ones
	// refuse to write.
	open(dsn string, conns int, readOnly bool) (*bun.DB, error)
	// file is the database file dsn names, "" when it is no file.
	file(dsn string) string

	// schemaVersion is the number of the last migration run (0 for a new database);
	// setSchemaVersion records a new one, in the migration's transaction.
	schemaVersion(ctx context.Context, db bun.IDB) (int, error)
	setSchemaVersion(ctx context.Context, tx bun.Tx, version int) error

	// serialize makes the transactions that call it with one key run one after another,
	// across every process on the database, until tx ends. SQLite's one writer does that
	// already; PostgreSQL takes an advisory lock.
	serialize(ctx context.Context, tx bun.Tx, key string) error

	// snapshot is the options of a read transaction that sees one snapshot of the whole
	// database (an export's).
	snapshot() *sql.TxOptions

	// like is the operator of a text filter's pattern match that ignores case.
	like() string

	// anyOf is the condition that column is one of ids, and its argument: an IN list on
	// SQLite; on PostgreSQL = ANY of one array, since its planner takes a millisecond over
	// an IN list of 250 numbers and a tenth of that over one array.
	anyOf(column string, ids []int64) (string, any)

	// limitGrowth simulates a full disk for tests: Store.LimitGrowth.
	limitGrowth(ctx context.Context, db *bun.DB, pages int) error

	// isUniqueViolation tells whether err is a write refused by a UNIQUE constraint.
	isUniqueViolation(err error) bool

	searchIndex
}

// searchIndex is the engine's full-text index of the items the public sees (see
// search_index.go): rows are numbered kind << kindShift | id, and hold the folded words
// of an item's title, summary and body, and their stems (indexWords).
type searchIndex interface {
	// putSearch replaces the row's words.
	putSearch(ctx context.Context, db bun.IDB, rowid int64, words indexWords) error
	// searchRow is a new row of the table search: its columns, and their values for an
	// item's words (what putSearch writes).
	searchRow(rowid int64, words indexWords) (columns string, values []any)
	// deleteSearch takes the row out.
	deleteSearch(ctx context.Context, db bun.IDB, rowid int64) error
	// searchMatch is the condition that a row of the table search matches q, and its
	// arguments: it reads the index only.
	searchMatch(q searchQuery) (string, []any)
}

// RedactDSN is a --db value fit for a log line: a PostgreSQL URL without its password.
func RedactDSN(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && IsPostgres(dsn) {
		return u.Redacted()
	}
	return dsn
}

// IsPostgres tells whether a --db value names a PostgreSQL database (postgres://… or
// postgresql://…) rather than a SQLite file.
func IsPostgres(dsn string) bool {
	u, err := url.Parse(dsn)
	return err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql")
}
