// Package storetest gives tests a database of their own on the engine the test run uses:
// a SQLite file in the test's temp folder, or, when PORTAL_TEST_POSTGRES names a
// PostgreSQL server (scripts/with-postgres.sh sets it), a schema of its own on that
// server, dropped when the test ends. Each test's DSN goes to store.Open like a --db value.
package storetest

import (
	"crypto/rand"
	"database/sql"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver
)

// EnvPostgres is the environment variable that sends the tests to PostgreSQL: the URL of
// a database on which they may create and drop schemas.
const EnvPostgres = "PORTAL_TEST_POSTGRES"

// Postgres tells whether the tests run on PostgreSQL.
func Postgres() bool { return os.Getenv(EnvPostgres) != "" }

// SkipOnPostgres skips a test that is about SQLite only, saying why.
func SkipOnPostgres(t testing.TB, why string) {
	t.Helper()
	if Postgres() {
		t.Skip("SQLite only: " + why)
	}
}

// DSN is a new, empty database for the test: a SQLite file, or a PostgreSQL schema (a
// schema is far cheaper to make than a database: a few milliseconds).
func DSN(t testing.TB) string {
	t.Helper()
	if !Postgres() {
		return filepath.Join(t.TempDir(), "portal.db")
	}
	admin := server(t)
	schema := "test_" + strings.ToLower(rand.Text())
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("storetest: create schema: %v", err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
			t.Errorf("storetest: drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(os.Getenv(EnvPostgres))
	if err != nil {
		t.Fatalf("storetest: %s: %v", EnvPostgres, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

var (
	adminOnce sync.Once
	adminDB   *sql.DB
	adminErr  error
)

// server is a connection pool to PORTAL_TEST_POSTGRES, opened once per test binary.
func server(t testing.TB) *sql.DB {
	adminOnce.Do(func() {
		adminDB, adminErr = sql.Open("pgx", os.Getenv(EnvPostgres))
		if adminErr == nil {
			adminDB.SetMaxOpenConns(2)
			adminErr = adminDB.Ping()
		}
	})
	if adminErr != nil {
		t.Fatalf("storetest: %s: %v", EnvPostgres, adminErr)
	}
	return adminDB
}
