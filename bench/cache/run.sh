#!/usr/bin/env bash
# The layer cache (docs/cache.md): re-analysis of a big image after a
# one-file change in its top layer, against a cold analysis, in one run.
# The image: an OCI layout with gzip layers (igzip -1) of real trees of this
# machine (/usr/share, /usr/lib/x86_64-linux-gnu, /usr/include + /usr/lib/gcc
# + /usr/lib/python3, /usr/bin) and a small top layer (an app folder); tag v2
# is v1 with one file of the top layer changed. Timed with hyperfine:
#   cold     analyze v2 with an empty cache (reads and stores every layer)
#   no-cache analyze v2 with --no-cache (reads every layer, stores nothing)
#   changed  analyze v2 with the cache v1 left (reads only the top layer)
#   diff     ballast diff v1 v2 with the cache v1 left
# Usage: bench/cache/run.sh [BUILD_DIR] [WORK_DIR]   (RUNS=5)
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
work=${2:-/tmp/ballast-bench-cache}
ballast="$build/ballast"
mkdir -p "$work"; cd "$work"
sha() { sha256sum "$1" | cut -d' ' -f1; }
oci="$work/oci"
if [ ! -f "$oci/index.json" ]; then
  echo "building the benchmark image from /usr ..." >&2
  rm -rf "$oci" layers && mkdir -p "$oci/blobs/sha256" layers
  trees=("usr/share" "usr/lib/x86_64-linux-gnu" "usr/include usr/lib/gcc usr/lib/python3" "usr/bin")
  add_layer() {  # add_layer TAR: gzip it into the layout; sets digest, size, diff_id
    diff_id="sha256:$(sha "$1")"
    igzip -1 -c "$1" >"$1.gz"
    digest="sha256:$(sha "$1.gz")"; size=$(stat -c %s "$1.gz")
    mv "$1.gz" "$oci/blobs/sha256/${digest#sha256:}"
  }
  base_descs=(); base_ids=(); i=0
  for t in "${trees[@]}"; do
    # shellcheck disable=SC2086
    tar -C / -cf "layers/l$i.tar" $t 2>/dev/null || true
    add_layer "layers/l$i.tar"
    base_descs+=("$(jq -nc --arg d "$digest" --argjson s "$size" '{mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: $d, size: $s}')")
    base_ids+=("$diff_id"); i=$((i + 1))
  done
  index='[]'
  for v in v1 v2; do
    mkdir -p "layers/app-$v/app"
    for n in $(seq 1 200); do head -c 4096 /dev/zero | tr '\0' "x" >"layers/app-$v/app/file$n.txt"; done
    echo "settings of $v" >"layers/app-$v/app/config.txt"  # the one file that changes
    tar -C "layers/app-$v" --owner=0 --group=0 --mtime=@0 -cf "layers/app-$v.tar" app
    add_layer "layers/app-$v.tar"
    descs=$(printf '%s\n' "${base_descs[@]}" "$(jq -nc --arg d "$digest" --argjson s "$size" '{mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: $d, size: $s}')" | jq -s .)
    config=$(jq -nc --args '{architecture: "amd64", os: "linux", rootfs: {type: "layers", diff_ids: $ARGS.positional}}' "${base_ids[@]}" "$diff_id")
    printf '%s' "$config" >cfg.json; cd_="sha256:$(sha cfg.json)"; cs=$(stat -c %s cfg.json); mv cfg.json "$oci/blobs/sha256/${cd_#sha256:}"
    jq -nc --arg c "$cd_" --argjson s "$cs" --argjson l "$descs" '{schemaVersion: 2, mediaType: "application/vnd.oci.image.manifest.v1+json",
      config: {mediaType: "application/vnd.oci.image.config.v1+json", digest: $c, size: $s}, layers: $l}' >m.json
    md="sha256:$(sha m.json)"; ms=$(stat -c %s m.json); mv m.json "$oci/blobs/sha256/${md#sha256:}"
    index=$(jq -c --arg d "$md" --argjson s "$ms" --arg v "$v" '. + [{mediaType: "application/vnd.oci.image.manifest.v1+json", digest: $d, size: $s,
      annotations: {"org.opencontainers.image.ref.name": $v}}]' <<<"$index")
  done
  jq -n --argjson m "$index" '{schemaVersion: 2, manifests: $m}' >"$oci/index.json"
  echo '{"imageLayoutVersion":"1.0.0"}' >"$oci/oci-layout"
  rm -rf layers
fi
du -sh "$oci" >&2
# The cache v1 leaves, copied before each timed run of v2 (so every run reads the changed top layer).
rm -rf cache-v1; "$ballast" analyze "oci:$oci:v1" --no-config --format json --cache-dir cache-v1 >/dev/null
"$ballast" analyze "oci:$oci:v2" --no-config --format json --no-cache >report.nocache.json
rm -rf c; cp -a cache-v1 c
"$ballast" analyze "oci:$oci:v2" --no-config --format json --cache-dir c --cache-stats >report.changed.json
cmp report.nocache.json report.changed.json && echo "reports equal with and without the cache" >&2
runs=${RUNS:-5}
hyperfine --runs "$runs" --export-markdown "$work/cache.md" \
  -n cold --prepare "rm -rf $work/c" "$ballast analyze oci:$oci:v2 --no-config --format json --cache-dir $work/c" \
  -n no-cache "$ballast analyze oci:$oci:v2 --no-config --format json --no-cache" \
  -n changed --prepare "rm -rf $work/c && cp -a $work/cache-v1 $work/c" "$ballast analyze oci:$oci:v2 --no-config --format json --cache-dir $work/c" \
  -n diff --prepare "rm -rf $work/c && cp -a $work/cache-v1 $work/c" "$ballast diff oci:$oci:v1 oci:$oci:v2 --no-config --cache-dir $work/c"
cat "$work/cache.md"
