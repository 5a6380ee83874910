#!/usr/bin/env bash
# Reading an image from the engine against saving it first, in one run
# (docs/benchmarks.md records the figures). A private dockerd (the e2e one,
# tests/e2e/lib/dockerd.sh) holds a ~2 GB image made from this machine's
# /usr/share and /usr/lib/x86_64-linux-gnu plus two layers built on it; then
# hyperfine times:
#   ballast analyze docker-daemon:IMG          the overlay2 layer directories (as root)
#   ... --engine-layers stream                 streamed from the API, nothing on disk
#   docker save IMG | ballast analyze -        the same stream through a pipe
#   docker save -o x.tar IMG && ballast analyze x.tar   the old way
#   docker save -o x.tar IMG                   the save alone (the goal: beat it)
#   docker save IMG > /dev/null                the engine's stream alone (the floor)
#
#   bench/engine/run.sh [BUILD_DIR] [WORK_DIR]     (as root: it starts dockerd)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-build}" && pwd)
work=${2:-/tmp/ballast-bench-engine}
ballast="$build/ballast"
mkdir -p "$work"
work=$(cd "$work" && pwd)
source "$here/../../tests/e2e/lib/dockerd.sh"
e2e_start_dockerd "$work/engine"

img=bench/engine:1
if ! e2e_docker image inspect "$img" >/dev/null 2>&1; then
  echo "making the benchmark image ..." >&2
  rm -rf "$work/root" && mkdir -p "$work/root/bin"
  cp /bin/busybox "$work/root/bin/busybox"
  for c in sh cp rm mkdir; do ln -s busybox "$work/root/bin/$c"; done
  tar -C "$work/root" -cf "$work/base.tar" . 
  tar -C / -rf "$work/base.tar" usr/share usr/lib/x86_64-linux-gnu 2>/dev/null || true
  e2e_docker import "$work/base.tar" bench/base:1 >/dev/null
  rm -rf "$work/root" "$work/base.tar"
  mkdir -p "$work/ctx"
  printf 'FROM bench/base:1\nRUN rm -rf /usr/share/doc /usr/share/locale\nRUN cp -r /usr/share/perl /perl-copy\nCMD ["sh"]\n' \
    >"$work/ctx/Dockerfile"
  e2e_docker build -q -t "$img" "$work/ctx" >/dev/null
fi
e2e_docker image inspect -f 'image {{.Id}}: {{.Size}} bytes' "$img"
"$ballast" --version

hyperfine --warmup 1 --runs "${RUNS:-3}" --export-markdown "$work/engine.md" \
  -n "ballast analyze docker-daemon:$img (directories)" "$ballast analyze --no-cache --format json --engine-layers directory docker-daemon:$img >/dev/null" \
  -n "ballast analyze docker-daemon:$img (stream)" "$ballast analyze --no-cache --format json --engine-layers stream docker-daemon:$img >/dev/null" \
  -n "docker save $img | ballast analyze -" "$E2E_DOCKER save $img | $ballast analyze --no-cache --format json - >/dev/null" \
  -n "docker save -o x.tar && ballast analyze x.tar" \
     "$E2E_DOCKER save -o $work/x.tar $img && $ballast analyze --no-cache --format json $work/x.tar >/dev/null; rm -f $work/x.tar" \
  -n "docker save -o x.tar (alone)" "$E2E_DOCKER save -o $work/x.tar $img; rm -f $work/x.tar" \
  -n "docker save > /dev/null (the stream alone)" "$E2E_DOCKER save $img >/dev/null"
cat "$work/engine.md"
# Peak memory of the streaming path (bounded by metadata, not the image).
/usr/bin/time -f "docker-daemon (stream): max RSS %M KiB, %e s" "$ballast" analyze --no-cache --format json --engine-layers stream "docker-daemon:$img" >/dev/null
/usr/bin/time -f "docker-daemon (directories): max RSS %M KiB, %e s" "$ballast" analyze --no-cache --format json --engine-layers directory "docker-daemon:$img" >/dev/null
