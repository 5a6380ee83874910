#!/usr/bin/env bash
# End to end: `ballast slim` against the real Docker Engine. An image built
# by BuildKit with deletions, an opaque directory, a chmod copy, hardlinks,
# symlinks, setuid, a device node, a file capability (security.capability)
# and caches is slimmed; then
#  (a) docker load takes the output, and `docker export` of a container from
#      it equals the original's export (paths, types, modes, owners, sizes,
#      mtimes, contents, capabilities) — minus exactly the dropped paths
#      when --drop/--drop-path are used;
#  (b) a smoke command prints the same in both;
#  (c) docker history shows ballast's row; skopeo inspect and umoci unpack
#      accept the OCI layout output;
#  (d) re-analysis: nothing reclaimable above the base, and the bytes saved
#      are what `analyze` predicted (the reclaimable bytes above the base);
#  (e) --keep-layers: (a), (b), (d) again, with the original's layer count
#      and history rows.
# Usage: slim_test.sh BALLAST BUILD_DIR
set -euo pipefail
ballast=$1
work="$2/e2e-slim"
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"; mkdir -p "$work"
source "$here/lib/dockerd.sh"
e2e_start_dockerd "$work/engine"
e2e_busybox_base bb:base
for tool in skopeo umoci jq python3; do command -v $tool >/dev/null || e2e_skip_or_fail "$tool missing"; done

fail=0
check() {  # check NAME EXPECTED-FILE ACTUAL-FILE
  if diff -u "$2" "$3" >"$work/$1.diff"; then echo "ok   $1"; else echo "FAIL $1"; head -40 "$work/$1.diff"; fail=1; fi
}
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }

ctx="$work/ctx"; mkdir -p "$ctx"
# A file with a capability, put in place by ADD of a tar (busybox has no setcap):
# cap_net_bind_service=ep as the kernel stores it (VFS_CAP_REVISION_2).
python3 - "$ctx/cap.tar" <<'PY'
import io, sys, tarfile
cap = bytes.fromhex("0100000200040000000000000000000000000000").decode("utf-8", "surrogateescape")
with tarfile.open(sys.argv[1], "w", format=tarfile.PAX_FORMAT) as t:
    d = tarfile.TarInfo("opt/"); d.type = tarfile.DIRTYPE; d.mode = 0o755; d.mtime = 1700000000; t.addfile(d)
    data = b"#!/bin/sh\necho cap\n"
    f = tarfile.TarInfo("opt/capped"); f.size = len(data); f.mode = 0o755; f.mtime = 1700000000
    f.pax_headers = {"SCHILY.xattr.security.capability": cap}
    t.addfile(f, io.BytesIO(data))
PY
cat > "$ctx/Dockerfile" <<'DOCKERFILE'
FROM bb:base
ADD cap.tar /
RUN mkdir -p /data/sub /data/opq /root/.cache/pip /usr/share/doc/pkg \
 && dd if=/dev/urandom of=/data/sub/big bs=1k count=200 2>/dev/null && echo gone > /data/del.txt \
 && echo hello > /data/keep && ln /data/keep /data/hard && ln -s keep /data/link \
 && echo a > /data/opq/a && echo b > /data/opq/b && echo solo > /data/solo \
 && cp /bin/busybox /data/suid && chmod 4755 /data/suid && busybox mknod /data/null c 1 3 \
 && dd if=/dev/zero of=/root/.cache/pip/wheel bs=1k count=64 2>/dev/null \
 && echo readme > /usr/share/doc/pkg/README && echo license > /usr/share/doc/pkg/copyright
RUN rm -rf /data/sub /data/del.txt /data/opq && mkdir /data/opq && echo c > /data/opq/c
RUN chmod 600 /data/solo && chown 7:8 /data/solo && rm /bin/seq && echo new > /etc/motd
ENV X=1
HEALTHCHECK CMD true
CMD ["sh"]
DOCKERFILE
e2e_docker build -q -t e2e/slim:orig "$ctx" >/dev/null
e2e_docker save -o "$work/orig.tar" e2e/slim:orig

