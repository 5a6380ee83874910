#!/usr/bin/env bash
# End to end: `docker://` against real Debian docker-registry instances on
# 127.0.0.1 (own config and storage under the build dir, stopped by PID):
# plain HTTP, TLS with a CA made by openssl, htpasswd (Basic), and the Bearer
# token flow with a token server written for the test. Images are pushed by
# skopeo from files ballast's writer made (gzip and zstd OCI layers, Docker
# v2 schema 2, a multi-platform index). For each, the JSON report equals the
# report of the same image read from its file, except the source fields.
# Every run reads its layers (--no-cache) except those of the layer cache
# section, which count the blob GETs a warm cache saves.
# Usage: registry_test.sh BALLAST BUILD_DIR
set -euo pipefail
ballast=$1
build=$(cd "$2" && pwd)
work="$build/e2e-registry"
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"; mkdir -p "$work"
source "$here/lib/registry.sh"
helper_pids=()
cleanup() {
  e2e_stop_registries
  for p in "${helper_pids[@]}"; do kill "$p" 2>/dev/null || true; done
}
trap cleanup EXIT
for tool in skopeo openssl htpasswd python3 jq; do
  command -v "$tool" >/dev/null || e2e_registry_skip_or_fail "$tool not installed (scripts/setup.sh)"
done
maker="$build/make_example_image"
[ -x "$maker" ] || { echo "FAIL $maker not built (cmake --build build --target make_example_image)"; exit 1; }

fail=0
check() {  # check NAME EXPECTED-FILE ACTUAL-FILE
  if diff -u "$2" "$3" >"$work/$1.diff"; then echo "ok   $1"; else echo "FAIL $1"; head -30 "$work/$1.diff"; fail=1; fi
}
# The report minus what names where it came from.
canon='del(.tool, .image.source, .image.name, .timings)'
report() {  # report OUT REF [ballast flags...]: JSON report, canonical
  local out=$1; shift
  "$ballast" analyze --format json --bytes --files --no-cache "$@" | jq -S "$canon" >"$out"
}
# bad NAME EXPECT-REGEX... -- ballast args: exit 2 and one line on stderr matching every regex.
bad() {
  local name=$1; shift
  local want=()
  while [ "$1" != "--" ]; do want+=("$1"); shift; done; shift
  local rc=0
  "$ballast" analyze --format json --no-cache "$@" >/dev/null 2>"$work/$name.err" || rc=$?
  local lines; lines=$(wc -l <"$work/$name.err")
  local ok=1
  [ "$rc" -eq 2 ] && [ "$lines" -eq 1 ] || ok=0
  for re in "${want[@]}"; do grep -Eq -- "$re" "$work/$name.err" || ok=0; done
  if [ "$ok" -eq 1 ]; then echo "ok   $name: $(cat "$work/$name.err")"
  else echo "FAIL $name (exit $rc, $lines lines, want ${want[*]}):"; cat "$work/$name.err"; fail=1; fi
}

# Images: the README's example (docker-archive, uncompressed layers) and OCI
# archives of it with gzip and with zstd layers.
"$maker" "$work/ex.tar" >/dev/null
skopeo copy -q "docker-archive:$work/ex.tar" "oci-archive:$work/ex-gzip.tar:ex" >/dev/null
skopeo copy -q --dest-compress-format zstd "docker-archive:$work/ex.tar" "oci-archive:$work/ex-zstd.tar:ex" >/dev/null
# A two-platform index (amd64 and arm64 configs over the same layers), as an OCI layout.
layout="$work/multi"
skopeo copy -q "docker-archive:$work/ex.tar" "oci:$layout:ex" >/dev/null
blob() { echo "$layout/blobs/sha256/${1#sha256:}"; }
put() {  # put FILE: moves FILE into the layout's blobs, prints "digest size"
  local d; d=$(sha256sum "$1" | cut -d' ' -f1)
  local s; s=$(stat -c %s "$1")
  mv "$1" "$layout/blobs/sha256/$d"; echo "sha256:$d $s"
}
m_amd=$(jq -r '.manifests[0].digest' "$layout/index.json")
s_amd=$(stat -c %s "$(blob "$m_amd")")
cfg=$(jq -r .config.digest "$(blob "$m_amd")")
jq -c '.architecture = "arm64" | .variant = "v8"' "$(blob "$cfg")" >"$work/cfg.arm64"
read -r cfg_arm cfg_arm_size < <(put "$work/cfg.arm64")
jq -c --arg d "$cfg_arm" --argjson s "$cfg_arm_size" '.config.digest = $d | .config.size = $s' "$(blob "$m_amd")" >"$work/m.arm64"
read -r m_arm s_arm < <(put "$work/m.arm64")
jq -nc --arg a "$m_amd" --argjson asz "$s_amd" --arg b "$m_arm" --argjson bsz "$s_arm" '{schemaVersion: 2,
  mediaType: "application/vnd.oci.image.index.v1+json", manifests: [
  {mediaType: "application/vnd.oci.image.manifest.v1+json", digest: $a, size: $asz, platform: {os: "linux", architecture: "amd64"}},
  {mediaType: "application/vnd.oci.image.manifest.v1+json", digest: $b, size: $bsz, platform: {os: "linux", architecture: "arm64", variant: "v8"}}]}' \
  >"$work/index.multi"
