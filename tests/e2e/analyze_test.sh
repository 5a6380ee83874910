#!/usr/bin/env bash
# End to end: images built by the real Docker Engine (BuildKit), saved with
# `docker save`, must be accounted exactly as the engine itself sees them:
#  (a) every layer's size equals `docker history`'s (exact bytes),
#  (b) the final filesystem (paths, types, file sizes) equals the file list of
#      `docker export` of a container made from the image,
#  (c) the same image re-stored by podman (oci-archive) and skopeo (OCI layout
#      with gzip and with zstd layers) gives the same analysis.
# Usage: analyze_test.sh BALLAST BUILD_DIR
set -euo pipefail
ballast=$1
work="$2/e2e-analyze"
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"; mkdir -p "$work"
source "$here/lib/dockerd.sh"
e2e_start_dockerd "$work/engine"
e2e_busybox_base bb:base

fail=0
check() {  # check NAME EXPECTED-FILE ACTUAL-FILE
  if diff -u "$2" "$3" >"$work/$1.diff"; then
    echo "ok   $1"
  else
    echo "FAIL $1"; head -40 "$work/$1.diff"; fail=1
  fi
}

ctx="$work/ctx"; mkdir -p "$ctx"
echo "copied file" > "$ctx/file.txt"
cat > "$ctx/Dockerfile" <<'DOCKERFILE'
FROM bb:base
RUN mkdir -p /data/sub/deep && dd if=/dev/zero of=/data/sub/big bs=1k count=300 2>/dev/null \
 && echo hello > /data/keep && echo data > /data/solo && echo secret > /data/del.txt && ln -s keep /data/link \
 && ln /data/keep /data/hard && echo deep > /data/sub/deep/f && mkdir /data/empty
RUN rm -rf /data/sub && rm /data/del.txt
RUN dd if=/dev/urandom of=/blob bs=1k count=50 2>/dev/null && chmod 600 /data/keep /data/solo
COPY file.txt /app/file.txt
ENV X=1
RUN echo changed > /app/file.txt && cp /blob /app/blob-copy
CMD ["sh"]
DOCKERFILE
e2e_docker build -q -t e2e/analyze:1 "$ctx" >/dev/null
e2e_docker save -o "$work/img.tar" e2e/analyze:1

"$ballast" analyze "$work/img.tar" >"$work/text.out"
"$ballast" analyze --format json --bytes --files "$work/img.tar" >"$work/img.json"

# (a) docker history, oldest first: one row per history entry, empty ones 0.
e2e_docker history --no-trunc --human=false --format '{{.Size}}' e2e/analyze:1 | tac >"$work/history.expected"
# The base layer came from `docker import`: the engine measured its unpacked
# directory, which counts symlink targets; BuildKit's layers count file bytes.
jq -r '.history as $h | .layers as $ls | $h[] | if .layer == null then 0
  elif .layer == 0 then $ls[0].files_size + $ls[0].symlink_bytes else $ls[.layer].files_size end' \
  "$work/img.json" >"$work/history.actual"
check docker-history-sizes "$work/history.expected" "$work/history.actual"

# (b) docker export of a container: the final filesystem as the engine makes it.
cid=$(e2e_docker create e2e/analyze:1)
e2e_docker export "$cid" >"$work/export.tar"
e2e_docker rm "$cid" >/dev/null
# Engine-injected paths that are not part of the image.
injected='^(\.dockerenv|etc/hosts|etc/hostname|etc/resolv\.conf|etc/mtab|dev|dev/.*|proc|sys|etc)$'
tar --numeric-owner -tvf "$work/export.tar" | awk '
  { type = substr($1, 1, 1); size = $3; path = $6
    sub(/\/$/, "", path); sub(/^\.\//, "", path)
    if (path == "" || path == ".") next
    if (type == "-") t = "file"; else if (type == "d") t = "dir"; else if (type == "l") t = "symlink";
    else if (type == "h") { t = "file"; size = "HARDLINK:" $8 } else t = "other"
    if (t == "dir" || t == "symlink") size = 0
    print path "\t" t "\t" size }' >"$work/export.raw"
# Resolve hardlink sizes to their target's size.
awk -F'\t' 'NR==FNR { if ($2 == "file" && $3 !~ /^HARDLINK/) s[$1] = $3; next }
  { if ($3 ~ /^HARDLINK:/) { t = substr($3, 10); $3 = s[t] } print $1 "\t" $2 "\t" $3 }' OFS='\t' \
  "$work/export.raw" "$work/export.raw" | grep -Ev "$(printf '%s' "$injected" | sed 's/\t//')" \
  | awk -F'\t' -v re="$injected" '$1 !~ re' | sort >"$work/fs.expected"
jq -r '.files[] | [(.path | ltrimstr("/")), (if .type == "hardlink" then "file" else .type end),
  (if .type == "dir" or .type == "symlink" then 0 else .size end)] | @tsv' "$work/img.json" \
  | awk -F'\t' -v re="$injected" '$1 !~ re' | sort >"$work/fs.actual"