e2e_export_listing e2e/slim:orig "$work/orig.list"
grep -q $'^data/null\tchar' "$work/orig.list" && grep -q $'^opt/capped\t.*\t01000002' "$work/orig.list" \
  && grep -q $'^data/suid\tfile\t0o104755' "$work/orig.list" && ok "fixture has a device, a capability, setuid" \
  || bad "fixture lacks a device node, capability or setuid bit"

# --- the always-safe slim -------------------------------------------------
"$ballast" slim "$work/orig.tar" -o "$work/slim.tar" --tag e2e/slim:safe >"$work/slim.out"
cat "$work/slim.out"
e2e_docker load -i "$work/slim.tar" >/dev/null && ok "docker load" || bad "docker load"
e2e_export_listing e2e/slim:safe "$work/safe.list"
check export-equal "$work/orig.list" "$work/safe.list"

smoke='cat /data/keep /data/hard /data/opq/c; ls /data /data/opq; /opt/capped; busybox stat -c "%A %u %g %t" /data/suid /data/solo /data/null; cat /etc/motd; ls /data/sub'
for img in orig safe; do
  e2e_docker run --rm e2e/slim:$img sh -c "$smoke" >"$work/smoke.$img" 2>"$work/smoke.$img.err" || echo "exit $?" >>"$work/smoke.$img"
  cat "$work/smoke.$img.err" >>"$work/smoke.$img"
done
grep -q '^-rwsr-xr-x 0 0' "$work/smoke.orig" && grep -q '^exit 1' "$work/smoke.orig" && ok "smoke control: setuid shown, exit 1" || bad "smoke control"
check smoke "$work/smoke.orig" "$work/smoke.safe"

e2e_docker history --no-trunc --format '{{.CreatedBy}}' e2e/slim:safe | head -1 | grep -q '^ballast slim: layers 2-' \
  && ok "docker history shows ballast's row" || bad "docker history lacks ballast's row"
[ "$(e2e_docker image inspect -f '{{len .RootFS.Layers}}' e2e/slim:safe)" = 2 ] && ok "two layers" || bad "layer count"
for field in '{{json .Config.Env}}' '{{json .Config.Cmd}}' '{{json .Config.Healthcheck}}'; do
  [ "$(e2e_docker image inspect -f "$field" e2e/slim:orig)" = "$(e2e_docker image inspect -f "$field" e2e/slim:safe)" ] \
    && ok "config $field" || bad "config $field"
done
# The base layer is the same layer (same diffID) in both.
[ "$(e2e_docker image inspect -f '{{index .RootFS.Layers 0}}' e2e/slim:orig)" = \
  "$(e2e_docker image inspect -f '{{index .RootFS.Layers 0}}' e2e/slim:safe)" ] && ok "base layer shared" || bad "base layer differs"

# (d) Saving = what analyze predicted; nothing reclaimable above the base.
"$ballast" analyze --format json --bytes "$work/orig.tar" >"$work/orig.json"
"$ballast" analyze --format json --bytes "$work/slim.tar" >"$work/slim.json"
predicted=$(jq '[.layers[1:][].reclaimable] | add' "$work/orig.json")
saved=$(jq -n --slurpfile o "$work/orig.json" --slurpfile s "$work/slim.json" \
  '([$o[0].layers[1:][].files_size] | add) - $s[0].layers[1].files_size')
[ "$predicted" -gt 200000 ] && [ "$saved" = "$predicted" ] && ok "saved $saved = predicted" || bad "saved $saved, predicted $predicted"
[ "$(jq '.layers[1].reclaimable' "$work/slim.json")" = 0 ] && ok "re-analysis: 0 reclaimable above the base" \
  || bad "re-analysis finds reclaimable bytes above the base"
# Positive control beside it: the original does have some above the base.
[ "$(jq '[.layers[1:][].reclaimable] | add' "$work/orig.json")" -gt 0 ] && ok "control: original has reclaimable" || bad control

