#!/usr/bin/env bash
# End to end: `ballast fix --multi-stage --verify` on the C fixture
# (tests/unit/fix/fixtures/c_program: gcc, libc6-dev and make from Debian's
# apt, built and run in one stage, CRLF line endings) on the debootstrap base
# (lib/debian_base.sh). The checks are lib/fix_verify.sh's, from the engine;
# here also: the stored bytes more than halve (the toolchain stays in the
# builder) and the CRLF line endings survive --write. The Python and Node
# fixtures have suites of their own (fix_python_test.sh, fix_node_test.sh).
# Usage: fix_multistage_test.sh BALLAST BUILD_DIR
set -euo pipefail
ballast=$1
build=$2
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib/dockerd.sh"
source "$here/lib/debian_base.sh"
source "$here/lib/fix_verify.sh"
command -v jq >/dev/null || e2e_skip_or_fail "jq not installed (scripts/setup.sh)"
work=$(cd "$build" && pwd)/e2e-fix-multistage
rm -rf "$work"
mkdir -p "$work"
base_tar=$(e2e_debian_base_tar "$build")
e2e_start_dockerd "$work/engine"
e2e_docker import "$base_tar" debian:bookworm-slim >/dev/null

fail() { echo "FAIL: $*" >&2; exit 1; }
cp -r "$here/../unit/fix/fixtures/c_program" "$work/ctx"
FV_PREFIX=fixc FV_SMOKE=hello FV_EXPECTED="hello from ballast" FV_CHANGED=hello.c FV_GONE="command -v gcc" \
  FV_FASTER=no FV_CHANGE=BA1012 FV_PREDICTED=BA1012/image.build-toolchain \
  e2e_fix_verify "$ballast" "$work" "$work/ctx" --multi-stage
grep -q $'\r$' "$work/ctx/Dockerfile" || fail "CRLF lost"
sb=$(jq .totals.stored_bytes "$work/before.json"); sa=$(jq .totals.stored_bytes "$work/after.json")
[ $((sa * 2)) -lt "$sb" ] || fail "ballast stored bytes $sb -> $sa: not halved"

# A -dev package in the build (libssl-dev: the program links libcrypto).
# Without --image the split is withheld (the unit tests); with the image
# built from the Dockerfile, its dpkg Depends name libssl3 for the runtime
# stage. The engine is the oracle: the fixed image runs the program (it
# would not start without libcrypto.so.3), and gcc is gone from it.
cp -r "$here/../unit/fix/fixtures/c_runtime_library" "$work/ctx-ssl"
rm -f "$work/ctx-ssl"/expected*.diff
e2e_docker build -q -t fixssl:built "$work/ctx-ssl" >/dev/null
e2e_docker run --rm fixssl:built sh -c 'ldd /usr/local/bin/sha' | grep -q 'libcrypto.so.3' \
  || fail "control: the program does not link libcrypto"
"$ballast" fix --multi-stage "$work/ctx-ssl/Dockerfile" --format json >"$work/ssl-plain.json" || true
jq -e '.withheld[] | select(.id == "BA1012" and (.reason | contains("libssl-dev")))' "$work/ssl-plain.json" >/dev/null \
  || fail "without --image the split is not withheld: $(jq -c .withheld "$work/ssl-plain.json")"
mkdir -p "$work/ssl"
FV_PREFIX=fixssl FV_SMOKE=sha FV_EXPECTED=$(printf ballast | sha256sum | cut -d' ' -f1) FV_CHANGED=sha.c \
  FV_GONE="command -v gcc" FV_FASTER=no FV_CHANGE=BA1012 FV_PREDICTED=BA1012/image.build-toolchain \
  e2e_fix_verify "$ballast" "$work/ssl" "$work/ctx-ssl" --multi-stage --image docker-daemon:fixssl:built
grep -q 'libssl3' "$work/ctx-ssl/Dockerfile" || fail "the runtime stage does not install libssl3"
jq -r '.changes[] | select(.ids[0] == "BA1012") | .description' "$work/ssl/verify.json" | grep -q 'libssl-dev -> libssl3' \
  || fail "the change does not name the evidence"
e2e_docker rmi fixssl:built >/dev/null
echo "fix_multistage_test: OK"
