package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// postgresEngine is PostgreSQL (15 or later), through pgx's database/sql driver: a
// database that several instances of the portal share. Each process keeps the same two
// pools as on SQLite: its read pool's sessions are read-only
// (default_transaction_read_only), its write pool has one connection; the transactions
// that must not overlap across processes (the login limits of one account, editors'
// changes, migrations, the publisher) take an advisory lock (serialize).
type postgresEngine struct{}

func (postgresEngine) name() string { return "postgres" }

func (postgresEngine) file(string) string { return "" }

// open opens a pool on the DSN. bun writes every value into the statement itself, so the
// statements go as they are (pgx's simple protocol: one round trip, no prepared
// statements to cache) unless the DSN chooses another default_query_exec_mode.
func (postgresEngine) open(dsn string, conns int, readOnly bool) (*bun.DB, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return nil, errors.New("store: the PostgreSQL URL does not parse")
	}
	q := u.Query()
	if !q.Has("default_query_exec_mode") {
		q.Set("default_query_exec_mode", "simple_protocol")
	}
	if readOnly {
		q.Set("default_transaction_read_only", "on")
	}
	u.RawQuery = q.Encode()
	sqldb, err := sql.Open("pgx", u.String())
	if err != nil {
		return nil, fmt.Errorf("store: open PostgreSQL: %w", err)
	}
	sqldb.SetMaxOpenConns(conns)
	sqldb.SetMaxIdleConns(conns)
	if err := sqldb.Ping(); err != nil {
		sqldb.Close()
		return nil, fmt.Errorf("store: open PostgreSQL %s: %w", u.Redacted(), err)
	}
	return bun.NewDB(sqldb, pgdialect.New()), nil
}

// schemaVersion is the highest version in the table schema_migrations (of the schema
// search_path names first), 0 when there is no such table yet.
func (postgresEngine) schemaVersion(ctx context.Context, db bun.IDB) (int, error) {
	var exists bool
	// The catalog read as a table, with the statement's snapshot: to_regclass would ask
	// the session's catalog cache, which may not know yet of a table another process
	// created while this one waited for the "migrate" lock.
	err := db.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables "+
		"WHERE schemaname = current_schema() AND tablename = 'schema_migrations')").Scan(&exists)
	if err != nil || !exists {
		return 0, err
	}
	var version int
	err = db.QueryRowContext(ctx, "SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&version)
	return version, err
}

// setSchemaVersion records a migration in schema_migrations, which it creates when missing
// (migrate holds the "migrate" lock then).
func (postgresEngine) setSchemaVersion(ctx context.Context, tx bun.Tx, version int) error {
	if _, err := tx.ExecContext(ctx, "CREATE TABLE IF NOT EXISTS schema_migrations ("+
		"version INTEGER PRIMARY KEY, migrated_at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS+00:00'))"); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version) VALUES (?)", version)
	return err
}

// serialize takes a transaction-level advisory lock on the key, in the schema's name (so
// databases in different schemas of one PostgreSQL do not wait for each other).
func (postgresEngine) serialize(ctx context.Context, tx bun.Tx, key string) error {
	_, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(hashtextextended(current_schema() || ':' || ?, 0))", key)
	return err
}

// snapshot: PostgreSQL's default, READ COMMITTED, sees each statement's own snapshot;
// REPEATABLE READ keeps the first one for the whole transaction.
func (postgresEngine) snapshot() *sql.TxOptions {
	return &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
}

// like: PostgreSQL's LIKE minds case; ILIKE does not.
func (postgresEngine) like() string { return "ILIKE" }

func (postgresEngine) anyOf(column string, ids []int64) (string, any) {
	return column + " = ANY(?)", pgdialect.Array(ids)
}

func (postgresEngine) isUniqueViolation(err error) bool {
	var e *pgconn.PgError
	return errors.As(err, &e) && e.Code == "23505" // unique_violation
}

// limitGrowth adds (pages 0) or drops (pages < 0) a trigger on every table of the schema
// that fails each row written as a full disk does.
func (postgresEngine) limitGrowth(ctx context.Context, db *bun.DB, pages int) error {
	if pages > 0 {
		return errors.New("store: on PostgreSQL, LimitGrowth takes 0 (full) or -1 (room again)")
	}
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.ExecContext(ctx, "CREATE OR REPLACE FUNCTION storage_full() RETURNS trigger LANGUAGE plpgsql AS "+
			"'BEGIN RAISE EXCEPTION ''could not extend file: No space left on device'' USING ERRCODE = ''disk_full''; END'")
		if err != nil {
			return err
		}
		var tables []string
		if err := tx.NewRaw("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()").Scan(ctx, &tables); err != nil {
			return err
		}
		for _, t := range tables {
			stmt := "DROP TRIGGER IF EXISTS storage_full ON \"" + t + "\""
			if pages == 0 {
				stmt = "CREATE OR REPLACE TRIGGER storage_full BEFORE INSERT OR UPDATE ON \"" + t + "\"" +
					" FOR EACH ROW EXECUTE FUNCTION storage_full()"
			}
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return err
			}
		}
		return nil
	})
}