read -r idx idx_size < <(put "$work/index.multi")
jq -nc --arg d "$idx" --argjson s "$idx_size" '{schemaVersion: 2, manifests: [{mediaType: "application/vnd.oci.image.index.v1+json",
  digest: $d, size: $s, annotations: {"org.opencontainers.image.ref.name": "multi"}}]}' >"$layout/index.json"

report "$work/file.gzip" "oci-archive:$work/ex-gzip.tar"
report "$work/file.zstd" "oci-archive:$work/ex-zstd.tar"
report "$work/file.amd64" "oci:$layout:multi"
report "$work/file.arm64" "oci:$layout:multi" --platform linux/arm64
# The docker-archive's layers are uncompressed, the registry's gzip: compare
# what does not depend on how layers are stored (as analyze_test.sh does).
stored='del(.layers[].digest, .layers[].media_type, .layers[].compression, .layers[].stored_size,
  .layers[].verified, .layers[].seeked, .layers[].read_via, .warnings)'
"$ballast" analyze --format json --bytes --files --no-attribution --no-cache "$work/ex.tar" | jq -S "$canon | $stored" >"$work/file.v2s2"

# --- plain HTTP -------------------------------------------------------------
plain=$(e2e_free_port)
e2e_start_registry "$work/plain" "$plain"
reg="127.0.0.1:$plain"
push=(skopeo copy -q --dest-tls-verify=false)
"${push[@]}" "oci-archive:$work/ex-gzip.tar" "docker://$reg/ex:gzip"
# zstd and v2s2 each in a registry of their own: skopeo's blob-info cache
# would otherwise substitute the blobs of another compression it knows there.
zport=$(e2e_free_port); e2e_start_registry "$work/zstd" "$zport"
"${push[@]}" --format oci --dest-compress-format zstd "oci-archive:$work/ex-zstd.tar" "docker://127.0.0.1:$zport/ex:zstd"
vport=$(e2e_free_port); e2e_start_registry "$work/v2s2" "$vport"
"${push[@]}" --format v2s2 "docker-archive:$work/ex.tar" "docker://127.0.0.1:$vport/ex:v2s2"
"${push[@]}" --all "oci:$layout:multi" "docker://$reg/ex:multi"
mkdir -p "$work/tmp"
TMPDIR="$work/tmp" report "$work/reg.gzip" "docker://$reg/ex:gzip" --tls-verify=false
check http-oci-gzip "$work/file.gzip" "$work/reg.gzip"
[ -z "$(ls -A "$work/tmp")" ] && echo "ok   nothing written to TMPDIR" || { echo "FAIL files in TMPDIR"; fail=1; }
report "$work/reg.zstd" "docker://127.0.0.1:$zport/ex:zstd" --tls-verify=false
check http-oci-zstd "$work/file.zstd" "$work/reg.zstd"
jq -r '[.layers[] | select(.verified) | .compression] | unique | join(",")' "$work/reg.zstd" >"$work/zstd.kinds"
echo zstd >"$work/zstd.expected"; check zstd-layers-verified "$work/zstd.expected" "$work/zstd.kinds"
"$ballast" analyze --format json --bytes --files --no-attribution --no-cache "docker://127.0.0.1:$vport/ex:v2s2" --tls-verify=false \
  | jq -S "$canon | $stored" >"$work/reg.v2s2"
