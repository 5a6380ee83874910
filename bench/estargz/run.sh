#!/usr/bin/env bash
# eStargz TOC vs full read, in one run (docs/benchmarks.md "eStargz TOC"):
# one eStargz layer of 50,000 entries of /usr/share (real files), analysed
#   1. from its table of contents (default),
#   2. with --no-toc (inflate and hash the whole layer),
#   floor: igzip -dc of the blob (decompression alone, one core).
# Best of 3 wall-clock seconds, and the peak RSS of the best run.
#
#   bench/estargz/run.sh [BUILD_DIR] [WORK_DIR] [ENTRIES]
set -euo pipefail
build=${1:-build}
work=${2:-/tmp/ballast-estargz-bench}
entries=${3:-50000}
ballast="$build/ballast"
mkdir -p "$work"
if [ ! -f "$work/img/index.json" ]; then
  echo "building the eStargz image from /usr/share ..." >&2
  "$build/make_estargz_bench_image" "$work/img" / usr/share "$entries"
fi
layer=$(jq -r '.manifests[0].digest' "$work/img/index.json" | sed 's/sha256://')
layer=$(jq -r '.layers[0].digest' "$work/img/blobs/sha256/$layer" | sed 's/sha256://')
blob="$work/img/blobs/sha256/$layer"
echo "layer: $(stat -c %s "$blob") bytes stored" >&2

best() {  # best of 3: "seconds rss_kib"
  local out best_s="" best_r=""
  for _ in 1 2 3; do
    /usr/bin/time -o "$work/time.txt" -f '%e %M' "$@" >/dev/null 2>&1
    out=$(tail -1 "$work/time.txt")
    s=${out% *}; r=${out#* }
    if [ -z "$best_s" ] || awk "BEGIN{exit !($s < $best_s)}"; then best_s=$s; best_r=$r; fi
  done
  echo "$best_s $best_r"
}

cat "$blob" >/dev/null  # warm the page cache
printf '%-34s %8s %10s\n' "case" "seconds" "max RSS MiB"
row() { printf '%-34s %8s %10d\n' "$1" "${2% *}" $(( ${2#* } / 1024 )); }
row "analyze (TOC)" "$(best "$ballast" analyze --no-cache --format json "oci:$work/img")"
row "analyze --no-toc" "$(best "$ballast" analyze --no-cache --no-toc --format json "oci:$work/img")"
row "analyze --no-attribution (TOC)" "$(best "$ballast" analyze --no-cache --no-attribution --format json "oci:$work/img")"
row "analyze --no-attribution --no-toc" "$(best "$ballast" analyze --no-cache --no-attribution --no-toc --format json "oci:$work/img")"
row "floor: igzip -dc blob" "$(best igzip -dc "$blob")"
