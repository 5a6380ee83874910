#!/usr/bin/env bash
# End to end: `ballast slim` of an image that is not a file, against a
# private Docker Engine. An image built here (five layers above the base:
# deletions, an overwrite, a hardlink, a chmod) is slimmed
#  - from the engine, as the bare NAME:TAG, docker-daemon:NAME:TAG and its
#    image ID: the output equals, byte for byte, what slimming the
#    `docker save -o` file of the same image writes (slim_test.sh proves that
#    one against `docker export`); `docker load` takes it, its export equals
#    the original's, a smoke command prints the same; --keep-layers into an
#    OCI layout equals the file's too; nothing but OUT is written (no spool,
#    no temporary left);
#  - bad input: a missing image, an unreachable engine, standard input: one
#    line, exit 2, nothing written.
# Usage: slim_source_test.sh BALLAST BUILD_DIR
set -euo pipefail
ballast=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work="$(cd "$2" && pwd)/e2e-slim-source"
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"; mkdir -p "$work"
source "$here/lib/dockerd.sh"
source "$here/lib/registry.sh"
e2e_start_dockerd "$work/engine"
cleanup() { e2e_stop_registries; e2e_stop_dockerd; }
trap cleanup EXIT
e2e_busybox_base bb:base
for tool in jq python3 skopeo; do command -v $tool >/dev/null || e2e_skip_or_fail "$tool missing"; done

fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }
check() {  # check NAME EXPECTED-FILE ACTUAL-FILE
  if diff -u "$2" "$3" >"$work/$1.diff"; then ok "$1"; else bad "$1"; head -40 "$work/$1.diff"; fi
}
# only_out NAME DIR FILE: DIR holds FILE and nothing else (no temporary, no spool).
only_out() {
  [ "$(ls -A "$2")" = "$3" ] && ok "$1: only OUT written" || bad "$1: $2 holds $(ls -A "$2" | tr '\n' ' ')"
}
# expect_error NAME PATTERN CMD...: exit 2, one 'ballast: error:' line matching PATTERN, nothing in $work/bad.
expect_error() {
  local name=$1 pattern=$2; shift 2
  rm -rf "$work/bad"; mkdir -p "$work/bad"
  local rc=0
  "$@" >"$work/$name.out" 2>"$work/$name.err" || rc=$?
  if [ "$rc" -ne 2 ] || [ "$(wc -l <"$work/$name.err")" -ne 1 ] || ! grep -q "^ballast: error: .*$pattern" "$work/$name.err"; then
    bad "$name: exit $rc, stderr: $(cat "$work/$name.err")"
  elif [ -n "$(ls -A "$work/bad")" ]; then
    bad "$name: left $(ls -A "$work/bad" | tr '\n' ' ')"
  else
    ok "$name: $(cat "$work/$name.err")"
  fi
}

ctx="$work/ctx"; mkdir -p "$ctx"
cat >"$ctx/Dockerfile" <<'DOCKERFILE'
FROM bb:base
RUN mkdir -p /data/sub && dd if=/dev/urandom of=/data/sub/big bs=1k count=100 2>/dev/null \
 && echo hello > /data/keep && ln /data/keep /data/hard && echo v1 > /data/over \
 && echo pair > /data/l1 && ln /data/l1 /data/l2
RUN rm -rf /data/sub && echo v2 > /data/over
RUN echo three > /data/three && chmod 600 /data/keep
RUN echo four > /data/four && rm /bin/seq
RUN echo five > /data/five && rm /data/three
CMD ["sh"]
DOCKERFILE
e2e_docker build -q -t e2e/src:orig "$ctx" >/dev/null
e2e_docker save -o "$work/orig.tar" e2e/src:orig
orig_id=$(e2e_docker image inspect -f '{{.Id}}' e2e/src:orig)

e2e_export_listing e2e/src:orig "$work/orig.list"
# Link counts are compared only for a pair no later layer touched (l1, l2):
# `chmod 600 /data/keep` copied keep up into a layer of its own, so in the
# original /data/hard is a lone file that overlayfs still shows with its lower
# inode's count of 2; the squashed layer rightly holds it with 1 (two names of
# one inode cannot have two modes).
smoke='cat /data/keep /data/hard /data/over /data/four /data/five /data/l2; stat -c "%n %a %u:%g %s" /data/*; stat -c "%n %h %i" /data/l1 /data/l2 | sed "s/ [0-9]*$//"; [ "$(stat -c %i /data/l1)" = "$(stat -c %i /data/l2)" ] && echo l1=l2; ls /data/sub /data/three /bin/seq'
run_smoke() {  # run_smoke IMAGE OUT
  e2e_docker run --rm "$1" sh -c "$smoke" >"$2" 2>"$2.err" || echo "exit $?" >>"$2"
  cat "$2.err" >>"$2"
}
run_smoke e2e/src:orig "$work/smoke.orig"