check http-docker-v2s2 "$work/file.v2s2" "$work/reg.v2s2"
jq -r '.layers[0].media_type' <("$ballast" analyze --format json --no-attribution --no-cache "docker://127.0.0.1:$vport/ex:v2s2" --tls-verify=false) >"$work/v2s2.mt"
echo application/vnd.docker.image.rootfs.diff.tar.gzip >"$work/v2s2.mt.expected"; check v2s2-media-type "$work/v2s2.mt.expected" "$work/v2s2.mt"
report "$work/reg.amd64" "docker://$reg/ex:multi" --tls-verify=false
check index-default-platform "$work/file.amd64" "$work/reg.amd64"
report "$work/reg.arm64" "docker://$reg/ex:multi" --tls-verify=false --platform linux/arm64
check index-platform-arm64 "$work/file.arm64" "$work/reg.arm64"
jq -r .image.architecture "$work/reg.arm64" >"$work/arch"; echo arm64 >"$work/arch.expected"; check arm64-chosen "$work/arch.expected" "$work/arch"
digest=$(skopeo inspect --raw --tls-verify=false "docker://$reg/ex:gzip" | sha256sum | cut -d' ' -f1)
report "$work/reg.bydigest" "docker://$reg/ex@sha256:$digest" --tls-verify=false
check by-digest "$work/file.gzip" "$work/reg.bydigest"
bad platform-absent 'linux/s390x' 'present: linux/amd64, linux/arm64/v8' -- "docker://$reg/ex:multi" --tls-verify=false --platform linux/s390x
bad missing-tag "$reg" 'manifest unknown' '404' -- "docker://$reg/ex:nope" --tls-verify=false
bad missing-repo "$reg" '404' -- "docker://$reg/nothing/here:1" --tls-verify=false
bad http-needs-tls-verify-false "$reg" 'tls-verify=false' -- "docker://$reg/ex:gzip"
down=$(e2e_free_port)
bad registry-down "127.0.0.1:$down" 'unreachable' -- "docker://127.0.0.1:$down/ex:gzip" --tls-verify=false

# A connection dropped in the middle of a blob: resumed with Range; dropped
# every time: a clear error after the retries.
proxy=$(e2e_free_port)
python3 "$here/registry/cutting_proxy.py" "$proxy" "$plain" 3 & helper_pids+=($!)
cut=$(e2e_free_port)
python3 "$here/registry/cutting_proxy.py" "$cut" "$plain" -1 & helper_pids+=($!)
sleep 0.5
report "$work/reg.resumed" "docker://127.0.0.1:$proxy/ex:gzip" --tls-verify=false
check resumed-after-reset "$work/file.gzip" "$work/reg.resumed"
bad reset-every-time "127.0.0.1:$cut" 'connection (closed|failed) at byte' 'attempts' -- "docker://127.0.0.1:$cut/ex:gzip" --tls-verify=false

# --manifest-only: layer sizes from the manifest (as skopeo reads it), history
# from the config; through the proxy that cuts every layer download, so it
# can only pass if no layer is read.
skopeo inspect --raw --tls-verify=false "docker://$reg/ex:gzip" | jq '[.layers[].size]' >"$work/mo.expected"
"$ballast" analyze --manifest-only --format json --tls-verify=false "docker://127.0.0.1:$cut/ex:gzip" \
  | jq '[.platforms[0].layers[].stored_size]' >"$work/mo.actual"
check manifest-only-sizes-no-layer-read "$work/mo.expected" "$work/mo.actual"
jq -S '[.history[] | {instruction, layer}]' "$work/file.gzip" >"$work/mo-history.expected"
"$ballast" analyze --manifest-only --format json --tls-verify=false "docker://$reg/ex:gzip" \
  | jq -S '[.platforms[0].history[] | {instruction, layer}]' >"$work/mo-history.actual"
check manifest-only-history "$work/mo-history.expected" "$work/mo-history.actual"
# --all-platforms: the two platforms share every layer, so distinct = one platform's bytes.
"$ballast" analyze --all-platforms --format json --tls-verify=false "docker://$reg/ex:multi" \
  | jq -c '[[.platforms[].platform], .distinct_bytes, [.platforms[].unique_bytes]]' >"$work/allp.actual"
jq -c --argjson s "$(jq '[.layers[].size] | add' <(skopeo inspect --raw --tls-verify=false "docker://$reg/ex:gzip"))" \
  -n '[["linux/amd64", "linux/arm64/v8"], $s, [0, 0]]' >"$work/allp.expected"
