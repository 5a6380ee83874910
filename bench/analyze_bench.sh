#!/usr/bin/env bash
# Benchmarks `ballast analyze` against the floors that bound it, in one run
# (docs/benchmarks.md records the figures):
#   gzip image (OCI layout, layers compressed with igzip):
#     floor 1: igzip -dc of every layer (decompression alone, one core)
#     floor 2: gzip -dc | tar -t of every layer (what a shell user would run)
#   uncompressed image (docker-archive, as `docker save` writes it):
#     floor 1: tar -tvf of every layer tar (reads every header, seeks past data)
#     floor 2: cat of the archive (reads every byte)
# The image is made from real directory trees of this machine (/usr/share,
# /usr/include, /usr/lib/gcc, /usr/lib/python3, /usr/bin, /usr/lib/x86_64-linux-gnu).
# Then a 1M-entry layer measures memory per file entry.
#
#   bench/analyze_bench.sh [BUILD_DIR] [WORK_DIR]
set -euo pipefail
build=${1:-build}
work=${2:-/tmp/ballast-bench}
ballast="$build/ballast"
mkdir -p "$work"
cd "$work"

layers=("usr/share" "usr/include usr/lib/gcc usr/lib/python3" "usr/bin" "usr/lib/x86_64-linux-gnu")

sha() { sha256sum "$1" | cut -d' ' -f1; }

if [ ! -f docker.tar ]; then
  echo "building the benchmark image from /usr ..." >&2
  rm -rf oci dockerdir && mkdir -p oci/blobs/sha256 dockerdir
  diff_ids=(); digests=(); sizes=(); i=0
  for l in "${layers[@]}"; do
    # shellcheck disable=SC2086
    tar -C / -cf "layer$i.tar" $l 2>/dev/null || true
    diff_ids+=("sha256:$(sha layer$i.tar)")
    igzip -1 -c "layer$i.tar" >"layer$i.tar.gz"
    d=$(sha "layer$i.tar.gz"); digests+=("sha256:$d"); sizes+=("$(stat -c %s layer$i.tar.gz)")
    cp "layer$i.tar.gz" "oci/blobs/sha256/$d"
    mkdir -p "dockerdir/l$i"; mv "layer$i.tar" "dockerdir/l$i/layer.tar"
    i=$((i + 1))
  done
  hist=$(for l in "${layers[@]}"; do jq -n --arg c "COPY $l" '{created: "2026-01-01T00:00:00Z", created_by: $c}'; done | jq -s .)
  config=$(jq -n --argjson h "$hist" --args '{architecture: "amd64", os: "linux",
    rootfs: {type: "layers", diff_ids: $ARGS.positional}, history: $h}' "${diff_ids[@]}")
  printf '%s' "$config" >config.json
  cd_=$(sha config.json); cp config.json "oci/blobs/sha256/$cd_"; cp config.json "dockerdir/config.json"
  ls_json=$(for n in $(seq 0 $((i - 1))); do
    jq -n --arg d "${digests[$n]}" --argjson s "${sizes[$n]}" \
      '{mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: $d, size: $s}'; done | jq -s .)
  jq -n --arg c "sha256:$cd_" --argjson s "$(stat -c %s config.json)" --argjson l "$ls_json" \
    '{schemaVersion: 2, mediaType: "application/vnd.oci.image.manifest.v1+json",
      config: {mediaType: "application/vnd.oci.image.config.v1+json", digest: $c, size: $s}, layers: $l}' >manifest.json
  md=$(sha manifest.json); cp manifest.json "oci/blobs/sha256/$md"
  jq -n --arg d "sha256:$md" --argjson s "$(stat -c %s manifest.json)" \
    '{schemaVersion: 2, manifests: [{mediaType: "application/vnd.oci.image.manifest.v1+json", digest: $d, size: $s}]}' >oci/index.json
  echo '{"imageLayoutVersion":"1.0.0"}' >oci/oci-layout
  jq -n --args '[{Config: "config.json", RepoTags: ["bench:usr"], Layers: $ARGS.positional}]' \
    $(for n in $(seq 0 $((i - 1))); do echo "l$n/layer.tar"; done) >dockerdir/manifest.json
  tar -C dockerdir -cf docker.tar manifest.json config.json $(for n in $(seq 0 $((i - 1))); do echo "l$n/layer.tar"; done)
  rm -rf dockerdir
fi

best_of() {  # best_of N CMD... : prints the best wall time in seconds
  local n=$1; shift; local best=""
  for _ in $(seq 1 "$n"); do
    local s e t
    s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
  done
  printf '%.2f' "$best"
}
rss_mb() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%.1f", $1 / 1024}'; }

files=$(tar -tf docker.tar | grep layer.tar | while read -r m; do tar -xOf docker.tar "$m" | tar -t | wc -l; done | paste -sd+ | bc)
bytes=$(stat -c %s docker.tar)
gz_bytes=$(du -cb oci/blobs/sha256 | tail -1 | cut -f1)
echo "image: $((bytes / 1000000)) MB uncompressed, $((gz_bytes / 1000000)) MB gzip, $files tar entries, ${#layers[@]} layers"

