#!/usr/bin/env bash
# A throwaway PostgreSQL server for the history store tests:
#   pg_server.sh start DIR   initdb + pg_ctl start into DIR (unix socket DIR/sock only,
#                            scram-sha-256 password auth), writes DIR/url
#   pg_server.sh stop DIR    pg_ctl stop, DIR removed
# initdb and postgres refuse to run as root, so both run as an unprivileged
# user (nobody, or $BALLAST_PG_USER) through setpriv, owning DIR. ctest runs
# start/stop as the fixture around the history tests (CMakeLists.txt).
set -euo pipefail
cmd=${1:?start|stop}
dir=${2:?DIR}
user=${BALLAST_PG_USER:-nobody}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  # Under CI=true a missing server fails; locally the SQLite half of the
  # history tests still runs and the PostgreSQL half skips loudly.
  echo "pg_server.sh: *** no PostgreSQL server (apt-get install postgresql) ***" >&2
  [ "$cmd" = stop ] && exit 0
  [ "${CI:-}" = true ] && exit 1
  exit 0
fi
as_user() {
  if [ "$(id -u)" -eq 0 ]; then
    setpriv --reuid="$user" --regid="$(id -g "$user")" --clear-groups -- env HOME="$dir" "$@"
  else
    "$@"
  fi
}

# Where the server lives: DIR itself, or (when the unprivileged user cannot
# reach DIR, say a checkout under /root) a directory under /tmp named in DIR/root.
root_of() { if [ -f "$dir/root" ]; then cat "$dir/root"; else echo "$dir"; fi; }

stop() {
  local root
  root=$(root_of)
  if [ -f "$root/data/postmaster.pid" ]; then
    as_user "$bin/pg_ctl" -D "$root/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  [ "$root" = "$dir" ] || rm -rf "$root"
}

case "$cmd" in
  start)
    stop
    rm -rf "$dir"
    mkdir -p "$dir"
    root=$dir
    [ "$(id -u)" -ne 0 ] || chown "$user" "$dir"
    if ! as_user test -w "$dir"; then
      root=$(mktemp -d /tmp/ballast-pg.XXXXXX)
      echo "$root" >"$dir/root"
      [ "$(id -u)" -ne 0 ] || chown "$user" "$root"
    fi
    mkdir -p "$root/sock"
    password=ballast-test-pw
    printf '%s\n' "$password" >"$root/pw"
    [ "$(id -u)" -ne 0 ] || chown -R "$user" "$root"
    as_user "$bin/initdb" -D "$root/data" -U ballast --auth=scram-sha-256 --pwfile="$root/pw" -E UTF8 \
      --no-sync --no-instructions >"$root/initdb.log" 2>&1 || { cat "$root/initdb.log" >&2; exit 1; }
    # No TCP at all; fsync off: a test server's data need not survive a crash.
    as_user "$bin/pg_ctl" -D "$root/data" -l "$root/server.log" -w -t 60 \
      -o "-c listen_addresses='' -k $root/sock -c fsync=off -c max_connections=50" start >/dev/null ||
      { cat "$root/server.log" >&2; exit 1; }
    echo "postgresql://ballast:$password@/postgres?host=$root/sock" >"$dir/url"
    ;;
  stop)
    stop
    rm -rf "$dir"
    ;;
  *)
    echo "pg_server.sh: start|stop DIR" >&2
    exit 2
    ;;
esac
