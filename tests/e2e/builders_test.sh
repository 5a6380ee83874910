#!/usr/bin/env bash
# End to end: images made by builders other than the Docker Engine, read by
# ballast, against the builder's own unpacked root filesystem:
#  (a) buildah (bud --layers, chroot isolation): a COPY and a RUN that deletes
#      a file and adds a hardlinked pair; pushed as an OCI layout, an
#      oci-archive and a docker-archive. Oracle: the rootfs `buildah mount`
#      shows for a container of the image.
#  (b) umoci: two repacks of a bundle (umoci writes "./" as its first entry).
#      Oracle: `umoci unpack` of the result.
#  (c) kaniko- and ko-style names made by GNU tar (`--transform`, `-P`): a
#      layer whose first entry is "/" and whose other names are absolute
#      ("/etc/x", hardlink target "/srv/data"), added with
#      `umoci raw add-layer`. Oracle: the rootfs containers/storage (buildah)
#      unpacks from it — the engine's own reading of those names.
#  (d) a name climbing above the root ("../x"): ballast refuses it (moby's
#      rule, docs/analyze.md#layer-tar-names), exit 2, one line.
# BuildKit's own OCI export needs `docker buildx`, which Debian's docker.io
# client does not ship; its tar layout is covered by the unit fixtures
# (tests/unit/analysis/builder_layouts_test.cc).
# Usage: builders_test.sh BALLAST BUILD_DIR
set -euo pipefail
ballast=$1
build=$2
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib/dockerd.sh"  # e2e_skip_or_fail
for tool in buildah umoci jq; do
  command -v "$tool" >/dev/null || e2e_skip_or_fail "$tool not installed (scripts/setup.sh)"
done
[ "$(id -u)" -eq 0 ] || e2e_skip_or_fail "buildah's vfs storage needs root here"
# podman/buildah refuse run roots longer than 50 characters: keep them in /tmp.
work=$(cd "$build" && pwd)/e2e-builders
store=$(mktemp -d /tmp/ballast-bld.XXXXXX)
B=(buildah --root "$store/root" --runroot "$store/run" --storage-driver vfs)
cleanup() {
  "${B[@]}" rm --all >/dev/null 2>&1 || true
  rm -rf "$store"
}
trap cleanup EXIT
rm -rf "$work"; mkdir -p "$work"

fail=0
check() {  # check NAME EXPECTED-FILE ACTUAL-FILE
  if diff -u "$2" "$3" >"$work/$1.diff"; then echo "ok   $1 ($(wc -l <"$3") entries)"; else echo "FAIL $1"; head -40 "$work/$1.diff"; fail=1; fi
}
# The listing both sides are reduced to: type, absolute path, size (a
# symlink's size is its target's length, a directory's 0, a hardlink is a
# file of its inode's size).
listing_of_rootfs() {  # DIR
  find "$1" -mindepth 1 -printf '%y\t/%P\t%s\n' \
    | awk -F'\t' -v OFS='\t' '{ t = ($1 == "d" ? "dir" : $1 == "l" ? "symlink" : $1 == "f" ? "file" : $1); s = (t == "dir" ? 0 : $3); print t, $2, s }' \
    | sort
}
listing_of_ballast() {  # REF
  "$ballast" analyze --format json --bytes --files "$1" \
    | jq -r '.files[] | [(if .type == "hardlink" then "file" else .type end), .path, .size] | @tsv' | sort
}

# A tiny root filesystem: busybox-static, a symlink, a file to delete later.
ctx="$work/ctx"; mkdir -p "$ctx/rootfs/bin" "$ctx/rootfs/etc"
cp /bin/busybox "$ctx/rootfs/bin/busybox"
ln -s busybox "$ctx/rootfs/bin/sh"
echo 'ID=e2e' >"$ctx/rootfs/etc/os-release"