check export-file-list "$work/fs.expected" "$work/fs.actual"

# The reclaimable accounting, by hand from the Dockerfile above:
#   /data/sub/big 307200 + /data/sub/deep/f 5 + /data/del.txt 7 deleted in layer 2;
#   /data/solo (5 B) rewritten with the same bytes by chmod in layer 3;
#   /data/keep's chmod copy hides no bytes: the tar stores them under its
#   hardlink /data/hard, which stays visible;
#   /app/file.txt (12 B) overwritten with new content in layer 5.
jq -r '.reclaimable[] | "\(.path) \(.size) \(.reason) \(.added_layer) \(.shadowed_layer)"' "$work/img.json" \
  | sort >"$work/reclaimable.actual"
printf '%s\n' "/app/file.txt 12 overwritten 4 5" "/data/del.txt 7 deleted 1 2" \
  "/data/solo 5 rewritten-same-content 1 3" "/data/sub/big 307200 deleted 1 2" \
  "/data/sub/deep/f 5 deleted 1 2" | sort >"$work/reclaimable.expected"
check reclaimable "$work/reclaimable.expected" "$work/reclaimable.actual"

# /blob and /app/blob-copy hold the same 50 KiB.
jq -r '.duplicates[] | .paths | join(" ")' "$work/img.json" >"$work/dups.actual"
echo "/app/blob-copy /blob" >"$work/dups.expected"
check duplicates "$work/dups.expected" "$work/dups.actual"

# (c) The same image through other tools and formats.
format_independent='del(.tool, .image, .layers[].digest, .layers[].media_type, .layers[].compression,
  .layers[].compressed_size, .layers[].stored_size, .layers[].verified, .layers[].seeked, .layers[].read_via,
  .layers[].not_verified, .layers[].diff_id_verified, .warnings)'
jq -S "$format_independent" "$work/img.json" >"$work/canon.docker"
if command -v skopeo >/dev/null; then
  skopeo copy -q "docker-archive:$work/img.tar" "oci:$work/oci-gzip:e2e" >/dev/null
  "$ballast" analyze --format json --bytes --files "oci:$work/oci-gzip:e2e" | jq -S "$format_independent" >"$work/canon.gzip"
  check skopeo-oci-gzip "$work/canon.docker" "$work/canon.gzip"
  jq -e '[.layers[] | select(.verified and .compression == "gzip")] | length > 0' \
    <("$ballast" analyze --format json "oci:$work/oci-gzip:e2e") >/dev/null \
    && echo "ok   gzip layers verified" || { echo "FAIL gzip layers not verified"; fail=1; }
  skopeo copy -q --dest-compress-format zstd "docker-archive:$work/img.tar" "oci:$work/oci-zstd:e2e" >/dev/null
  "$ballast" analyze --format json --bytes --files "oci:$work/oci-zstd:e2e" | jq -S "$format_independent" >"$work/canon.zstd"
  check skopeo-oci-zstd "$work/canon.docker" "$work/canon.zstd"
  jq -r '.layers[].compression' <("$ballast" analyze --format json "oci:$work/oci-zstd:e2e") | sort -u >"$work/zstd.kinds"
  echo zstd >"$work/zstd.expected"
  check zstd-really-zstd "$work/zstd.expected" "$work/zstd.kinds"
else
  echo "FAIL skopeo missing"; fail=1
fi
if command -v podman >/dev/null; then
  pod=(podman --root "$work/podman/root" --runroot "$work/podman/run" --storage-driver vfs)
  "${pod[@]}" load -q -i "$work/img.tar" >/dev/null
  "${pod[@]}" save -q --format oci-archive -o "$work/podman-oci.tar" e2e/analyze:1
  "$ballast" analyze --format json --bytes --files "oci-archive:$work/podman-oci.tar" \
    | jq -S '{totals, files, reclaimable, history: [.history[] | {instruction, layer}]}' >"$work/canon.podman"
  jq -S '{totals, files, reclaimable, history: [.history[] | {instruction, layer}]}' "$work/img.json" >"$work/canon.docker-subset"
  check podman-oci-archive "$work/canon.docker-subset" "$work/canon.podman"
  "${pod[@]}" save -q --format docker-archive -o "$work/podman-docker.tar" e2e/analyze:1
  "$ballast" analyze --format json --bytes --files "docker-archive:$work/podman-docker.tar" \
    | jq -S '{totals, files, reclaimable, history: [.history[] | {instruction, layer}]}' >"$work/canon.podman-docker"
  check podman-docker-archive "$work/canon.docker-subset" "$work/canon.podman-docker"
  rm -rf "$work/podman"
else
  echo "FAIL podman missing"; fail=1
fi

if [ "$fail" -ne 0 ]; then echo "analyze e2e: FAILED"; exit 1; fi
echo "analyze e2e: all checks passed"