# Warm the page cache for both forms.
cat docker.tar oci/blobs/sha256/* >/dev/null

gz_layers=$(jq -r '.layers[].digest | sub("sha256:"; "oci/blobs/sha256/")' manifest.json)
floor_igzip() { for f in $gz_layers; do igzip -dc "$f"; done; }
floor_gzip_tar() { for f in $gz_layers; do gzip -dc "$f" | tar -t; done; }
mkdir -p layers; for n in $(seq 0 $((${#layers[@]} - 1))); do [ -f "layers/l$n.tar" ] || tar -xf docker.tar -C layers "l$n/layer.tar"; done
floor_tar_tv() { for f in layers/l*/layer.tar; do tar -tvf "$f"; done; }

echo
echo "== gzip image (oci:)"
t_ballast=$(best_of 3 "$ballast" analyze "oci:$work/oci")
t_ballast_json=$(best_of 3 "$ballast" analyze --format json "oci:$work/oci")
t_ballast_1t=$(best_of 1 "$ballast" analyze --threads 1 "oci:$work/oci")
t_igzip=$(best_of 3 floor_igzip)
t_gzip_tar=$(best_of 1 floor_gzip_tar)
rss=$(rss_mb "$ballast" analyze "oci:$work/oci")
echo "ballast analyze (text)        ${t_ballast} s   peak RSS ${rss} MB"
echo "ballast analyze --format json ${t_ballast_json} s"
echo "ballast analyze --threads 1   ${t_ballast_1t} s"
echo "floor: igzip -dc              ${t_igzip} s   ratio $(echo "scale=2; $t_ballast / $t_igzip" | bc)"
echo "gzip -dc | tar -t             ${t_gzip_tar} s"

echo
echo "== uncompressed image (docker-archive:), warm cache"
t_d=$(best_of 5 "$ballast" analyze "docker-archive:$work/docker.tar")
t_dj=$(best_of 5 "$ballast" analyze --format json "docker-archive:$work/docker.tar")
t_dv=$(best_of 1 "$ballast" analyze --verify "docker-archive:$work/docker.tar")
t_tar=$(best_of 5 floor_tar_tv)
t_cat=$(best_of 5 cat docker.tar)
rss_d=$(rss_mb "$ballast" analyze "docker-archive:$work/docker.tar")
echo "ballast analyze (text)        ${t_d} s   peak RSS ${rss_d} MB"
echo "ballast analyze --format json ${t_dj} s"
echo "ballast analyze --verify      ${t_dv} s   (reads and sha256-hashes every byte)"
echo "floor: tar -tvf of the layers ${t_tar} s   ratio $(echo "scale=2; $t_d / $t_tar" | bc)"
echo "cat of the archive            ${t_cat} s"
if [ -w /proc/sys/vm/drop_caches ] && sync && echo 3 >/proc/sys/vm/drop_caches 2>/dev/null; then
  t_cold=$(best_of 1 "$ballast" analyze "docker-archive:$work/docker.tar")
  sync; echo 3 >/proc/sys/vm/drop_caches
  t_cold_tar=$(best_of 1 floor_tar_tv)
  echo "cold cache: ballast ${t_cold} s, tar -tvf ${t_cold_tar} s"
else
  echo "cold cache: cannot drop caches here (not permitted)"
fi

echo
echo "== memory per entry: one layer of 1,000,000 empty files"
if [ ! -f many.tar ]; then
  python3 - <<'PY'
import io, json, tarfile, hashlib
with tarfile.open("many-layer.tar", "w", format=tarfile.PAX_FORMAT) as t:
    for d in range(1000):
        di = tarfile.TarInfo(f"data/d{d:04d}"); di.type = tarfile.DIRTYPE; di.mode = 0o755
        t.addfile(di)
        for f in range(999):
            ti = tarfile.TarInfo(f"data/d{d:04d}/file-{f:04d}.txt"); ti.size = 0
            t.addfile(ti)
PY
  mkdir -p many/l0 && mv many-layer.tar many/l0/layer.tar
  diff=$(sha many/l0/layer.tar)
  jq -n --arg d "sha256:$diff" '{architecture: "amd64", os: "linux", rootfs: {type: "layers", diff_ids: [$d]}, history: [{created_by: "COPY data /data"}]}' >many/config.json
  echo '[{"Config":"config.json","RepoTags":["many:1"],"Layers":["l0/layer.tar"]}]' >many/manifest.json
  tar -C many -cf many.tar manifest.json config.json l0/layer.tar
  rm -rf many
fi
entries=1000000
rss_many=$(rss_mb "$ballast" analyze many.tar)
t_many=$(best_of 1 "$ballast" analyze many.tar)
echo "1M entries: ${t_many} s, peak RSS ${rss_many} MB = $(echo "$rss_many * 1048576 / $entries" | bc) bytes per entry (including the process baseline)"
