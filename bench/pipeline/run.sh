#!/usr/bin/env bash
# One big gzip layer (issue 22): `ballast analyze` with each layer inflated on
# a second thread while its tar is parsed, against the same binary with
# --no-pipeline (inflate, hash, parse in turn on one thread), and the floor:
# `igzip -dc` of the blob alone. One run, so the ratios compare like with like.
# The image is one layer of this machine's /usr/lib/x86_64-linux-gnu and
# /usr/share (~2 GB, ~50k+ files: the shape of a `pip install torch` layer),
# also as a docker-save archive (uncompressed) against `tar -tvf` of its layer.
#
#   bench/pipeline/run.sh [BUILD_DIR] [WORK_DIR]
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
work=${2:-/tmp/ballast-bench-pipeline}
ballast="$build/ballast"
mkdir -p "$work"
cd "$work"
sha() { sha256sum "$1" | cut -d' ' -f1; }
if [ ! -f oci/index.json ]; then
  echo "building the one-layer benchmark image ..." >&2
  rm -rf oci && mkdir -p oci/blobs/sha256
  tar -C / -cf layer.tar usr/lib/x86_64-linux-gnu usr/share 2>/dev/null || true
  diff_id="sha256:$(sha layer.tar)"
  igzip -1 -c layer.tar >layer.tar.gz
  d=$(sha layer.tar.gz); size=$(stat -c %s layer.tar.gz)
  mv layer.tar.gz "oci/blobs/sha256/$d"
  jq -n --arg diff "$diff_id" '{architecture: "amd64", os: "linux", rootfs: {type: "layers", diff_ids: [$diff]},
    history: [{created: "2026-01-01T00:00:00Z", created_by: "RUN pip install torch"}]}' >config.json
  c=$(sha config.json); cs=$(stat -c %s config.json); mv config.json "oci/blobs/sha256/$c"
  jq -n --arg c "sha256:$c" --argjson cs "$cs" --arg d "sha256:$d" --argjson s "$size" \
    '{schemaVersion: 2, mediaType: "application/vnd.oci.image.manifest.v1+json",
      config: {mediaType: "application/vnd.oci.image.config.v1+json", digest: $c, size: $cs},
      layers: [{mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: $d, size: $s}]}' >manifest.json
  m=$(sha manifest.json); ms=$(stat -c %s manifest.json); mv manifest.json "oci/blobs/sha256/$m"
  jq -n --arg m "sha256:$m" --argjson ms "$ms" '{schemaVersion: 2, manifests: [{mediaType:
    "application/vnd.oci.image.manifest.v1+json", digest: $m, size: $ms, annotations: {"org.opencontainers.image.ref.name": "1"}}]}' >oci/index.json
  echo '{"imageLayoutVersion": "1.0.0"}' >oci/oci-layout
  # The same layer as `docker save` writes it (uncompressed), and its tar
  # beside it for the floor of that path: `tar -tvf` of the layer.
  rm -rf dockerdir && mkdir -p dockerdir/l0 && mv layer.tar dockerdir/l0/layer.tar
  cp "oci/blobs/sha256/$c" dockerdir/config.json
  jq -n '[{Config: "config.json", RepoTags: ["bench:torchlike"], Layers: ["l0/layer.tar"]}]' >dockerdir/manifest.json
  tar -C dockerdir -cf docker.tar manifest.json config.json l0/layer.tar
fi
blob=$(jq -r '.layers[0].digest' "oci/blobs/sha256/$(jq -r '.manifests[0].digest' oci/index.json | cut -d: -f2)" | cut -d: -f2)
ls -l "oci/blobs/sha256/$blob"
nproc; uptime
hyperfine --warmup 1 --runs "${RUNS:-5}" --export-markdown "$work/pipeline.md" \
  -n "igzip -dc (floor)" "igzip -dc oci/blobs/sha256/$blob >/dev/null" \
  -n "analyze (pipeline)" "$ballast analyze --no-cache --format json oci:oci >/dev/null" \
  -n "analyze --no-pipeline" "$ballast analyze --no-cache --format json --no-pipeline oci:oci >/dev/null" \
  -n "analyze --no-verify --no-duplicates --no-attribution (pipeline)" \
     "$ballast analyze --no-cache --format json --no-verify --no-duplicates --no-attribution oci:oci >/dev/null" \
  -n "analyze --no-verify --no-duplicates --no-attribution --no-pipeline" \
     "$ballast analyze --no-cache --format json --no-verify --no-duplicates --no-attribution --no-pipeline oci:oci >/dev/null"
cat "$work/pipeline.md"
# The docker-save path (issue 22: all features on, <= 1.3x tar -tvf of the layer tar).
hyperfine --warmup 1 --runs "${RUNS:-5}" --export-markdown "$work/docker-save.md" \
  -n "tar -tvf layer.tar (floor)" "tar -tvf dockerdir/l0/layer.tar >/dev/null" \
  -n "analyze docker.tar" "$ballast analyze --no-cache --format json docker.tar >/dev/null" \
  -n "analyze --no-duplicates --no-attribution docker.tar" \
     "$ballast analyze --no-cache --format json --no-duplicates --no-attribution docker.tar >/dev/null"
cat "$work/docker-save.md"
/usr/bin/time -f "pipeline: max RSS %M KiB, %e s, user %U s" "$ballast" analyze --no-cache --format json oci:oci >/dev/null
/usr/bin/time -f "no pipeline: max RSS %M KiB, %e s, user %U s" "$ballast" analyze --no-cache --format json --no-pipeline oci:oci >/dev/null