# --- --keep-layers: the same layers, without their waste ---------------------
# The engine loads it; the export equals the original's; the layer count and
# history rows are the original's (plus ballast's empty_layer row); each
# layer above the base holds nothing reclaimable, and the saving is the one
# predicted.
"$ballast" slim "$work/orig.tar" -o "$work/kept.tar" --tag e2e/slim:kept --keep-layers >"$work/kept.out"
cat "$work/kept.out"
e2e_docker load -i "$work/kept.tar" >/dev/null && ok "docker load (--keep-layers)" || bad "docker load (--keep-layers)"
e2e_export_listing e2e/slim:kept "$work/kept.list"
check export-equal-keep-layers "$work/orig.list" "$work/kept.list"
e2e_docker run --rm e2e/slim:kept sh -c "$smoke" >"$work/smoke.kept" 2>"$work/smoke.kept.err" || echo "exit $?" >>"$work/smoke.kept"
cat "$work/smoke.kept.err" >>"$work/smoke.kept"
check smoke-keep-layers "$work/smoke.orig" "$work/smoke.kept"
orig_layers=$(e2e_docker image inspect -f '{{len .RootFS.Layers}}' e2e/slim:orig)
[ "$(e2e_docker image inspect -f '{{len .RootFS.Layers}}' e2e/slim:kept)" = "$orig_layers" ] \
  && ok "--keep-layers: $orig_layers layers, as the original" || bad "--keep-layers layer count"
[ "$(e2e_docker history -q e2e/slim:kept | wc -l)" = "$(($(e2e_docker history -q e2e/slim:orig | wc -l) + 1))" ] \
  && ok "--keep-layers: the original's history rows and ballast's" || bad "--keep-layers history rows"
"$ballast" analyze --format json --bytes "$work/kept.tar" >"$work/kept.json"
[ "$(jq '[.layers[1:][].reclaimable] | add' "$work/kept.json")" = 0 ] && ok "--keep-layers: 0 reclaimable above the base" \
  || bad "--keep-layers leaves reclaimable bytes"
kept_saved=$(jq -n --slurpfile o "$work/orig.json" --slurpfile k "$work/kept.json" \
  '([$o[0].layers[1:][].files_size] | add) - ([$k[0].layers[1:][].files_size] | add)')
[ "$kept_saved" = "$predicted" ] && ok "--keep-layers saved $kept_saved = predicted" || bad "--keep-layers saved $kept_saved, predicted $predicted"

# --keep-layers and --squash-all contradict each other: one line, exit 2, nothing written.
set +e
"$ballast" slim "$work/orig.tar" -o "$work/both.tar" --keep-layers --squash-all >/dev/null 2>"$work/both.err"; rc=$?
set -e
[ "$rc" = 2 ] && [ "$(wc -l <"$work/both.err")" = 1 ] && grep -q "excludes" "$work/both.err" && [ ! -e "$work/both.tar" ] \
  && ok "--keep-layers --squash-all: exit 2, one line" || bad "--keep-layers --squash-all: exit $rc: $(cat "$work/both.err")"

# --- --verify: the engine proves it -----------------------------------------
# The original is in the engine already (built here): only OUT is loaded, and
# removed afterwards; the smoke command is the one run by hand above (exit 1
# in both: /data/sub is gone in both). OUT's config is e2e/slim:safe's, so
# that one goes first: the engine must not have OUT already.
e2e_docker rmi e2e/slim:safe >/dev/null
set +e
"$ballast" slim "$work/orig.tar" -o "$work/vfy.tar" --tag e2e/slim:vfy --verify --smoke "$smoke" --format json \
  >"$work/vfy.json" 2>"$work/vfy.err"; rc=$?
set -e
[ $rc = 0 ] && ok "slim --verify: exit 0" || { bad "slim --verify: rc $rc"; cat "$work/vfy.err"; }
[ "$(jq -r '.verify.smoke.passed' "$work/vfy.json")" = true ] && [ "$(jq '.verify.smoke.before.exit_code' "$work/vfy.json")" = 1 ] \
  && ok "verify: the smoke test passes (exit 1 in both, same stdout)" || bad "verify: smoke"
