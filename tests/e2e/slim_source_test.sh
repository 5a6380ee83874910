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
e2e_start_dockerd "$work/engine"
cleanup() { e2e_stop_dockerd; }
trap cleanup EXIT
e2e_busybox_base bb:base
for tool in jq python3; do command -v $tool >/dev/null || e2e_skip_or_fail "$tool missing"; done

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

injected='^(\.dockerenv|etc/hosts|etc/hostname|etc/resolv\.conf|etc/mtab|dev|dev/.*|proc|sys|proc/.*|sys/.*)$'
export_listing() {  # export_listing IMAGE OUT
  local cid
  cid=$(e2e_docker create "$1")
  e2e_docker export "$cid" >"$work/export.tmp"
  e2e_docker rm "$cid" >/dev/null
  python3 "$here/lib/tar_listing.py" "$work/export.tmp" "$injected" | sort >"$2"
}
export_listing e2e/src:orig "$work/orig.list"
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
export_listing e2e/src:slim "$work/slim.list"
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

# --- bad input: one line, exit 2, nothing written ------------------------------
expect_error missing-image 'no such image' "$ballast" slim e2e/src:nope -o "$work/bad/x.tar"
expect_error missing-image-daemon 'no such image' "$ballast" slim docker-daemon:e2e/src:nope -o "$work/bad/x.tar"
expect_error no-engine 'no engine at' env DOCKER_HOST="unix://$work/no-engine.sock" "$ballast" slim docker-daemon:e2e/src:orig -o "oci:$work/bad/x"
expect_error stdin 'standard input' sh -c "\"$ballast\" slim - -o \"$work/bad/x.tar\" <\"$work/orig.tar\""

if [ "$fail" -ne 0 ]; then echo "slim source e2e: FAILED"; exit 1; fi
echo "slim source e2e: all checks passed"