# The reference: the saved file, slimmed.
mkdir -p "$work/ref"
"$ballast" slim "$work/orig.tar" -o "$work/ref/slim.tar" --tag e2e/src:slim >/dev/null
"$ballast" slim "$work/orig.tar" -o "oci:$work/ref/kept:slim" --keep-layers >/dev/null

# --- from the engine -----------------------------------------------------------
# Each in a directory of its own that must hold OUT alone afterwards, with
# TMPDIR an empty directory that must stay empty: the input is not spooled.
mkdir -p "$work/tmp"
n=0
for src in e2e/src:orig docker-daemon:e2e/src:orig "$orig_id" "${orig_id:7:12}"; do
  n=$((n + 1)); mkdir -p "$work/engine$n"
  if (cd "$work/engine$n" && TMPDIR="$work/tmp" "$ballast" slim "$src" -o slim.tar --tag e2e/src:slim \
        >"$work/engine$n.out" 2>"$work/engine$n.err"); then
    cmp -s "$work/ref/slim.tar" "$work/engine$n/slim.tar" \
      && ok "slim $src: the same bytes as slimming the docker save file" \
      || bad "slim $src: output differs from the saved file's"
    only_out "slim $src" "$work/engine$n" slim.tar
  else
    bad "slim $src: exit $?: $(cat "$work/engine$n.err")"
  fi
done
[ -z "$(ls -A "$work/tmp")" ] && ok "nothing written to TMPDIR" || bad "TMPDIR holds $(ls -A "$work/tmp")"
grep -q 'squashed into one' "$work/engine1.out" && ok "the slim report" || bad "report: $(cat "$work/engine1.out")"

# The engine's own view of the output: it loads, its base is the original's
# layer, its export is the original's, and it runs alike.
e2e_docker load -i "$work/engine1/slim.tar" >/dev/null && ok "docker load" || bad "docker load"
[ "$(e2e_docker image inspect -f '{{len .RootFS.Layers}}' e2e/src:slim)" = 2 ] && ok "two layers" || bad "layer count"
[ "$(e2e_docker image inspect -f '{{index .RootFS.Layers 0}}' e2e/src:orig)" = \
  "$(e2e_docker image inspect -f '{{index .RootFS.Layers 0}}' e2e/src:slim)" ] && ok "base layer shared" || bad "base layer differs"
e2e_export_listing e2e/src:slim "$work/slim.list"
check export-equal "$work/orig.list" "$work/slim.list"
run_smoke e2e/src:slim "$work/smoke.slim"
grep -q '^hello$' "$work/smoke.orig" && grep -q '^v2$' "$work/smoke.orig" && grep -q '^exit 1$' "$work/smoke.orig" \
  && grep -q '^/data/l1 2$' "$work/smoke.orig" && grep -q '^l1=l2$' "$work/smoke.orig" \
  && ok "smoke control: the original's files, its l1/l2 one inode, and exit 1 for the deleted ones" || bad "smoke control: $(cat "$work/smoke.orig")"
check smoke "$work/smoke.orig" "$work/smoke.slim"

# --keep-layers into an OCI layout: the layout equals the file's, blob for blob.
mkdir -p "$work/kept"
"$ballast" slim docker-daemon:e2e/src:orig -o "oci:$work/kept/layout:slim" --keep-layers >/dev/null \
  && diff -r "$work/ref/kept" "$work/kept/layout" >"$work/kept.diff" \
  && ok "--keep-layers from the engine: the layout equals the file's" || { bad "--keep-layers from the engine"; head "$work/kept.diff"; }
only_out "--keep-layers" "$work/kept" layout

