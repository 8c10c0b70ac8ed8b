#!/usr/bin/env bash
# with-postgres.sh CMD…: runs CMD with a throwaway PostgreSQL 15 server, for the tests on
# the second engine. It starts a cluster in a temp folder, listening on 127.0.0.1 on a free
# port (and on a socket in that folder), exports
#   PORTAL_TEST_POSTGRES=postgres://portal@127.0.0.1:PORT/postgres?sslmode=disable
# runs CMD, then stops the server and removes the folder, whatever happens. It needs
# Debian's postgresql-15 (/usr/lib/postgresql/15/bin): installed with apt when run as root.
# PostgreSQL refuses to run as root, so as root the server runs as the postgres user.
set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$PGBIN/initdb" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing Debian's postgresql-15 for the tests on PostgreSQL" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
  else
    echo "The tests on PostgreSQL need PostgreSQL 15 in $PGBIN: run 'sudo apt-get install postgresql-15' (Debian/Ubuntu), or set PGBIN to its bin folder, and try again." >&2
    exit 1
  fi
fi

as_owner() { "$@"; }
if [ "$(id -u)" = 0 ]; then
  as_owner() { runuser -u postgres -- "$@"; }
fi

dir=$(mktemp -d /tmp/portal-pg.XXXXXX)
chmod 755 "$dir"
[ "$(id -u)" = 0 ] && chown postgres: "$dir"
stop() {
  as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT INT TERM

# A free loopback port: one nothing answers on (pg_ctl fails if it is taken meanwhile).
port=
for _ in $(seq 50); do
  p=$((20000 + RANDOM % 40000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port=$p; break; fi
done
[ -n "$port" ] || { echo "no free port on 127.0.0.1" >&2; exit 1; }

as_owner "$PGBIN/initdb" -D "$dir/data" -A trust -U portal -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; exit 1; }
# Throwaway settings: nothing needs to survive a crash, so no fsync.
as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" \
  start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }

export PORTAL_TEST_POSTGRES="postgres://portal@127.0.0.1:$port/postgres?sslmode=disable"
echo "PostgreSQL 15 on 127.0.0.1:$port for: $*" >&2
"$@"