[ "$(jq '.verify.after.upper_reclaimable_bytes' "$work/vfy.json")" = 0 ] && ok "verify: 0 reclaimable above the base" \
  || bad "verify: reclaimable left"
# The saving against the test's own figures from `analyze` of both files, above.
[ "$(jq '.verify.measured_saved_bytes' "$work/vfy.json")" = "$predicted" ] && [ "$(jq '.verify.predicted_bytes' "$work/vfy.json")" = "$predicted" ] \
  && ok "verify: saved = predicted = $predicted" || bad "verify: saving $(jq '.verify.measured_saved_bytes' "$work/vfy.json"), predicted $predicted"
[ "$(jq '.verify.after.layers' "$work/vfy.json")" = 2 ] && [ "$(jq '.verify.before.layers' "$work/vfy.json")" = "$(e2e_docker image inspect -f '{{len .RootFS.Layers}}' e2e/slim:orig)" ] \
  && ok "verify: layers as the engine counts them, -> 2" || bad "verify: layers"
[ "$(jq -r '.verify.before.loaded' "$work/vfy.json")" = false ] && [ "$(jq -r '.verify.after.loaded' "$work/vfy.json")" = true ] \
  && ok "verify: the original was not loaded again" || bad "verify: loaded flags"
e2e_docker image inspect e2e/slim:vfy >/dev/null 2>&1 && bad "verify: the loaded tag is left" || ok "verify: the loaded tag is removed"
e2e_docker image inspect e2e/slim:orig >/dev/null 2>&1 && ok "verify: the user's original stays" || bad "verify: the original was removed"
[ "$(e2e_docker ps -aq | wc -l)" = 0 ] && ok "verify: no container left" || bad "verify: containers left"

# Positive control: drop a file the smoke command reads -> broken, exit 1, both outputs shown.
set +e
"$ballast" slim "$work/orig.tar" -o "$work/broken.tar" --tag e2e/slim:broken --drop-path /data/keep --verify \
  --smoke 'cat /data/keep' >"$work/broken.out" 2>"$work/broken.err"; rc=$?
set -e
[ $rc = 1 ] && grep -q 'slim image broken' "$work/broken.err" && grep -q '^slim image broken: the smoke test failed (exit codes differ: 0 before, 1 after)$' "$work/broken.out" \
  && ok "broken slim image: exit 1, \"slim image broken\"" || { bad "broken slim image: rc $rc"; cat "$work/broken.out" "$work/broken.err"; }
grep -q '^    hello$' "$work/broken.out" && grep -q "can't open '/data/keep'" "$work/broken.out" \
  && ok "broken: both outputs shown" || bad "broken: outputs not shown"
e2e_docker image inspect e2e/slim:broken >/dev/null 2>&1 && bad "broken: the loaded tag is left" || ok "broken: the loaded tag is removed"

# An OCI layout is not what docker load -i takes: it is streamed into docker
# load as a docker-archive, under its --tag, smoke-tested and removed.
set +e
"$ballast" slim "$work/orig.tar" -o "oci:$work/vfy-layout" --tag e2e/slim:vfy-oci --verify --smoke "$smoke" --format json \
  >"$work/vfy-oci.json" 2>"$work/vfy-oci.err"; rc=$?
set -e
[ $rc = 0 ] && [ "$(jq -r '.verify.passed' "$work/vfy-oci.json")" = true ] && [ -f "$work/vfy-layout/index.json" ] \
  && ok "verify of an OCI output: exit 0, passed" || bad "verify oci: rc $rc: $(cat "$work/vfy-oci.err")"
[ "$(jq -r '.verify.after.loaded' "$work/vfy-oci.json")" = true ] && [ "$(jq -r '.verify.after.reference' "$work/vfy-oci.json")" = e2e/slim:vfy-oci ] \
  && ok "verify oci: OUT loaded under its --tag" || bad "verify oci: $(jq -c '.verify.after' "$work/vfy-oci.json")"