# (a) buildah
cat >"$ctx/Containerfile" <<'CF'
FROM scratch
COPY rootfs/ /
RUN ["/bin/busybox", "sh", "-c", "rm /etc/os-release && mkdir -p /srv && dd if=/dev/zero of=/srv/data bs=1000 count=5 2>/dev/null && ln /srv/data /srv/data-hard"]
CF
"${B[@]}" bud -q --layers --isolation chroot -t localhost/e2e/bld:1 "$ctx" >/dev/null
ctr=$("${B[@]}" from -q localhost/e2e/bld:1)
listing_of_rootfs "$("${B[@]}" mount "$ctr")" >"$work/buildah.expected"
"${B[@]}" umount "$ctr" >/dev/null
"${B[@]}" push -q localhost/e2e/bld:1 "oci:$work/bld-oci:bld" 2>/dev/null
"${B[@]}" push -q localhost/e2e/bld:1 "oci-archive:$work/bld.oci.tar" 2>/dev/null
"${B[@]}" push -q localhost/e2e/bld:1 "docker-archive:$work/bld.docker.tar:e2e/bld:1" 2>/dev/null
listing_of_ballast "oci:$work/bld-oci:bld" >"$work/buildah.oci"
check buildah-oci-layout "$work/buildah.expected" "$work/buildah.oci"
listing_of_ballast "oci-archive:$work/bld.oci.tar" >"$work/buildah.oci-archive"
check buildah-oci-archive "$work/buildah.expected" "$work/buildah.oci-archive"
listing_of_ballast "docker-archive:$work/bld.docker.tar" >"$work/buildah.docker-archive"
check buildah-docker-archive "$work/buildah.expected" "$work/buildah.docker-archive"
# The deleted file is reclaimable: its size as the COPY layer stored it.
got=$("$ballast" analyze --format json --bytes "oci:$work/bld-oci:bld" | jq -r '.reclaimable[] | "\(.path) \(.size)"')
want="/etc/os-release $(stat -c %s "$ctx/rootfs/etc/os-release")"
if [ "$got" = "$want" ]; then echo "ok   buildah-reclaimable ($got)"; else echo "FAIL buildah-reclaimable: want '$want', got '$got'"; fail=1; fi

# (b) umoci
u="$work/umoci"
umoci init --layout "$u"
umoci new --image "$u:1"
umoci unpack --image "$u:1" "$work/bundle" >/dev/null
cp -a "$ctx/rootfs/." "$work/bundle/rootfs/"
umoci repack --image "$u:1" "$work/bundle"
rm "$work/bundle/rootfs/etc/os-release"
mkdir "$work/bundle/rootfs/srv"
head -c 5000 /dev/zero >"$work/bundle/rootfs/srv/data"
ln "$work/bundle/rootfs/srv/data" "$work/bundle/rootfs/srv/data-hard"
umoci repack --image "$u:1" "$work/bundle"
umoci unpack --image "$u:1" "$work/check" >/dev/null
listing_of_rootfs "$work/check/rootfs" >"$work/umoci.expected"
listing_of_ballast "oci:$u:1" >"$work/umoci.actual"
check umoci-oci-layout "$work/umoci.expected" "$work/umoci.actual"

# (c) kaniko/ko-style absolute names, written by GNU tar, applied by containers/storage.
abs="$work/abs"; mkdir -p "$abs/etc" "$abs/srv" "$abs/ko-app"
echo 'ID=kaniko' >"$abs/etc/os-release"
head -c 7000 /dev/zero >"$abs/srv/data"
ln "$abs/srv/data" "$abs/srv/data-hard"
cp /bin/busybox "$abs/ko-app/app"
# ".", "./etc", ... become "/", "/etc", ...; -P keeps the leading slash.
tar -C "$abs" -P --transform 's,^\.,/,;s,^//,/,' --sort=name -cf "$work/abs-layer.tar" .
tar -tvPf "$work/abs-layer.tar" >"$work/abs-layer.list"
head -1 "$work/abs-layer.list" | grep -q ' /$' || { echo "FAIL abs-layer: first entry is not '/'"; cat "$work/abs-layer.list"; fail=1; }
grep -q ' /srv/data-hard link to /srv/data$' "$work/abs-layer.list" || { echo "FAIL abs-layer: no absolute hardlink"; fail=1; }
ka="$work/kaniko"
umoci init --layout "$ka"
umoci new --image "$ka:1"
umoci raw add-layer --image "$ka:1" "$work/abs-layer.tar"
ctr=$("${B[@]}" from -q "oci:$ka:1")
listing_of_rootfs "$("${B[@]}" mount "$ctr")" >"$work/kaniko.expected"
"${B[@]}" umount "$ctr" >/dev/null
listing_of_ballast "oci:$ka:1" >"$work/kaniko.actual"
check absolute-names-as-containers-storage "$work/kaniko.expected" "$work/kaniko.actual"

# (d) ".." above the root: refused, one line, exit 2.
mkdir -p "$work/evil/sub"; echo x >"$work/evil/sub/x"
tar -C "$work/evil" -P --transform 's,^sub/x$,../x,' -cf "$work/evil-layer.tar" sub/x
ev="$work/evil-oci"
umoci init --layout "$ev"
umoci new --image "$ev:1"
umoci raw add-layer --image "$ev:1" "$work/evil-layer.tar"
set +e
"$ballast" analyze "oci:$ev:1" >"$work/evil.out" 2>"$work/evil.err"
rc=$?
set -e
if [ "$rc" = 2 ] && [ "$(wc -l <"$work/evil.err")" = 1 ] && grep -q "hostile tar entry '../x': path escapes the root (..)" "$work/evil.err" \
   && [ ! -s "$work/evil.out" ]; then
  echo "ok   dotdot-above-root-refused"
else
  echo "FAIL dotdot-above-root-refused (exit $rc)"; cat "$work/evil.err"; fail=1
fi

exit $fail
