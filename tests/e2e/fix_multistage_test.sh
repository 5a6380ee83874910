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
echo "fix_multistage_test: OK"
