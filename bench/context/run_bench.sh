#!/usr/bin/env bash
# Walk speed of `ballast context` on a 1M-file context, against the floors
# `find DIR -type f | wc -l` (no stat) and `find -size +0` (one stat per file,
# as ballast needs for sizes), measured in the same run (all warm: one untimed
# run first; best of 3).
# Usage: bench/context/run_bench.sh <ballast> [dir] [files]
#   OLD=<ballast>          also time an older binary (e.g. before a change)
#   WALK_BENCH=<binary>    also time walk_context alone per thread count
#                          (context_walk_bench, built with the project)
#   COLD=1                 also time cold runs: before each one the page,
#                          dentry and inode caches are dropped (needs root;
#                          slows everything else on the machine meanwhile)
set -euo pipefail
BALLAST=$1
DIR=${2:-/tmp/ballast-bench-context}
N=${3:-1000000}
if [ ! -f "$DIR/.dockerignore" ]; then
  echo "creating $N files in $DIR ..."
  python3 "$(dirname "$0")/make_tree.py" "$DIR" "$N"
fi
# No rules: a Dockerfile whose own (empty) Dockerfile.dockerignore replaces
# DIR/.dockerignore.
NORULES=$(mktemp -d)
trap 'rm -rf "$NORULES"' EXIT
printf 'FROM scratch\n' >"$NORULES/Dockerfile"
: >"$NORULES/Dockerfile.dockerignore"

ms_of() {  # wall milliseconds of one run
  local t0 t1
  t0=$(date +%s%N); "$@" >/dev/null; t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 ))
}
fmt() { printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)); }
time_it() {  # prints the best wall time of 3 runs, in seconds
  local best=999999 ms
  for _ in 1 2 3; do ms=$(ms_of "$@"); [ "$ms" -lt "$best" ] && best=$ms; done
  fmt "$best"
}
load() { cut -d' ' -f1 /proc/loadavg; }
row() {  # label, command...
  local label=$1; shift
  printf '%-34s: %s s   (load %s)\n' "$label" "$(time_it "$@")" "$(load)"
}
# ballast arguments: with OLD, old and new runs alternate (best of 3 each),
# so a change of machine load hits both.
pair() {
  local label=$1; shift
  local best_new=999999 best_old=999999 ms
  for _ in 1 2 3; do
    if [ -n "${OLD:-}" ]; then ms=$(ms_of "$OLD" "$@"); [ "$ms" -lt "$best_old" ] && best_old=$ms; fi
    ms=$(ms_of "$BALLAST" "$@"); [ "$ms" -lt "$best_new" ] && best_new=$ms
  done
  printf '%-34s: new %s s' "$label" "$(fmt "$best_new")"
  [ -n "${OLD:-}" ] && printf ', old %s s' "$(fmt "$best_old")"
  printf '   (load %s)\n' "$(load)"
}
find "$DIR" -type f | wc -l >/dev/null   # warm the caches
"$BALLAST" context "$DIR" --no-dockerfile >/dev/null
echo "files: $(find "$DIR" -type f | wc -l), $(nproc) cores, $(date -u +%FT%TZ)"
row "find -type f | wc -l" sh -c "find '$DIR' -type f | wc -l"
row "find -type f -size +0 | wc -l" sh -c "find '$DIR' -type f -size +0 | wc -l"
pair "ballast context, no rules" context "$DIR" -f "$NORULES/Dockerfile"
pair "ballast context (7 rules)" context "$DIR" --no-dockerfile
pair "ballast context --format json" context "$DIR" --no-dockerfile --format json
pair "ballast context --engine 20.10" context "$DIR" --no-dockerfile --engine 20.10
row "find -type f | wc -l (again)" sh -c "find '$DIR' -type f | wc -l"
if [ -n "${COLD:-}" ]; then
  cold() {  # label, command...: one run after dropping every cache
    local label=$1 ms; shift
    sync; echo 3 > /proc/sys/vm/drop_caches
    ms=$(ms_of "$@")
    printf '%-34s: %s s   (cold, load %s)\n' "$label" "$(fmt "$ms")" "$(load)"
  }
  for round in 1 2; do
    cold "find -type f | wc -l" sh -c "find '$DIR' -type f | wc -l"
    cold "find -type f -size +0 | wc -l" sh -c "find '$DIR' -type f -size +0 | wc -l"
    cold "ballast context (7 rules)" "$BALLAST" context "$DIR" --no-dockerfile
    [ -n "${OLD:-}" ] && cold "old ballast context (7 rules)" "$OLD" context "$DIR" --no-dockerfile
    cold "ballast context --walk-threads 1" "$BALLAST" context "$DIR" --no-dockerfile --walk-threads 1
    cold "ballast context --walk-threads 16" "$BALLAST" context "$DIR" --no-dockerfile --walk-threads 16
  done
fi
if [ -n "${WALK_BENCH:-}" ]; then
  echo "walk_context alone (7 rules), by threads (1 = serial walk):"
  "$WALK_BENCH" "$DIR" 1 2 4 8 16
  echo "DirScan alone (system calls only), by threads:"
  "$WALK_BENCH" "$DIR" --scan-only 1 2 4 8 16
fi
