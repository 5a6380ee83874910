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
#      are what `analyze` predicted (the reclaimable bytes above the base).
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

injected='^(\.dockerenv|etc/hosts|etc/hostname|etc/resolv\.conf|etc/mtab|dev|dev/.*|proc|sys|proc/.*|sys/.*)$'
export_listing() {  # export_listing IMAGE OUT
  local cid
  cid=$(e2e_docker create "$1")
  e2e_docker export "$cid" >"$work/export.tmp"
  e2e_docker rm "$cid" >/dev/null
  python3 "$here/lib/tar_listing.py" "$work/export.tmp" "$injected" | sort >"$2"
}
export_listing e2e/slim:orig "$work/orig.list"
grep -q $'^data/null\tchar' "$work/orig.list" && grep -q $'^opt/capped\t.*\t01000002' "$work/orig.list" \
  && grep -q $'^data/suid\tfile\t0o104755' "$work/orig.list" && ok "fixture has a device, a capability, setuid" \
  || bad "fixture lacks a device node, capability or setuid bit"

# --- the always-safe slim -------------------------------------------------
"$ballast" slim "$work/orig.tar" -o "$work/slim.tar" --tag e2e/slim:safe >"$work/slim.out"
cat "$work/slim.out"
e2e_docker load -i "$work/slim.tar" >/dev/null && ok "docker load" || bad "docker load"
export_listing e2e/slim:safe "$work/safe.list"
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
export_listing e2e/slim:drop "$work/drop.list"
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
