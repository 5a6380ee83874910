#!/usr/bin/env bash
# Attribution's cost on top of `ballast analyze`: the same large synthetic
# image (make_bench_image.cc: 60k+ files, every kind of package database)
# analyzed with --no-attribution (the baseline, measured in the same run)
# and with attribution + findings (default), and with a -d breakdown.
# Usage: bench/attribution/run.sh BUILD_DIR [RUNS]
set -euo pipefail
build=${1:?usage: run.sh BUILD_DIR [RUNS]}
runs=${2:-5}
work="$build/bench-attribution"
mkdir -p "$work"
for kind in plain gzip; do
  img="$work/image-$kind.tar"
  [ -f "$img" ] || "$build/make_attribution_bench_image" "$img" $([ $kind = gzip ] && echo gzip)
done

best() {  # best (minimum) wall seconds of $runs runs of "$@"
  local b=""
  for _ in $(seq 1 "$runs"); do
    local s e
    s=$(date +%s.%N)
    "$@" >/dev/null
    e=$(date +%s.%N)
    b=$(echo "$s $e $b" | awk '{t = $2 - $1; if ($3 == "" || t < $3) print t; else print $3}')
  done
  echo "$b"
}

printf '%-6s %12s %12s %8s %14s %8s\n' image baseline_s attribution_s added breakdown_s added
for kind in plain gzip; do
  img="$work/image-$kind.tar"
  [ $kind = gzip ] && img="oci-archive:$img"
  base=$(best "$build/ballast" analyze --no-cache --no-attribution "$img")
  attr=$(best "$build/ballast" analyze --no-cache "$img")
  bd=$(best "$build/ballast" analyze --no-cache -d layer,category,package "$img")
  awk -v k=$kind -v b="$base" -v a="$attr" -v d="$bd" \
    'BEGIN { printf "%-6s %12.3f %12.3f %7.1f%% %14.3f %7.1f%%\n", k, b, a, (a - b) / b * 100, d, (d - b) / b * 100 }'
done