[ "$(jq '.verify.measured_saved_bytes' "$work/vfy-oci.json")" = "$predicted" ] && ok "verify oci: saved = predicted" \
  || bad "verify oci: saved $(jq '.verify.measured_saved_bytes' "$work/vfy-oci.json")"
e2e_docker image inspect e2e/slim:vfy-oci >/dev/null 2>&1 && bad "verify oci: the loaded tag is left" || ok "verify oci: the loaded tag is removed"
# zstd layers: docker load reads them from Docker 23 on (moby#41759). An
# older engine (Debian 12's 20.10) only says "unexpected EOF": ballast must
# say why, in its one line, exit 2; a newer one must pass.
set +e
"$ballast" slim "$work/orig.tar" -o "oci:$work/vfy-zstd" --compression zstd --verify --smoke "$smoke" \
  >/dev/null 2>"$work/vfy-zstd.err"; rc=$?
set -e
engine_major=$(e2e_docker version --format '{{.Server.Version}}' | cut -d. -f1)
if [ "$engine_major" -lt 23 ]; then
  [ $rc = 2 ] && [ "$(wc -l <"$work/vfy-zstd.err")" = 1 ] && grep -q 'zstd-compressed, which docker load reads from Docker 23 on' "$work/vfy-zstd.err" \
    && ok "verify zstd on Docker $engine_major: exit 2, the reason named" || bad "verify zstd: rc $rc: $(cat "$work/vfy-zstd.err")"
else
  [ $rc = 0 ] && ok "verify zstd on Docker $engine_major: passed" || bad "verify zstd: rc $rc: $(cat "$work/vfy-zstd.err")"
fi
set +e
DOCKER_HOST=unix://$work/no-engine.sock "$ballast" slim "$work/orig.tar" -o "$work/vfy-noengine.tar" --verify >/dev/null 2>"$work/noengine.err"; rc=$?
set -e
[ $rc = 2 ] && [ ! -e "$work/vfy-noengine.tar" ] && [ "$(wc -l <"$work/noengine.err")" = 1 ] \
  && ok "verify without an engine: exit 2, one line, nothing written" || bad "verify without an engine: rc $rc"

# The HEALTHCHECK mode: no --smoke, the image has one; both healthy. Then
# the file the check tests is dropped: the slim image turns unhealthy.
hctx="$work/hctx"; mkdir -p "$hctx"
printf 'FROM bb:base\nRUN echo ok > /x && echo pad > /pad && rm /pad\nHEALTHCHECK --interval=1s --timeout=2s --retries=1 CMD test -f /x\nCMD ["busybox", "sleep", "600"]\n' >"$hctx/Dockerfile"
e2e_docker build -q -t e2e/slim:health "$hctx" >/dev/null
e2e_docker save -o "$work/health.tar" e2e/slim:health
e2e_docker rmi e2e/slim:health >/dev/null
set +e
"$ballast" slim "$work/health.tar" -o "$work/health-slim.tar" --tag e2e/slim:health-slim --verify --smoke-timeout 30 \
  >"$work/health.out" 2>"$work/health.err"; rc=$?
set -e
[ $rc = 0 ] && grep -q "^  smoke test: the image's HEALTHCHECK (up to 30.0 s): passed (both images healthy after" "$work/health.out" \
  && ok "HEALTHCHECK mode: both healthy" || { bad "HEALTHCHECK mode: rc $rc"; cat "$work/health.out" "$work/health.err"; }
e2e_docker image inspect e2e/slim:health >/dev/null 2>&1 && bad "health: the loaded original is left" || ok "health: the loaded original is removed"
set +e
"$ballast" slim "$work/health.tar" -o "$work/health-broken.tar" --drop-path /x --verify --smoke-timeout 30 \
  >"$work/health-broken.out" 2>"$work/health-broken.err"; rc=$?
set -e
[ $rc = 1 ] && grep -q 'FAILED (the slim image is unhealthy)' "$work/health-broken.out" && grep -q 'slim image broken' "$work/health-broken.err" \
  && ok "HEALTHCHECK control: the slim image without /x is unhealthy, exit 1" || { bad "HEALTHCHECK control: rc $rc"; cat "$work/health-broken.out"; }
