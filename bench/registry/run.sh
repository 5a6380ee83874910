#!/usr/bin/env bash
# docker:// against a local registry, in one run (docs/benchmarks.md "registry"):
# a two-layer image of real files (/usr/bin and /usr/share, gzip by igzip -1)
# pushed by skopeo to a private docker-registry on 127.0.0.1, then
#   1. ballast analyze docker://127.0.0.1:P/bench:1      (streamed, nothing on disk)
#   2. ballast analyze oci-archive:img.tar               (the baseline: the same blobs in a file)
#   3. skopeo copy docker://… dir:…                      (what "download first" costs, before any analysis)
#   4. ballast analyze --manifest-only docker://…        (manifest + config only)
# with hyperfine (warm page cache; the registry reads its storage from it too).
#
#   bench/registry/run.sh [BUILD_DIR] [WORK_DIR]
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
work=${2:-/tmp/ballast-registry-bench}
ballast="$build/ballast"
mkdir -p "$work"
layout="$work/layout"
if [ ! -f "$layout/index.json" ]; then
  echo "building the image from /usr/bin and /usr/share ..." >&2
  rm -rf "$layout"; mkdir -p "$layout/blobs/sha256"
  layers=() diffs=()
  for dir in usr/bin usr/share; do
    tar -C / --warning=no-file-changed -cf - "$dir" 2>/dev/null | tee >(sha256sum | cut -d' ' -f1 >"$work/diff") \
      | igzip -1 -c >"$work/blob"
    sleep 0.2
    d=$(sha256sum "$work/blob" | cut -d' ' -f1)
    layers+=("$d:$(stat -c %s "$work/blob")"); diffs+=("sha256:$(cat "$work/diff")")
    mv "$work/blob" "$layout/blobs/sha256/$d"
  done
  put() { local d; d=$(sha256sum "$1" | cut -d' ' -f1); mv "$1" "$layout/blobs/sha256/$d"; echo "sha256:$d $(stat -c %s "$layout/blobs/sha256/$d")"; }
  jq -nc --arg a "${diffs[0]}" --arg b "${diffs[1]}" '{architecture: "amd64", os: "linux",
    rootfs: {type: "layers", diff_ids: [$a, $b]},
    history: [{created_by: "COPY /usr/bin /usr/bin"}, {created_by: "COPY /usr/share /usr/share"}]}' >"$work/config"
  read -r cfg cfg_size < <(put "$work/config")
  jq -nc --arg c "$cfg" --argjson cs "$cfg_size" --arg l0 "${layers[0]}" --arg l1 "${layers[1]}" '{schemaVersion: 2,
    mediaType: "application/vnd.oci.image.manifest.v1+json",
    config: {mediaType: "application/vnd.oci.image.config.v1+json", digest: $c, size: $cs},
    layers: [$l0, $l1] | map(split(":") | {mediaType: "application/vnd.oci.image.layer.v1.tar+gzip",
      digest: ("sha256:" + .[0]), size: (.[1] | tonumber)})}' >"$work/manifest"
  read -r man man_size < <(put "$work/manifest")
  jq -nc --arg m "$man" --argjson ms "$man_size" '{schemaVersion: 2, manifests: [{mediaType:
    "application/vnd.oci.image.manifest.v1+json", digest: $m, size: $ms,
    annotations: {"org.opencontainers.image.ref.name": "bench"}}]}' >"$layout/index.json"
  echo '{"imageLayoutVersion":"1.0.0"}' >"$layout/oci-layout"
  tar -C "$layout" -cf "$work/img.tar" .
fi
echo "image: $(du -sh "$work/img.tar" | cut -f1) stored" >&2

# A private registry, stopped by its PID.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
rm -rf "$work/registry"; mkdir -p "$work/registry"
printf 'version: 0.1\nlog: {level: error, accesslog: {disabled: true}}\nstorage: {filesystem: {rootdirectory: %s}}\nhttp: {addr: 127.0.0.1:%s}\n' \
  "$work/registry/storage" "$port" >"$work/registry/config.yml"
docker-registry serve "$work/registry/config.yml" >"$work/registry/log" 2>&1 &
registry_pid=$!
trap 'kill $registry_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -s "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.1; done
skopeo copy -q --dest-tls-verify=false "oci:$layout:bench" "docker://127.0.0.1:$port/bench:1"
ref="docker://127.0.0.1:$port/bench:1"

cat "$work/img.tar" >/dev/null  # warm the page cache
hyperfine --warmup 1 --runs "${RUNS:-5}" --export-markdown "$work/results.md" \
  -n "ballast analyze docker:// (local registry)" "$ballast analyze --no-cache --format json --tls-verify=false $ref" \
  -n "ballast analyze oci-archive: (file)" "$ballast analyze --no-cache --format json oci-archive:$work/img.tar" \
  -n "skopeo copy docker:// dir: (download only)" --prepare "rm -rf $work/skopeo-dir" \
     "skopeo copy -q --src-tls-verify=false $ref dir:$work/skopeo-dir" \
  -n "ballast analyze --manifest-only docker://" "$ballast analyze --manifest-only --no-cache --format json --tls-verify=false $ref"
rm -rf "$work/skopeo-dir"
cat "$work/results.md"