check all-platforms-shared-once "$work/allp.expected" "$work/allp.actual"

# --- TLS with our own CA --------------------------------------------------------
pki="$work/pki"; mkdir -p "$pki/certs"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$pki/ca.key" -out "$pki/certs/ca.crt" -days 2 -subj /CN=ballast-e2e-ca 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout "$pki/server.key" -out "$pki/server.csr" -subj /CN=127.0.0.1 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1\n' >"$pki/ext"
openssl x509 -req -in "$pki/server.csr" -CA "$pki/certs/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial \
  -out "$pki/server.crt" -days 2 -extfile "$pki/ext" 2>/dev/null
tls=$(e2e_free_port)
printf 'http: {addr: "127.0.0.1:@PORT@", tls: {certificate: %s, key: %s}}\n' "$pki/server.crt" "$pki/server.key" >"$work/tls.yml"
e2e_start_registry "$work/tls" "$tls" "$work/tls.yml"
skopeo copy -q --dest-cert-dir "$pki/certs" "oci-archive:$work/ex-gzip.tar" "docker://127.0.0.1:$tls/ex:gzip"
report "$work/tls.gzip" "docker://127.0.0.1:$tls/ex:gzip" --cert-dir "$pki/certs"
check tls-cert-dir "$work/file.gzip" "$work/tls.gzip"
report "$work/tls.noverify" "docker://127.0.0.1:$tls/ex:gzip" --tls-verify=false
check tls-verify-false "$work/file.gzip" "$work/tls.noverify"
bad tls-unknown-ca "127.0.0.1:$tls" 'certificate' -- "docker://127.0.0.1:$tls/ex:gzip"

