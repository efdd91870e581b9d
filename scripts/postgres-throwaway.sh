#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the sync storage tests: `source` this file (as .ci/run does),
# and DATABASE_URL_TEST points at a fresh cluster on a free loopback port, stopped and deleted when
# the sourcing shell exits. Installs Debian's postgresql when it is missing. Runs as root, or
# through sudo when not root (as .ci/run does for chromium).
#
# With DAIFUKU_REQUIRE_POSTGRES=1 (.ci/run sets it) a cluster that cannot be installed or started
# fails the sourcing shell: the PostgreSQL tests must not vanish quietly from CI. Without it (a
# developer's machine), the tests are listed as skipped by name.

pg_as_root() {
  if [[ "$(id -u)" -eq 0 ]]; then "$@"; else sudo -n "$@"; fi
}

pg_as_postgres() {
  if [[ "$(id -u)" -eq 0 ]]; then runuser -u postgres -- "$@"; else sudo -n -u postgres -- "$@"; fi
}

pg_unavailable() {
  if [[ "${DAIFUKU_REQUIRE_POSTGRES:-}" == "1" ]]; then
    echo "postgres: $1; the PostgreSQL sync tests are required here (DAIFUKU_REQUIRE_POSTGRES=1)" >&2
    return 1
  fi
  echo "postgres: $1; PostgreSQL tests will be reported as skipped"
  return 0
}

start_throwaway_postgres() {
  if [[ "$(id -u)" -ne 0 ]] && ! sudo -n true 2>/dev/null; then
    pg_unavailable "not root and no password-less sudo, so no throwaway cluster"
    return
  fi
  local bindir
  bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [[ -z "$bindir" || ! -x "$bindir/initdb" ]]; then
    echo "postgres: installing Debian's postgresql"
    pg_as_root apt-get update -qq || true
    pg_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null || true
    bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  fi
  if [[ -z "$bindir" || ! -x "$bindir/initdb" ]]; then
    pg_unavailable "no initdb after installing postgresql"
    return
  fi
  PG_THROWAWAY_DIR="$(mktemp -d /tmp/daifuku-pg-XXXXXX)"
  chmod 755 "$PG_THROWAWAY_DIR"
  pg_as_root chown postgres:postgres "$PG_THROWAWAY_DIR"
  local port
  port="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
  if ! pg_as_postgres "$bindir/initdb" -D "$PG_THROWAWAY_DIR/data" -A trust -U postgres --no-sync >/dev/null; then
    pg_unavailable "initdb failed"
    return
  fi
  if ! pg_as_postgres "$bindir/pg_ctl" -D "$PG_THROWAWAY_DIR/data" -l "$PG_THROWAWAY_DIR/log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_THROWAWAY_DIR -c fsync=off" start >/dev/null; then
    pg_as_root cat "$PG_THROWAWAY_DIR/log" >&2 || true
    pg_unavailable "could not start"
    return
  fi
  PG_THROWAWAY_BIN="$bindir"
  export DATABASE_URL_TEST="postgres://postgres@127.0.0.1:$port/postgres"
  echo "postgres: throwaway cluster ($("$bindir/postgres" --version)) on 127.0.0.1:$port"
  trap stop_throwaway_postgres EXIT
}

stop_throwaway_postgres() {
  if [[ -n "${PG_THROWAWAY_BIN:-}" ]]; then
    pg_as_postgres "$PG_THROWAWAY_BIN/pg_ctl" -D "$PG_THROWAWAY_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  if [[ -n "${PG_THROWAWAY_DIR:-}" ]]; then pg_as_root rm -rf "$PG_THROWAWAY_DIR"; fi
}

start_throwaway_postgres