# --- from a registry -----------------------------------------------------------
# skopeo pushes the saved file (its layers gzip-compressed on the way, its
# config as it is). Slimmed from there, the output must be the saved file's
# slim image but for the base blob, which is the registry's, as stored: the
# same image ID and diff IDs (the engine says), the same new layer blob.
port=$(e2e_free_port); e2e_start_registry "$work/registry" "$port"; reg=127.0.0.1:$port
skopeo copy -q --dest-tls-verify=false "docker-archive:$work/orig.tar" "docker://$reg/src:1"
skopeo inspect --raw --tls-verify=false "docker://$reg/src:1" >"$work/reg.raw"
[ "$(jq -r '.config.digest' "$work/reg.raw")" = "$orig_id" ] && [ "$(jq -r '.layers[0].mediaType' "$work/reg.raw")" != null ] \
  && ok "control: the registry holds the original's config" || bad "control: registry config $(jq -r '.config.digest' "$work/reg.raw")"
mkdir -p "$work/reg"
if TMPDIR="$work/tmp" "$ballast" slim "docker://$reg/src:1" --tls-verify=false -o "$work/reg/slim.tar" --tag e2e/src:reg \
     >"$work/reg.out" 2>"$work/reg.err"; then
  ok "slim docker://"
  only_out "slim docker://" "$work/reg" slim.tar
else
  bad "slim docker://: $(cat "$work/reg.err")"
fi
[ -z "$(ls -A "$work/tmp")" ] && ok "docker://: nothing written to TMPDIR" || bad "TMPDIR holds $(ls -A "$work/tmp")"
manifest_of() {  # manifest_of ARCHIVE OUT: the OCI manifest inside a docker-archive slim wrote
  local digest
  digest=$(tar -xOf "$1" index.json | jq -r '.manifests[0].digest')
  tar -xOf "$1" "blobs/sha256/${digest#sha256:}" >"$2"
}
manifest_of "$work/reg/slim.tar" "$work/reg.manifest"
manifest_of "$work/ref/slim.tar" "$work/ref.manifest"
[ "$(jq -r '.layers[0].digest' "$work/reg.manifest")" = "$(jq -r '.layers[0].digest' "$work/reg.raw")" ] \
  && [ "$(jq -r '.layers[0].digest' "$work/reg.manifest")" != "$(jq -r '.layers[0].digest' "$work/ref.manifest")" ] \
  && ok "docker://: the base blob copied as the registry stores it" || bad "docker://: base blob $(jq -c .layers[0] "$work/reg.manifest")"
[ "$(jq -r '.layers[1].digest' "$work/reg.manifest")" = "$(jq -r '.layers[1].digest' "$work/ref.manifest")" ] \
  && ok "docker://: the new layer blob of the saved file's slim image" || bad "docker://: new layer differs"
e2e_docker load -i "$work/ref/slim.tar" >/dev/null
e2e_docker load -i "$work/reg/slim.tar" >/dev/null && ok "docker load (docker://)" || bad "docker load (docker://)"
[ "$(e2e_docker image inspect -f '{{json .RootFS.Layers}}' e2e/src:reg)" = "$(e2e_docker image inspect -f '{{json .RootFS.Layers}}' e2e/src:slim)" ] \
  && ok "docker://: the diff IDs of the saved file's slim image" || bad "docker://: diff IDs differ"
[ "$(e2e_docker image inspect -f '{{.Id}}' e2e/src:reg)" = "$(e2e_docker image inspect -f '{{.Id}}' e2e/src:slim)" ] \
  && ok "docker://: the image ID of the saved file's slim image" || bad "docker://: image ID differs"
run_smoke e2e/src:reg "$work/smoke.reg"
check smoke-docker "$work/smoke.orig" "$work/smoke.reg"
e2e_docker rmi e2e/src:reg >/dev/null

# --verify: the original is in the engine; only OUT is loaded (and removed).
e2e_docker rmi e2e/src:slim >/dev/null
set +e
"$ballast" slim e2e/src:orig -o "$work/vfy.tar" --tag e2e/src:vfy --verify --smoke "$smoke" --format json \
  >"$work/vfy.json" 2>"$work/vfy.err"; rc=$?
set -e
[ $rc = 0 ] && [ "$(jq -r '.verify.passed' "$work/vfy.json")" = true ] && ok "--verify from the engine: exit 0, passed" \
  || bad "--verify from the engine: rc $rc: $(cat "$work/vfy.err")"
[ "$(jq -r '.verify.before.loaded' "$work/vfy.json")" = false ] && [ "$(jq -r '.verify.after.loaded' "$work/vfy.json")" = true ] \
  && ok "--verify: the original not loaded, OUT loaded" || bad "--verify: loaded flags"
