#!/usr/bin/env bash
# End to end: `ballast fix --multi-stage` on the C fixture
# (tests/unit/fix/fixtures/c_program: gcc, libc6-dev and make from Debian's
# apt, built and run in one stage, CRLF line endings), built before and after
# with the test's own dockerd on the debootstrap base (lib/debian_base.sh).
# Oracles: both images print the same line with the same exit code; the
# engine's own image size drops by more than half (the toolchain stays in the
# builder) and ballast's analysis agrees; the fixed image has no gcc; a second
# fix changes nothing. The Python and Node fixtures are not built here: pip
# wheels and npm would make this suite slower than its 2-minute budget.
# Usage: fix_multistage_test.sh BALLAST BUILD_DIR
set -euo pipefail
ballast=$1
build=$2
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib/dockerd.sh"
source "$here/lib/debian_base.sh"
command -v jq >/dev/null || e2e_skip_or_fail "jq not installed (scripts/setup.sh)"
work=$(cd "$build" && pwd)/e2e-fix-multistage
rm -rf "$work"
mkdir -p "$work"
base_tar=$(e2e_debian_base_tar "$build")
e2e_start_dockerd "$work/engine"
e2e_docker import "$base_tar" debian:bookworm-slim >/dev/null

fail() { echo "FAIL: $*" >&2; exit 1; }
cp -r "$here/../unit/fix/fixtures/c_program" "$work/ctx"
ctx=$work/ctx
cp "$ctx/Dockerfile" "$work/Dockerfile.orig"
printf 'lint:\n  ignore: [BA2003]\n' >"$work/fix.yaml"

"$ballast" fix --config "$work/fix.yaml" --multi-stage --write "$ctx/Dockerfile" >"$work/summary.txt"
grep -q ": BA1012: multi-stage" "$work/summary.txt" || fail "no multi-stage change: $(cat "$work/summary.txt")"
grep -q $'\r$' "$ctx/Dockerfile" || fail "CRLF lost"
"$ballast" fix --config "$work/fix.yaml" --multi-stage --exit-code "$ctx/Dockerfile" >/dev/null 2>&1 ||
  fail "second fix is not a no-op"
echo "--- fixed Dockerfile"; tr -d '\r' <"$ctx/Dockerfile"

# Both builds at once (they share no cache: the RUN lines differ), each timed.
timed_build() {
  local start
  start=$(date +%s)
  e2e_docker build -q -t "$1" -f "$2" "$ctx" >"$work/$1.log" 2>&1 || { cat "$work/$1.log" >&2; return 1; }
  echo $(($(date +%s) - start)) >"$work/$1.seconds"
}
timed_build fixc:before "$work/Dockerfile.orig" &
before_pid=$!
timed_build fixc:after "$ctx/Dockerfile" &
after_pid=$!
wait "$before_pid" || fail "build of the original failed"
wait "$after_pid" || fail "build of the fixed Dockerfile failed"

set +e
before_out=$(e2e_docker run --rm fixc:before); before_rc=$?
after_out=$(e2e_docker run --rm fixc:after); after_rc=$?
set -e
[ "$before_rc" -eq "$after_rc" ] || fail "exit codes differ: $before_rc vs $after_rc"
[ "$before_out" = "hello from ballast" ] || fail "before: '$before_out'"
[ "$before_out" = "$after_out" ] || fail "outputs differ: '$before_out' vs '$after_out'"
if e2e_docker run --rm fixc:after sh -c 'command -v gcc'; then fail "gcc still in the runtime image"; fi
e2e_docker run --rm fixc:before sh -c 'command -v gcc' >/dev/null || fail "control: gcc missing before"

size_before=$(e2e_docker image inspect --format '{{.Size}}' fixc:before)
size_after=$(e2e_docker image inspect --format '{{.Size}}' fixc:after)
[ $((size_after * 2)) -lt "$size_before" ] || fail "engine size $size_before -> $size_after: not halved"
"$ballast" analyze docker-daemon:fixc:before --format json >"$work/before.json"
"$ballast" analyze docker-daemon:fixc:after --format json >"$work/after.json"
sb=$(jq .totals.stored_bytes "$work/before.json"); sa=$(jq .totals.stored_bytes "$work/after.json")
fb=$(jq .totals.final_bytes "$work/before.json"); fa=$(jq .totals.final_bytes "$work/after.json")
lb=$(jq .totals.layers "$work/before.json"); la=$(jq .totals.layers "$work/after.json")
[ $((sa * 2)) -lt "$sb" ] || fail "ballast stored bytes $sb -> $sa: not halved"
printf '| image | engine size | stored (ballast) | final (ballast) | layers | cold build s (built in parallel) |\n|---|---|---|---|---|---|\n'
printf '| before | %s | %s | %s | %s | %s |\n' "$size_before" "$sb" "$fb" "$lb" "$(cat "$work/fixc:before.seconds")"
printf '| after | %s | %s | %s | %s | %s |\n' "$size_after" "$sa" "$fa" "$la" "$(cat "$work/fixc:after.seconds")"
echo "fix_multistage_test: OK"
