#!/usr/bin/env bash
# `ballast slim` against what it cannot avoid, measured in the same run:
# the analysis (`ballast analyze`, which slim runs first) plus ISA-L deflate
# (`igzip -1`, the level slim uses) of exactly the bytes slim writes (its new
# layer's tar, taken from a `--compression none` run). The issue's budget:
# slim <= 2x that. Image: make_attribution_bench_image (62k files in 5
# layers, caches, whiteouts, package databases), uncompressed docker-archive.
# Usage: bench/slim/run.sh BUILD_DIR [RUNS]
set -euo pipefail
build=${1:?usage: run.sh BUILD_DIR [RUNS]}
runs=${2:-3}
work="$build/bench-slim"
mkdir -p "$work"
img="$work/image.tar"
[ -f "$img" ] || "$build/make_attribution_bench_image" "$img"
best() {  # best (minimum) wall seconds of $runs runs of "$@"
  local b=""
  for _ in $(seq 1 "$runs"); do
    rm -rf "$work/out" "$work/out.tar"
    local s e
    s=$(date +%s.%N)
    "$@" >/dev/null
    e=$(date +%s.%N)
    b=$(echo "$s $e $b" | awk '{t = $2 - $1; if ($3 == "" || t < $3) print t; else print $3}')
  done
  echo "$b"
}
rm -rf "$work/raw"
"$build/ballast" slim "$img" -o "oci:$work/raw" --compression none --base-layers 1 >/dev/null
layer=$(jq -r '.layers[-1].digest' "$work/raw/blobs/sha256/$(jq -r '.manifests[0].digest' "$work/raw/index.json" | cut -c8-)" | cut -c8-)
tar_bytes=$(stat -c %s "$work/raw/blobs/sha256/$layer")
# --no-cache everywhere: the layer cache (docs/cache.md) would answer every
# run after the first without reading a layer.
analyze=$(best "$build/ballast" analyze --no-cache "$img")
deflate=$(best sh -c "igzip -1 -c '$work/raw/blobs/sha256/$layer' >/dev/null")
slim=$(best "$build/ballast" slim --no-cache "$img" -o "$work/out.tar" --base-layers 1)
slim_oci=$(best "$build/ballast" slim --no-cache "$img" -o "oci:$work/out" --base-layers 1)
slim_kept=$(best "$build/ballast" slim --no-cache "$img" -o "$work/out.tar" --base-layers 1 --keep-layers)
slim_kept1=$(best "$build/ballast" slim --no-cache "$img" -o "$work/out.tar" --base-layers 1 --keep-layers --threads 1)
rss=$( { /usr/bin/time -f %M "$build/ballast" slim --no-cache "$img" -o "$work/out.tar" --force --base-layers 1 >/dev/null; } 2>&1 | tail -1)
echo "image $(stat -c %s "$img") bytes; new layer tar $tar_bytes bytes"
awk -v a="$analyze" -v d="$deflate" -v s="$slim" -v o="$slim_oci" -v r="$rss" -v k="$slim_kept" -v k1="$slim_kept1" 'BEGIN {
  printf "analyze %.3f s + igzip -1 %.3f s = %.3f s\n", a, d, a + d
  printf "slim -> docker-archive %.3f s (%.2fx), -> oci dir %.3f s (%.2fx); max RSS %d MiB\n", s, s / (a + d), o, o / (a + d), r / 1024
  printf "slim --keep-layers -> docker-archive %.3f s (%.2fx); with --threads 1 %.3f s\n", k, k / (a + d), k1 }'