e2e_docker image inspect e2e/src:vfy >/dev/null 2>&1 && bad "--verify: the loaded tag is left" || ok "--verify: the loaded tag is removed"
e2e_docker image inspect e2e/src:orig >/dev/null 2>&1 && ok "--verify: the original stays" || bad "--verify: the original is gone"

# --verify of a registry input into an OCI layout: the engine has neither
# (docker load -i takes docker-archives only), so both are streamed into
# docker load, run, and removed afterwards by the IDs it printed.
e2e_docker rmi -f "$orig_id" >/dev/null
e2e_docker image inspect "$orig_id" >/dev/null 2>&1 && bad "control: the engine still has the original" \
  || ok "control: the engine no longer has the original"
set +e
TMPDIR="$work/tmp" "$ballast" slim "docker://$reg/src:1" --tls-verify=false -o "oci:$work/vfy-oci" --verify --smoke "$smoke" \
  --format json >"$work/vfy-oci.json" 2>"$work/vfy-oci.err"; rc=$?
set -e
[ $rc = 0 ] && [ "$(jq -r '.verify.passed' "$work/vfy-oci.json")" = true ] && ok "--verify docker:// -> oci: exit 0, passed" \
  || bad "--verify docker:// -> oci: rc $rc: $(cat "$work/vfy-oci.err")"
[ "$(jq -r '.verify.before.loaded' "$work/vfy-oci.json")" = true ] && [ "$(jq -r '.verify.after.loaded' "$work/vfy-oci.json")" = true ] \
  && ok "--verify docker:// -> oci: both sides streamed into docker load" || bad "--verify docker:// -> oci: loaded flags"
# The IDs the engine gave them are the layout's and the registry's config digests.
oci_manifest=$(jq -r '.manifests[0].digest' "$work/vfy-oci/index.json")
oci_config=$(jq -r '.config.digest' "$work/vfy-oci/blobs/sha256/${oci_manifest#sha256:}")
[ "$(jq -r '.verify.after.reference' "$work/vfy-oci.json")" = "$oci_config" ] \
  && [ "$(jq -r '.verify.before.reference' "$work/vfy-oci.json")" = "$orig_id" ] \
  && ok "--verify docker:// -> oci: the engine's IDs are the config digests" \
  || bad "--verify docker:// -> oci: references $(jq -c '[.verify.before.reference, .verify.after.reference]' "$work/vfy-oci.json")"
[ "$(jq -r '.verify.smoke != null' "$work/vfy-oci.json")" = true ] && ok "--verify docker:// -> oci: the smoke test ran" \
  || bad "--verify docker:// -> oci: no smoke run"
e2e_docker image inspect "$orig_id" >/dev/null 2>&1 || e2e_docker image inspect "$oci_config" >/dev/null 2>&1 \
  && bad "--verify docker:// -> oci: a loaded image is left" || ok "--verify docker:// -> oci: what it loaded is removed"
[ -z "$(ls -A "$work/tmp")" ] && ok "--verify docker:// -> oci: nothing written to TMPDIR" || bad "TMPDIR holds $(ls -A "$work/tmp")"
e2e_docker load -i "$work/orig.tar" >/dev/null

# --- bad input: one line, exit 2, nothing written ------------------------------
expect_error missing-image 'no such image' "$ballast" slim e2e/src:nope -o "$work/bad/x.tar"
expect_error missing-image-daemon 'no such image' "$ballast" slim docker-daemon:e2e/src:nope -o "$work/bad/x.tar"
expect_error no-engine 'no engine at' env DOCKER_HOST="unix://$work/no-engine.sock" "$ballast" slim docker-daemon:e2e/src:orig -o "oci:$work/bad/x"
expect_error stdin 'standard input' sh -c "\"$ballast\" slim - -o \"$work/bad/x.tar\" <\"$work/orig.tar\""

expect_error registry-404 'manifest unknown' "$ballast" slim "docker://$reg/src:nope" --tls-verify=false -o "$work/bad/x.tar"
expect_error registry-down 'unreachable' "$ballast" slim "docker://127.0.0.1:$(e2e_free_port)/src:1" --tls-verify=false -o "oci:$work/bad/x"

if [ "$fail" -ne 0 ]; then echo "slim source e2e: FAILED"; exit 1; fi
echo "slim source e2e: all checks passed"
