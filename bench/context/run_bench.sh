#!/usr/bin/env bash
# Walk speed of `ballast context` on a 1M-file context, against the floor
# `find DIR -type f | wc -l` measured in the same run (both warm: one
# untimed run first). Usage: bench/context/run_bench.sh <ballast> [dir] [files]
set -euo pipefail
BALLAST=$1
DIR=${2:-/tmp/ballast-bench-context}
N=${3:-1000000}
if [ ! -f "$DIR/.dockerignore" ]; then
  echo "creating $N files in $DIR ..."
  python3 "$(dirname "$0")/make_tree.py" "$DIR" "$N"
fi
time_it() {  # prints the best wall time of 3 runs, in seconds
  local best=999999 t0 t1 ms
  for _ in 1 2 3; do
    t0=$(date +%s%N); "$@" >/dev/null; t1=$(date +%s%N)
    ms=$(( (t1 - t0) / 1000000 )); [ "$ms" -lt "$best" ] && best=$ms
  done
  printf '%d.%03d' $((best / 1000)) $((best % 1000))
}
find "$DIR" -type f | wc -l >/dev/null   # warm the caches
"$BALLAST" context "$DIR" --no-dockerfile >/dev/null
echo "files: $(find "$DIR" -type f | wc -l)"
echo "find -type f | wc -l          : $(time_it sh -c "find '$DIR' -type f | wc -l") s"
echo "find -type f -size +0 | wc -l  : $(time_it sh -c "find '$DIR' -type f -size +0 | wc -l") s  (stats every file, as ballast must for sizes)"
echo "ballast context (7 rules)      : $(time_it "$BALLAST" context "$DIR" --no-dockerfile) s"
echo "ballast context --format json  : $(time_it "$BALLAST" context "$DIR" --no-dockerfile --format json) s"
echo "ballast context --engine 20.10 : $(time_it "$BALLAST" context "$DIR" --no-dockerfile --engine 20.10) s"
