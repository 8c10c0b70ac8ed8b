package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/agency/portal/metrics"
)

// Instrument reports the store to m: both pools' use (go_sql_*, db_name "read" and
// "write"), how long searches take, and failed writes by reason (counted by the writer's
// one hook, storage.go's writeHook, which sees every statement of the write pool). Call
// it once, before the store serves anyone.
func (s *Store) Instrument(m *metrics.Metrics) {
	s.metrics = m
	m.AddDBPool("read", s.read.DB)
	m.AddDBPool("write", s.write.DB)
}

// writeFailureReason names why a write failed, from metrics.WriteFailureReasons, or is ""
// when it is no failure of storage: no error, no row, a constraint that refused input
// (an email in use), or a client that went away.
func writeFailureReason(err error) string {
	var e *sqlite.Error
	var pg *pgconn.PgError
	switch {
	case err == nil, errors.Is(err, sql.ErrNoRows), errors.Is(err, context.Canceled):
		return ""
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return "full"
	case errors.Is(err, syscall.EIO), errors.Is(err, syscall.EROFS):
		return "io"
	case errors.As(err, &pg):
		return postgresFailureReason(pg.Code)
	case !errors.As(err, &e):
		return "other"
	}
	switch e.Code() & 0xff { // the primary result code
	case sqlite3.SQLITE_CONSTRAINT, sqlite3.SQLITE_INTERRUPT:
		return ""
	case sqlite3.SQLITE_FULL:
		return "full"
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return "busy"
	case sqlite3.SQLITE_IOERR:
		return "io"
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM:
		return "readonly"
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return "corrupt"
	}
	return "other"
}

// postgresFailureReason names a PostgreSQL error by its SQLSTATE as writeFailureReason
// names SQLite's.
func postgresFailureReason(code string) string {
	switch {
	case strings.HasPrefix(code, "23"), code == "57014": // integrity constraint; query canceled
		return ""
	case code == "53100": // disk_full
		return "full"
	case code == "58030": // io_error
		return "io"
	case code == "40001", code == "40P01", code == "55P03": // serialization, deadlock, lock not available
		return "busy"
	case code == "25006", code == "42501": // read-only transaction; insufficient privilege
		return "readonly"
	case code == "XX001", code == "XX002": // data or index corrupted
		return "corrupt"
	}
	return "other"
}