[ "$(e2e_docker ps -aq | wc -l)" = 0 ] && ok "health: no container left" || bad "health: containers left"

# --- OCI layout output: skopeo and umoci ------------------------------------
"$ballast" slim "$work/orig.tar" -o "oci:$work/layout:slim" --compression zstd >/dev/null
skopeo inspect "oci:$work/layout:slim" >"$work/skopeo.json" && [ "$(jq '.Layers | length' "$work/skopeo.json")" = 2 ] \
  && ok "skopeo inspect" || bad "skopeo inspect"
"$ballast" slim "$work/orig.tar" -o "oci:$work/layout-gz:slim" >/dev/null
umoci unpack --image "$work/layout-gz:slim" "$work/bundle" >/dev/null 2>"$work/umoci.err" \
  && [ -f "$work/bundle/rootfs/data/opq/c" ] && [ ! -e "$work/bundle/rootfs/data/opq/a" ] && [ ! -e "$work/bundle/rootfs/bin/seq" ] \
  && ok "umoci unpack" || { bad "umoci unpack"; cat "$work/umoci.err"; }
skopeo copy -q "oci:$work/layout:slim" "oci:$work/via-skopeo:zstd" >/dev/null \
  && ok "skopeo copy of the zstd layout" || bad "skopeo copy"

# podman loads the docker-archive too (its own storage, vfs, under the work dir).
if command -v podman >/dev/null; then
  pod=(podman --root "$work/podman/root" --runroot "$work/podman/run" --storage-driver vfs)
  "${pod[@]}" load -q -i "$work/slim.tar" >/dev/null 2>"$work/podman.err" \
    && [ "$("${pod[@]}" image inspect --format '{{len .RootFS.Layers}}' e2e/slim:safe)" = 2 ] \
    && ok "podman load" || { bad "podman load"; cat "$work/podman.err"; }
  rm -rf "$work/podman" 2>/dev/null || true
else
  bad "podman missing"
fi

# --- opt-in drops: the export loses exactly the dropped paths ----------------
"$ballast" slim "$work/orig.tar" -o "$work/drop.tar" --tag e2e/slim:drop --drop caches,docs \
  --drop-path '/data/link' --keep-path '/root/.cache/pip/keepme' >"$work/drop.out"
e2e_docker load -i "$work/drop.tar" >/dev/null
e2e_export_listing e2e/slim:drop "$work/drop.list"
# By hand: the pip cache file, the README (copyright stays), the symlink; /tmp is empty.
grep -Ev $'^(root/\\.cache/pip/wheel|usr/share/doc/pkg/README|data/link)\t' "$work/orig.list" >"$work/drop.expected"
check export-minus-dropped "$work/drop.expected" "$work/drop.list"
[ "$(wc -l <"$work/orig.list")" -eq $(( $(wc -l <"$work/drop.list") + 3 )) ] && ok "three paths fewer" || bad "count"

# --- safety -----------------------------------------------------------------
set +e
"$ballast" slim "$work/orig.tar" -o "$work/slim.tar" >/dev/null 2>"$work/exists.err"; rc=$?
set -e
[ $rc = 2 ] && [ "$(wc -l <"$work/exists.err")" = 1 ] && ok "existing OUT refused (exit 2, one line)" || bad "existing OUT: rc $rc"
set +e
"$ballast" slim "$work/nope.tar" -o "$work/x.tar" >/dev/null 2>"$work/bad.err"; rc=$?
set -e
[ $rc = 2 ] && [ ! -e "$work/x.tar" ] && ok "bad input: exit 2, nothing written" || bad "bad input: rc $rc"
ls -a "$work" | grep -q '\.ballast-' && bad "temporary files left" || ok "no temporary files left"

if [ "$fail" -ne 0 ]; then echo "slim e2e: FAILED"; exit 1; fi
echo "slim e2e: all checks passed"
