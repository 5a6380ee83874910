#!/usr/bin/env bash
# ballast's Compose model against the real thing: on every fixture of
# tests/unit/compose/fixtures/oracle/, `ballast lint --compose-config ARGS`
# must equal `docker-compose ARGS config` (Debian 12's docker-compose 1.29.2)
# on the fields ballast models (tests/e2e/lib/compose_compare.py; the
# differences between 1.29 and the Compose specification, docs/compose.md,
# are normalised there, each with its reason). A fixture is a directory with
# `args` (the -f/--profile arguments), optional `env` (the process environment
# added, KEY=VALUE lines) and its compose files.
# Usage: compose_config_test.sh BALLAST [BUILD_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/dockerd.sh"
ballast=$(realpath "$1")
command -v docker-compose >/dev/null || e2e_skip_or_fail "docker-compose not installed (apt-get install docker-compose)"
python3 -c 'import yaml' 2>/dev/null || e2e_skip_or_fail "python3-yaml not installed"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fixtures="$here/../unit/compose/fixtures/oracle"
count=0
fail=0
for dir in "$fixtures"/*/; do
  name=$(basename "$dir")
  read -r -a args < "$dir/args"
  extra_env=()
  [ -f "$dir/env" ] && mapfile -t extra_env < "$dir/env"
  profiles=""
  for ((i = 0; i < ${#args[@]}; i++)); do
    [ "${args[$i]}" = "--profile" ] && profiles="$profiles${profiles:+,}${args[$((i + 1))]}"
  done
  (cd "$dir" && env -u COMPOSE_PROFILES "${extra_env[@]}" docker-compose "${args[@]}" config) > "$tmp/$name.yml"
  (cd "$dir" && env -u COMPOSE_PROFILES "${extra_env[@]}" "$ballast" lint --no-config --compose-config "${args[@]}") \
    > "$tmp/$name.json"
  if python3 "$here/lib/compose_compare.py" "$tmp/$name.json" "$tmp/$name.yml" "$profiles"; then
    echo "ok: $name"
  else
    echo "FAIL: $name (ballast's model differs from docker-compose config)"
    fail=1
  fi
  count=$((count + 1))
done
[ "$count" -ge 6 ] || { echo "FAIL: only $count fixtures"; exit 1; }
echo "$count fixtures compared"
exit $fail
