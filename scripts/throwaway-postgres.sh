#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback, for tests.
#   start DIR  -> creates DIR, starts the server; stdout: exactly one line DATABASE_URL=postgres://...
#   stop DIR   -> stops the server and removes DIR
# Everything except the DATABASE_URL line goes to stderr. Works as root (server runs as "postgres")
# or as an ordinary user. PG_BIN overrides the binaries directory.
set -euo pipefail

cmd=${1:-}; dir=${2:-}
[[ ( $cmd == start || $cmd == stop ) && -n $dir ]] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }

# Newest installed major version (Debian layout), unless PG_BIN says otherwise.
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)}

# The server refuses to run as root: as root, run everything as the "postgres" system user.
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [[ $cmd == stop ]]; then
  [[ -d $dir ]] || exit 0
  # Refuse to rm -rf a directory this script did not create.
  [[ -f $dir/.throwaway-postgres ]] || { echo "throwaway-postgres: $dir was not made by this script, not removing" >&2; exit 1; }
  # Immediate mode: the data is thrown away anyway, no need for a shutdown checkpoint.
  # If pg_ctl is missing or fails, SIGKILL the postmaster named in its pid file instead.
  as_pg "$PG_BIN/pg_ctl" stop -D "$dir/data" -m immediate -w -t 30 >&2 \
    || { [[ -f $dir/data/postmaster.pid ]] && kill -9 "$(head -n 1 "$dir/data/postmaster.pid")" 2>/dev/null; } || true
  rm -rf "$dir"
  exit 0
fi

# start
[[ -x ${PG_BIN:-}/pg_ctl ]] || { echo "throwaway-postgres: no PostgreSQL under /usr/lib/postgresql/*/bin (run scripts/install-ci-packages.sh)" >&2; exit 1; }
if [[ -e $dir && -n $(ls -A "$dir" 2>/dev/null) ]]; then echo "throwaway-postgres: $dir exists and is not empty" >&2; exit 1; fi
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)   # absolute: it is also the Unix socket directory
touch "$dir/.throwaway-postgres"
if [[ $(id -u) -eq 0 ]]; then
  chown postgres: "$dir"
  # mktemp -d under a 0700 parent (e.g. /root) would be unreachable for the postgres user.
  runuser -u postgres -- test -w "$dir" || { echo "throwaway-postgres: user postgres cannot write $dir (check its parents' permissions)" >&2; exit 1; }
fi

# Trust auth is fine: the server only listens on 127.0.0.1 and a socket inside DIR, and is thrown away.
as_pg "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { tail -n 30 "$dir/initdb.log" >&2; exit 1; }

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

# A free port can be taken between picking and binding: retry a few times with a new one.
for attempt in 1 2 3; do
  port=$(free_port)
  if as_pg "$PG_BIN/pg_ctl" start -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
       -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >&2; then
    started=1; break
  fi
  started=0
  tail -n 20 "$dir/postgres.log" >&2 || true
done
[[ $started == 1 ]] || { echo "throwaway-postgres: server did not start" >&2; exit 1; }

as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres intake >&2
echo "DATABASE_URL=postgres://postgres@127.0.0.1:$port/intake"