# --- htpasswd (Basic) -------------------------------------------------------------
htpasswd -Bbn alice s3cr3t-pw >"$work/htpasswd" 2>/dev/null
basic=$(e2e_free_port)
printf 'http: {addr: "127.0.0.1:@PORT@"}\nauth: {htpasswd: {realm: ballast-e2e, path: %s}}\n' "$work/htpasswd" >"$work/basic.yml"
e2e_start_registry "$work/basic" "$basic" "$work/basic.yml"
"${push[@]}" --dest-creds alice:s3cr3t-pw "oci-archive:$work/ex-gzip.tar" "docker://127.0.0.1:$basic/ex:gzip"
report "$work/basic.creds" "docker://127.0.0.1:$basic/ex:gzip" --tls-verify=false --creds alice:s3cr3t-pw
check basic-creds "$work/file.gzip" "$work/basic.creds"
# docker login's file: auths with base64 "user:password".
mkdir -p "$work/dockercfg"
jq -n --arg k "127.0.0.1:$basic" --arg a "$(printf alice:s3cr3t-pw | base64)" '{auths: {($k): {auth: $a}}}' >"$work/dockercfg/config.json"
DOCKER_CONFIG="$work/dockercfg" report "$work/basic.config" "docker://127.0.0.1:$basic/ex:gzip" --tls-verify=false
check basic-docker-config-auths "$work/file.gzip" "$work/basic.config"
# credsStore: a docker-credential-* program on PATH, asked exactly as docker asks.
mkdir -p "$work/bin" "$work/helpercfg"
cat >"$work/bin/docker-credential-e2e" <<HELPER
#!/bin/sh
[ "\$1" = get ] || exit 3
read server
echo "\$server" >"$work/helper.asked"
[ "\$server" = "127.0.0.1:$basic" ] || { echo "credentials not found in native keychain"; exit 1; }
echo '{"ServerURL":"127.0.0.1:$basic","Username":"alice","Secret":"s3cr3t-pw"}'
HELPER
chmod +x "$work/bin/docker-credential-e2e"
echo '{"credsStore":"e2e"}' >"$work/helpercfg/config.json"
PATH="$work/bin:$PATH" DOCKER_CONFIG="$work/helpercfg" report "$work/basic.helper" "docker://127.0.0.1:$basic/ex:gzip" --tls-verify=false
check basic-creds-store "$work/file.gzip" "$work/basic.helper"
echo "127.0.0.1:$basic" >"$work/helper.expected"; check helper-asked-for-server "$work/helper.expected" "$work/helper.asked"
bad basic-wrong-creds "127.0.0.1:$basic" '401' -- "docker://127.0.0.1:$basic/ex:gzip" --tls-verify=false --creds alice:wrong
bad basic-no-creds "127.0.0.1:$basic" '401' 'authentication required' -- "docker://127.0.0.1:$basic/ex:gzip" --tls-verify=false
if grep -q s3cr3t "$work"/*.err; then echo "FAIL a message shows the password"; fail=1; else echo "ok   no message shows the password"; fi
bad basic-missing-tag 'manifest unknown' '404' -- "docker://127.0.0.1:$basic/ex:nope" --tls-verify=false --creds alice:s3cr3t-pw
if grep -q s3cr3t "$work/basic-missing-tag.err"; then echo "FAIL missing-tag shows the password"; fail=1; fi

# --- Bearer tokens from a token server --------------------------------------------
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$pki/token.key" -out "$pki/token.crt" -days 2 -subj /CN=ballast-e2e-token 2>/dev/null
tport=$(e2e_free_port)
python3 "$here/registry/token_server.py" "$tport" "$pki/token.key" "$pki/token.crt" ballast-e2e-issuer & helper_pids+=($!)
bearer=$(e2e_free_port)
printf 'http: {addr: "127.0.0.1:@PORT@"}\nauth: {token: {realm: "http://127.0.0.1:%s/token", service: ballast-e2e, issuer: ballast-e2e-issuer, rootcertbundle: %s}}\n' \
  "$tport" "$pki/token.crt" >"$work/bearer.yml"
e2e_start_registry "$work/bearer" "$bearer" "$work/bearer.yml"
"${push[@]}" --dest-creds alice:pw --format oci --dest-compress-format zstd "oci-archive:$work/ex-zstd.tar" "docker://127.0.0.1:$bearer/public/ex:zstd"
"${push[@]}" --dest-creds alice:pw --format oci --dest-compress-format zstd "oci-archive:$work/ex-zstd.tar" "docker://127.0.0.1:$bearer/private/ex:zstd"
report "$work/bearer.creds" "docker://127.0.0.1:$bearer/private/ex:zstd" --tls-verify=false --creds alice:pw
check bearer-token-with-creds "$work/file.zstd" "$work/bearer.creds"
report "$work/bearer.anon" "docker://127.0.0.1:$bearer/public/ex:zstd" --tls-verify=false
check bearer-anonymous-token "$work/file.zstd" "$work/bearer.anon"
bad bearer-wrong-creds "127.0.0.1:$bearer" '401' -- "docker://127.0.0.1:$bearer/private/ex:zstd" --tls-verify=false --creds alice:nope
bad bearer-anonymous-refused "127.0.0.1:$bearer" '401' -- "docker://127.0.0.1:$bearer/private/ex:zstd" --tls-verify=false

# --- the layer cache: layers it holds are not downloaded --------------------------
# A proxy that cuts nothing and logs each request line; a layer GET is a
# GET of one of the manifest's layer digests (the config is a blob too).
count=$(e2e_free_port)
python3 "$here/registry/cutting_proxy.py" "$count" "$plain" 0 "$work/gets.log" & helper_pids+=($!)
# ex:plus = ex:gzip plus one top layer (one file), pushed to the plain registry.
plus="$work/plus"
skopeo copy -q "oci-archive:$work/ex-gzip.tar" "oci:$plus:ex" >/dev/null
mkdir -p "$work/plus-layer/app"; echo "one changed file" >"$work/plus-layer/app/changed.txt"
tar -C "$work/plus-layer" --owner=0 --group=0 --mtime=@0 -cf "$work/plus.tar" app
pblob() { echo "$plus/blobs/sha256/${1#sha256:}"; }
diff_id="sha256:$(sha256sum "$work/plus.tar" | cut -d' ' -f1)"
gzip -n -c "$work/plus.tar" >"$work/plus.tar.gz"
l_digest="sha256:$(sha256sum "$work/plus.tar.gz" | cut -d' ' -f1)"; l_size=$(stat -c %s "$work/plus.tar.gz")
mv "$work/plus.tar.gz" "$(pblob "$l_digest")"
pm=$(jq -r '.manifests[0].digest' "$plus/index.json")
pc=$(jq -r .config.digest "$(pblob "$pm")")
jq -c --arg d "$diff_id" '.rootfs.diff_ids += [$d] | .history += [{created_by: "COPY changed.txt /app/"}]' "$(pblob "$pc")" >"$work/plus.cfg"
pc_digest="sha256:$(sha256sum "$work/plus.cfg" | cut -d' ' -f1)"; pc_size=$(stat -c %s "$work/plus.cfg"); mv "$work/plus.cfg" "$(pblob "$pc_digest")"
jq -c --arg c "$pc_digest" --argjson cs "$pc_size" --arg l "$l_digest" --argjson ls "$l_size" \
  '.config.digest = $c | .config.size = $cs | .layers += [{mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: $l, size: $ls}]' \
  "$(pblob "$pm")" >"$work/plus.manifest"
pm_digest="sha256:$(sha256sum "$work/plus.manifest" | cut -d' ' -f1)"; pm_size=$(stat -c %s "$work/plus.manifest"); mv "$work/plus.manifest" "$(pblob "$pm_digest")"
jq -c --arg d "$pm_digest" --argjson s "$pm_size" '.manifests[0].digest = $d | .manifests[0].size = $s' "$plus/index.json" >"$work/plus.index"
mv "$work/plus.index" "$plus/index.json"
"${push[@]}" "oci:$plus:ex" "docker://$reg/ex:plus"
layer_gets() {  # layer_gets REF-TAG: GETs logged since the last call of the manifest's layer blobs
  local n=0 d
  for d in $(skopeo inspect --raw --tls-verify=false "docker://$reg/ex:$1" | jq -r '.layers[].digest'); do
    n=$((n + $(grep -c "GET /v2/ex/blobs/$d " "$work/gets.log" || true)))
  done
  : >"$work/gets.log"; echo "$n"
}
cached() {  # cached OUT TAG [flags]: JSON report through the counting proxy, with the test's cache
  local out=$1 tag=$2; shift 2
  "$ballast" analyze --format json --bytes --files --cache-dir "$work/layer-cache" --tls-verify=false \
    "docker://127.0.0.1:$count/ex:$tag" "$@" | jq -S "$canon" >"$out"
}
sleep 0.5; : >"$work/gets.log"
layers_gzip=$(skopeo inspect --raw --tls-verify=false "docker://$reg/ex:gzip" | jq '.layers | length')
cached "$work/cache.cold" gzip
check cache-cold-report "$work/file.gzip" "$work/cache.cold"
echo "$layers_gzip" >"$work/gets.expected"; layer_gets gzip >"$work/gets.actual"; check cache-cold-gets-every-layer "$work/gets.expected" "$work/gets.actual"
cached "$work/cache.warm" gzip
check cache-warm-report "$work/file.gzip" "$work/cache.warm"
echo 0 >"$work/gets.expected"; layer_gets gzip >"$work/gets.actual"; check cache-warm-gets-no-layer "$work/gets.expected" "$work/gets.actual"
report "$work/plus.nocache" "docker://$reg/ex:plus" --tls-verify=false
cached "$work/plus.cached" plus
check cache-plus-report "$work/plus.nocache" "$work/plus.cached"
echo 1 >"$work/gets.expected"; layer_gets plus >"$work/gets.actual"; check cache-plus-gets-only-new-layer "$work/gets.expected" "$work/gets.actual"
# --no-cache and --verify read every layer again (positive control of the counter).
cached "$work/plus.verify" plus --verify
echo "$((layers_gzip + 1))" >"$work/gets.expected"; layer_gets plus >"$work/gets.actual"; check cache-verify-reads-all "$work/gets.expected" "$work/gets.actual"

# --- a blob that is not what its digest says (last: it damages the plain registry) ---
layer=$(skopeo inspect --raw --tls-verify=false "docker://$reg/ex:gzip" | jq -r '.layers | max_by(.size) | .digest')
data="$work/plain/storage/docker/registry/v2/blobs/sha256/${layer:7:2}/${layer#sha256:}/data"
# Byte 4 is the gzip header's MTIME (RFC 1952 2.3): the stream still inflates, only the digest changes.
printf '\x01' | dd of="$data" bs=1 seek=4 conv=notrunc 2>/dev/null
bad digest-mismatch 'digest mismatch' "${layer#sha256:}" -- "docker://$reg/ex:gzip" --tls-verify=false

if [ "$fail" -ne 0 ]; then echo "registry e2e: FAILED"; exit 1; fi
echo "registry e2e: all checks passed"
