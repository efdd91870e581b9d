#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the sync storage tests: `source` this file (as root, as
# .ci/run does), and DATABASE_URL_TEST points at a fresh cluster on a free loopback port, stopped and
# deleted when the sourcing shell exits. Installs Debian's postgresql when it is missing.
# Without root (or when it cannot start) it says so and the PostgreSQL tests report themselves skipped.

start_throwaway_postgres() {
  if [[ "$(id -u)" -ne 0 ]]; then
    echo "postgres: not root, so no throwaway cluster; PostgreSQL tests will be skipped"
    return 0
  fi
  local bindir
  bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [[ -z "$bindir" || ! -x "$bindir/initdb" ]]; then
    echo "postgres: installing Debian's postgresql"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  fi
  PG_THROWAWAY_DIR="$(mktemp -d /tmp/daifuku-pg-XXXXXX)"
  chown postgres:postgres "$PG_THROWAWAY_DIR"
  local port
  port="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
  if [[ ! -x "$bindir/initdb" ]]; then
    echo "postgres: no initdb after installing; PostgreSQL tests will be skipped"
    return 0
  fi
  runuser -u postgres -- "$bindir/initdb" -D "$PG_THROWAWAY_DIR/data" -A trust -U postgres --no-sync >/dev/null
  if ! runuser -u postgres -- "$bindir/pg_ctl" -D "$PG_THROWAWAY_DIR/data" -l "$PG_THROWAWAY_DIR/log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_THROWAWAY_DIR -c fsync=off" start >/dev/null; then
    echo "postgres: could not start (see $PG_THROWAWAY_DIR/log); PostgreSQL tests will be skipped"
    return 0
  fi
  PG_THROWAWAY_BIN="$bindir"
  export DATABASE_URL_TEST="postgres://postgres@127.0.0.1:$port/postgres"
  echo "postgres: throwaway cluster on 127.0.0.1:$port"
  trap stop_throwaway_postgres EXIT
}

stop_throwaway_postgres() {
  if [[ -n "${PG_THROWAWAY_BIN:-}" ]]; then
    runuser -u postgres -- "$PG_THROWAWAY_BIN/pg_ctl" -D "$PG_THROWAWAY_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  if [[ -n "${PG_THROWAWAY_DIR:-}" ]]; then rm -rf "$PG_THROWAWAY_DIR"; fi
}

start_throwaway_postgres
